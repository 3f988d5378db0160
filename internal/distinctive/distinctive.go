// Package distinctive finds the words and short phrases most distinctive of
// each group of documents (an outlet, a stance, a language) against the rest
// of the project, by the weighted log-odds ratio with an informative
// Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words").
//
// For a term w, group i and the rest j (every other grouped document), with
// y the term's counts, n the groups' total term counts, and the prior
// α_w = s·y_w (the whole project's count of w, scaled by s), α_0 = Σ α_w:
//
//	δ_w = log((y_iw+α_w)/(n_i+α_0−y_iw−α_w)) − log((y_jw+α_w)/(n_j+α_0−y_jw−α_w))
//	σ²_w ≈ 1/(y_iw+α_w) + 1/(y_jw+α_w)
//	z_w = δ_w / σ_w
//
// The prior pulls rare terms toward the project's own rates, so a word seen
// twice in one group does not outrank one used throughout it; a word common
// everywhere gets δ near 0. Terms are words (stop words left out) and
// phrases of two and three words within a clause that neither start nor end
// with a stop word; boilerplate is left out.
package distinctive

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/docgroups"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// Options tune Analyse. The zero value gives the defaults.
type Options struct {
	// Top is the number of terms kept per group (default 30; < 0: all with
	// a positive z).
	Top int
	// MaxWords is the longest phrase, 1 to 3 (default 3).
	MaxWords int
	// MinCount is the fewest uses in a group for a term to be listed for it
	// (default 2).
	MinCount int
	// PriorScale s scales the project's counts into the prior α (default
	// 0.1: the prior weighs a tenth of the project's text). A larger s
	// shrinks every δ toward 0 (at s = 1 a word used by one side only gets
	// δ ≈ log 2 whatever its count); a smaller one trusts rare words more.
	PriorScale float64
	// MaxOccurrences bounds the occurrences kept per term (default 100).
	MaxOccurrences int
	// Exclusive keeps only the terms no other group uses (y_j = 0).
	Exclusive bool
	Workers   int
}

func (o Options) withDefaults() Options {
	if o.Top == 0 {
		o.Top = 30
	}
	if o.MaxWords <= 0 || o.MaxWords > 3 {
		o.MaxWords = 3
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.PriorScale <= 0 {
		o.PriorScale = 0.1
	}
	if o.MaxOccurrences <= 0 {
		o.MaxOccurrences = 100
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	return o
}

// Input is what Analyse compares.
type Input struct {
	Docs []*document.Document
	// Group names each document's group; "" leaves it out of the comparison.
	Group func(*document.Document) string
	// Stopwords may be nil (no stop words).
	Stopwords *Stopwords
	// Lexicon, when set, annotates terms with the categories of the lexicon
	// terms they hold.
	Lexicon *framing.Lexicon
}

// Result is the distinctive vocabulary of every group. It marshals to the
// JSON of `parallax-cli distinctive --json`.
type Result struct {
	Groups []Group `json:"groups"`
	// Ungrouped counts the documents left out (no group).
	Ungrouped int `json:"ungrouped"`
	// Method names the method and its parameters, for the reader.
	Method Method `json:"method"`
}

// Method records how the terms were scored.
type Method struct {
	Name       string  `json:"name"`
	PriorScale float64 `json:"prior_scale"`
	MinCount   int     `json:"min_count"`
	MaxWords   int     `json:"max_words"`
	// Terms counts the term occurrences of the grouped documents (n).
	Terms int64 `json:"terms"`
}

// Group is one group's most distinctive terms, highest z first.
type Group struct {
	Group     string `json:"group"`
	Documents int    `json:"documents"`
	// Terms counts the group's term occurrences (n_i).
	TermCount int64  `json:"term_count"`
	Terms     []Term `json:"terms"`
	// Note says why a group has no terms (one group only, too little text).
	Note string `json:"note,omitempty"`
}

// Term is a word or phrase distinctive of a group.
type Term struct {
	Term string  `json:"term"`
	Z    float64 `json:"z"`
	// Count is the uses in the group (y_i); Rest the uses in the other
	// groups (y_j).
	Count int `json:"count"`
	Rest  int `json:"rest"`
	// LogOdds is δ, the log-odds ratio of the group against the rest.
	LogOdds float64 `json:"log_odds"`
	Words   int     `json:"words"`
	// Documents counts the group's documents that use it.
	Documents int `json:"documents"`
	// Categories are the lexicon categories of lexicon terms inside it.
	Categories  []string     `json:"categories,omitempty"`
	Occurrences []Occurrence `json:"occurrences"`
}

// Occurrence is one use of a term: a span of a document's Text.
type Occurrence struct {
	Path  string `json:"path"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// hashCount is a term's hash and its count.
type hashCount struct {
	h uint64
	c int64
}

// chunks collect hashes per group in fixed-size blocks, so that millions
// of appends never copy a growing slice.
type chunks struct {
	blocks [][][]uint64 // group → blocks
}

const chunkSize = 1 << 15

func newChunks(groups int) *chunks { return &chunks{blocks: make([][][]uint64, groups)} }

func (c *chunks) add(g int, h uint64) {
	bs := c.blocks[g]
	if len(bs) == 0 || len(bs[len(bs)-1]) == chunkSize {
		bs = append(bs, make([]uint64, 0, chunkSize))
		c.blocks[g] = bs
	}
	last := &bs[len(bs)-1]
	*last = append(*last, h)
}

func (c *chunks) len(g int) int {
	n := 0
	for _, b := range c.blocks[g] {
		n += len(b)
	}
	return n
}

// appendTo appends group g's hashes to dst and frees them.
func (c *chunks) appendTo(dst []uint64, g int) []uint64 {
	for _, b := range c.blocks[g] {
		dst = append(dst, b...)
	}
	c.blocks[g] = nil
	return dst
}

// countRuns counts the runs of equal hashes of a sorted slice.
func countRuns(hs []uint64) []hashCount {
	distinct := 0
	for i := range hs {
		if i == 0 || hs[i] != hs[i-1] {
			distinct++
		}
	}
	out := make([]hashCount, 0, distinct)
	for i := 0; i < len(hs); {
		j := i + 1
		for j < len(hs) && hs[j] == hs[i] {
			j++
		}
		out = append(out, hashCount{hs[i], int64(j - i)})
		i = j
	}
	return out
}

// totals merges the groups' counts into the project's, sorted by hash.
func totals(runs [][]hashCount) []hashCount {
	size := 0
	for _, rs := range runs {
		size += len(rs)
	}
	all := make([]hashCount, 0, size)
	for _, rs := range runs {
		all = append(all, rs...)
	}
	slices.SortFunc(all, func(a, b hashCount) int { return cmp.Compare(a.h, b.h) })
	out := all[:0]
	for _, r := range all {
		if len(out) > 0 && out[len(out)-1].h == r.h {
			out[len(out)-1].c += r.c
		} else {
			out = append(out, r)
		}
	}
	return out
}

// Analyse scores every term of every group against the rest of the
// grouped documents. Results do not depend on scheduling.
func Analyse(ctx context.Context, in Input, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	res := &Result{Groups: []Group{}, Method: Method{Name: "weighted log-odds ratio, informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)",
		PriorScale: opts.PriorScale, MinCount: opts.MinCount, MaxWords: opts.MaxWords}}
	if in.Group == nil {
		return nil, fmt.Errorf("distinctive terms: no grouping given")
	}
	// groups in name order; documents by group
	grouped := docgroups.Sort(len(in.Docs), func(i int) string { return in.Group(in.Docs[i]) })
	order := grouped.Names
	for i, g := range order {
		res.Groups = append(res.Groups, Group{Group: g, Documents: grouped.Documents[i], Terms: []Term{}})
	}
	res.Ungrouped = grouped.Ungrouped
	docGroup := grouped.Of

	// Every term occurrence's hash, per group; sorted and counted below.
	// Sorted slices take a fraction of the time and memory of maps with
	// millions of mostly once-seen phrases.
	var (
		locals []*chunks // one per worker
		lmu    sync.Mutex
	)
	err := workpool.Run(ctx, len(in.Docs), opts.Workers, func() func(int) {
		hashes := newChunks(len(order))
		lmu.Lock()
		locals = append(locals, hashes)
		lmu.Unlock()
		var toks []token
		return func(i int) {
			g := docGroup[i]
			if g < 0 {
				return
			}
			d := in.Docs[i]
			toks = tokenize(d, in.Stopwords.For(d.Meta.Language.Value), toks[:0])
			grams(toks, opts.MaxWords, func(h uint64, _, _ int) {
				hashes.add(g, h)
			})
		}
	})
	if err != nil {
		return nil, err
	}
	runs := make([][]hashCount, len(order))
	ni := make([]int64, len(order))
	err = workpool.Run(ctx, len(order), opts.Workers, func() func(int) {
		return func(g int) {
			size := 0
			for _, l := range locals {
				size += l.len(g)
			}
			hs := make([]uint64, 0, size)
			for _, l := range locals {
				hs = l.appendTo(hs, g)
			}
			ni[g] = int64(len(hs))
			slices.Sort(hs)
			runs[g] = countRuns(hs)
		}
	})
	if err != nil {
		return nil, err
	}
	locals = nil
	var n int64
	for _, c := range ni {
		n += c
	}
	res.Method.Terms = n
	for g := range res.Groups {
		res.Groups[g].TermCount = ni[g]
	}
	if len(order) < 2 {
		for g := range res.Groups {
			res.Groups[g].Note = "only one group: nothing to compare it with"
		}
		return res, nil
	}
	total := totals(runs)

	// Score each group's terms against the rest.
	type scored struct {
		h        uint64
		z, delta float64
		yi, yj   int64
	}
	best := make([][]scored, len(order))
	for g, rs := range runs {
		k := 0 // walks total, sorted by hash like rs
		for _, r := range rs {
			for total[k].h < r.h {
				k++
			}
			yw := total[k].c
			if int(r.c) < opts.MinCount || opts.Exclusive && yw != r.c {
				continue
			}
			delta, z := Score(r.c, yw-r.c, ni[g], n-ni[g], opts.PriorScale)
			if z <= 0 || math.IsNaN(z) || math.IsInf(z, 0) {
				continue
			}
			best[g] = append(best[g], scored{h: r.h, z: z, delta: delta, yi: r.c, yj: yw - r.c})
		}
		runs[g] = nil
	}
	wanted := make([]map[uint64]*Term, len(order))
	for g, list := range best {
		slices.SortFunc(list, func(a, b scored) int {
			if c := cmp.Compare(b.z, a.z); c != 0 {
				return c
			}
			if c := cmp.Compare(b.yi, a.yi); c != 0 {
				return c
			}
			return cmp.Compare(a.h, b.h)
		})
		if opts.Top > 0 && len(list) > opts.Top {
			list = list[:opts.Top]
		}
		wanted[g] = make(map[uint64]*Term, len(list))
		terms := make([]Term, len(list))
		for i, s := range list {
			terms[i] = Term{Z: round(s.z, 3), LogOdds: round(s.delta, 4), Count: int(s.yi), Rest: int(s.yj), Occurrences: []Occurrence{}}
		}
		res.Groups[g].Terms = terms
		for i, s := range list {
			wanted[g][s.h] = &res.Groups[g].Terms[i]
		}
		if len(terms) == 0 {
			res.Groups[g].Note = fmt.Sprintf("no term used at least %d times is more frequent here than in the other groups", opts.MinCount)
		}
	}
	if err := findOccurrences(ctx, in, docGroup, wanted, opts); err != nil {
		return nil, err
	}
	for g := range res.Groups {
		for i := range res.Groups[g].Terms {
			t := &res.Groups[g].Terms[i]
			t.Categories = categories(in.Lexicon, t.Term)
		}
	}
	return res, nil
}

// Score is the weighted log-odds ratio δ of a term used yi times in a
// group of ni term occurrences against yj times in the rest (nj), and its
// z-score, with the informative prior α_w = s·(yi+yj), α_0 = s·(ni+nj).
// Swapping the group and the rest negates both.
func Score(yi, yj, ni, nj int64, s float64) (delta, z float64) {
	aw := s * float64(yi+yj)
	a0 := s * float64(ni+nj)
	fi, fj := float64(yi), float64(yj)
	delta = math.Log((fi+aw)/(float64(ni)+a0-fi-aw)) - math.Log((fj+aw)/(float64(nj)+a0-fj-aw))
	return delta, delta / math.Sqrt(1/(fi+aw)+1/(fj+aw))
}

// findOccurrences fills the text, word count, documents and occurrences of
// the wanted terms from a second reading of each grouped document.
func findOccurrences(ctx context.Context, in Input, docGroup []int, wanted []map[uint64]*Term, opts Options) error {
	type hit struct {
		t     *Term
		text  string
		words int
		occ   []Occurrence
	}
	sets := make([]*termSet, len(wanted))
	for g, m := range wanted {
		sets[g] = newTermSet(m)
	}
	perDoc := make([][]hit, len(in.Docs))
	err := workpool.Run(ctx, len(in.Docs), opts.Workers, func() func(int) {
		var toks []token
		return func(i int) {
			g := docGroup[i]
			if g < 0 || len(wanted[g]) == 0 {
				return
			}
			d := in.Docs[i]
			toks = tokenize(d, in.Stopwords.For(d.Meta.Language.Value), toks[:0])
			byTerm := map[*Term]int{}
			var hits []hit
			grams(toks, opts.MaxWords, func(h uint64, a, b int) {
				t := sets[g].get(h)
				if t == nil {
					return
				}
				k, ok := byTerm[t]
				if !ok {
					k = len(hits)
					byTerm[t] = k
					hits = append(hits, hit{t: t, text: termText(d.Text, toks, a, b), words: b - a})
				}
				if len(hits[k].occ) < opts.MaxOccurrences {
					hits[k].occ = append(hits[k].occ, Occurrence{Path: d.Path, Start: int(toks[a].start), End: int(toks[b-1].end)})
				}
			})
			perDoc[i] = hits
		}
	})
	if err != nil {
		return err
	}
	// merged in document order, so the result does not depend on scheduling
	for _, hits := range perDoc {
		for _, h := range hits {
			t := h.t
			if t.Term == "" {
				t.Term, t.Words = h.text, h.words
			}
			t.Documents++
			for _, o := range h.occ {
				if len(t.Occurrences) < opts.MaxOccurrences {
					t.Occurrences = append(t.Occurrences, o)
				}
			}
		}
	}
	return nil
}

// termSet finds the few wanted terms among millions of n-grams faster than
// a map: open addressing on the hash, which is already well mixed.
type termSet struct {
	keys []uint64
	vals []*Term
	mask uint64
}

func newTermSet(m map[uint64]*Term) *termSet {
	size := 16
	for size < 4*len(m) {
		size *= 2
	}
	s := &termSet{keys: make([]uint64, size), vals: make([]*Term, size), mask: uint64(size - 1)}
	for h, t := range m {
		i := h & s.mask
		for s.vals[i] != nil {
			i = (i + 1) & s.mask
		}
		s.keys[i], s.vals[i] = h, t
	}
	return s
}

func (s *termSet) get(h uint64) *Term {
	for i := h & s.mask; s.vals[i] != nil; i = (i + 1) & s.mask {
		if s.keys[i] == h {
			return s.vals[i]
		}
	}
	return nil
}

// categories are the lexicon categories of the lexicon terms inside term.
func categories(lex *framing.Lexicon, term string) []string {
	if lex == nil || term == "" {
		return nil
	}
	var out []string
	for _, o := range lex.Find(term) {
		if !slices.Contains(out, o.Category) {
			out = append(out, o.Category)
		}
	}
	sort.Strings(out)
	return out
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
