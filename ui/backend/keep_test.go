package backend

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// A reload after a file changed updates the analysis on screen (one
// document extracted), hands it back before it is kept, and keeps it in
// the background: the app opened again reads it back whole, and it is
// the analysis a full run gives.
func TestUpdaterUpdatesAndKeeps(t *testing.T) {
	ctx := context.Background()
	dir := testcorpus.DemoProjectCopy(t)
	stores := NewStores(func() string { return "" })
	defer stores.Close()
	pool := pdftext.NewPool(1)
	defer pool.Close()
	load, analyse, update := NewLoader(pool, stores), NewAnalyser(stores), NewUpdater(stores)
	none := func(state.Progress) {}
	p, err := load(ctx, dir, none)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyse(ctx, p, none)
	if err != nil {
		t.Fatal(err)
	}
	appendTo := func(name string) {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString("\n\nOfficials in Kessel said the talks would resume.\n"); err != nil {
			t.Fatal(err)
		}
	}
	for step, name := range []string{"01_harbor_wire.txt", "02_kessel_digest.txt"} {
		appendTo(name)
		p, err = load(ctx, dir, none)
		if err != nil {
			t.Fatal(err)
		}
		next, err := update(ctx, a, p, none)
		if err != nil {
			t.Fatal(err)
		}
		if u := next.Updated(); u.Fallback != "" || u.Extracted != 1 {
			t.Errorf("step %d: %+v, want one document extracted", step, u)
		}
		a = next
	}
	want := a
	// the app quits (waiting for the write) and opens the folder again
	if err := stores.Close(); err != nil {
		t.Fatal(err)
	}
	if stores.keeper.started != 2 {
		t.Errorf("%d writes started for two updates", stores.keeper.started)
	}
	p, err = load(ctx, dir, none)
	if err != nil {
		t.Fatal(err)
	}
	got, err := analyse(ctx, p, none)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Kept().Warm {
		t.Errorf("the updated analysis was not kept: %+v", got.Kept())
	}
	if !reflect.DeepEqual(got.Entities().Entities, want.Entities().Entities) || !reflect.DeepEqual(got.Passages(), want.Passages()) {
		t.Error("the analysis read back differs from the update kept")
	}
	if len(got.Warnings()) != 0 {
		t.Errorf("warnings: %q", got.Warnings())
	}

	// an analysis read back whole kept no state for an update: the next
	// one is a full analysis with the store, and says so
	appendTo("01_harbor_wire.txt")
	p, err = load(ctx, dir, none)
	if err != nil {
		t.Fatal(err)
	}
	next, err := update(ctx, got, p, none)
	if err != nil {
		t.Fatal(err)
	}
	if next.Updated().Fallback == "" || next.Kept().Extracted != 1 {
		t.Errorf("update of a warm analysis: %+v, kept %+v; want a full analysis reading the store", next.Updated(), next.Kept())
	}
	ep := p.Source.(*engine.Project)
	full, err := engine.Analyse(ctx, ep, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(next.Entities().Entities, full.Entities().Entities) {
		t.Error("the fallback's entities differ from a full analysis'")
	}
}

// A newer write supersedes the one in progress and starts after it
// ended; supersede and wait return once nothing is being written.
func TestKeeperSupersedes(t *testing.T) {
	var k keeper
	k.supersede() // nothing in progress: returns at once
	k.wait()
	// writes with no store keep nothing but run in order
	for range 3 {
		k.keep(&engine.Analysis{}, engine.Options{})
	}
	k.wait()
	if k.started != 3 {
		t.Errorf("%d writes started", k.started)
	}
}
