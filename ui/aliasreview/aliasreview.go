// Package aliasreview is the alias review panel: the grouping's suggested
// merges with their reasons and confidence to accept or reject, and the
// entities to merge by hand, split a spelling out of, or rename. Every
// decision is saved to <project>/.parallax/aliases.json at once and
// applied by regrouping the analysis in the background; the new analysis
// then goes to the controller, so every view updates.
package aliasreview

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// ID is the panel's ID.
const ID = "aliases"

// maxListed bounds the entities listed for a filter.
const maxListed = 500

// Panel is the alias review panel. Create it with New.
type Panel struct {
	// fit cuts the rows' names to their width; Arabic and right-to-left
	// names are drawn in reading order (uikit.FitLabel).
	fit      uikit.Fitter
	ctrl     *state.Controller
	analysis *engine.Analysis
	searcher *search.Searcher
	regroup  *regrouper

	sugs     []alias.Suggestion
	ents     []*alias.Entity
	selected *alias.Entity
	keepForm string // a form of the selected entity, to find it again after regrouping

	sugTitle *widget.Label
	sugList  *widget.List
	sugEmpty *widget.Label
	filter   *widget.Entry
	entList  *widget.List
	entEmpty *widget.Label
	detail   *fyne.Container
	rename   *widget.Entry
	renameB  *widget.Button
	mergeE   *widget.SelectEntry
	mergeOps []string
	mergeB   *widget.Button
	status   *widget.Label
	root     fyne.CanvasObject

	// afterRegroup, when set, runs after a regrouped analysis was applied
	// (tests wait for it).
	afterRegroup func()
	// recheck is set when aliases.json changed on disk while a regroup
	// ran: the file is compared again once it is done.
	recheck bool
}

// New returns the panel, following ctrl's analysis.
func New(ctrl *state.Controller) *Panel {
	p := &Panel{ctrl: ctrl}
	p.regroup = newRegrouper(ctrl.AnalysisPreparers, p.regrouped)

	p.sugTitle = widget.NewLabelWithStyle("Suggested merges", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.sugList = widget.NewList(func() int { return len(p.sugs) }, p.newSuggestionRow, p.updateSuggestionRow)
	p.sugList.OnSelected = func(i widget.ListItemID) {
		if i < len(p.sugs) {
			p.selectEntity(p.entity(p.sugs[i].A))
		}
	}
	p.sugEmpty = uikit.EmptyLabel("")

	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Find an entity")
	p.filter.OnChanged = func(string) { p.listEntities() }
	p.entList = widget.NewList(func() int { return len(p.ents) }, p.newEntityRow, p.updateEntityRow)
	p.entList.OnSelected = func(i widget.ListItemID) {
		if i < len(p.ents) {
			p.selectEntity(p.ents[i])
		}
	}
	p.entEmpty = uikit.EmptyLabel("")

	p.rename = widget.NewEntry()
	p.rename.SetPlaceHolder("New name")
	p.rename.OnSubmitted = func(string) { p.renameSelected() }
	p.renameB = widget.NewButton("Rename", p.renameSelected)
	p.mergeE = widget.NewSelectEntry(nil)
	p.mergeE.SetPlaceHolder("Merge with…")
	p.mergeE.OnChanged = p.mergeOptions
	p.mergeE.OnSubmitted = func(string) { p.mergeSelected() }
	p.mergeB = widget.NewButton("Merge", p.mergeSelected)
	p.detail = container.NewVBox()
	p.status = widget.NewLabel("")
	p.status.Importance = widget.LowImportance
	p.status.Truncation = fyne.TextTruncateEllipsis

	sugPart := container.NewBorder(p.sugTitle, nil, nil, nil,
		container.NewStack(p.sugList, container.NewCenter(p.sugEmpty)))
	entPart := container.NewBorder(container.NewVBox(widget.NewSeparator(), boldLabel("Entities"), p.filter), nil, nil, nil,
		container.NewStack(p.entList, container.NewCenter(p.entEmpty)))
	lower := container.NewVSplit(entPart, container.NewVScroll(p.detail))
	lower.Offset = 0.55
	split := container.NewVSplit(sugPart, lower)
	split.Offset = 0.28
	p.root = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), p.status), nil, nil, split)

	ctrl.OnAnalysisChanged(p.setAnalysis)
	ctrl.OnStateFilesChanged(func(files []string) {
		for _, f := range files {
			if f == alias.DecisionsFile {
				p.decisionsChangedOnDisk()
			}
		}
	})
	ctrl.OnProjectChanged(func(*state.Project) { p.setAnalysis(nil) })
	p.setAnalysis(ctrl.Analysis())
	return p
}

// Panel returns the panel's description for the window: a sidebar tab.
func (p *Panel) Panel() state.Panel {
	return state.Panel{ID: ID, Title: "Aliases", Icon: theme.ContentCopyIcon(), Slot: state.SlotSidebar, Content: p.root}
}

// Object returns the panel's widget tree.
func (p *Panel) Object() fyne.CanvasObject { return p.root }

// Suggestions returns the suggested merges listed.
func (p *Panel) Suggestions() []alias.Suggestion { return append([]alias.Suggestion(nil), p.sugs...) }

// Selected returns the entity shown in the editor, or nil.
func (p *Panel) Selected() *alias.Entity { return p.selected }

// Status returns the status line.
func (p *Panel) Status() string { return p.status.Text }

// Busy reports whether a decision is being applied.
func (p *Panel) Busy() bool { return p.regroup.busy() }

func (p *Panel) setAnalysis(a *engine.Analysis) {
	p.analysis = a
	p.searcher = nil
	if a != nil && a.Search() != nil {
		p.searcher = a.Search().NewSearcher()
	}
	p.sugs = nil
	switch {
	case a == nil:
		p.sugEmpty.SetText(uikit.NoAnalysisYet(p.ctrl.Project() != nil))
	case a.Entities() == nil:
		p.sugEmpty.SetText("No entities in this project.")
	default:
		p.sugs = a.Entities().Suggestions
		p.sugEmpty.SetText("No suggestions")
	}
	if len(p.sugs) > 0 {
		p.sugTitle.SetText(fmt.Sprintf("Suggested merges (%d)", len(p.sugs)))
	} else {
		p.sugTitle.SetText("Suggested merges")
	}
	uikit.ShowIf(p.sugEmpty, len(p.sugs) == 0)
	p.sugList.UnselectAll()
	p.sugList.Refresh()
	p.listEntities()
	var again *alias.Entity
	if a != nil && a.Entities() != nil && p.keepForm != "" {
		again = a.Entities().EntityOf(p.keepForm)
	}
	p.selectEntity(again)
	p.enable()
}

// entity returns the entity with the ID in the current analysis, or nil.
func (p *Panel) entity(id string) *alias.Entity {
	if p.analysis == nil || p.analysis.Entities() == nil {
		return nil
	}
	return p.analysis.Entities().Entity(id)
}

// listEntities lists the entities that fit the filter, most mentioned first
// when it is empty.
func (p *Panel) listEntities() {
	p.ents = nil
	q := strings.TrimSpace(p.filter.Text)
	switch {
	case p.analysis == nil || p.analysis.Entities() == nil:
		p.entEmpty.SetText(uikit.NoAnalysisYet(p.ctrl.Project() != nil))
	case q == "" || p.searcher == nil:
		all := p.analysis.Entities().Entities
		p.ents = all[:min(len(all), maxListed)]
		p.entEmpty.SetText("No entities in this project.")
	default:
		for _, h := range p.searcher.Entities(q, maxListed) {
			if h.Entity != nil {
				p.ents = append(p.ents, h.Entity)
			}
		}
		p.entEmpty.SetText(fmt.Sprintf("No entity is named like “%s”.", q))
	}
	uikit.ShowIf(p.entEmpty, len(p.ents) == 0)
	p.entList.UnselectAll()
	p.entList.Refresh()
}

// Filter returns the entity filter field.
func (p *Panel) Filter() *widget.Entry { return p.filter }

// Entities returns the entities listed.
func (p *Panel) Entities() []*alias.Entity { return append([]*alias.Entity(nil), p.ents...) }

// SelectEntity shows the editor of e (nil hides it).
func (p *Panel) SelectEntity(e *alias.Entity) { p.selectEntity(e) }

func (p *Panel) selectEntity(e *alias.Entity) {
	p.selected = e
	p.keepForm = ""
	defer p.enable()
	p.detail.RemoveAll()
	if e == nil {
		hint := uikit.EmptyLabel("Choose a suggestion or an entity to see how it was grouped.")
		hint.Wrapping = fyne.TextWrapWord // at the panel's width, not its own
		p.detail.Add(hint)
		return
	}
	if len(e.Forms) > 0 {
		p.keepForm = e.Forms[0].Text
	}
	p.detail.Add(truncated(boldLabel(e.Name)))
	p.detail.Add(truncated(lowLabel(fmt.Sprintf("%s · %s in %s", e.Kind, uikit.Plural(len(e.Mentions), "mention"), uikit.Plural(len(e.Documents), "document")))))
	p.rename.SetText(e.Name)
	p.detail.Add(container.NewBorder(nil, nil, nil, p.renameB, p.rename))
	p.mergeE.SetText("")
	p.mergeOps = nil
	p.mergeE.SetOptions(nil)
	p.detail.Add(container.NewBorder(nil, nil, nil, p.mergeB, p.mergeE))
	p.ambiguity(e)

	p.detail.Add(boldLabel("Spellings"))
	for _, f := range e.Forms {
		form := f.Text
		split := widget.NewButtonWithIcon("Split out", theme.ContentCutIcon(), func() { p.splitForm(form) })
		split.Importance = widget.LowImportance
		if len(e.Forms) < 2 || p.regroup.busy() {
			split.Disable()
		}
		p.detail.Add(container.NewBorder(nil, nil, nil, split, truncated(widget.NewLabel(fmt.Sprintf("%s  ×%d", f.Text, f.Count)))))
	}
	if len(e.Merges) > 0 {
		p.detail.Add(boldLabel("Why these spellings are one entity"))
		for _, m := range e.Merges {
			l := lowLabel(fmt.Sprintf("“%s” joined “%s”: %s, %.0f%%", m.Form, m.Into, m.Reason, m.Confidence*100))
			l.Wrapping = fyne.TextWrapWord
			p.detail.Add(l)
		}
	}
}

// ambiguity says which people a surname two of them share may stand for,
// and in how many documents its mentions joined one of them (the document
// names only that one): the mentions left merge into none.
func (p *Panel) ambiguity(e *alias.Entity) {
	if len(e.Ambiguous) == 0 {
		return
	}
	var names []string
	for _, id := range e.Ambiguous {
		if o := p.entity(id); o != nil {
			names = append(names, o.Name)
		}
	}
	per := map[string]int{}
	for _, a := range e.Attached {
		per[a.Entity]++
	}
	var parts []string
	for _, id := range e.Ambiguous {
		if o := p.entity(id); o != nil && per[id] > 0 {
			parts = append(parts, fmt.Sprintf("%s in %s", o.Name, uikit.Plural(per[id], "document")))
		}
	}
	p.detail.Add(boldLabel("Ambiguous: a name several people share"))
	l := lowLabel(fmt.Sprintf("May be %s; its mentions in documents naming several of them or none are merged into none.", strings.Join(names, " or ")))
	l.Wrapping = fyne.TextWrapWord
	p.detail.Add(l)
	if len(parts) > 0 {
		l := lowLabel("Where a document names only one of them, its mentions joined that one: " + strings.Join(parts, ", ") + ".")
		l.Wrapping = fyne.TextWrapWord
		p.detail.Add(l)
	}
}

// mergeOptions offers the entities named like what was typed.
func (p *Panel) mergeOptions(q string) {
	if p.searcher == nil || strings.TrimSpace(q) == "" {
		return
	}
	for _, o := range p.mergeOps {
		if o == q {
			return // chosen from the list
		}
	}
	var opts []string
	for _, h := range p.searcher.Entities(q, 12) {
		if p.selected != nil && h.ID == p.selected.ID {
			continue
		}
		opts = append(opts, h.Name)
	}
	p.mergeOps = opts
	p.mergeE.SetOptions(opts)
}

// --- decisions ---

// Accept accepts suggestion i.
func (p *Panel) Accept(i int) {
	if i < 0 || i >= len(p.sugs) {
		return
	}
	s := p.sugs[i]
	p.decide(fmt.Sprintf("Merged “%s” and “%s”", s.AName, s.BName), s.FormA, func(d *alias.Decisions) { d.Accept(s) })
}

// Reject rejects suggestion i: its two entities stay apart.
func (p *Panel) Reject(i int) {
	if i < 0 || i >= len(p.sugs) {
		return
	}
	s := p.sugs[i]
	p.decide(fmt.Sprintf("Kept “%s” and “%s” apart", s.AName, s.BName), s.FormA, func(d *alias.Decisions) { d.Reject(s) })
}

// Merge merges the entities holding forms a and b.
func (p *Panel) Merge(a, b string) {
	p.decide(fmt.Sprintf("Merged “%s” and “%s”", a, b), a, func(d *alias.Decisions) { d.Merge(a, b) })
}

// Split takes form out of its entity.
func (p *Panel) Split(form string) { p.splitForm(form) }

// Rename renames the entity holding form.
func (p *Panel) Rename(form, name string) {
	p.decide(fmt.Sprintf("Renamed to “%s”", name), form, func(d *alias.Decisions) { d.RenameEntity(form, name) })
}

func (p *Panel) splitForm(form string) {
	keep := p.keepForm
	if keep == form && p.selected != nil && len(p.selected.Forms) > 1 {
		keep = p.selected.Forms[1].Text
	}
	p.decide(fmt.Sprintf("Split “%s” out", form), keep, func(d *alias.Decisions) { d.SplitForm(form) })
}

func (p *Panel) renameSelected() {
	name := strings.TrimSpace(p.rename.Text)
	if p.selected == nil || p.keepForm == "" || name == "" || name == p.selected.Name {
		return
	}
	p.Rename(p.keepForm, name)
}

func (p *Panel) mergeSelected() {
	q := strings.TrimSpace(p.mergeE.Text)
	if p.selected == nil || p.keepForm == "" || q == "" || p.analysis == nil {
		return
	}
	var other *alias.Entity
	for _, e := range p.analysis.Entities().Entities {
		if e.Name == q && e.ID != p.selected.ID {
			other = e
			break
		}
	}
	if other == nil {
		other = p.analysis.Entities().EntityOf(q)
	}
	if other == nil || other.ID == p.selected.ID || len(other.Forms) == 0 {
		p.status.SetText(fmt.Sprintf("No other entity is named “%s”.", q))
		return
	}
	p.Merge(p.keepForm, other.Forms[0].Text)
}

// decide records a decision, saves it, and regroups in the background;
// keep is a form of the entity to show afterwards.
func (p *Panel) decide(what, keep string, edit func(*alias.Decisions)) {
	a := p.analysis
	if a == nil || p.regroup.busy() {
		return
	}
	if a.Decisions() == nil {
		p.status.SetText(alias.DecisionsFile + " is unreadable: fix or remove it before deciding aliases.")
		return
	}
	dec := clone(a.Decisions())
	edit(dec)
	if err := dec.SaveTo(context.Background(), a.Project().State()); err != nil {
		p.status.SetText("Not saved: " + err.Error())
		return
	}
	p.keepForm = keep
	p.status.SetText(what + " · regrouping…")
	p.regroup.start(a, dec, what, p.enable)
}

// regrouped takes the regrouped analysis (on the main goroutine), with the
// apply functions of the panels' preparations made for it.
func (p *Panel) regrouped(base, next *engine.Analysis, apply []func(), what string, err error) {
	switch {
	case what == fromDisk && err != nil:
		p.status.SetText(what + ", but regrouping failed: " + err.Error())
		p.ctrl.Notify(what + ", but regrouping failed: " + err.Error())
		p.enable()
	case what == fromDisk && p.ctrl.Analysis() != base:
		// a new analysis read the file itself
		p.enable()
	case what == fromDisk:
		msg := fmt.Sprintf("%s: regrouped · %d entities", what, len(next.Entities().Entities))
		p.status.SetText(msg)
		p.ctrl.Notify(msg)
		for _, f := range apply {
			f()
		}
		p.ctrl.SetAnalysis(next)
	case err != nil:
		p.status.SetText(what + " · saved, but regrouping failed: " + err.Error())
		p.enable()
	case p.ctrl.Analysis() != base:
		p.status.SetText(what + " · saved; it applies to the new analysis")
		p.enable()
	default:
		p.status.SetText(fmt.Sprintf("%s · saved to %s · %d entities", what, alias.DecisionsFile, len(next.Entities().Entities)))
		// Every view updates, this panel too (it shows keepForm's entity),
		// with the data the panels prepared in the background installed
		// first (as the window does with a new analysis).
		for _, f := range apply {
			f()
		}
		p.ctrl.SetAnalysis(next)
	}
	if p.recheck {
		p.recheck = false
		p.decisionsChangedOnDisk()
	}
	if p.afterRegroup != nil {
		p.afterRegroup()
	}
}

// fromDisk is the regroup's description when another writer changed the
// decisions.
const fromDisk = "Alias decisions changed elsewhere (another window or analyst)"

// decisionsChangedOnDisk re-reads aliases.json after the folder watcher saw
// it change and, when its decisions differ from those of the analysis on
// screen, regroups with them. The window's own saves are seen too: their
// regrouped analysis holds what was saved (Save merges with the file and
// keeps the whole), so they compare equal and cause nothing; one that comes
// while a regroup runs is compared once it is done.
func (p *Panel) decisionsChangedOnDisk() {
	if p.regroup.busy() {
		p.recheck = true
		return
	}
	a := p.ctrl.Analysis()
	if a == nil {
		return // an analysis on its way reads the file itself
	}
	// A small state file (read with the state files' size limit): read
	// here, as the panel's own saves are.
	disk, err := alias.LoadDecisionsFrom(context.Background(), a.Project().State())
	if err != nil {
		p.status.SetText(fromDisk + ", but it cannot be read: " + err.Error())
		p.ctrl.Notify(fromDisk + ", but it cannot be read (the grouping on screen stays): " + err.Error())
		return
	}
	if a.Decisions() != nil && SameDecisions(a.Decisions(), disk) {
		return
	}
	p.status.SetText(fromDisk + " · regrouping…")
	p.regroup.start(a, disk, fromDisk, p.enable)
}

// SameDecisions reports whether a and b hold the same decisions in the same
// order (order matters: the latest of two contrary decisions wins).
func SameDecisions(a, b *alias.Decisions) bool {
	return slices.Equal(a.Merges, b.Merges) && slices.Equal(a.Rejects, b.Rejects) &&
		slices.Equal(a.Splits, b.Splits) && slices.Equal(a.Renames, b.Renames)
}

// enable disables the decisions while one is applied.
func (p *Panel) enable() {
	on := p.analysis != nil && !p.regroup.busy()
	for _, b := range []*widget.Button{p.renameB, p.mergeB} {
		if on && p.selected != nil {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	p.sugList.Refresh()
}

// clone copies decisions, so the analysis's own stay as they were until the
// regrouped analysis replaces it.
func clone(d *alias.Decisions) *alias.Decisions {
	c := *d
	c.Merges = append([]alias.Pair(nil), d.Merges...)
	c.Rejects = append([]alias.Pair(nil), d.Rejects...)
	c.Splits = append([]alias.Split(nil), d.Splits...)
	c.Renames = append([]alias.Rename(nil), d.Renames...)
	if c.Version == 0 {
		c.Version = alias.DecisionsVersion
	}
	return &c
}

// --- rows ---

func (p *Panel) newSuggestionRow() fyne.CanvasObject {
	names := uikit.NewFitLabel(&p.fit, fyne.TextStyle{Bold: true})
	why := lowLabel("")
	why.Truncation = fyne.TextTruncateEllipsis
	accept := widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), nil)
	reject := widget.NewButtonWithIcon("Reject", theme.CancelIcon(), nil)
	reject.Importance = widget.LowImportance
	text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), names, why)
	return container.NewBorder(nil, nil, nil, container.NewHBox(accept, reject), text)
}

func (p *Panel) updateSuggestionRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.sugs) {
		return
	}
	s := p.sugs[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	btns := row.Objects[1].(*fyne.Container)
	text.Objects[0].(*uikit.FitLabel).SetText(s.AName + "  ⟷  " + s.BName)
	why := fmt.Sprintf("%s · %.0f%% sure", s.Reason, s.Confidence*100)
	if s.FormA != s.AName || s.FormB != s.BName {
		why += fmt.Sprintf(" · “%s” / “%s”", s.FormA, s.FormB)
	}
	text.Objects[1].(*widget.Label).SetText(why)
	accept, reject := btns.Objects[0].(*widget.Button), btns.Objects[1].(*widget.Button)
	accept.OnTapped = func() { p.Accept(i) }
	reject.OnTapped = func() { p.Reject(i) }
	if p.regroup.busy() {
		accept.Disable()
		reject.Disable()
	} else {
		accept.Enable()
		reject.Enable()
	}
}

func (p *Panel) newEntityRow() fyne.CanvasObject {
	name := uikit.NewFitLabel(&p.fit, fyne.TextStyle{})
	note := lowLabel("")
	return container.NewBorder(nil, nil, nil, note, name)
}

func (p *Panel) updateEntityRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.ents) {
		return
	}
	e := p.ents[i]
	row := o.(*fyne.Container)
	row.Objects[0].(*uikit.FitLabel).SetText(e.Name)
	row.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %d", e.Kind, uikit.Plural(len(e.Forms), "spelling"), len(e.Mentions)))
	row.Refresh()
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

// truncated makes l end in an ellipsis where the panel is too narrow for
// it, rather than widen the window.
func truncated(l *widget.Label) *widget.Label {
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}
