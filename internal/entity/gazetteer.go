package entity

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// Entry is one gazetteer entity: its canonical name, aliases and demonyms.
type Entry struct {
	Kind     Kind     `json:"kind"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	Demonyms []string `json:"demonyms,omitempty"`
	// Source names the file the entry came from ("places.tsv",
	// ".parallax/aliases.tsv").
	Source string `json:"source,omitempty"`
}

// Gazetteer holds known names and the cue words of extraction. It is
// immutable once built and safe for concurrent use.
type Gazetteer struct {
	entries  []Entry
	names    map[string][]nameRef // Key(name or alias) → entries
	demonyms map[string]int       // Key(demonym) → entry
	firsts   map[string]bool      // first word of every multiword key
	maxWords int

	titles   map[string]string // key → title as written in cues
	titleMax int
	roles    map[string]Kind
	verbs    map[string]Kind
	heads    map[string]Kind
	headMax  int
	// lowerHeads are the head words listed in lower case: only they tell
	// a kind when written in lower case after a name ("Hamra province",
	// but not "Marvanian forces" or "the Tolos bank").
	lowerHeads map[string]Kind
	// chrome are phrases of page furniture ("Hide Caption", "Privacy
	// Policy"), as folded words, by their first word.
	chrome map[string][][]string
	preps  map[string]Kind
	stop   map[string]bool
	given  map[string]bool
	// givenOf maps a given name or a familiar form of one to the full
	// given names it stands for (hypocorisms.txt).
	givenOf map[string][]string
	// common are everyday words a name made only of them is not
	// (common-words.txt).
	common map[string]bool
	// capitalOf maps a capital's entry to its country's (capitals.tsv).
	capitalOf map[int]int
	// native are the names in Cyrillic and Arabic script (native/*.tsv),
	// langs the language profiles that extraction in those scripts uses.
	native *nativeNames
	langs  *lang.Set
}

type nameRef struct {
	entry    int
	capsOnly bool // the alias is written in capitals: match capitals only
}

// DefaultGazetteer loads the gazetteer shipped in resources/gazetteer.
func DefaultGazetteer() (*Gazetteer, error) {
	sub, err := fs.Sub(resources.Gazetteer, "gazetteer")
	if err != nil {
		return nil, fmt.Errorf("shipped gazetteer: %w", err)
	}
	return LoadGazetteer(sub)
}

// LoadGazetteer reads every entity list (*.tsv), cues.tsv, stopwords.txt and
// given-names.txt from the root of fsys.
func LoadGazetteer(fsys fs.FS) (*Gazetteer, error) {
	g := newGazetteer()
	if err := g.loadLanguages(); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "*")
	if err != nil {
		return nil, fmt.Errorf("list gazetteer: %w", err)
	}
	sort.Strings(files)
	// capitals.tsv names entries of the other lists: read it last.
	if i := slices.Index(files, "capitals.tsv"); i >= 0 {
		files = append(slices.Delete(files, i, i+1), "capitals.tsv")
	}
	for _, name := range files {
		if !strings.HasSuffix(name, ".tsv") && !strings.HasSuffix(name, ".txt") {
			continue
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open gazetteer %s: %w", name, err)
		}
		switch name {
		case "cues.tsv":
			err = g.readCues(f)
		case "stopwords.txt":
			err = readWordList(f, g.stop)
		case "given-names.txt":
			err = readWordList(f, g.given)
		case "common-words.txt":
			err = readWordList(f, g.common)
		case "hypocorisms.txt":
			err = g.readHypocorisms(f)
		case "chrome.txt":
			err = g.readChrome(f)
		case "capitals.tsv":
			err = g.readCapitals(f)
		case "README.txt":
		default:
			if path.Ext(name) == ".tsv" {
				err = g.readEntries(f, name)
			}
		}
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", name, err)
		}
	}
	if err := g.readNative(fsys); err != nil {
		return nil, err
	}
	return g, nil
}

// ProjectAliasesFile is the per-project alias list, relative to the project.
const ProjectAliasesFile = ".parallax/aliases.tsv"

// WithProject returns a copy of g with the project's
// <project>/.parallax/aliases.tsv loaded on top, or g itself when the
// project has no such file.
func (g *Gazetteer) WithProject(projectDir string) (*Gazetteer, error) {
	rfs, err := projectfs.Open(projectDir)
	if err != nil {
		return nil, fmt.Errorf("open project aliases: %w", err)
	}
	defer rfs.Close()
	// Through the project's door: never out of the folder, never a FIFO or
	// device, never more than a state file's size limit.
	data, _, err := rfs.ReadFile(ProjectAliasesFile, projectfs.LimitState)
	if errors.Is(err, fs.ErrNotExist) {
		return g, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open project aliases: %w", err)
	}
	c := g.clone()
	if err := c.readEntries(bytes.NewReader(data), ProjectAliasesFile); err != nil {
		return nil, fmt.Errorf("%s: %w", rfs.Abs(ProjectAliasesFile), err)
	}
	return c, nil
}

// WithEntries returns a copy of g with extra entries added as if read from
// a project alias file.
func (g *Gazetteer) WithEntries(entries ...Entry) *Gazetteer {
	c := g.clone()
	for _, e := range entries {
		c.add(e)
	}
	return c
}

func newGazetteer() *Gazetteer {
	return &Gazetteer{
		names: map[string][]nameRef{}, demonyms: map[string]int{}, firsts: map[string]bool{},
		titles: map[string]string{}, roles: map[string]Kind{}, verbs: map[string]Kind{},
		heads: map[string]Kind{}, preps: map[string]Kind{}, stop: map[string]bool{}, given: map[string]bool{},
		givenOf: map[string][]string{}, common: map[string]bool{},
		lowerHeads: map[string]Kind{}, chrome: map[string][][]string{}, capitalOf: map[int]int{},
		native: newNativeNames(),
	}
}

func (g *Gazetteer) clone() *Gazetteer {
	c := *g
	c.entries = append([]Entry(nil), g.entries...)
	c.names = make(map[string][]nameRef, len(g.names))
	for k, v := range g.names {
		c.names[k] = append([]nameRef(nil), v...)
	}
	c.demonyms = make(map[string]int, len(g.demonyms))
	for k, v := range g.demonyms {
		c.demonyms[k] = v
	}
	c.firsts = make(map[string]bool, len(g.firsts))
	for k, v := range g.firsts {
		c.firsts[k] = v
	}
	return &c
}

// readEntries reads an entity list: kind, name, aliases, demonyms.
func (g *Gazetteer) readEntries(r io.Reader, source string) error {
	return eachLine(r, func(n int, line string) error {
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			return fmt.Errorf("line %d: want kind<TAB>name[<TAB>aliases<TAB>demonyms]", n)
		}
		kind, ok := ParseKind(strings.TrimSpace(cols[0]))
		if !ok {
			return fmt.Errorf("line %d: unknown kind %q", n, cols[0])
		}
		e := Entry{Kind: kind, Name: strings.TrimSpace(cols[1]), Source: source}
		if e.Name == "" {
			return fmt.Errorf("line %d: empty name", n)
		}
		if len(cols) > 2 {
			e.Aliases = splitList(cols[2])
		}
		if len(cols) > 3 {
			e.Demonyms = splitList(cols[3])
		}
		g.add(e)
		return nil
	})
}

// add adds e; when its name or an alias is already an entry's name or alias
// (a project file extending a shipped entry), e's names join that entry.
func (g *Gazetteer) add(e Entry) {
	idx := -1
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if refs := g.names[Key(n)]; len(refs) > 0 {
			idx = refs[0].entry
			break
		}
	}
	if idx < 0 {
		idx = len(g.entries)
		g.entries = append(g.entries, Entry{Kind: e.Kind, Name: e.Name, Source: e.Source})
	}
	ent := &g.entries[idx]
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		k := Key(n)
		if k == "" {
			continue
		}
		if n != ent.Name && !contains(ent.Aliases, n) {
			ent.Aliases = append(ent.Aliases, n)
		}
		g.addName(k, nameRef{entry: idx, capsOnly: isCapsAlias(n)})
	}
	for _, d := range e.Demonyms {
		if !contains(ent.Demonyms, d) {
			ent.Demonyms = append(ent.Demonyms, d)
		}
		if k := Key(d); k != "" {
			g.demonyms[k] = idx
		}
	}
}

func (g *Gazetteer) addName(k string, ref nameRef) {
	for i, r := range g.names[k] {
		if r.entry == ref.entry {
			g.names[k][i].capsOnly = r.capsOnly && ref.capsOnly
			return
		}
	}
	g.names[k] = append(g.names[k], ref)
	words := strings.Fields(k)
	if len(words) > g.maxWords {
		g.maxWords = len(words)
	}
	g.firsts[words[0]] = true
}

func (g *Gazetteer) readCues(r io.Reader) error {
	return eachLine(r, func(n int, line string) error {
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			return fmt.Errorf("line %d: want type<TAB>phrase<TAB>kind", n)
		}
		kind, ok := ParseKind(strings.TrimSpace(cols[2]))
		if !ok {
			return fmt.Errorf("line %d: unknown kind %q", n, cols[2])
		}
		phrase := strings.TrimSpace(cols[1])
		k := Key(phrase)
		words := len(strings.Fields(k))
		switch strings.TrimSpace(cols[0]) {
		case "title":
			g.titles[k] = phrase
			g.titleMax = max(g.titleMax, words)
		case "role":
			g.roles[k] = kind
		case "verb":
			g.verbs[k] = kind
		case "head":
			// Head words are matched by case: "Units" in a name, "province" after it.
			g.heads[textnorm.String(phrase)] = kind
			g.headMax = max(g.headMax, words)
			if r, _ := utf8.DecodeRuneInString(phrase); unicode.IsLower(r) {
				g.lowerHeads[textnorm.String(phrase)] = kind
			}
		case "prep":
			g.preps[k] = kind
		default:
			return fmt.Errorf("line %d: unknown cue type %q", n, cols[0])
		}
		return nil
	})
}

// readChrome reads page-furniture phrases, one a line.
func (g *Gazetteer) readChrome(r io.Reader) error {
	return eachLine(r, func(_ int, line string) error {
		if words := strings.Fields(Key(line)); len(words) > 0 {
			g.chrome[words[0]] = append(g.chrome[words[0]], words)
		}
		return nil
	})
}

func readWordList(r io.Reader, into map[string]bool) error {
	return eachLine(r, func(_ int, line string) error {
		if k := Key(line); k != "" {
			into[k] = true
		}
		return nil
	})
}

func eachLine(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isCapsAlias reports whether an alias is written in capitals only
// ("UN", "U.S."): such aliases match only text written in capitals.
func isCapsAlias(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 6
}

// Entries returns the gazetteer's entries.
func (g *Gazetteer) Entries() []Entry { return g.entries }

// Lookup returns the entry that the name (any spelling Key folds alike) is
// the name or an alias of.
func (g *Gazetteer) Lookup(name string) (Entry, bool) {
	refs := g.names[Key(name)]
	if len(refs) == 0 {
		return Entry{}, false
	}
	return g.entries[refs[0].entry], true
}

// LookupKey is Lookup for a name already folded with Key. caps says whether
// the text was written in capitals (aliases like "IS" need it).
func (g *Gazetteer) LookupKey(key string, caps bool) (Entry, int, bool) {
	for _, r := range g.names[key] {
		if r.capsOnly && !caps {
			continue
		}
		return g.entries[r.entry], r.entry, true
	}
	return Entry{}, -1, false
}

// IsDemonym reports whether the word is a known demonym or adjective of an
// entry ("Iraqi", "Shi'ite").
func (g *Gazetteer) IsDemonym(word string) bool {
	_, ok := g.demonyms[Key(word)]
	return ok
}

// IsStopword reports whether the word never makes a name on its own.
func (g *Gazetteer) IsStopword(word string) bool { return g.stop[Key(word)] }

// Key is the matching key of a name: folded (case, diacritics, quotes,
// look-alike letters), dots removed ("U.S." → "us"), hyphens and other
// punctuation as single spaces, a possessive "'s" and a leading "the"
// dropped. Apostrophes inside words stay ("kata'ib").
func Key(s string) string {
	f := textnorm.String(s)
	var b strings.Builder
	b.Grow(len(f))
	space := false
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		i += size
		switch {
		case r == '.':
			continue
		case r == '\'':
			// keep inner apostrophes; drop a possessive 's and edge quotes
			if b.Len() == 0 || space {
				continue
			}
			if i < len(f) && f[i] == 's' && (i+1 == len(f) || !isWordByte(f[i+1])) {
				i++
				continue
			}
			if i >= len(f) || !isWordByte(f[i]) {
				continue
			}
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	k := b.String()
	k = strings.TrimPrefix(k, "the ")
	return k
}

func isWordByte(c byte) bool {
	return c >= 0x80 || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// HeadKind returns the kind a head word tells ("province" → place,
// "Units" → organisation), matched case-insensitively.
func (g *Gazetteer) HeadKind(word string) (Kind, bool) {
	k, ok := g.heads[textnorm.String(word)]
	return k, ok
}

// EntryIndex returns the index of the entry a key names, or -1. caps says
// whether the text was written in capitals.
func (g *Gazetteer) EntryIndex(key string, caps bool) int {
	_, i, _ := g.LookupKey(key, caps)
	return i
}

// readCapitals reads capital<TAB>country lines; both must name entries
// already loaded.
func (g *Gazetteer) readCapitals(r io.Reader) error {
	return eachLine(r, func(n int, line string) error {
		cols := strings.Split(line, "\t")
		if len(cols) != 2 {
			return fmt.Errorf("line %d: want capital<TAB>country, got %d columns", n, len(cols))
		}
		index := func(name string) int {
			if i := g.EntryIndex(Key(name), false); i >= 0 {
				return i
			}
			return g.EntryIndex(Key(name), true) // a name in capitals (UAE)
		}
		city, country := index(cols[0]), index(cols[1])
		switch {
		case city < 0:
			return fmt.Errorf("line %d: %q is in no entity list", n, cols[0])
		case country < 0:
			return fmt.Errorf("line %d: %q is in no entity list", n, cols[1])
		}
		g.capitalOf[city] = country
		return nil
	})
}

// CapitalOf returns the entry of the country whose capital entry is, and
// whether entry is a capital.
func (g *Gazetteer) CapitalOf(entry int) (country int, ok bool) {
	country, ok = g.capitalOf[entry]
	return country, ok
}

// IsGivenName reports whether the word is a common given name.
func (g *Gazetteer) IsGivenName(word string) bool { return g.given[Key(word)] }
