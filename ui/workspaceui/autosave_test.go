package workspaceui

import (
	"errors"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// plan is a fake clock for the saver: what it planned, and which plans
// were cancelled.
type plan struct {
	delays  []time.Duration
	funcs   []func()
	stopped []bool
}

func (p *plan) after(d time.Duration, f func()) func() {
	i := len(p.funcs)
	p.delays, p.funcs, p.stopped = append(p.delays, d), append(p.funcs, f), append(p.stopped, false)
	return func() { p.stopped[i] = true }
}

// TestSaverOnItsOwn drives the saver with no window: a session, a fake
// clock and callbacks are all it needs.
func TestSaverOnItsOwn(t *testing.T) {
	store, err := workspace.OpenStore(t.TempDir(), workspace.Options{AppVersion: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	s := &session{store: store, ws: workspace.New("Mine", testNow)}
	var p plan
	refreshed, captured := 0, 0
	sv := &saver{s: s, delay: time.Second, after: p.after,
		capture:       func() { captured++ },
		refresh:       func() { refreshed++ },
		refreshHeader: func() {}, refreshBanner: func() {},
		failed: func(err error) { t.Errorf("save failed: %v", err) }}

	// Two changes: one header refresh and one save planned, the first of
	// each cancelled.
	sv.changed()
	sv.changed()
	if len(p.funcs) != 4 || !p.stopped[0] || !p.stopped[1] || p.stopped[2] || p.stopped[3] {
		t.Fatalf("plans %v stopped %v", p.delays, p.stopped)
	}
	if p.delays[2] != refreshDelay || p.delays[3] != time.Second {
		t.Errorf("delays %v", p.delays)
	}
	// The planned save writes the workspace (it differs from its
	// fingerprint: never saved) and refreshes the views.
	p.funcs[3]()
	if s.ws.Saved.IsZero() || s.saved != fingerprint(s.ws) || refreshed != 1 || captured == 0 {
		t.Errorf("after the planned save: saved %v, fingerprint kept %v, refreshed %d, captured %d",
			s.ws.Saved, s.saved == fingerprint(s.ws), refreshed, captured)
	}
	if sv.dirty() {
		t.Error("dirty right after a save")
	}

	// While the window is restored, nothing is planned.
	s.restoring = true
	sv.changed()
	s.restoring = false
	if len(p.funcs) != 4 {
		t.Errorf("a change while restoring planned %d more", len(p.funcs)-4)
	}

	// Autosave off: the header refresh only.
	sv.delay = -1
	sv.changed()
	if len(p.funcs) != 5 || p.delays[4] != refreshDelay {
		t.Errorf("autosave off planned %v", p.delays[4:])
	}
	sv.stop()
	if !p.stopped[4] {
		t.Error("stop left the header refresh planned")
	}
}

// TestSaverConflict: after a conflict the quiet save keeps the other
// window's file and writes the changes beside it.
func TestSaverConflict(t *testing.T) {
	store, err := workspace.OpenStore(t.TempDir(), workspace.Options{AppVersion: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	s := &session{store: store, ws: workspace.New("Mine", testNow)}
	sv := &saver{s: s, after: (&plan{}).after, capture: func() {}, refresh: func() {},
		failed: func(error) {}}
	if err := sv.write(); err != nil {
		t.Fatal(err)
	}
	s.ws.Notes = "changed here"
	s.conflict = true
	sv.saveQuietly()
	if s.conflict || !s.exists("Mine (unsaved changes)") {
		t.Errorf("conflict %v, copy written %v", s.conflict, s.exists("Mine (unsaved changes)"))
	}
	if last, _ := store.Last(); last != "Mine (unsaved changes)" {
		t.Errorf("last workspace %q", last)
	}
	if err := s.checkFree("Mine"); !errors.Is(err, workspace.ErrExists) {
		t.Errorf("checkFree(Mine) = %v", err)
	}
}
