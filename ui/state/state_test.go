package state

import (
	"fmt"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

func TestControllerListeners(t *testing.T) {
	c := New()
	a := &document.Document{Path: "a.txt"}
	b := &document.Document{Path: "b.txt"}
	var projects, focus, open, hl, reqs, shows int
	cancelProj := c.OnProjectChanged(func(*Project) { projects++ })
	c.OnFocusChanged(func(*document.Document) { focus++ })
	c.OnOpenDocsChanged(func([]*document.Document) { open++ })
	c.OnHighlightsChanged(func() { hl++ })
	var last Request
	c.OnRequest(func(r Request) { reqs++; last = r })
	c.OnShowPanel(func(string) { shows++ })

	c.SetProject(&Project{Docs: []*document.Document{a, b}})
	if projects != 1 || c.Project() == nil {
		t.Errorf("SetProject: %d calls", projects)
	}
	c.SetFocused(a)
	c.SetFocused(a)                     // unchanged: no call
	if focus != 2 || c.Focused() != a { // one from SetProject (nil), one here
		t.Errorf("focus listeners called %d times", focus)
	}
	c.Open(a, b)
	if reqs != 1 || !last.Replace || len(last.Docs) != 2 {
		t.Errorf("Open request = %+v", last)
	}
	c.Reveal(b, document.Span{Start: 3, End: 9})
	if reqs != 2 || last.Replace || last.Reveal == nil || last.Reveal.Start != 3 || last.Docs[0] != b {
		t.Errorf("Reveal request = %+v", last)
	}
	c.SetOpenDocs([]*document.Document{a})
	if got := c.OpenDocs(); len(got) != 1 || got[0] != a || open < 2 {
		t.Errorf("OpenDocs = %v, %d calls", got, open)
	}
	c.SetHighlightLayer("entities", func(*document.Document) []textview.Highlight { return nil })
	if hl != 1 || len(c.HighlightLayers()) != 1 {
		t.Errorf("highlight layer: %d calls, %d layers", hl, len(c.HighlightLayers()))
	}
	c.SetHighlightLayer("entities", nil)
	if len(c.HighlightLayers()) != 0 {
		t.Error("nil did not remove the layer")
	}
	c.ShowPanel("framing")
	if shows != 1 {
		t.Error("ShowPanel not passed on")
	}
	// A cancelled listener hears nothing more; closing clears the state.
	cancelProj()
	c.SetProject(nil)
	if projects != 1 {
		t.Error("cancelled listener still called")
	}
	if c.Focused() != nil || len(c.OpenDocs()) != 0 || c.Analysis() != nil {
		t.Error("SetProject(nil) left state behind")
	}
}

func TestPassagesNeedTwoDocuments(t *testing.T) {
	c := New()
	a := &document.Document{Path: "a"}
	b := &document.Document{Path: "b"}
	if c.Passages([]*document.Document{a, b}) != nil {
		t.Error("passages without a source")
	}
	calls := 0
	c.SetPassages(func(docs []*document.Document) []SharedPassage {
		calls++
		return []SharedPassage{{ID: "p", DocA: a, DocB: b}}
	})
	if got := c.Passages([]*document.Document{a}); got != nil || calls != 0 {
		t.Error("asked the source with one document open")
	}
	if got := c.Passages([]*document.Document{a, b}); len(got) != 1 {
		t.Errorf("got %v", got)
	}
	var p *Project
	if p.StanceOf(a) != "" {
		t.Error("nil project has a stance")
	}
}

func TestPrepareKeepsOrderAndSkipsNil(t *testing.T) {
	var ran []string
	preparers := []func(string) func(){
		func(x string) func() { return func() { ran = append(ran, "a:"+x) } },
		func(string) func() { return nil }, // nothing to apply
		func(x string) func() { return func() { ran = append(ran, "c:"+x) } },
	}
	apply := Prepare(preparers, "p")
	if len(apply) != 2 {
		t.Fatalf("%d apply functions, want 2", len(apply))
	}
	for _, f := range apply {
		f()
	}
	if len(ran) != 2 || ran[0] != "a:p" || ran[1] != "c:p" {
		t.Errorf("applied %v, want a:p then c:p", ran)
	}
	if got := Prepare[string](nil, "p"); got != nil {
		t.Errorf("no preparers gave %v", got)
	}
}

// Listeners run in the order they were added; one cancelled by another
// during a change still hears that change, and none after it.
func TestListenersInOrder(t *testing.T) {
	c := New()
	var got []int
	var cancel3 func()
	for i := 1; i <= 5; i++ {
		cancel := c.OnMetadataChanged(func() {
			got = append(got, i)
			if i == 2 {
				cancel3()
			}
		})
		if i == 3 {
			cancel3 = cancel
		}
	}
	for range 3 {
		c.MetadataChanged()
	}
	want := []int{1, 2, 3, 4, 5, 1, 2, 4, 5, 1, 2, 4, 5}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("listeners ran %v, want %v", got, want)
	}
}

// UpdateProject swaps in a new snapshot of the same folder: the focused
// and open documents become the new values of their paths, the metadata
// listeners hear of it, and the panes are not cleared.
func TestUpdateProjectRepoints(t *testing.T) {
	c := New()
	a := &document.Document{Path: "a.txt"}
	b := &document.Document{Path: "b.txt"}
	c.SetProject(&Project{Dir: "/p", Docs: []*document.Document{a, b}})
	c.SetOpenDocs([]*document.Document{a, b})
	c.SetFocused(b)
	var meta, projects int
	c.OnMetadataChanged(func() { meta++ })
	c.OnProjectChanged(func(*Project) { projects++ })

	nb := *b
	nb.Meta.Outlet.Value = "Edited"
	next := &Project{Dir: "/p", Docs: []*document.Document{a, &nb}}
	c.UpdateProject(next)
	if c.Project() != next || c.Focused() != &nb || meta != 1 || projects != 0 {
		t.Errorf("project %v, focused %v, %d metadata and %d project calls", c.Project() == next, c.Focused() == &nb, meta, projects)
	}
	if open := c.OpenDocs(); len(open) != 2 || open[0] != a || open[1] != &nb {
		t.Errorf("open %v", open)
	}
	// Another folder is a new project, not a snapshot.
	c.UpdateProject(&Project{Dir: "/q"})
	if projects != 1 || c.Focused() != nil {
		t.Errorf("another folder: %d project calls, focused %v", projects, c.Focused())
	}
}
