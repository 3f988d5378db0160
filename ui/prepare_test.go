package ui

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Panels' OnProjectPrepare and OnAnalysisPrepare functions run with the
// new project or analysis before it is announced, and what they return is
// applied just before the listeners hear of it; a failed analysis prepares
// nothing.
func TestPrepareRunsBeforeListeners(t *testing.T) {
	for _, fail := range []bool{false, true} {
		name := "analysed"
		if fail {
			name = "analysis failed"
		}
		t.Run(name, func(t *testing.T) {
			a := test.NewTempApp(t)
			docs := []*document.Document{{Path: "b.txt", Text: "Beta"}, {Path: "a.txt", Text: "Alpha"}}
			loader := func(context.Context, string, func(state.Progress)) (*state.Project, error) {
				return &state.Project{Docs: docs}, nil
			}
			result := &engine.Analysis{}
			// The test driver runs fyne.Do inline: let the load's end finish
			// before the analysis ends, as the main goroutine would.
			loaded := make(chan struct{})
			analyser := func(context.Context, *state.Project, func(state.Progress)) (*engine.Analysis, error) {
				<-loaded
				if fail {
					return nil, errors.New("broken")
				}
				return result, nil
			}
			done := make(chan error, 1)
			w := New(a, Options{Loader: loader, Analyse: analyser,
				OnLoaded:   func(*state.Project, error) { close(loaded) },
				OnAnalysed: func(_ *engine.Analysis, err error) { done <- err }})
			w.Window().Resize(fyne.NewSize(1280, 720))
			t.Cleanup(func() { w.Window().Close() })

			var events []string
			var prepared *engine.Analysis
			var preparedProject *state.Project
			w.Controller().OnProjectPrepare(func(p *state.Project) func() {
				preparedProject = p
				events = append(events, "prepare project")
				return func() { events = append(events, "apply project") }
			})
			w.Controller().OnProjectChanged(func(p *state.Project) {
				if p != nil {
					events = append(events, "project changed")
				}
			})
			w.Controller().OnAnalysisPrepare(func(got *engine.Analysis) func() {
				prepared = got
				events = append(events, "prepare")
				return func() { events = append(events, "apply") }
			})
			w.Controller().OnAnalysisPrepare(func(*engine.Analysis) func() { return nil }) // nothing to apply
			w.Controller().OnAnalysisChanged(func(got *engine.Analysis) {
				if got != nil {
					events = append(events, "changed")
				}
			})
			w.OpenFolder(t.TempDir())
			select {
			case err := <-done:
				if (err != nil) != fail {
					t.Fatalf("analysis error %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the analysis did not finish")
			}
			want := []string{"prepare project", "apply project", "project changed", "prepare", "apply", "changed"}
			if fail {
				want = want[:3]
			}
			if !slices.Equal(events, want) {
				t.Errorf("events %v, want %v", events, want)
			}
			if !fail && prepared != result {
				t.Error("prepare did not get the new analysis")
			}
			if preparedProject == nil || preparedProject != w.Controller().Project() {
				t.Error("the project's prepare did not get the project shown")
			}
			// The list was filled from the index prepared with the load.
			if rows := w.Documents().Rows(); len(rows) != 2 || rows[0].Path != "a.txt" {
				t.Errorf("rows %v", rows)
			}
		})
	}
}
