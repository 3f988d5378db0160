package compare

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// findBar searches the focused pane.
type findBar struct {
	v     *View
	entry *findEntry
	count *widget.Label
	root  *fyne.Container
	pane  *Pane
}

// findEntry is an Entry that closes the bar on Escape.
type findEntry struct {
	widget.Entry
	onEscape func()
}

func (e *findEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

func newFindBar(v *View) *findBar {
	f := &findBar{v: v}
	f.entry = &findEntry{onEscape: f.hide}
	f.entry.ExtendBaseWidget(f.entry)
	f.entry.SetPlaceHolder("Find in document")
	f.entry.OnChanged = func(string) { f.search() }
	f.entry.OnSubmitted = func(string) { f.next() }
	f.count = widget.NewLabel("")
	f.count.Importance = widget.LowImportance
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), f.previous)
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), f.next)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), f.hide)
	for _, b := range []*widget.Button{prev, next, closeBtn} {
		b.Importance = widget.LowImportance
	}
	icon := widget.NewIcon(theme.SearchIcon())
	bar := container.NewBorder(nil, nil, icon, container.NewHBox(f.count, prev, next, closeBtn), f.entry)
	f.root = container.NewVBox(bar, widget.NewSeparator())
	f.root.Hide()
	return f
}

func (f *findBar) show() {
	if f.v.focused == nil {
		return
	}
	f.root.Show()
	f.v.root.Refresh() // lay the bar out so that its field can take focus
	f.pane = f.v.focused
	// The field was never drawn while hidden: find the canvas by the view.
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.v.root); c != nil {
		c.Focus(f.entry)
	}
	f.search()
}

func (f *findBar) hide() {
	if f.pane != nil {
		f.pane.text.ClearFind()
	}
	f.pane = nil
	f.root.Hide()
	f.v.root.Refresh()
	if p := f.v.focused; p != nil {
		if c := fyne.CurrentApp().Driver().CanvasForObject(f.v.root); c != nil {
			c.Focus(p.text.Focusable())
		}
	}
}

// paneChanged moves the search to the newly focused pane.
func (f *findBar) paneChanged() {
	if !f.root.Visible() || f.v.focused == f.pane {
		return
	}
	if f.pane != nil {
		f.pane.text.ClearFind()
	}
	f.pane = f.v.focused
	f.search()
}

func (f *findBar) search() {
	if f.pane == nil {
		f.count.SetText("")
		return
	}
	f.pane.text.Find(f.entry.Text)
	f.updateCount()
}

func (f *findBar) next() {
	if f.pane != nil {
		f.pane.text.FindNext()
		f.updateCount()
	}
}

func (f *findBar) previous() {
	if f.pane != nil {
		f.pane.text.FindPrevious()
		f.updateCount()
	}
}

func (f *findBar) updateCount() {
	cur, total := f.pane.text.FindState()
	switch {
	case f.entry.Text == "":
		f.count.SetText("")
	case total == 0:
		f.count.SetText("No matches")
	default:
		f.count.SetText(fmt.Sprintf("%d of %d", cur+1, total))
	}
}

// FindBar is the find bar's public face, for menus and tests.
type FindBar struct{ f *findBar }

// Visible reports whether the bar is open.
func (b *FindBar) Visible() bool { return b.f.root.Visible() }

// SetQuery types q into the field.
func (b *FindBar) SetQuery(q string) { b.f.entry.SetText(q) }

// Next moves to the next match.
func (b *FindBar) Next() { b.f.next() }

// Previous moves to the previous match.
func (b *FindBar) Previous() { b.f.previous() }

// Status returns the "n of m" text shown.
func (b *FindBar) Status() string { return b.f.count.Text }

// Close closes the bar.
func (b *FindBar) Close() { b.f.hide() }

// canvasLine is a thin rule under a pane header, coloured when the pane has
// focus.
type canvasLine struct {
	rect *canvas.Rectangle
	obj  fyne.CanvasObject
}

func newCanvasLine() *canvasLine {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, 2))
	return &canvasLine{rect: r, obj: r}
}

func (l *canvasLine) setActive(on bool) {
	if on {
		l.rect.FillColor = theme.Color(theme.ColorNamePrimary)
	} else {
		l.rect.FillColor = theme.Color(theme.ColorNameSeparator)
	}
	l.rect.Refresh()
}
