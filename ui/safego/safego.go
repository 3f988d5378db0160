// Package safego runs the window's background work so that a panic in it
// (a bug, or a library failing on hostile input) becomes an error that is
// logged with its stack and shown, instead of ending the program and
// taking the window with it.
package safego

import (
	"fmt"
	"runtime/debug"

	"fyne.io/fyne/v2"
)

// PanicError is a panic recovered in background work.
type PanicError struct {
	Work  string // what was running: "analyse", "export report", …
	Value any    // what was passed to panic
	Stack []byte // the goroutine's stack where it panicked
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error in %s: %v (details in the log)", e.Work, e.Value)
}

// Run calls work on the calling goroutine and returns its panic as a
// *PanicError, logged with its stack, or nil when work returned.
func Run(name string, work func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			pe := &PanicError{Work: name, Value: p, Stack: debug.Stack()}
			fyne.LogError(fmt.Sprintf("%v\n%s", pe, pe.Stack), nil)
			err = pe
		}
	}()
	work()
	return nil
}

// Go runs work in a new goroutine through Run. A panic reaches onPanic on
// the main goroutine (fyne.Do), where it can be shown; with a nil onPanic
// it is only logged.
func Go(name string, work func(), onPanic func(error)) {
	go func() {
		if err := Run(name, work); err != nil && onPanic != nil {
			fyne.Do(func() { onPanic(err) })
		}
	}()
}
