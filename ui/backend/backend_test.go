package backend

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/ui/state"
)

func TestPassagesPairsOpenDocuments(t *testing.T) {
	a := &document.Document{Path: "a.txt"}
	b := &document.Document{Path: "b.txt"}
	c := &document.Document{Path: "c.txt"}
	an := engine.Assemble(engine.Parts{Passages: []reuse.Passage{
		{ID: "p1", Spans: []reuse.Span{{Path: "a.txt", Start: 1, End: 5}, {Path: "b.txt", Start: 10, End: 14}, {Path: "c.txt", Start: 0, End: 4}}},
		{ID: "p2", Spans: []reuse.Span{{Path: "a.txt", Start: 20, End: 30}, {Path: "a.txt", Start: 40, End: 50}}}, // repeated within one document
	}})
	f := Passages(an)
	tests := []struct {
		name string
		open []*document.Document
		want int
	}{
		{"two open", []*document.Document{a, b}, 1},
		{"three open", []*document.Document{a, b, c}, 3},
		{"one open", []*document.Document{a}, 0},
		{"unrelated", []*document.Document{c}, 0},
	}
	for _, tc := range tests {
		got := f(tc.open)
		if len(got) != tc.want {
			t.Errorf("%s: %d pairs, want %d", tc.name, len(got), tc.want)
		}
		for _, sp := range got {
			if sp.DocA == sp.DocB || sp.ID == "" {
				t.Errorf("%s: bad pair %+v", tc.name, sp)
			}
		}
	}
	got := f([]*document.Document{a, b})
	if got[0].DocA != a || got[0].A != (document.Span{Start: 1, End: 5}) || got[0].B != (document.Span{Start: 10, End: 14}) {
		t.Errorf("pair = %+v", got[0])
	}
	if Passages(nil) != nil {
		t.Error("Passages(nil) is not nil")
	}
}

func TestEntityColorsAndHighlights(t *testing.T) {
	m := func(doc string, s, e int) entity.Mention {
		return entity.Mention{Doc: doc, Span: document.Span{Start: s, End: e}}
	}
	an := engine.Assemble(engine.Parts{Entities: &alias.Result{Entities: []*alias.Entity{
		{ID: "rare", Documents: []string{"a.txt", "b.txt"}, Mentions: []entity.Mention{m("a.txt", 0, 3), m("b.txt", 5, 8)}},
		{ID: "common", Documents: []string{"a.txt", "b.txt"}, Mentions: []entity.Mention{m("a.txt", 10, 13), m("a.txt", 20, 23), m("b.txt", 1, 3)}},
		{ID: "lonely", Documents: []string{"a.txt"}, Mentions: []entity.Mention{m("a.txt", 30, 33)}},
	}}})
	colors := EntityColors(an)
	if len(colors) != 2 || colors["common"] != 0 || colors["rare"] != 1 {
		t.Errorf("colors = %v, want common 0, rare 1, lonely none", colors)
	}
	hl := EntityHighlights(an, colors)
	got := hl(&document.Document{Path: "a.txt"})
	if len(got) != 3 {
		t.Fatalf("a.txt highlights = %+v", got)
	}
	for _, h := range got {
		if h.ID == "lonely" {
			t.Error("an entity of one document is highlighted")
		}
		if h.ColorIndex != colors[h.ID] {
			t.Errorf("%s colour %d, want %d", h.ID, h.ColorIndex, colors[h.ID])
		}
	}
	if len(hl(&document.Document{Path: "zzz"})) != 0 {
		t.Error("highlights for an unknown document")
	}
}

func TestLoadAndAnalyse(t *testing.T) {
	dir := t.TempDir()
	text := "Officials in Eastport said the Rivergate crossing would reopen. "
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text+text+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var events int
	p, err := Load(context.Background(), dir, func(state.Progress) { events++ })
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 2 || p.Source == nil || events == 0 {
		t.Fatalf("loaded %d docs, source %T, %d progress events", len(p.Docs), p.Source, events)
	}
	a, err := Analyse(context.Background(), p, func(state.Progress) {})
	if err != nil {
		t.Fatal(err)
	}
	if a == nil || a.Project() == nil {
		t.Fatal("no analysis")
	}
	if _, err := Analyse(context.Background(), &state.Project{Dir: dir}, func(state.Progress) {}); err == nil {
		t.Error("analysing a project the engine did not open succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, dir, func(state.Progress) {}); err == nil {
		t.Error("a cancelled load succeeded")
	}
}

func TestWatchReportsNewFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("first made-up note"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan state.Change, 4)
	go Watch(ctx, dir, func(c state.Change) { got <- c })
	time.Sleep(200 * time.Millisecond) // let the watcher start
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("second made-up note"), 0o644)
	select {
	case c := <-got:
		if c.Added != 1 {
			t.Errorf("change = %+v, want one added", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
	}
}
