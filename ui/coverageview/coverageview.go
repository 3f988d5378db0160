// Package coverageview draws who covers what and when: the entity ×
// document matrix as a heat map (rows are the most mentioned entities,
// columns the documents grouped by outlet, shade by number of mentions),
// and the documents on a timeline with a lane per outlet, the undated ones
// listed apart. Tapping a cell reveals that entity's first mention in that
// document; tapping a point opens the document.
package coverageview

import (
	"fmt"
	"hash/maphash"
	"sync/atomic"

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

	// heatData is the heat map's data for the analysis shown (nil before
	// it is needed), timeData the timeline shown (nil without a project).
	// heatReady and timeReady were prepared off the main goroutine for the
	// analysis or project about to be announced, until its listener takes
	// them. projEpoch and anaEpoch count the projects and analyses
	// announced: a preparation started under older ones is stale.
	heatData  *heatData
	timeData  *timelineData
	heatReady *heatData
	timeReady *timelineData
	projEpoch atomic.Uint64
	anaEpoch  atomic.Uint64
	seed      maphash.Seed
}

// maxUndated is the most undated documents listed by name.
const maxUndated = 200

// New returns the view following ctrl's analysis.
func New(ctrl *state.Controller) *View {
	v := &View{ctrl: ctrl, topN: 30, seed: maphash.MakeSeed()}
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

	ctrl.OnProjectPrepare(v.prepareProject)
	ctrl.OnAnalysisPrepare(v.prepareAnalysis)
	ctrl.OnProjectChanged(v.projectChanged)
	ctrl.OnAnalysisChanged(v.analysisChanged)
	// An outlet or a date the analyst just set shows at once.
	ctrl.OnMetadataChanged(v.refresh)
	v.refresh()
	return v
}

// prepareProject runs off the main goroutine with a project about to be
// shown: it builds the timeline and returns the function that hands it to
// projectChanged (nil when a newer project was shown meanwhile).
func (v *View) prepareProject(p *state.Project) (apply func()) {
	epoch := v.projEpoch.Load()
	td := buildTimeline(v.seed, p)
	if v.projEpoch.Load() != epoch {
		return nil
	}
	return func() {
		if v.projEpoch.Load() == epoch {
			v.timeReady = td
		}
	}
}

// prepareAnalysis runs off the main goroutine with an analysis about to
// be announced: it selects the heat map's columns for every row count on
// offer and returns the function that hands them to analysisChanged (nil
// when a newer project or analysis came meanwhile).
func (v *View) prepareAnalysis(a *engine.Analysis) (apply func()) {
	if a == nil || a.Project() == nil {
		return nil
	}
	pe, ae := v.projEpoch.Load(), v.anaEpoch.Load()
	stale := func() bool { return v.projEpoch.Load() != pe || v.anaEpoch.Load() != ae }
	byPath := make(map[string]*document.Document, a.Project().NumDocs())
	for _, d := range a.Project().Docs() {
		if d != nil {
			byPath[d.Path] = d
		}
	}
	hd := prepareHeat(a, func(path string) *document.Document { return byPath[path] }, rowCounts, stale)
	if hd == nil {
		return nil
	}
	return func() {
		if !stale() {
			v.heatReady = hd
		}
	}
}

// projectChanged shows a new project: its timeline, prepared when it was
// loaded, and no heat map until it is analysed.
func (v *View) projectChanged(p *state.Project) {
	td := v.timeReady
	v.timeReady, v.heatReady, v.heatData = nil, nil, nil
	v.projEpoch.Add(1)
	if td != nil && td.p == p && p != nil {
		v.showTimeline(td)
	} else {
		v.refreshTimeline()
	}
	v.refreshHeat()
}

// analysisChanged shows a new analysis, with the heat map's data prepared
// for it when there is some. The same analysis announced again (after the
// analyst edited documents' metadata) redraws from the documents as they
// are now.
func (v *View) analysisChanged(a *engine.Analysis) {
	hd := v.heatReady
	v.heatReady = nil
	v.anaEpoch.Add(1)
	if hd != nil && hd.a == a {
		v.heatData = hd
	}
	v.refresh()
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

func (v *View) refreshHeat() {
	a := v.ctrl.Analysis()
	switch {
	case a == nil:
		v.heat.Set(nil, nil)
		v.heatEmpty.SetText(uikit.NoAnalysisYet(v.ctrl.Project() != nil))
		v.heatEmpty.Show()
		v.heatNote.SetText("")
		return
	case len(a.Coverage().Rows) == 0:
		v.heat.Set(nil, nil)
		v.heatEmpty.SetText("No entities found in this project.")
		v.heatEmpty.Show()
		v.heatNote.SetText("")
		return
	}
	v.heatEmpty.Hide()
	hd := v.heatData
	if hd == nil || hd.a != a {
		hd = &heatData{a: a, byN: map[int]heatSel{}}
		v.heatData = hd
	}
	sel, ok := hd.byN[v.topN]
	if !ok || hd.docs == nil {
		// Not prepared in the background: the analysis was announced
		// without preparation, or the view has no project of its own.
		p := v.ctrl.Project()
		next := prepareHeat(a, p.Doc, []int{v.topN}, nil)
		hd.docs = next.docs
		sel = next.byN[v.topN]
		hd.byN[v.topN] = sel
	}
	cols := make([]Column, 0, len(sel.cols))
	for _, i := range sel.cols {
		d := hd.docs[i]
		cols = append(cols, Column{Doc: d, Outlet: d.Meta.Outlet.Value, Index: i})
	}
	v.heatNote.SetText(sel.note)
	v.heat.Set(sel.rows, cols)
}

// revealCell reveals the first mention of the row's entity in doc.
func (v *View) revealCell(row coverage.Row, doc *document.Document) {
	a := v.ctrl.Analysis()
	if a == nil || a.Entities() == nil || doc == nil {
		return
	}
	e := a.Entities().Entity(row.ID)
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

// refreshTimeline draws the timeline of the project's documents as they
// are now, unless it shows them already.
func (v *View) refreshTimeline() {
	p := v.ctrl.Project()
	if p == nil {
		v.timeData = nil
		v.undated.RemoveAll()
		v.time.Set(coverage.Timeline{}, nil)
		v.timeEmpty.SetText("No project open.")
		v.timeEmpty.Show()
		return
	}
	if td := v.timeData; td != nil && td.p == p && td.sig == docsSig(v.seed, p.Docs) {
		return
	}
	v.showTimeline(buildTimeline(v.seed, p))
}

// showTimeline draws td.
func (v *View) showTimeline(td *timelineData) {
	v.timeData = td
	v.undated.RemoveAll()
	v.time.show(td.lanes, td.first, td.last)
	if len(td.lanes) == 0 {
		v.time.Hide()
		v.timeEmpty.SetText("No document has a date. Set dates in the Source panel.")
		v.timeEmpty.Show()
	} else {
		v.time.Show()
		v.timeEmpty.Hide()
	}
	undated := td.tl.Undated
	if len(undated) == 0 {
		return
	}
	v.undated.Add(widget.NewLabelWithStyle(fmt.Sprintf("Undated (%d)", len(undated)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	// Each link is a widget of its own: list a few hundred.
	for _, u := range undated[:min(len(undated), maxUndated)] {
		d := td.byPath[u.Path]
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
	if n := len(undated) - maxUndated; n > 0 {
		v.undated.Add(infoLabel(fmt.Sprintf("… and %d more; the Documents list shows them all.", n)))
	}
}

func infoLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
