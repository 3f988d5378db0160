package reuse

import (
	"cmp"
	"context"
	"slices"
	"sync/atomic"

	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// print is one winnowed fingerprint: the hash of the n-gram of words starting
// at word pos of document doc.
type print struct {
	hash uint64
	doc  uint32
	pos  uint32
}

// seed says that document a at word i and document b at word j (a < b) start
// the same n-gram.
type seed struct {
	a, b uint32
	i, j uint32
}

// maxPositions bounds the places of one fingerprint taken from one document,
// so a phrase a document repeats many times cannot flood the seeds.
const maxPositions = 4

// findSeeds winnows every document, builds the inverted index of
// fingerprints (a slice sorted by hash) and returns the seeds of the
// fingerprints found in 2..MaxDocFreq documents, sorted by (a, b, i, j).
// Seeds pair every two documents of a fingerprint, or each document with a
// hub for fingerprints found in more than HubDocFreq documents.
func findSeeds(ctx context.Context, toks []words, o Options) ([]seed, error) {
	o.report("index", 0, 3)
	prints, err := repeatedPrints(ctx, toks, o)
	if err != nil {
		return nil, err
	}
	o.report("index", 1, 3)
	err = parallelSort(ctx, prints, o.Workers, func(p print) uint64 { return p.hash }, func(x, y print) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		if c := cmp.Compare(x.doc, y.doc); c != 0 {
			return c
		}
		return cmp.Compare(x.pos, y.pos)
	})
	if err != nil {
		return nil, err
	}
	o.report("index", 2, 3)

	// Two passes over the groups of equal hashes: count, then fill, so the
	// seeds take exactly their room.
	var seeds []seed
	var docs []int // start of each document's run within a group
	for pass := range 2 {
		count := 0
		for g := 0; g < len(prints); {
			e := g + 1
			for e < len(prints) && prints[e].hash == prints[g].hash {
				e++
			}
			if e-g >= 2 {
				docs = docs[:0]
				for k := g; k < e; k++ {
					if k == g || prints[k].doc != prints[k-1].doc {
						docs = append(docs, k)
					}
				}
				if len(docs) >= 2 && len(docs) <= o.MaxDocFreq {
					docs = append(docs, e)
					// Above HubDocFreq documents, every document pairs with
					// the first only, a hub: linear, not quadratic, work for
					// widely syndicated copy, which clustering rejoins.
					xs := len(docs) - 1
					if xs > o.HubDocFreq {
						xs = 1
					}
					for x := 0; x < xs; x++ {
						for y := x + 1; y+1 < len(docs); y++ {
							np := min(docs[x+1]-docs[x], maxPositions)
							nq := min(docs[y+1]-docs[y], maxPositions)
							if pass == 0 {
								count += np * nq
								continue
							}
							for p := docs[x]; p < docs[x]+np; p++ {
								for q := docs[y]; q < docs[y]+nq; q++ {
									seeds = append(seeds, seed{prints[p].doc, prints[q].doc, prints[p].pos, prints[q].pos})
								}
							}
						}
					}
				}
			}
			g = e
		}
		if pass == 0 {
			seeds = make([]seed, 0, count)
		}
	}
	err = parallelSort(ctx, seeds, o.Workers, func(s seed) uint64 { return uint64(s.a)<<32 | uint64(s.b) }, func(x, y seed) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		if c := cmp.Compare(x.b, y.b); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	if err != nil {
		return nil, err
	}
	o.report("index", 3, 3)
	return seeds, nil
}

// repeatBits is the size in bits of the tables that repeatedPrints uses.
const repeatBits = 26

// repeatedPrints winnows every document twice: the first pass marks each
// fingerprint's hash in two bit tables, "seen" and "seen again"; the second
// keeps only the fingerprints seen again. A fingerprint found once cannot
// pair two documents, and most are found once, so the index holds a small
// share of them. (A few single ones that share a table slot with another
// survive; they cost only their room.)
func repeatedPrints(ctx context.Context, toks []words, o Options) ([]print, error) {
	seen := make([]uint64, 1<<repeatBits/64)
	again := make([]uint64, 1<<repeatBits/64)
	slot := func(h uint64) (int, uint64) {
		k := h >> (64 - repeatBits)
		return int(k / 64), 1 << (k % 64)
	}
	parts := make([][]print, o.Workers)
	for pass := range 2 {
		// job w winnows every o.Workers-th document from w
		err := workpool.Run(ctx, o.Workers, o.Workers, func() func(int) {
			return func(w int) {
				var grams []uint64
				var buf, keep []print
				for d := w; d < len(toks); d += o.Workers {
					if d%512 == w && ctx.Err() != nil {
						return
					}
					buf, grams = winnow(toks[d].hash, o.NGram, o.Window, uint32(d), buf[:0], grams)
					if pass == 0 {
						for _, f := range buf {
							i, bit := slot(f.hash)
							if atomic.OrUint64(&seen[i], bit)&bit != 0 && atomic.LoadUint64(&again[i])&bit == 0 {
								atomic.OrUint64(&again[i], bit)
							}
						}
						continue
					}
					for _, f := range buf {
						if i, bit := slot(f.hash); again[i]&bit != 0 {
							keep = append(keep, f)
						}
					}
				}
				parts[w] = keep
			}
		})
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	prints := make([]print, 0, n)
	for _, p := range parts {
		prints = append(prints, p...)
	}
	return prints, nil
}

// winnow appends to out the fingerprints of the word hashes h of document
// doc: the rightmost smallest n-gram hash of every window of w n-grams,
// recorded once per position (robust winnowing). grams is scratch space.
func winnow(h []uint32, k, w int, doc uint32, out []print, grams []uint64) ([]print, []uint64) {
	n := len(h) - k + 1
	if n <= 0 {
		return out, grams
	}
	grams = slices.Grow(grams[:0], n)[:n]
	// Polynomial rolling hash of k words, then a mixer so that the minimum
	// of a window is a fair sample.
	const mul = 0x100000001b3
	var pow uint64 = 1
	for range k - 1 {
		pow *= mul
	}
	var r uint64
	for i := range k {
		r = r*mul + uint64(h[i]) + 1
	}
	grams[0] = mix(r)
	for i := 1; i < n; i++ {
		r = (r-(uint64(h[i-1])+1)*pow)*mul + uint64(h[i+k-1]) + 1
		grams[i] = mix(r)
	}
	if n < w {
		w = n
	}
	last := -1
	for s := 0; s+w <= n; s++ {
		if last < s {
			last = s
			for p := s + 1; p < s+w; p++ {
				if grams[p] <= grams[last] {
					last = p
				}
			}
			out = append(out, print{grams[last], doc, uint32(last)})
		} else if e := s + w - 1; grams[e] <= grams[last] {
			last = e
			out = append(out, print{grams[last], doc, uint32(last)})
		}
	}
	return out, grams
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// parallelSort sorts s by cmpFn, where key gives each element's leading
// sort key: elements are spread over buckets by the key's top bits, and the
// buckets are sorted concurrently on the shared worker pool. The buckets'
// ranges are fixed, so the result does not depend on the number of
// workers. When ctx ends, no further bucket is sorted and it returns ctx's
// error (s is then only partly sorted).
func parallelSort[T any](ctx context.Context, s []T, workers int, key func(T) uint64, cmpFn func(a, b T) int) error {
	if workers <= 1 || len(s) < 1<<16 {
		slices.SortFunc(s, cmpFn)
		return ctx.Err()
	}
	lo, hi := ^uint64(0), uint64(0)
	for _, v := range s {
		k := key(v)
		lo = min(lo, k)
		hi = max(hi, k)
	}
	const nb = 256
	span := hi - lo
	shift := 0
	for span>>shift >= nb {
		shift++
	}
	bucket := func(v T) int { return int((key(v) - lo) >> shift) }
	var counts [nb + 1]int
	for _, v := range s {
		counts[bucket(v)+1]++
	}
	for i := 1; i <= nb; i++ {
		counts[i] += counts[i-1]
	}
	tmp := make([]T, len(s))
	pos := counts
	for _, v := range s {
		b := bucket(v)
		tmp[pos[b]] = v
		pos[b]++
	}
	copy(s, tmp)
	return workpool.Run(ctx, nb, workers, func() func(int) {
		return func(b int) { slices.SortFunc(s[counts[b]:counts[b+1]], cmpFn) }
	})
}
