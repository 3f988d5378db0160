package bridge

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

func TestBridgeTimersAndTasks(t *testing.T) {
	test.NewTempApp(t)
	fired := make(chan string, 8)
	AfterFunc(10*time.Millisecond, func() { fired <- "after" })
	stop := AfterFunc(10*time.Millisecond, func() { fired <- "stopped one" })
	stop()
	stopEvery := Every(5*time.Millisecond, func() { fired <- "tick" })
	got := map[string]int{}
	deadline := time.After(5 * time.Second)
	for got["after"] == 0 || got["tick"] < 2 {
		select {
		case s := <-fired:
			got[s]++
		case <-deadline:
			t.Fatalf("timers did not fire: %v", got)
		}
	}
	stopEvery()
	if got["stopped one"] > 0 {
		t.Error("a stopped AfterFunc ran")
	}

	task := NewTask()
	done := make(chan error, 1)
	StartTask(task, func(ctx context.Context, progress func(state.Progress)) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	}, nil, func(_ int, err error) { done <- err })
	task.Cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled task ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("cancelled task did not end")
	}
}
