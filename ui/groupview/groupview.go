// Package groupview is the compare-by-group panel: pick a grouping
// (outlet, stance, language, or a column of the sources table such as
// country) and a group, and see the words and phrases most distinctive of
// it against the others (click one to step through its occurrences; add it
// to the project lexicon in one click), the entities only it mentions (its
// blind spots, seen from the others; click to read the first mention), and
// how each group names the main actors. The comparison runs in the
// background (compute.go); the engine computes everything.
package groupview

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/groups"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// ID is the panel's ID.
const ID = "groups"

// View is the compare-by-group panel. Create it with New.
type View struct {
	ctrl *state.Controller
	// run starts background work: `go f()` in the app, f() in tests.
	run func(f func())

	bySel, groupSel *widget.Select
	status          *widget.Label
	summary         *widget.Label
	terms           *widget.List
	blind           *widget.List
	naming          *widget.Label
	empty           *widget.Label
	noBlind         *widget.Label
	root            fyne.CanvasObject

	// what is shown: the result for (analysis, by) and the chosen group
	res      *result
	group    int
	by       string
	chosen   bool   // the analyst picked the grouping
	notice   string // said once the next result is shown
	cancel   func() // stops the comparison under way
	epoch    int    // counts the computations started; touched on the main goroutine only
	next     map[string]int
	computed func() // called after a result is installed (tests)
}

// OnComputed calls f on the main goroutine after each comparison's result
// is installed (for tests that must not touch the window meanwhile).
func (v *View) OnComputed(f func()) { v.computed = f }

// New returns the panel following ctrl's analysis.
func New(ctrl *state.Controller) *View {
	return newView(ctrl, func(f func()) { go f() })
}

func newView(ctrl *state.Controller, run func(func())) *View {
	v := &View{ctrl: ctrl, run: run, next: map[string]int{}}
	v.setBy(engine.ByStance, false)
	v.bySel = widget.NewSelect(nil, func(by string) {
		if by != "" && by != v.by {
			v.setBy(by, true)
			v.compute()
		}
	})
	v.groupSel = widget.NewSelect(nil, func(string) { v.pickGroup() })
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.naming = widget.NewLabel("")
	v.naming.Wrapping = fyne.TextWrapWord
	v.empty = uikit.EmptyLabel("")
	v.noBlind = uikit.EmptyLabel("No entity that only this group mentions.")

	v.terms = widget.NewList(v.termCount, v.newTermRow, v.updateTermRow)
	v.terms.OnSelected = func(id widget.ListItemID) {
		v.terms.Unselect(id)
		v.revealTerm(id)
	}
	v.blind = widget.NewList(v.blindCount, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, v.updateBlindRow)
	v.blind.OnSelected = func(id widget.ListItemID) {
		v.blind.Unselect(id)
		v.revealEntity(id)
	}

	// Everything here may shrink: the bottom row is small, and a panel
	// that asks for more makes the window grow past the screen. Headings
	// are cut, hints wrap at the width they get.
	v.bySel.PlaceHolder = "Group by"
	v.groupSel.PlaceHolder = "Group"
	selW := fyne.NewSize(150, v.bySel.MinSize().Height)
	bar := container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(selW, v.bySel), container.NewGridWrap(selW, v.groupSel)), nil, v.status)
	head := func(s string) *widget.Label {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	left := container.NewBorder(head("Distinctive terms (z against the other groups) · click to read each use"), nil, nil, nil, v.terms)
	v.noBlind.Wrapping = fyne.TextWrapWord
	only := container.NewVSplit(container.NewVScroll(v.summary),
		container.NewBorder(head("Only this group mentions · click to read"), nil, nil, nil,
			container.NewStack(v.blind, uikit.CentredHint(v.noBlind))))
	only.Offset = 0.35
	right := container.NewAppTabs(
		container.NewTabItem("Only here", only),
		container.NewTabItem("Naming", container.NewVScroll(v.naming)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.6
	v.empty.Wrapping = fyne.TextWrapWord
	v.root = container.NewBorder(bar, nil, nil, nil, container.NewStack(split, uikit.CentredHint(v.empty)))

	// Compared after the analysis is shown, in the background, not in
	// the window's preparation: on a large project the comparison takes
	// seconds (every text tokenized), and the panels on screen must not
	// wait for it (issue 18: a warm project opens in under 3 s).
	ctrl.OnAnalysisChanged(func(*engine.Analysis) { v.compute() })
	ctrl.OnMetadataChanged(v.compute) // a stance just set changes the groups
	v.compute()
	return v
}

// Panel returns the panel for the window's bottom row.
func (v *View) Panel() state.Panel {
	return state.Panel{ID: ID, Title: "Compare groups", Icon: theme.ListIcon(), Slot: state.SlotBottom, Content: v.root}
}

// groupView is the chosen group's part of the result.
func (v *View) groupView() (*distinctive.Group, *groups.Group) {
	if v.res == nil || v.group < 0 || v.group >= len(v.res.cmp.Groups) {
		return nil, nil
	}
	name := v.res.cmp.Groups[v.group].Group
	var dg *distinctive.Group
	for i := range v.res.dist.Groups {
		if v.res.dist.Groups[i].Group == name {
			dg = &v.res.dist.Groups[i]
		}
	}
	return dg, &v.res.cmp.Groups[v.group]
}

func (v *View) termCount() int {
	if dg, _ := v.groupView(); dg != nil {
		return len(dg.Terms)
	}
	return 0
}

func (v *View) newTermRow() fyne.CanvasObject {
	term := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	term.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel("")
	info.Importance = widget.LowImportance
	info.Truncation = fyne.TextTruncateEllipsis
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), nil)
	// the term on the left, its figures after it; both cut when narrow,
	// the term last
	return container.NewBorder(nil, nil, nil, add, container.New(split2{0.4}, term, info))
}

// split2 lays out two objects side by side, the first taking share of the
// width; both may shrink to nothing (their labels cut themselves).
type split2 struct{ share float32 }

func (l split2) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width * l.share
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
	objs[1].Move(fyne.NewPos(w, 0))
	objs[1].Resize(fyne.NewSize(size.Width-w, size.Height))
}

func (split2) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (v *View) updateTermRow(id widget.ListItemID, o fyne.CanvasObject) {
	dg, _ := v.groupView()
	if dg == nil || id >= len(dg.Terms) {
		return
	}
	t := dg.Terms[id]
	row := o.(*fyne.Container)
	grid := row.Objects[0].(*fyne.Container)
	grid.Objects[0].(*widget.Label).SetText(t.Term)
	info := fmt.Sprintf("z %.1f · %d× (%d× elsewhere) · %s", t.Z, t.Count, t.Rest, plural(t.Documents, "doc"))
	if len(t.Categories) > 0 {
		info += " · " + strings.Join(t.Categories, ", ")
	}
	grid.Objects[1].(*widget.Label).SetText(info)
	add := row.Objects[1].(*widget.Button)
	term, lang := t.Term, v.termLanguage(t)
	add.OnTapped = func() {
		v.addToLexicon(term, lang, fmt.Sprintf("distinctive of %s by %s (z %.1f)", dg.Group, v.res.by, t.Z))
	}
}

func (v *View) blindCount() int {
	if _, g := v.groupView(); g != nil {
		return len(g.Entities)
	}
	return 0
}

func (v *View) updateBlindRow(id widget.ListItemID, o fyne.CanvasObject) {
	_, g := v.groupView()
	if g == nil || id >= len(g.Entities) {
		return
	}
	e := g.Entities[id]
	kind := ""
	if e.Kind != "" {
		kind = " (" + e.Kind + ")"
	}
	o.(*widget.Label).SetText(fmt.Sprintf("%s%s · %s in %s", e.Name, kind, plural(e.Mentions, "mention"), plural(len(e.Docs), "doc")))
}

// show installs a result (main goroutine).
func (v *View) show(r *result) {
	if !v.chosen && r.err == nil && r.by == engine.ByStance && len(r.cmp.Groups) < 2 {
		// no stances yet: start from the outlets rather than an empty view
		v.setBy(engine.ByOutlet, false)
		v.compute()
		return
	}
	prev := ""
	if _, g := v.groupView(); g != nil {
		prev = g.Group // kept when it is still a group
	}
	v.res = r
	v.next = map[string]int{}
	v.bySel.Options = r.groupings
	v.bySel.Selected = r.by
	v.bySel.Refresh()
	var names []string
	pick := 0
	for i, g := range r.cmp.Groups {
		names = append(names, fmt.Sprintf("%s (%d)", g.Group, g.Documents))
		if g.Group == prev {
			pick = i
		}
	}
	v.groupSel.Options = names
	v.group = -1
	if len(names) > 0 {
		v.groupSel.SetSelectedIndex(pick) // calls pickGroup
	} else {
		v.groupSel.ClearSelected()
		v.pickGroup()
	}
	switch {
	case r.err != nil:
		v.status.SetText("Comparison failed: " + r.err.Error())
	case v.notice != "":
		v.status.SetText(v.notice)
		v.notice = ""
	case r.cmp.Ungrouped > 0:
		v.status.SetText(fmt.Sprintf("%d groups · %s without a %s left out", len(r.cmp.Groups), plural(r.cmp.Ungrouped, "document"), r.by))
	default:
		v.status.SetText(fmt.Sprintf("%d groups by %s", len(r.cmp.Groups), r.by))
	}
	if len(r.cmp.Groups) < 2 {
		hint := fmt.Sprintf("%d group(s) by %s: a comparison needs two or more.", len(r.cmp.Groups), r.by)
		if r.by == engine.ByStance {
			hint += "\nSet stances in the Source panel, or give the sources table a stance, bias or leaning column."
		}
		v.empty.SetText(hint)
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
}

// pickGroup shows the group chosen in groupSel.
func (v *View) pickGroup() {
	v.group = v.groupSel.SelectedIndex()
	dg, g := v.groupView()
	if g == nil {
		v.summary.SetText("")
		v.naming.SetText("")
	} else {
		s := fmt.Sprintf("%s: %s from %s.", g.Group, plural(g.Documents, "document"), orNone(strings.Join(g.Outlets, ", ")))
		if len(g.Passages) > 0 {
			s += fmt.Sprintf(" %s shared within this group only.", plural(len(g.Passages), "passage"))
		}
		if len(g.Terms) > 0 {
			var ts []string
			for i, t := range g.Terms {
				if i == 8 {
					break
				}
				ts = append(ts, t.Term)
			}
			s += " Terms no other group uses: " + strings.Join(ts, ", ") + "."
		}
		if dg != nil && dg.Note != "" {
			s += " " + dg.Note + "."
		}
		v.summary.SetText(s)
		v.naming.SetText(namingText(v.res.cmp.Naming))
	}
	v.terms.Refresh()
	v.terms.ScrollToTop()
	v.blind.Refresh()
	if g != nil && len(g.Entities) == 0 {
		v.noBlind.Show()
	} else {
		v.noBlind.Hide()
	}
}

// namingText writes the actors one per paragraph, each group's forms and
// descriptors on a line.
func namingText(ns []groups.ActorNaming) string {
	if len(ns) == 0 {
		return "No entity is named by two groups or more."
	}
	var b strings.Builder
	for i, an := range ns {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(an.Name + "\n")
		for _, gn := range an.Groups {
			var parts []string
			for _, f := range gn.Forms {
				parts = append(parts, fmt.Sprintf("%s (%d)", f.Form, f.Count))
			}
			for _, d := range gn.Descriptors {
				parts = append(parts, "“"+d.Form+"”")
			}
			if len(parts) == 0 {
				parts = []string{"—"}
			}
			fmt.Fprintf(&b, "   %s: %s\n", gn.Group, strings.Join(parts, ", "))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// revealTerm shows the term's next occurrence (each click steps on).
func (v *View) revealTerm(id widget.ListItemID) {
	dg, _ := v.groupView()
	a := v.ctrl.Analysis()
	if dg == nil || a == nil || id >= len(dg.Terms) {
		return
	}
	t := dg.Terms[id]
	if len(t.Occurrences) == 0 {
		return
	}
	k := v.next[t.Term] % len(t.Occurrences)
	v.next[t.Term] = k + 1
	o := t.Occurrences[k]
	if d := a.Project().Doc(o.Path); d != nil {
		v.ctrl.Reveal(d, spanOf(o.Start, o.End))
		v.status.SetText(fmt.Sprintf("“%s”: use %d of %d shown (%s)", t.Term, k+1, len(t.Occurrences), o.Path))
	}
}

// revealEntity shows the entity's first mention in the group's documents.
func (v *View) revealEntity(id widget.ListItemID) {
	_, g := v.groupView()
	a := v.ctrl.Analysis()
	if g == nil || a == nil || a.Entities() == nil || id >= len(g.Entities) {
		return
	}
	ge := g.Entities[id]
	e := a.Entities().Entity(ge.ID)
	if e == nil {
		return
	}
	in := map[string]bool{}
	for _, p := range ge.Docs {
		in[p] = true
	}
	for _, m := range e.Mentions {
		if in[m.Doc] {
			if d := a.Project().Doc(m.Doc); d != nil {
				v.ctrl.Reveal(d, m.Span)
			}
			return
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func orNone(s string) string {
	if s == "" {
		return "no known outlet"
	}
	return s
}
