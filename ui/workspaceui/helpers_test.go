package workspaceui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// harness is a window with workspaces on a test app.
type harness struct {
	t        *testing.T
	wb       *ui.Workbench
	m        *Manager
	loaded   chan error
	analysed chan error
}

var testNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// newHarness creates the window; analyse runs the engine's analysis
// after each load.
func newHarness(t *testing.T, analyse bool) *harness {
	return newHarnessWith(t, analyse, nil)
}

// newHarnessWith also lets extra plug panels into the window and change
// the manager's options before it is created.
func newHarnessWith(t *testing.T, analyse bool, extra func(*ui.Workbench, *Options)) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{t: t, loaded: make(chan error, 8), analysed: make(chan error, 8)}
	opts := ui.Options{Loader: backend.Load,
		OnLoaded: func(_ *state.Project, err error) { h.loaded <- err },
	}
	if analyse {
		opts.Analyse = backend.Analyse
		opts.OnAnalysed = func(_ *engine.Analysis, err error) { h.analysed <- err }
	}
	h.wb = ui.New(a, opts)
	h.wb.Window().Resize(fyne.NewSize(1280, 800))
	o := Options{AppVersion: "test", Now: func() time.Time { return testNow }, AutosaveDelay: -1, CheckInterval: -1,
		// Nothing planned for later runs unless a test plans it itself: a
		// timer goroutine refreshing the header would race with the test
		// reading the window.
		After: func(time.Duration, func()) func() { return func() {} }}
	if extra != nil {
		extra(h.wb, &o)
	}
	h.m = New(h.wb, o)
	t.Cleanup(func() {
		h.m.Close()
		h.wb.Window().Close()
	})
	return h
}

// open opens dir and waits for the load (and the analysis, when on).
func (h *harness) open(dir string) *state.Project {
	h.t.Helper()
	h.wb.OpenFolder(dir)
	select {
	case err := <-h.loaded:
		if err != nil {
			h.t.Fatalf("load: %v", err)
		}
	case <-time.After(30 * time.Second):
		h.t.Fatal("load did not finish")
	}
	return h.wb.Controller().Project()
}

func (h *harness) waitAnalysis() {
	h.t.Helper()
	select {
	case err := <-h.analysed:
		if err != nil {
			h.t.Fatalf("analyse: %v", err)
		}
	case <-time.After(60 * time.Second):
		h.t.Fatal("analysis did not finish")
	}
}

// overlayTexts returns the texts of the labels in the top overlay (an
// open dialog), joined by newlines.
func overlayTexts(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var parts []string
	walk(top, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			parts = append(parts, x.Text)
		case *widget.RichText:
			parts = append(parts, x.String())
		}
	})
	return strings.Join(parts, "\n")
}

// overlayButton finds the button labelled text in the top overlay.
func overlayButton(w fyne.Window, text string) *widget.Button {
	top := w.Canvas().Overlays().Top()
	var found *widget.Button
	if top == nil {
		return nil
	}
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// walk visits o and every object under it, widgets' rendered parts
// included.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		if r == nil {
			return
		}
		for _, c := range r.Objects() {
			walk(c, f)
		}
	}
}

// closeOverlays dismisses every dialog.
func closeOverlays(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}
