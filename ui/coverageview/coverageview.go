// Package coverageview draws who covers what and when: the entity ×
// document matrix as a heat map (rows are the most mentioned entities,
// columns the documents grouped by outlet, shade by number of mentions),
// and the documents on a timeline with a lane per outlet, the undated ones
// listed apart. Tapping a cell reveals that entity's first mention in that
// document; tapping a point opens the document.
package coverageview

import (
	"fmt"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// The panels' IDs.
const (
	CoverageID = "coverage"
	TimelineID = "timeline"
)

// maxColumns bounds the documents drawn in the heat map; beyond it the
// columns are the documents that mention the top entities most.
const maxColumns = 300

// rowChoices are the numbers of entities the heat map can show.
var rowChoices = []string{"Top 15", "Top 30", "Top 60", "Top 120"}

// View holds the coverage heat map and the timeline. Create it with New.
type View struct {
	ctrl *state.Controller

	heat      *HeatMap
	heatInfo  *widget.Label
	heatEmpty *widget.Label
	heatNote  *widget.Label
	rowsSel   *widget.Select
	topN      int
	heatRoot  fyne.CanvasObject

	time      *Timeline
	timeInfo  *widget.Label
	timeEmpty *widget.Label
	undated   *fyne.Container
	timeRoot  fyne.CanvasObject
}

// New returns the view following ctrl's analysis.
func New(ctrl *state.Controller) *View {
	v := &View{ctrl: ctrl, topN: 30}
	v.heat = NewHeatMap()
	v.heatInfo = infoLabel("Hover over a cell to see its count; click it to read the first mention.")
	v.heat.OnHover = func(s string) {
		v.hint(v.heatInfo, s, "Hover over a cell to see its count; click it to read the first mention.")
	}
	v.heat.OnTap = v.revealCell
	v.heatEmpty = uikit.EmptyLabel("")
	v.heatNote = infoLabel("")
	v.rowsSel = widget.NewSelect(rowChoices, func(s string) {
		var n int
		if _, err := fmt.Sscanf(s, "Top %d", &n); err == nil && n != v.topN {
			v.topN = n
			v.refreshHeat()
		}
	})
	v.rowsSel.SetSelected("Top 30")
	bar := container.NewBorder(nil, nil, nil, v.rowsSel, v.heatNote)
	v.heatRoot = container.NewBorder(bar, v.heatInfo, nil, nil,
		container.NewStack(container.NewScroll(container.NewPadded(v.heat)), container.NewCenter(v.heatEmpty)))

	v.time = NewTimeline()
	v.timeInfo = infoLabel("Hover over a point to see the document; click it to open it.")
	v.time.OnHover = func(s string) { v.hint(v.timeInfo, s, "Hover over a point to see the document; click it to open it.") }
	v.time.OnTap = func(d *document.Document) { v.ctrl.Open(d) }
	v.timeEmpty = uikit.EmptyLabel("")
	v.undated = container.NewVBox()
	v.timeRoot = container.NewBorder(nil, v.timeInfo, nil, nil,
		container.NewStack(container.NewVScroll(container.NewPadded(container.NewVBox(v.time, v.undated))), container.NewCenter(v.timeEmpty)))

	ctrl.OnAnalysisChanged(func(*engine.Analysis) { v.refresh() })
	ctrl.OnProjectChanged(func(*state.Project) { v.refresh() })
	v.refresh()
	return v
}

// Panels returns the two panels for the window's bottom row.
func (v *View) Panels() []state.Panel {
	return []state.Panel{
		{ID: CoverageID, Title: "Coverage", Icon: theme.GridIcon(), Slot: state.SlotBottom, Content: v.heatRoot},
		{ID: TimelineID, Title: "Timeline", Icon: theme.HistoryIcon(), Slot: state.SlotBottom, Content: v.timeRoot},
	}
}

// HeatMap returns the heat map widget.
func (v *View) HeatMap() *HeatMap { return v.heat }

// Timeline returns the timeline widget.
func (v *View) Timeline() *Timeline { return v.time }

// CoverageObject and TimelineObject return the panels' widget trees.
func (v *View) CoverageObject() fyne.CanvasObject { return v.heatRoot }

// TimelineObject returns the timeline panel's widget tree.
func (v *View) TimelineObject() fyne.CanvasObject { return v.timeRoot }

// Undated returns the links to the documents listed as undated.
func (v *View) Undated() []*widget.Hyperlink {
	var out []*widget.Hyperlink
	for _, o := range v.undated.Objects {
		if row, ok := o.(*fyne.Container); ok {
			out = append(out, row.Objects[0].(*widget.Hyperlink))
		}
	}
	return out
}

func (v *View) hint(l *widget.Label, s, idle string) {
	if s == "" {
		s = idle
	}
	l.SetText(s)
}

func (v *View) refresh() {
	v.refreshHeat()
	v.refreshTimeline()
}

// docs returns the project's documents by path.
func (v *View) docs() map[string]*document.Document {
	out := map[string]*document.Document{}
	if p := v.ctrl.Project(); p != nil {
		for _, d := range p.Docs {
			out[d.Path] = d
		}
	}
	return out
}

func (v *View) refreshHeat() {
	a := v.ctrl.Analysis()
	switch {
	case a == nil:
		v.heat.Set(nil, nil)
		v.heatEmpty.SetText("Analysing…")
		v.heatEmpty.Show()
		v.heatNote.SetText("")
		return
	case len(a.Coverage.Rows) == 0:
		v.heat.Set(nil, nil)
		v.heatEmpty.SetText("No entities found in this project.")
		v.heatEmpty.Show()
		v.heatNote.SetText("")
		return
	}
	v.heatEmpty.Hide()
	m := a.Coverage
	rows := m.Rows[:min(v.topN, len(m.Rows))]
	byPath := v.docs()
	// The columns: every document, or those that mention the rows most
	// when there are too many to draw.
	weight := make([]int, len(m.Docs))
	for _, r := range rows {
		for i, n := range r.Counts {
			if i < len(weight) {
				weight[i] += n
			}
		}
	}
	idx := make([]int, 0, len(m.Docs))
	for i := range m.Docs {
		if byPath[m.Docs[i].Path] != nil {
			idx = append(idx, i)
		}
	}
	note := fmt.Sprintf("%d entities × %d documents, by outlet", len(rows), len(idx))
	if len(idx) > maxColumns {
		sortByWeight(idx, weight)
		idx = idx[:maxColumns]
		note = fmt.Sprintf("%d entities × the %d documents that name them most (of %d)", len(rows), maxColumns, len(m.Docs))
	}
	cols := make([]Column, 0, len(idx))
	for _, i := range idx {
		d := byPath[m.Docs[i].Path]
		cols = append(cols, Column{Doc: d, Outlet: d.Meta.Outlet.Value, Index: i})
	}
	v.heatNote.SetText(note)
	v.heat.Set(rows, cols)
}

// sortByWeight orders column indexes by weight, heaviest first, keeping
// the order of equals.
func sortByWeight(idx, weight []int) {
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && weight[idx[j]] > weight[idx[j-1]]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
}

// revealCell reveals the first mention of the row's entity in doc.
func (v *View) revealCell(row coverage.Row, doc *document.Document) {
	a := v.ctrl.Analysis()
	if a == nil || a.Entities == nil || doc == nil {
		return
	}
	e := a.Entities.Entity(row.ID)
	if e == nil {
		return
	}
	first := document.Span{Start: -1}
	for _, m := range e.Mentions {
		if m.Doc == doc.Path && (first.Start < 0 || m.Span.Start < first.Start) {
			first = m.Span
		}
	}
	if first.Start < 0 {
		v.ctrl.Open(doc) // no mention there: open the document itself
		return
	}
	v.ctrl.Reveal(doc, first)
}

func (v *View) refreshTimeline() {
	v.undated.RemoveAll()
	p := v.ctrl.Project()
	if p == nil {
		v.time.Set(coverage.Timeline{}, nil)
		v.timeEmpty.SetText("No project open.")
		v.timeEmpty.Show()
		return
	}
	// Built from the documents as they are now, so an outlet or a date the
	// analyst just set shows at once.
	byPath := v.docs()
	tl := coverage.NewTimeline(coverage.DocsOf(p.Docs))
	v.time.Set(tl, func(path string) *document.Document { return byPath[path] })
	if len(v.time.Lanes()) == 0 {
		v.time.Hide()
		v.timeEmpty.SetText("No document has a date. Set dates in the Source panel.")
		v.timeEmpty.Show()
	} else {
		v.time.Show()
		v.timeEmpty.Hide()
	}
	if len(tl.Undated) == 0 {
		return
	}
	v.undated.Add(widget.NewLabelWithStyle(fmt.Sprintf("Undated (%d)", len(tl.Undated)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, u := range tl.Undated {
		d := byPath[u.Path]
		if d == nil {
			continue
		}
		outlet := u.Outlet
		if outlet == "" {
			outlet = "Unknown outlet"
		}
		link := widget.NewHyperlink(outlet+"  —  "+d.Name(), nil)
		link.OnTapped = func() { v.ctrl.Open(d) }
		link.Truncation = fyne.TextTruncateEllipsis
		v.undated.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentIcon()), nil, link))
	}
}

func infoLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
