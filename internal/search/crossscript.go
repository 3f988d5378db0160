package search

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// Search across scripts. Entities the grouping merged across scripts
// ("Soleimani" with "سليماني") are found by any of their forms already; the
// index below finds the others: a name typed in one script is compared by
// sound classes (translit.Compare) with the entities' forms in the other
// scripts, through a map keyed by consonant classes. A Cyrillic query is
// also romanised and matched fuzzily against Latin names.

// crossForm is one entity form in the cross-script map.
type crossForm struct {
	ref  int32
	text string
}

// crossIndex maps consonant-class keys to entity forms, the forms in
// Cyrillic or Arabic script (for queries in Latin) apart from the Latin ones
// (for queries in the other scripts). Each map is built on the first query
// that needs it; a project without a name in those scripts has none, and
// its search costs what it did.
type crossIndex struct {
	native, latin struct {
		once  sync.Once
		forms map[string][]crossForm
	}
	owners struct {
		once sync.Once
		of   map[string]int32 // MatchKey of a form → its entity
	}
	heads struct {
		once  sync.Once
		words map[string]bool // place head words of every language, folded
	}
}

// placeHeads reports whether every word is a place head word of a shipped
// language ("هجرة خريص", "город Дамаск"): the name is then its last word.
func (ix *Index) placeHeads(words []string) bool {
	ix.cross.heads.once.Do(func() {
		m := map[string]bool{}
		if set, err := profiles.Default(); err == nil {
			for _, p := range set.Profiles() {
				for _, w := range p.PlaceTriggers {
					m[MatchKey(w)] = true
				}
			}
		}
		ix.cross.heads.words = m
	})
	for _, w := range words {
		if !ix.cross.heads.words[MatchKey(w)] {
			return false
		}
	}
	return len(words) > 0
}

// namesOther reports whether word, alone, is a form of an entity (other
// than ref, when ref ≥ 0): the last word of "امنیه لبنان" is Lebanon's
// name, so the query is not Lebanon, while "Aramco" is a form of Saudi
// Aramco itself.
func (ix *Index) namesOther(word string, ref int32) bool {
	ix.cross.owners.once.Do(func() {
		m := map[string]int32{}
		for i, e := range ix.entities {
			for _, f := range e.Forms {
				if k := MatchKey(f.Text); !strings.Contains(k, " ") {
					if _, ok := m[k]; !ok {
						m[k] = int32(i)
					}
				}
			}
		}
		ix.cross.owners.of = m
	})
	owner, ok := ix.cross.owners.of[MatchKey(word)]
	return ok && owner != ref
}

// crossMin is the least transliteration confidence at which a form is
// listed; from alias.Threshold on, its hit counts as a good one.
const crossMin = alias.SuggestFrom + 0.1

// crossForms returns the map of the forms in Latin script (latin) or in the
// others.
func (ix *Index) crossForms(latin bool) map[string][]crossForm {
	part := &ix.cross.native
	if latin {
		part = &ix.cross.latin
	}
	part.once.Do(func() {
		m := map[string][]crossForm{}
		add := func(ref int, text string) {
			if (translit.ScriptOf(text) == translit.Latin) != latin {
				return
			}
			if latin {
				text = MatchKey(text)
			}
			for _, sk := range translit.BlockingKeys(text) {
				if translit.CountConsonants(sk) < 2 {
					continue
				}
				dup := false
				for _, f := range m[sk] {
					dup = dup || f.ref == int32(ref) && f.text == text
				}
				if !dup {
					m[sk] = append(m[sk], crossForm{int32(ref), text})
				}
			}
		}
		if !latin && !ix.hasNative {
			part.forms = m
			return
		}
		for i, e := range ix.entities {
			texts := []string{e.Name}
			for _, f := range e.Forms {
				texts = append(texts, f.Text)
			}
			for _, t := range texts {
				add(i, t)
				// a person is often named by the surname alone
				if w := strings.Fields(t); e.Kind == entity.Person && len(w) > 1 {
					add(i, w[len(w)-1])
				}
			}
		}
		part.forms = m
	})
	return part.forms
}

// crossHits returns the entities whose forms in another script read like
// q, best first.
func (ix *Index) crossHits(q string, limit int) []Hit {
	if translit.ScriptOf(q) == translit.Other {
		return nil
	}
	text := q
	if translit.ScriptOf(q) == translit.Latin {
		text = MatchKey(q)
	}
	texts := []string{text}
	if w := strings.Fields(text); len(w) > 1 {
		// "هجره خریص" also finds "Khurais": a name's last word is its most
		// telling, unless it names an entity of its own ("امنیه لبنان" is
		// not Lebanon)
		texts = append(texts, w[len(w)-1])
	}
	best := map[int32]Hit{}
	for i, t := range texts {
		ix.addCrossHits(t, best, i == 0 || !ix.namesOther(t, -1) || ix.placeHeads(strings.Fields(text)[:len(strings.Fields(text))-1]))
	}
	out := make([]Hit, 0, len(best))
	for _, h := range best {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// withCrossScript merges the fuzzy hits of q with its romanised reading (a
// Cyrillic query) and the cross-script hits: good hits first (fuzzy, then
// cross-script), then the rest, each entity once.
func (s *Searcher) withCrossScript(q string, hits []Hit, limit int) []Hit {
	var extra []Hit
	if translit.ScriptOf(q) == translit.Cyrillic {
		for _, h := range s.ix.hits(s.romanised.Find(translit.Romanise(q), limit*4), limit) {
			h.Via = "romanised " + translit.Romanise(q)
			extra = append(extra, h)
		}
	}
	extra = append(extra, s.ix.crossHits(q, limit)...)
	if len(extra) == 0 {
		return hits
	}
	seen := map[string]bool{}
	var out []Hit
	for _, pass := range []bool{true, false} {
		for _, list := range [][]Hit{hits, extra} {
			for _, h := range list {
				if h.Good == pass && !seen[h.ID] && len(out) < limit {
					seen[h.ID] = true
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// addCrossHits adds to best the entities with a form in another script
// that reads like text.
func (ix *Index) addCrossHits(text string, best map[int32]Hit, whole bool) {
	for _, sk := range translit.BlockingKeys(text) {
		if translit.CountConsonants(sk) >= 2 {
			ix.addCrossHitsIn(text, sk, best, whole)
		}
	}
}

func (ix *Index) addCrossHitsIn(text, sk string, best map[int32]Hit, whole bool) {
	for _, f := range ix.crossForms(translit.ScriptOf(text) != translit.Latin)[sk] {
		c := translit.Compare(text, f.text)
		if c < crossMin {
			continue
		}
		score := int(c * 100)
		if h, ok := best[f.ref]; ok && h.Score >= score {
			continue
		}
		e := ix.entities[f.ref]
		best[f.ref] = Hit{ID: e.ID, Name: e.Name, Kind: e.Kind.String(), Score: score, Mentions: ix.counts[f.ref],
			Form: f.text, Good: whole && c >= alias.Threshold, Entity: e,
			Via: fmt.Sprintf("%s %.2f", alias.ReasonCrossScript, c)}
	}
}
