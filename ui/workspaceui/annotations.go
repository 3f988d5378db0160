package workspaceui

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/workspace"
	"github.com/parallaxworkbench/parallax/ui/compare"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// annotator adds, edits, deletes, lists and reveals the annotations of
// the workspace, with their panel (which also holds the notes).
type annotator struct {
	s    *session
	win  fyne.Window
	ctrl *state.Controller
	// compare is the window's comparison view (for the focused pane).
	compare func() *compare.View
	now     func() time.Time
	// noteChange notes a change by the analyst (for autosave).
	noteChange func()
	panel      *annotationPanel
}

func (an *annotator) showError(err error) { dialog.ShowError(err, an.win) }

// PanelID is the ID of the annotations panel.
const PanelID = "annotations"

func annotationIcon() fyne.Resource { return theme.DocumentCreateIcon() }

// annotationPanel lists the workspace's annotations and holds its notes.
type annotationPanel struct {
	an       *annotator
	rows     []workspace.Annotation // sorted by document, then place
	selected string                 // ID of the chosen annotation
	quiet    bool                   // selecting from code: do not reveal

	list     *widget.List
	empty    *widget.Label
	count    *widget.Label
	edit     *widget.Button
	del      *widget.Button
	notesBox *widget.Entry
	root     fyne.CanvasObject
}

func newAnnotationPanel(an *annotator) *annotationPanel {
	p := &annotationPanel{an: an}
	p.list = widget.NewList(func() int { return len(p.rows) }, newAnnotationRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(p.rows) {
			return
		}
		p.selected = p.rows[i].ID
		p.refreshButtons()
		if !p.quiet {
			an.RevealAnnotation(p.selected)
		}
	}
	p.list.OnUnselected = func(widget.ListItemID) {
		p.selected = ""
		p.refreshButtons()
	}
	p.empty = widget.NewLabel("Select a passage in a pane and press Ctrl+M (or the pen in the pane's header) to annotate it.")
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Importance = widget.LowImportance
	p.empty.Wrapping = fyne.TextWrapWord
	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { an.AnnotateSelection(nil) })
	p.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { an.ShowEditAnnotation(p.selected) })
	p.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { an.ConfirmDeleteAnnotation(p.selected) })
	for _, b := range []*widget.Button{add, p.edit, p.del} {
		b.Importance = widget.LowImportance
	}
	head := container.NewBorder(nil, nil, nil, container.NewHBox(add, p.edit, p.del), p.count)

	p.notesBox = widget.NewMultiLineEntry()
	p.notesBox.Wrapping = fyne.TextWrapWord
	p.notesBox.SetPlaceHolder("Notes on this comparison (they open the report)…")
	p.notesBox.OnChanged = func(string) { an.noteChange() }
	notesTitle := widget.NewLabelWithStyle("Workspace notes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	upper := container.NewBorder(head, nil, nil, nil, container.NewStack(p.list, container.NewPadded(uikit.CentredHint(p.empty))))
	lower := container.NewBorder(container.NewVBox(widget.NewSeparator(), notesTitle), nil, nil, nil, p.notesBox)
	split := container.NewVSplit(upper, lower)
	split.Offset = 0.62
	p.root = split
	p.refresh()
	return p
}

func newAnnotationRow() fyne.CanvasObject {
	quote := widget.NewLabel("")
	quote.TextStyle = fyne.TextStyle{Italic: true}
	quote.Truncation = fyne.TextTruncateEllipsis
	note := widget.NewLabel("")
	note.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel("")
	info.Importance = widget.LowImportance
	info.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel("")
	status.Importance = widget.WarningImportance
	status.TextStyle = fyne.TextStyle{Bold: true}
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
		container.NewBorder(nil, nil, nil, status, quote), note, info)
}

func (p *annotationPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.rows) {
		return
	}
	a := p.rows[i]
	box := o.(*fyne.Container)
	top := box.Objects[0].(*fyne.Container)
	top.Objects[0].(*widget.Label).SetText("“" + oneLine(a.Quote) + "”")
	top.Objects[1].(*widget.Label).SetText(p.an.annotationStatus(a))
	note := oneLine(a.Note)
	if note == "" {
		note = "(no note)"
	}
	box.Objects[1].(*widget.Label).SetText(note)
	info := p.an.docLabel(a.Path)
	if len(a.Tags) > 0 {
		info = "#" + strings.Join(a.Tags, " #") + "  ·  " + info
	}
	box.Objects[2].(*widget.Label).SetText(info)
}

// oneLine folds runs of white space, line breaks included, into spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// refresh lists the annotations again.
func (p *annotationPanel) refresh() {
	p.rows = p.rows[:0]
	if ws := p.an.s.ws; ws != nil {
		p.rows = append(p.rows, ws.Annotations...)
	}
	sort.SliceStable(p.rows, func(i, j int) bool {
		if p.rows[i].Path != p.rows[j].Path {
			return p.rows[i].Path < p.rows[j].Path
		}
		return p.rows[i].Span.Start < p.rows[j].Span.Start
	})
	n, orphans := len(p.rows), 0
	for _, a := range p.rows {
		if a.Orphaned {
			orphans++
		}
	}
	text := uikit.Plural(n, "annotation")
	if orphans > 0 {
		text += fmt.Sprintf(" · %d orphaned", orphans)
	}
	p.count.SetText(text)
	if n == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	found := false
	p.quiet = true
	for i, a := range p.rows {
		if a.ID == p.selected {
			found = true
			p.list.Select(i)
		}
	}
	p.quiet = false
	if !found {
		p.selected = ""
		p.list.UnselectAll()
	}
	p.list.Refresh()
	p.refreshButtons()
	if p.an.s.ws == nil {
		p.notesBox.Disable()
	} else {
		p.notesBox.Enable()
	}
}

func (p *annotationPanel) refreshButtons() {
	if p.selected == "" {
		p.edit.Disable()
		p.del.Disable()
	} else {
		p.edit.Enable()
		p.del.Enable()
	}
}

func (p *annotationPanel) notes() string { return p.notesBox.Text }

func (p *annotationPanel) setNotes(s string) {
	if p.notesBox.Text != s {
		p.notesBox.SetText(s)
	}
}

// highlights is the annotations layer: every anchored annotation of d.
func (p *annotationPanel) highlights(d *document.Document) []textview.Highlight {
	ws := p.an.s.ws
	if ws == nil || d == nil {
		return nil
	}
	var out []textview.Highlight
	for _, a := range ws.Annotations {
		if a.Path == d.Path && !a.Orphaned {
			out = append(out, textview.Highlight{Start: a.Span.Start, End: a.Span.End, Kind: textview.Annotation, ID: a.ID})
		}
	}
	return out
}

// Rows returns the annotations as listed, for tests.
func (an *annotator) AnnotationRows() []workspace.Annotation {
	return slices.Clone(an.panel.rows)
}

// --- actions ---

// docLabel names the document at path: its outlet and title, or the path.
func (an *annotator) docLabel(path string) string {
	if d := an.doc(path); d != nil {
		if o := d.Meta.Outlet.Value; o != "" {
			return o + " — " + d.Name()
		}
		return d.Name()
	}
	return path
}

func (an *annotator) doc(path string) *document.Document {
	p := an.ctrl.Project()
	if p == nil {
		return nil
	}
	for _, d := range p.Docs {
		if d.Path == path {
			return d
		}
	}
	return nil
}

// annotationStatus is "orphaned", "document missing" or "".
func (an *annotator) annotationStatus(a workspace.Annotation) string {
	switch {
	case an.doc(a.Path) == nil:
		return "document missing"
	case a.Orphaned:
		return "orphaned"
	}
	return ""
}

// AddAnnotation anchors a note with tags on span of doc and lists it.
func (an *annotator) AddAnnotation(doc *document.Document, span document.Span, note string, tags []string) (workspace.Annotation, error) {
	if an.s.ws == nil {
		return workspace.Annotation{}, errors.New("no workspace is open")
	}
	a, err := workspace.NewAnnotation(doc, span, strings.TrimSpace(note), tags, an.now())
	if err != nil {
		return a, fmt.Errorf("annotate %s: %w", doc.Path, err)
	}
	an.s.ws.Annotations = append(an.s.ws.Annotations, a)
	an.panel.selected = a.ID
	an.annotationsChanged()
	return a, nil
}

// EditAnnotation changes the note and tags of annotation id.
func (an *annotator) EditAnnotation(id, note string, tags []string) error {
	a := an.annotation(id)
	if a == nil {
		return fmt.Errorf("annotation %s: not found", id)
	}
	a.Note = strings.TrimSpace(note)
	a.Tags = tags
	a.Modified = an.now().UTC().Round(0)
	an.annotationsChanged()
	return nil
}

// DeleteAnnotation removes annotation id.
func (an *annotator) DeleteAnnotation(id string) error {
	if an.s.ws == nil {
		return errors.New("no workspace is open")
	}
	n := len(an.s.ws.Annotations)
	an.s.ws.Annotations = slices.DeleteFunc(an.s.ws.Annotations, func(a workspace.Annotation) bool { return a.ID == id })
	if len(an.s.ws.Annotations) == n {
		return fmt.Errorf("annotation %s: not found", id)
	}
	an.annotationsChanged()
	return nil
}

// RevealAnnotation shows the annotated passage in a pane and flashes it;
// an orphaned one is explained instead.
func (an *annotator) RevealAnnotation(id string) {
	a := an.annotation(id)
	if a == nil {
		return
	}
	d := an.doc(a.Path)
	switch {
	case d == nil:
		dialog.ShowInformation("Document Missing", fmt.Sprintf("The document %s is no longer in the project, so the passage cannot be shown.\n\nIts text was: “%s”", a.Path, clip(a.Quote, 300)), an.win)
	case a.Orphaned:
		dialog.ShowInformation("Orphaned Annotation", fmt.Sprintf("This passage was not found in %s any more: the document changed.\nThe annotation is kept.\n\nIts text was: “%s”", a.Path, clip(a.Quote, 300)), an.win)
	default:
		an.ctrl.Reveal(d, a.Span)
	}
}

func clip(s string, n int) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (an *annotator) annotation(id string) *workspace.Annotation {
	if an.s.ws == nil {
		return nil
	}
	for i := range an.s.ws.Annotations {
		if an.s.ws.Annotations[i].ID == id {
			return &an.s.ws.Annotations[i]
		}
	}
	return nil
}

func (an *annotator) annotationsChanged() {
	an.panel.refresh()
	an.ctrl.RefreshHighlights()
	an.noteChange()
}

// AnnotateSelection asks for a note and tags for the passage selected in
// pane (the focused pane when nil).
func (an *annotator) AnnotateSelection(pane *compare.Pane) {
	if an.s.ws == nil {
		return
	}
	if pane == nil {
		pane = an.compare().Focused()
	}
	var span document.Span
	ok := false
	if pane != nil {
		span, ok = pane.Text().Selection()
	}
	if !ok {
		dialog.ShowInformation("Annotate", "Select a passage in a document first: drag over the text in a pane,\nthen press Ctrl+M or the pen in the pane's header.", an.win)
		return
	}
	doc := pane.Doc()
	span = SnapToWords(doc.Text, span)
	pane.Text().Select(span.Start, span.End)
	an.showAnnotationForm("Annotate Passage", "Add", doc.Text[span.Start:span.End], "", nil, func(note string, tags []string) {
		if _, err := an.AddAnnotation(doc, span, note, tags); err != nil {
			an.showError(err)
			return
		}
		pane.Text().SetLayer(textview.LayerSelection, nil)
	})
}

// SnapToWords widens span so that it neither starts nor ends inside a
// word (a drag rarely starts exactly on a word's first letter) and trims
// white space at its ends.
func SnapToWords(text string, span document.Span) document.Span {
	s, e := max(0, span.Start), min(len(text), span.End)
	for s < e && unicode.IsSpace(rune(text[s])) {
		s++
	}
	for e > s && unicode.IsSpace(rune(text[e-1])) {
		e--
	}
	if s >= e {
		return span
	}
	inWord := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
	}
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:s])
		first, _ := utf8.DecodeRuneInString(text[s:])
		if !inWord(r) || !inWord(first) {
			break
		}
		s -= n
	}
	for e < len(text) {
		r, n := utf8.DecodeRuneInString(text[e:])
		last, _ := utf8.DecodeLastRuneInString(text[:e])
		if !inWord(r) || !inWord(last) {
			break
		}
		e += n
	}
	return document.Span{Start: s, End: e}
}

// ShowEditAnnotation edits the note and tags of annotation id.
func (an *annotator) ShowEditAnnotation(id string) {
	a := an.annotation(id)
	if a == nil {
		return
	}
	an.showAnnotationForm("Edit Annotation", "Save", a.Quote, a.Note, a.Tags, func(note string, tags []string) {
		if err := an.EditAnnotation(id, note, tags); err != nil {
			an.showError(err)
		}
	})
}

// ConfirmDeleteAnnotation asks before deleting annotation id.
func (an *annotator) ConfirmDeleteAnnotation(id string) {
	a := an.annotation(id)
	if a == nil {
		return
	}
	dialog.ShowCustomConfirm("Delete Annotation", "Delete", "Cancel",
		message(fmt.Sprintf("Delete the annotation on “%s”?", clip(a.Quote, 120)), 420), func(ok bool) {
			if ok {
				if err := an.DeleteAnnotation(id); err != nil {
					an.showError(err)
				}
			}
		}, an.win)
}

// showAnnotationForm asks for a note and tags for quote.
func (an *annotator) showAnnotationForm(title, confirm, quote, note string, tags []string, done func(note string, tags []string)) {
	q := widget.NewLabel("“" + clip(quote, 400) + "”")
	q.Wrapping = fyne.TextWrapWord
	q.TextStyle = fyne.TextStyle{Italic: true}
	noteBox := widget.NewMultiLineEntry()
	noteBox.Wrapping = fyne.TextWrapWord
	noteBox.SetMinRowsVisible(4)
	noteBox.SetPlaceHolder("What is notable here?")
	noteBox.SetText(note)
	tagBox := widget.NewEntry()
	tagBox.SetPlaceHolder("tags, separated by commas (e.g. framing, casualty figures)")
	tagBox.SetText(strings.Join(tags, ", "))
	form := container.NewVBox(
		container.New(&widthLayout{520}, q),
		widget.NewLabelWithStyle("Note", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), noteBox,
		widget.NewLabelWithStyle("Tags", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), tagBox)
	d := dialog.NewCustomConfirm(title, confirm, "Cancel", form, func(ok bool) {
		if ok {
			done(noteBox.Text, ParseTags(tagBox.Text))
		}
	}, an.win)
	d.Resize(fyne.NewSize(580, 0))
	d.Show()
	an.win.Canvas().Focus(noteBox)
}

// ParseTags splits a comma-separated list of tags, trimming each and
// dropping empty and repeated ones (ignoring case, and a leading #).
func ParseTags(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		t = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(t), "#"))
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}
