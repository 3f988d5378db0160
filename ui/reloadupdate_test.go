package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// A Reload after a file changed on disk updates the analysis on screen
// (Options.Update, from the analysis shown before) rather than analysing
// the folder from scratch, and the window shows the update.
func TestReloadUpdatesTheAnalysis(t *testing.T) {
	dir := writeProject(t)
	analysed := make(chan *engine.Analysis, 4)
	var froms []*engine.Analysis
	var reopened [][]string
	fake, fire, fired := fakeWatcher()
	reopen := backend.NewReopener(nil)
	w, done := newWorkbenchWith(t, func(o *Options) {
		o.Loader, o.Analyse, o.Watch = backend.Load, backend.Analyse, fake
		o.Reopen = func(ctx context.Context, p *state.Project, paths []string, progress func(state.Progress)) (*state.Project, error) {
			reopened = append(reopened, paths)
			return reopen(ctx, p, paths, progress)
		}
		o.Update = func(ctx context.Context, prev *engine.Analysis, p *state.Project, progress func(state.Progress)) (*engine.Analysis, error) {
			froms = append(froms, prev)
			return engine.Update(ctx, prev, p.Source.(*engine.Project), engine.Options{Incremental: true})
		}
		o.OnAnalysed = func(a *engine.Analysis, err error) {
			if err != nil {
				t.Errorf("analysis: %v", err)
			}
			analysed <- a
		}
	})
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	first := waitAnalysis(t, analysed)
	f, err := os.OpenFile(filepath.Join(dir, "01_north.txt"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(" Ana Lind met the guards of Tolvaren."); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fire <- state.Change{Changed: 1, Paths: []string{"01_north.txt"}}
	<-fired
	fire <- state.Change{Changed: 1, Paths: []string{"01_north.txt"}} // written twice
	<-fired
	w.Reload()
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	second := waitAnalysis(t, analysed)
	if len(froms) != 1 || froms[0] != first {
		t.Fatalf("the reload's analysis was not updated from the one shown (%d updates)", len(froms))
	}
	if len(reopened) != 1 || !slices.Equal(reopened[0], []string{"01_north.txt"}) {
		t.Errorf("reopened %q, want the changed file alone, once", reopened)
	}
	if u := second.Updated(); u.Fallback != "" || u.Extracted != 1 {
		t.Errorf("update: %+v, want the changed document alone extracted", u)
	}
	if w.Controller().Analysis() != second {
		t.Error("the window does not show the updated analysis")
	}
	if !strings.Contains(w.status.Text, "analysis updated in") || !strings.Contains(w.status.Text, "1 changed") {
		t.Errorf("status %q does not say the analysis was updated", w.status.Text)
	}
	// opening another folder analyses it from scratch
	other := writeProject(t)
	w.OpenFolder(other)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	waitAnalysis(t, analysed)
	if len(froms) != 1 {
		t.Errorf("another folder's analysis went through Update")
	}
}
