package search

import (
	"context"
	"runtime"
	"slices"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// A Session answers the keystrokes of one search box. What it learnt of a
// query is kept on a stack: a longer query narrows the candidates of the
// query it extends (only they are checked again), a backspace returns the
// answer kept for the shorter query, and only a new first letter or a
// pasted query looks at names not seen yet. Every answer is the one a
// fresh search gives, which scores at most a budget of candidates: the
// names with a word starting with the query come first (found through the
// index of words' first two bytes, Names.pairs), then the others, in search
// order; so names are looked at only until that budget is decided.

// Session is one search box. Not safe for concurrent use.
type Session struct {
	n     *Names
	stack []state   // queries typed, each extending the one below it
	parts [][]int32 // per-chunk scan buffers, reused from scan to scan
}

// state is what a Session knows of one query's pattern p.
type state struct {
	p string
	// cands are the ranks below scanned whose key holds p as a
	// subsequence (for a one-letter p: holds the letter), ascending; the
	// ranks from scanned on are not looked at yet.
	cands   []int32
	scanned int
	prefix  int // how many cands have a word starting with p
	// pre are the names with a word starting with p (two bytes or more)
	// among the word starts of the pair list (Names.pairs) before prePos,
	// ascending.
	pre    []int32
	prePos int
	limit  int
	result []Match
}

// maxStates bounds the stack: a backspace past the oldest query kept
// scans again.
const maxStates = 48

// NewSession starts a search session over n.
func (n *Names) NewSession() *Session { return &Session{n: n} }

// Find returns the best matches for q, at most limit.
func (s *Session) Find(q string, limit int) []Match {
	p := pattern(q)
	if p == "" {
		s.stack = s.stack[:0]
		return nil
	}
	// back to the longest query kept that p extends (p itself after a
	// backspace or a space)
	for len(s.stack) > 0 && !strings.HasPrefix(p, s.stack[len(s.stack)-1].p) {
		s.stack = s.stack[:len(s.stack)-1]
	}
	if k := len(s.stack); k > 0 && s.stack[k-1].p == p {
		st := &s.stack[k-1]
		if st.limit != limit {
			st.result, st.limit = s.n.answer(st, limit), limit
		}
		return cloneMatches(st.result)
	}
	var from *state
	if k := len(s.stack); k > 0 {
		from = &s.stack[k-1]
	}
	st := s.n.narrow(p, from, &s.parts)
	st.result, st.limit = s.n.answer(&st, limit), limit
	if len(s.stack) == maxStates {
		s.stack = append(s.stack[:0], s.stack[1:]...)
	}
	s.stack = append(s.stack, st)
	return cloneMatches(st.result)
}

// cloneMatches copies a kept answer, so that a caller changing it does not
// change the next one.
func cloneMatches(ms []Match) []Match {
	if ms == nil {
		return nil
	}
	out := make([]Match, len(ms))
	for i, m := range ms {
		m.Positions = append([]int(nil), m.Positions...)
		out[i] = m
	}
	return out
}

// oneLetter reports whether p is a single ASCII letter, digit or mark:
// every name holding it is a candidate, so none is checked further.
func oneLetter(p string) bool { return len(p) == 1 && p[0] < 0x80 }

// answer scores a query's candidates and, when nothing fits well, adds the
// names within a few typos.
func (n *Names) answer(st *state, limit int) []Match {
	ms := n.score(st.p, n.picked(st), limit)
	if len(ms) == 0 || !ms[0].Good {
		if typo := n.typo(st.p, limit); len(typo) > 0 {
			ms = mergeMatches(typo, ms, limit)
		}
	}
	return ms
}

// picked returns the candidates a decided state scores, in the order
// Names.pick gives over all candidates: at most the budget of them, those
// with a word starting with p first; all of them in search order when they
// fit in the budget (a one-letter query always goes through pick).
func (n *Names) picked(st *state) []int32 {
	if oneLetter(st.p) {
		return n.pick(st.p, st.cands)
	}
	if len(st.pre) >= n.budget {
		return st.pre[:n.budget]
	}
	if st.scanned == n.Len() && len(st.cands) <= n.budget {
		return st.cands
	}
	// every name with a word starting with p, then the first others
	out := append(make([]int32, 0, n.budget), st.pre...)
	first := bit(st.p[0])
	for _, r := range st.cands {
		if len(out) == n.budget {
			break
		}
		if n.starts[r]&first == 0 || !wordPrefix(n.rkey(int(r)), st.p) {
			out = append(out, r)
		}
	}
	return out
}

// decided reports whether st fixes the candidates scored (picked). A
// one-letter query: once the budget of names with a word starting with it
// is met. A longer one: once as many names with a word starting with it
// are known, or all of them are with more than enough others to fill the
// budget (so there are more candidates than it holds).
func (n *Names) decided(st *state) bool {
	if oneLetter(st.p) {
		return st.prefix >= n.budget
	}
	return len(st.pre) >= n.budget || len(st.cands)-st.prefix > n.budget-len(st.pre)
}

// narrow makes the state of p from the state of a query p extends (nil:
// none): its candidates are checked against p, then the names not looked
// at yet are scanned in search order until the scored candidates are
// decided.
func (n *Names) narrow(p string, from *state, parts *[][]int32) state {
	st := state{p: p}
	one := oneLetter(p)
	need := patternSig(p, one)
	first := bit(p[0])
	if from != nil {
		st.scanned = from.scanned
		st.cands = make([]int32, 0, len(from.cands)/2)
		for _, r := range from.cands {
			if !n.sigs[r].passes(need) {
				continue
			}
			if k := n.rkey(int(r)); one || isSubsequence(p, k) {
				st.cands = append(st.cands, r)
				if n.starts[r]&first != 0 && wordPrefix(k, p) {
					st.prefix++
				}
			}
		}
	}
	if !one && len(p) < 2 {
		// a lone byte of another script (not valid UTF-8, so not typed):
		// its word starts are not indexed
		for r := range n.Len() {
			if len(st.pre) < n.budget && wordPrefix(n.rkey(r), p) {
				st.pre = append(st.pre, int32(r))
			}
		}
	} else if !one {
		// the names with a word starting with p, from those of its first
		// two bytes, as far as the budget needs
		lo, hi := n.startingWith(p)
		st.prePos = lo
		if from != nil && len(from.p) >= 2 {
			st.prePos = from.prePos
			st.pre = make([]int32, 0, len(from.pre))
			for _, r := range from.pre {
				if wordPrefix(n.rkey(int(r)), p) {
					st.pre = append(st.pre, r)
				}
			}
		}
		// a key may start several words with the same two bytes: its
		// entries follow each other
		for ; st.prePos < hi && len(st.pre) < n.budget; st.prePos++ {
			r := n.pairs[st.prePos]
			if (len(st.pre) == 0 || st.pre[len(st.pre)-1] != r) && n.startsWith(st.prePos, p) {
				st.pre = append(st.pre, r)
			}
		}
	}
	// the first segments are short (a common query is decided early), the
	// later ones long enough to split across cores
	seg := 16 << 10
	for st.scanned < n.Len() && !n.decided(&st) {
		hi := min(n.Len(), st.scanned+seg)
		n.scan(&st, need, one, st.scanned, hi, parts)
		st.scanned = hi
		seg = min(2*seg, 256<<10)
	}
	return st
}

// scan adds to st the candidates among ranks [lo,hi): only the names
// holding the query's rarest letter when it is one of the rare ones
// (Names.rare), split across cores when there are many.
func (n *Names) scan(st *state, need sig, one bool, lo, hi int, parts *[][]int32) {
	p := st.p
	first := bit(p[0])
	list := n.rarest(need.mask)
	a, b := lo, hi
	if list != nil {
		a, _ = slices.BinarySearch(list, int32(lo))
		b, _ = slices.BinarySearch(list, int32(hi))
	}
	take := func(r int, out []int32, prefix int) ([]int32, int) {
		k := n.blob[n.kstart[r]:n.kstart[r+1]]
		if !one && !isSubsequence(p, k) {
			return out, prefix
		}
		if n.starts[r]&first != 0 && wordPrefix(k, p) {
			prefix++
		}
		return append(out, int32(r)), prefix
	}
	run := func(a, b int, out []int32) ([]int32, int) {
		prefix := 0
		if list == nil {
			// the tight loop: most names fail the mask
			for j, sg := range n.sigs[a:b] {
				if sg.passes(need) {
					out, prefix = take(a+j, out, prefix)
				}
			}
			return out, prefix
		}
		for _, r := range list[a:b] {
			if n.sigs[r].passes(need) {
				out, prefix = take(int(r), out, prefix)
			}
		}
		return out, prefix
	}
	workers := runtime.GOMAXPROCS(0)
	if b-a < 32<<10 || workers == 1 {
		var k int
		st.cands, k = run(a, b, st.cands)
		st.prefix += k
		return
	}
	// small chunks: a worker the machine holds back delays only its own
	chunks := 8 * workers
	for len(*parts) < chunks {
		*parts = append(*parts, nil)
	}
	prefix := make([]int, chunks)
	size := (b - a + chunks - 1) / chunks
	// no context: a scan is short and runs to its end
	_ = workpool.Run(context.Background(), chunks, workers, func() func(int) {
		return func(c int) {
			x, y := min(a+c*size, b), min(a+(c+1)*size, b)
			(*parts)[c], prefix[c] = run(x, y, (*parts)[c][:0])
		}
	})
	for c, part := range (*parts)[:chunks] {
		st.cands = append(st.cands, part...)
		st.prefix += prefix[c]
	}
}

// rarest returns the shortest list of Names.rare among need's bits, or
// nil.
func (n *Names) rarest(need uint64) []int32 {
	var best []int32
	for b := range 64 {
		if need&(1<<b) != 0 && n.rare[b] != nil && (best == nil || len(n.rare[b]) < len(best)) {
			best = n.rare[b]
		}
	}
	return best
}
