package safego

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestRunReturnsPanicAsError(t *testing.T) {
	test.NewTempApp(t)
	if err := Run("quiet work", func() {}); err != nil {
		t.Errorf("Run without a panic = %v", err)
	}
	err := Run("export report", func() { panic("fpdf: character out of range") })
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Run = %v, want a *PanicError", err)
	}
	if pe.Work != "export report" || pe.Value != "fpdf: character out of range" || !strings.Contains(string(pe.Stack), "safego_test.go") {
		t.Errorf("PanicError = %q, %v, stack without the panicking function", pe.Work, pe.Value)
	}
	if !strings.Contains(err.Error(), "export report") {
		t.Errorf("message %q does not say what failed", err)
	}
}

// A panic in a goroutine started with Go reaches onPanic on the main
// goroutine; the program goes on (an unrecovered panic would end the test
// binary here).
func TestGoRecoversIntoOnPanic(t *testing.T) {
	test.NewTempApp(t)
	got := make(chan error, 1)
	var ms []int
	Go("analyse", func() {
		_ = ms[len(ms)+1] // an index out of range: a runtime panic
	}, func(err error) { got <- err })
	select {
	case err := <-got:
		var pe *PanicError
		if !errors.As(err, &pe) || pe.Work != "analyse" {
			t.Errorf("onPanic got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("onPanic was not called")
	}

	// Without onPanic the panic is only logged.
	done := make(chan struct{})
	Go("watch", func() { defer close(done); panic("watcher failed") }, nil)
	<-done
}
