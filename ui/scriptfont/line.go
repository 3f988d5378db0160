package scriptfont

import (
	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/textdir"
)

// rlm starts the text of a right-to-left piece with letters, in case it
// opens with a neutral character: the shaper then lays it out right to
// left from its start.
const rlm = "\u200f"

// RTLText returns the text to draw for piece s of a right-to-left run.
// With a right-to-left letter it is s behind a right-to-left mark, and the
// shaper orders it and mirrors its brackets and quotes. Without one (a
// bracket, a quote, a dash between an Arabic word and a number) the shaper
// would lay it out left to right, unmirrored, so it is returned reversed
// and mirrored (textdir.Mirror), ready to draw left to right.
func RTLText(s string) string {
	if textdir.FirstStrong(s) == textdir.RTL {
		return rlm + s
	}
	return textdir.Mirror(s)
}

// Placed is a piece of a line ready to draw: its text (as RTLText gives it
// for right-to-left pieces), its face
// (nil: the theme's), its x from the line's left edge, its width, and
// whether it must be lifted by Lift to sit on the line's baseline.
type Placed struct {
	Text   string
	Source fyne.Resource
	X, W   float32
	Lifted bool
}

// Line is one line of text laid out from left to right.
type Line struct {
	Pieces []Placed
	Width  float32
	RTL    bool // the paragraph reads right to left
}

// Layout lays s out as one line in direction d: runs in bidi visual order
// (textdir), each split by face. Its pieces' X start at 0 on the left.
func (f *Fonts) Layout(s string, d textdir.Dir, size float32, st fyne.TextStyle) Line {
	para := textdir.ParagraphLevel(s, d)
	ln := Line{RTL: para == 1}
	if s == "" {
		return ln
	}
	var runs []textdir.Run
	if para == 0 && !textdir.NeedsBidi(s) {
		runs = []textdir.Run{{Start: 0, End: len(s)}}
	} else {
		runs = textdir.VisualRuns(s, textdir.Levels(s, para, nil), para, nil)
	}
	drv := fyne.CurrentApp().Driver()
	x := float32(0)
	var pieces []Piece
	for _, r := range runs {
		pieces = f.Split(s[r.Start:r.End], pieces[:0])
		placed := make([]Placed, len(pieces))
		for i, p := range pieces {
			text := s[r.Start+p.Start : r.Start+p.End]
			var src fyne.Resource
			if p.Arabic {
				src = f.Arabic(st)
			}
			sz, _ := drv.RenderedTextSize(text, size, st, src)
			if r.RTL() {
				text = RTLText(text)
			}
			placed[i] = Placed{Text: text, Source: src, W: sz.Width, Lifted: p.Arabic}
		}
		if r.RTL() {
			// Pieces in logical order go from right to left.
			for i, j := 0, len(placed)-1; i < j; i, j = i+1, j-1 {
				placed[i], placed[j] = placed[j], placed[i]
			}
		}
		for _, p := range placed {
			p.X = x
			x += p.W
			ln.Pieces = append(ln.Pieces, p)
		}
	}
	ln.Width = x
	return ln
}
