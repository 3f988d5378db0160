// Package search finds entities by name as the analyst types, and phrases in
// the documents. Names are matched with github.com/sahilm/fuzzy on folded
// keys (case, diacritics, quotes and look-alike letters folded once, up
// front), with match positions mapped back to the original form for
// highlighting; when the subsequence match finds nothing good, a trigram and
// edit-distance fallback tolerates typos ("Soliemani"). A Session follows
// a search box's keystrokes (session.go).
package search

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workpool"
	"github.com/sahilm/fuzzy"
)

// Item is one searchable name.
type Item struct {
	Text   string // as written
	Ref    int    // what it names, for the caller (an entity index)
	Weight int    // importance (mentions): breaks ties, orders the search
}

// Names is an immutable fuzzy index over names, safe for concurrent use.
// Texts, keys and offset maps live in a few large blocks, not one
// allocation per name, so the garbage collector has little to scan even at
// millions of names. The keys, their offset maps and letter masks are laid
// out in search order (by weight, then shorter first: an item's rank), not
// in the items' order, so that a scan reads memory front to back however
// the caller ordered the items.
type Names struct {
	texts  string  // every item's Text, end to end
	tstart []int32 // item i's Text is texts[tstart[i]:tstart[i+1]]
	refs   []int32
	weight []int32
	order  []int32  // rank → item: items by weight, then shorter first
	rank   []int32  // item → rank
	blob   string   // every key, end to end, by rank
	kstart []int32  // rank r's key is blob[kstart[r]:kstart[r+1]]
	offs   []int32  // folded byte → original byte, for keys that differ from their Text
	ostart []int32  // rank r's map is offs[ostart[r]:ostart[r+1]] (empty: identical)
	sigs   []sig    // by rank: what a scan tests first
	starts []uint64 // by rank: letters and digits that start a word of the key
	grams  map[uint32][]int32
	// pairs lists every word start of the keys by its first two bytes:
	// the rank of its key (ascending) and its byte offset there (poff;
	// math.MaxUint16 for one further in). pairs[pstart[k]:pstart[k+1]] for
	// the pair of bytes k: where a query's word start can be.
	pairs  []int32
	poff   []uint16
	pstart []int32
	// rare lists, for each mask bit held by few keys (a letter like j, q,
	// x, z, or a digit), the ranks holding it, ascending: a scan for a
	// query with such a letter reads only them. nil for the other bits.
	rare [64][]int32
	// budget bounds how many candidates are scored per query (scoreBudget;
	// tests lower it to reach its edge cases with few names)
	budget int
}

// MatchKey folds a name or query for matching: textnorm's fold, which
// folds the Persian and Arabic letter variants (ی/ي, ک/ك) alike, so a query
// typed on a Persian keyboard finds Arabic spellings and the reverse.
func MatchKey(s string) string { return textnorm.String(s) }

type foldedChunk struct {
	keys string
	klen []int32
	offs []int32
	olen []int32
}

// NewNames folds every item once and builds the index.
func NewNames(items []Item) *Names {
	n, _ := newNames(context.Background(), items)
	return n
}

// newNames is NewNames, stopping early with ctx's error when ctx ends.
func newNames(ctx context.Context, items []Item) (*Names, error) {
	n := &Names{sigs: make([]sig, len(items)), starts: make([]uint64, len(items)),
		refs: make([]int32, len(items)), weight: make([]int32, len(items)), budget: scoreBudget}
	var tb strings.Builder
	n.tstart = make([]int32, 0, len(items)+1)
	for i, it := range items {
		n.tstart = append(n.tstart, int32(tb.Len()))
		tb.WriteString(it.Text)
		n.refs[i], n.weight[i] = int32(it.Ref), int32(min(it.Weight, 1<<30))
	}
	n.tstart = append(n.tstart, int32(tb.Len()))
	n.texts = tb.String()
	n.order = make([]int32, len(items))
	for i := range n.order {
		n.order[i] = int32(i)
	}
	sort.SliceStable(n.order, func(a, b int) bool {
		x, y := n.order[a], n.order[b]
		if n.weight[x] != n.weight[y] {
			return n.weight[x] > n.weight[y]
		}
		return n.tstart[x+1]-n.tstart[x] < n.tstart[y+1]-n.tstart[y]
	})
	n.rank = make([]int32, len(items))
	for r, it := range n.order {
		n.rank[it] = int32(r)
	}
	chunks, err := parallelCollect(ctx, len(items), func(lo, hi int) foldedChunk {
		var c foldedChunk
		var kb strings.Builder
		for r := lo; r < hi; r++ {
			text := items[n.order[r]].Text
			f := textnorm.Fold(text)
			kb.WriteString(f.Text)
			c.klen = append(c.klen, int32(len(f.Text)))
			if f.Text != text {
				c.offs = f.AppendOffsets(c.offs)
				c.offs = c.offs[:len(c.offs)-1] // without the closing entry
				c.olen = append(c.olen, int32(len(f.Text)))
			} else {
				c.olen = append(c.olen, 0)
			}
			n.sigs[r], n.starts[r] = keySig(f.Text)
		}
		c.keys = kb.String()
		return c
	})
	if err != nil {
		return nil, err
	}
	var kb strings.Builder
	n.kstart = make([]int32, 0, len(items)+1)
	n.ostart = make([]int32, 0, len(items)+1)
	for _, c := range chunks {
		pos := int32(kb.Len())
		kb.WriteString(c.keys)
		for _, l := range c.klen {
			n.kstart = append(n.kstart, pos)
			pos += l
		}
		n.offs = append(n.offs, c.offs...)
		base := int32(len(n.offs) - len(c.offs))
		for _, l := range c.olen {
			n.ostart = append(n.ostart, base)
			base += l
		}
	}
	n.kstart = append(n.kstart, int32(kb.Len()))
	n.ostart = append(n.ostart, int32(len(n.offs)))
	n.blob = kb.String()
	n.indexPairs()
	n.indexRare()
	// keys read in search order, front to back; a posting list's order
	// does not matter to typo
	n.grams = map[uint32][]int32{}
	for r, it := range n.order {
		for _, g := range trigrams(compact(n.rkey(r))) {
			n.grams[g] = append(n.grams[g], it)
		}
	}
	return n, nil
}

// eachWordStart calls fn with every byte offset of key where a word starts
// (where wordPrefix may find a query) and a second byte follows.
func eachWordStart(key string, fn func(i int)) {
	for i := 0; i+1 < len(key); i++ {
		if i == 0 || bit(key[i-1]) == 0 {
			fn(i)
		}
	}
}

// indexPairs lists every word start of the keys by its first two bytes,
// by rank.
func (n *Names) indexPairs() {
	counts := make([]int32, 1<<16+1)
	for r := range n.Len() {
		k := n.rkey(r)
		eachWordStart(k, func(i int) { counts[int(k[i])<<8|int(k[i+1])+1]++ })
	}
	for k := 1; k < len(counts); k++ {
		counts[k] += counts[k-1]
	}
	n.pstart = counts
	n.pairs = make([]int32, counts[len(counts)-1])
	n.poff = make([]uint16, len(n.pairs))
	next := slices.Clone(counts[:len(counts)-1])
	for r := range n.Len() {
		k := n.rkey(r)
		eachWordStart(k, func(i int) {
			pair := int(k[i])<<8 | int(k[i+1])
			n.pairs[next[pair]], n.poff[next[pair]] = int32(r), uint16(min(i, math.MaxUint16))
			next[pair]++
		})
	}
}

// rareShare: a bit is rare when at most one key in rareShare holds it;
// rareFrom: below so many names a scan of them all is short anyway.
const (
	rareShare = 8
	rareFrom  = 50000
)

// indexRare lists the ranks of the keys holding each rare bit.
func (n *Names) indexRare() {
	if n.Len() < rareFrom {
		return
	}
	var counts [64]int
	for _, sg := range n.sigs {
		for m := sg.mask; m != 0; m &= m - 1 {
			counts[bits.TrailingZeros64(m)]++
		}
	}
	for b, c := range counts {
		if c > 0 && c*rareShare <= n.Len() {
			n.rare[b] = make([]int32, 0, c)
		}
	}
	for r, sg := range n.sigs {
		for m := sg.mask; m != 0; m &= m - 1 {
			if b := bits.TrailingZeros64(m); n.rare[b] != nil {
				n.rare[b] = append(n.rare[b], int32(r))
			}
		}
	}
}

// startsWith reports whether the word start of the pair list's entry e
// begins p.
func (n *Names) startsWith(e int, p string) bool {
	k := n.rkey(int(n.pairs[e]))
	if off := int(n.poff[e]); off < math.MaxUint16 {
		return strings.HasPrefix(k[off:], p)
	}
	return wordPrefix(k, p) // a word that far into a key: look again
}

// startingWith returns the span of the pair list holding the word starts
// with the first two bytes of p.
func (n *Names) startingWith(p string) (lo, hi int) {
	pair := int(p[0])<<8 | int(p[1])
	return int(n.pstart[pair]), int(n.pstart[pair+1])
}

// key returns item i's matching key.
func (n *Names) key(i int) string { return n.rkey(int(n.rank[i])) }

// rkey returns the matching key of the item of rank r.
func (n *Names) rkey(r int) string { return n.blob[n.kstart[r]:n.kstart[r+1]] }

// Len is the number of items.
func (n *Names) Len() int { return len(n.refs) }

// Item returns item i.
func (n *Names) Item(i int) Item {
	return Item{Text: n.texts[n.tstart[i]:n.tstart[i+1]], Ref: int(n.refs[i]), Weight: int(n.weight[i])}
}

// bit is the mask bit of a key's byte: one per letter and digit, and 28
// bits shared by the bytes of other scripts' letters (by their low six
// bits, which tell the letters of one UTF-8 block apart: a Cyrillic or
// Arabic query then skips most names of its own script too). Zero for
// spaces and punctuation, which separate words.
func bit(c byte) uint64 {
	switch {
	case c >= 'a' && c <= 'z':
		return 1 << (c - 'a')
	case c >= '0' && c <= '9':
		return 1 << (26 + c - '0')
	case c >= 0x80:
		return 1 << (36 + (c&0x3f)%28)
	}
	return 0
}

// sig is what a scan tests of a key before matching it: the letters it
// holds, those it holds twice, and which letters come before which. They sit side by side, so
// that the test reads memory front to back and touches a key only when
// both pass.
type sig struct {
	mask  uint64 // bits (bit) of the key's bytes
	twice uint64 // bits two bytes or more of the key have
	// order has the bit pairBit(x, y) for every two bits x ≠ y of the
	// key with a byte of x before a byte of y. A query holding x before y
	// is a subsequence only of keys with it.
	order uint64
}

// pairBit hashes a pair of mask bits to one bit of a sig's order.
func pairBit(x, y int) uint64 {
	return 1 << (uint32(x*64+y) * 2654435761 >> 26)
}

// keySig makes a key's sig and its word-start mask.
func keySig(s string) (sig, uint64) {
	all, starts := masks(s)
	var first, last [64]int
	for m := all; m != 0; m &= m - 1 {
		first[bits.TrailingZeros64(m)] = -1
	}
	for i := 0; i < len(s); i++ {
		if b := bit(s[i]); b != 0 {
			x := bits.TrailingZeros64(b)
			if first[x] < 0 {
				first[x] = i
			}
			last[x] = i
		}
	}
	var order uint64
	var twice uint64
	for mx := all; mx != 0; mx &= mx - 1 {
		x := bits.TrailingZeros64(mx)
		if first[x] < last[x] {
			twice |= 1 << x
		}
		for my := all; my != 0; my &= my - 1 {
			if y := bits.TrailingZeros64(my); x != y && first[x] < last[y] {
				order |= pairBit(x, y)
			}
		}
	}
	return sig{all, twice, order}, starts
}

// patternSig is the sig every key holding p as a subsequence passes (a
// one-letter p: holding it).
func patternSig(p string, one bool) sig {
	if one {
		return sig{mask: bit(p[0])}
	}
	var need sig
	var seen []int
	for i := 0; i < len(p); i++ {
		b := bit(p[i])
		if b == 0 {
			continue
		}
		need.mask |= b
		y := bits.TrailingZeros64(b)
		for _, x := range seen {
			if x == y {
				need.twice |= b
			} else {
				need.order |= pairBit(x, y)
			}
		}
		seen = append(seen, y)
	}
	return need
}

// passes reports whether a key's sig passes a pattern's.
func (s sig) passes(need sig) bool {
	return s.mask&need.mask == need.mask && s.twice&need.twice == need.twice && s.order&need.order == need.order
}

func masks(s string) (all, starts uint64) {
	prevWord := false
	for i := 0; i < len(s); i++ {
		b := bit(s[i])
		all |= b
		word := b != 0
		if word && !prevWord {
			starts |= b
		}
		prevWord = word
	}
	return
}

// pattern makes the fuzzy pattern of a query: folded, without spaces.
func pattern(q string) string { return strings.ReplaceAll(MatchKey(q), " ", "") }

// Match is one name found.
type Match struct {
	Item  int
	Score int
	// Positions are byte offsets in the item's original Text of the
	// matched characters, for highlighting.
	Positions []int
	// Typo marks a match found by the edit-distance fallback; Distance is
	// its number of edits.
	Typo     bool
	Distance int
	// Good says the match is tight: few separate runs of matched letters
	// (a typo match within its distance bound is good too).
	Good bool
}

// Find searches all names for q without any session state.
func (n *Names) Find(q string, limit int) []Match { return n.NewSession().Find(q, limit) }

// scoreBudget bounds how many candidates are scored by fuzzy per keystroke;
// beyond it, candidates with a word starting with the query come first, in
// weight order.
const scoreBudget = 1000

func mergeMatches(first, then []Match, limit int) []Match {
	seen := map[int]bool{}
	var out []Match
	for _, list := range [][]Match{first, then} {
		for _, m := range list {
			if !seen[m.Item] && len(out) < limit {
				seen[m.Item] = true
				out = append(out, m)
			}
		}
	}
	return out
}

func isSubsequence(p, s string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(p); i++ {
		if s[i] == p[j] {
			j++
		}
	}
	return j == len(p)
}

// score ranks the picked candidates (ranks, at most the budget) with fuzzy.
func (n *Names) score(p string, pick []int32, limit int) []Match {
	var all []Match
	for _, fm := range fuzzy.FindFromIterNoSort(p, func(yield func(string) bool) {
		for _, r := range pick {
			if !yield(n.rkey(int(r))) {
				return
			}
		}
	}) {
		all = append(all, Match{Item: int(n.order[pick[fm.Index]]), Score: fm.Score,
			Positions: append([]int(nil), fm.MatchedIndexes...)})
	}
	slices.SortStableFunc(all, func(a, b Match) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if wa, wb := n.weight[a.Item], n.weight[b.Item]; wa != wb {
			return cmp.Compare(wb, wa)
		}
		return cmp.Compare(len(n.key(a.Item)), len(n.key(b.Item)))
	})
	if len(all) > limit {
		all = all[:limit]
	}
	for i := range all {
		k := n.key(all[i].Item)
		all[i].Good = runs(all[i].Positions) <= strings.Count(k, " ")+2 || strings.Contains(compact(k), p)
		all[i].Positions = n.original(all[i].Item, all[i].Positions)
	}
	return all
}

// pick chooses the candidates to score when there are too many: those
// with a word starting with the query first, in search order, then the
// others met before the budget was full. cands are ranks, ascending, and
// must hold the budget's worth of word starts unless they are all there is.
func (n *Names) pick(p string, cands []int32) []int32 {
	first := bit(p[0])
	out := make([]int32, 0, n.budget)
	var rest []int32
	for _, r := range cands {
		if len(out) >= n.budget {
			break
		}
		if n.starts[r]&first != 0 && wordPrefix(n.rkey(int(r)), p) {
			out = append(out, r)
		} else if len(rest) < n.budget {
			rest = append(rest, r)
		}
	}
	for _, r := range rest {
		if len(out) >= n.budget {
			break
		}
		out = append(out, r)
	}
	return out
}

// wordPrefix reports whether a word of s starts with p.
func wordPrefix(s, p string) bool {
	for i := 0; i+len(p) <= len(s); i++ {
		if (i == 0 || bit(s[i-1]) == 0) && s[i:i+len(p)] == p {
			return true
		}
	}
	return false
}

func runs(pos []int) int {
	r := 0
	for i, p := range pos {
		if i == 0 || p != pos[i-1]+1 {
			r++
		}
	}
	return r
}

// original maps folded byte offsets of item it to original byte offsets.
func (n *Names) original(it int, pos []int) []int {
	r := n.rank[it]
	offs := n.offs[n.ostart[r]:n.ostart[r+1]]
	if len(offs) == 0 {
		return pos
	}
	out := make([]int, 0, len(pos))
	for _, p := range pos {
		if p < len(offs) {
			o := int(offs[p])
			if len(out) == 0 || out[len(out)-1] != o {
				out = append(out, o)
			}
		}
	}
	return out
}

// compact drops spaces and punctuation from a folded key.
func compact(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if bit(s[i]) != 0 {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func trigrams(s string) []uint32 {
	if len(s) < 3 {
		if s == "" {
			return nil
		}
		s = s + strings.Repeat("$", 3-len(s))
	}
	out := make([]uint32, 0, len(s)-2)
	for i := 0; i+3 <= len(s); i++ {
		out = append(out, uint32(s[i])<<16|uint32(s[i+1])<<8|uint32(s[i+2]))
	}
	return out
}

// typoCandidates is how many names sharing the most trigrams with a query
// are compared with it by edit distance.
const typoCandidates = 500

// typo finds names within a few edits of the query: candidates share
// trigrams with it, then each word window of a candidate is compared by
// edit distance.
func (n *Names) typo(p string, limit int) []Match {
	if len(p) < 4 {
		return nil
	}
	counts := make([]uint8, n.Len())
	common := max(50000, n.Len()/20)
	var touched []int32
	for _, g := range trigrams(p) {
		list := n.grams[g]
		if len(list) > common {
			continue // a trigram that common narrows nothing
		}
		for _, it := range list {
			if counts[it] == 0 {
				touched = append(touched, it)
			}
			if counts[it] < 255 {
				counts[it]++
			}
		}
	}
	cs := topByCount(counts, touched, max(1, (len(p)-2)/3), typoCandidates)
	maxD := 1 + len(p)/5
	var out []Match
	for _, it := range cs {
		key := n.key(int(it))
		d, start, end := bestWindow(p, key, maxD)
		if d > maxD {
			continue
		}
		var pos []int
		for i := start; i < end; i++ {
			if bit(key[i]) != 0 {
				pos = append(pos, i)
			}
		}
		out = append(out, Match{Item: int(it), Score: 100 - 20*d - len(key)/8, Positions: n.original(int(it), pos),
			Typo: true, Distance: d, Good: true})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return n.weight[out[i].Item] > n.weight[out[j].Item]
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// topByCount returns the at most k touched items counted at least need
// times, most counted first, then by item: what sorting every touched item
// would give, without sorting them all (a common query touches hundreds of
// thousands at 1M names). counts is indexed by item.
func topByCount(counts []uint8, touched []int32, need, k int) []int32 {
	var hist [256]int
	for _, it := range touched {
		if c := int(counts[it]); c >= need {
			hist[c]++
		}
	}
	// the least count kept: all items above it fit in k
	cut, above := need, 0
	for c := 255; c >= need; c-- {
		if above+hist[c] >= k {
			cut = c
			break
		}
		above += hist[c]
	}
	out := make([]int32, 0, min(k, len(touched)))
	var tied []int32
	for _, it := range touched {
		switch c := int(counts[it]); {
		case c > cut:
			out = append(out, it)
		case c == cut:
			tied = append(tied, it)
		}
	}
	room := min(k-len(out), len(tied))
	if room < len(tied) {
		if len(tied) > 8*k && len(tied)*16 > len(counts) {
			// many ties: the first of them by item are met in one pass over
			// the counts, faster than sorting them
			tied = tied[:0]
			for it, c := range counts {
				if int(c) == cut {
					tied = append(tied, int32(it))
					if len(tied) == room {
						break
					}
				}
			}
		} else {
			slices.Sort(tied)
		}
	}
	out = append(out, tied[:room]...)
	sort.Slice(out, func(i, j int) bool {
		ci, cj := counts[out[i]], counts[out[j]]
		if ci != cj {
			return ci > cj
		}
		return out[i] < out[j]
	})
	return out
}

// bestWindow compares p with every run of consecutive words of s (spaces
// and punctuation dropped) and returns the smallest edit distance and the
// window's byte span in s.
func bestWindow(p, s string, limit int) (int, int, int) {
	type w struct{ start, end int }
	var words []w
	for i := 0; i < len(s); {
		if bit(s[i]) == 0 {
			i++
			continue
		}
		j := i
		for j < len(s) && bit(s[j]) != 0 {
			j++
		}
		words = append(words, w{i, j})
		i = j
	}
	best, bs, be := limit+1, 0, 0
	for a := range words {
		for b := a; b < len(words) && b-a < 4; b++ {
			win := compact(s[words[a].start:words[b].end])
			if len(win) > len(p)+limit {
				break
			}
			if d := alias.Distance(p, win, limit); d < best {
				best, bs, be = d, words[a].start, words[b].end
			}
		}
	}
	return best, bs, be
}

// parallelCollect runs fn over [0,n) in chunks on the shared worker pool
// and returns the chunks' results in order; when ctx ends no further chunk
// starts and it returns ctx's error.
func parallelCollect[T any](ctx context.Context, n int, fn func(lo, hi int) T) ([]T, error) {
	workers := runtime.GOMAXPROCS(0)
	if n < 20000 || workers == 1 {
		return []T{fn(0, n)}, ctx.Err()
	}
	chunks := workers * 4
	size := (n + chunks - 1) / chunks
	out := make([]T, chunks)
	err := workpool.Run(ctx, chunks, workers, func() func(int) {
		return func(c int) {
			lo := c * size
			hi := min(lo+size, n)
			if lo < hi {
				out[c] = fn(lo, hi)
			}
		}
	})
	return out, err
}
