package entity

import (
	"context"
	"fmt"
	"maps"
	"sort"
)

// Evidence is what ProjectEvidence counts over a project: how many
// documents use each key as a name and how many hold it. Kept by an
// analysis, it lets the next one after a few documents changed give back
// held words only where a count changed (Update), with the same answer
// as ProjectEvidence over the whole project. Immutable once returned.
type Evidence struct {
	using, holding map[string]int
}

// CountEvidence counts the name keys and held words of held, one entry
// per document.
func CountEvidence(held []Held) *Evidence {
	e := &Evidence{using: map[string]int{}, holding: map[string]int{}}
	for _, h := range held {
		e.add(h, 1)
	}
	return e
}

// add counts (sign 1) or uncounts (sign -1) one document's held list.
func (e *Evidence) add(h Held, sign int) {
	for _, k := range h.NameKeys {
		e.using[k] += sign // NameKeys has each key once per document
		if e.using[k] == 0 {
			delete(e.using, k)
		}
	}
	for _, k := range heldKeys(h) {
		e.holding[k] += sign
		if e.holding[k] == 0 {
			delete(e.holding, k)
		}
	}
}

// heldKeys lists the keys of h's held mentions, each once.
func heldKeys(h Held) []string {
	var keys []string
	seen := map[string]bool{}
	for _, m := range h.Mentions {
		if !seen[m.Key] {
			seen[m.Key] = true
			keys = append(keys, m.Key)
		}
	}
	return keys
}

// Update returns the counts with the documents of gone uncounted and
// those of added counted, and the keys whose counts changed: only a
// document holding one of them can be given back other words than
// before. e is left unchanged (its maps are copied: linear in the keys,
// not in the mentions).
func (e *Evidence) Update(gone, added []Held) (*Evidence, map[string]bool) {
	next := &Evidence{using: maps.Clone(e.using), holding: maps.Clone(e.holding)}
	for _, h := range gone {
		next.add(h, -1)
	}
	for _, h := range added {
		next.add(h, 1)
	}
	changed := map[string]bool{}
	for _, hs := range [][]Held{gone, added} {
		for _, h := range hs {
			for _, k := range h.NameKeys {
				if e.using[k] != next.using[k] {
					changed[k] = true
				}
			}
			for _, k := range heldKeys(h) {
				if e.holding[k] != next.holding[k] {
					changed[k] = true
				}
			}
		}
	}
	return next, changed
}

// Holds reports whether h holds a word whose key is in keys.
func Holds(h Held, keys map[string]bool) bool {
	for _, m := range h.Mentions {
		if keys[m.Key] {
			return true
		}
	}
	return false
}

// Apply returns one document's mentions ms (its extraction results) with
// the words it held (h) that the project's counts give back, the way
// ProjectEvidence does; ms itself when none is (never changed: the
// result is a new slice otherwise). n is how many were given back.
func (e *Evidence) Apply(ms []Mention, h Held) (out []Mention, n int) {
	if len(h.Mentions) == 0 {
		return ms, 0
	}
	own := make(map[string]bool, len(h.NameKeys))
	for _, k := range h.NameKeys {
		own[k] = true
	}
	var back []Mention
	for _, m := range h.Mentions {
		others := e.using[m.Key]
		if own[m.Key] {
			others-- // this document's own use is not evidence from elsewhere
		}
		// a word the project mostly writes capitalised only where any
		// word is ("Look", "Three", "Thank") is a sentence's first
		// word that a few documents happen to capitalise elsewhere
		// (a title-case line, a list); a name is used as one at
		// least as often as it is only held
		if others >= MinOtherDocuments && e.using[m.Key] >= e.holding[m.Key] && !overlaps(ms, m) {
			back = append(back, m)
		}
	}
	if len(back) == 0 {
		return ms, 0
	}
	// a new slice: the caller's may share its array with another
	out = append(append(make([]Mention, 0, len(ms)+len(back)), ms...), back...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Span.Start < out[b].Span.Start })
	return out, len(back)
}

// ProjectEvidence gives back to each document the words it held that at
// least MinOtherDocuments other documents use as names, with
// EvidenceElsewhere. held[i] is what ExtractHeldContext returned for the
// document of perDoc[i]. It is linear in the mentions: the documents'
// name keys are counted once by key, then each held word is one lookup.
// It returns how many mentions it gave back.
func ProjectEvidence(ctx context.Context, perDoc [][]Mention, held []Held) (int, error) {
	if len(perDoc) != len(held) {
		return 0, fmt.Errorf("project evidence: %d documents, %d held lists", len(perDoc), len(held))
	}
	e := CountEvidence(held)
	restored := 0
	for i, h := range held {
		if len(h.Mentions) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return restored, fmt.Errorf("project evidence: %w", err)
		}
		var n int
		perDoc[i], n = e.Apply(perDoc[i], h)
		restored += n
	}
	return restored, nil
}

// Len is the number of keys e counts (for memory estimates).
func (e *Evidence) Len() int { return len(e.using) + len(e.holding) }
