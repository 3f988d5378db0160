package framing

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
)

// resolveByScan is the nearest-speaker rule written as a scan of every
// candidate and speaker, the reference the indexed resolve must match.
func resolveByScan(pos int, cands, saidInOrder []nameCandidate) string {
	best, bestPos := "", -1
	for _, n := range cands {
		if n.pos < pos && n.pos > bestPos {
			best, bestPos = n.name, n.pos
		}
	}
	for _, n := range saidInOrder {
		if n.pos < pos && n.pos >= bestPos {
			best, bestPos = n.name, n.pos
		}
	}
	return best
}

func TestResolveMatchesScan(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	c := &docCtx{}
	for round := range 300 {
		var cands, inOrder, sorted []nameCandidate
		for i := range r.IntN(12) {
			cands = append(cands, nameCandidate{pos: r.IntN(40), name: fmt.Sprintf("c%d", i)})
		}
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].pos < cands[b].pos })
		for i := range r.IntN(12) {
			n := nameCandidate{pos: r.IntN(40), name: fmt.Sprintf("s%d", i)}
			inOrder = append(inOrder, n)
			sorted = insertSpeaker(sorted, n)
		}
		for pos := range 42 {
			if got, want := c.resolve(pos, cands, sorted), resolveByScan(pos, cands, inOrder); got != want {
				t.Fatalf("round %d pos %d: resolve = %q, scan = %q (cands %v, said %v)", round, pos, got, want, cands, inOrder)
			}
		}
	}
}
