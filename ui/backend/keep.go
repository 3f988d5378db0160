package backend

import (
	"context"
	"fmt"
	"log"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// keeper writes updated analyses to their store in the background, one
// at a time: the window shows an update as soon as it exists, and the
// next analysis of the folder (the app opened again, a CLI command)
// finds it kept. A newer analysis supersedes the write in progress (it
// stops between two writes; what it wrote stays valid, being keyed by
// what it was computed from) and starts once that write has stopped, so
// two writes never interleave.
type keeper struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	done    chan struct{} // closed when the write in progress ends
	warn    func(warnings []string)
	started int // writes started, for tests
}

// keep starts writing a to its store (opts.Store) after the write in
// progress, which it supersedes.
func (k *keeper) keep(a *engine.Analysis, opts engine.Options) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cancel != nil {
		k.cancel()
	}
	before := k.done
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	k.cancel, k.done = cancel, done
	k.started++
	warn := k.warn
	safego.Go("keep the analysis", func() {
		defer close(done)
		defer cancel()
		if before != nil {
			<-before
		}
		if w := engine.Keep(ctx, a, opts); len(w) > 0 {
			warn(w)
		}
	}, nil)
}

// supersede stops the write in progress and waits for it to end: the
// caller is about to write (a full analysis keeps itself).
func (k *keeper) supersede() {
	k.mu.Lock()
	if k.cancel != nil {
		k.cancel()
	}
	done := k.done
	k.mu.Unlock()
	if done != nil {
		<-done
	}
}

// wait waits for the write in progress to end (the app quits: the store
// is closed after).
func (k *keeper) wait() {
	k.mu.Lock()
	done := k.done
	k.mu.Unlock()
	if done != nil {
		<-done
	}
}

func logKeepWarnings(w []string) {
	for _, s := range w {
		log.Printf("keeping the updated analysis: %s", s)
	}
}

// NewUpdater is the window's state.Updater: the analysis of p (the
// folder reloaded after files changed on disk) derived from prev, the
// analysis on screen, by engine.Update; only what the changed files
// touch is redone. The result is handed back at once and kept in the
// project's store in the background. When prev cannot be updated (no
// state kept, the gazetteer changed), the full analysis runs with the
// store, like the analyser's.
func NewUpdater(stores *Stores) state.Updater {
	return func(ctx context.Context, prev *engine.Analysis, p *state.Project, progress func(state.Progress)) (*engine.Analysis, error) {
		ep, ok := p.Source.(*engine.Project)
		if !ok {
			return nil, fmt.Errorf("update the analysis of %s: not opened by the engine", p.Dir)
		}
		st := stores.forProject(p.Dir)
		stores.keeper.supersede() // the older write is of no use now
		opts := analyseOptions(progress, st)
		a, err := engine.Update(ctx, prev, ep, opts)
		if err != nil {
			return nil, err
		}
		if st != nil && a.Updated().Fallback == "" {
			stores.keeper.keep(a, opts)
		}
		return a, nil
	}
}
