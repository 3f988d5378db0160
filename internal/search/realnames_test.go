package search

import (
	"io/fs"
	"math"
	"math/rand/v2"
	"path"
	"sort"
	"strings"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/translit"
	"github.com/parallaxworkbench/parallax/resources"
)

// Real-shaped names for the search benchmarks: real given names, surnames,
// places and organisations from the project's own resources (and, when
// ../shared is present, the entities of news-bench-10k) recombined into new
// names, with the spelling variants news write (transliterations, dropped
// and doubled letters, al-/el- prefixes), in Latin, Cyrillic and Arabic
// script, each entity with a heavy-tailed mention count.

// namePools holds the parts names are made of, per script.
type namePools struct {
	given, surnames, places, orgHeads, titles [3][]string // by script: Latin, Cyrillic, Arabic
	whole                                     []string    // real names kept whole
}

func scriptSlot(s string) int {
	switch translit.ScriptOf(s) {
	case translit.Cyrillic:
		return 1
	case translit.Arabic:
		return 2
	}
	return 0
}

// readLines returns the non-comment lines of a file of fsys.
func readLines(fsys fs.FS, name string) []string {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// loadPools reads the shipped gazetteer and language lists, plus the extra
// names given (a corpus' entity names).
func loadPools(extra []string) *namePools {
	p := &namePools{}
	addPerson := func(name string) {
		w := strings.Fields(name)
		if len(w) < 2 {
			return
		}
		s := scriptSlot(name)
		p.given[s] = append(p.given[s], w[0])
		p.surnames[s] = append(p.surnames[s], w[len(w)-1])
	}
	gaz := resources.Gazetteer
	for _, g := range readLines(gaz, "gazetteer/given-names.txt") {
		p.given[0] = append(p.given[0], strings.ToUpper(g[:1])+g[1:])
	}
	for _, file := range []string{"people.tsv", "places.tsv", "cities.tsv", "organisations.tsv", "us-states.tsv",
		"beliefs.tsv", "native/people.tsv", "native/cities.tsv", "native/countries.tsv"} {
		for _, l := range readLines(gaz, path.Join("gazetteer", file)) {
			cols := strings.Split(l, "\t")
			if len(cols) < 2 {
				continue
			}
			kind := cols[0]
			names := []string{cols[1]}
			if len(cols) > 2 && cols[2] != "" {
				names = append(names, strings.Split(cols[2], "|")...)
			}
			for _, n := range names {
				p.whole = append(p.whole, n)
				switch kind {
				case "person":
					addPerson(n)
				case "place":
					p.places[scriptSlot(n)] = append(p.places[scriptSlot(n)], n)
				}
			}
		}
	}
	for _, l := range readLines(gaz, "gazetteer/cues.tsv") {
		cols := strings.Split(l, "\t")
		if len(cols) >= 2 && cols[0] == "title" {
			p.titles[0] = append(p.titles[0], cols[1])
		}
		if len(cols) >= 2 && cols[0] == "head" && unicode.IsUpper([]rune(cols[1])[0]) {
			p.orgHeads[0] = append(p.orgHeads[0], cols[1])
		}
	}
	for _, lang := range []string{"ar", "fa", "ru", "uk"} {
		for _, t := range readLines(resources.Lang, "lang/"+lang+"/titles.txt") {
			p.titles[scriptSlot(t)] = append(p.titles[scriptSlot(t)], t)
		}
		for _, w := range readLines(resources.Lang, "lang/"+lang+"/common.txt") {
			// everyday nouns ("جماعة", group) head the names of bodies
			if !strings.Contains(w, " ") {
				p.orgHeads[scriptSlot(w)] = append(p.orgHeads[scriptSlot(w)], w)
			}
		}
	}
	for _, n := range extra {
		p.whole = append(p.whole, n)
		addPerson(n)
	}
	if len(p.orgHeads[0]) == 0 {
		p.orgHeads[0] = []string{"Forces", "Party", "Council", "Agency", "Front", "Brigades", "Bank", "Ministry"}
	}
	for s := range 3 {
		for _, l := range []*[]string{&p.given[s], &p.surnames[s], &p.places[s], &p.orgHeads[s], &p.titles[s]} {
			*l = dedupe(*l)
		}
	}
	p.whole = dedupe(p.whole)
	return p
}

func dedupe(l []string) []string {
	sort.Strings(l)
	out := l[:0]
	for i, s := range l {
		if s != "" && (i == 0 || s != l[i-1]) {
			out = append(out, s)
		}
	}
	return out
}

// variantRules are transliteration variants news write for one name
// ("Qassem"/"Kasem", "Muhandis"/"Mohandes").
var variantRules = [][2]string{
	{"q", "k"}, {"k", "q"}, {"ou", "u"}, {"u", "ou"}, {"ee", "i"}, {"i", "ee"}, {"kh", "h"}, {"dh", "z"},
	{"j", "dj"}, {"y", "i"}, {"i", "y"}, {"sh", "ch"}, {"ph", "f"}, {"w", "v"}, {"ei", "ey"}, {"o", "u"},
	{"e", "a"}, {"a", "e"}, {"ss", "s"}, {"gh", "g"}, {"th", "t"},
}

// variant returns a spelling variant of name: a transliteration, a
// dropped or doubled letter, or the al-/el- prefix written otherwise.
func variant(r *rand.Rand, name string) string {
	switch r.IntN(5) {
	case 0, 1:
		for range 4 {
			v := variantRules[r.IntN(len(variantRules))]
			if i := strings.Index(name, v[0]); i > 0 {
				return name[:i] + v[1] + name[i+len(v[0]):]
			}
		}
	case 2:
		rs := []rune(name)
		if len(rs) > 4 {
			i := 1 + r.IntN(len(rs)-2)
			if unicode.IsLetter(rs[i]) {
				return string(rs[:i]) + string(rs[i+1:])
			}
		}
	case 3:
		rs := []rune(name)
		if len(rs) > 3 {
			i := 1 + r.IntN(len(rs)-1)
			if unicode.IsLetter(rs[i]) {
				return string(rs[:i+1]) + string(rs[i:])
			}
		}
	}
	for _, pre := range []string{"al-", "el-", "al ", "Al-", "El-"} {
		if i := strings.Index(name, pre); i >= 0 {
			alt := []string{"al-", "el-", "al ", "Al ", "", "ul-"}[r.IntN(6)]
			return name[:i] + alt + name[i+len(pre):]
		}
	}
	if translit.ScriptOf(name) == translit.Latin && strings.Contains(name, " ") {
		w := strings.Fields(name)
		w[len(w)-1] = []string{"al-", "el-", "Al-"}[r.IntN(3)] + w[len(w)-1]
		return strings.Join(w, " ")
	}
	return name
}

// realEntity is one generated entity: its name, its other forms and its
// mention count.
type realEntity struct {
	forms    []string
	mentions int
}

// realShapedEntities makes entities with about n forms in all, ordered as
// the app orders them: most mentioned first (ties in the order made).
func realShapedEntities(seed uint64, n int, extra []string) []realEntity {
	p := loadPools(extra)
	r := rand.New(rand.NewPCG(seed, 19))
	pick := func(l []string) string {
		if len(l) == 0 {
			return ""
		}
		return l[r.IntN(len(l))]
	}
	name := func() string {
		s := 0
		switch x := r.IntN(100); {
		case x < 10:
			s = 1
		case x < 20:
			s = 2
		}
		if len(p.given[s]) == 0 {
			s = 0
		}
		switch x := r.IntN(100); {
		case x < 45:
			return pick(p.given[s]) + " " + pick(p.surnames[s])
		case x < 55:
			return pick(p.given[s]) + " " + pick(p.given[s]) + " " + pick(p.surnames[s])
		case x < 62 && s == 0:
			return "Abu " + pick(p.given[0]) + " al-" + pick(p.surnames[0])
		case x < 68:
			if t := pick(p.titles[s]); t != "" {
				return t + " " + pick(p.surnames[s])
			}
			return pick(p.surnames[s])
		case x < 80:
			return pick(p.places[s])
		case x < 88:
			if h := pick(p.orgHeads[s]); h != "" {
				if s == 2 {
					return h + " " + pick(p.places[s])
				}
				return pick(p.places[s]) + " " + h
			}
			return pick(p.places[s])
		case x < 92:
			a := make([]byte, 2+r.IntN(3))
			for j := range a {
				a[j] = byte('A' + r.IntN(26))
			}
			return string(a)
		default:
			return pick(p.whole)
		}
	}
	var out []realEntity
	total := 0
	seen := map[string]bool{}
	for total < n {
		base := strings.TrimSpace(name())
		if base == "" || seen[MatchKey(base)] {
			continue
		}
		seen[MatchKey(base)] = true
		e := realEntity{forms: []string{base}}
		// about one entity in three is written in more than one way
		for k := r.IntN(6) - 3; k > 0; k-- {
			if v := variant(r, base); !seen[MatchKey(v)] {
				seen[MatchKey(v)] = true
				e.forms = append(e.forms, v)
			}
		}
		// Pareto-tailed mentions: most entities are named once or twice, a
		// few thousands of times
		e.mentions = int(math.Min(1e6, math.Floor(1/math.Pow(1-r.Float64(), 1/1.1))))
		out = append(out, e)
		total += len(e.forms)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].mentions > out[j].mentions })
	return out
}

// realShapedItems flattens entities into search items, as NewIndex does:
// each entity's forms in turn, weighted by its mentions.
func realShapedItems(ents []realEntity) ([]Item, []string) {
	var items []Item
	var texts []string
	for ei, e := range ents {
		for _, f := range e.forms {
			items = append(items, Item{Text: f, Ref: ei, Weight: e.mentions})
			texts = append(texts, f)
		}
	}
	return items, texts
}

// keystroke is one state of the search box while typing.
type keystroke struct {
	query     string
	backspace bool
}

// typedSessions models analysts typing k names: the name's start or its
// last word, sometimes spelled another way, with typos (a neighbouring
// key, a dropped or doubled letter) that are often noticed and backspaced,
// and hesitations (a letter deleted and typed again). Every state of the
// box is a query.
func typedSessions(seed uint64, ents []realEntity, k int) [][]keystroke {
	r := rand.New(rand.NewPCG(seed, 23))
	rows := []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}
	neighbour := func(c rune) rune {
		for ri, row := range rows {
			if i := strings.IndexRune(row, unicode.ToLower(c)); i >= 0 {
				cands := []rune{}
				if i > 0 {
					cands = append(cands, rune(row[i-1]))
				}
				if i+1 < len(row) {
					cands = append(cands, rune(row[i+1]))
				}
				if ri > 0 && i < len(rows[ri-1]) {
					cands = append(cands, rune(rows[ri-1][i]))
				}
				return cands[r.IntN(len(cands))]
			}
		}
		return c + 1 // another letter of the same alphabet
	}
	var out [][]keystroke
	for len(out) < k {
		// half the searches are for prominent entities, half for any
		var e realEntity
		if r.IntN(2) == 0 {
			e = ents[r.IntN(max(1, len(ents)/100))]
		} else {
			e = ents[r.IntN(len(ents))]
		}
		target := e.forms[r.IntN(len(e.forms))]
		if w := strings.Fields(target); len(w) > 1 && r.IntN(5) < 2 {
			target = w[len(w)-1]
		}
		if r.IntN(5) == 0 {
			target = variant(r, target)
		}
		want := []rune(target)
		want = want[:min(len(want), 4+r.IntN(9))]
		var box []rune
		var ks []keystroke
		push := func(back bool) { ks = append(ks, keystroke{string(box), back}) }
		for i := 0; i < len(want); i++ {
			c := want[i]
			switch x := r.IntN(100); {
			case x < 6 && unicode.IsLetter(c): // a typo
				box = append(box, neighbour(c))
				push(false)
				if r.IntN(10) < 6 { // noticed: type on a little, then fix
					extra := r.IntN(3)
					for j := 0; j < extra && i+1+j < len(want); j++ {
						box = append(box, want[i+1+j])
						push(false)
					}
					for j := 0; j <= extra && len(box) > i; j++ {
						box = box[:len(box)-1]
						push(true)
					}
					box = box[:i]
					i--
				}
				continue
			case x < 9 && len(box) > 0: // hesitation
				box = append(box, c)
				push(false)
				box = box[:len(box)-1]
				push(true)
			}
			box = append(box, c)
			push(false)
		}
		if len(ks) > 0 {
			out = append(out, ks)
		}
	}
	return out
}
