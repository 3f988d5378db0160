package entitysearch

import (
	"reflect"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// prepareInBackground runs the controller's analysis preparers on another
// goroutine, as the window does, and returns what they want applied.
func prepareInBackground(c *state.Controller, a *engine.Analysis) []func() {
	preparers := c.AnalysisPreparers()
	out := make(chan []func())
	go func() { out <- state.Prepare(preparers, a) }()
	return <-out
}

// The panel's data for an analysis is prepared off the main goroutine and
// installed when the analysis is announced; a preparation overtaken by a
// newer project is thrown away, and the panel then derives the same data
// itself.
func TestPreparedAnalysis(t *testing.T) {
	for _, stale := range []bool{false, true} {
		name := "fresh"
		if stale {
			name = "stale"
		}
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			c, a := paneltest.Fixture(t)
			proj := c.Project()
			p := New(c)
			test.NewTempWindow(t, p.Object())
			doc := paneltest.Doc(c, "a_harbor.txt")
			wantHits := p.Hits()
			wantMarks := c.HighlightLayers()[LayerEntities](doc)
			if len(wantHits) == 0 || len(wantMarks) == 0 {
				t.Fatalf("%d hits, %d highlights before", len(wantHits), len(wantMarks))
			}

			c.SetProject(proj) // a reload: the analysis comes again
			applies := prepareInBackground(c, a)
			if len(applies) == 0 {
				t.Fatal("the panel prepared nothing")
			}
			if stale {
				c.SetProject(proj)
			}
			for _, apply := range applies {
				apply()
			}
			if (p.ready != nil) == stale {
				t.Fatalf("prepared data kept: %v, stale %v", p.ready != nil, stale)
			}
			var byDoc map[string][]mark
			if p.ready != nil {
				byDoc = p.ready.byDoc
			}
			c.SetAnalysis(a)
			if p.ready != nil {
				t.Error("the prepared data was not taken")
			}
			if !stale && reflect.ValueOf(p.marks.byDoc).Pointer() != reflect.ValueOf(byDoc).Pointer() {
				t.Error("the panel did not install the data prepared for it")
			}
			if got := p.Hits(); !slices.EqualFunc(got, wantHits, func(x, y search.Hit) bool { return x.ID == y.ID }) {
				t.Errorf("hits %v, want %v", got, wantHits)
			}
			if got := c.HighlightLayers()[LayerEntities](doc); !slices.Equal(got, wantMarks) {
				t.Errorf("%d highlights, want %d", len(got), len(wantMarks))
			}
		})
	}
}

// The same analysis announced again (after an edit of metadata) keeps the
// analyst's toggles and colours.
func TestSameAnalysisKeepsToggles(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Fixture(t)
	p := New(c)
	test.NewTempWindow(t, p.Object())
	nordvik := a.Entities().EntityOf("Nordvik")
	p.SetHighlighted(nordvik.ID, false)
	colors := copyColors(p.marks.colors)
	c.SetAnalysis(a)
	if p.Highlighted(nordvik.ID) {
		t.Error("Nordvik highlighted again after the analysis was announced again")
	}
	if got := copyColors(p.marks.colors); !reflect.DeepEqual(got, colors) {
		t.Error("colours changed")
	}
	// A new analysis keeps the toggle too.
	c.SetAnalysis(engine.Assemble(engine.Parts{Project: a.Project(), Entities: a.Entities(), Search: a.Search()}))
	if p.Highlighted(nordvik.ID) {
		t.Error("Nordvik highlighted again after a new analysis")
	}
}

func copyColors(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// A stale preparation stops early.
func TestPrepareStopsWhenStale(t *testing.T) {
	test.NewTempApp(t)
	_, a := paneltest.Fixture(t)
	if prepareAnalysis(a, 1, func() bool { return true }) != nil {
		t.Error("a stale preparation returned data")
	}
	pr := prepareAnalysis(a, 1, func() bool { return false })
	if pr == nil || len(pr.top) == 0 || len(pr.byDoc) == 0 || len(pr.colors) == 0 {
		t.Fatalf("preparation: %+v", pr)
	}
	// The most mentioned entities' mentions are listed ahead, as the index
	// lists them.
	if len(pr.rows) != min(len(pr.top), preparedEntities) {
		t.Errorf("%d mention lists prepared", len(pr.rows))
	}
	for id, rows := range pr.rows {
		if want := a.Search().Mentions(id); !slices.Equal(rows, want) {
			t.Errorf("%s: %d rows prepared, %d listed by the index", id, len(rows), len(want))
		}
	}
	if none := prepareAnalysis(a, 0, nil); len(none.rows) != 0 {
		t.Errorf("%d mention lists prepared without asking", len(none.rows))
	}
	for id, on := range pr.on {
		if !on || pr.colors[id] < 0 || pr.colors[id] >= textview.PaletteSize {
			t.Errorf("entity %s starts on %v with colour %d", id, on, pr.colors[id])
		}
	}
}

// An entity's mention list is made once while the analysis and the
// metadata stay, and made again after they change.
func TestMentionListsKept(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Fixture(t)
	p := New(c)
	test.NewTempWindow(t, p.Object())
	test.Type(p.Entry(), "nordvik")
	id := p.Chosen()
	groups := p.Groups()
	if id == "" || len(groups) == 0 || p.listed[id] == nil {
		t.Fatalf("chosen %q, %d groups, kept %v", id, len(groups), p.listed[id] != nil)
	}
	kept := p.listed[id]
	p.SetQuery("")
	test.Type(p.Entry(), "nordv")
	if p.Chosen() != id || p.listed[id] != kept || !reflect.DeepEqual(p.Groups(), groups) {
		t.Errorf("typing the name again: chosen %q, same list %v", p.Chosen(), p.listed[id] == kept)
	}
	c.MetadataChanged()
	if p.listed[id] != nil {
		t.Error("the list outlived a change of metadata")
	}
	c.SetAnalysis(engine.Assemble(engine.Parts{Project: a.Project(), Entities: a.Entities(), Search: a.Search()}))
	if p.listed[id] == kept {
		t.Error("the list outlived the analysis")
	}
	if !reflect.DeepEqual(p.Groups(), groups) {
		t.Error("the list made again differs")
	}
}
