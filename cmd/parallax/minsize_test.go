package main

import (
	"os"
	"path/filepath"
	"strings"
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
	// The sample, with a broken PDF and an unreadable file of long names
	// (the Problems panel lists them with their reasons) and a long title.
	dir := testcorpus.SampleProjectCopy(t)
	long := strings.Repeat("a-file-name-that-goes-on-and-on-", 6)
	for name, body := range map[string]string{
		long + ".pdf":    "%PDF-1.7 broken beyond repair",
		long + ".txt":    "\x00\x01\x02\x03binary\x00\x00",
		"long-title.txt": strings.Repeat("A headline that runs on and on without a stop ", 8) + "\n\nBody text on the crossing.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w.OpenFolder(dir)
	if err := <-loaded; err != nil {
		t.Fatal(err)
	}
	check("sample project loaded")
	if p := w.Controller().Project(); len(p.Problems) == 0 {
		t.Errorf("no problems listed for the broken files (%d skipped)", len(p.Skipped))
	}
	w.Controller().ShowPanel("problems")
	check("problems shown")
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
