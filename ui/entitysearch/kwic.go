package entitysearch

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// keyFraction is where the keyword starts, as a share of the row's width:
// every row puts its keyword at the same place, so they line up.
const keyFraction = 0.38

// kwic is one keyword-in-context line: the left context right-aligned up to
// the keyword, the keyword in bold on a soft tint, the right context after
// it. Contexts that do not fit are cut at the far end with an ellipsis.
type kwic struct {
	widget.BaseWidget
	left, key, right string
	tint             color.Color
	fit              *uikit.Fitter // shared by the list's rows
}

func newKWIC(fit *uikit.Fitter) *kwic {
	k := &kwic{fit: fit}
	k.ExtendBaseWidget(k)
	return k
}

// set shows a line; tint is the keyword's background.
func (k *kwic) set(left, key, right string, tint color.Color) {
	left, key, right = oneLine(left), oneLine(key), oneLine(right)
	if left == k.left && key == k.key && right == k.right && tint == k.tint {
		return
	}
	k.left, k.key, k.right, k.tint = left, key, right, tint
	k.Refresh()
}

// oneLine folds runs of white space (line breaks included) into one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (k *kwic) CreateRenderer() fyne.WidgetRenderer {
	r := &kwicRenderer{k: k, bg: canvas.NewRectangle(color.Transparent)}
	r.bg.CornerRadius = 3
	r.l = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.m = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.m.TextStyle = fyne.TextStyle{Bold: true}
	r.r = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.Refresh()
	return r
}

type kwicRenderer struct {
	k       *kwic
	bg      *canvas.Rectangle
	l, m, r *canvas.Text
	size    fyne.Size
}

func (r *kwicRenderer) Destroy() {}

func (r *kwicRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.l, r.m, r.r}
}

func (r *kwicRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(120, h+2*theme.InnerPadding())
}

func (r *kwicRenderer) Layout(s fyne.Size) {
	if s == r.size {
		return
	}
	r.size = s
	r.Refresh()
}

func (r *kwicRenderer) Refresh() {
	s := r.size
	size := theme.TextSize()
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	for _, t := range []*canvas.Text{r.l, r.m, r.r} {
		t.TextSize = size
	}
	r.l.Color, r.r.Color, r.m.Color = dim, dim, fg
	pad := theme.InnerPadding() / 2
	avail := s.Width - 2*pad
	if avail <= 0 {
		return
	}
	keyW := fyne.MeasureText(r.k.key, size, r.m.TextStyle).Width
	if keyW > avail*0.6 {
		r.m.Text = trimCut(r.k.fit.FitEnd(r.k.key, avail*0.6, size, r.m.TextStyle))
		keyW = fyne.MeasureText(r.m.Text, size, r.m.TextStyle).Width
	} else {
		r.m.Text = r.k.key
	}
	keyX := pad + avail*keyFraction
	if keyX+keyW > pad+avail {
		keyX = pad + avail - keyW
	}
	gap := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width
	r.l.Text = trimCut(r.k.fit.FitStart(r.k.left, max(0, keyX-pad-gap), size, fyne.TextStyle{}))
	lw := fyne.MeasureText(r.l.Text, size, fyne.TextStyle{})
	h := lw.Height
	y := (s.Height - h) / 2
	r.l.Move(fyne.NewPos(keyX-gap-lw.Width, y))
	r.l.Resize(lw)
	r.m.Move(fyne.NewPos(keyX, y))
	r.m.Resize(fyne.NewSize(keyW, h))
	rx := keyX + keyW + gap
	r.r.Text = trimCut(r.k.fit.FitEnd(r.k.right, max(0, pad+avail-rx), size, fyne.TextStyle{}))
	r.r.Move(fyne.NewPos(rx, y))
	r.r.Resize(fyne.NewSize(max(0, pad+avail-rx), h))
	r.bg.FillColor = r.k.tint
	if r.bg.FillColor == nil {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Move(fyne.NewPos(keyX-3, y))
	r.bg.Resize(fyne.NewSize(keyW+6, h))
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

// trimCut drops the spaces between a cut and its ellipsis ("said …" →
// "said…"), which only makes the text shorter.
func trimCut(s string) string {
	switch {
	case strings.HasSuffix(s, "…"):
		return strings.TrimRight(strings.TrimSuffix(s, "…"), " ") + "…"
	case strings.HasPrefix(s, "…"):
		return "…" + strings.TrimLeft(strings.TrimPrefix(s, "…"), " ")
	}
	return s
}
