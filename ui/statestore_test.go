package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/statedoc/statedoctest"
	"github.com/parallaxworkbench/parallax/ui/aliasreview"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// TestDecisionsInStoreFollowed: a project whose decisions are kept in a
// store follows a colleague's changes there (no file changes, so only the
// window's polling of the store can see them): a merge regroups, a stance
// is applied.
func TestDecisionsInStoreFollowed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": "Talks at the border\n\nMira Holt met Teodor Brask at the border on Monday. Mira Holt said the talks were tense. Teodor Brask denied any deal.",
		"b.txt": "Border talks stall\n\nTeodor Brask and Mira Holt spoke for an hour. Holt called the talks tense, and Brask left early.",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := statedoctest.New()
	loader := func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		p, err := engine.Open(ctx, dir, engine.Options{Project: project.Options{State: statedoc.InStore(st, "window")}})
		if err != nil {
			return nil, err
		}
		return backend.Project(p), nil
	}
	analysed := make(chan *engine.Analysis, 4)
	// The real poller finds the colleague's changes; what it reports is
	// handed to the window on this goroutine (Fyne's test driver runs
	// fyne.Do on the calling goroutine, so the poller's own goroutine
	// would touch the widgets beside this test's).
	polled := make(chan func(), 16)
	var stopPolling context.CancelFunc
	w, done := newWorkbenchWith(t, func(o *Options) {
		o.Loader, o.Analyse = loader, backend.Analyse
		o.WatchStore = func(st *statedoc.Stored) state.Watcher {
			poll := backend.WatchDecisions(st, 100*time.Millisecond)
			return func(ctx context.Context, dir string, onChange func(state.Change)) error {
				ctx, stop := context.WithCancel(ctx)
				stopPolling = stop
				return poll(ctx, dir, func(c state.Change) { polled <- func() { onChange(c) } })
			}
		}
		o.OnAnalysed = func(a *engine.Analysis, err error) {
			if err != nil {
				t.Errorf("analysis: %v", err)
			}
			analysed <- a
		}
	})
	w.AddPanel(aliasreview.New(w.Controller()).Panel())
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	first := waitAnalysis(t, analysed)
	changed := make(chan *engine.Analysis, 16)
	projects := make(chan *state.Project, 16)
	onMain(func() {
		w.Controller().OnAnalysisChanged(func(a *engine.Analysis) { changed <- a })
		w.Controller().OnMetadataChanged(func() { projects <- w.Controller().Project() })
	})
	holt, brask := entityWith(first, "Mira Holt"), entityWith(first, "Teodor Brask")
	if holt == nil || brask == nil || holt.ID == brask.ID {
		t.Fatalf("test data: want two entities, got %v and %v", holt, brask)
	}

	colleague := statedoc.InStore(st, "colleague")
	dec, err := alias.LoadDecisionsFrom(ctx, colleague)
	if err != nil {
		t.Fatal(err)
	}
	dec.Merge("Mira Holt", "Teodor Brask")
	if err := dec.SaveTo(ctx, colleague); err != nil {
		t.Fatal(err)
	}
	var next *engine.Analysis
	for next == nil {
		select {
		case f := <-polled:
			f()
		case next = <-changed:
		case <-time.After(20 * time.Second):
			t.Fatal("the window did not regroup after a colleague's merge in the store")
		}
	}
	if a, b := entityWith(next, "Mira Holt"), entityWith(next, "Teodor Brask"); a == nil || b == nil || a.ID != b.ID {
		t.Error("the colleague's merge was not applied")
	}
	if _, err := os.Stat(filepath.Join(dir, ".parallax", "aliases.json")); err == nil {
		t.Error("decisions kept in the store were written to aliases.json")
	}

	ov, err := sourcemeta.LoadOverridesFrom(ctx, colleague)
	if err != nil {
		t.Fatal(err)
	}
	if err := ov.SetDocumentStance("a.txt", "critical"); err != nil {
		t.Fatal(err)
	}
	if err := ov.SaveTo(ctx, colleague); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case f := <-polled:
			f()
		case p := <-projects:
			if d := p.Doc("a.txt"); d != nil && p.Stance != nil && p.Stance(d) == "critical" {
				// the stance starts a new analysis: let it land and
				// stop polling before the window closes
				select {
				case <-changed:
				case <-time.After(20 * time.Second):
					t.Fatal("the analysis after the colleague's stance did not finish")
				}
				stopPolling()
				return
			}
		case <-deadline:
			t.Fatal("the window did not apply a colleague's stance from the store")
		}
	}
}
