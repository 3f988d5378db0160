// Package ui is the Parallax desktop window: the start screen, the main
// menu, loading a project folder in the background, the document list, the
// side-by-side compare view, the problems panel, and the slots where other
// panels plug in.
//
// cmd/parallax creates the fyne.App and calls New with a Loader; tests pass
// a test app and a fake or real loader. The window's shared state lives in
// ui/state, the list in ui/doctable, the panes in ui/compare and the text
// widget in ui/textview.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/compare"
	"github.com/parallaxworkbench/parallax/ui/doctable"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Options configure a Workbench.
type Options struct {
	// Loader loads a project folder (required).
	Loader state.Loader
	// Analyse, when set, analyses each loaded project in the background;
	// panels read the result from the controller.
	Analyse state.Analyser
	// Watch, when set, watches the open project's folder; changes on disk
	// offer a Reload that keeps the open panes.
	Watch state.Watcher
	// Reopen, when set, reloads only the files the watcher reported
	// changed (instead of the Loader reading the whole folder again).
	Reopen state.Reopener
	// Update, when set, derives the analysis of a reloaded folder from
	// the one shown before the reload (only what the changed files touch
	// is redone) instead of running Analyse from scratch.
	Update state.Updater
	// WatchStore, when set, gives the watcher of a project's decisions
	// kept in a store (another analyst's change there changes no file);
	// the app passes backend.WatchDecisions polling every
	// backend.StatePollInterval.
	WatchStore func(*statedoc.Stored) state.Watcher
	// Demo is the demo project's files; nil hides "Open demo project".
	Demo fs.FS
	// DemoDir is where the demo is copied before opening; empty means
	// <user cache dir>/parallax/demo.
	DemoDir string
	// Icon is the application icon shown on the start screen and in About.
	Icon fyne.Resource
	// OnLoaded, when set, is called on the main goroutine after every load
	// finishes (err is context.Canceled when the user cancelled), after
	// the OnProjectOpened listeners; not for a project closed before they
	// ran (they run a turn of the main loop after it is shown).
	OnLoaded func(*state.Project, error)
	// OnAnalysed, when set, is called on the main goroutine after every
	// analysis finishes.
	OnAnalysed func(*engine.Analysis, error)
}

// Workbench is the main window. Create it with New.
type Workbench struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	ctrl *state.Controller

	docs     *doctable.Table
	compare  *compare.View
	problems *problemsPanel

	sidebar   *container.AppTabs
	inspector *container.AppTabs
	bottom    *container.AppTabs
	panels    []state.Panel
	tabs      map[string]*container.TabItem
	docsTab   *container.TabItem
	probTab   *container.TabItem
	headTools *fyne.Container

	titleLabel *widget.Label
	dirLabel   *widget.Label
	status     *widget.Label
	workspace  fyne.CanvasObject
	// screens is the window's content for its whole life: the start
	// screen and the workspace, one shown at a time
	// (show). SetContent refreshes the whole new tree, every widget and
	// icon: for the workspace of a 10k project that was 40–60 ms of the
	// load's end.
	screens   *fyne.Container
	split     *container.Split
	autoSplit float64 // the split's offset as last set for the panes open
	mainArea  *fyne.Container

	start   *startScreen
	loading *loadingView
	job     *bridge.Job[*state.Project]
	anaJob  *bridge.Job[*engine.Analysis]
	anaInfo *widget.Label
	anaBar  *widget.ProgressBar
	anaBox  *fyne.Container

	stopWatch context.CancelFunc
	changes   state.Change
	// lexTask checks the project lexicons after they changed on disk;
	// lexRecheck asks for another check once it is done.
	lexTask    *bridge.Task
	lexRecheck bool
	changeBox  *fyne.Container
	changeMsg  *widget.Label
	// statusRight holds the change notice and the analysis progress at the
	// right of the status bar; refresh it after showing or hiding them.
	statusRight *fyne.Container
	reopen      []string         // paths of the panes to show again after a reload
	updateFrom  *engine.Analysis // the analysis shown before a reload, to update
	// changedPaths are the files the watcher reported since the project
	// was loaded; reopenWith, set by Reload, is the next load's loader
	changedPaths []string
	reopenWith   state.Loader
	before       fyne.CanvasObject // screen to show again when a load is cancelled

	menus *menus

	banners  *fyne.Container
	openedL  []func(*state.Project)
	closingL []func(*state.Project)
	quitL    []func()
	anaL     []func(*engine.Analysis, error)
}

// The share of the window's width the sidebar takes while browsing, and
// while comparing two panes; three or four take more of it.
const (
	splitBrowsing  = 0.5
	splitComparing = 0.34
)

// sidebarShare is the sidebar's share of the width with n documents open.
func sidebarShare(n int) float64 {
	switch {
	case n == 0:
		return splitBrowsing
	case n <= 2:
		return splitComparing
	case n == 3:
		return 0.28
	default:
		return 0.22
	}
}

// MinSize is the smallest window size the layout is designed for.
var MinSize = fyne.NewSize(1024, 640)

// New creates the main window in app a. It shows the start screen; call
// OpenFolder to open a project.
func New(a fyne.App, opts Options) *Workbench {
	w := &Workbench{app: a, opts: opts, ctrl: state.New(), tabs: map[string]*container.TabItem{}}
	w.win = a.NewWindow("Parallax")
	if opts.Icon != nil {
		w.win.SetIcon(opts.Icon)
	}
	applyThemePref(a)

	w.docs = doctable.New()
	w.docs.OnOpen = func(docs []*document.Document) { w.ctrl.Open(docs...) }
	w.docs.OnCurrent = w.ctrl.SetFocused
	w.compare = compare.New(w.ctrl)
	w.problems = newProblemsPanel()

	w.docsTab = container.NewTabItemWithIcon("Documents", theme.DocumentIcon(), w.docs.Object())
	w.probTab = container.NewTabItemWithIcon("Problems", theme.WarningIcon(), w.problems.root)
	w.sidebar = container.NewAppTabs(w.docsTab, w.probTab)
	w.inspector = container.NewAppTabs()
	w.bottom = container.NewAppTabs()

	w.titleLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.dirLabel = widget.NewLabel("")
	w.dirLabel.Importance = widget.LowImportance
	w.dirLabel.Truncation = fyne.TextTruncateEllipsis
	w.headTools = container.NewHBox()
	w.status = widget.NewLabel("")
	w.status.Importance = widget.LowImportance
	w.anaInfo = widget.NewLabel("")
	w.anaInfo.Importance = widget.LowImportance
	w.anaBar = widget.NewProgressBar()
	w.anaBar.TextFormatter = func() string { return "" }
	w.anaBox = container.NewHBox(w.anaInfo, container.NewGridWrap(fyne.NewSize(140, 12), w.anaBar))
	w.anaBox.Hide()
	w.changeMsg = widget.NewLabel("")
	w.changeMsg.Importance = widget.WarningImportance
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), w.Reload)
	reload.Importance = widget.LowImportance
	w.changeBox = container.NewHBox(w.changeMsg, reload)
	w.changeBox.Hide()
	w.statusRight = container.NewHBox(w.changeBox, container.NewCenter(w.anaBox))
	w.mainArea = container.NewStack()
	w.layoutMain()
	header := container.NewBorder(nil, nil, w.titleLabel, w.headTools, w.dirLabel)
	w.split = container.NewHSplit(w.sidebar, w.mainArea)
	w.split.Offset = splitBrowsing
	w.banners = container.NewVBox()
	w.workspace = container.NewBorder(
		container.NewVBox(header, widget.NewSeparator(), w.banners),
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, w.statusRight, w.status)),
		nil, nil, w.split)
	// The list takes half the window while nothing is compared, and gives
	// more of it to the panes the more there are, unless the analyst moved
	// the divider since.
	w.autoSplit = splitBrowsing
	w.ctrl.OnOpenDocsChanged(func(docs []*document.Document) {
		want := sidebarShare(len(docs))
		if want == w.autoSplit {
			return
		}
		if w.split.Offset == w.autoSplit || len(docs) == 0 || w.autoSplit == splitBrowsing {
			w.split.SetOffset(want)
		}
		w.autoSplit = want
	})

	w.start = newStartScreen(w)
	w.loading = newLoadingView(func() { w.CancelLoad() })
	w.ctrl.OnShowPanel(w.showPanel)
	w.ctrl.OnNotify(w.status.SetText)
	w.ctrl.OnMetadataChanged(func() {
		// the project may be a new snapshot: its documents are new values
		if p := w.ctrl.Project(); p != nil {
			w.docs.Replace(p.Docs, p.StanceOf)
			w.compare.Repoint(p.Doc)
		} else {
			w.docs.Refresh()
			w.compare.RefreshHeaders()
		}
		w.reanalyse()
	})
	// an analysis made from an older snapshot (a regroup started before
	// an edit) is followed by one of the newest
	w.ctrl.OnAnalysisChanged(func(*engine.Analysis) { w.reanalyse() })
	w.ctrl.OnFocusChanged(func(d *document.Document) {
		if d != nil && w.docs.Current() != d {
			w.docs.SetCurrent(d)
		}
	})

	w.menus = newMenus(w)
	w.win.SetMainMenu(w.menus.main())
	w.win.SetOnDropped(w.dropped)
	w.win.SetCloseIntercept(func() {
		w.runQuitHooks()
		w.win.Close()
	})
	w.screens = container.NewStack(w.start.root, w.workspace)
	w.show(w.start.root)
	w.win.SetContent(w.screens)
	w.win.Resize(fyne.NewSize(1280, 800))
	return w
}

// show makes screen (the start screen or the workspace) the one shown,
// hiding the other; the start screen is refreshed first, as the recent
// projects may have changed while it was hidden.
func (w *Workbench) show(screen fyne.CanvasObject) {
	if screen == w.start.root {
		w.start.refresh()
	}
	for _, o := range w.screens.Objects {
		if o != screen {
			o.Hide()
		}
	}
	if !screen.Visible() {
		screen.Show()
		canvas.Refresh(screen)
	}
}

// Shown returns the screen shown: the start screen or the workspace (with
// the loading card over it while a project loads).
func (w *Workbench) Shown() fyne.CanvasObject {
	for _, o := range w.screens.Objects {
		if o.Visible() {
			return o
		}
	}
	return nil
}

// Window returns the main window.
func (w *Workbench) Window() fyne.Window { return w.win }

// Controller returns the window's shared state, for panels.
func (w *Workbench) Controller() *state.Controller { return w.ctrl }

// Documents returns the document list.
func (w *Workbench) Documents() *doctable.Table { return w.docs }

// Compare returns the side-by-side view.
func (w *Workbench) Compare() *compare.View { return w.compare }

// App returns the application the window belongs to.
func (w *Workbench) App() fyne.App { return w.app }

// OnProjectOpened calls f on the main goroutine after every project load
// that succeeded, once the project is shown (in a later turn of the main
// loop than the one that showed it, so that a frame can be drawn between;
// after a Reload, its panes are open again) and before its analysis starts.
func (w *Workbench) OnProjectOpened(f func(*state.Project)) {
	w.openedL = append(w.openedL, f)
}

// OnProjectClosing calls f with the open project just before it is closed
// or replaced by another (or by a reload of itself), while its panes are
// still open.
func (w *Workbench) OnProjectClosing(f func(*state.Project)) {
	w.closingL = append(w.closingL, f)
}

// OnQuit calls f when the analyst quits (File ▸ Quit) or closes the window,
// before the window goes; f must not block.
func (w *Workbench) OnQuit(f func()) { w.quitL = append(w.quitL, f) }

// Quit runs the OnQuit functions and quits the application.
func (w *Workbench) Quit() {
	w.runQuitHooks()
	w.app.Quit()
}

func (w *Workbench) runQuitHooks() {
	for _, f := range w.quitL {
		f()
	}
}

// AddBanner places obj in a row under the header bar, above the documents
// and panes (for example a warning with actions); obj shows and hides
// itself.
func (w *Workbench) AddBanner(obj fyne.CanvasObject) {
	w.banners.Add(obj)
}

// RefreshMenus brings the check marks and enabled states of the menus up
// to date (after the view's toggles were changed from code).
func (w *Workbench) RefreshMenus() {
	w.menus.refreshView()
	w.menus.refreshProject()
}

// Loading reports whether a project is being loaded.
func (w *Workbench) Loading() bool { return w.job != nil }

// AddPanel plugs a panel into its slot. Panels in SlotSidebar become tabs
// after Documents and Problems; the inspector column and the bottom row
// appear once they hold a panel. A panel's Shortcut brings it to the front
// and calls its OnShortcut.
func (w *Workbench) AddPanel(p state.Panel) {
	w.panels = append(w.panels, p)
	item := container.NewTabItemWithIcon(p.Title, p.Icon, p.Content)
	w.tabs[p.ID] = item
	switch p.Slot {
	case state.SlotInspector:
		w.inspector.Append(item)
	case state.SlotBottom:
		w.bottom.Append(item)
	default:
		w.sidebar.Append(item)
	}
	if p.Shortcut != nil {
		id, f := p.ID, p.OnShortcut
		w.win.Canvas().AddShortcut(p.Shortcut, func(fyne.Shortcut) {
			w.showPanel(id)
			if f != nil {
				f()
			}
		})
	}
	w.layoutMain()
}

// AddHeaderTool places obj at the right of the header bar (for example an
// always-visible entity search field).
func (w *Workbench) AddHeaderTool(obj fyne.CanvasObject) {
	w.headTools.Add(obj)
}

// AddMenu adds a top-level menu before Help (for example Workspace or
// Report).
func (w *Workbench) AddMenu(m *fyne.Menu) {
	w.menus.extra = append(w.menus.extra, m)
	w.win.SetMainMenu(w.menus.main())
}

// AddFileItems adds items to the File menu, below Open Demo Project (for
// example Export Table).
func (w *Workbench) AddFileItems(items ...*fyne.MenuItem) {
	w.menus.addFileItems(items...)
}

// showPanel brings the tab of the panel (or "documents", "problems") to
// the front.
func (w *Workbench) showPanel(id string) {
	switch id {
	case "documents":
		w.sidebar.Select(w.docsTab)
		return
	case "problems":
		w.sidebar.Select(w.probTab)
		return
	}
	item := w.tabs[id]
	if item == nil {
		return
	}
	for _, t := range []*container.AppTabs{w.sidebar, w.inspector, w.bottom} {
		for _, it := range t.Items {
			if it == item {
				t.Select(item)
			}
		}
	}
}

// layoutMain arranges the compare view with the inspector and bottom slots
// that hold panels.
func (w *Workbench) layoutMain() {
	var main fyne.CanvasObject = w.compare.Object()
	if len(w.bottom.Items) > 0 {
		s := container.NewVSplit(main, w.bottom)
		s.Offset = 0.68
		main = s
	}
	if len(w.inspector.Items) > 0 {
		s := container.NewHSplit(main, w.inspector)
		s.Offset = 0.7
		main = s
	}
	w.mainArea.Objects = []fyne.CanvasObject{main}
	w.mainArea.Refresh()
}

// OpenFolder loads the project folder dir in the background, showing
// progress; the open project stays until the new one has loaded.
func (w *Workbench) OpenFolder(dir string) {
	if w.opts.Loader == nil {
		dialog.ShowError(errors.New("no project loader configured"), w.win)
		return
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			err = fmt.Errorf("%s is not a folder", dir)
		}
		w.showError(fmt.Errorf("open project: %w", err))
		return
	}
	if w.job != nil {
		w.job.Cancel()
	}
	if !w.loading.shown() {
		w.before = w.Shown()
	}
	w.loading.reset(dir)
	w.show(w.workspace)
	w.loading.show(w.win.Canvas())
	j := bridge.NewJob[*state.Project](dir)
	w.job = j
	loader := w.opts.Loader
	if w.reopenWith != nil {
		loader, w.reopenWith = w.reopenWith, nil
	}
	// The list's folded keys and sort order, and the panels' own data, are
	// prepared here too, off the main goroutine (handed over through
	// fyne.Do in the bridge).
	prepare := w.ctrl.ProjectPreparers()
	var ready loadReady
	j.Start(func(ctx context.Context, progress func(state.Progress)) (*state.Project, error) {
		p, err := loader(ctx, dir, progress)
		if err == nil && p != nil && ctx.Err() == nil {
			ready.index = doctable.NewIndex(p.Docs, p.StanceOf)
			ready.apply = state.Prepare(prepare, p)
		}
		return p, err
	}, w.loadProgress, func(j *bridge.Job[*state.Project], p *state.Project, err error) {
		w.loadDone(j, p, &ready, err)
	})
}

// loadReady is what the load job prepared in the background for the main
// goroutine.
type loadReady struct {
	index *doctable.Index // the document list
	apply []func()        // from the panels' OnProjectPrepare
}

// CancelLoad stops the running load and returns to what was shown before.
func (w *Workbench) CancelLoad() {
	if w.anaJob != nil && w.job == nil {
		w.anaJob.Cancel()
		return
	}
	if w.job != nil {
		w.loading.cancelling()
		w.job.Cancel() // last: the load's end may run at once
	}
}

func (w *Workbench) loadProgress(job *bridge.Job[*state.Project], p state.Progress) {
	if job != w.job {
		return
	}
	w.loading.set(p)
}

func (w *Workbench) loadDone(job *bridge.Job[*state.Project], p *state.Project, ready *loadReady, err error) {
	if job != w.job {
		return // a newer load replaced this one
	}
	w.job = nil
	w.loading.hide()
	switch {
	case err != nil:
		w.show(w.before)
		if !errors.Is(err, context.Canceled) {
			w.showError(fmt.Errorf("open %s: %w", job.Dir(), err))
		}
	default:
		if p.Dir == "" {
			p.Dir = job.Dir()
		}
		w.setProject(p, ready, time.Since(job.Started()))
		// The rest (the workspace restored by the listeners, the panes,
		// the analysis started) in a later turn of the main loop: on 10k
		// documents each half costs tens of ms, and the first frame of the
		// table as much again; one turn for all of it froze the window
		// for 100–280 ms.
		bridge.Later(func() { w.projectShown(p) })
		return
	}
	if w.opts.OnLoaded != nil {
		w.opts.OnLoaded(p, err)
	}
}

// projectShown finishes opening p, a turn of the main loop after the
// window switched to it; nothing when p was closed or replaced meanwhile.
func (w *Workbench) projectShown(p *state.Project) {
	if w.ctrl.Project() != p {
		return
	}
	w.restorePanes(p)
	for _, f := range w.openedL {
		f(p)
	}
	w.analyse(p)
	w.watch(p)
	addRecent(w.app, p.Dir) // the start screen lists it when shown next
	w.menus.refreshRecent()
	if w.opts.OnLoaded != nil {
		w.opts.OnLoaded(p, nil)
	}
}

// SetProject shows project p (nil closes the project and shows the start
// screen).
func (w *Workbench) SetProject(p *state.Project) { w.setProject(p, nil, 0) }

// ready, when not nil, is what the load prepared for p in the background.
func (w *Workbench) setProject(p *state.Project, ready *loadReady, took time.Duration) {
	if old := w.ctrl.Project(); old != nil {
		for _, f := range w.closingL {
			f(old)
		}
	}
	if w.anaJob != nil {
		w.anaJob.Cancel()
		w.anaJob = nil
		w.anaBox.Hide()
	}
	if w.stopWatch != nil {
		w.stopWatch()
		w.stopWatch = nil
	}
	w.changes = state.Change{}
	w.changedPaths = nil
	w.changeBox.Hide()
	w.statusRight.Refresh()
	if ready != nil {
		for _, apply := range ready.apply {
			apply()
		}
	}
	w.ctrl.SetProject(p)
	if p == nil {
		w.docs.SetDocs(nil, nil)
		w.problems.set(nil)
		w.win.SetTitle("Parallax")
		w.show(w.start.root)
		w.menus.refreshProject()
		return
	}
	if ready != nil && ready.index != nil {
		w.docs.SetIndexed(ready.index)
	} else {
		w.docs.SetDocs(p.Docs, p.StanceOf)
	}
	w.problems.set(p)
	n := len(p.Problems) + len(p.Skipped)
	probText := "Problems"
	if n > 0 {
		probText = fmt.Sprintf("Problems (%d)", n)
	}
	if probText != w.probTab.Text {
		// Refreshing the tabs rebuilds every tab button and re-colours
		// their icons (SVG parsing): only when the title changed.
		w.probTab.Text = probText
		w.sidebar.Refresh()
	}
	w.sidebar.Select(w.docsTab)
	name := filepath.Base(p.Dir)
	w.titleLabel.SetText(name)
	w.dirLabel.SetText(p.Dir)
	w.win.SetTitle(name + " — Parallax")
	st := fmt.Sprintf("%d documents", len(p.Docs))
	unread, garbled := 0, map[string]bool{}
	for _, pr := range p.Problems {
		if pr.Kind == document.ProblemGarbled {
			garbled[pr.Path] = true // one row per garbled page
		} else {
			unread++
		}
	}
	if unread > 0 {
		st += fmt.Sprintf(" · %d could not be read", unread)
	}
	if len(garbled) > 0 {
		st += fmt.Sprintf(" · %d with garbled text", len(garbled))
	}
	if len(p.Skipped) > 0 {
		st += fmt.Sprintf(" · %d skipped", len(p.Skipped))
	}
	if took > 0 {
		st += fmt.Sprintf(" · loaded in %s", took.Round(time.Millisecond))
	}
	if s := w.storeLine(); s != "" {
		st += " · " + s
	}
	w.status.SetText(st)
	w.show(w.workspace)
	w.menus.refreshProject()
	w.docs.Focus()
}

// watch starts watching the folder of p and, when its decisions are kept
// in a store, the store: another analyst's change there changes no file.
func (w *Workbench) watch(p *state.Project) {
	st, stored := p.Decisions.(*statedoc.Stored)
	stored = stored && w.opts.WatchStore != nil
	if w.opts.Watch == nil && !stored {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.stopWatch = cancel
	if w.opts.Watch != nil {
		bridge.WatchFolder(ctx, w.opts.Watch, p.Dir, w.folderChanged)
	}
	if stored {
		bridge.WatchFolder(ctx, w.opts.WatchStore(st), p.Dir, w.folderChanged)
	}
}

// folderChanged tells the analyst that files changed on disk.
func (w *Workbench) folderChanged(c state.Change) {
	p := w.ctrl.Project()
	if p == nil {
		return
	}
	if c.Metadata {
		// Sources changed (the sidecar, or sources.json by this window or
		// a colleague): apply them at once, no reload needed.
		if p.ReloadMetadata != nil {
			w.ctrl.UpdateProject(p.ReloadMetadata())
		}
	}
	w.stateChanged(c.State)
	w.changes.Added += c.Added
	w.changes.Changed += c.Changed
	w.changes.Removed += c.Removed
	w.changedPaths = append(w.changedPaths, c.Paths...)
	if slices.Contains(c.State, entity.ProjectAliasesFile) {
		// the project gazetteer's aliases change what extraction finds:
		// only a new analysis applies them
		w.changes.State = appendNew(w.changes.State, entity.ProjectAliasesFile)
	}
	var parts []string
	for _, x := range []struct {
		n    int
		verb string
	}{{w.changes.Added, "added"}, {w.changes.Changed, "changed"}, {w.changes.Removed, "removed"}} {
		if x.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", x.n, x.verb))
		}
	}
	if len(w.changes.State) > 0 {
		parts = append(parts, "project aliases ("+path.Base(entity.ProjectAliasesFile)+") changed")
	}
	if len(parts) == 0 {
		return
	}
	w.changeMsg.SetText("Files on disk: " + strings.Join(parts, ", "))
	w.changeBox.Show()
	w.statusRight.Refresh()
}

// stateChanged hands the state files changed on disk to the panels that
// show them (alias decisions, workspaces) and checks the project lexicons
// itself.
func (w *Workbench) stateChanged(files []string) {
	if len(files) == 0 {
		return
	}
	w.ctrl.StateFilesChanged(files)
	for _, f := range files {
		if isProjectLexicon(f) {
			w.lexiconChangedOnDisk()
			return
		}
	}
}

// isProjectLexicon reports whether rel names a project lexicon
// (lexicon.tsv, lexicon-<code>.tsv).
func isProjectLexicon(rel string) bool {
	dir, name := path.Split(rel)
	return dir == path.Dir(framing.ProjectLexicon)+"/" && strings.HasPrefix(name, "lexicon") && strings.HasSuffix(name, ".tsv")
}

// lexiconChangedOnDisk compares the project lexicons on disk with those of
// the analysis on screen in the background and, when another writer
// changed them, recomputes the framing with them. The window's own
// additions compare equal once their analysis is on screen; one that
// lands while the check runs is compared again.
func (w *Workbench) lexiconChangedOnDisk() {
	a := w.ctrl.Analysis()
	if a == nil {
		return // an analysis on its way reads the lexicons itself
	}
	if w.lexTask != nil {
		w.lexRecheck = true
		return
	}
	prepare := w.ctrl.AnalysisPreparers()
	var apply []func()
	w.lexTask = bridge.NewTask()
	bridge.StartTask(w.lexTask, func(ctx context.Context, _ func(state.Progress)) (*engine.Analysis, error) {
		changed, err := a.LexiconChangedOnDisk()
		if err != nil || !changed {
			return nil, err
		}
		next, err := a.ReloadLexicon(ctx)
		if err != nil {
			return nil, err
		}
		apply = state.Prepare(prepare, next)
		return next, nil
	}, nil, func(next *engine.Analysis, err error) {
		w.lexTask = nil
		cur := w.ctrl.Analysis()
		switch {
		case cur == nil || cur.Project().Dir() != a.Project().Dir():
			w.lexRecheck = false
			return // the project was closed or replaced
		case err != nil:
			w.status.SetText("A project lexicon changed elsewhere, but it does not load (the framing on screen stays): " + err.Error())
		case cur != a:
			// a newer analysis came meanwhile (the window's own
			// addition): compare with it
			w.lexRecheck = next != nil
		case next != nil:
			w.status.SetText("Project lexicon changed elsewhere: framing terms recomputed")
			for _, f := range apply {
				f()
			}
			w.ctrl.SetAnalysis(next)
		}
		if w.lexRecheck {
			w.lexRecheck = false
			w.lexiconChangedOnDisk()
		}
	})
}

// appendNew appends s to list unless it is there.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Reload opens the project folder again (from the cache, so only changed
// files are read) and shows the same documents side by side.
func (w *Workbench) Reload() {
	p := w.ctrl.Project()
	if p == nil {
		return
	}
	w.reopen = nil
	for _, d := range w.ctrl.OpenDocs() {
		w.reopen = append(w.reopen, d.Path)
	}
	// the analysis the reloaded folder's is derived from (analyse)
	w.updateFrom = w.ctrl.Analysis()
	if reopen := w.opts.Reopen; reopen != nil && len(w.changedPaths) > 0 {
		paths := slices.Compact(slices.Sorted(slices.Values(w.changedPaths)))
		w.reopenWith = func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
			return reopen(ctx, p, paths, progress)
		}
	}
	w.OpenFolder(p.Dir)
}

// restorePanes shows again the documents that were open before a reload.
func (w *Workbench) restorePanes(p *state.Project) {
	paths := w.reopen
	w.reopen = nil
	var docs []*document.Document
	for _, rel := range paths {
		for _, d := range p.Docs {
			if d.Path == rel {
				docs = append(docs, d)
			}
		}
	}
	if len(docs) > 0 {
		w.ctrl.Open(docs...)
	}
}

// analyse runs the analyser on p in the background, showing its progress
// in the status bar; the result goes to the controller.
func (w *Workbench) analyse(p *state.Project) {
	if w.opts.Analyse == nil {
		return
	}
	j := bridge.NewJob[*engine.Analysis](p.Dir)
	w.anaJob = j
	w.anaInfo.SetText("Analysing…")
	w.anaBar.SetValue(0)
	w.anaBox.Show()
	w.statusRight.Refresh()
	analyse := w.opts.Analyse
	prev := w.updateFrom
	w.updateFrom = nil
	if update := w.opts.Update; update != nil && prev != nil && prev.Project().Dir() == p.Dir {
		w.anaInfo.SetText("Updating the analysis…")
		analyse = func(ctx context.Context, p *state.Project, progress func(state.Progress)) (*engine.Analysis, error) {
			return update(ctx, prev, p, progress)
		}
	}
	// The default entity layer indexes every mention, and panels prepare
	// their own data: do it here, off the main goroutine (handed over
	// through fyne.Do in the bridge).
	prepare := w.ctrl.AnalysisPreparers()
	var ready analysisReady
	j.Start(func(ctx context.Context, progress func(state.Progress)) (*engine.Analysis, error) {
		// Let the window draw the project first: the analysis takes the
		// cores, and the first frame of 10k documents is the costly one.
		bridge.Settle(ctx)
		a, err := analyse(ctx, p, progress)
		if err == nil && ctx.Err() == nil {
			ready.entities = backend.EntityHighlights(a, backend.EntityColors(a))
			ready.apply = state.Prepare(prepare, a)
		}
		return a, err
	}, w.analysisProgress, func(j *bridge.Job[*engine.Analysis], a *engine.Analysis, err error) {
		w.analysisDone(j, a, &ready, err)
	})
}

// reanalyse rebuilds the analysis shown for the project's newest snapshot
// (its metadata or stances changed since the analysis was made) in the
// background: the entities are kept, framing, coverage and timeline follow
// the new metadata. Until it is done the panels read the analysis of the
// snapshot before, which never changes. A running analysis is followed by
// a reanalysis when it ends.
func (w *Workbench) reanalyse() {
	a, p := w.ctrl.Analysis(), w.ctrl.Project()
	if a == nil || p == nil || w.anaJob != nil {
		return
	}
	if ep, ok := p.Source.(*engine.Project); !ok || a.Project() == ep {
		return
	}
	j := bridge.NewJob[*engine.Analysis](p.Dir)
	w.anaJob = j
	prepare := w.ctrl.AnalysisPreparers()
	ready := analysisReady{quiet: true}
	j.Start(func(ctx context.Context, _ func(state.Progress)) (*engine.Analysis, error) {
		next, err := backend.Reanalyse(ctx, a, p)
		if err == nil && ctx.Err() == nil {
			ready.entities = backend.EntityHighlights(next, backend.EntityColors(next))
			ready.apply = state.Prepare(prepare, next)
		}
		return next, err
	}, w.analysisProgress, func(j *bridge.Job[*engine.Analysis], next *engine.Analysis, err error) {
		w.analysisDone(j, next, &ready, err)
	})
}

// analysisReady is what the analysis job prepared in the background for
// the main goroutine.
type analysisReady struct {
	entities state.HighlightFunc // the default entity layer
	apply    []func()            // from the panels' OnAnalysisPrepare
	quiet    bool                // a reanalysis after a metadata change: no status
}

// analysisStages names the stages of the analysis for the status bar.
var analysisStages = map[string]string{
	"entities": "Finding entities",
	"passages": "Finding shared passages",
	"framing":  "Comparing framing",
}

func (w *Workbench) analysisProgress(j *bridge.Job[*engine.Analysis], p state.Progress) {
	if j != w.anaJob {
		return
	}
	label := analysisStages[p.Stage]
	if label == "" {
		label = "Analysing"
	}
	// Repaint only what changed (every SetText and SetValue refreshes).
	if text := label + "…"; w.anaInfo.Text != text {
		w.anaInfo.SetText(text)
	}
	if p.Total > 0 {
		setProgress(w.anaBar, float64(p.Done)/float64(p.Total))
	}
}

func (w *Workbench) analysisDone(j *bridge.Job[*engine.Analysis], a *engine.Analysis, ready *analysisReady, err error) {
	if j != w.anaJob {
		return
	}
	w.anaJob = nil
	w.anaBox.Hide()
	w.statusRight.Refresh()
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		w.anaInfo.SetText("")
		w.status.SetText(w.status.Text + " · analysis failed: " + err.Error())
	case err == nil:
		// The default layers first, so that panels hearing of the analysis
		// can replace them with their own.
		w.ctrl.SetPassages(backend.Passages(a))
		w.ctrl.SetHighlightLayer(LayerEntities, ready.entities)
		for _, apply := range ready.apply {
			apply()
		}
		w.ctrl.SetAnalysis(a)
		if !ready.quiet {
			took := time.Since(j.Started()).Round(time.Millisecond)
			switch u := a.Updated(); {
			case u.Derived:
				w.status.SetText(w.status.Text + fmt.Sprintf(" · analysis updated in %s (%d added, %d changed, %d removed)", took, u.Added, u.Changed, u.Removed))
			case u.Fallback != "":
				w.status.SetText(w.status.Text + fmt.Sprintf(" · analysed in full in %s (%s)", took, u.Fallback))
			default:
				w.status.SetText(w.status.Text + fmt.Sprintf(" · analysed in %s", took))
			}
		}
	}
	for _, f := range w.anaL {
		f(a, err)
	}
	if w.opts.OnAnalysed != nil {
		w.opts.OnAnalysed(a, err)
	}
}

// OnAnalysed calls f on the main goroutine after every analysis of the
// open project finished, once the controller and its listeners (the
// panels) have the result.
func (w *Workbench) OnAnalysed(f func(*engine.Analysis, error)) {
	w.anaL = append(w.anaL, f)
}

// LayerEntities is the highlight layer of entity mentions. By default it
// marks every entity named in more than one document; the entity panel
// replaces it to toggle entities one by one.
const LayerEntities = "entities"

// CloseProject closes the open project and shows the start screen.
func (w *Workbench) CloseProject() { w.setProject(nil, nil, 0) }

// ShowOpenFolder asks for a folder with Fyne's folder dialog and opens it.
func (w *Workbench) ShowOpenFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if u == nil {
			return
		}
		w.OpenFolder(u.Path())
	}, w.win)
	if p := w.ctrl.Project(); p != nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(p.Dir))); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// OpenDemo copies the demo project to its folder and opens it.
func (w *Workbench) OpenDemo() {
	if w.opts.Demo == nil {
		return
	}
	dir := w.opts.DemoDir
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			w.showError(fmt.Errorf("demo project: %w", err))
			return
		}
		dir = filepath.Join(cache, "parallax", "demo")
	}
	if err := copyDemo(w.opts.Demo, dir); err != nil {
		w.showError(fmt.Errorf("demo project: %w", err))
		return
	}
	w.OpenFolder(dir)
}

// dropped opens a folder dropped on the window (or the folder of a dropped
// file).
func (w *Workbench) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		p := u.Path()
		if st, err := os.Stat(p); err == nil {
			if !st.IsDir() {
				p = filepath.Dir(p)
			}
			w.OpenFolder(p)
			return
		}
	}
}

func (w *Workbench) showError(err error) {
	dialog.ShowError(err, w.win)
}
