// Package compare is the side-by-side view: two to four document panes,
// each with a header and the document text, resizable, swappable and
// closable, with shared passages linked across panes and a find bar for
// the focused pane.
package compare

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// MaxPanes is the most documents shown side by side.
const MaxPanes = 4

// LayerPassages is the highlight layer of shared passages.
const LayerPassages = "passages"

// View is the compare view. Create it with New.
type View struct {
	ctrl       *state.Controller
	panes      []*Pane
	focused    *Pane
	hideBoiler bool
	hideMarks  bool
	passages   map[string]state.SharedPassage

	root    *fyne.Container
	area    *fyne.Container
	find    *findBar
	empty   fyne.CanvasObject
	content fyne.CanvasObject
	// splits are the nested dividers between the panes, left to right.
	splits []*container.Split

	// OnAnnotate, when set, is called to annotate the selection of a pane:
	// from the pane header's Annotate button and its text's context menu.
	// Set it before documents are opened.
	OnAnnotate func(*Pane)
	// OnDirectionChanged, when set, is called after the analyst forced a
	// pane's text direction from its menu (or set it back to automatic).
	OnDirectionChanged func(*Pane)

	// fit cuts the panes' Arabic and right-to-left outlets and titles.
	fit uikit.Fitter
}

// New returns a compare view that follows ctrl: it opens what ctrl.Open and
// ctrl.Reveal ask for, repaints highlights when ctrl says they changed and
// reports its panes and focus back to ctrl.
func New(ctrl *state.Controller) *View {
	v := &View{ctrl: ctrl, passages: map[string]state.SharedPassage{}}
	v.find = newFindBar(v)
	title := widget.NewLabelWithStyle("Nothing to compare yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel("Select two to four documents in the list and press Compare (or Enter).\nDouble-click a document to read it on its own.")
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.DocumentIcon())
	v.empty = container.NewCenter(container.NewVBox(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(48), icon)), title, hint))
	v.area = container.NewStack(v.empty)
	v.root = container.NewBorder(v.find.root, nil, nil, nil, v.area)
	ctrl.OnRequest(v.handle)
	ctrl.OnHighlightsChanged(v.refreshHighlights)
	ctrl.OnProjectChanged(func(*state.Project) { v.SetDocs(nil) })
	return v
}

// Object returns the view's widget tree.
func (v *View) Object() fyne.CanvasObject { return v.root }

// Panes returns the panes, left to right.
func (v *View) Panes() []*Pane { return append([]*Pane(nil), v.panes...) }

// Focused returns the focused pane, or nil.
func (v *View) Focused() *Pane { return v.focused }

// SetDocs shows docs side by side (at most MaxPanes), replacing the panes.
func (v *View) SetDocs(docs []*document.Document) {
	if len(docs) > MaxPanes {
		docs = docs[:MaxPanes]
	}
	keep := map[*document.Document]*Pane{}
	for _, p := range v.panes {
		keep[p.doc] = p
	}
	v.panes = v.panes[:0]
	for _, d := range docs {
		p := keep[d]
		if p == nil {
			p = newPane(v, d)
		}
		delete(keep, d)
		v.panes = append(v.panes, p)
	}
	v.focused = nil
	if len(v.panes) > 0 {
		v.focused = v.panes[0]
	}
	v.changed()
}

// Docs returns the documents shown, left to right.
func (v *View) Docs() []*document.Document {
	out := make([]*document.Document, len(v.panes))
	for i, p := range v.panes {
		out[i] = p.doc
	}
	return out
}

func (v *View) handle(r state.Request) {
	if r.Replace || len(v.panes) == 0 {
		v.SetDocs(r.Docs)
	} else {
		for _, d := range r.Docs {
			if v.paneOf(d) == nil {
				if len(v.panes) == MaxPanes {
					v.panes = v.panes[1:]
				}
				v.panes = append(v.panes, newPane(v, d))
			}
		}
		v.changed()
	}
	if len(r.Docs) > 0 {
		if p := v.paneOf(r.Docs[0]); p != nil {
			v.Focus(p)
			if r.Reveal != nil {
				p.Reveal(*r.Reveal)
			}
		}
	}
}

func (v *View) paneOf(d *document.Document) *Pane {
	for _, p := range v.panes {
		if p.doc == d {
			return p
		}
	}
	return nil
}

// Focus makes p the focused pane.
func (v *View) Focus(p *Pane) {
	if v.focused == p {
		v.ctrl.SetFocused(p.doc)
		return
	}
	old := v.focused
	v.focused = p
	if old != nil {
		old.refreshHeader()
	}
	if p != nil {
		p.refreshHeader()
		v.ctrl.SetFocused(p.doc)
		v.find.paneChanged()
	}
}

// Close closes pane p.
func (v *View) Close(p *Pane) {
	for i, q := range v.panes {
		if q == p {
			v.panes = append(v.panes[:i], v.panes[i+1:]...)
			if v.focused == p {
				v.focused = nil
				if len(v.panes) > 0 {
					v.focused = v.panes[min(i, len(v.panes)-1)]
				}
			}
			v.changed()
			return
		}
	}
}

// Move moves pane p by delta places (-1 left, +1 right).
func (v *View) Move(p *Pane, delta int) {
	for i, q := range v.panes {
		if q == p {
			j := i + delta
			if j < 0 || j >= len(v.panes) {
				return
			}
			v.panes[i], v.panes[j] = v.panes[j], v.panes[i]
			v.changed()
			return
		}
	}
}

// SetBoilerplateHidden hides or dims boilerplate in every pane.
func (v *View) SetBoilerplateHidden(hidden bool) {
	v.hideBoiler = hidden
	for _, p := range v.panes {
		p.text.SetBoilerplateHidden(hidden)
	}
}

// BoilerplateHidden reports whether boilerplate is hidden.
func (v *View) BoilerplateHidden() bool { return v.hideBoiler }

// SetHighlightsShown shows or hides the entity and passage highlights.
func (v *View) SetHighlightsShown(shown bool) {
	v.hideMarks = !shown
	v.refreshHighlights()
}

// HighlightsShown reports whether highlights are shown.
func (v *View) HighlightsShown() bool { return !v.hideMarks }

// RefreshHeaders redraws every pane's header (outlet, date, stance, title)
// after the documents' metadata changed.
func (v *View) RefreshHeaders() {
	for _, p := range v.panes {
		p.refreshHeader()
	}
}

// Repoint shows in each pane the new value of its document (same path and
// text, other metadata) that lookup returns, after the project was
// replaced by a new snapshot, and redraws the headers; a pane whose
// document lookup does not know keeps its own.
func (v *View) Repoint(lookup func(path string) *document.Document) {
	for _, p := range v.panes {
		if d := lookup(p.doc.Path); d != nil && d.Text == p.doc.Text {
			p.doc = d
		}
	}
	v.RefreshHeaders()
}

// ShowFind opens the find bar for the focused pane and focuses its field.
func (v *View) ShowFind() { v.find.show() }

// FindBar exposes the find bar's actions.
func (v *View) FindBar() *FindBar { return &FindBar{v.find} }

// changed rebuilds the split tree after the panes changed.
func (v *View) changed() {
	if v.focused == nil && len(v.panes) > 0 {
		v.focused = v.panes[0]
	}
	objs := make([]fyne.CanvasObject, len(v.panes))
	for i, p := range v.panes {
		p.text.SetBoilerplateHidden(v.hideBoiler)
		p.refreshHeader()
		objs[i] = p.root
	}
	if len(objs) == 0 {
		v.content = v.empty
		v.find.hide()
	} else {
		v.content, v.splits = splitEvenly(objs)
	}
	v.area.Objects = []fyne.CanvasObject{v.content}
	v.area.Refresh()
	v.refreshHighlights()
	v.ctrl.SetOpenDocs(v.Docs())
	if v.focused != nil {
		v.ctrl.SetFocused(v.focused.doc)
	}
	v.find.paneChanged()
}

// splitEvenly nests horizontal splits so that every object gets the same
// width; the dividers stay draggable. It returns the splits left to right.
func splitEvenly(objs []fyne.CanvasObject) (fyne.CanvasObject, []*container.Split) {
	if len(objs) == 1 {
		return objs[0], nil
	}
	rest, inner := splitEvenly(objs[1:])
	s := container.NewHSplit(objs[0], rest)
	s.Offset = 1 / float64(len(objs))
	return s, append([]*container.Split{s}, inner...)
}

// PaneWidths returns each pane's share of the compare area's width, left to
// right (summing to 1), as the analyst left the dividers.
func (v *View) PaneWidths() []float64 {
	if len(v.panes) == 0 {
		return nil
	}
	widths := make([]float64, len(v.panes))
	rest := 1.0
	for i, s := range v.splits {
		widths[i] = rest * s.Offset
		rest -= widths[i]
	}
	widths[len(widths)-1] = rest
	return widths
}

// SetPaneWidths sets the panes' shares of the width (as PaneWidths gives
// them). Widths that do not fit the panes, or are not positive, leave the
// dividers as they are.
func (v *View) SetPaneWidths(widths []float64) {
	if len(widths) != len(v.panes) || len(v.splits) != len(widths)-1 {
		return
	}
	total := 0.0
	for _, w := range widths {
		if !(w > 0) {
			return
		}
		total += w
	}
	rest := total
	for i, s := range v.splits {
		s.SetOffset(widths[i] / rest)
		rest -= widths[i]
	}
}

// refreshHighlights asks the controller's sources for every pane's
// highlights and recomputes the shared passages.
func (v *View) refreshHighlights() {
	layers := v.ctrl.HighlightLayers()
	byDoc := map[*document.Document][]textview.Highlight{}
	v.passages = map[string]state.SharedPassage{}
	if !v.hideMarks {
		for i, sp := range v.ctrl.Passages(v.Docs()) {
			if sp.ID == "" {
				sp.ID = fmt.Sprintf("passage-%d", i)
			}
			v.passages[sp.ID] = sp
			byDoc[sp.DocA] = append(byDoc[sp.DocA], textview.Highlight{Start: sp.A.Start, End: sp.A.End, Kind: textview.Passage, ID: sp.ID})
			byDoc[sp.DocB] = append(byDoc[sp.DocB], textview.Highlight{Start: sp.B.Start, End: sp.B.End, Kind: textview.Passage, ID: sp.ID})
		}
	}
	for _, p := range v.panes {
		for name := range p.layerNames {
			if _, ok := layers[name]; !ok {
				p.text.SetLayer(name, nil)
				delete(p.layerNames, name)
			}
		}
		for name, f := range layers {
			var hs []textview.Highlight
			if !v.hideMarks {
				hs = f(p.doc)
			}
			p.text.SetLayer(name, hs)
			p.layerNames[name] = true
		}
		p.text.SetLayer(LayerPassages, byDoc[p.doc])
	}
}

// followPassage scrolls the pane showing the counterpart of passage id,
// seen from pane from, and flashes it.
func (v *View) followPassage(from *Pane, id string) bool {
	sp, ok := v.passages[id]
	if !ok {
		return false
	}
	other, span := sp.DocB, sp.B
	if from.doc == sp.DocB {
		other, span = sp.DocA, sp.A
	}
	if other == from.doc && from.doc == sp.DocA {
		other, span = sp.DocB, sp.B
	}
	p := v.paneOf(other)
	if p == nil {
		return false
	}
	p.Reveal(span)
	return true
}

// Pane is one document in the compare view.
type Pane struct {
	v          *View
	doc        *document.Document
	text       *textview.View
	layerNames map[string]bool

	outlet, meta *widget.Label
	title        *widget.Label
	// scriptOutlet and scriptTitle stand in for outlet and title when
	// those hold right-to-left or Arabic-script text.
	scriptOutlet, scriptTitle *uikit.FitLabel
	accent                    *canvasLine
	left, right               *widget.Button
	words                     *widget.Label
	wordCount                 int
	root                      fyne.CanvasObject
}

func newPane(v *View, d *document.Document) *Pane {
	p := &Pane{v: v, doc: d, layerNames: map[string]bool{}, wordCount: d.BodyWords()}
	p.text = textview.New()
	p.text.SetText(d.Text, d.Boilerplate)
	p.text.OnFocused = func() { v.Focus(p) }
	p.text.OnHighlightTapped = func(h textview.Highlight) {
		if h.Kind == textview.Passage {
			v.followPassage(p, h.ID)
		}
	}
	p.outlet = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.outlet.Truncation = fyne.TextTruncateEllipsis
	p.meta = widget.NewLabel("")
	p.meta.Importance = widget.LowImportance
	p.meta.Truncation = fyne.TextTruncateEllipsis
	p.title = widget.NewLabel("")
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.title.TextStyle = fyne.TextStyle{Italic: true}
	// Arabic and right-to-left outlets and titles are shown by FitLabels
	// (reading order, the embedded Arabic face, cut at the logical end).
	p.scriptOutlet = uikit.NewFitLabel(&v.fit, fyne.TextStyle{Bold: true})
	p.scriptTitle = uikit.NewFitLabel(&v.fit, fyne.TextStyle{Italic: true})
	p.scriptOutlet.Hide()
	p.scriptTitle.Hide()
	p.left = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { v.Move(p, -1) })
	p.right = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { v.Move(p, 1) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { v.Close(p) })
	annotate := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.annotate() })
	for _, b := range []*widget.Button{p.left, p.right, closeBtn, annotate} {
		b.Importance = widget.LowImportance
	}
	p.accent = newCanvasLine()
	tools := container.NewHBox(p.left, p.right, closeBtn)
	if v.OnAnnotate != nil {
		tools.Objects = append([]fyne.CanvasObject{annotate}, tools.Objects...)
	}
	p.text.ContextMenu = p.contextMenu
	// The buttons give way before the outlet does in a narrow pane (four
	// panes on a laptop); the pane's context menu offers them too.
	top := container.New(&toolsLayout{}, append([]fyne.CanvasObject{container.New(&leadingLayout{}, container.NewStack(p.outlet, p.scriptOutlet), p.meta)}, tools.Objects...)...)
	p.words = widget.NewLabel("")
	p.words.Importance = widget.LowImportance
	header := container.NewVBox(top, container.NewBorder(nil, nil, nil, p.words, container.NewStack(p.title, p.scriptTitle)))
	p.root = container.NewBorder(container.NewVBox(header, p.accent.obj), nil, nil, nil, p.text)
	p.refreshHeader()
	return p
}

// Doc returns the pane's document.
func (p *Pane) Doc() *document.Document { return p.doc }

// Text returns the pane's text view (highlights, scrolling, find).
func (p *Pane) Text() *textview.View { return p.text }

// Header returns the header's outlet, details (date · stance) and title
// as shown.
func (p *Pane) Header() (outlet, details, title string) {
	return p.outlet.Text, p.meta.Text, p.title.Text
}

// Reveal scrolls to span s and flashes it.
func (p *Pane) Reveal(s document.Span) { p.text.Reveal(s) }

// SetHighlights sets the pane's own highlights (the default layer).
func (p *Pane) SetHighlights(hs []textview.Highlight) { p.text.SetHighlights(hs) }

// ScrollToOffset scrolls the text to byte offset i.
func (p *Pane) ScrollToOffset(i int) { p.text.ScrollToOffset(i) }

// TopOffset returns the byte offset of the first line in view.
func (p *Pane) TopOffset() int { return p.text.TopOffset() }

// SetTopOffset scrolls so that the line holding byte offset i is the first
// in view (at the first layout when the pane is not laid out yet).
func (p *Pane) SetTopOffset(i int) { p.text.SetTopOffset(i) }

// ScrollFraction returns how far the text is scrolled, 0 to 1.
func (p *Pane) ScrollFraction() float64 { return p.text.ScrollFraction() }

// SetScrollFraction scrolls to fraction f of the text.
func (p *Pane) SetScrollFraction(f float64) { p.text.SetScrollFraction(f) }

// annotate hands the pane to OnAnnotate.
func (p *Pane) annotate() {
	p.v.Focus(p)
	if f := p.v.OnAnnotate; f != nil {
		f(p)
	}
}

// showScript shows s in the FitLabel when it has right-to-left or
// Arabic-script text, and in the label otherwise.
func (p *Pane) showScript(l *widget.Label, fl *uikit.FitLabel, s string) {
	if p.v.fit.NeedsScript(s) {
		fl.SetText(s)
		fl.Show()
		l.Hide()
		return
	}
	fl.Hide()
	l.Show()
}

// SetDirection forces the direction of the pane's text (textdir.LTR or
// textdir.RTL) or lets each paragraph find its own (textdir.Auto).
func (p *Pane) SetDirection(d textdir.Dir) { p.text.SetDirection(d) }

// Direction returns the direction set with SetDirection.
func (p *Pane) Direction() textdir.Dir { return p.text.Direction() }

// directionMenu offers the text's direction: found per paragraph, or
// forced (for a document whose first letters mislead, such as an Arabic
// article that opens with an English name).
func (p *Pane) directionMenu() *fyne.MenuItem {
	item := func(label string, d textdir.Dir) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() {
			p.SetDirection(d)
			if f := p.v.OnDirectionChanged; f != nil {
				f(p)
			}
		})
		it.Checked = p.Direction() == d
		return it
	}
	m := fyne.NewMenuItem("Text Direction", nil)
	m.ChildMenu = fyne.NewMenu("",
		item("Automatic (per Paragraph)", textdir.Auto),
		item("Left to Right", textdir.LTR),
		item("Right to Left", textdir.RTL))
	return m
}

// contextMenu is the menu of a right-click in the text: copy the
// selection, annotate it.
func (p *Pane) contextMenu() *fyne.Menu {
	p.v.Focus(p)
	_, selected := p.text.Selection()
	cp := fyne.NewMenuItem("Copy", func() {
		if t := p.text.SelectedText(); t != "" {
			fyne.CurrentApp().Clipboard().SetContent(t)
		}
	})
	cp.Disabled = !selected
	items := []*fyne.MenuItem{cp}
	if p.v.OnAnnotate != nil {
		ann := fyne.NewMenuItem("Annotate Selection…", p.annotate)
		ann.Disabled = !selected
		items = append(items, ann)
	}
	left := fyne.NewMenuItem("Move Pane Left", func() { p.v.Move(p, -1) })
	left.Disabled = p.left.Disabled()
	right := fyne.NewMenuItem("Move Pane Right", func() { p.v.Move(p, 1) })
	right.Disabled = p.right.Disabled()
	closePane := fyne.NewMenuItem("Close Pane", func() { p.v.Close(p) })
	items = append(items, fyne.NewMenuItemSeparator(), p.directionMenu(), fyne.NewMenuItemSeparator(), left, right, closePane)
	return fyne.NewMenu("", items...)
}

// Flash flashes span s.
func (p *Pane) Flash(s document.Span) { p.text.Flash(s) }

func (p *Pane) refreshHeader() {
	d := p.doc
	outlet := d.Meta.Outlet.Value
	if outlet == "" {
		outlet = "Unknown outlet"
	}
	p.outlet.SetText(outlet)
	p.showScript(p.outlet, p.scriptOutlet, outlet)
	parts := []string{}
	if d.Meta.Date.Value != "" {
		parts = append(parts, strings.Replace(d.Meta.Date.Value, "T", " ", 1))
	} else {
		parts = append(parts, "no date")
	}
	if s := p.v.ctrl.Project().StanceOf(d); s != "" {
		parts = append(parts, s)
	}
	p.meta.SetText(joinDot(parts))
	p.title.SetText(d.Name())
	p.showScript(p.title, p.scriptTitle, d.Name())
	p.words.SetText(fmt.Sprintf("%d words", p.wordCount))
	i := p.v.index(p)
	if i <= 0 {
		p.left.Disable()
	} else {
		p.left.Enable()
	}
	if i < 0 || i >= len(p.v.panes)-1 {
		p.right.Disable()
	} else {
		p.right.Enable()
	}
	p.accent.setActive(p.v.focused == p && len(p.v.panes) > 1)
}

func (v *View) index(p *Pane) int {
	for i, q := range v.panes {
		if q == p {
			return i
		}
	}
	return -1
}

func joinDot(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += "  ·  "
		}
		s += p
	}
	return s
}

// toolsLayout places its first object at the left and the others (buttons)
// at the right, dropping buttons from the left of the group while the
// first would get less than minLead: the last button (close) stays.
type toolsLayout struct{}

const minLead = 60

func (l *toolsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	tools := objs[1:]
	pad := theme.Padding()
	width := func(os []fyne.CanvasObject) (w float32) {
		for _, o := range os {
			w += o.MinSize().Width + pad
		}
		return w
	}
	first := 0
	for first < len(tools)-1 && size.Width-width(tools[first:]) < minLead {
		first++
	}
	x := size.Width
	for i := len(tools) - 1; i >= 0; i-- {
		o := tools[i]
		if i < first {
			o.Hide()
			continue
		}
		o.Show()
		m := o.MinSize()
		x -= m.Width
		o.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		o.Resize(m)
		x -= pad
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(max(x, 0), size.Height))
}

func (l *toolsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		if i == 0 || i == len(objs)-1 {
			w += m.Width
		}
	}
	if len(objs) > 1 {
		w += theme.Padding()
	}
	return fyne.NewSize(w, h)
}

// leadingLayout places truncating labels side by side: each takes its full
// width while there is room, and the first keeps its width longest.
type leadingLayout struct{}

func (l *leadingLayout) natural(o fyne.CanvasObject) float32 {
	if c, ok := o.(*fyne.Container); ok {
		// A label and its script twin: the one shown.
		for _, in := range c.Objects {
			if in.Visible() {
				return l.natural(in)
			}
		}
	}
	if fl, ok := o.(*uikit.FitLabel); ok {
		return fl.NaturalWidth()
	}
	lbl, ok := o.(*widget.Label)
	if !ok {
		return o.MinSize().Width
	}
	return fyne.MeasureText(lbl.Text, theme.TextSize(), lbl.TextStyle).Width + 2*theme.InnerPadding()
}

func (l *leadingLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for _, o := range objs {
		w := min(l.natural(o), size.Width-x)
		if w < 3*theme.InnerPadding() {
			o.Hide() // too narrow even for an ellipsis
			continue
		}
		o.Show()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (l *leadingLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(40, h)
}
