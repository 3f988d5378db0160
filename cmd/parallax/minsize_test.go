package main

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// The window as the app wires it, with every panel, fits ui.MinSize
// whatever is open: a panel that asks for more (a wrapping label in a
// centring container asks for a word per line) makes the window grow
// past the screen, hiding the status bar.
func TestWiredWindowFitsMinSize(t *testing.T) {
	a := test.NewTempApp(t)
	loaded := make(chan error, 1)
	analysed := make(chan error, 1)
	w := ui.New(a, ui.Options{Loader: backend.Load, Analyse: backend.Analyse,
		OnLoaded:   func(_ *state.Project, err error) { loaded <- err },
		OnAnalysed: func(_ *engine.Analysis, err error) { analysed <- err }})
	wire(w, fyne.AppMetadata{Version: "1.0.0"})
	w.Window().Resize(ui.MinSize)
	defer w.Window().Close()
	check := func(when string) {
		t.Helper()
		min := w.Window().Content().MinSize()
		if min.Width <= ui.MinSize.Width && min.Height <= ui.MinSize.Height {
			return
		}
		t.Errorf("%s: the window needs %v, more than %v", when, min, ui.MinSize)
		// Say which tab asks for the most.
		forTabs(w.Window().Content(), func(tabs *container.AppTabs) {
			for _, it := range tabs.Items {
				if m := it.Content.MinSize(); m.Width > ui.MinSize.Width/3 || m.Height > ui.MinSize.Height/2 {
					t.Logf("  tab %q needs %v", it.Text, m)
				}
			}
		})
	}
	check("start screen")
	w.OpenFolder(testcorpus.SampleProjectCopy(t))
	if err := <-loaded; err != nil {
		t.Fatal(err)
	}
	check("sample project loaded")
	if err := <-analysed; err != nil {
		t.Fatal(err)
	}
	check("sample project analysed")
	docs := w.Controller().Project().Docs
	w.Controller().Open(docs[:4]...)
	check("four panes open")
}

// forTabs calls f with every tab container in the tree under o.
func forTabs(o fyne.CanvasObject, f func(*container.AppTabs)) {
	switch o := o.(type) {
	case *container.AppTabs:
		f(o)
		for _, it := range o.Items {
			forTabs(it.Content, f)
		}
	case *container.Split:
		forTabs(o.Leading, f)
		forTabs(o.Trailing, f)
	case *fyne.Container:
		for _, c := range o.Objects {
			forTabs(c, f)
		}
	}
}
