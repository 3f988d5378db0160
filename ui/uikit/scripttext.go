package uikit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/ui/scriptfont"
)

// ScriptText is a wrapped paragraph for text in any script, the multi-line
// sibling of ScriptLine: the paragraph takes its direction from its first
// strong character, is wrapped at spaces to its width, and each line shows
// its runs in bidi visual order, aligned to the right when the paragraph
// reads right to left. It is inset like a label.
type ScriptText struct {
	scriptWidget
}

// NewScriptText returns a paragraph showing s in style.
func NewScriptText(fonts *scriptfont.Fonts, s string, style fyne.TextStyle) *ScriptText {
	t := &ScriptText{scriptWidget{text: s, style: style, fonts: fonts, color: theme.ColorNameForeground}}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *ScriptText) CreateRenderer() fyne.WidgetRenderer {
	return &scriptTextRenderer{t: t}
}

type scriptTextRenderer struct {
	t      *ScriptText
	texts  []*canvas.Text
	objs   []fyne.CanvasObject
	lines  []scriptfont.Line
	width  float32 // the width the lines were wrapped for
	height float32 // one line's height
}

func (r *scriptTextRenderer) Destroy()                     {}
func (r *scriptTextRenderer) Objects() []fyne.CanvasObject { return r.objs }

// wrap breaks the text into lines of at most w (the paragraph's direction
// applies to every line: they are parts of one paragraph).
func (r *scriptTextRenderer) wrap(w float32) {
	t := r.t
	size := theme.TextSize()
	r.height = fyne.MeasureText("M", size, t.style).Height
	r.width = w
	r.lines = r.lines[:0]
	dir := textdir.LTR
	if textdir.IsRTL(t.text) {
		dir = textdir.RTL
	}
	words := strings.Fields(t.text)
	cur := ""
	for _, word := range words {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur != "" && w > 0 && t.fonts.Measure(next, size, t.style) > w {
			r.lines = append(r.lines, t.fonts.Layout(cur, dir, size, t.style))
			cur = word
			continue
		}
		cur = next
	}
	if cur != "" {
		r.lines = append(r.lines, t.fonts.Layout(cur, dir, size, t.style))
	}
}

func (r *scriptTextRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding()
	if r.width == 0 {
		// Not laid out yet: one line as wide as the text.
		r.wrap(0)
	}
	n := max(1, len(r.lines))
	return fyne.NewSize(4*p, float32(n)*r.height+2*p)
}

func (r *scriptTextRenderer) Layout(s fyne.Size) {
	p := theme.InnerPadding()
	if w := s.Width - 2*p; w != r.width {
		r.wrap(max(w, 1))
		r.draw()
	}
	r.place(s)
}

func (r *scriptTextRenderer) Refresh() {
	r.wrap(max(r.t.Size().Width-2*theme.InnerPadding(), 1))
	r.draw()
	r.place(r.t.Size())
	canvas.Refresh(r.t)
}

// draw fills the text objects for the lines.
func (r *scriptTextRenderer) draw() {
	t := r.t
	c := theme.Color(t.color)
	size := theme.TextSize()
	r.objs = r.objs[:0]
	n := 0
	for _, ln := range r.lines {
		for _, pc := range ln.Pieces {
			if n == len(r.texts) {
				r.texts = append(r.texts, canvas.NewText("", c))
			}
			tx := r.texts[n]
			n++
			setPiece(tx, pc, c, size, t.style)
			r.objs = append(r.objs, tx)
			tx.Refresh()
		}
	}
}

// place moves the pieces to their lines.
func (r *scriptTextRenderer) place(s fyne.Size) {
	p := theme.InnerPadding()
	lift := r.t.fonts.Lift(theme.TextSize(), r.t.style)
	n := 0
	for i, ln := range r.lines {
		x := p
		if ln.RTL {
			x = s.Width - p - ln.Width
		}
		placePieces(r.texts[n:], ln, x, p+float32(i)*r.height, r.height, lift)
		n += len(ln.Pieces)
	}
}
