package coverageview

import (
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
)

func TestTapCellRevealsFirstMention(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	reqs := paneltest.Record(c)
	v := New(c)
	w := test.NewTempWindow(t, v.CoverageObject())
	w.Resize(fyne.NewSize(900, 600))
	h := v.HeatMap()
	rows, cols := h.Rows(), h.Columns()
	if len(rows) == 0 || len(cols) != 5 {
		t.Fatalf("%d rows, %d columns", len(rows), len(cols))
	}
	// Columns are grouped by outlet, unknown last.
	if cols[len(cols)-1].Outlet != "" || cols[0].Outlet == "" {
		t.Errorf("column outlets: first %q, last %q", cols[0].Outlet, cols[len(cols)-1].Outlet)
	}
	// The al-Qaim row in the Tehran Times column.
	ri, ci := -1, -1
	for i, r := range rows {
		if r.Name == "al-Qaim" {
			ri = i
		}
	}
	for i, col := range cols {
		if col.Doc.Path == "003_36071b8ad8be61a2.txt" {
			ci = i
		}
	}
	if ri < 0 || ci < 0 {
		t.Fatalf("no al-Qaim row (%d) or 003 column (%d)", ri, ci)
	}
	if d := h.Describe(ri, ci); !strings.Contains(d, "al-Qaim") || !strings.Contains(d, "Tehran Times") || !strings.Contains(d, "mention") {
		t.Errorf("describe: %q", d)
	}
	// Hovering tells the count in the info line.
	h.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: h.CellPosition(ri, ci)}})
	if !strings.Contains(v.heatInfo.Text, "al-Qaim") {
		t.Errorf("hover info %q", v.heatInfo.Text)
	}
	test.TapAt(h, h.CellPosition(ri, ci))
	req, ok := reqs.Last()
	if !ok || req.Reveal == nil || req.Docs[0].Path != "003_36071b8ad8be61a2.txt" {
		t.Fatalf("no reveal of 003: %+v", reqs.List)
	}
	e := a.Entities().Entity(rows[ri].ID)
	first := -1
	for _, m := range e.Mentions {
		if m.Doc == "003_36071b8ad8be61a2.txt" && (first < 0 || m.Span.Start < first) {
			first = m.Span.Start
		}
	}
	if req.Reveal.Start != first {
		t.Errorf("revealed %+v, first mention at %d", *req.Reveal, first)
	}
	doc := req.Docs[0]
	if got := doc.Text[req.Reveal.Start:req.Reveal.End]; !strings.Contains(strings.ToLower(got), "qa") {
		t.Errorf("revealed %q", got)
	}
	// A tap outside the cells does nothing.
	n := len(reqs.List)
	test.TapAt(h, fyne.NewPos(5, 5))
	if len(reqs.List) != n {
		t.Error("a tap on the header made a request")
	}
}

// The heat map's raster is premultiplied RGBA (which the GL painter
// uploads without converting), a cell with more mentions is drawn nearer
// the primary colour, and a cell without any in the empty colour.
func TestHeatMapRaster(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	v := New(c)
	w := test.NewTempWindow(t, v.CoverageObject())
	w.Resize(fyne.NewSize(900, 600))
	h := v.HeatMap()
	r := h.rend
	img, ok := r.draw(int(r.size.Width), int(r.size.Height)).(*image.RGBA)
	if !ok {
		t.Fatalf("raster is %T, want *image.RGBA", img)
	}
	var lo, hi, none [2]int = [2]int{-1, -1}, [2]int{-1, -1}, [2]int{-1, -1}
	for ri := range h.Rows() {
		for ci := range h.Columns() {
			switch n := h.count(ri, ci); {
			case n == 0:
				none = [2]int{ri, ci}
			case n == 1:
				lo = [2]int{ri, ci}
			case n >= 5:
				hi = [2]int{ri, ci}
			}
		}
	}
	if lo[0] < 0 || hi[0] < 0 || none[0] < 0 {
		t.Fatalf("cells with 0, 1 and 5+ mentions: %v %v %v", none, lo, hi)
	}
	at := func(cell [2]int) color.RGBA {
		p := h.CellPosition(cell[0], cell[1])
		return img.RGBAAt(int(p.X), int(p.Y))
	}
	primary := toRGBA(theme.Color(theme.ColorNamePrimary))
	dist := func(a, b color.RGBA) int {
		d := func(x, y uint8) int { return (int(x) - int(y)) * (int(x) - int(y)) }
		return d(a.R, b.R) + d(a.G, b.G) + d(a.B, b.B)
	}
	if got, want := at(none), toRGBA(theme.Color(theme.ColorNameInputBackground)); got != want {
		t.Errorf("empty cell %v, want %v", got, want)
	}
	if dl, dh := dist(at(lo), primary), dist(at(hi), primary); dh >= dl {
		t.Errorf("5+ mentions (%v) not nearer the primary colour than 1 (%v)", at(hi), at(lo))
	}
}

func TestTimelineLanesAndUndated(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SmallProject(t))
	reqs := paneltest.Record(c)
	v := New(c)
	w := test.NewTempWindow(t, v.TimelineObject())
	w.Resize(fyne.NewSize(900, 400))
	tl := v.Timeline()
	lanes := tl.Lanes()
	if len(lanes) != 2 || lanes[0].Outlet != "Harbor Wire" || len(lanes[0].Points) != 2 || lanes[1].Outlet != "Ridge Daily" {
		t.Fatalf("lanes: %+v", lanes)
	}
	// Later documents lie further right.
	if a, b := tl.PointPosition(0, 0), tl.PointPosition(0, 1); a.X >= b.X {
		t.Errorf("2 March at %v, 5 March at %v", a, b)
	}
	if a, b := tl.PointPosition(0, 0), tl.PointPosition(1, 0); a.X >= b.X || a.Y >= b.Y {
		t.Errorf("Harbor 2 March at %v, Ridge 3 March at %v", a, b)
	}
	if u := v.Undated(); len(u) != 1 || !strings.Contains(u[0].Text, "Valley Post") {
		t.Errorf("undated: %d", len(u))
	}
	test.TapAt(tl, tl.PointPosition(1, 0))
	req, ok := reqs.Last()
	if !ok || len(req.Docs) != 1 || req.Docs[0].Path != "c_ridge.txt" || !req.Replace {
		t.Fatalf("tap on the Ridge point: %+v", reqs.List)
	}
	test.TapAt(v.Undated()[0], fyne.NewPos(20, 12))
	if req, _ := reqs.Last(); req.Docs[0].Path != "d_valley.txt" {
		t.Errorf("undated button opened %s", req.Docs[0].Path)
	}

	// A date set by the analyst moves the document onto the timeline.
	d := paneltest.Doc(c, "d_valley.txt")
	d.Meta.Date = document.Field{Value: "2024-03-04", Source: document.FromAnalyst}
	c.SetAnalysis(c.Analysis())
	if lanes := tl.Lanes(); len(lanes) != 3 || len(v.Undated()) != 0 {
		t.Errorf("after dating the Valley Post note: %d lanes, %d undated", len(lanes), len(v.Undated()))
	}
}

// Hovering a point draws its dot larger, and only its dot; a timeline
// that is not drawn builds nothing when its lanes change.
func TestTimelineHoverAndLazyDrawing(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SmallProject(t))
	v := New(c)
	w := test.NewTempWindow(t, v.TimelineObject())
	w.Resize(fyne.NewSize(900, 400))
	tl := v.Timeline()
	r := tl.rend
	if r == nil || len(r.Objects()) == 0 || len(r.dots) != 3 {
		t.Fatalf("drawn timeline: renderer %v", r)
	}
	size := func(i int) float32 { return r.dots[i].Size().Width }
	plain := size(0)
	hover := func(lane, index int) {
		tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tl.PointPosition(lane, index)}})
	}
	hover(0, 1)
	if size(1) <= plain || size(0) != plain || size(2) != plain {
		t.Errorf("hovering point 1: dot sizes %v %v %v", size(0), size(1), size(2))
	}
	hover(1, 0)
	if size(1) != plain || size(2) <= plain {
		t.Errorf("hovering point 2 after 1: dot sizes %v %v %v", size(0), size(1), size(2))
	}
	tl.MouseOut()
	if size(2) != plain {
		t.Errorf("after the pointer left: dot 2 is %v, want %v", size(2), plain)
	}

	v.TimelineObject().Hide()
	before := r.objs
	d := paneltest.Doc(c, "d_valley.txt")
	d.Meta.Date = document.Field{Value: "2024-03-04", Source: document.FromAnalyst}
	c.SetAnalysis(c.Analysis())
	if !r.stale || &r.objs[0] != &before[0] {
		t.Error("a hidden timeline rebuilt its drawing")
	}
	if len(r.Objects()) == 0 || r.stale || len(r.dots) != 4 {
		t.Errorf("drawn again: stale %v, %d dots, want 4", r.stale, len(r.dots))
	}
}

func TestTicks(t *testing.T) {
	cases := []struct {
		a, b  string
		first string
		min   int
	}{
		{"2018-01-01", "2021-06-30", "2018", 3},
		{"2020-01-01", "2021-06-30", "Jan 2020", 4},
		{"2024-03-01", "2024-03-06", "1 Mar 2024", 5},
	}
	for _, c := range cases {
		a, _ := parse(c.a)
		b, _ := parse(c.b)
		ts := ticks(a, b)
		if len(ts) < c.min || len(ts) > 14 || ts[0].label(true) != c.first {
			t.Errorf("%s–%s: %d ticks, first %q", c.a, c.b, len(ts), ts[0].label(true))
		}
	}
}

func TestEmptyStates(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SmallProject(t))
	c.SetAnalysis(nil)
	v := New(c)
	if v.heatEmpty.Text != "Analysing…" || !v.heatEmpty.Visible() {
		t.Errorf("heat map while analysing: %q", v.heatEmpty.Text)
	}
}

func TestRendersCoverageAndTimeline(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Fixture(t)
	v := New(c)
	w := test.NewTempWindow(t, v.CoverageObject())
	w.Resize(fyne.NewSize(700, 320))
	paneltest.Snapshot(t, w.Canvas(), "coverage")
	test.AssertRendersToMarkup(t, "coverage_small.xml", w.Canvas())
	w2 := test.NewTempWindow(t, v.TimelineObject())
	w2.Resize(fyne.NewSize(700, 320))
	paneltest.Snapshot(t, w2.Canvas(), "timeline")
	test.AssertRendersToMarkup(t, "timeline_small.xml", w2.Canvas())
}

func TestSnapshotSample(t *testing.T) {
	paneltest.SkipUnlessSnapshots(t)
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	v := New(c)
	w := test.NewTempWindow(t, v.CoverageObject())
	w.Resize(fyne.NewSize(900, 500))
	paneltest.Snapshot(t, w.Canvas(), "coverage_sample")
	w2 := test.NewTempWindow(t, v.TimelineObject())
	w2.Resize(fyne.NewSize(900, 300))
	paneltest.Snapshot(t, w2.Canvas(), "timeline_sample")
}

func parse(s string) (t time.Time, ok bool) { return coverage.ParseDate(s) }
