// Package bridge is the one boundary where the window's goroutines meet its
// widgets: background jobs with progress, tasks, timers, the folder
// watcher and the heartbeat hand their results to the Fyne main goroutine
// here (fyne.Do), and nothing here touches a widget outside fyne.Do. The
// window and its panels import it, never the window package for it. Every
// goroutine starts through safego, which turns a panic into an error shown
// to the analyst instead of a dead window.
package bridge

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Do runs f on the main goroutine, after what it is doing now: the way a
// goroutine hands a result to the widgets.
func Do(f func()) { fyne.Do(f) }

// Job is one piece of background work (loading or analysing a project)
// whose progress and result reach the UI on the main goroutine.
type Job[T any] struct {
	dir     string
	ctx     context.Context
	cancel  context.CancelFunc
	started time.Time

	// latest progress, coalesced: at most one fyne.Do is pending at a time.
	mu      sync.Mutex
	latest  state.Progress
	pending atomic.Bool
	last    atomic.Int64
}

// progressInterval is the shortest time between two progress repaints:
// each one repaints the whole window, which costs the main goroutine a
// frame (tens of milliseconds with software GL, while the work competes
// for the cores), so at most 5 a second.
const progressInterval = 200 * time.Millisecond

// NewJob prepares background work on dir; Start runs it. Keep the job
// before starting it, so callbacks can tell it from a newer one.
func NewJob[T any](dir string) *Job[T] {
	ctx, cancel := context.WithCancel(context.Background())
	return &Job[T]{dir: dir, ctx: ctx, cancel: cancel, started: time.Now()}
}

// Cancel asks the work to stop; its onDone still runs, with the
// context's error unless the work had finished.
func (j *Job[T]) Cancel() { j.cancel() }

// Dir is the folder the job works on.
func (j *Job[T]) Dir() string { return j.dir }

// Started is when the job was made.
func (j *Job[T]) Started() time.Time { return j.started }

// Start runs work in a goroutine. onProgress and onDone run on the main
// goroutine; onDone runs once, with the context's error when the job was
// cancelled, or with a *safego.PanicError when the work panicked.
func (j *Job[T]) Start(work func(ctx context.Context, progress func(state.Progress)) (T, error),
	onProgress func(*Job[T], state.Progress), onDone func(*Job[T], T, error)) {
	name := "background work"
	if j.dir != "" {
		name += " on " + j.dir
	}
	safego.Go(name, func() {
		res, err := work(j.ctx, j.progress(onProgress))
		if err == nil && j.ctx.Err() != nil {
			err = j.ctx.Err()
		}
		j.cancel()
		fyne.Do(func() { onDone(j, res, err) })
	}, func(err error) {
		// the work panicked before its onDone was queued
		j.cancel()
		var zero T
		onDone(j, zero, err)
	})
}

// progress returns the callback handed to the work: safe from any
// goroutine, throttled, and coalesced into at most one pending repaint.
func (j *Job[T]) progress(onProgress func(*Job[T], state.Progress)) func(state.Progress) {
	return func(p state.Progress) {
		j.mu.Lock()
		j.latest = p
		j.mu.Unlock()
		now := time.Now().UnixNano()
		if p.Done < p.Total && now-j.last.Load() < int64(progressInterval) {
			return
		}
		j.last.Store(now)
		if j.pending.Swap(true) {
			return // a repaint is already queued; it will show the latest
		}
		fyne.Do(func() {
			j.pending.Store(false)
			j.mu.Lock()
			p := j.latest
			j.mu.Unlock()
			onProgress(j, p)
		})
	}
}

// WatchFolder runs the watcher on dir until ctx ends; onChange runs on the
// main goroutine.
// A panic in the watcher is logged (safego) and ends the watching only.
func WatchFolder(ctx context.Context, watcher state.Watcher, dir string, onChange func(state.Change)) {
	safego.Go("watch "+dir, func() {
		err := watcher(ctx, dir, func(c state.Change) {
			fyne.Do(func() { onChange(c) })
		})
		if err != nil && ctx.Err() == nil {
			fyne.LogError("watch "+dir, err)
		}
	}, nil)
}

// Task is background work of a panel (reports, exports, listings):
// create it with NewTask, keep it, then start it with StartTask.
type Task struct{ j *Job[struct{}] }

// NewTask returns a task that has not started.
func NewTask() *Task { return &Task{NewJob[struct{}]("")} }

// Cancel asks the work to stop; its onDone still runs, with the
// context's error unless the work had finished.
func (t *Task) Cancel() { t.j.cancel() }

// StartTask runs work in a goroutine. Its progress (throttled, coalesced)
// and its end reach onProgress and onDone on the main goroutine; onDone
// runs once.
func StartTask[T any](t *Task, work func(ctx context.Context, progress func(state.Progress)) (T, error),
	onProgress func(state.Progress), onDone func(T, error)) {
	var res T
	t.j.Start(func(ctx context.Context, progress func(state.Progress)) (struct{}, error) {
		var err error
		res, err = work(ctx, progress)
		return struct{}{}, err
	}, func(_ *Job[struct{}], p state.Progress) {
		if onProgress != nil {
			onProgress(p)
		}
	}, func(_ *Job[struct{}], _ struct{}, err error) {
		onDone(res, err)
	})
}

// AfterFunc calls f on the main goroutine once d has passed; the returned
// stop prevents it when it has not run yet.
func AfterFunc(d time.Duration, f func()) (stop func()) {
	var stopped atomic.Bool
	t := time.AfterFunc(d, func() {
		fyne.Do(func() {
			if !stopped.Load() {
				f()
			}
		})
	})
	return func() {
		stopped.Store(true)
		t.Stop()
	}
}

// Every calls f on the main goroutine every d until stop is called.
func Every(d time.Duration, f func()) (stop func()) {
	var stopped atomic.Bool
	done := make(chan struct{})
	safego.Go("timer", func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				fyne.Do(func() {
					if !stopped.Load() {
						f()
					}
				})
			}
		}
	}, nil)
	var once sync.Once
	return func() {
		stopped.Store(true)
		once.Do(func() { close(done) })
	}
}

// Heartbeat asks the main goroutine to run beat every d until stop is
// called, and tells beat how late it ran: the time between asking and
// running, which is how long the window could not react. It is the
// probe behind the app's timing log and the stall benchmarks.
func Heartbeat(d time.Duration, beat func(late time.Duration)) (stop func()) {
	done := make(chan struct{})
	safego.Go("heartbeat", func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				asked := time.Now()
				ran := make(chan struct{})
				fyne.Do(func() {
					beat(time.Since(asked))
					close(ran)
				})
				// One beat at a time: a stalled window gets one late beat,
				// not a queue of them.
				select {
				case <-ran:
				case <-done:
					return
				}
			}
		}
	}, nil)
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

// settleTime is how long Settle lets the window paint between its two
// round trips to the main goroutine (two or three frames).
const settleTime = 40 * time.Millisecond

// Settle waits, from a goroutine, until the main goroutine has drawn what
// it just changed and is free again: background work started from a
// callback then does not take the cores before the window shows the
// callback's result. It returns early when ctx ends.
func Settle(ctx context.Context) {
	fyne.DoAndWait(func() {})
	select {
	case <-time.After(settleTime):
	case <-ctx.Done():
		return
	}
	fyne.DoAndWait(func() {})
}

// laterGap is how long Later waits before queueing its function: a frame.
const laterGap = 16 * time.Millisecond

// Later runs f on the main goroutine in a later turn of its loop, once
// the work already queued there (a heartbeat, an input event) and,
// usually, the frame showing what the current callback changed have run:
// a way to cut a long callback in two.
func Later(f func()) {
	safego.Go("later", func() {
		time.Sleep(laterGap)
		fyne.Do(f)
	}, nil)
}

// AfterFrame runs f on the main goroutine after what the main goroutine
// is doing now, which in the desktop driver means after the frame that
// shows its changes has been painted (for measuring input-to-repaint
// latency).
func AfterFrame(f func()) {
	safego.Go("after frame", func() { fyne.Do(f) }, nil)
}
