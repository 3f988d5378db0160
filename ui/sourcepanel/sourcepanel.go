// Package sourcepanel is the source framing panel of the focused document:
// its outlet, author, date, URL, language and stance, each editable and each showing
// where its value came from (sidecar table, HTML metadata, a text rule, the
// analyst), saved to the project at once; then how it names the main
// entities next to what other outlets call them, its loaded terms by
// category, and whom it quotes.
package sourcepanel

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// ID is the panel's ID.
const ID = "framing"

// The fields the panel edits, in order.
var fields = []struct{ name, label, hint string }{
	{"outlet", "Outlet", "Outlet"},
	{"author", "Author", "Author"},
	{"date", "Date", "YYYY-MM-DD"},
	{"url", "URL", "https://…"},
	{"language", "Language", "ru, ar, fa, fr, en…"},
}

// notSet is the stance choice that removes a stance.
const notSet = "Not set"

// The stance scopes.
const (
	scopeDocument = "This document"
	scopeOutlet   = "Every document of its outlet"
)

// Panel is the source framing panel. Create it with New.
type Panel struct {
	ctrl *state.Controller
	doc  *document.Document

	title *widget.Label
	// scriptTitle shows a right-to-left or Arabic-script title instead
	// of title; fit tells which texts need that and holds their fonts.
	scriptTitle *uikit.ScriptText
	fit         uikit.Fitter
	sub         *widget.Label
	entries     map[string]*FieldEntry
	hints       map[string]*widget.Label
	stance      *widget.Select
	scope       *widget.RadioGroup
	sHint       *widget.Label
	errLbl      *widget.Label
	form        *fyne.Container
	framing     *fyne.Container
	empty       *widget.Label
	body        fyne.CanvasObject
	root        fyne.CanvasObject

	updating  bool               // set while the panel fills its own widgets
	stanceDoc *document.Document // the document the stance widgets were filled for
	// scopeChosen is set when the analyst picked the scope for stanceDoc.
	scopeChosen bool
}

// New returns the panel, showing ctrl's focused document.
func New(ctrl *state.Controller) *Panel {
	p := &Panel{ctrl: ctrl, entries: map[string]*FieldEntry{}, hints: map[string]*widget.Label{}}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.scriptTitle = uikit.NewScriptText(p.fit.Fonts(), "", fyne.TextStyle{Bold: true})
	p.scriptTitle.Hide()
	p.sub = lowLabel("")
	p.sub.Truncation = fyne.TextTruncateEllipsis

	grid := container.New(&formLayout{})
	for _, f := range fields {
		name := f.name
		e := newFieldEntry(func(v string) { p.commit(name, v) })
		e.SetPlaceHolder(f.hint)
		h := lowLabel("")
		h.Truncation = fyne.TextTruncateEllipsis
		h.SizeName = theme.SizeNameCaptionText
		p.entries[name], p.hints[name] = e, h
		grid.Add(fieldLabel(f.label))
		grid.Add(container.New(&tightVBox{}, e, h))
	}
	p.stance = widget.NewSelect(nil, func(string) { p.commitStance() })
	p.scope = widget.NewRadioGroup([]string{scopeDocument, scopeOutlet}, func(string) {
		if !p.updating {
			p.scopeChosen = true
		}
		p.commitStance()
	})
	p.sHint = lowLabel("")
	p.sHint.Truncation = fyne.TextTruncateEllipsis
	p.sHint.SizeName = theme.SizeNameCaptionText
	grid.Add(fieldLabel("Stance"))
	grid.Add(container.New(&tightVBox{}, p.stance, p.scope, p.sHint))
	p.form = grid
	p.errLbl = widget.NewLabel("")
	p.errLbl.Importance = widget.DangerImportance
	p.errLbl.Wrapping = fyne.TextWrapWord
	p.errLbl.Hide()

	p.framing = container.NewVBox()
	p.body = container.NewVScroll(container.NewPadded(container.NewVBox(
		p.title, p.scriptTitle, p.sub, heading("Source"), p.form, p.errLbl, p.framing)))
	p.empty = widget.NewLabel("Select a document to see its source and framing.")
	p.empty.Importance = widget.LowImportance
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Wrapping = fyne.TextWrapWord
	p.root = container.NewStack(p.body, container.NewPadded(uikit.CentredHint(p.empty)))

	ctrl.OnFocusChanged(func(*document.Document) { p.refresh() })
	ctrl.OnAnalysisChanged(func(*engine.Analysis) { p.refresh() })
	ctrl.OnProjectChanged(func(*state.Project) { p.refresh() })
	ctrl.OnMetadataChanged(p.refresh)
	p.refresh()
	return p
}

// Panel returns the panel's description for the window: a tab of the
// inspector column.
func (p *Panel) Panel() state.Panel {
	return state.Panel{ID: ID, Title: "Source", Icon: theme.InfoIcon(), Slot: state.SlotInspector, Content: p.root}
}

// Object returns the panel's widget tree.
func (p *Panel) Object() fyne.CanvasObject { return p.root }

// Doc returns the document shown, or nil.
func (p *Panel) Doc() *document.Document { return p.doc }

// Entry returns the field editing a metadata field ("outlet", "author",
// "date", "url", "language"), or nil.
func (p *Panel) Entry(field string) *FieldEntry { return p.entries[field] }

// Provenance returns the line telling where a field's value came from, as
// shown.
func (p *Panel) Provenance(field string) string {
	if field == "stance" {
		return p.sHint.Text
	}
	if h := p.hints[field]; h != nil {
		return h.Text
	}
	return ""
}

// StanceSelect returns the stance choice; ScopeChoice whether a stance is
// set for the document or for its outlet.
func (p *Panel) StanceSelect() *widget.Select { return p.stance }

// ScopeChoice returns the choice between a stance for this document and one
// for its outlet.
func (p *Panel) ScopeChoice() *widget.RadioGroup { return p.scope }

// Error returns the last error shown (a value that could not be saved), or
// "".
func (p *Panel) Error() string {
	if !p.errLbl.Visible() {
		return ""
	}
	return p.errLbl.Text
}

// project returns the engine's project behind the controller's.
func (p *Panel) project() *engine.Project {
	// the window's project is the newest snapshot: after an edit the
	// analysis reads the one before until it is rebuilt
	if pr := p.ctrl.Project(); pr != nil {
		if ep, ok := pr.Source.(*engine.Project); ok {
			return ep
		}
	}
	if a := p.ctrl.Analysis(); a != nil && a.Project() != nil {
		return a.Project()
	}
	return nil
}

// refresh shows the focused document.
func (p *Panel) refresh() {
	p.doc = p.ctrl.Focused()
	if p.doc == nil || p.project() == nil {
		p.body.Hide()
		p.empty.Show()
		return
	}
	p.empty.Hide()
	p.body.Show()
	d := p.doc
	p.title.SetText(d.Name())
	if p.fit.NeedsScript(d.Name()) {
		p.scriptTitle.SetText(d.Name())
		p.scriptTitle.Show()
		p.title.Hide()
	} else {
		p.scriptTitle.Hide()
		p.title.Show()
	}
	p.sub.SetText(fmt.Sprintf("%s · %s", d.Path, strings.ToUpper(string(d.Format))))

	p.updating = true
	defer func() { p.updating = false }()
	meta := d.Meta.Fields()
	for _, f := range fields {
		fl := meta[f.name]
		e := p.entries[f.name]
		if !e.focused || e.doc != d {
			e.setValue(fl.Value)
		}
		e.doc = d
		p.hints[f.name].SetText(provenance(*fl))
	}
	p.fillStance()
	p.showFraming()
}

// fillStance shows the stance scale, the document's stance and where it
// was set.
func (p *Panel) fillStance() {
	ep := p.project()
	ov := ep.Overrides()
	if ov == nil {
		p.stance.Options = []string{notSet}
		p.stance.SetSelected(notSet)
		p.stance.Disable()
		p.scope.Hide()
		p.sHint.SetText(sourcemeta.OverridesFile + " is unreadable")
		return
	}
	p.stance.Enable()
	p.stance.Options = append([]string{notSet}, ep.StanceLabels()...)
	st := ep.StanceOf(p.doc)
	label, from := st.Label, st.Source
	outlet := p.doc.Meta.Outlet.Value
	p.scope.Options = []string{scopeDocument, scopeOutlet}
	if outlet != "" {
		p.scope.Enable()
		p.scope.Show()
	} else {
		p.scope.Hide() // without an outlet only this document can have it
	}
	switch {
	case from == sourcemeta.StanceFromOutlet:
		p.scope.SetSelected(scopeOutlet)
		p.sHint.SetText("analyst · for every document of " + outlet)
	case from == sourcemeta.StanceFromDocument:
		p.scope.SetSelected(scopeDocument)
		p.sHint.SetText("analyst · for this document only")
	case from == sourcemeta.StanceFromSidecar || from == sourcemeta.StanceFromSidecarOutlet:
		if p.stanceDoc != p.doc || !p.scopeChosen {
			p.scope.SetSelected(scopeOutlet)
		}
		what := "this document's row"
		if from == sourcemeta.StanceFromSidecarOutlet {
			what = "the rows of " + outlet
		}
		p.sHint.SetText("from " + st.Rule + " (" + what + ") · choose to override")
	case outlet != "":
		// A stance is usually the outlet's; the analyst's choice of scope
		// stays while the same document is shown.
		if p.stanceDoc != p.doc || !p.scopeChosen {
			p.scope.SetSelected(scopeOutlet)
		}
		p.sHint.SetText("not set · the analyst's judgement, never guessed")
	default:
		p.scope.SetSelected(scopeDocument)
		p.sHint.SetText("not set · the analyst's judgement, never guessed")
	}
	if label == "" {
		label = notSet
	}
	p.stance.SetSelected(label)
	if p.stanceDoc != p.doc {
		p.scopeChosen = false
	}
	p.stanceDoc = p.doc
}

// commit saves a field the analyst edited; an empty value removes the
// analyst's value, so the one found in the sources shows again.
func (p *Panel) commit(field, value string) {
	if p.updating || p.doc == nil {
		return
	}
	d := p.doc
	cur := d.Meta.Fields()[field]
	value = strings.TrimSpace(value)
	if value == cur.Value && (value != "" || cur.Source != document.FromAnalyst) {
		return
	}
	p.save(func(ov *sourcemeta.Overrides) error { return ov.SetField(d.Path, field, value) })
}

// commitStance saves the stance chosen, for the document or its outlet.
func (p *Panel) commitStance() {
	if p.updating || p.doc == nil {
		return
	}
	d := p.doc
	label := p.stance.Selected
	if label == notSet {
		label = ""
	}
	outlet := p.doc.Meta.Outlet.Value
	forOutlet := p.scope.Selected != scopeDocument && p.scope.Selected != "" && outlet != ""
	p.save(func(ov *sourcemeta.Overrides) error {
		// a label of the sidecar's stance column joins the scale when chosen
		if ep := p.project(); ep != nil {
			for _, l := range ep.Stances().Labels() {
				if l == label {
					ov.AddLabels(label)
				}
			}
		}
		if !forOutlet {
			return ov.SetDocumentStance(d.Path, label)
		}
		if err := ov.SetOutletStance(outlet, label); err != nil {
			return err
		}
		// The document follows its outlet from now on.
		return ov.SetDocumentStance(d.Path, "")
	})
}

// save applies an edit to a copy of the project's overrides, writes it,
// and hands the window the new project snapshot; the one published stays
// as it was for whoever reads it.
func (p *Panel) save(edit func(*sourcemeta.Overrides) error) {
	sp := p.ctrl.Project()
	if sp == nil || sp.EditOverrides == nil {
		return
	}
	next, err := sp.EditOverrides(edit)
	if err != nil {
		p.errLbl.SetText("Not saved: " + err.Error())
		p.errLbl.Show()
		p.refresh()
		return
	}
	p.errLbl.Hide()
	p.ctrl.UpdateProject(next)
	p.refresh()
}

// provenance tells where a value came from, in a few words.
func provenance(f document.Field) string {
	if f.Value == "" {
		return "not found · type a value to set it"
	}
	conf := ""
	if f.Confidence > 0 && f.Confidence < 1 {
		conf = fmt.Sprintf(", %.0f%%", f.Confidence*100)
	}
	rule := ""
	if f.Rule != "" {
		rule = " (" + f.Rule + conf + ")"
	}
	switch f.Source {
	case document.FromAnalyst:
		return "analyst · clear it to use the value found"
	case document.FromSidecar:
		return "sidecar table" + rule
	case document.FromHTMLMeta:
		return "HTML meta" + rule
	case document.FromPDFMeta:
		return "PDF metadata" + rule
	case document.FromText:
		return "text rule" + rule
	case document.FromFileName:
		return "file name" + rule
	}
	return "source unknown" + rule
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

func fieldLabel(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{})
}

func heading(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(widget.NewSeparator(), l)
}

// FieldEntry is a metadata field: it commits its value when Enter is
// pressed or the focus leaves it; Escape undoes an edit not committed yet.
type FieldEntry struct {
	widget.Entry
	onCommit  func(string)
	committed string
	focused   bool
	doc       *document.Document
}

func newFieldEntry(onCommit func(string)) *FieldEntry {
	e := &FieldEntry{onCommit: onCommit}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) { e.commit() }
	return e
}

func (e *FieldEntry) setValue(v string) {
	e.committed = v
	e.SetText(v)
}

func (e *FieldEntry) commit() {
	if e.Text != e.committed {
		e.committed = e.Text
		e.onCommit(e.Text)
	}
}

func (e *FieldEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
}

func (e *FieldEntry) FocusLost() {
	e.focused = false
	e.Entry.FocusLost()
	e.commit()
}

// TypedKey lets Escape undo an edit that was not committed yet.
func (e *FieldEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.SetText(e.committed)
		return
	}
	e.Entry.TypedKey(k)
}
