package workspaceui

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// session is the state of the open workspace that the Manager's jobs
// share: the store and workspace, what is on disk, what went missing and
// the flags that decide whether a save may happen. It holds data and
// answers questions about it; it shows nothing and plans nothing.
type session struct {
	store *workspace.Store
	ws    *workspace.Workspace
	// saved is the fingerprint of what is on disk (or of the workspace as
	// created, while it has never been saved).
	saved string
	// missing are the panes whose documents are gone; they stay in the
	// workspace, after the open panes, until the analyst forgets them.
	missing  []workspace.Pane
	problems []workspace.Problem
	// conflict is set while a save was refused because the file changed
	// on disk; autosave waits for the analyst's answer.
	conflict bool
	// fromBackup is set while the workspace shown is the backup of a
	// damaged file that has not been saved over it yet.
	fromBackup bool
	// restoring is set while the window is being set from a workspace, so
	// that the changes it makes do not count as the analyst's.
	restoring bool
}

// close forgets the workspace of a project that closed.
func (s *session) close() {
	s.store, s.ws = nil, nil
	s.missing, s.problems = nil, nil
	s.conflict = false
}

// freeName returns base, or base followed by a number, that names no
// workspace yet.
func (s *session) freeName(base string) string {
	if s.store == nil {
		return base
	}
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s %d", base, i)
		}
		if !s.exists(name) {
			return name
		}
	}
}

// exists reports whether a workspace of that name (ignoring case) is
// kept, as a file or in the project's store.
func (s *session) exists(name string) bool {
	ok, err := s.store.Exists(name)
	return err == nil && ok
}

// checkFree reports why name cannot name a new workspace, or nil.
func (s *session) checkFree(name string) error {
	if err := workspace.CheckName(name); err != nil {
		return err
	}
	if s.exists(name) {
		return fmt.Errorf("%q: %w", name, workspace.ErrExists)
	}
	return nil
}

// fingerprint is what a save would change: the workspace's content
// without its times and version. A pane's scroll fraction counts only
// when its offset is unknown: the same first line at another window size
// is no change.
func fingerprint(ws *workspace.Workspace) string {
	panes := slices.Clone(ws.Panes)
	for i := range panes {
		if panes[i].Scroll.Offset >= 0 {
			panes[i].Scroll.Fraction = 0
		}
	}
	b, err := json.Marshal(struct {
		Panes       []workspace.Pane
		Active      int
		Highlights  workspace.Highlights
		Search      workspace.Search
		Table       workspace.Table
		Annotations []workspace.Annotation
		Notes       string
		Report      workspace.ReportSettings
	}{panes, ws.Active, ws.Highlights, ws.Search, ws.Table, ws.Annotations, ws.Notes, ws.Report})
	if err != nil {
		return ""
	}
	return string(b)
}
