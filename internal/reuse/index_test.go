package reuse

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWinnowGuarantee checks the winnowing guarantee: two texts that share
// a run of NGram+Window-1 words share a fingerprint, and one word less
// may not be enough.
func TestWinnowGuarantee(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	random := func(n int) []uint32 {
		s := make([]uint32, n)
		for i := range s {
			s[i] = rng.Uint32()
		}
		return s
	}
	for _, kw := range [][2]int{{5, 4}, {3, 6}, {7, 2}} {
		k, w := kw[0], kw[1]
		for trial := range 300 {
			run := random(k + w - 1)
			a := slices.Concat(random(rng.IntN(40)), run, random(rng.IntN(40)))
			b := slices.Concat(random(rng.IntN(40)), run, random(rng.IntN(40)))
			pa, _ := winnow(a, k, w, 0, nil, nil)
			pb, _ := winnow(b, k, w, 1, nil, nil)
			shared := false
			for _, x := range pa {
				for _, y := range pb {
					shared = shared || x.hash == y.hash
				}
			}
			if !shared {
				t.Fatalf("k=%d w=%d trial %d: a shared run of %d words gave no shared fingerprint", k, w, trial, k+w-1)
			}
		}
	}
	// Fewer words than an n-gram: no fingerprint at all.
	if p, _ := winnow(random(4), 5, 4, 0, nil, nil); len(p) != 0 {
		t.Errorf("4 words gave %d fingerprints", len(p))
	}
}

func TestParallelSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, n := range []int{0, 10, 1 << 17} {
		s := make([]seed, n)
		for i := range s {
			s[i] = seed{rng.Uint32N(50), rng.Uint32N(50), rng.Uint32N(1000), rng.Uint32()}
		}
		c := func(x, y seed) int {
			return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.i, y.i), cmp.Compare(x.j, y.j))
		}
		want := slices.Clone(s)
		slices.SortFunc(want, c)
		for _, workers := range []int{1, 2, 5} {
			got := slices.Clone(s)
			if err := parallelSort(context.Background(), got, workers, func(x seed) uint64 { return uint64(x.a)<<32 | uint64(x.b) }, c); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("n=%d workers=%d: not sorted like slices.SortFunc", n, workers)
			}
		}
	}
}
