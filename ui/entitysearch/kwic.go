package entitysearch

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/ui/scriptfont"
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
	// pieces draw a line with right-to-left or Arabic-script text
	// (scriptRefresh); nPieces of them are in use.
	pieces  []*canvas.Text
	nPieces int
	objs    []fyne.CanvasObject
}

func (r *kwicRenderer) Destroy() {}

func (r *kwicRenderer) Objects() []fyne.CanvasObject {
	r.objs = append(r.objs[:0], r.bg, r.l, r.m, r.r)
	for _, p := range r.pieces {
		r.objs = append(r.objs, p)
	}
	return r.objs
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
	if r.k.fit.NeedsScript(r.k.left + r.k.key + r.k.right) {
		r.scriptRefresh(pad, avail, size, fg, dim)
		return
	}
	r.nPieces = 0
	for _, p := range r.pieces {
		p.Hide()
	}
	r.l.Show()
	r.m.Show()
	r.r.Show()
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

// scriptRefresh lays out a line with right-to-left or Arabic-script text:
// each part in bidi visual order with the embedded Arabic face. A line that
// reads right to left is mirrored: its keyword ends at the same share of
// the width from the right, the context before it (in reading order) is to
// its right and the context after it to its left, each cut at its far end.
func (r *kwicRenderer) scriptRefresh(pad, avail, size float32, fg, dim color.Color) {
	k := r.k
	r.l.Hide()
	r.m.Hide()
	r.r.Hide()
	r.nPieces = 0
	fonts := k.fit.Fonts()
	bold := fyne.TextStyle{Bold: true}
	dir := textdir.LTR
	if textdir.IsRTL(k.left + k.key + k.right) {
		dir = textdir.RTL
	}
	h := fyne.MeasureText("M", size, fyne.TextStyle{}).Height
	y := (r.size.Height - h) / 2
	lift := fonts.Lift(size, fyne.TextStyle{})
	liftBold := fonts.Lift(size, bold)
	gap := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width

	key := trimCut(k.fit.FitEnd(k.key, avail*0.6, size, bold))
	mLine := fonts.Layout(key, dir, size, bold)
	keyW := mLine.Width
	var keyX float32
	if dir == textdir.RTL {
		keyX = max(pad, pad+avail*(1-keyFraction)-keyW)
	} else {
		keyX = min(pad+avail*keyFraction, pad+avail-keyW)
	}
	leftW := max(0, keyX-pad-gap)
	rightW := max(0, pad+avail-(keyX+keyW+gap))
	// The context before the keyword sits on the side the line comes from.
	beforeW, afterW := leftW, rightW
	if dir == textdir.RTL {
		beforeW, afterW = rightW, leftW
	}
	before := fonts.Layout(trimCut(k.fit.FitStart(k.left, beforeW, size, fyne.TextStyle{})), dir, size, fyne.TextStyle{})
	after := fonts.Layout(trimCut(k.fit.FitEnd(k.right, afterW, size, fyne.TextStyle{})), dir, size, fyne.TextStyle{})
	leftLine, rightLine := before, after
	if dir == textdir.RTL {
		leftLine, rightLine = after, before
	}
	r.place(leftLine, keyX-gap-leftLine.Width, y, lift, h, dim, fyne.TextStyle{})
	r.place(mLine, keyX, y, liftBold, h, fg, bold)
	r.place(rightLine, keyX+keyW+gap, y, lift, h, dim, fyne.TextStyle{})
	for _, p := range r.pieces[r.nPieces:] {
		p.Hide()
	}
	r.bg.FillColor = k.tint
	if r.bg.FillColor == nil {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Move(fyne.NewPos(keyX-3, y))
	r.bg.Resize(fyne.NewSize(keyW+6, h))
	r.bg.Refresh()
}

// place draws the pieces of ln from x.
func (r *kwicRenderer) place(ln scriptfont.Line, x, y, lift, h float32, c color.Color, st fyne.TextStyle) {
	for _, pc := range ln.Pieces {
		if r.nPieces == len(r.pieces) {
			r.pieces = append(r.pieces, canvas.NewText("", c))
		}
		t := r.pieces[r.nPieces]
		r.nPieces++
		t.Text, t.FontSource, t.Color, t.TextSize, t.TextStyle = pc.Text, pc.Source, c, theme.TextSize(), st
		ty := y
		if pc.Lifted {
			ty -= lift
		}
		t.Move(fyne.NewPos(x+pc.X, ty))
		t.Resize(fyne.NewSize(pc.W, h))
		t.Show()
		t.Refresh()
	}
}
