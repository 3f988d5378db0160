// Package workspaceui is the app side of saved comparison workspaces: the
// Workspace menu (New, Open, Save, Save As, Rename, Duplicate, Delete), the
// last workspace reopened with its project, autosave after changes and on
// quit, capturing and restoring the window (panes and their order, scroll
// positions, highlight toggles, the search, the document table's filter
// and sort, notes), the banner listing documents that moved, changed or
// went, the dialogs for damaged, newer and conflicting files, and the
// annotations panel with its highlight layer.
//
// The engine side is internal/workspace; this package only moves state
// between it and the window. Every method runs on the Fyne main goroutine.
package workspaceui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/workspace"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/compare"
	"github.com/parallaxworkbench/parallax/ui/doctable"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Host is what the workspace manager needs of the window (*ui.Workbench
// is one): its window, app, state and views; places for a panel, a menu, a
// banner and a header tool; the project's life cycle.
type Host interface {
	Window() fyne.Window
	App() fyne.App
	Controller() *state.Controller
	Documents() *doctable.Table
	Compare() *compare.View
	AddPanel(p state.Panel)
	AddMenu(m *fyne.Menu)
	AddBanner(obj fyne.CanvasObject)
	AddHeaderTool(obj fyne.CanvasObject)
	RefreshMenus()
	OpenFolder(dir string)
	SetProject(p *state.Project)
	CloseProject()
	OnProjectOpened(f func(*state.Project))
	OnProjectClosing(f func(*state.Project))
	OnAnalysed(f func(*engine.Analysis, error))
	OnQuit(f func())
}

// LayerAnnotations is the highlight layer of the annotated passages.
const LayerAnnotations = "annotations"

// SearchPanel is what a workspace saves and restores of the entity search
// panel. Restore is called once the project's analysis is in.
type SearchPanel interface {
	// Query is the text of the search field; Entity the ID of the entity
	// whose mentions are listed, or "".
	Query() string
	Entity() string
	// Highlights returns the entity highlights' master switch and each
	// entity's own toggle.
	Highlights() (all bool, entities map[string]bool)
	// Restore types query, chooses entity (when it is still there) and sets
	// the highlight toggles.
	Restore(query, entity string, all bool, entities map[string]bool)
}

// Options configure a Manager.
type Options struct {
	// AppVersion is recorded in the workspaces saved.
	AppVersion string
	// Now is the clock; time.Now by default.
	Now func() time.Time
	// AutosaveDelay is how long after a change the workspace is saved;
	// 0 means 2 seconds, a negative value turns autosave timers off (the
	// workspace is still saved on quit and when the project closes).
	AutosaveDelay time.Duration
	// CheckInterval is how often the window is compared with the saved
	// workspace, for changes that send no event (scrolling, toggles); 0
	// means 5 seconds, negative none.
	CheckInterval time.Duration
	// Search, when set, lets workspaces save and restore the search.
	Search SearchPanel
	// After plans f on the main goroutine after d; bridge.AfterFunc by
	// default (tests plan it themselves).
	After func(d time.Duration, f func()) (stop func())
	// Every calls f on the main goroutine every d until stopped;
	// bridge.Every by default (tests tick it themselves).
	Every func(d time.Duration, f func()) (stop func())
}

// Manager keeps the workspace of the open project in step with the
// window. Create it with New.
//
// Its work is split by job, each in a type of its own that shares the
// session (the open workspace's state, session.go) and reaches the others
// only through the callbacks and narrow interfaces New wires: restorer
// (restore.go) opens the project's workspace, sets the window from it and
// captures the window into it; saver (autosave.go) writes it, at once,
// after changes and on quit; annotator (annotations.go) keeps the
// annotations and their panel; menus (menu.go) is the Workspace menu, its
// dialogs and the workspace files it creates, renames and deletes;
// notices (banner.go, header.go) are the banner and the header label.
// The jobs' exported methods are the Manager's (embedding).
type Manager struct {
	*session
	*saver
	*restorer
	*annotator
	*menus
	*notices
}

// New wires workspaces into the window: it adds the Workspace menu, the
// annotations panel, the banner and the workspace name in the header, and
// listens to the window to reopen, restore and autosave.
func New(wb Host, opts Options) *Manager {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.AutosaveDelay == 0 {
		opts.AutosaveDelay = 2 * time.Second
	}
	if opts.CheckInterval == 0 {
		opts.CheckInterval = 5 * time.Second
	}
	if opts.After == nil {
		opts.After = bridge.AfterFunc
	}
	if opts.Every == nil {
		opts.Every = bridge.Every
	}
	win, ctrl := wb.Window(), wb.Controller()
	s := &session{}
	m := &Manager{session: s}
	sv := &saver{s: s, delay: opts.AutosaveDelay, after: opts.After}
	an := &annotator{s: s, win: win, ctrl: ctrl, compare: wb.Compare, now: opts.Now, noteChange: sv.changed}
	an.panel = newAnnotationPanel(an)
	nt := &notices{s: s, win: win, isDirty: sv.dirty, noteChange: sv.changed}
	nt.banner, nt.label = newBanner(nt), newHeaderLabel(nt)
	rs := &restorer{s: s, win: wb, ctrl: ctrl, notesUI: an.panel, saver: sv, search: opts.Search,
		appVersion: opts.AppVersion, now: opts.Now, refresh: m.refresh, newWorkspace: nt.newWorkspace}
	mn := &menus{s: s, win: win, saver: sv, restore: rs, refresh: m.refresh,
		annotate: func() { an.AnnotateSelection(nil) }, showPanel: func() { ctrl.ShowPanel(PanelID) }}
	sv.capture, sv.refresh, sv.refreshHeader, sv.refreshBanner = rs.Capture, m.refresh, nt.label.refresh, nt.banner.refresh
	sv.failed = mn.saveFailed
	rs.showError, rs.showLoadError = mn.showError, mn.showLoadError
	nt.reload, nt.saveAs, nt.open = mn.Reload, mn.ShowSaveAs, mn.ShowOpen
	m.saver, m.restorer, m.annotator, m.menus, m.notices = sv, rs, an, mn, nt

	wb.AddBanner(nt.banner.root)
	wb.AddHeaderTool(nt.label.root)
	wb.AddPanel(state.Panel{ID: PanelID, Title: "Annotations", Icon: annotationIcon(), Slot: state.SlotInspector,
		Content: an.panel.root})
	mn.buildMenu()
	wb.AddMenu(mn.menu)
	mn.addShortcuts()

	wb.Compare().OnAnnotate = func(p *compare.Pane) { an.AnnotateSelection(p) }
	wb.Compare().OnDirectionChanged = func(*compare.Pane) { sv.changed() }
	ctrl.OnProjectPrepare(rs.prepareProject)
	wb.OnProjectOpened(rs.projectOpened)
	wb.OnProjectClosing(rs.projectClosing)
	wb.OnQuit(m.quit)
	ctrl.OnStateFilesChanged(sv.stateFilesChanged)
	ctrl.OnOpenDocsChanged(func([]*document.Document) { sv.changed() })
	ctrl.OnFocusChanged(func(*document.Document) { sv.changed() })
	wb.OnAnalysed(func(a *engine.Analysis, err error) {
		if err == nil {
			rs.analysisChanged(a)
		}
	})
	wb.Documents().OnViewChanged = sv.changed
	if a := wb.App(); a != nil {
		a.Lifecycle().SetOnStopped(m.quit)
	}
	if opts.CheckInterval > 0 {
		sv.stopCheck = opts.Every(opts.CheckInterval, sv.autosave)
	}
	m.refresh()
	return m
}

// Workspace returns the open workspace (nil without a project). Its window
// state is as of the last capture: call Capture first for the current one.
func (m *Manager) Workspace() *workspace.Workspace { return m.ws }

// Store returns the open project's workspace store, or nil.
func (m *Manager) Store() *workspace.Store { return m.store }

// Problems returns the problems found when the workspace was opened.
func (m *Manager) Problems() []workspace.Problem { return slices.Clone(m.problems) }

// Dirty reports whether the window differs from the saved workspace.
func (m *Manager) Dirty() bool { return m.saver.dirty() }

// Snapshot returns a copy of the workspace with the window's current
// state, safe to hand to another goroutine (for a report).
func (m *Manager) Snapshot() *workspace.Workspace {
	if m.ws == nil {
		return nil
	}
	m.Capture()
	cp := *m.ws
	cp.Panes = slices.Clone(m.ws.Panes)
	cp.Annotations = slices.Clone(m.ws.Annotations)
	for i := range cp.Annotations {
		cp.Annotations[i].Tags = slices.Clone(cp.Annotations[i].Tags)
	}
	cp.Report.Sections = cloneMap(m.ws.Report.Sections)
	cp.Highlights.Entities = cloneMap(m.ws.Highlights.Entities)
	cp.Table.Filters = slices.Clone(m.ws.Table.Filters)
	cp.Table.Sort = slices.Clone(m.ws.Table.Sort)
	return &cp
}

// SetReportSettings changes the workspace's report settings.
func (m *Manager) SetReportSettings(r workspace.ReportSettings) {
	if m.ws == nil {
		return
	}
	r.Sections = cloneMap(r.Sections)
	m.ws.Report = r
	m.saver.changed()
}

func cloneMap[K comparable, V any](in map[K]V) map[K]V {
	if in == nil {
		return nil
	}
	out := make(map[K]V, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// quit saves before the app goes.
func (m *Manager) quit() {
	m.saveQuietly()
	m.stopTimer()
}

// Close stops the manager's timers (for tests and a closing window).
func (m *Manager) Close() { m.stop() }

// refresh brings the menu, header, banner and panel up to date.
func (m *Manager) refresh() {
	m.refreshMenu()
	m.notices.refresh()
	m.annotator.panel.refresh()
}
