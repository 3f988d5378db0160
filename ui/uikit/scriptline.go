package uikit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/ui/scriptfont"
)

// ScriptLine is a one-line label for text in any script: its runs are shown
// in bidi visual order, Arabic and Persian with the embedded Arabic face,
// and a right-to-left text is aligned to the right. A widget.Label draws
// its runs in logical order from the left, and falls back to system fonts
// (boxes when there are none) for Arabic. It is inset like a label.
type ScriptLine struct {
	scriptWidget
}

// scriptWidget holds what ScriptLine and ScriptText share: the text, its
// style and colour, and the embedded fonts that draw it.
type scriptWidget struct {
	widget.BaseWidget
	text  string
	style fyne.TextStyle
	color fyne.ThemeColorName
	fonts *scriptfont.Fonts
}

// NewScriptLine returns an empty line in style drawn with fonts (which may
// be nil: then the theme's fonts draw everything).
func NewScriptLine(fonts *scriptfont.Fonts, style fyne.TextStyle) *ScriptLine {
	l := &ScriptLine{scriptWidget{style: style, fonts: fonts, color: theme.ColorNameForeground}}
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows s.
func (w *scriptWidget) SetText(s string) {
	if s == w.text {
		return
	}
	w.text = s
	w.Refresh()
}

// Text returns the text shown.
func (w *scriptWidget) Text() string { return w.text }

// SetColor sets the theme colour of the text.
func (w *scriptWidget) SetColor(n fyne.ThemeColorName) {
	if n == w.color {
		return
	}
	w.color = n
	w.Refresh()
}

// RTL reports whether the text reads right to left.
func (l *ScriptLine) RTL() bool { return textdir.IsRTL(l.text) }

// CreateRenderer implements fyne.Widget.
func (l *ScriptLine) CreateRenderer() fyne.WidgetRenderer {
	r := &scriptLineRenderer{l: l}
	r.Refresh()
	return r
}

type scriptLineRenderer struct {
	l     *ScriptLine
	texts []*canvas.Text
	objs  []fyne.CanvasObject
	line  scriptfont.Line
	size  float32
}

func (r *scriptLineRenderer) Destroy() {}

func (r *scriptLineRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *scriptLineRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding()
	h := fyne.MeasureText("M", theme.TextSize(), r.l.style).Height
	return fyne.NewSize(r.line.Width+2*p, h+2*p)
}

func (r *scriptLineRenderer) Layout(s fyne.Size) {
	p := theme.InnerPadding()
	x := p
	if r.line.RTL {
		x = s.Width - p - r.line.Width
	}
	h := fyne.MeasureText("M", r.size, r.l.style).Height
	placePieces(r.texts, r.line, x, (s.Height-h)/2, h, r.l.fonts.Lift(r.size, r.l.style))
}

func (r *scriptLineRenderer) Refresh() {
	l := r.l
	r.size = theme.TextSize()
	r.line = l.fonts.Layout(l.text, textdir.Auto, r.size, l.style)
	c := theme.Color(l.color)
	for len(r.texts) < len(r.line.Pieces) {
		r.texts = append(r.texts, canvas.NewText("", c))
	}
	r.objs = r.objs[:0]
	for i, pc := range r.line.Pieces {
		t := r.texts[i]
		setPiece(t, pc, c, r.size, l.style)
		r.objs = append(r.objs, t)
	}
	r.Layout(l.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

// ScriptPieces returns the text objects that draw s (cut already) in a box
// width wide whose top left is pos, for renderers that place canvas.Text
// objects themselves: the runs in bidi order, Arabic with the embedded
// face, aligned to the right of the box when s reads right to left. It
// returns nil when s needs none of that: the caller draws it as before.
func ScriptPieces(fit *Fitter, s string, pos fyne.Position, width, size float32, st fyne.TextStyle, c color.Color) []fyne.CanvasObject {
	if !fit.NeedsScript(s) {
		return nil
	}
	fonts := fit.Fonts()
	ln := fonts.Layout(s, textdir.Auto, size, st)
	x := pos.X
	if ln.RTL {
		x = pos.X + max(0, width-ln.Width)
	}
	texts := make([]*canvas.Text, len(ln.Pieces))
	out := make([]fyne.CanvasObject, len(ln.Pieces))
	for i, pc := range ln.Pieces {
		texts[i] = &canvas.Text{}
		setPiece(texts[i], pc, c, size, st)
		out[i] = texts[i]
	}
	placePieces(texts, ln, x, pos.Y, fyne.MeasureText("M", size, st).Height, fonts.Lift(size, st))
	return out
}

// setPiece makes t draw piece pc of a laid-out line.
func setPiece(t *canvas.Text, pc scriptfont.Placed, c color.Color, size float32, st fyne.TextStyle) {
	t.Text, t.FontSource, t.Color, t.TextSize, t.TextStyle = pc.Text, pc.Source, c, size, st
}

// placePieces moves texts[i], drawing piece i of ln, to its place on a
// line h high whose left end is x and top is y; pieces the shaping lifts
// (Arabic, whose face sits lower) go up by lift.
func placePieces(texts []*canvas.Text, ln scriptfont.Line, x, y, h, lift float32) {
	for i, pc := range ln.Pieces {
		ty := y
		if pc.Lifted {
			ty -= lift
		}
		texts[i].Move(fyne.NewPos(x+pc.X, ty))
		texts[i].Resize(fyne.NewSize(pc.W, h))
	}
}
