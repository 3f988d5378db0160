package textview

import (
	"sort"

	"github.com/parallaxworkbench/parallax/internal/textdir"
)

// para is a paragraph of the text (between line breaks) and its base level.
type para struct {
	start, end int
	level      uint8
}

// SetDirection forces the direction of every paragraph (textdir.LTR or
// textdir.RTL) or lets each paragraph take it from its first strong
// character (textdir.Auto, the default).
func (v *View) SetDirection(d textdir.Dir) {
	if d == v.dir {
		return
	}
	v.dir = d
	v.computeBidi()
	v.body.Refresh()
}

// Direction returns the direction set with SetDirection.
func (v *View) Direction() textdir.Dir { return v.dir }

// computeBidi finds each paragraph's level and the level of every byte.
// A text with no right-to-left character in a view not forced right to
// left keeps no levels: its lines are drawn as before, in one run each.
func (v *View) computeBidi() {
	v.levels, v.paras = nil, nil
	t := v.text
	if v.dir != textdir.RTL && !textdir.NeedsBidi(t) {
		return
	}
	levels := make([]uint8, 0, len(t))
	for start := 0; start <= len(t); {
		end := start
		for end < len(t) && t[end] != '\n' {
			end++
		}
		p := t[start:end]
		lvl := textdir.ParagraphLevel(p, v.dir)
		levels = textdir.Levels(p, lvl, levels)
		if end < len(t) {
			levels = append(levels, lvl) // the line break
		}
		v.paras = append(v.paras, para{start, end, lvl})
		start = end + 1
	}
	v.levels = levels
}

// paraLevel returns the base level of the paragraph holding byte offset i.
func (v *View) paraLevel(i int) uint8 {
	if v.levels == nil {
		return 0
	}
	k := sort.Search(len(v.paras), func(k int) bool { return v.paras[k].end >= i })
	if k == len(v.paras) {
		k--
	}
	return v.paras[k].level
}

// vrun is a run of one direction in a laid-out line: the byte span
// [start,end) of the text, drawn from x, w wide (w is known only for lines
// that went through the bidi layout).
type vrun struct {
	start, end int
	rtl        bool
	x, w       float32
}

// xAt returns the x of the edge before logical offset i (in the run) as the
// run reads: its left for a left-to-right run, its right for a right-to-left
// one.
func (v *View) xAt(r vrun, i int) float32 {
	m := v.measure(v.text[r.start:i])
	if r.rtl {
		return r.x + r.w - m
	}
	return r.x + m
}

// layoutLine returns the runs of line ln from left to right with their x,
// and whether its paragraph reads right to left (then the line is aligned
// to the right).
func (v *View) layoutLine(ln line) ([]vrun, bool) {
	if ln.start == ln.end {
		return nil, v.paraLevel(ln.start)%2 == 1
	}
	if v.levels == nil {
		return []vrun{{start: ln.start, end: ln.end, x: v.padLeft(), w: -1}}, false
	}
	lvl := v.paraLevel(ln.start)
	runs := textdir.VisualRuns(v.text[ln.start:ln.end], v.levels[ln.start:ln.end], lvl, nil)
	out := make([]vrun, len(runs))
	total := float32(0)
	for i, r := range runs {
		w := v.measure(v.text[ln.start+r.Start : ln.start+r.End])
		out[i] = vrun{start: ln.start + r.Start, end: ln.start + r.End, rtl: r.RTL(), w: w}
		total += w
	}
	x := v.padLeft()
	if lvl%2 == 1 {
		x = v.body.Size().Width - v.padLeft() - total
	}
	for i := range out {
		out[i].x = x
		x += out[i].w
	}
	return out, lvl%2 == 1
}

// offsetInLine returns the byte offset of the character at x on line ln
// (x from the body's left edge). Beside the text it is the offset of the
// line's edge there: its logical end past the end of the last run read,
// its start before the first.
func (v *View) offsetInLine(ln line, x float32) int {
	runs, _ := v.layoutLine(ln)
	if len(runs) == 0 {
		return ln.start
	}
	first, last := runs[0], runs[len(runs)-1]
	if x < first.x {
		if first.rtl {
			return first.end
		}
		return first.start
	}
	for _, r := range runs {
		if r.w >= 0 && x >= r.x+r.w && r != last {
			continue
		}
		rel := x - r.x
		if r.rtl {
			rel = r.x + r.w - x
		}
		return v.runeAt(r, rel)
	}
	return last.end
}

// runeAt returns the start of the character of run r whose extent, read
// from the run's start, holds distance rel.
func (v *View) runeAt(r vrun, rel float32) int {
	if rel <= 0 {
		return r.start
	}
	if r.rtl {
		return v.rtlRuneAt(r, r.x+r.w-rel)
	}
	bounds := make([]int, 0, r.end-r.start+1)
	for k := range v.text[r.start:r.end] {
		bounds = append(bounds, r.start+k)
	}
	bounds = append(bounds, r.end)
	k := sort.Search(len(bounds), func(k int) bool {
		return v.measure(v.text[r.start:bounds[k]]) > rel
	})
	if k == 0 {
		return r.start
	}
	return bounds[k-1]
}

// rtlRuneAt returns the start of the character of right-to-left run r drawn
// at x, by the same edges highlights are drawn with: the width of a prefix
// of the run measured alone. That is exact at word edges (a letter before a
// space has its final form either way) and within a letter inside a word,
// where a prefix's width is not even monotonic in its length (a letter's
// form changes with the letter after it). So every character is tried, and
// of those whose extent holds x the one whose middle is nearest wins.
func (v *View) rtlRuneAt(r vrun, x float32) int {
	if x >= r.x+r.w {
		return r.start
	}
	if x < r.x {
		return r.end
	}
	best, bestD, bestIn := r.start, float32(-1), false
	right := v.xAt(r, r.start)
	for k, c := range v.text[r.start:r.end] {
		a := r.start + k
		left := v.xAt(r, a+len(string(c)))
		lo, hi := min(left, right), max(left, right)
		in := x >= lo && x < hi
		d := x - (lo+hi)/2
		if d < 0 {
			d = -d
		}
		if bestD < 0 || in && !bestIn || in == bestIn && d < bestD {
			best, bestD, bestIn = a, d, in
		}
		right = left
	}
	return best
}
