package coverageview

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// inBackground runs prepare on another goroutine, as the window does, and
// returns what it wants applied.
func inBackground[T any](preparers []func(T) func(), x T) []func() {
	out := make(chan []func())
	go func() { out <- state.Prepare(preparers, x) }()
	return <-out
}

// The timeline of a project and the heat map's columns of an analysis are
// prepared off the main goroutine and shown when they are announced; a
// preparation overtaken by a newer project is thrown away, and the view
// then derives the same itself.
func TestPreparedProjectAndAnalysis(t *testing.T) {
	for _, stale := range []bool{false, true} {
		name := "fresh"
		if stale {
			name = "stale"
		}
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			c, a := paneltest.Analysed(t, paneltest.SmallProject(t))
			proj := c.Project()
			v := New(c)
			w := test.NewTempWindow(t, v.TimelineObject())
			w.Resize(fyne.NewSize(900, 400))
			wantLanes, wantRows, wantCols := laneDocs(v.Timeline()), v.HeatMap().Rows(), v.HeatMap().Columns()
			if len(wantLanes) != 2 || len(wantRows) == 0 || len(wantCols) != 4 {
				t.Fatalf("before: lanes %v, %d rows, %d columns", wantLanes, len(wantRows), len(wantCols))
			}

			// A reload: the project, then its analysis.
			applies := inBackground(c.ProjectPreparers(), proj)
			if stale {
				c.SetProject(proj)
			}
			for _, apply := range applies {
				apply()
			}
			if (v.timeReady != nil) == stale {
				t.Fatalf("prepared timeline kept: %v, stale %v", v.timeReady != nil, stale)
			}
			ready := v.timeReady
			c.SetProject(proj)
			if !stale && v.timeData != ready {
				t.Error("the view did not show the timeline prepared for it")
			}
			if v.heatEmpty.Text != "Analysing…" {
				t.Errorf("heat map while analysing: %q", v.heatEmpty.Text)
			}
			applies = inBackground(c.AnalysisPreparers(), a)
			if stale {
				c.SetAnalysis(engine.Assemble(engine.Parts{Project: a.Project()})) // an analysis overtakes it
			}
			for _, apply := range applies {
				apply()
			}
			if (v.heatReady != nil) == stale {
				t.Fatalf("prepared heat map kept: %v, stale %v", v.heatReady != nil, stale)
			}
			heat := v.heatReady
			c.SetAnalysis(a)
			if !stale {
				if v.heatData != heat || len(heat.byN) != len(rowCounts) {
					t.Error("the view did not show the heat map prepared for it, for every row count")
				}
			}
			if got := laneDocs(v.Timeline()); !reflect.DeepEqual(got, wantLanes) {
				t.Errorf("lanes %v, want %v", got, wantLanes)
			}
			if got := v.HeatMap().Rows(); !slices.EqualFunc(got, wantRows, func(x, y coverage.Row) bool { return x.ID == y.ID }) {
				t.Errorf("%d rows, want %d", len(got), len(wantRows))
			}
			if got := v.HeatMap().Columns(); !slices.EqualFunc(got, wantCols, func(x, y Column) bool { return x.Doc == y.Doc && x.Index == y.Index }) {
				t.Errorf("columns %v, want %v", got, wantCols)
			}
		})
	}
}

// laneDocs lists each lane's outlet and document paths.
func laneDocs(tl *Timeline) []string {
	var out []string
	for _, l := range tl.Lanes() {
		var paths []string
		for _, p := range l.Points {
			paths = append(paths, p.Doc.Path)
		}
		out = append(out, l.Outlet+": "+strings.Join(paths, " "))
	}
	return out
}

// An outlet set by the analyst shows at once (MetadataChanged), and the
// timeline is not rebuilt when nothing it shows changed.
func TestMetadataChangeRedraws(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SmallProject(t))
	v := New(c)
	test.NewTempWindow(t, v.TimelineObject())
	before := v.timeData
	c.MetadataChanged()
	if v.timeData != before {
		t.Error("the timeline was rebuilt though nothing changed")
	}
	d := paneltest.Doc(c, "c_ridge.txt")
	d.Meta.Outlet = document.Field{Value: "Harbor Wire", Source: document.FromAnalyst}
	c.MetadataChanged()
	if lanes := v.Timeline().Lanes(); len(lanes) != 1 || len(lanes[0].Points) != 3 {
		t.Errorf("after moving the Ridge note to Harbor Wire: %v", laneDocs(v.Timeline()))
	}
	for _, col := range v.HeatMap().Columns() {
		if col.Doc == d && col.Outlet != "Harbor Wire" {
			t.Errorf("heat map column of %s under %q", d.Path, col.Outlet)
		}
	}
}

// The undated documents are listed by name up to maxUndated, then counted.
func TestUndatedListIsBounded(t *testing.T) {
	for _, n := range []int{3, maxUndated + 25} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			test.NewTempApp(t)
			docs := make([]*document.Document, n)
			for i := range docs {
				docs[i] = &document.Document{Path: fmt.Sprintf("d%04d.txt", i), Text: "x"}
			}
			c := state.New()
			c.SetProject(&state.Project{Docs: docs})
			v := New(c)
			if got, want := len(v.Undated()), min(n, maxUndated); got != want {
				t.Errorf("%d links, want %d", got, want)
			}
			more := false
			for _, o := range v.undated.Objects {
				if lbl, ok := o.(*widget.Label); ok && strings.Contains(lbl.Text, "more") {
					more = true
				}
			}
			if more != (n > maxUndated) {
				t.Errorf("“more” line shown %v for %d documents", more, n)
			}
		})
	}
}
