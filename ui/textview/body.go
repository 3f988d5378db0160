package textview

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/ui/scriptfont"
)

// body is the tall scrolled content of a View; its renderer draws only the
// lines in view, reusing a pool of rectangles and texts.
type body struct {
	widget.BaseWidget
	v       *View
	focused bool
}

var (
	_ fyne.Tappable          = (*body)(nil)
	_ fyne.SecondaryTappable = (*body)(nil)
	_ fyne.Draggable         = (*body)(nil)
	_ fyne.Focusable         = (*body)(nil)
	_ fyne.Shortcutable      = (*body)(nil)
	_ desktop.Cursorable     = (*body)(nil)
)

func (b *body) MinSize() fyne.Size {
	return fyne.NewSize(0, b.v.contentHeight())
}

func (b *body) Resize(s fyne.Size) {
	old := b.Size()
	b.BaseWidget.Resize(s)
	v := b.v
	if s.Width != v.wrapWidth || v.textSize() != v.wrapSize {
		top := -1
		if len(v.lines) > 0 && old.Width > 0 {
			top = v.TopOffset()
		}
		v.rewrap()
		if top > 0 {
			v.scrollLineToTop(v.lineIndex(top))
		}
	}
}

func (b *body) Cursor() desktop.Cursor { return desktop.TextCursor }

func (b *body) Tapped(e *fyne.PointEvent) {
	v := b.v
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
		c.Focus(b)
	}
	if f := v.OnFocused; f != nil {
		f()
	}
	if len(v.layers[LayerSelection]) > 0 {
		v.SetLayer(LayerSelection, nil)
	}
	if h, ok := v.HighlightAt(v.offsetAt(e.Position)); ok && v.OnHighlightTapped != nil {
		v.OnHighlightTapped(h)
	}
}

// TappedSecondary shows the view's context menu, when it has one.
func (b *body) TappedSecondary(e *fyne.PointEvent) {
	v := b.v
	if v.ContextMenu == nil {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	c.Focus(b)
	if m := v.ContextMenu(); m != nil {
		widget.ShowPopUpMenuAtPosition(m, c, e.AbsolutePosition)
	}
}

func (b *body) Dragged(e *fyne.DragEvent) {
	v := b.v
	if !v.dragging {
		v.dragging = true
		v.dragFrom = v.offsetAt(e.Position.Subtract(e.Dragged))
	}
	v.Select(v.dragFrom, v.offsetAt(e.Position))
}

func (b *body) DragEnd() { b.v.dragging = false }

func (b *body) FocusGained() {
	b.focused = true
	if f := b.v.OnFocused; f != nil {
		f()
	}
}

func (b *body) FocusLost()       { b.focused = false }
func (b *body) TypedRune(r rune) {}

func (b *body) TypedKey(e *fyne.KeyEvent) {
	v := b.v
	page := v.scroll.Size().Height - v.lineHeight
	y := v.scroll.Offset.Y
	switch e.Name {
	case fyne.KeyDown:
		v.scrollTo(y + v.lineHeight)
	case fyne.KeyUp:
		v.scrollTo(y - v.lineHeight)
	case fyne.KeyPageDown, fyne.KeySpace:
		v.scrollTo(y + page)
	case fyne.KeyPageUp:
		v.scrollTo(y - page)
	case fyne.KeyHome:
		v.scrollTo(0)
	case fyne.KeyEnd:
		v.scrollTo(v.contentHeight())
	}
}

func (b *body) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if t := b.v.SelectedText(); t != "" && sc.Clipboard != nil {
			sc.Clipboard.SetContent(t)
		}
	case *fyne.ShortcutSelectAll:
		b.v.Select(0, len(b.v.text))
	}
}

func (b *body) CreateRenderer() fyne.WidgetRenderer {
	return &bodyRenderer{b: b}
}

type bodyRenderer struct {
	b     *body
	rects []*canvas.Rectangle
	texts []*canvas.Text
	nRect int
	nText int
	objs  []fyne.CanvasObject
	fresh bool
}

func (r *bodyRenderer) Destroy()                     {}
func (r *bodyRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *bodyRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *bodyRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *bodyRenderer) rect(c color.Color, x, y, w, h float32) {
	if r.nRect == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(c))
		r.fresh = true
	}
	rc := r.rects[r.nRect]
	r.nRect++
	rc.FillColor = c
	rc.CornerRadius = 2
	rc.Move(fyne.NewPos(x, y))
	rc.Resize(fyne.NewSize(w, h))
	rc.Show()
	rc.Refresh()
}

func (r *bodyRenderer) text(s string, src fyne.Resource, c color.Color, size, x, y float32) {
	if r.nText == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", c))
		r.fresh = true
	}
	t := r.texts[r.nText]
	r.nText++
	t.Text = displayText(s)
	t.Color = c
	t.TextSize = size
	t.FontSource = src
	t.Move(fyne.NewPos(x, y))
	w, _ := fyne.CurrentApp().Driver().RenderedTextSize(t.Text, size, t.TextStyle, src)
	t.Resize(fyne.NewSize(w.Width, size*1.3))
	t.Show()
	t.Refresh()
}

// Refresh draws the lines in view.
func (r *bodyRenderer) Refresh() {
	v := r.b.v
	r.nRect, r.nText = 0, 0
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	th := theme.Current()
	fg := th.Color(theme.ColorNameForeground, variant)
	dim := th.Color(theme.ColorNameDisabled, variant)
	size := v.wrapSize
	lh := v.lineHeight
	textY := (lh - size*1.3) / 2
	first, last := v.visibleLines()
	space := v.measureRune(' ')
	lift := v.fonts.Lift(size, fyne.TextStyle{})
	var pieces []scriptfont.Piece
	for idx := first; idx <= last; idx++ {
		ln := v.lines[idx]
		y := v.lineY(idx)
		runs, _ := v.layoutLine(ln)
		// Highlights behind the text, weakest first: one mark per run a
		// highlight covers, since a logical span of mixed directions is
		// not one piece on screen.
		for _, h := range v.overlapping(ln) {
			c := background(h, variant)
			if h.Kind == Flash {
				c = withAlpha(c, uint8(float32(0xa0)*v.flashLevel))
			}
			for _, rn := range runs {
				a, e := max(h.Start, rn.start), min(h.End, rn.end)
				if a >= e {
					continue
				}
				x0, x1 := v.xAt(rn, a), v.xAt(rn, e)
				if rn.rtl {
					x0, x1 = x1, x0
				}
				if h.End > ln.end && e == ln.end {
					// Carry the mark across the wrap, on the side the line
					// ends.
					if rn.rtl {
						x0 -= space / 2
					} else {
						x1 += space / 2
					}
				}
				r.rect(c, x0-1, y+1, x1-x0+2, lh-2)
				switch h.Kind {
				case Passage:
					r.rect(underline(variant), x0, y+lh-3, x1-x0, 2)
				case Annotation:
					r.rect(annotationLine(variant), x0, y+lh-3, x1-x0, 2)
				}
			}
		}
		// The text: each run drawn whole so that it is shaped whole (the
		// joining forms of Arabic letters), split only where boilerplate
		// starts or ends and where the font changes.
		for _, rn := range runs {
			pos := rn.start
			for pos < rn.end {
				inB, next := v.boilerRun(pos, rn.end)
				c := fg
				if inB {
					c = dim
				}
				pieces = v.fonts.Split(v.text[pos:next], pieces[:0])
				for _, p := range pieces {
					a, e := pos+p.Start, pos+p.End
					var src fyne.Resource
					ty := y + textY
					if p.Arabic {
						src = v.fonts.Arabic(fyne.TextStyle{})
						ty -= lift
					}
					if rn.rtl {
						r.text(scriptfont.RTLText(v.text[a:e]), src, c, size, v.xAt(rn, e), ty)
					} else {
						r.text(v.text[a:e], src, c, size, v.xAt(rn, a), ty)
					}
				}
				pos = next
			}
		}
	}
	for i := r.nRect; i < len(r.rects); i++ {
		r.rects[i].Hide()
	}
	for i := r.nText; i < len(r.texts); i++ {
		r.texts[i].Hide()
	}
	if r.fresh || r.objs == nil {
		r.objs = r.objs[:0]
		for _, rc := range r.rects {
			r.objs = append(r.objs, rc)
		}
		for _, t := range r.texts {
			r.objs = append(r.objs, t)
		}
		r.fresh = false
	}
}

// overlapping returns the highlights that overlap line ln, weakest kind
// first.
func (v *View) overlapping(ln line) []Highlight {
	var out []Highlight
	if ln.start == ln.end {
		return nil // a blank line between paragraphs: nothing to mark
	}
	for _, h := range v.merged {
		if h.Start >= ln.end {
			break
		}
		if h.End > ln.start && h.Start < ln.end {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// boilerRun reports whether byte offset pos is boilerplate and where that
// run ends (at most at end).
func (v *View) boilerRun(pos, end int) (bool, int) {
	k := sort.Search(len(v.boiler), func(k int) bool { return v.boiler[k].End > pos })
	if k < len(v.boiler) && v.boiler[k].Start <= pos {
		return true, min(end, v.boiler[k].End)
	}
	if k < len(v.boiler) && v.boiler[k].Start < end {
		return false, v.boiler[k].Start
	}
	return false, end
}
