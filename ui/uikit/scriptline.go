package uikit

import (
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
