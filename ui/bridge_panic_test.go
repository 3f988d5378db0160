package ui

import (
	"context"
	"errors"
	"testing"

	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// A loader that panics (an extractor failing on a hostile file) ends the
// load with an error; the window stays and can open another folder.
func TestLoadPanicLeavesTheWindow(t *testing.T) {
	calls := 0
	w, done := newWorkbench(t, func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		calls++
		if calls == 1 {
			panic("index out of range in an extractor")
		}
		return nil, errors.New("second load reached the loader")
	}, nil)
	w.OpenFolder(t.TempDir())
	r := wait(t, done)
	var pe *safego.PanicError
	if !errors.As(r.err, &pe) {
		t.Fatalf("load ended with %v, want a *safego.PanicError", r.err)
	}
	if w.Loading() {
		t.Error("the window still shows a load")
	}
	w.OpenFolder(t.TempDir())
	if r := wait(t, done); r.err == nil || calls != 2 {
		t.Errorf("second load: %v after %d calls", r.err, calls)
	}
}
