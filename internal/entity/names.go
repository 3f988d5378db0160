package entity

import (
	"fmt"
	"io"
	"strings"
)

// readHypocorisms reads given<TAB>short|short... lines: the familiar forms
// of a given name ("William" → "Bill", "Will", "Billy"). A short form may
// stand for several given names ("Chris": Christopher, Christine).
func (g *Gazetteer) readHypocorisms(r io.Reader) error {
	return eachLine(r, func(n int, line string) error {
		cols := strings.Split(line, "\t")
		if len(cols) != 2 {
			return fmt.Errorf("line %d: want given<TAB>short|short", n)
		}
		full := Key(cols[0])
		if full == "" || strings.Contains(full, " ") {
			return fmt.Errorf("line %d: given name %q is not one word", n, cols[0])
		}
		g.addGivenForm(full, full)
		for _, s := range splitList(cols[1]) {
			if k := Key(s); k != "" {
				g.addGivenForm(k, full)
			}
		}
		return nil
	})
}

func (g *Gazetteer) addGivenForm(form, full string) {
	if !contains(g.givenOf[form], full) {
		g.givenOf[form] = append(g.givenOf[form], full)
	}
}

// GivenNames returns the full given names a given-name key may stand for:
// "bill" → [william], "chris" → [christopher christine], a full name →
// itself. A word the hypocorism table does not know returns itself alone.
func (g *Gazetteer) GivenNames(key string) []string {
	if fs, ok := g.givenOf[key]; ok {
		return fs
	}
	return []string{key}
}

// TitleAt returns how many of words, from the first, make a title or an
// honorific ("secretary of state", "sheikh", "hajj"), 0 for none. The
// words are folded keys.
func (g *Gazetteer) TitleAt(words []string) int {
	best := 0
	var b strings.Builder
	for n := 0; n < g.titleMax && n < len(words); n++ {
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[n])
		if _, ok := g.titles[b.String()]; ok {
			best = n + 1
		}
	}
	return best
}

// IsRole reports whether the key is a role word ("spokesman", "minister").
func (g *Gazetteer) IsRole(key string) bool {
	_, ok := g.roles[key]
	return ok
}

// otherPerson reports whether a known person's name at i..j is part of
// another person's name: a given name other than the entry's own before a
// surname ("Melania Trump" beside the entry "Donald Trump"), or a
// generational suffix after the full name ("Donald Trump Jr.").
func (e *extraction) otherPerson(i, j int, ent Entry) bool {
	if n := j + 1; n < len(e.toks) && e.connected(n) && e.toks[n].sep == sepSpace && nameSuffixKeys[e.toks[n].key] && e.toks[n].cap {
		return true
	}
	if i == j && i > 0 && e.connected(i) && e.toks[i].sep == sepSpace {
		prev := e.toks[i-1]
		own := strings.Fields(Key(ent.Name))
		if prev.cap && !prev.allCaps && prev.used == 0 && e.g.given[prev.key] && (len(own) < 2 || own[0] != prev.key) {
			return true
		}
	}
	return false
}

// nameSuffixKeys are generational suffixes after a name.
var nameSuffixKeys = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}
