package backend

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// countedStore is a memstore that says when it is closed.
type countedStore struct {
	*memstore.Store
	closed bool
}

func (c *countedStore) Close() error { c.closed = true; return nil }

// The app opens each project with the store of its setting, analyses it
// through that store (warm the second time), keeps each store open for
// its project until the app quits, and closes them all then.
func TestLoaderAndAnalyserUseTheSettingsStore(t *testing.T) {
	ctx := context.Background()
	setting := ""
	stores := NewStores(func() string { return setting })
	kept := map[string]*countedStore{} // by project folder: what the store holds
	var opened []*countedStore
	stores.open = func(ctx context.Context, s, dir string) (store.Store, error) {
		if kept[dir] == nil {
			kept[dir] = &countedStore{Store: memstore.New()}
		}
		// a new handle on what is kept, as a reopened database is
		c := &countedStore{Store: kept[dir].Store}
		opened = append(opened, c)
		return c, nil
	}
	pool := pdftext.NewPool(1)
	defer pool.Close()
	load, analyse := NewLoader(pool, stores), NewAnalyser(stores)
	demo := testcorpus.DemoProjectCopy(t)
	other := t.TempDir()

	open := func(dir string) *state.Project {
		t.Helper()
		p, err := load(ctx, dir, func(state.Progress) {})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := open(demo)
	if p.Store != "memory, memory" {
		t.Errorf("Store = %q, want the store's kind and location", p.Store)
	}
	if reloaded := p.ReloadMetadata(); reloaded.Store != p.Store {
		t.Errorf("a reloaded snapshot's Store %q, want %q", reloaded.Store, p.Store)
	}
	a, err := analyse(ctx, p, func(state.Progress) {})
	if err != nil {
		t.Fatal(err)
	}
	if a.Kept().Warm || a.Kept().Extracted == 0 {
		t.Errorf("first analysis: kept %+v, want a cold one that extracted", a.Kept())
	}
	// The same project again (Reload): the same store, now warm.
	p = open(demo)
	if len(opened) != 1 {
		t.Errorf("%d stores opened for one project and setting", len(opened))
	}
	if a, err = analyse(ctx, p, func(state.Progress) {}); err != nil || !a.Kept().Warm {
		t.Errorf("second analysis: kept %+v, %v; want warm", a.Kept(), err)
	}
	// Another project gets its own store; the first one's stays open (the
	// window may go back to it when the load fails).
	open(other)
	if opened[0].closed || len(opened) != 2 {
		t.Errorf("the first store closed: %v; %d opened", opened[0].closed, len(opened))
	}
	if stores.forProject(demo) != opened[0] {
		t.Error("the first project lost its store")
	}
	// No store: nothing opened, analysed without one.
	setting = "none"
	p = open(demo)
	if p.Store != "" || len(opened) != 2 || stores.forProject(demo) != nil {
		t.Errorf("with none: Store %q, %d opened, the project's store %v", p.Store, len(opened), stores.forProject(demo))
	}
	if a, err = analyse(ctx, p, func(state.Progress) {}); err != nil || a.Kept() != (engine.StoreUse{}) {
		t.Errorf("analysis without a store: kept %+v, %v", a.Kept(), err)
	}
	// Back to the embedded store: the one opened before, still warm.
	setting = ""
	p = open(demo)
	if len(opened) != 2 {
		t.Errorf("%d stores opened, want the first one again", len(opened))
	}
	if a, err = analyse(ctx, p, func(state.Progress) {}); err != nil || !a.Kept().Warm {
		t.Errorf("back to the store: kept %+v, %v; want warm", a.Kept(), err)
	}
	// A setting that is no URL stops the load and says why.
	setting = "my database"
	if _, err := load(ctx, demo, func(state.Progress) {}); err == nil || !strings.Contains(err.Error(), "store setting") {
		t.Errorf("a bad setting: %v", err)
	}
	// Quitting closes every store.
	if err := stores.Close(); err != nil {
		t.Fatal(err)
	}
	for i, c := range opened {
		if !c.closed {
			t.Errorf("store %d left open", i)
		}
	}
}

// With the real embedded store: the project's analysis and decisions are
// kept in its .parallax, and the second opening's analysis is read back.
func TestEmbeddedStoreKeepsTheAnalysis(t *testing.T) {
	ctx := context.Background()
	dir := testcorpus.DemoProjectCopy(t)
	stores := NewStores(func() string { return "" })
	defer stores.Close()
	pool := pdftext.NewPool(1)
	defer pool.Close()
	load, analyse := NewLoader(pool, stores), NewAnalyser(stores)
	for run, wantWarm := range []bool{false, true} {
		p, err := load(ctx, dir, func(state.Progress) {})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Store, "sqlite, ") || !strings.Contains(p.Store, ".parallax") {
			t.Errorf("Store = %q, want the embedded database", p.Store)
		}
		if p.Decisions == nil {
			t.Error("the decisions are not read from the store")
		}
		a, err := analyse(ctx, p, func(state.Progress) {})
		if err != nil {
			t.Fatal(err)
		}
		if a.Kept().Warm != wantWarm {
			t.Errorf("run %d: kept %+v, want warm %v", run+1, a.Kept(), wantWarm)
		}
		// The app quit and started again: the store opens again.
		if err := stores.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
