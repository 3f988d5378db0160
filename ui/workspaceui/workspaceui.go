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
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/textdir"
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
type Manager struct {
	*annotator
	*menus
	*notices

	wb   Host
	win  fyne.Window
	ctrl *state.Controller
	opts Options

	store *workspace.Store
	ws    *workspace.Workspace
	// saved is the fingerprint of what is on disk (or of the workspace as
	// created, while it has never been saved).
	saved string
	// missing are the panes whose documents are gone; they stay in the
	// workspace, after the open panes, until the analyst forgets them.
	missing  []workspace.Pane
	problems []workspace.Problem
	// searchPending holds a search and the entity highlights to restore
	// once the analysis is in.
	searchPending *pendingSearch
	// conflict is set while a save was refused because the file changed
	// on disk; autosave waits for the analyst's answer.
	conflict bool
	// fromBackup is set while the workspace shown is the backup of a
	// damaged file that has not been saved over it yet.
	fromBackup bool
	// restoring is set while the window is being set from a workspace, so
	// that the changes it makes do not count as the analyst's.
	restoring bool
	// opening is what prepareProject read for the project being opened,
	// until projectOpened uses it.
	opening *opened

	stopRefresh  func() // the header's planned refresh after a change
	stopDebounce func()
	stopCheck    func()

	panel  *annotationPanel
	banner *banner
	label  *headerLabel
	menu   *fyne.Menu
	items  map[string]*fyne.MenuItem
}

// The Manager's work is split by job: annotator (annotations.go) adds,
// edits, lists and reveals annotations; menus (menu.go) is the Workspace
// menu, its dialogs and the workspace files it creates, renames and
// deletes; notices (banner.go, header.go) is the banner and the header
// label. They share the Manager's state through their back pointer and
// their methods are the Manager's (embedding), so its API is unchanged.
type (
	annotator struct{ m *Manager }
	menus     struct{ m *Manager }
	notices   struct{ m *Manager }
)

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
	m := &Manager{wb: wb, win: wb.Window(), ctrl: wb.Controller(), opts: opts}
	m.annotator, m.menus, m.notices = &annotator{m}, &menus{m}, &notices{m}
	m.panel = newAnnotationPanel(m)
	m.banner = newBanner(m)
	m.label = newHeaderLabel(m)
	wb.AddBanner(m.banner.root)
	wb.AddHeaderTool(m.label.root)
	wb.AddPanel(state.Panel{ID: PanelID, Title: "Annotations", Icon: annotationIcon(), Slot: state.SlotInspector,
		Content: m.panel.root})
	m.buildMenu()
	wb.AddMenu(m.menu)
	m.addShortcuts()

	wb.Compare().OnAnnotate = func(p *compare.Pane) { m.AnnotateSelection(p) }
	wb.Compare().OnDirectionChanged = func(*compare.Pane) { m.changed() }
	m.ctrl.OnProjectPrepare(m.prepareProject)
	wb.OnProjectOpened(m.projectOpened)
	wb.OnProjectClosing(m.projectClosing)
	wb.OnQuit(m.quit)
	m.ctrl.OnStateFilesChanged(m.stateFilesChanged)
	m.ctrl.OnOpenDocsChanged(func([]*document.Document) { m.changed() })
	m.ctrl.OnFocusChanged(func(*document.Document) { m.changed() })
	wb.OnAnalysed(func(a *engine.Analysis, err error) {
		if err == nil {
			m.analysisChanged(a)
		}
	})
	wb.Documents().OnViewChanged = m.changed
	if a := wb.App(); a != nil {
		a.Lifecycle().SetOnStopped(m.quit)
	}
	if opts.CheckInterval > 0 {
		m.stopCheck = m.opts.Every(opts.CheckInterval, m.autosave)
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
func (m *Manager) Dirty() bool {
	if m.ws == nil {
		return false
	}
	m.Capture()
	return fingerprint(m.ws) != m.saved
}

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
	m.changed()
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

// --- the project's life ---

// opened is what opening a project's workspace reads from disk and
// works out: the store, the last workspace's name and the workspace
// loaded (or why not), resolved against the project's documents.
type opened struct {
	p        *state.Project
	store    *workspace.Store
	storeErr error
	name     string
	lastErr  error
	ws       *workspace.Workspace
	loadErr  error
	resolved *resolved
}

// resolved is a workspace matched against the project's documents: the
// problems found and the fingerprint of the workspace after matching.
type resolved struct {
	problems []workspace.Problem
	saved    string
}

// openWorkspace reads the last workspace of p and resolves it, touching
// no widget: it runs off the main goroutine when the project is loaded.
func (m *Manager) openWorkspace(p *state.Project) *opened {
	o := &opened{p: p}
	wopts := workspace.Options{AppVersion: m.opts.AppVersion, Now: m.opts.Now}
	if st, ok := p.Decisions.(*statedoc.Stored); ok {
		wopts.State = st // kept in the project's store
	}
	o.store, o.storeErr = workspace.OpenStore(p.Dir, wopts)
	if o.storeErr != nil {
		return o
	}
	o.name, o.lastErr = o.store.Last()
	if o.name == "" {
		return o
	}
	o.ws, o.loadErr = o.store.Load(o.name)
	if o.loadErr == nil {
		o.resolved = resolveWorkspace(o.ws, p.Docs)
	}
	return o
}

// resolveWorkspace resolves ws against docs (which may move its panes and
// annotations) and takes its fingerprint as the baseline of changes.
func resolveWorkspace(ws *workspace.Workspace, docs []*document.Document) *resolved {
	r := &resolved{problems: resolve(ws, docs)}
	if len(r.problems) == 0 {
		r.saved = fingerprint(ws)
	}
	return r
}

// prepareProject reads and resolves the workspace of a project being
// loaded, on the load's goroutine; projectOpened then only shows it.
func (m *Manager) prepareProject(p *state.Project) func() {
	if p == nil || p.Dir == "" {
		return nil
	}
	o := m.openWorkspace(p)
	return func() { m.opening = o }
}

// projectOpened opens the project's last workspace (or a new one) and
// restores the window from it.
func (m *Manager) projectOpened(p *state.Project) {
	o := m.opening
	m.opening = nil
	if o == nil || o.p != p {
		o = m.openWorkspace(p) // a project set without a load
	}
	if o.storeErr != nil {
		m.store, m.ws = nil, nil
		m.showError(fmt.Errorf("workspaces of %s: %w", p.Dir, o.storeErr))
		m.refresh()
		return
	}
	m.store = o.store
	if o.lastErr != nil {
		fyne.LogError("last workspace", o.lastErr)
	}
	if o.name != "" {
		if o.loadErr == nil {
			m.applyResolved(o.ws, o.resolved)
			return
		}
		m.startNew(m.freeName("Untitled"), false)
		m.showLoadError(o.name, o.loadErr)
		return
	}
	m.startNew(m.freeName("Untitled"), false)
}

// projectClosing saves the workspace of the project being closed.
func (m *Manager) projectClosing(*state.Project) {
	m.saveQuietly()
	m.stopTimer()
	m.store, m.ws = nil, nil
	m.missing, m.problems, m.searchPending = nil, nil, nil
	m.opening = nil
	m.conflict = false
	m.ctrl.SetHighlightLayer(LayerAnnotations, nil)
	m.refresh()
}

// quit saves before the app goes.
func (m *Manager) quit() {
	m.saveQuietly()
	m.stopTimer()
}

// Close stops the manager's timers (for tests and a closing window).
func (m *Manager) Close() {
	m.stopTimer()
	if m.stopCheck != nil {
		m.stopCheck()
		m.stopCheck = nil
	}
}

func (m *Manager) analysisChanged(a *engine.Analysis) {
	if a == nil || m.searchPending == nil || m.opts.Search == nil {
		return
	}
	s := *m.searchPending
	m.searchPending = nil
	m.restoring = true
	s.restore(m.opts.Search)
	m.restoring = false
}

// pendingSearch is what a workspace restores of the entity search panel.
type pendingSearch struct {
	search     workspace.Search
	highlights workspace.Highlights
}

func (s pendingSearch) restore(p SearchPanel) {
	p.Restore(s.search.Query, s.search.Entity, s.highlights.All, s.highlights.Entities)
}

// startNew makes an empty workspace current: no pane, no filter, no notes.
// With save, it is written at once; otherwise at the first change.
func (m *Manager) startNew(name string, save bool) {
	ws := workspace.New(name, m.opts.Now())
	ws.Highlights = workspace.Highlights{All: true, Boilerplate: true, Passages: true}
	m.apply(ws)
	if save {
		m.Save()
	}
}

// freeName returns base, or base followed by a number, that names no
// workspace yet.
func (m *Manager) freeName(base string) string {
	if m.store == nil {
		return base
	}
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s %d", base, i)
		}
		if !m.exists(name) {
			return name
		}
	}
}

// exists reports whether a workspace of that name (ignoring case) is
// kept, as a file or in the project's store.
func (m *Manager) exists(name string) bool {
	ok, err := m.store.Exists(name)
	return err == nil && ok
}

// apply makes ws the current workspace and sets the window from it.
func (m *Manager) apply(ws *workspace.Workspace) { m.applyResolved(ws, nil) }

// applyResolved is apply for a workspace already resolved against the
// open project's documents (r nil: not yet).
func (m *Manager) applyResolved(ws *workspace.Workspace, r *resolved) {
	m.stopTimer()
	m.ws = ws
	m.conflict = false
	m.fromBackup = false
	m.banner.dismissed = false
	m.missing, m.problems, m.searchPending = nil, nil, nil
	p := m.ctrl.Project()
	if p == nil {
		m.refresh()
		return
	}
	m.restoring = true
	defer func() { m.restoring = false }()
	if r == nil {
		r = resolveWorkspace(ws, p.Docs)
	}
	m.problems = r.problems
	changed := map[string]bool{}
	for _, pr := range m.problems {
		if pr.Kind == workspace.ProblemChanged {
			changed[pr.Path] = true
		}
	}
	byPath := make(map[string]*document.Document, len(p.Docs))
	for _, d := range p.Docs {
		byPath[d.Path] = d
	}

	// The document table first: the panes do not depend on it.
	table := m.wb.Documents()
	q := ""
	for _, f := range ws.Table.Filters {
		if f.Column == filterColumn {
			q = f.Value
		}
	}
	table.SetFilter(q)
	col, desc := doctable.ColTitle, false
	if len(ws.Table.Sort) > 0 {
		if c, ok := doctable.ColumnNamed(ws.Table.Sort[0].Column); ok {
			col, desc = c, ws.Table.Sort[0].Desc
		}
	}
	table.SortBy(col, desc)

	cv := m.wb.Compare()
	cv.SetBoilerplateHidden(!ws.Highlights.Boilerplate)
	cv.SetHighlightsShown(ws.Highlights.Passages)
	m.wb.RefreshMenus()

	var docs []*document.Document
	var open []workspace.Pane
	for _, pn := range ws.Panes {
		if d := byPath[pn.Path]; d != nil && len(docs) < compare.MaxPanes && !slices.Contains(docs, d) {
			docs = append(docs, d)
			open = append(open, pn)
		} else if d == nil {
			m.missing = append(m.missing, pn)
		}
	}
	m.ctrl.Open(docs...)
	panes := cv.Panes()
	// Widths first: they decide how lines wrap, hence the scroll offsets.
	if len(open) == len(panes) {
		widths := make([]float64, len(open))
		for i, pn := range open {
			widths[i] = pn.Width
		}
		cv.SetPaneWidths(widths) // ignored for files saved without widths
	}
	for i, pane := range panes {
		if i >= len(open) {
			break
		}
		pane.SetDirection(textdir.ParseDir(open[i].Direction))
		sc := open[i].Scroll
		switch {
		case changed[open[i].Path] || sc.Offset < 0:
			pane.SetScrollFraction(sc.Fraction)
		default:
			pane.SetTopOffset(sc.Offset)
		}
	}
	if ws.Active >= 0 && ws.Active < len(panes) {
		cv.Focus(panes[ws.Active])
	}
	if m.opts.Search != nil {
		s := pendingSearch{search: ws.Search, highlights: ws.Highlights}
		if m.ctrl.Analysis() != nil {
			s.restore(m.opts.Search)
		} else {
			m.searchPending = &s
		}
	}
	m.ctrl.SetHighlightLayer(LayerAnnotations, m.panel.highlights)
	m.panel.setNotes(ws.Notes)
	// What was loaded (and resolved) is the baseline: restoring is not a
	// change, but what Resolve moved or re-anchored is saved with the
	// first real change.
	// (With problems, saved is "": the resolved paths and anchors are
	// kept at the next save.)
	m.saved = r.saved
	m.refresh()
}

// resolve is workspace.Resolve without the "changed" problems of documents
// whose only stale hashes are those of orphaned annotations: an orphan
// keeps the hash of the version it was written on, so Resolve would
// report its document changed again at every opening.
func resolve(ws *workspace.Workspace, docs []*document.Document) []workspace.Problem {
	hash := make(map[string]string, len(docs))
	for _, d := range docs {
		hash[d.Path] = d.Hash
	}
	stale := map[string]bool{}
	for _, p := range ws.Panes {
		if h, ok := hash[p.Path]; ok && p.Hash != "" && p.Hash != h {
			stale[p.Path] = true
		}
	}
	for _, a := range ws.Annotations {
		if h, ok := hash[a.Path]; ok && !a.Orphaned && a.Hash != h {
			stale[a.Path] = true
		}
	}
	var out []workspace.Problem
	for _, pr := range workspace.Resolve(ws, docs) {
		if pr.Kind == workspace.ProblemChanged && !stale[pr.Path] {
			continue
		}
		out = append(out, pr)
	}
	return out
}

// filterColumn is the column name under which the document table's free
// text filter is saved.
const filterColumn = "any"

// Capture copies the window's state into the workspace.
func (m *Manager) Capture() {
	ws := m.ws
	if ws == nil {
		return
	}
	cv := m.wb.Compare()
	panes := cv.Panes()
	ws.Panes = ws.Panes[:0:0]
	ws.Active = 0
	widths := cv.PaneWidths()
	for i, p := range panes {
		d := p.Doc()
		ws.Panes = append(ws.Panes, workspace.Pane{Path: d.Path, Hash: d.Hash,
			Scroll: workspace.Scroll{Offset: p.TopOffset(), Fraction: roundFraction(p.ScrollFraction())},
			Width:  roundFraction(widths[i]), Direction: direction(p.Direction())})
		if p == cv.Focused() {
			ws.Active = i
		}
	}
	ws.Panes = append(ws.Panes, m.missing...)
	ws.Highlights.Boilerplate = !cv.BoilerplateHidden()
	ws.Highlights.Passages = cv.HighlightsShown()
	if m.opts.Search != nil && m.searchPending == nil && m.ctrl.Analysis() != nil {
		ws.Search = workspace.Search{Query: m.opts.Search.Query(), Entity: m.opts.Search.Entity()}
		ws.Highlights.All, ws.Highlights.Entities = m.opts.Search.Highlights()
	}
	table := m.wb.Documents()
	ws.Table = workspace.Table{}
	if q := table.Filter(); q != "" {
		ws.Table.Filters = []workspace.Filter{{Column: filterColumn, Op: "contains", Value: q}}
	}
	col, desc := table.Sort()
	if name := doctable.ColumnName(col); name != "" && (col != doctable.ColTitle || desc) {
		ws.Table.Sort = []workspace.SortKey{{Column: name, Desc: desc}}
	}
	ws.Notes = m.panel.notes()
}

// roundFraction keeps four decimals, so that a pixel of difference in a
// layout does not count as a change.
func roundFraction(f float64) float64 {
	return float64(int(f*10000+0.5)) / 10000
}

// --- autosave ---

// refreshDelay is how long after the analyst's last change the header
// says whether the window differs from the saved workspace.
const refreshDelay = 250 * time.Millisecond

// changed notes a change by the analyst: the header shows it after a
// pause (telling needs a capture and a fingerprint of the workspace, up to
// tens of ms with many saved highlights: not at every keystroke in a
// filter), and the workspace is saved a moment later.
func (m *Manager) changed() {
	if m.restoring || m.ws == nil {
		return
	}
	if m.stopRefresh != nil {
		m.stopRefresh()
	}
	m.stopRefresh = m.opts.After(refreshDelay, func() {
		m.stopRefresh = nil
		m.refresh()
	})
	if m.opts.AutosaveDelay < 0 {
		return
	}
	m.stopTimer()
	m.stopDebounce = m.opts.After(m.opts.AutosaveDelay, m.autosaveNow)
}

func (m *Manager) stopTimer() {
	if m.stopDebounce != nil {
		m.stopDebounce()
		m.stopDebounce = nil
	}
}

// stateFilesChanged checks the open workspace's file after a workspace
// file changed on disk: when another writer changed it (its content is not
// what this window loaded or saved last; the window's own saves compare
// equal), the banner offers a reload at once instead of at the next save,
// and autosave waits for the analyst's answer.
func (m *Manager) stateFilesChanged(files []string) {
	if m.ws == nil || m.store == nil || m.conflict {
		return
	}
	seen := false
	for _, f := range files {
		seen = seen || strings.HasPrefix(f, workspacesPrefix)
	}
	if !seen {
		return
	}
	changed, err := m.store.Changed(m.ws)
	if err != nil {
		fyne.LogError("check workspace "+m.ws.Name, err)
		return
	}
	if changed {
		m.conflict = true
		m.refresh()
	}
}

// workspacesPrefix is where workspace files are, relative to the project
// as the folder watcher reports them.
const workspacesPrefix = workspace.StateDir + "/" + workspace.SubDir + "/"

// autosave saves the workspace when the window differs from it, unless
// it is read-only or a conflict waits for the analyst. A save already
// planned is then not needed.
func (m *Manager) autosave() {
	m.stopTimer()
	m.autosaveNow()
}

// autosaveNow is autosave for the planned save itself.
func (m *Manager) autosaveNow() {
	if m.ws == nil || m.store == nil || m.ws.ReadOnly || m.conflict {
		m.label.refresh()
		if m.conflict {
			m.banner.refresh() // it says whether changes here are unsaved
		}
		return
	}
	if !m.Dirty() {
		m.label.refresh()
		return
	}
	if err := m.write(); err != nil {
		m.saveFailed(err)
	}
	m.refresh()
}

// saveQuietly saves a changed workspace without asking (on quit and when
// the project closes). A read-only workspace is left alone (its banner
// said so); after a conflict the other window's file is never
// overwritten: the changes here go to a new workspace beside it.
func (m *Manager) saveQuietly() {
	if m.ws == nil || m.store == nil || m.ws.ReadOnly || !m.Dirty() {
		return
	}
	if m.conflict {
		name := m.freeName(m.ws.Name + " (unsaved changes)")
		if err := m.store.SaveAs(m.ws, name, workspace.SaveOptions{}); err != nil {
			fyne.LogError("save workspace "+m.ws.Name+" as "+name, err)
			return
		}
		m.conflict = false
		m.saved = fingerprint(m.ws)
		if err := m.store.SetLast(name); err != nil {
			fyne.LogError("remember workspace", err)
		}
		return
	}
	if err := m.write(); err != nil {
		fyne.LogError("save workspace "+m.ws.Name, err)
	}
}

// write saves the workspace (a new one under a free name) and remembers
// it as the project's last.
func (m *Manager) write() error {
	ws := m.ws
	m.Capture()
	err := m.store.Save(ws, workspace.SaveOptions{})
	if errors.Is(err, workspace.ErrExists) && ws.Saved.IsZero() {
		// A new workspace whose name was taken meanwhile (another window):
		// keep both.
		err = m.store.SaveAs(ws, m.freeName(ws.Name), workspace.SaveOptions{})
	}
	if err != nil {
		return err
	}
	m.saved = fingerprint(ws)
	m.fromBackup = false
	if err := m.store.SetLast(ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}

// saveFailed tells the analyst why a save did not happen and what to do.
func (m *Manager) saveFailed(err error) {
	switch {
	case errors.Is(err, workspace.ErrConflict):
		m.conflict = true
		m.refresh()
		m.showConflict()
	case errors.Is(err, workspace.ErrReadOnly):
		m.showReadOnlySave()
	default:
		m.showError(fmt.Errorf("save workspace %q: %w", m.ws.Name, err))
	}
}

// refresh brings the menu, header, banner and panel up to date.
func (m *Manager) refresh() {
	m.refreshMenu()
	m.label.refresh()
	m.banner.refresh()
	m.panel.refresh()
}

// direction is how a pane's text direction is saved: nothing when it is
// found per paragraph (as before directions were saved).
func direction(d textdir.Dir) string {
	if d == textdir.Auto {
		return ""
	}
	return d.String()
}
