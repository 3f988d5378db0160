package reuse

import (
	"context"
	"slices"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// alignment is a passage shared by two documents a < b: words [sa,ea) of a
// aligned with words [sb,eb) of b, matched of them equal. The byte spans
// ([bsa,bea) of a's Text, [bsb,beb) of b's) and the quoted words before
// each end (qsa before sa, and so on) are what clustering reads of the
// words, so that it needs no document's words: an Index keeps alignments,
// not words.
type alignment struct {
	a, b     uint32
	sa, ea   int32
	sb, eb   int32
	matched  int32
	bsa, bea int32
	bsb, beb int32
	qsa, qea int32
	qsb, qeb int32
}

func (al alignment) similarity() float64 {
	return float64(al.matched) / float64(max(al.ea-al.sa, al.eb-al.sb))
}

// seedsPerJob is the rough number of seeds one alignment job takes.
const seedsPerJob = 1 << 13

// alignPairs extends the seeds of every pair of documents into alignments
// of at least MinWords matching words, in parallel but in a fixed order.
func alignPairs(ctx context.Context, toks []words, seeds []seed, o Options) ([]alignment, error) {
	// Cut the seeds into jobs that never split a pair.
	var cuts []int
	for i := 0; i < len(seeds); {
		cuts = append(cuts, i)
		e := min(i+seedsPerJob, len(seeds))
		for e < len(seeds) && seeds[e].a == seeds[e-1].a && seeds[e].b == seeds[e-1].b {
			e++
		}
		i = e
	}
	cuts = append(cuts, len(seeds))
	jobs := len(cuts) - 1
	results := make([][]alignment, jobs)
	var mu sync.Mutex
	done := 0
	o.report("align", 0, jobs)
	err := workpool.Run(ctx, jobs, o.Workers, func() func(int) {
		var tried []alignment
		return func(job int) {
			var out []alignment
			ss := seeds[cuts[job]:cuts[job+1]]
			for p := 0; p < len(ss); {
				q := p + 1
				for q < len(ss) && ss[q].a == ss[p].a && ss[q].b == ss[p].b {
					q++
				}
				if ctx.Err() != nil {
					return // reported by the check after Run
				}
				out, tried = alignWords(ctx, &toks[ss[p].a], &toks[ss[p].b], ss[p:q], o, out, tried)
				p = q
			}
			results[job] = out
			mu.Lock()
			done++
			o.report("align", done, jobs)
			mu.Unlock()
		}
	})
	if err == nil {
		err = ctx.Err() // cancelled during the last jobs
	}
	if err != nil {
		return nil, err
	}
	var all []alignment
	for _, r := range results {
		all = append(all, r...)
	}
	return all, nil
}

// alignWords is alignPair on the words wa and wb of the pair's documents,
// with the byte spans and quoted counts clustering needs filled in.
func alignWords(ctx context.Context, wa, wb *words, seeds []seed, o Options, out, tried []alignment) ([]alignment, []alignment) {
	first := len(out)
	out, tried = alignPair(ctx, wa.hash, wb.hash, seeds, o, out, tried)
	for k := first; k < len(out); k++ {
		al := &out[k]
		al.bsa, al.bea = wa.start[al.sa], wa.end[al.ea-1]
		al.bsb, al.beb = wb.start[al.sb], wb.end[al.eb-1]
		al.qsa, al.qea = wa.quotedBefore(int(al.sa)), wa.quotedBefore(int(al.ea))
		al.qsb, al.qeb = wb.quotedBefore(int(al.sb)), wb.quotedBefore(int(al.eb))
	}
	return out, tried
}

// alignPair extends the seeds of one pair of documents (word hashes a and b)
// and appends the alignments long enough to report to out. tried is scratch.
// It stops early, with what it has, when ctx is cancelled.
func alignPair(ctx context.Context, a, b []uint32, seeds []seed, o Options, out, tried []alignment) ([]alignment, []alignment) {
	tried = tried[:0]
	first := len(out)
	for n, s := range seeds {
		if n%1024 == 1023 && ctx.Err() != nil {
			break
		}
		i, j := int32(s.i), int32(s.j)
		// The seeds come in order of i: an alignment ending before i
		// covers no later seed either and is dropped, so that the
		// alignments kept are only those still open (keeping all made a
		// pair with many short shared passages quadratic).
		covered, k := false, 0
		for _, t := range tried {
			if t.ea <= i {
				continue
			}
			tried[k] = t
			k++
			covered = covered || t.sa <= i && t.sb <= j && j < t.eb
		}
		tried = tried[:k]
		if covered {
			continue
		}
		al, ok := extend(a, b, int(i), int(j), o)
		if !ok {
			continue
		}
		al.a, al.b = s.a, s.b
		tried = append(tried, al)
		if int(al.matched) >= o.MinWords {
			out = append(out, al)
		}
	}
	// Merge the pair's hits that overlap on both sides along about the same
	// diagonal; a document that repeats a paragraph has hits that overlap
	// on one side only, or on both along different diagonals.
	mine := out[first:]
	if len(mine) > 1 {
		slices.SortFunc(mine, func(x, y alignment) int {
			if x.sa != y.sa {
				return int(x.sa - y.sa)
			}
			return int(x.sb - y.sb)
		})
		k := 0
		for _, al := range mine[1:] {
			cur := &mine[k]
			drift := abs32((al.sb - al.sa) - (cur.sb - cur.sa))
			if al.sa < cur.ea && al.sb < cur.eb && al.eb > cur.sb && drift <= int32(2*o.MaxMismatches)+(cur.ea-cur.sa)/10 {
				cur.ea = max(cur.ea, al.ea)
				cur.sb = min(cur.sb, al.sb)
				cur.eb = max(cur.eb, al.eb)
				cur.matched = max(cur.matched, al.matched)
				continue
			}
			k++
			mine[k] = al
		}
		out = out[:first+k+1]
	}
	return out, tried
}

// extend grows the exact n-gram match at a[i:], b[j:] into the longest
// alignment that bridges edits of up to MaxMismatches words on either side,
// each followed by MinRun matching words (or two edits close together),
// while the share of matching words stays at least MinSimilarity. ok is
// false when the n-gram does not match (a hash collision).
func extend(a, b []uint32, i, j int, o Options) (alignment, bool) {
	if i+o.NGram > len(a) || j+o.NGram > len(b) || !slices.Equal(a[i:i+o.NGram], b[j:j+o.NGram]) {
		return alignment{}, false
	}
	sa, sb, ea, eb := i, j, i, j
	for ea < len(a) && eb < len(b) && a[ea] == b[eb] {
		ea++
		eb++
	}
	for sa > 0 && sb > 0 && a[sa-1] == b[sb-1] {
		sa--
		sb--
	}
	matched := ea - sa
	ok := func(m, la, lb int) bool { return float64(m) >= o.MinSimilarity*float64(max(la, lb)) }
	for {
		na, nb, gain, found := stepForward(a, b, ea, eb, o.MaxMismatches, o.MinRun)
		if !found || !ok(matched+gain, na-sa, nb-sb) {
			break
		}
		ea, eb, matched = na, nb, matched+gain
	}
	for {
		na, nb, gain, found := stepBackward(a, b, sa, sb, o.MaxMismatches, o.MinRun)
		if !found || !ok(matched+gain, ea-na, eb-nb) {
			break
		}
		sa, sb, matched = na, nb, matched+gain
	}
	return alignment{sa: int32(sa), ea: int32(ea), sb: int32(sb), eb: int32(eb), matched: int32(matched)}, true
}

// stepForward bridges the edit after a[:ea], b[:eb]: it finds the nearest
// place, at most g words on from each, where r words match, or failing that
// two such edits with fewer than r matching words between them. It returns
// the ends of the matching run after the edit and the matching words gained.
func stepForward(a, b []uint32, ea, eb, g, r int) (na, nb, gain int, ok bool) {
	if x, y, ok := resyncForward(a, b, ea, eb, g, r); ok {
		run := runForward(a, b, x, y)
		return x + run, y + run, run, true
	}
	for s := 1; s <= 2*g; s++ {
		for ga := max(0, s-g); ga <= min(s, g); ga++ {
			x, y := ea+ga, eb+s-ga
			r1 := min(runForward(a, b, x, y), r-1)
			if r1 == 0 {
				continue
			}
			if x2, y2, ok := resyncForward(a, b, x+r1, y+r1, g, r); ok {
				run := runForward(a, b, x2, y2)
				return x2 + run, y2 + run, r1 + run, true
			}
		}
	}
	return 0, 0, 0, false
}

// resyncForward finds the nearest (x, y), at most g words after ea and eb
// and not both at them, where r words of a and b match.
func resyncForward(a, b []uint32, ea, eb, g, r int) (int, int, bool) {
	for s := 1; s <= 2*g; s++ {
		for ga := max(0, s-g); ga <= min(s, g); ga++ {
			x, y := ea+ga, eb+s-ga
			if x+r <= len(a) && y+r <= len(b) && slices.Equal(a[x:x+r], b[y:y+r]) {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// runForward counts the matching words from a[x], b[y] on.
func runForward(a, b []uint32, x, y int) int {
	n := 0
	for x+n < len(a) && y+n < len(b) && a[x+n] == b[y+n] {
		n++
	}
	return n
}

// stepBackward is stepForward towards the start: it bridges the edit before
// a[sa:], b[sb:] and returns the starts of the matching run before it.
func stepBackward(a, b []uint32, sa, sb, g, r int) (na, nb, gain int, ok bool) {
	if x, y, ok := resyncBackward(a, b, sa, sb, g, r); ok {
		run := runBackward(a, b, x, y)
		return x - run, y - run, run, true
	}
	for s := 1; s <= 2*g; s++ {
		for ga := max(0, s-g); ga <= min(s, g); ga++ {
			x, y := sa-ga, sb-(s-ga)
			r1 := min(runBackward(a, b, x, y), r-1)
			if r1 == 0 {
				continue
			}
			if x2, y2, ok := resyncBackward(a, b, x-r1, y-r1, g, r); ok {
				run := runBackward(a, b, x2, y2)
				return x2 - run, y2 - run, r1 + run, true
			}
		}
	}
	return 0, 0, 0, false
}

// resyncBackward finds the nearest (x, y), at most g words before sa and sb
// and not both at them, where the r words before x and y match.
func resyncBackward(a, b []uint32, sa, sb, g, r int) (int, int, bool) {
	for s := 1; s <= 2*g; s++ {
		for ga := max(0, s-g); ga <= min(s, g); ga++ {
			x, y := sa-ga, sb-(s-ga)
			if x-r >= 0 && y-r >= 0 && slices.Equal(a[x-r:x], b[y-r:y]) {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// runBackward counts the matching words before a[x], b[y].
func runBackward(a, b []uint32, x, y int) int {
	n := 0
	for x-n > 0 && y-n > 0 && a[x-n-1] == b[y-n-1] {
		n++
	}
	return n
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}
