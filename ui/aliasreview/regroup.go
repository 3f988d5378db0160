package aliasreview

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
)

// This file is the package's one boundary where a goroutine meets the
// widgets: the regrouping runs in the background and its result comes back
// through fyne.Do.

// regrouper applies alias decisions to a copy of an analysis in the
// background, one decision at a time.
type regrouper struct {
	running bool // touched on the main goroutine only
	done    func(base, next *engine.Analysis, what string, err error)
}

func newRegrouper(done func(base, next *engine.Analysis, what string, err error)) *regrouper {
	return &regrouper{done: done}
}

func (r *regrouper) busy() bool { return r.running }

// start regroups a copy of base with dec; done runs on the main goroutine
// with the copy. base itself is left as it is: the views keep reading it
// until the copy replaces it. started runs first, once busy reports true,
// so the widgets are done with before the goroutine starts.
func (r *regrouper) start(base *engine.Analysis, dec *alias.Decisions, what string, started func()) {
	r.running = true
	started()
	go func() {
		next := *base
		err := next.Regroup(context.Background(), dec)
		fyne.Do(func() {
			r.running = false
			r.done(base, &next, what, err)
		})
	}()
}
