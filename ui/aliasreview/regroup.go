package aliasreview

import (
	"context"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// This file is the package's one boundary where a goroutine meets the
// widgets: the regrouping runs in the background and its result comes back
// through the bridge (bridge.Do).

// regrouper applies alias decisions to a copy of an analysis in the
// background, one decision at a time, and runs the panels' analysis
// preparations (state.Controller.OnAnalysisPrepare) on the copy there too,
// as the window does for a new analysis: announcing the copy then costs the
// main goroutine only the installing of what was prepared.
type regrouper struct {
	running   bool // touched on the main goroutine only
	preparers func() []func(*engine.Analysis) func()
	done      func(base, next *engine.Analysis, apply []func(), what string, err error)
}

// newRegrouper returns a regrouper; preparers (called on the main
// goroutine, may be nil) lists the preparations to run on each regrouped
// copy, and done receives the copy with the functions they returned.
func newRegrouper(preparers func() []func(*engine.Analysis) func(), done func(base, next *engine.Analysis, apply []func(), what string, err error)) *regrouper {
	return &regrouper{preparers: preparers, done: done}
}

func (r *regrouper) busy() bool { return r.running }

// start regroups a copy of base with dec and prepares the panels' data for
// it; done runs on the main goroutine with the copy and the preparations'
// apply functions, to run just before the copy is announced. base itself is left as it is: the views keep reading it
// until the copy replaces it. started runs first, once busy reports true,
// so the widgets are done with before the goroutine starts.
func (r *regrouper) start(base *engine.Analysis, dec *alias.Decisions, what string, started func()) {
	r.running = true
	var prepare []func(*engine.Analysis) func()
	if r.preparers != nil {
		prepare = r.preparers()
	}
	started()
	safego.Go("regroup", func() {
		next, err := base.Regroup(context.Background(), dec)
		var apply []func()
		if err == nil {
			apply = state.Prepare(prepare, next)
		}
		bridge.Do(func() {
			r.running = false
			r.done(base, next, apply, what, err)
		})
	}, func(err error) {
		// a panic: the copy is unusable, base stays
		r.running = false
		r.done(base, nil, nil, what, err)
	})
}
