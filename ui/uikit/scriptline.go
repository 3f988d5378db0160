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
	widget.BaseWidget
	text  string
	style fyne.TextStyle
	color fyne.ThemeColorName
	fonts *scriptfont.Fonts
}

// NewScriptLine returns an empty line in style drawn with fonts (which may
// be nil: then the theme's fonts draw everything).
func NewScriptLine(fonts *scriptfont.Fonts, style fyne.TextStyle) *ScriptLine {
	l := &ScriptLine{style: style, fonts: fonts, color: theme.ColorNameForeground}
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows s.
func (l *ScriptLine) SetText(s string) {
	if s == l.text {
		return
	}
	l.text = s
	l.Refresh()
}

// Text returns the text shown.
func (l *ScriptLine) Text() string { return l.text }

// SetColor sets the theme colour of the text.
func (l *ScriptLine) SetColor(n fyne.ThemeColorName) {
	if n == l.color {
		return
	}
	l.color = n
	l.Refresh()
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
	lift := r.l.fonts.Lift(r.size, r.l.style)
	h := fyne.MeasureText("M", r.size, r.l.style).Height
	y := (s.Height - h) / 2
	for i, pc := range r.line.Pieces {
		t := r.texts[i]
		ty := y
		if pc.Lifted {
			ty -= lift
		}
		t.Move(fyne.NewPos(x+pc.X, ty))
		t.Resize(fyne.NewSize(pc.W, h))
	}
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
		t.Text, t.FontSource, t.Color, t.TextSize, t.TextStyle = pc.Text, pc.Source, c, r.size, l.style
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
	lift := fonts.Lift(size, st)
	h := fyne.MeasureText("M", size, st).Height
	out := make([]fyne.CanvasObject, 0, len(ln.Pieces))
	for _, pc := range ln.Pieces {
		t := canvas.NewText(pc.Text, c)
		t.TextSize, t.TextStyle, t.FontSource = size, st, pc.Source
		y := pos.Y
		if pc.Lifted {
			y -= lift
		}
		t.Move(fyne.NewPos(x+pc.X, y))
		t.Resize(fyne.NewSize(pc.W, h))
		out = append(out, t)
	}
	return out
}
