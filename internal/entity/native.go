package entity

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// nativeDir is the gazetteer's folder of names in Cyrillic and Arabic
// script: kind<TAB>Latin name<TAB>native forms. The generated tables
// (cities, countries) and the hand-written one (people) share the format.
const nativeDir = "native"

// nativeNames are the names of the gazetteer written in Cyrillic or Arabic
// script, by their native key (nativeKey of each word: stems for Russian,
// folded letters for Arabic and Persian), each giving the entry's Latin
// name and kind.
type nativeNames struct {
	// The keys are built on first use (build): a project in Latin script
	// only never pays for them.
	once    sync.Once
	pending []nativeRow
	langs   *lang.Set

	byKey    map[string]nativeRef
	lower    map[string]bool // keys listed in lower case ("хуситы"): they match in lower case
	firsts   map[string]bool // first word of every key of two words or more
	maxWords int
	canon    []string // Latin names
	kinds    []Kind

	// lists are the profiles' word lists folded for the native passes,
	// by language, made on first use (listsFor).
	listsMu sync.Mutex
	lists   map[lang.Code]*nativeLists
	// latinKeys are the keys of canon, made on first use (knownLatin).
	latinOnce sync.Once
	latinKeys map[string]bool
}

// knownLatin returns the keys of the Latin names the native tables give
// forms of.
func (nn *nativeNames) knownLatin() map[string]bool {
	nn.latinOnce.Do(func() {
		nn.latinKeys = make(map[string]bool, len(nn.canon))
		for _, c := range nn.canon {
			nn.latinKeys[Key(c)] = true
		}
	})
	return nn.latinKeys
}

// listsFor returns the folded word lists of a profile, folding them once.
func (nn *nativeNames) listsFor(p *lang.Profile, langs *lang.Set) *nativeLists {
	nn.listsMu.Lock()
	defer nn.listsMu.Unlock()
	if l, ok := nn.lists[p.Code]; ok {
		return l
	}
	if nn.lists == nil {
		nn.lists = map[lang.Code]*nativeLists{}
	}
	l := foldLists(p, langs)
	nn.lists[p.Code] = l
	return l
}

type nativeRef struct {
	entry int32
	// minor marks a generated city name under majorCity inhabitants: it
	// matches only as written, never with a clitic cut, and not at all when
	// it is three letters or fewer (Arabic "قنا", "من" are words first).
	minor bool
}

// majorCity is the population from which a city's native name matches
// with clitics cut ("ودمشق").
const majorCity = 500000

// nativeRow is one line of a native table, kept until the keys are built.
type nativeRow struct {
	kind  Kind
	name  string
	forms []string // in Cyrillic or Arabic script
	pop   int
}

func newNativeNames() *nativeNames {
	return &nativeNames{byKey: map[string]nativeRef{}, lower: map[string]bool{}, firsts: map[string]bool{}}
}

// NativeEntry is a name in Cyrillic or Arabic script the gazetteer knows.
type NativeEntry struct {
	Kind Kind
	Name string // the Latin name it stands for
}

// readNative reads every *.tsv of the native folder. The hand-written
// people.tsv is read first, so its forms win over generated ones.
func (g *Gazetteer) readNative(fsys fs.FS) error {
	files, err := fs.Glob(fsys, nativeDir+"/*.tsv")
	if err != nil {
		return fmt.Errorf("list native gazetteer: %w", err)
	}
	sort.Slice(files, func(i, j int) bool {
		pi, pj := path.Base(files[i]) == "people.tsv", path.Base(files[j]) == "people.tsv"
		if pi != pj {
			return pi
		}
		return files[i] < files[j]
	})
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			return fmt.Errorf("open gazetteer %s: %w", name, err)
		}
		err = eachLine(f, func(n int, line string) error {
			cols := strings.Split(line, "\t")
			if len(cols) < 3 {
				return fmt.Errorf("line %d: want kind<TAB>Latin name<TAB>native forms", n)
			}
			kind, ok := ParseKind(strings.TrimSpace(cols[0]))
			if !ok {
				return fmt.Errorf("line %d: unknown kind %q", n, cols[0])
			}
			pop := -1 // hand-written and country names: no population
			if len(cols) > 3 {
				if n, err := strconv.Atoi(strings.TrimSpace(cols[3])); err == nil {
					pop = n
				}
			}
			g.addNative(kind, strings.TrimSpace(cols[1]), splitList(cols[2]), pop, path.Base(name) == "people.tsv")
			return nil
		})
		f.Close()
		if err != nil {
			return fmt.Errorf("gazetteer %s: %w", name, err)
		}
	}
	return nil
}

// addNative adds a Latin name's forms in Cyrillic and Arabic script. Its
// Latin forms (French: "Liban", "Beyrouth") become aliases of the English
// entry of that name; the hand-written list (hand) may also add the entry.
func (g *Gazetteer) addNative(kind Kind, name string, forms []string, pop int, hand bool) {
	var latin, native []string
	for _, f := range forms {
		switch translit.ScriptOf(f) {
		case translit.Latin:
			if k := Key(f); !g.given[k] && !g.stop[k] {
				latin = append(latin, f) // not "Maurice", a given name first
			}
		case translit.Cyrillic, translit.Arabic:
			native = append(native, f)
		}
	}
	if len(native) > 0 {
		g.native.pending = append(g.native.pending, nativeRow{kind, name, native, pop})
	}
	known := g.EntryIndex(Key(name), false) >= 0 || g.EntryIndex(Key(name), true) >= 0
	if known && len(latin) > 0 || hand && !known {
		g.add(Entry{Kind: kind, Name: name, Aliases: latin, Source: nativeDir})
	}
}

// built returns the native names with their keys, building them once.
func (nn *nativeNames) built() *nativeNames {
	nn.once.Do(func() {
		cues := nativeCues(nn.langs)
		for _, r := range nn.pending {
			nn.addRow(r, cues)
		}
		nn.pending = nil
	})
	return nn
}

func (nn *nativeNames) addRow(r nativeRow, cues map[string]bool) {
	idx := int32(len(nn.canon))
	added := false
	minor := r.pop >= 0 && r.pop < majorCity
	for _, f := range r.forms {
		words := nativeWords(f)
		if minor && translit.ScriptOf(f) == translit.Cyrillic {
			// a small town matches only as written: stems of adjectives and
			// common nouns ("Северной", "Балтийского") name towns too
			words = words[:0]
			for _, w := range strings.Fields(f) {
				words = append(words, translit.Key(w))
			}
		}
		if len(words) == 0 {
			continue
		}
		k := strings.Join(words, " ")
		if _, taken := nn.byKey[k]; taken || nativeStopword(nn.langs, k) || cues[strings.TrimPrefix(k, "ال")] {
			continue
		}
		nn.byKey[k] = nativeRef{entry: idx, minor: minor}
		if c, _ := utf8.DecodeRuneInString(strings.TrimLeft(f, "«\"")); unicode.IsLower(c) {
			nn.lower[k] = true
		}
		added = true
		if len(words) > 1 {
			nn.firsts[words[0]] = true
		}
		nn.maxWords = max(nn.maxWords, len(words))
	}
	if added {
		nn.canon = append(nn.canon, r.name)
		nn.kinds = append(nn.kinds, r.kind)
	}
}

// nativeWords splits a native name into its words' keys.
func nativeWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '\u200c' && !unicode.IsDigit(r)
	}) {
		if k := nativeKey(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// nativeKey is the matching key of one word of Cyrillic or Arabic script:
// folded (translit.Key: case, ё, Persian/Arabic letter variants, harakat,
// joiners), and a Russian word cut of its case ending so that its cases
// meet ("Дамаске", "Дамаска" → "дамаск"; translit.RussianNameStem says why
// not the Snowball stemmer). translit.Key stands in for textnorm's folding
// of these letters until that lands.
func nativeKey(word string) string { return keyOfFold(translit.Key(word)) }

// keyOfFold is nativeKey of a word already folded with translit.Key.
func keyOfFold(k string) string {
	if k != "" && translit.ScriptOf(k) == translit.Cyrillic {
		return translit.RussianNameStem(k)
	}
	return k
}

// nativeStopword reports whether a one-word key is a function word of a
// language of its script: such a name ("من", Mons) is never matched.
func nativeStopword(langs *lang.Set, k string) bool {
	if strings.ContainsRune(k, ' ') {
		return false
	}
	for _, p := range langs.Profiles() {
		if p.Script != lang.ScriptLatin && p.Stopwords[k] {
			return true
		}
	}
	return false
}

// nativeCues are the one-word titles and head words of the languages in
// Cyrillic and Arabic script, as native keys, without the article: a name
// that is one of them is no name ("مدينة", city, and "المدينة" name Medina
// in GeoNames, but in a text they mean "the city").
func nativeCues(langs *lang.Set) map[string]bool {
	m := map[string]bool{}
	for _, p := range langs.Profiles() {
		if p.Script == lang.ScriptLatin {
			continue
		}
		for _, list := range [][]string{p.PersonTitles, p.OrgTriggers, p.PlaceTriggers} {
			for _, w := range list {
				if f := keyOfFold(translit.Key(w)); !strings.Contains(f, " ") {
					m[strings.TrimPrefix(f, "ال")] = true
				}
			}
		}
	}
	return m
}

// lookupNative returns the entry a native key names; clitic says the key
// was made by cutting a clitic off the word as written.
func (g *Gazetteer) lookupNative(key string, clitic ...bool) (NativeEntry, bool) {
	if g.native == nil {
		return NativeEntry{}, false
	}
	nn := g.native.built()
	r, ok := nn.byKey[key]
	if !ok {
		return NativeEntry{}, false
	}
	if r.minor && (len(clitic) > 0 && clitic[0] || utf8.RuneCountInString(key) <= 3) {
		return NativeEntry{}, false
	}
	return NativeEntry{Kind: nn.kinds[r.entry], Name: nn.canon[r.entry]}, true
}

// LookupNative returns the Latin name and kind the gazetteer gives a name
// written in Cyrillic or Arabic script, in any case or with clitics folded
// as the extractor folds them ("Дамаске" → Damascus).
func (g *Gazetteer) LookupNative(name string) (NativeEntry, bool) {
	return g.lookupNative(strings.Join(nativeWords(name), " "))
}

// NativeNames counts the gazetteer's Cyrillic and Arabic-script names.
func (g *Gazetteer) NativeNames() int {
	if g.native == nil {
		return 0
	}
	return len(g.native.built().byKey)
}

// Languages returns the language profiles the extractor uses.
func (g *Gazetteer) Languages() *lang.Set { return g.langs }

// loadLanguages attaches the shipped language profiles.
func (g *Gazetteer) loadLanguages() error {
	set, err := profiles.Default()
	if err != nil {
		return fmt.Errorf("language profiles: %w", err)
	}
	g.langs = set
	g.native.langs = set
	return nil
}
