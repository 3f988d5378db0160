package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// A background task that panics (an export failing on a character, say)
// ends in its onDone with the panic as an error: the window lives on.
func TestTaskPanicReachesOnDone(t *testing.T) {
	test.NewTempApp(t)
	got := make(chan error, 1)
	StartTask(NewTask(), func(ctx context.Context, progress func(state.Progress)) (int, error) {
		progress(state.Progress{Done: 1, Total: 2})
		panic("generateCIDFontMap: index out of range")
	}, nil, func(n int, err error) { got <- err })
	select {
	case err := <-got:
		var pe *safego.PanicError
		if !errors.As(err, &pe) {
			t.Errorf("onDone got %v, want a *safego.PanicError", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("onDone was not called after the panic")
	}
}
