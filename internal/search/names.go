// Package search finds entities by name as the analyst types, and phrases in
// the documents. Names are matched with github.com/sahilm/fuzzy on folded
// keys (case, diacritics, quotes and look-alike letters folded once, up
// front), with match positions mapped back to the original form for
// highlighting; when the subsequence match finds nothing good, a trigram and
// edit-distance fallback tolerates typos ("Soliemani"). A Session narrows
// the previous keystroke's candidates when the query grows, and splits the
// work across cores.
package search

import (
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/sahilm/fuzzy"
)

// Item is one searchable name.
type Item struct {
	Text   string // as written
	Ref    int    // what it names, for the caller (an entity index)
	Weight int    // importance (mentions): breaks ties, orders the search
}

// Names is an immutable fuzzy index over names, safe for concurrent use.
type Names struct {
	items  []Item
	folded []string  // matching key of each item
	offs   [][]int32 // folded byte → original byte of each item
	masks  []uint64  // letters and digits present in the key
	starts []uint64  // letters and digits that start a word of the key
	order  []int32   // items by weight, then shorter first
	grams  map[uint32][]int32
}

// MatchKey folds a name or query for matching.
func MatchKey(s string) string { return textnorm.String(s) }

// NewNames folds every item once and builds the index.
func NewNames(items []Item) *Names {
	n := &Names{items: items, folded: make([]string, len(items)), offs: make([][]int32, len(items)),
		masks: make([]uint64, len(items)), starts: make([]uint64, len(items))}
	parallel(len(items), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			f := textnorm.Fold(items[i].Text)
			n.folded[i] = f.Text
			if f.Text != items[i].Text || !isASCII(f.Text) {
				n.offs[i] = f.Offsets
			}
			n.masks[i], n.starts[i] = masks(f.Text)
		}
	})
	n.order = make([]int32, len(items))
	for i := range n.order {
		n.order[i] = int32(i)
	}
	sort.SliceStable(n.order, func(a, b int) bool {
		x, y := items[n.order[a]], items[n.order[b]]
		if x.Weight != y.Weight {
			return x.Weight > y.Weight
		}
		return len(x.Text) < len(y.Text)
	})
	n.grams = map[uint32][]int32{}
	for i, f := range n.folded {
		for _, g := range trigrams(compact(f)) {
			n.grams[g] = append(n.grams[g], int32(i))
		}
	}
	return n
}

// Len is the number of items.
func (n *Names) Len() int { return len(n.items) }

// Item returns item i.
func (n *Names) Item(i int) Item { return n.items[i] }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func bit(c byte) uint64 {
	switch {
	case c >= 'a' && c <= 'z':
		return 1 << (c - 'a')
	case c >= '0' && c <= '9':
		return 1 << (26 + c - '0')
	case c >= 0x80:
		return 1 << 63
	}
	return 0
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

// Session is one search box: it remembers the previous query's candidates
// to narrow them when the query grows. Not safe for concurrent use.
type Session struct {
	n     *Names
	prev  string
	cands []int32 // items matching prev as a subsequence, in search order
}

// NewSession starts a search session over n.
func (n *Names) NewSession() *Session { return &Session{n: n} }

// scoreBudget bounds how many candidates are scored by fuzzy per keystroke;
// beyond it, candidates with a word starting with the query come first, in
// weight order.
const scoreBudget = 1500

// Find returns the best matches for q, at most limit.
func (s *Session) Find(q string, limit int) []Match {
	p := pattern(q)
	if p == "" {
		s.prev, s.cands = "", nil
		return nil
	}
	var from []int32
	if s.prev != "" && strings.HasPrefix(p, s.prev) && s.cands != nil {
		from = s.cands
	}
	s.cands = s.n.filter(p, from)
	s.prev = p
	ms := s.n.score(p, s.cands, limit)
	if len(ms) == 0 || !ms[0].Good {
		typo := s.n.typo(p, limit)
		if len(typo) > 0 {
			ms = mergeMatches(typo, ms, limit)
		}
	}
	return ms
}

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

// filter returns the items of from (all items when nil, in search order)
// that hold p as a subsequence.
func (n *Names) filter(p string, from []int32) []int32 {
	var need uint64
	for i := 0; i < len(p); i++ {
		need |= bit(p[i])
	}
	total := len(from)
	if from == nil {
		total = len(n.order)
		from = n.order
	}
	parts := parallelCollect(total, func(lo, hi int) []int32 {
		var out []int32
		for _, it := range from[lo:hi] {
			if n.masks[it]&need != need {
				continue
			}
			if len(p) == 1 && p[0] < 0x80 || isSubsequence(p, n.folded[it]) {
				out = append(out, it)
			}
		}
		return out
	})
	size := 0
	for _, part := range parts {
		size += len(part)
	}
	out := make([]int32, 0, size)
	for _, part := range parts {
		out = append(out, part...)
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

// score ranks candidates with fuzzy, in parallel chunks.
func (n *Names) score(p string, cands []int32, limit int) []Match {
	pick := cands
	if len(cands) > scoreBudget {
		pick = n.budget(p, cands)
	}
	parts := parallelCollect(len(pick), func(lo, hi int) []Match {
		chunk := pick[lo:hi]
		var out []Match
		for _, fm := range fuzzy.FindFromIterNoSort(p, func(yield func(string) bool) {
			for _, it := range chunk {
				if !yield(n.folded[it]) {
					return
				}
			}
		}) {
			it := int(chunk[fm.Index])
			out = append(out, Match{Item: it, Score: fm.Score, Positions: append([]int(nil), fm.MatchedIndexes...)})
		}
		return out
	})
	var all []Match
	for _, part := range parts {
		all = append(all, part...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		wa, wb := n.items[a.Item].Weight, n.items[b.Item].Weight
		if wa != wb {
			return wa > wb
		}
		return len(n.folded[a.Item]) < len(n.folded[b.Item])
	})
	if len(all) > limit {
		all = all[:limit]
	}
	for i := range all {
		all[i].Good = runs(all[i].Positions) <= strings.Count(MatchKey(n.items[all[i].Item].Text), " ")+2 ||
			strings.Contains(compact(n.folded[all[i].Item]), p)
		all[i].Positions = n.original(all[i].Item, all[i].Positions)
	}
	return all
}

// budget picks the candidates to score when there are too many: those with
// a word starting with the query's first letters first, in search order.
func (n *Names) budget(p string, cands []int32) []int32 {
	first := bit(p[0])
	out := make([]int32, 0, scoreBudget)
	var rest []int32
	for _, it := range cands {
		if len(out) >= scoreBudget {
			break
		}
		if n.starts[it]&first != 0 && wordPrefix(n.folded[it], p) {
			out = append(out, it)
		} else if len(rest) < scoreBudget {
			rest = append(rest, it)
		}
	}
	for _, it := range rest {
		if len(out) >= scoreBudget {
			break
		}
		out = append(out, it)
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
	offs := n.offs[it]
	if offs == nil {
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

// typo finds names within a few edits of the query: candidates share
// trigrams with it, then each word window of a candidate is compared by
// edit distance.
func (n *Names) typo(p string, limit int) []Match {
	if len(p) < 4 {
		return nil
	}
	counts := make([]uint8, len(n.items))
	common := max(50000, len(n.items)/20)
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
	type cand struct {
		it    int32
		count int
	}
	var cs []cand
	need := max(1, (len(p)-2)/3)
	for _, it := range touched {
		if c := int(counts[it]); c >= need {
			cs = append(cs, cand{it, c})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].count != cs[j].count {
			return cs[i].count > cs[j].count
		}
		return cs[i].it < cs[j].it
	})
	if len(cs) > 500 {
		cs = cs[:500]
	}
	maxD := 1 + len(p)/5
	var out []Match
	for _, c := range cs {
		d, start, end := bestWindow(p, n.folded[c.it], maxD)
		if d > maxD {
			continue
		}
		var pos []int
		for i := start; i < end; i++ {
			if bit(n.folded[c.it][i]) != 0 {
				pos = append(pos, i)
			}
		}
		out = append(out, Match{Item: int(c.it), Score: 100 - 20*d - len(n.folded[c.it])/8, Positions: n.original(int(c.it), pos),
			Typo: true, Distance: d, Good: true})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return n.items[out[i].Item].Weight > n.items[out[j].Item].Weight
	})
	if len(out) > limit {
		out = out[:limit]
	}
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

// parallel runs fn over [0,n) split across the cores.
func parallel(n int, fn func(lo, hi int)) {
	parallelCollect(n, func(lo, hi int) struct{} { fn(lo, hi); return struct{}{} })
}

// parallelCollect runs fn over [0,n) in chunks across the cores and returns
// the chunks' results in order.
func parallelCollect[T any](n int, fn func(lo, hi int) T) []T {
	workers := runtime.GOMAXPROCS(0)
	if n < 20000 || workers == 1 {
		return []T{fn(0, n)}
	}
	chunks := workers * 4
	size := (n + chunks - 1) / chunks
	out := make([]T, chunks)
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for c := 0; c < chunks; c++ {
		next <- c
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				lo := c * size
				hi := min(lo+size, n)
				if lo < hi {
					out[c] = fn(lo, hi)
				}
			}
		}()
	}
	wg.Wait()
	return out
}
