package reuse

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"unsafe"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// Index is what a search for shared passages computed, kept so that the
// next search redoes only what changed documents touch. Immutable once
// returned; safe for concurrent use.
//
// It keeps, for every document, its path and a digest of what its words are
// read from; every distinct (fingerprint, document) of the project, which
// tells which documents share a fingerprint and so which pairs a changed
// document moves across MaxDocFreq or HubDocFreq or to another hub; and
// every pair's alignments, with the byte spans and quoted counts clustering
// reads. It keeps no words: the documents an update realigns are split into
// words again. Size reports what it holds; on news-bench-10k that is about
// 5 KB a document (see BENCHMARKS.md, "Shared passages updated").
type Index struct {
	opts Options // with defaults; Workers and Progress cleared
	docs []docKey
	// keyed: every document's path is unique, so that the next Update can
	// match documents by path; when false every Update is a full Find.
	keyed bool
	// The inverted index: every distinct (fingerprint hash, document index)
	// of the project, sorted by hash, then document.
	hashes  []uint64
	holders []uint32
	// aligns are every pair's alignments, sorted by pair (a, b), each
	// pair's in the order alignPair gave them: Find's order.
	aligns []alignment
	stats  UpdateStats
}

// docKey is what an Index knows of one document: nil documents are absent.
type docKey struct {
	path    string
	sum     [16]byte
	present bool
}

// UpdateStats says how the passages of an Index were computed: what an
// update redid, or why it fell back to a full computation.
type UpdateStats struct {
	// Full: every document was read and every pair aligned (FindIndexed, or
	// an Update that fell back).
	Full bool
	// Fallback says why an Update computed everything ("" otherwise).
	Fallback string
	// Documents is the number of documents (nil ones included).
	Documents int
	// Changed counts the documents new or changed since the previous
	// Index; Gone the previous documents no longer there as they were
	// (a changed or renamed one counts in both).
	Changed, Gone int
	// Reread counts the unchanged documents split into words again because
	// a pair of theirs was realigned.
	Reread int
	// PairsAligned counts the pairs of documents aligned; PairsKept those
	// whose alignments were taken from the previous Index.
	PairsAligned, PairsKept int
}

// Stats says how ix was computed.
func (ix *Index) Stats() UpdateStats { return ix.stats }

// Size is the approximate number of bytes ix holds.
func (ix *Index) Size() int {
	n := int(unsafe.Sizeof(*ix))
	n += cap(ix.docs) * int(unsafe.Sizeof(docKey{}))
	for _, d := range ix.docs {
		n += len(d.path)
	}
	n += cap(ix.hashes)*8 + cap(ix.holders)*4
	n += cap(ix.aligns) * int(unsafe.Sizeof(alignment{}))
	return n
}

// FindIndexed is Find that also returns its Index.
func FindIndexed(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, opts Options) ([]Passage, *Index, error) {
	return findIndexed(ctx, docs, folded, opts, "")
}

// findIndexed is FindIndexed; why, when not "", says why an Update fell
// back to it.
func findIndexed(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, opts Options, why string) ([]Passage, *Index, error) {
	if err := checkInput(docs, folded); err != nil {
		return nil, nil, err
	}
	o := opts.withDefaults()
	ps, toks, aligns, pairs, err := findAll(ctx, docs, folded, o)
	if err != nil {
		return nil, nil, err
	}
	ix, err := newIndex(ctx, docs, toks, aligns, o)
	if err != nil {
		return nil, nil, err
	}
	ix.stats = UpdateStats{Full: true, Fallback: why, Documents: len(docs), PairsAligned: pairs}
	return ps, ix, nil
}

// Update returns exactly what Find(ctx, docs, folded, opts) returns (same
// passages, same order, same IDs), and the new Index, redoing only the work
// the documents that are new, changed (other text under the same path) or
// gone touch. ix == nil or other opts: a full Find. ix is left unchanged.
//
// Documents are matched by path; a document is unchanged when its Text and
// Boilerplate are (folded must be textnorm.Fold of each Text, as for Find).
// Unchanged documents must keep their order relative to each other, and
// paths must be unique; otherwise Update computes everything, and Stats
// says why.
func (ix *Index) Update(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, opts Options) ([]Passage, *Index, error) {
	if err := checkInput(docs, folded); err != nil {
		return nil, nil, err
	}
	o := opts.withDefaults()
	switch {
	case ix == nil:
		return findIndexed(ctx, docs, folded, opts, "no previous index")
	case !ix.keyed:
		return findIndexed(ctx, docs, folded, opts, "the previous documents' paths were not unique")
	case !sameOptions(ix.opts, o):
		return findIndexed(ctx, docs, folded, opts, "other options")
	}
	keys, err := digestAll(ctx, docs, o)
	if err != nil {
		return nil, nil, err
	}
	m, why := ix.match(keys)
	if why != "" {
		return findIndexed(ctx, docs, folded, opts, why)
	}
	u := &update{ix: ix, docs: docs, folded: folded, o: o, m: m, words: map[uint32]*docWords{}}
	return u.run(ctx, keys)
}

// matching pairs the documents of an Index with the next documents.
type matching struct {
	newToOld []int32 // old index of each unchanged document, else -1
	oldToNew []int32 // new index of each unchanged old document, else -1
	changed  []int   // the new or changed documents' indexes, ascending
	gone     int     // old documents not matched (changed ones included)
}

// match matches keys with ix's documents by path and digest. A reason is
// returned when the update cannot be done exactly: paths repeat, or
// unchanged documents changed order (the hub of a crowded fingerprint and
// a pair's sides follow the documents' order).
func (ix *Index) match(keys []docKey) (matching, string) {
	old := make(map[string]int, len(ix.docs))
	for j, k := range ix.docs {
		if k.present {
			old[k.path] = j
		}
	}
	m := matching{newToOld: make([]int32, len(keys)), oldToNew: make([]int32, len(ix.docs))}
	for j := range m.oldToNew {
		m.oldToNew[j] = -1
	}
	seen := make(map[string]struct{}, len(keys))
	last := -1
	for i, k := range keys {
		m.newToOld[i] = -1
		if !k.present {
			continue
		}
		if _, dup := seen[k.path]; dup {
			return matching{}, "paths repeat"
		}
		seen[k.path] = struct{}{}
		j, ok := old[k.path]
		if !ok || ix.docs[j].sum != k.sum {
			m.changed = append(m.changed, i)
			continue
		}
		if j < last {
			return matching{}, "documents changed order"
		}
		last = j
		m.newToOld[i], m.oldToNew[j] = int32(j), int32(i)
	}
	for j, k := range ix.docs {
		if k.present && m.oldToNew[j] < 0 {
			m.gone++
		}
	}
	return m, ""
}

// docWords is a document split into words, with its fingerprints sorted by
// (hash, position).
type docWords struct {
	w      words
	prints []print
}

// update is the work of one Update.
type update struct {
	ix     *Index
	docs   []*document.Document
	folded []textnorm.Folded
	o      Options
	m      matching
	words  map[uint32]*docWords // by new document index
}

func (u *update) run(ctx context.Context, keys []docKey) ([]Passage, *Index, error) {
	o, m := u.o, u.m
	o.report("words", 0, len(m.changed))
	changed := make([]uint32, len(m.changed))
	for k, i := range m.changed {
		changed[k] = uint32(i)
	}
	if err := u.read(ctx, changed); err != nil {
		return nil, nil, err
	}
	o.report("words", len(m.changed), len(m.changed))

	o.report("index", 0, 2)
	hashes, holders, touched := u.reindex()
	o.report("index", 1, 2)
	pairs, dirty := u.pairsToAlign(touched, hashes, holders)
	o.report("index", 2, 2)

	// Every document of a pair to align, split into words.
	var need []uint32
	for _, p := range pairs {
		need = append(need, uint32(p>>32), uint32(p))
	}
	slices.Sort(need)
	need = slices.Compact(need)
	var reread []uint32
	for _, d := range need {
		if _, ok := u.words[d]; !ok {
			reread = append(reread, d)
		}
	}
	if err := u.read(ctx, reread); err != nil {
		return nil, nil, err
	}

	fresh, err := u.align(ctx, pairs, hashes, holders)
	if err != nil {
		return nil, nil, err
	}
	aligns, kept, ok := u.merge(dirty, fresh)
	if !ok {
		return findIndexed(ctx, u.docs, u.folded, o, "the previous index does not fit the documents")
	}

	o.report("cluster", 0, 1)
	ps, err := cluster(ctx, u.docs, aligns, o)
	if err != nil {
		return nil, nil, err
	}
	o.report("cluster", 1, 1)
	next := &Index{
		opts:    indexOptions(o),
		docs:    keys,
		keyed:   true,
		hashes:  hashes,
		holders: holders,
		aligns:  aligns,
		stats: UpdateStats{
			Documents:    len(u.docs),
			Changed:      len(m.changed),
			Gone:         m.gone,
			Reread:       len(reread),
			PairsAligned: len(pairs),
			PairsKept:    kept,
		},
	}
	return ps, next, nil
}

// read splits the documents ds (new indexes) into words and fingerprints.
func (u *update) read(ctx context.Context, ds []uint32) error {
	out := make([]*docWords, len(ds))
	err := workpool.Run(ctx, len(ds), u.o.Workers, func() func(int) {
		var scratch words
		var grams []uint64
		return func(k int) {
			dw := &docWords{w: tokenizeOne(ctx, u.docs, u.folded, int(ds[k]), &scratch)}
			dw.prints, grams = sortedPrints(&dw.w, u.o, grams)
			out[k] = dw
		}
	})
	if err == nil {
		err = ctx.Err() // a document cut short by cancellation
	}
	if err != nil {
		return err
	}
	for k, d := range ds {
		u.words[d] = out[k]
	}
	return nil
}

// reindex builds the next inverted index from ix's: the entries of gone
// and changed documents out, those of new and changed documents in, the
// others renumbered. touched are the hashes whose documents changed,
// sorted. The old entries are copied in runs, between the places where an
// entry goes or comes: the index is most of what an update moves.
func (u *update) reindex() (hashes []uint64, holders []uint32, touched []uint64) {
	type entry struct {
		hash uint64
		doc  uint32
		at   int // the old entry it goes before
	}
	ix, m := u.ix, u.m
	var added []entry
	for _, i := range m.changed {
		ps := u.words[uint32(i)].prints
		for k, p := range ps {
			if k == 0 || p.hash != ps[k-1].hash {
				added = append(added, entry{hash: p.hash, doc: uint32(i)})
			}
		}
	}
	slices.SortFunc(added, func(x, y entry) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		return cmp.Compare(x.doc, y.doc)
	})
	for k := range added {
		e := &added[k]
		touched = append(touched, e.hash)
		at, hi := span(ix.hashes, e.hash)
		// Past the entries of lower documents (and of gone ones, dropped).
		for at < hi && m.oldToNew[ix.holders[at]] < int32(e.doc) {
			at++
		}
		e.at = at
	}
	var gone []int
	for k, d := range ix.holders {
		if m.oldToNew[d] < 0 {
			gone = append(gone, k)
		}
	}
	for _, k := range gone {
		touched = append(touched, ix.hashes[k])
	}
	renumber := false
	for j, i := range m.oldToNew {
		if i >= 0 && i != int32(j) {
			renumber = true
			break
		}
	}
	if len(added) == 0 && len(gone) == 0 && !renumber {
		// Nothing comes, goes or moves: an Index never changes, so the
		// next one shares these.
		return ix.hashes, ix.holders, nil
	}
	n := len(ix.hashes) - len(gone) + len(added)
	hashes, holders = make([]uint64, n), make([]uint32, n)
	out, from, a, g := 0, 0, 0, 0
	for {
		next := len(ix.hashes)
		if a < len(added) {
			next = min(next, added[a].at)
		}
		if g < len(gone) {
			next = min(next, gone[g])
		}
		copy(hashes[out:], ix.hashes[from:next])
		copy(holders[out:], ix.holders[from:next])
		if renumber {
			for k := out; k < out+next-from; k++ {
				holders[k] = uint32(m.oldToNew[holders[k]])
			}
		}
		out += next - from
		from = next
		switch {
		case a < len(added) && added[a].at == next:
			hashes[out], holders[out] = added[a].hash, added[a].doc
			out++
			a++
		case g < len(gone) && gone[g] == next:
			from++
			g++
		default:
			slices.Sort(touched)
			return hashes, holders, slices.Compact(touched)
		}
	}
}

// pairsToAlign returns the pairs (a<<32|b, new indexes, ascending) whose
// seeds may differ from the previous Index's: every pair with a new or
// changed document that shares a fingerprint it may seed, and the pairs of
// unchanged documents that a touched fingerprint seeded before and not now,
// or now and not before (it crossed MaxDocFreq or HubDocFreq, or its hub
// changed). dirty holds the latter, whose kept alignments are dropped.
func (u *update) pairsToAlign(touched []uint64, hashes []uint64, holders []uint32) ([]uint64, map[uint64]struct{}) {
	ix, o, m := u.ix, u.o, u.m
	want := map[uint64]struct{}{}
	dirty := map[uint64]struct{}{}
	var was, now []uint64
	for _, h := range touched {
		was, now = was[:0], now[:0]
		lo, hi := span(ix.hashes, h)
		seedPairs(ix.holders[lo:hi], o, func(a, b uint32) {
			na, nb := m.oldToNew[a], m.oldToNew[b]
			if na >= 0 && nb >= 0 {
				was = append(was, uint64(na)<<32|uint64(nb))
			}
		})
		lo, hi = span(hashes, h)
		seedPairs(holders[lo:hi], o, func(a, b uint32) {
			p := uint64(a)<<32 | uint64(b)
			if m.newToOld[a] < 0 || m.newToOld[b] < 0 {
				want[p] = struct{}{}
			} else {
				now = append(now, p)
			}
		})
		// The pairs seeded by h before or now, not both: their seeds differ.
		slices.Sort(was)
		slices.Sort(now)
		i, j := 0, 0
		for i < len(was) || j < len(now) {
			switch {
			case j == len(now) || i < len(was) && was[i] < now[j]:
				dirty[was[i]] = struct{}{}
				i++
			case i == len(was) || now[j] < was[i]:
				dirty[now[j]] = struct{}{}
				j++
			default:
				i++
				j++
			}
		}
	}
	pairs := make([]uint64, 0, len(want)+len(dirty))
	for p := range want {
		pairs = append(pairs, p)
	}
	for p := range dirty {
		pairs = append(pairs, p)
	}
	slices.Sort(pairs)
	return pairs, dirty
}

// seedPairs calls f(a, b) for every pair of documents that a fingerprint
// held by holders (ascending document indexes) seeds, as findSeeds pairs
// them.
func seedPairs(holders []uint32, o Options, f func(a, b uint32)) {
	d := len(holders)
	if d < 2 || d > o.MaxDocFreq {
		return
	}
	xs := d
	if d > o.HubDocFreq {
		xs = 1
	}
	for x := 0; x < xs; x++ {
		for y := x + 1; y < d; y++ {
			f(holders[x], holders[y])
		}
	}
}

// span is the range of h's entries in the sorted hashes.
func span(hashes []uint64, h uint64) (int, int) {
	lo := sort.Search(len(hashes), func(k int) bool { return hashes[k] >= h })
	hi := lo
	for hi < len(hashes) && hashes[hi] == h {
		hi++
	}
	return lo, hi
}

// align aligns the pairs again from their seeds, which it computes as
// findSeeds would from the next inverted index. The result holds each
// pair's alignments, in the pairs' order.
func (u *update) align(ctx context.Context, pairs []uint64, hashes []uint64, holders []uint32) ([][]alignment, error) {
	o := u.o
	out := make([][]alignment, len(pairs))
	var mu sync.Mutex
	done := 0
	o.report("align", 0, len(pairs))
	err := workpool.Run(ctx, len(pairs), o.Workers, func() func(int) {
		var seeds []seed
		var tried []alignment
		return func(k int) {
			if ctx.Err() != nil {
				return
			}
			a, b := uint32(pairs[k]>>32), uint32(pairs[k])
			wa, wb := u.words[a], u.words[b]
			seeds = pairSeeds(wa.prints, wb.prints, a, b, hashes, holders, o, seeds[:0])
			var als []alignment
			als, tried = alignWords(ctx, &wa.w, &wb.w, seeds, o, nil, tried)
			out[k] = als
			if o.Progress != nil {
				mu.Lock()
				done++
				if done%256 == 0 || done == len(pairs) {
					o.report("align", done, len(pairs))
				}
				mu.Unlock()
			}
		}
	})
	if err == nil {
		err = ctx.Err() // an alignment cut short by cancellation
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pairSeeds appends the seeds of documents a < b, whose fingerprints
// sorted by (hash, position) are pa and pb, sorted by (i, j): findSeeds's
// seeds of the pair, from the inverted index hashes/holders.
func pairSeeds(pa, pb []print, a, b uint32, hashes []uint64, holders []uint32, o Options, out []seed) []seed {
	first := len(out)
	i, j := 0, 0
	for i < len(pa) && j < len(pb) {
		h := pa[i].hash
		if h < pb[j].hash {
			i++
			continue
		}
		if pb[j].hash < h {
			j++
			continue
		}
		ie, je := i+1, j+1
		for ie < len(pa) && pa[ie].hash == h {
			ie++
		}
		for je < len(pb) && pb[je].hash == h {
			je++
		}
		lo, hi := span(hashes, h)
		if d := hi - lo; d >= 2 && d <= o.MaxDocFreq && (d <= o.HubDocFreq || holders[lo] == a) {
			for p := i; p < min(ie, i+maxPositions); p++ {
				for q := j; q < min(je, j+maxPositions); q++ {
					out = append(out, seed{a, b, pa[p].pos, pb[q].pos})
				}
			}
		}
		i, j = ie, je
	}
	mine := out[first:]
	slices.SortFunc(mine, func(x, y seed) int {
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	return out
}

// merge puts the kept alignments (ix's, of pairs of unchanged documents
// not dirty, renumbered) and the fresh ones (of pairs, in order) together in
// Find's order, and counts the pairs kept.
//
// ok is false when a kept alignment's byte spans do not lie within its
// documents' texts: an Index decoded from damaged data that its checks let
// through, which must not be trusted (nor crash clustering).
func (u *update) merge(dirty map[uint64]struct{}, fresh [][]alignment) (out []alignment, pairsKept int, ok bool) {
	ix, m := u.ix, u.m
	kept := make([]alignment, 0, len(ix.aligns))
	for k, al := range ix.aligns {
		na, nb := m.oldToNew[al.a], m.oldToNew[al.b]
		if na < 0 || nb < 0 {
			continue
		}
		if _, ok := dirty[uint64(na)<<32|uint64(nb)]; ok {
			continue
		}
		if k == 0 || al.a != ix.aligns[k-1].a || al.b != ix.aligns[k-1].b {
			pairsKept++
		}
		al.a, al.b = uint32(na), uint32(nb)
		if !within(u.docs[na], al.bsa, al.bea) || !within(u.docs[nb], al.bsb, al.beb) {
			return nil, 0, false
		}
		kept = append(kept, al)
	}
	var added []alignment
	for _, f := range fresh {
		added = append(added, f...)
	}
	out = make([]alignment, 0, len(kept)+len(added))
	i, j := 0, 0
	for i < len(kept) || j < len(added) {
		if j == len(added) || i < len(kept) && pairKey(kept[i]) < pairKey(added[j]) {
			out = append(out, kept[i])
			i++
		} else {
			out = append(out, added[j])
			j++
		}
	}
	return out, pairsKept, true
}

// within tells whether [s,e) is a byte span of d's text.
func within(d *document.Document, s, e int32) bool {
	return d != nil && 0 <= s && s <= e && int(e) <= len(d.Text)
}

func pairKey(al alignment) uint64 { return uint64(al.a)<<32 | uint64(al.b) }

// sortedPrints winnows w into fingerprints sorted by (hash, position).
func sortedPrints(w *words, o Options, grams []uint64) ([]print, []uint64) {
	var ps []print
	ps, grams = winnow(w.hash, o.NGram, o.Window, 0, nil, grams)
	slices.SortFunc(ps, func(x, y print) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		return cmp.Compare(x.pos, y.pos)
	})
	return ps, grams
}

// newIndex builds the Index of a full computation.
func newIndex(ctx context.Context, docs []*document.Document, toks []words, aligns []alignment, o Options) (*Index, error) {
	keys, err := digestAll(ctx, docs, o)
	if err != nil {
		return nil, err
	}
	keyed := true
	seen := make(map[string]struct{}, len(keys))
	for _, k := range keys {
		if !k.present {
			continue
		}
		if _, dup := seen[k.path]; dup {
			keyed = false
		}
		seen[k.path] = struct{}{}
	}
	hashes, holders, err := invertedIndex(ctx, toks, o)
	if err != nil {
		return nil, err
	}
	return &Index{opts: indexOptions(o), docs: keys, keyed: keyed, hashes: hashes, holders: holders, aligns: slices.Clip(aligns)}, nil
}

// bucketBits is the number of a hash's top bits that pick its bucket when
// the inverted index is built: a few fingerprints to a bucket.
const bucketBits = 18

// invertedIndex returns every distinct (fingerprint, document) of toks,
// sorted by hash, then document. Each worker winnows a run of documents
// twice, counting its fingerprints per bucket of hashes, then putting them
// in place: the buckets come out in document order, so that sorting each
// (a few entries) by hash alone sorts the whole. No sort of all the
// fingerprints, and no room beyond the result.
func invertedIndex(ctx context.Context, toks []words, o Options) ([]uint64, []uint32, error) {
	const nb = 1 << bucketBits
	workers := max(1, min(o.Workers, len(toks)))
	first := func(w int) int { return w * len(toks) / workers } // worker w's documents start
	counts := make([][]int, workers)
	each := func(w int, f func(d uint32, ps []print)) {
		var grams []uint64
		var buf []print
		for d := first(w); d < first(w+1); d++ {
			if d%256 == 0 && ctx.Err() != nil {
				return
			}
			buf, grams = winnow(toks[d].hash, o.NGram, o.Window, uint32(d), buf[:0], grams)
			f(uint32(d), buf)
		}
	}
	err := workpool.Run(ctx, workers, workers, func() func(int) {
		return func(w int) {
			c := make([]int, nb)
			each(w, func(_ uint32, ps []print) {
				for _, p := range ps {
					c[p.hash>>(64-bucketBits)]++
				}
			})
			counts[w] = c
		}
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, nil, err
	}
	// Each worker's place in each bucket: buckets in order, workers
	// (document runs) in order within a bucket.
	starts := make([]int, nb+1)
	n := 0
	for b := range nb {
		starts[b] = n
		for w := range workers {
			c := counts[w][b]
			counts[w][b] = n
			n += c
		}
	}
	starts[nb] = n
	hashes, holders := make([]uint64, n), make([]uint32, n)
	err = workpool.Run(ctx, workers, workers, func() func(int) {
		return func(w int) {
			at := counts[w]
			each(w, func(d uint32, ps []print) {
				for _, p := range ps {
					b := p.hash >> (64 - bucketBits)
					hashes[at[b]], holders[at[b]] = p.hash, d
					at[b]++
				}
			})
		}
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, nil, err
	}
	counts = nil
	// Sort each bucket by hash, stably (documents stay in order): small
	// buckets by insertion, large ones (a fingerprint many documents hold)
	// by (hash, document).
	const jobs = 256
	err = workpool.Run(ctx, jobs, o.Workers, func() func(int) {
		var big []print
		return func(job int) {
			for b := job * nb / jobs; b < (job+1)*nb/jobs; b++ {
				lo, hi := starts[b], starts[b+1]
				if hi-lo <= 32 {
					for k := lo + 1; k < hi; k++ {
						h, d := hashes[k], holders[k]
						m := k
						for ; m > lo && hashes[m-1] > h; m-- {
							hashes[m], holders[m] = hashes[m-1], holders[m-1]
						}
						hashes[m], holders[m] = h, d
					}
					continue
				}
				big = big[:0]
				for k := lo; k < hi; k++ {
					big = append(big, print{hash: hashes[k], doc: holders[k]})
				}
				// (hash, document) is a total order on what stays: no
				// need of a stable sort.
				slices.SortFunc(big, func(x, y print) int {
					if c := cmp.Compare(x.hash, y.hash); c != 0 {
						return c
					}
					return cmp.Compare(x.doc, y.doc)
				})
				for k, p := range big {
					hashes[lo+k], holders[lo+k] = p.hash, p.doc
				}
			}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	// A document holding a fingerprint at several places: one entry.
	k := 0
	for i := range hashes {
		if i > 0 && hashes[i] == hashes[i-1] && holders[i] == holders[i-1] {
			continue
		}
		hashes[k], holders[k] = hashes[i], holders[i]
		k++
	}
	return slices.Clip(hashes[:k]), slices.Clip(holders[:k]), nil
}

// digestAll returns each document's key: its path and a digest of what its
// words are read from (Text and Boilerplate).
func digestAll(ctx context.Context, docs []*document.Document, o Options) ([]docKey, error) {
	keys := make([]docKey, len(docs))
	err := workpool.Run(ctx, len(docs), o.Workers, func() func(int) {
		var buf [8]byte
		return func(i int) {
			d := docs[i]
			if d == nil {
				return
			}
			h := sha256.New()
			put := func(n int) {
				binary.LittleEndian.PutUint64(buf[:], uint64(n))
				h.Write(buf[:])
			}
			put(len(d.Text))
			h.Write(unsafe.Slice(unsafe.StringData(d.Text), len(d.Text)))
			put(len(d.Boilerplate))
			for _, b := range d.Boilerplate {
				put(b.Start)
				put(b.End)
			}
			var sum [sha256.Size]byte
			h.Sum(sum[:0])
			keys[i] = docKey{path: d.Path, present: true}
			copy(keys[i].sum[:], sum[:])
		}
	})
	if err != nil {
		return nil, err
	}
	return keys, nil
}

// indexOptions is o without what does not change the result.
func indexOptions(o Options) Options {
	o.Workers, o.Progress = 0, nil
	return o
}

func sameOptions(kept, o Options) bool {
	o = indexOptions(o)
	return kept.NGram == o.NGram && kept.Window == o.Window && kept.MinWords == o.MinWords &&
		kept.MaxMismatches == o.MaxMismatches && kept.MinRun == o.MinRun &&
		kept.MinSimilarity == o.MinSimilarity && kept.MaxDocFreq == o.MaxDocFreq &&
		kept.HubDocFreq == o.HubDocFreq
}

// checkInput checks what Find checks of its input.
func checkInput(docs []*document.Document, folded []textnorm.Folded) error {
	if folded != nil && len(folded) != len(docs) {
		return fmt.Errorf("reuse: %d folded texts for %d documents", len(folded), len(docs))
	}
	if len(docs) >= 1<<31 {
		return errors.New("reuse: too many documents")
	}
	return nil
}
