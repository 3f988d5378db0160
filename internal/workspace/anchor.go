package workspace

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// ContextBytes is about how much text before and after a quote an
// annotation keeps (cut at character boundaries).
const ContextBytes = 48

// Fuzzy matching limits: quotes shorter than minFuzzy are only found
// exactly or folded; a fuzzy match may differ in up to a quarter of the
// quote; quotes longer than maxFuzzy are found by their head and tail.
const (
	minFuzzy   = 12
	maxFuzzy   = 256
	pieceFuzzy = 128
)

func spanOf(start, end int) document.Span { return document.Span{Start: start, End: end} }

// NewAnnotation anchors a note with tags on doc.Text[span]: it records the
// document's path and hash, the quote and its context.
func NewAnnotation(doc *document.Document, span document.Span, note string, tags []string, now time.Time) (Annotation, error) {
	if err := CheckPath(doc.Path); err != nil {
		return Annotation{}, err
	}
	t := doc.Text
	if span.Start < 0 || span.End > len(t) || span.Start >= span.End {
		return Annotation{}, fmt.Errorf("annotate %s: span [%d,%d) is empty or outside the text (%d bytes)", doc.Path, span.Start, span.End, len(t))
	}
	if !boundary(t, span.Start) || !boundary(t, span.End) {
		return Annotation{}, fmt.Errorf("annotate %s: span [%d,%d) cuts a character", doc.Path, span.Start, span.End)
	}
	now = utc(now)
	a := Annotation{
		ID:       NewID(),
		Path:     doc.Path,
		Hash:     doc.Hash,
		Note:     note,
		Tags:     append([]string(nil), tags...),
		Created:  now,
		Modified: now,
	}
	a.setSpan(t, span)
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	return a, nil
}

// NewID returns a fresh random annotation ID.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

func boundary(t string, i int) bool { return i == len(t) || utf8.RuneStart(t[i]) }

// setSpan points a at t[span] and refreshes its quote and context.
func (a *Annotation) setSpan(t string, span document.Span) {
	a.Span = span
	a.Quote = t[span.Start:span.End]
	b := max(0, span.Start-ContextBytes)
	for b < span.Start && !utf8.RuneStart(t[b]) {
		b++
	}
	e := min(len(t), span.End+ContextBytes)
	for e > span.End && e < len(t) && !utf8.RuneStart(t[e]) {
		e--
	}
	a.Before = t[b:span.Start]
	a.After = t[span.End:e]
}

// Method says how Reanchor found an annotation's passage.
type Method string

// The ways an annotation is anchored, from surest to not at all.
const (
	Kept     Method = "kept"     // the document is unchanged
	Exact    Method = "exact"    // the quote was found as it was
	Folded   Method = "folded"   // found ignoring case, accents, quotes and spacing
	Fuzzy    Method = "fuzzy"    // found with small differences
	Orphaned Method = "orphaned" // not found: kept, marked Orphaned
)

// Reanchor finds ann's passage in doc, the current version of its
// document. When the hash matches and the quote is still at its span, the
// span is kept. Otherwise the quote is searched exactly, then on folded
// text (textnorm), then fuzzily; among several places the one whose
// surrounding text best matches the saved context wins, then the nearest
// to the old span. A found annotation gets the new span and hash, the
// text now there as its quote (it differs for folded and fuzzy matches)
// and the context now around it. One that is not found is returned
// unchanged but Orphaned, never dropped.
func Reanchor(ann Annotation, doc *document.Document) (Annotation, Method) {
	return newDocIndex(doc).reanchor(ann)
}

// docIndex holds what reanchoring needs of one document, computed once.
type docIndex struct {
	doc *document.Document
	m   *matchText // folded, spaces squashed; built on first use
}

func newDocIndex(doc *document.Document) *docIndex { return &docIndex{doc: doc} }

func (x *docIndex) matchText() *matchText {
	if x.m == nil {
		x.m = newMatchText(x.doc.Text)
	}
	return x.m
}

type candidate struct {
	span document.Span
	err  float64 // edit distance per quote byte, 0 for exact
	// intact is the share of the quote's pieces found unchanged in the
	// match (fuzzy matches only): high for one local edit, low when the
	// differences are spread all over.
	intact float64
}

func (x *docIndex) reanchor(ann Annotation) (Annotation, Method) {
	t := x.doc.Text
	s := ann.Span
	inText := s.Start >= 0 && s.End <= len(t) && s.Start <= s.End
	if ann.Hash != "" && ann.Hash == x.doc.Hash && inText && t[s.Start:s.End] == ann.Quote {
		ann.Orphaned = false
		return ann, Kept
	}
	if ann.Quote == "" {
		ann.Orphaned = true
		return ann, Orphaned
	}
	method := Exact
	cands := exactCandidates(t, ann.Quote)
	if len(cands) == 0 {
		method = Folded
		cands = x.foldedCandidates(ann.Quote)
	}
	if len(cands) == 0 {
		method = Fuzzy
		cands = x.fuzzyCandidates(ann.Quote)
	}
	if len(cands) == 0 {
		ann.Orphaned = true
		return ann, Orphaned
	}
	best, context := x.pick(ann, cands)
	if method == Fuzzy && best.err > fuzzyAlone && context < fuzzyContext && best.intact < fuzzyIntact {
		// Too different to trust without the surrounding text agreeing.
		ann.Orphaned = true
		return ann, Orphaned
	}
	ann.Orphaned = false
	ann.Hash = x.doc.Hash
	ann.setSpan(t, best.span) // the quote (changed unless exact) and its context as they are now
	return ann, method
}

const maxCandidates = 200

func exactCandidates(t, q string) []candidate {
	var out []candidate
	for from := 0; len(out) < maxCandidates; {
		i := strings.Index(t[from:], q)
		if i < 0 {
			break
		}
		out = append(out, candidate{span: spanOf(from+i, from+i+len(q))})
		_, size := utf8.DecodeRuneInString(t[from+i:])
		from += i + max(size, 1)
	}
	return out
}

func (x *docIndex) foldedCandidates(q string) []candidate {
	fq := squash(textnorm.Fold(q)).text
	if strings.TrimSpace(fq) == "" {
		return nil
	}
	m := x.matchText()
	var out []candidate
	for from := 0; len(out) < maxCandidates; {
		i := strings.Index(m.text[from:], fq)
		if i < 0 {
			break
		}
		out = append(out, candidate{span: m.original(from+i, from+i+len(fq))})
		from += i + 1
	}
	return out
}

func (x *docIndex) fuzzyCandidates(q string) []candidate {
	fq := squash(textnorm.Fold(q)).text
	if len(fq) < minFuzzy {
		return nil
	}
	m := x.matchText()
	var out []candidate
	if len(fq) <= maxFuzzy {
		for _, a := range approxSearch(m.text, fq, len(fq)/4) {
			out = append(out, candidate{span: m.original(a.start, a.end), err: float64(a.dist) / float64(len(fq)),
				intact: intactShare(fq, m.text[a.start:a.end])})
		}
		return out
	}
	// A long quote: find its head and its tail and pair them.
	head, tail := fq[:pieceFuzzy], fq[len(fq)-pieceFuzzy:]
	heads := approxSearch(m.text, head, pieceFuzzy/4)
	tails := approxSearch(m.text, tail, pieceFuzzy/4)
	for _, h := range heads {
		for _, tl := range tails {
			n := tl.end - h.start
			if tl.start < h.start || n < len(fq)/2 || n > 2*len(fq) {
				continue
			}
			// Edits in the head and tail, plus how far the length is off
			// (pairing a head with the tail of a repeated copy is wrong).
			e := float64(h.dist+tl.dist)/float64(2*pieceFuzzy) + float64(abs(n-len(fq)))/float64(len(fq))
			out = append(out, candidate{span: spanOf(h.start, tl.end), err: e})
		}
	}
	const maxPairs = 20
	if len(out) > maxPairs {
		sort.SliceStable(out, func(i, j int) bool { return out[i].err < out[j].err })
		out = out[:maxPairs]
	}
	for i := range out {
		fs, fe := out[i].span.Start, out[i].span.End
		out[i].intact = intactShare(fq, m.text[fs:fe])
		out[i].span = m.original(fs, fe)
	}
	return out
}

// A fuzzy match differing in more than fuzzyAlone of the quote is only
// accepted when the saved context matches at least fuzzyContext (Dice
// coefficient of trigrams, averaged over the sides there is context for)
// or the differences are local: at least fuzzyIntact of the quote's
// pieces are unchanged (a word inserted, a phrase reworded).
const (
	fuzzyAlone   = 0.1
	fuzzyContext = 0.5
	fuzzyIntact  = 0.6
)

// intactShare is the share of p's seedLen-byte pieces that occur in s
// (at most maxIntactPieces of them, evenly spread, for long quotes).
func intactShare(p, s string) float64 {
	const maxIntactPieces = 64
	step := seedLen
	if pieces := len(p) / seedLen; pieces > maxIntactPieces {
		step = len(p) / maxIntactPieces
	}
	n, found := 0, 0
	for o := 0; o+seedLen <= len(p); o += step {
		n++
		if strings.Contains(s, p[o:o+seedLen]) {
			found++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(found) / float64(n)
}

// pick chooses among the places a quote was found: fewest differences,
// then the best match of the saved context, then nearest the old span. It
// returns the choice and how well its context matched (0 to 1).
func (x *docIndex) pick(ann Annotation, cands []candidate) (candidate, float64) {
	t := x.doc.Text
	before, after := foldKey(ann.Before), foldKey(ann.After)
	var best candidate
	bestScore, bestContext := 0.0, 0.0
	for i, c := range cands {
		ctx, sides := 0.0, 0
		if before != "" {
			ctx += dice(before, foldKey(t[max(0, c.span.Start-len(ann.Before)-8):c.span.Start]))
			sides++
		}
		if after != "" {
			ctx += dice(after, foldKey(t[c.span.End:min(len(t), c.span.End+len(ann.After)+8)]))
			sides++
		}
		if sides > 0 {
			ctx /= float64(sides)
		}
		dist := abs(c.span.Start - ann.Span.Start)
		score := ctx - 2*c.err - 0.05*float64(dist)/float64(len(t)+1)
		if i == 0 || score > bestScore {
			best, bestScore, bestContext = c, score, ctx
		}
	}
	return best, bestContext
}

func foldKey(s string) string {
	return strings.TrimSpace(squash(textnorm.Fold(s)).text)
}

// dice is the Dice coefficient of the character trigrams of a and b.
func dice(a, b string) float64 {
	if len(a) < 3 || len(b) < 3 {
		if a == b {
			return 1
		}
		return 0
	}
	grams := map[string]int{}
	for i := 0; i+3 <= len(a); i++ {
		grams[a[i:i+3]]++
	}
	common := 0
	for i := 0; i+3 <= len(b); i++ {
		if grams[b[i:i+3]] > 0 {
			grams[b[i:i+3]]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)-2+len(b)-2)
}

// matchText is folded text with runs of white space squashed to one
// space, mapping each byte back to the original text.
type matchText struct {
	text string
	orig []int // len(text)+1 original offsets
	n    int   // the original's length
}

func newMatchText(s string) *matchText { return squash(textnorm.Fold(s)) }

func squash(f textnorm.Folded) *matchText {
	var b strings.Builder
	b.Grow(len(f.Text))
	orig := make([]int, 0, len(f.Text)+1)
	offs := f.AppendOffsets(make([]int32, 0, len(f.Text)+1))
	space := false
	for i := 0; i < len(f.Text); i++ {
		c := f.Text[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			if space {
				continue
			}
			space = true
			c = ' '
		} else {
			space = false
		}
		b.WriteByte(c)
		orig = append(orig, int(offs[i]))
	}
	n := int(offs[len(f.Text)])
	orig = append(orig, n)
	return &matchText{text: b.String(), orig: orig, n: n}
}

// original maps the span [start,end) of m.text to the original text.
func (m *matchText) original(start, end int) document.Span {
	os, oe := m.orig[start], m.orig[end]
	if end > start && oe <= m.orig[end-1] {
		// The span ends inside the folded form of one original character.
		oe = m.n
		for j := end; j < len(m.orig); j++ {
			if m.orig[j] > m.orig[end-1] {
				oe = m.orig[j]
				break
			}
		}
	}
	return spanOf(os, oe)
}

// seedLen is the length of the pieces of a pattern that approxSearch
// looks for exactly, to find where an approximate match can be; maxSeedHits
// skips a piece that occurs too often to tell anything.
const (
	seedLen     = 8
	maxSeedHits = 500
)

// approxSearch is approxFind limited to the parts of t where some piece of
// p of seedLen bytes occurs exactly: a match that keeps none of its pieces
// intact is too different to be the same passage anyway. It costs
// O(len(t)·pieces) for the scan plus the edit distance on those windows
// only, instead of O(len(t)·len(p)).
func approxSearch(t, p string, maxErr int) []approx {
	m := len(p)
	if m < 2*seedLen {
		return approxFind(t, p, maxErr)
	}
	type window struct{ start, end int }
	var wins []window
	for o := 0; o < m; o += seedLen {
		if o+seedLen > m {
			o = m - seedLen
		}
		piece := p[o : o+seedLen]
		var hits []int
		for from := 0; len(hits) <= maxSeedHits; {
			i := strings.Index(t[from:], piece)
			if i < 0 {
				break
			}
			hits = append(hits, from+i)
			from += i + 1
		}
		if len(hits) > maxSeedHits {
			continue
		}
		for _, h := range hits {
			wins = append(wins, window{max(0, h-o-maxErr), min(len(t), h-o+m+maxErr)})
		}
		if o == m-seedLen {
			break
		}
	}
	if len(wins) == 0 {
		return nil
	}
	sort.Slice(wins, func(i, j int) bool { return wins[i].start < wins[j].start })
	merged := wins[:1]
	for _, w := range wins[1:] {
		last := &merged[len(merged)-1]
		if w.start <= last.end {
			last.end = max(last.end, w.end)
		} else {
			merged = append(merged, w)
		}
	}
	var out []approx
	for _, w := range merged {
		for _, a := range approxFind(t[w.start:w.end], p, maxErr) {
			out = append(out, approx{start: a.start + w.start, end: a.end + w.start, dist: a.dist})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].dist < out[b].dist })
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// approx is a place where a pattern matched with dist edits.
type approx struct{ start, end, dist int }

// approxFind finds the places where p occurs in t with at most maxErr
// edits (Sellers' algorithm), best first, without overlaps.
func approxFind(t, p string, maxErr int) []approx {
	m := len(p)
	prev, cur := make([]int, m+1), make([]int, m+1)
	prevS, curS := make([]int, m+1), make([]int, m+1)
	for i := range prev {
		prev[i] = i
	}
	var found []approx
	for j := 1; j <= len(t); j++ {
		c := t[j-1]
		cur[0], curS[0] = 0, j
		for i := 1; i <= m; i++ {
			d, s := prev[i-1], prevS[i-1]
			if p[i-1] != c {
				d++
			}
			if v := prev[i] + 1; v < d {
				d, s = v, prevS[i]
			}
			if v := cur[i-1] + 1; v < d {
				d, s = v, curS[i-1]
			}
			cur[i], curS[i] = d, s
		}
		if cur[m] <= maxErr {
			found = append(found, approx{start: curS[m], end: j, dist: cur[m]})
		}
		prev, cur = cur, prev
		prevS, curS = curS, prevS
	}
	sort.SliceStable(found, func(a, b int) bool {
		if found[a].dist != found[b].dist {
			return found[a].dist < found[b].dist
		}
		return abs(found[a].end-found[a].start-m) < abs(found[b].end-found[b].start-m)
	})
	var out []approx
	for _, f := range found {
		overlaps := false
		for _, o := range out {
			if f.start < o.end && o.start < f.end {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, f)
			if len(out) == maxCandidates {
				break
			}
		}
	}
	return out
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// ReanchorAll re-anchors, in place, every annotation of ws whose document
// is in docs (by path), folding each document once, and returns how each
// went by annotation ID. Annotations of documents not in docs are left
// alone.
func ReanchorAll(ws *Workspace, docs []*document.Document) map[string]Method {
	byPath := map[string]*docIndex{}
	for _, d := range docs {
		byPath[d.Path] = newDocIndex(d)
	}
	out := map[string]Method{}
	for i, a := range ws.Annotations {
		x, ok := byPath[a.Path]
		if !ok {
			continue
		}
		ws.Annotations[i], out[a.ID] = x.reanchor(a)
	}
	return out
}
