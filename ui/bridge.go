package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/ui/state"
)

// This file is the one boundary where goroutines meet widgets: nothing else
// in ui/ calls fyne.Do, and nothing here touches a widget outside fyne.Do.

// loadJob is one background load of a project folder.
type loadJob struct {
	dir     string
	cancel  context.CancelFunc
	started time.Time

	// latest progress, coalesced: at most one fyne.Do is pending at a time.
	mu      sync.Mutex
	latest  state.Progress
	pending atomic.Bool
}

// progressInterval is the shortest time between two progress repaints.
const progressInterval = 40 * time.Millisecond

// newLoadJob prepares a load of dir; start runs it.
func newLoadJob(dir string) (*loadJob, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	return &loadJob{dir: dir, cancel: cancel, started: time.Now()}, ctx
}

// start loads the job's folder with the loader in a goroutine. onProgress
// and onDone run on the main goroutine; onDone runs once, with ctx's error
// when the load was cancelled.
func (job *loadJob) start(ctx context.Context, loader state.Loader, onProgress func(*loadJob, state.Progress), onDone func(*loadJob, *state.Project, error)) {
	dir, cancel := job.dir, job.cancel
	go func() {
		var last atomic.Int64
		progress := func(p state.Progress) {
			job.mu.Lock()
			job.latest = p
			job.mu.Unlock()
			now := time.Now().UnixNano()
			if p.Done < p.Total && now-last.Load() < int64(progressInterval) {
				return
			}
			last.Store(now)
			if job.pending.Swap(true) {
				return // a repaint is already queued; it will show the latest
			}
			fyne.Do(func() {
				job.pending.Store(false)
				job.mu.Lock()
				p := job.latest
				job.mu.Unlock()
				onProgress(job, p)
			})
		}
		proj, err := loader(ctx, dir, progress)
		if err == nil && ctx.Err() != nil {
			err = ctx.Err()
		}
		cancel()
		fyne.Do(func() { onDone(job, proj, err) })
	}()
}
