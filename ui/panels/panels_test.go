package panels

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/entitysearch"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// TestWiredIntoWorkbench wires the panels into the real window as the lead
// does and opens a copy of the sample project through it.
func TestWiredIntoWorkbench(t *testing.T) {
	a := test.NewTempApp(t)
	analysed := make(chan error, 1)
	w := ui.New(a, ui.Options{Loader: backend.Load, Analyse: backend.Analyse,
		OnAnalysed: func(_ *engine.Analysis, err error) { analysed <- err }})
	t.Cleanup(func() { w.Window().Close() })
	w.Window().Resize(fyne.NewSize(1280, 800))

	set := New(w.Controller())
	ps := set.All()
	ids := map[string]state.Slot{}
	for _, p := range ps {
		w.AddPanel(p)
		ids[p.ID] = p.Slot
	}
	w.AddHeaderTool(set.SearchField())
	want := map[string]state.Slot{"entities": state.SlotSidebar, "aliases": state.SlotSidebar,
		"framing": state.SlotInspector, "coverage": state.SlotBottom, "timeline": state.SlotBottom,
		"groups": state.SlotBottom}
	for id, slot := range want {
		if got, ok := ids[id]; !ok || got != slot {
			t.Errorf("panel %s: slot %v, present %v", id, got, ok)
		}
	}

	// The groups panel compares in the background and installs its result
	// through fyne.Do, which the test driver runs on that goroutine: wait
	// for it before touching the window.
	computed := make(chan struct{}, 8)
	set.Groups.OnComputed(func() { computed <- struct{}{} })
	w.OpenFolder(paneltest.SampleCopy(t, nil))
	select {
	case err := <-analysed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no analysis")
	}
	select {
	case <-computed:
	case <-time.After(60 * time.Second):
		t.Fatal("the groups panel did not compare")
	}
	c := w.Controller()
	layer := c.HighlightLayers()[entitysearch.LayerEntities]
	if layer == nil {
		t.Fatal("no entities layer")
	}
	// The panel's layer is the one installed: toggling all off empties it.
	set.Search.SetAllHighlighted(false)
	for _, d := range c.Project().Docs {
		if n := len(c.HighlightLayers()[entitysearch.LayerEntities](d)); n != 0 {
			t.Fatalf("%s: %d entity highlights with highlighting off: the window's default layer is installed", d.Path, n)
		}
	}
	set.Search.SetAllHighlighted(true)

	// The header field types into the panel.
	hdr := paneltest.Find(set.SearchField(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Entry); return ok })
	if len(hdr) == 0 {
		t.Fatal("no header entry")
	}
	test.Type(hdr[0].(*widget.Entry), "qaim")
	if hits := set.Search.Hits(); len(hits) == 0 || hits[0].Name != "al-Qaim" {
		t.Fatalf("header search: %+v", hits)
	}
	// Revealing a mention opens it in the compare view.
	set.Search.ChooseMention(0)
	panes := w.Compare().Panes()
	row := set.Search.MentionRows()[0]
	if len(panes) != 1 || panes[0].Doc().Path != row.Path {
		t.Fatalf("compare view shows %d panes", len(panes))
	}
	if got := panes[0].Text().LastFlash(); got.Start != row.Start || got.End != row.End {
		t.Errorf("flashed %+v, want %d-%d", got, row.Start, row.End)
	}
	// The focused document is the source panel's.
	if set.Source.Doc() == nil || set.Source.Doc().Path != row.Path {
		t.Errorf("source panel shows %v", set.Source.Doc())
	}
}
