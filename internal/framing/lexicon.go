package framing

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
)

// ProjectLexicon is the path of a project's own lexicon, relative to the
// project folder. Its entries add to the shipped lexicon and override it;
// lexicon-<code>.tsv beside it holds terms of another language.
const ProjectLexicon = statedoc.Lexicon

// Entry is one term of the lexicon.
//
// Term syntax (matched on folded text, whole words, case and diacritics
// ignored; hyphens and apostrophes other than inner ones separate words):
//
//	liberate        the word and its regular inflections (liberates, liberated, liberating)
//	liberat*        every word starting with "liberat" (liberation, liberator)
//	=said           the word only, no inflections
//	zionist regime  a phrase; only its last word is inflected (zionist regimes)
//
// A category of "-" in a later lexicon removes the term.
type Entry struct {
	Term     string `json:"term"`
	Category string `json:"category"`
	Note     string `json:"note,omitempty"`
	// Source names the file the entry came from.
	Source string `json:"source,omitempty"`
	// Lang is the language whose documents the term is matched in ("en",
	// "ru"): a file's name ("lexicon-ru.tsv") or a "# language: ru" line
	// says it; a file that says neither is English.
	Lang string `json:"lang,omitempty"`
}

// Lexicon is a compiled set of loaded and framing terms by category, one
// term set per language: a document is matched against the terms of its own
// language only, and a language without terms is not covered.
type Lexicon struct {
	entries []Entry
	pats    []pattern // per entry
	sets    map[string]*termSet
	// langs are the language profiles (clitics, attribution rules) given by
	// WithLanguages; nil reads English only.
	langs *lang.Set
	// native are the attribution rules of languages other than English.
	native map[string]*nativeRules
}

// termSet is the compiled terms of one language.
type termSet struct {
	// byWord indexes the entries by the exact forms of their first word;
	// byPrefix by the prefix of a first word ending in "*".
	byWord     map[string][]int
	byPrefix   map[string][]int
	prefixLens []int
	// clitics, for languages whose words carry attached particles (Arabic
	// "و" "ال", Persian "ها"), lets a word match a term once they are
	// taken off; nil matches words as written.
	clitics *clitics
}

// pattern is an entry's term as one matcher per word.
type pattern struct {
	words []wordPat
}

type wordPat struct {
	forms  map[string]bool // exact forms, or nil for a prefix
	prefix string
}

func (w wordPat) match(s string) bool {
	if w.forms != nil {
		return w.forms[s]
	}
	return strings.HasPrefix(s, w.prefix)
}

// ParseLexicon reads lexicon lines "term<TAB>category<TAB>note" from r.
// Blank lines and lines starting with "#" are skipped; name labels errors and
// the entries' Source.
func ParseLexicon(r io.Reader, name string) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	code := langOfFile(name)
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if c, ok := languageLine(text); ok {
			if len(out) > 0 {
				return nil, fmt.Errorf("%s:%d: the language line must come before the terms", name, line)
			}
			code = c
			continue
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("%s:%d: not valid UTF-8", name, line)
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 2 {
			return nil, fmt.Errorf("%s:%d: want term<TAB>category[<TAB>note], got %q", name, line, text)
		}
		e := Entry{Term: strings.TrimSpace(cols[0]), Category: strings.TrimSpace(cols[1]), Source: name, Lang: code}
		if len(cols) > 2 {
			e.Note = strings.TrimSpace(strings.Join(cols[2:], " "))
		}
		if e.Term == "" || e.Category == "" {
			return nil, fmt.Errorf("%s:%d: empty term or category", name, line)
		}
		if _, err := compileTerm(e.Term, e.Lang); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// LoadLexiconFrom is LoadLexicon with the project lexicons read from the
// project's state documents docs (its folder or its store; nil: none).
func LoadLexiconFrom(ctx context.Context, fsys fs.FS, docs statedoc.Docs) (*Lexicon, error) {
	lists, err := shippedLexicons(fsys)
	if err != nil {
		return nil, err
	}
	if docs != nil {
		project, err := projectLexicons(ctx, docs)
		if err != nil {
			return nil, err
		}
		lists = append(lists, project...)
	}
	return NewLexicon(lists...)
}

// projectLexicons reads lexicon.tsv (English unless it says otherwise),
// then one document per other language (lexicon-ru.tsv, …). From a folder
// each is read through the project's door: never out of the folder, never
// a FIFO or device, never more than a state file's size limit.
func projectLexicons(ctx context.Context, docs statedoc.Docs) ([][]Entry, error) {
	keys, err := docs.Keys(ctx)
	if err != nil {
		return nil, fmt.Errorf("list project lexicons: %w", err)
	}
	names := []string{ProjectLexicon}
	for _, k := range keys {
		if strings.HasPrefix(k, statedoc.LexiconPrefix) {
			names = append(names, k)
		}
	}
	var lists [][]Entry
	for _, name := range names {
		data, ok, err := docs.Read(ctx, name)
		switch {
		case err != nil:
			return nil, fmt.Errorf("open project lexicon %s: %w", name, err)
		case !ok:
			continue
		}
		es, err := ParseLexicon(bytes.NewReader(data), name)
		if err != nil {
			return nil, err
		}
		lists = append(lists, es)
	}
	return lists, nil
}

// LoadLexicon reads every .tsv file of fsys (the shipped lexicon, e.g.
// resources.Lexicon) in path order, then the project's own lexicon
// (ProjectLexicon under projectDir) when projectDir is not empty and the file
// exists. Later entries override earlier ones with the same term.
func LoadLexicon(fsys fs.FS, projectDir string) (*Lexicon, error) {
	var docs statedoc.Docs
	if projectDir != "" {
		docs = statedoc.Folder(projectDir)
	}
	return LoadLexiconFrom(context.Background(), fsys, docs)
}

// shippedLexicons reads every .tsv file of fsys in path order.
func shippedLexicons(fsys fs.FS) ([][]Entry, error) {
	var lists [][]Entry
	if fsys != nil {
		var files []string
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && path.Ext(p) == ".tsv" {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list lexicon files: %w", err)
		}
		sort.Strings(files)
		for _, p := range files {
			f, err := fsys.Open(p)
			if err != nil {
				return nil, fmt.Errorf("open lexicon %s: %w", p, err)
			}
			es, err := ParseLexicon(f, p)
			f.Close()
			if err != nil {
				return nil, err
			}
			lists = append(lists, es)
		}
	}
	return lists, nil
}

// NewLexicon compiles lists of entries; an entry overrides an earlier one
// with the same folded term and language, and one with category "-" removes
// it. An entry without a language is English.
func NewLexicon(lists ...[]Entry) (*Lexicon, error) {
	byTerm := map[string]int{}
	var entries []Entry
	for _, list := range lists {
		for _, e := range list {
			if e.Lang == "" {
				e.Lang = English
			}
			key := e.Lang + "\x00" + textnorm.String(strings.TrimSpace(e.Term))
			if i, ok := byTerm[key]; ok {
				entries[i] = e
			} else {
				byTerm[key] = len(entries)
				entries = append(entries, e)
			}
		}
	}
	l := &Lexicon{sets: map[string]*termSet{}}
	lens := map[string]map[int]bool{}
	for _, e := range entries {
		if e.Category == "-" {
			continue
		}
		p, err := compileTerm(e.Term, e.Lang)
		if err != nil {
			return nil, fmt.Errorf("lexicon term %q (%s): %w", e.Term, e.Source, err)
		}
		ts := l.sets[e.Lang]
		if ts == nil {
			ts = &termSet{byWord: map[string][]int{}, byPrefix: map[string][]int{}}
			l.sets[e.Lang] = ts
			lens[e.Lang] = map[int]bool{}
		}
		idx := len(l.entries)
		l.entries = append(l.entries, e)
		l.pats = append(l.pats, p)
		first := p.words[0]
		if first.forms != nil {
			for f := range first.forms {
				ts.byWord[f] = append(ts.byWord[f], idx)
			}
		} else {
			ts.byPrefix[first.prefix] = append(ts.byPrefix[first.prefix], idx)
			lens[e.Lang][len(first.prefix)] = true
		}
	}
	for code, ts := range l.sets {
		for n := range lens[code] {
			ts.prefixLens = append(ts.prefixLens, n)
		}
		sort.Ints(ts.prefixLens)
	}
	return l, nil
}

// Entries returns the lexicon's entries after overrides, in load order.
func (l *Lexicon) Entries() []Entry {
	if l == nil {
		return nil
	}
	return append([]Entry(nil), l.entries...)
}

// Categories returns the lexicon's categories, sorted.
func (l *Lexicon) Categories() []string {
	out := []string{}
	if l == nil {
		return out
	}
	seen := map[string]bool{}
	for _, e := range l.entries {
		if !seen[e.Category] {
			seen[e.Category] = true
			out = append(out, e.Category)
		}
	}
	sort.Strings(out)
	return out
}

// compileTerm turns a term of language code into per-word matchers.
func compileTerm(term, code string) (pattern, error) {
	exact := strings.HasPrefix(term, "=")
	term = strings.TrimPrefix(term, "=")
	words := lexWords(textnorm.String(term))
	if len(words) == 0 {
		return pattern{}, fmt.Errorf("term %q has no words", term)
	}
	var p pattern
	for i, w := range words {
		last := i == len(words)-1
		wt := w.text
		if strings.HasSuffix(term, "*") && last {
			if utf8.RuneCountInString(wt) < 3 {
				return pattern{}, fmt.Errorf("prefix %q is too short", wt)
			}
			p.words = append(p.words, wordPat{prefix: wt})
			continue
		}
		forms := map[string]bool{wt: true}
		if last && !exact {
			for _, f := range inflectionsIn(code, wt) {
				forms[f] = true
			}
		}
		p.words = append(p.words, wordPat{forms: forms})
	}
	if strings.Contains(strings.TrimSuffix(term, "*"), "*") {
		return pattern{}, fmt.Errorf("term %q: \"*\" only at the end", term)
	}
	return p, nil
}

// inflections returns the regular English inflections of w: plural and
// third person, past, present participle.
func inflections(w string) []string {
	if len(w) < 3 {
		return []string{w + "s"}
	}
	out := []string{w + "s", w + "ed", w + "ing"}
	last := w[len(w)-1]
	prev := w[len(w)-2]
	switch {
	case last == 'e':
		out = append(out, w+"d", w[:len(w)-1]+"ing")
	case last == 'y' && !isVowel(prev):
		out = append(out, w[:len(w)-1]+"ies", w[:len(w)-1]+"ied")
	case last == 's' || last == 'x' || last == 'z' || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		out = append(out, w+"es")
	}
	// A final consonant after a single vowel doubles: "bomb" no, "kidnap" yes.
	if !isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(prev) &&
		len(w) >= 3 && !isVowel(w[len(w)-3]) {
		out = append(out, w+string(last)+"ed", w+string(last)+"ing")
	}
	return out
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// lexWord is a word of folded text as the lexicon sees it: letters and
// digits with inner apostrophes; hyphens separate words.
type lexWord struct {
	start, end int
	text       string
}

// lexWords splits folded text into lexicon words with wordscan's
// tokenizer: inner apostrophes and dotted initials stay in the word,
// hyphens separate words, a possessive "'s" is left out.
func lexWords(s string) []lexWord { return lexWordsInto(nil, s) }

// lexWordsInto is lexWords appending to buf[:0] (a worker's reused array).
func lexWordsInto(buf []lexWord, s string) []lexWord {
	out := buf[:0]
	sc := wordscan.NewScanner(s, 0, len(s), wordscan.Options{})
	for {
		t, ok := sc.Next()
		if !ok {
			break
		}
		if t.Kind == wordscan.Punct || t.Kind == wordscan.Break {
			continue
		}
		out = append(out, lexWord{start: t.Start, end: t.End, text: s[t.Start:t.End]})
	}
	return out
}

// lexMatch is one match of an entry in folded text.
type lexMatch struct {
	entry      int
	start, end int // folded bytes
}

// match finds the English entries of l in the folded text s.
func (l *Lexicon) match(s string) []lexMatch { return l.matchIn(English, s) }

// matchIn finds the entries of language code in the folded text s: at each
// word the longest matching term wins, and matches do not overlap.
func (l *Lexicon) matchIn(code, s string) []lexMatch {
	out, _ := l.matchInto(nil, code, s)
	return out
}

// matchInto is matchIn splitting s into words in buf, which it returns
// for the next call: the words never outlive the call.
func (l *Lexicon) matchInto(buf []lexWord, code, s string) ([]lexMatch, []lexWord) {
	if l == nil || len(l.entries) == 0 {
		return nil, buf
	}
	ts := l.sets[code]
	if ts == nil {
		return nil, buf
	}
	words := lexWordsInto(buf, s)
	var out []lexMatch
	var cands []int
	var forms []string
	for i := 0; i < len(words); {
		forms = ts.clitics.variants(forms[:0], words[i].text)
		cands = cands[:0]
		for _, w := range forms {
			cands = append(cands, ts.byWord[w]...)
			for _, n := range ts.prefixLens {
				if n <= len(w) {
					cands = append(cands, ts.byPrefix[w[:n]]...)
				}
			}
		}
		best, bestLen := -1, 0
		for _, c := range cands {
			p := l.pats[c]
			if i+len(p.words) > len(words) || len(p.words) < bestLen {
				continue
			}
			ok := true
			for k := 1; k < len(p.words); k++ {
				if !ts.wordMatch(p.words[k], words[i+k].text) || !phraseGap(words[i+k-1].text, s[words[i+k-1].end:words[i+k].start]) {
					ok = false
					break
				}
			}
			if ok && (len(p.words) > bestLen || best < 0 || c < best) {
				best, bestLen = c, len(p.words)
			}
		}
		if best < 0 {
			i++
			continue
		}
		out = append(out, lexMatch{entry: best, start: words[i].start, end: words[i+bestLen-1].end})
		i += bestLen
	}
	return out, words
}

// phraseGap reports whether the text g between two words of a phrase keeps
// them in one phrase: spaces, hyphens and apostrophes only, and the full
// stop of a single letter or of dotted initials ("u.s.-backed").
func phraseGap(prev, g string) bool {
	for i := 0; i < len(g); i++ {
		switch g[i] {
		case ' ', '\t', '-', '\'':
		case '.':
			if len(prev) != 1 && !wordscan.DottedInitials(prev) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Find returns the lexicon's English occurrences in text (e.g. to highlight
// a passage), with original spans and context. It ignores boilerplate; use
// Analyse for documents.
func (l *Lexicon) Find(text string) []Occurrence { return l.FindIn(English, text) }

// FindIn is Find for a text in language code.
func (l *Lexicon) FindIn(code, text string) []Occurrence {
	f := textnorm.Fold(text)
	out := []Occurrence{}
	for _, m := range l.matchIn(code, f.Text) {
		e := l.entries[m.entry]
		s, en := f.Original(m.start, m.end)
		out = append(out, Occurrence{
			Term: e.Term, Category: e.Category, Text: clean(text[s:en]), Start: s, End: en,
			Left: leftContext(text, s), Right: rightContext(text, en),
		})
	}
	return out
}
