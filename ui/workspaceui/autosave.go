package workspaceui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// saver writes the workspace: at once, a moment after the analyst's
// changes (autosave), quietly on quit, and after a check that finds the
// window changed. It owns the timers; what a save needs of the window and
// what it tells afterwards come in as callbacks.
type saver struct {
	s *session
	// capture copies the window's state into the workspace.
	capture func()
	// refresh brings every view up to date; refreshHeader only the
	// header, refreshBanner only the banner.
	refresh, refreshHeader, refreshBanner func()
	// failed explains a save that did not happen (dialogs).
	failed func(error)

	delay time.Duration // autosave's pause after a change; negative: none
	after func(d time.Duration, f func()) (stop func())

	stopRefresh  func() // the header's planned refresh after a change
	stopDebounce func()
	stopCheck    func()
}

// dirty reports whether the window differs from the saved workspace.
func (sv *saver) dirty() bool {
	if sv.s.ws == nil {
		return false
	}
	sv.capture()
	return fingerprint(sv.s.ws) != sv.s.saved
}

// refreshDelay is how long after the analyst's last change the header
// says whether the window differs from the saved workspace.
const refreshDelay = 250 * time.Millisecond

// changed notes a change by the analyst: the header shows it after a
// pause (telling needs a capture and a fingerprint of the workspace, up to
// tens of ms with many saved highlights: not at every keystroke in a
// filter), and the workspace is saved a moment later.
func (sv *saver) changed() {
	if sv.s.restoring || sv.s.ws == nil {
		return
	}
	if sv.stopRefresh != nil {
		sv.stopRefresh()
	}
	sv.stopRefresh = sv.after(refreshDelay, func() {
		sv.stopRefresh = nil
		sv.refresh()
	})
	if sv.delay < 0 {
		return
	}
	sv.stopTimer()
	sv.stopDebounce = sv.after(sv.delay, sv.autosaveNow)
}

func (sv *saver) stopTimer() {
	if sv.stopDebounce != nil {
		sv.stopDebounce()
		sv.stopDebounce = nil
	}
}

// stop ends every timer (a closing window, tests).
func (sv *saver) stop() {
	sv.stopTimer()
	if sv.stopRefresh != nil {
		sv.stopRefresh()
		sv.stopRefresh = nil
	}
	if sv.stopCheck != nil {
		sv.stopCheck()
		sv.stopCheck = nil
	}
}

// stateFilesChanged checks the open workspace's file after a workspace
// file changed on disk: when another writer changed it (its content is not
// what this window loaded or saved last; the window's own saves compare
// equal), the banner offers a reload at once instead of at the next save,
// and autosave waits for the analyst's answer.
func (sv *saver) stateFilesChanged(files []string) {
	s := sv.s
	if s.ws == nil || s.store == nil || s.conflict {
		return
	}
	seen := false
	for _, f := range files {
		seen = seen || strings.HasPrefix(f, workspacesPrefix)
	}
	if !seen {
		return
	}
	changed, err := s.store.Changed(s.ws)
	if err != nil {
		fyne.LogError("check workspace "+s.ws.Name, err)
		return
	}
	if changed {
		s.conflict = true
		sv.refresh()
	}
}

// workspacesPrefix is where workspace files are, relative to the project
// as the folder watcher reports them.
const workspacesPrefix = workspace.StateDir + "/" + workspace.SubDir + "/"

// autosave saves the workspace when the window differs from it, unless
// it is read-only or a conflict waits for the analyst. A save already
// planned is then not needed.
func (sv *saver) autosave() {
	sv.stopTimer()
	sv.autosaveNow()
}

// autosaveNow is autosave for the planned save itself.
func (sv *saver) autosaveNow() {
	s := sv.s
	if s.ws == nil || s.store == nil || s.ws.ReadOnly || s.conflict {
		sv.refreshHeader()
		if s.conflict {
			sv.refreshBanner() // it says whether changes here are unsaved
		}
		return
	}
	if !sv.dirty() {
		sv.refreshHeader()
		return
	}
	if err := sv.write(); err != nil {
		sv.failed(err)
	}
	sv.refresh()
}

// saveQuietly saves a changed workspace without asking (on quit and when
// the project closes). A read-only workspace is left alone (its banner
// said so); after a conflict the other window's file is never
// overwritten: the changes here go to a new workspace beside it.
func (sv *saver) saveQuietly() {
	s := sv.s
	if s.ws == nil || s.store == nil || s.ws.ReadOnly || !sv.dirty() {
		return
	}
	if s.conflict {
		name := s.freeName(s.ws.Name + " (unsaved changes)")
		if err := s.store.SaveAs(s.ws, name, workspace.SaveOptions{}); err != nil {
			fyne.LogError("save workspace "+s.ws.Name+" as "+name, err)
			return
		}
		s.conflict = false
		s.saved = fingerprint(s.ws)
		if err := s.store.SetLast(name); err != nil {
			fyne.LogError("remember workspace", err)
		}
		return
	}
	if err := sv.write(); err != nil {
		fyne.LogError("save workspace "+s.ws.Name, err)
	}
}

// write saves the workspace (a new one under a free name) and remembers
// it as the project's last.
func (sv *saver) write() error {
	s := sv.s
	ws := s.ws
	sv.capture()
	err := s.store.Save(ws, workspace.SaveOptions{})
	if errors.Is(err, workspace.ErrExists) && ws.Saved.IsZero() {
		// A new workspace whose name was taken meanwhile (another window):
		// keep both.
		err = s.store.SaveAs(ws, s.freeName(ws.Name), workspace.SaveOptions{})
	}
	if err != nil {
		return err
	}
	s.saved = fingerprint(ws)
	s.fromBackup = false
	if err := s.store.SetLast(ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}

// saveAs writes the workspace under a new name and makes that the
// current one (writable, even when the original was read-only).
func (sv *saver) saveAs(name string) error {
	s := sv.s
	sv.stopTimer()
	sv.capture()
	if err := s.store.SaveAs(s.ws, name, workspace.SaveOptions{}); err != nil {
		return err
	}
	s.conflict = false
	s.saved = fingerprint(s.ws)
	if err := s.store.SetLast(s.ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}
