// Package state holds what the Parallax window is showing — the open
// project, the focused document, the documents open side by side — and
// tells the panels when it changes. Every method must be called on the Fyne
// main goroutine (widget callbacks already are; goroutines reach it through
// the ui package's bridge), so it needs no locks.
//
// Panels (entity search, framing, alias review, coverage, timeline) hold a
// *Controller, read from it, listen to it and ask it to open documents; they
// never talk to each other directly.
package state

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// Project is a loaded project folder as the UI sees it.
type Project struct {
	Dir      string
	Docs     []*document.Document
	Problems []document.Problem
	Skipped  []string
	// SkipReasons says why a skipped path was not read when it is not
	// merely an unknown file type (a symbolic link, a FIFO, a device).
	SkipReasons map[string]string
	// Stance returns the analyst's stance label of a document, or "". Nil
	// until a stance store exists.
	Stance func(*document.Document) string
	// ReloadMetadata, when set, reads the sidecar table and the analyst's
	// overrides again (after they changed on disk) and returns a new
	// project with them applied; this one is left as it was.
	ReloadMetadata func() *Project
	// EditOverrides, when set, applies edit to a copy of the analyst's
	// overrides, saves it and returns a new project with it applied; this
	// one is left as it was.
	EditOverrides func(edit func(*sourcemeta.Overrides) error) (*Project, error)
	// Decisions is where the analyst's decisions (alias decisions,
	// sources.json, lexicons, workspaces) are kept: nil for the project
	// folder's files, else a store's state documents, which the window
	// follows by polling (issue 18).
	Decisions statedoc.Docs
	// Source is the loader's own value (for example the engine's project),
	// for panels that need more than documents.
	Source any
	// Store names the store the project's analysis is kept in and where
	// ("embedded, /p/.parallax/…", a server's URL without its password),
	// for the status bar and About; "" when it is kept in none.
	Store string

	// byPath indexes Docs for Doc, built on first use (and again when
	// Docs changed length, its count of documents being byPathN).
	byPath  map[string]*document.Document
	byPathN int
}

// Doc returns the document with the given path (relative to Dir), or nil.
// Panels looking up many mentions' documents should use it rather than
// scan Docs: it is one map lookup.
func (p *Project) Doc(path string) *document.Document {
	if p == nil {
		return nil
	}
	if p.byPath == nil || p.byPathN != len(p.Docs) {
		p.byPath, p.byPathN = make(map[string]*document.Document, len(p.Docs)), len(p.Docs)
		for _, d := range p.Docs {
			if _, dup := p.byPath[d.Path]; !dup {
				p.byPath[d.Path] = d
			}
		}
	}
	return p.byPath[path]
}

// StanceOf returns the stance of d, or "".
func (p *Project) StanceOf(d *document.Document) string {
	if p == nil || p.Stance == nil || d == nil {
		return ""
	}
	return p.Stance(d)
}

// Progress reports how far loading or analysing has come.
type Progress struct {
	// Stage names the step ("reading", "entities", "passages"…), or "".
	Stage       string
	Done, Total int
	Current     string
}

// Loader loads the project folder dir, reporting progress (from any
// goroutine) and stopping early with ctx's error when ctx is cancelled.
type Loader func(ctx context.Context, dir string, progress func(Progress)) (*Project, error)

// Analyser analyses a loaded project in the background (entities,
// shared passages, framing, coverage).
type Analyser func(ctx context.Context, p *Project, progress func(Progress)) (*engine.Analysis, error)

// Updater derives the analysis of p, the project reloaded after files
// changed on disk, from prev, the analysis shown of the same folder
// before: the same result as an Analyser's, redoing only what the
// changed files touch.
type Updater func(ctx context.Context, prev *engine.Analysis, p *Project, progress func(Progress)) (*engine.Analysis, error)

// Change counts the files of a watched project folder that changed on disk.
type Change struct {
	Added, Changed, Removed int
	// Paths are the files added, changed or removed, relative to the
	// folder with / (a reload reads those again, not the whole folder).
	Paths []string
	// Metadata is set when the sidecar table or the analyst's sources.json
	// changed on disk.
	Metadata bool
	// State lists the state files under .parallax that changed on disk
	// (aliases.json, aliases.tsv, lexicon.tsv, lexicon-xx.tsv,
	// workspaces/<name>.json), relative to the folder with /: by this
	// window's own saves or by another writer.
	State []string
}

// Reopener returns the project p with only paths (files added, changed
// or removed on disk, relative with /) read again: a new snapshot of the
// same folder, as a Loader of the whole folder would give it.
type Reopener func(ctx context.Context, p *Project, paths []string, progress func(Progress)) (*Project, error)

// Watcher reports changes to the project folder dir until ctx ends,
// calling onChange from any goroutine.
type Watcher func(ctx context.Context, dir string, onChange func(Change)) error

// Request asks the compare view to show documents.
type Request struct {
	// Docs are the documents to show side by side (one to four).
	Docs []*document.Document
	// Reveal, when set, is a span of Docs[0] to scroll to and flash.
	Reveal *document.Span
	// Replace replaces the panes shown; otherwise a document that is not
	// open yet is added as a pane (the oldest pane gives way at four).
	Replace bool
}

// Slot names where a panel is placed in the window.
type Slot int

// The slots of the window.
const (
	// SlotSidebar is a tab beside Documents and Problems, left of the
	// compare view (entity search, alias review).
	SlotSidebar Slot = iota
	// SlotInspector is a tab in a column right of the compare view, shown
	// once a panel is there (source framing of the focused document).
	SlotInspector
	// SlotBottom is a tab below the compare view, shown once a panel is
	// there (coverage matrix, timeline).
	SlotBottom
)

// Panel is a view that plugs into the window.
type Panel struct {
	// ID is unique and stable ("entities", "framing"); Title is shown on
	// the tab.
	ID, Title string
	Icon      fyne.Resource
	Slot      Slot
	// Content is the panel's widget tree. It is created once; it reads the
	// controller and listens to it to stay current.
	Content fyne.CanvasObject
	// Shortcut, when set, shows the panel and calls OnShortcut (for
	// example Ctrl+K focusing the entity search field).
	Shortcut   fyne.Shortcut
	OnShortcut func()
}

// Controller is the window's shared state with change listeners. Listeners
// run in the order they were added.
type Controller struct {
	project   *Project
	focused   *document.Document
	open      []*document.Document
	layers    map[string]HighlightFunc
	passages  PassageFunc
	analysis  *engine.Analysis
	analysisL listeners[func(*engine.Analysis)]
	prepareL  listeners[func(*engine.Analysis) func()]
	projPrepL listeners[func(*Project) func()]
	projL     listeners[func(*Project)]
	focusL    listeners[func(*document.Document)]
	openL     listeners[func([]*document.Document)]
	hlL       listeners[func()]
	requestL  listeners[func(Request)]
	showL     listeners[func(string)]
	metaL     listeners[func()]
	stateL    listeners[func([]string)]
	noticeL   listeners[func(string)]
}

// listeners is an ordered list of callbacks; each can be cancelled.
type listeners[F any] struct {
	next int
	ids  []int
	fs   []F
}

// add appends f and returns what removes it.
func (l *listeners[F]) add(f F) (cancel func()) {
	l.next++
	id := l.next
	l.ids = append(l.ids, id)
	l.fs = append(l.fs, f)
	return func() {
		for i, x := range l.ids {
			if x == id {
				l.ids = append(l.ids[:i:i], l.ids[i+1:]...)
				l.fs = append(l.fs[:i:i], l.fs[i+1:]...)
				return
			}
		}
	}
}

// list returns the callbacks in order. Cancelling or adding one removes
// or appends on new slices, so a list being called stays as it was.
func (l *listeners[F]) list() []F { return l.fs }

// HighlightFunc returns the highlights a source contributes to a document.
type HighlightFunc func(*document.Document) []textview.Highlight

// New returns an empty controller.
func New() *Controller {
	return &Controller{layers: map[string]HighlightFunc{}}
}

// Project returns the open project, or nil.
func (c *Controller) Project() *Project { return c.project }

// SetProject replaces the open project (nil closes it), clears the focused
// and open documents, and tells the listeners.
func (c *Controller) SetProject(p *Project) {
	c.project = p
	c.analysis = nil
	c.passages = nil
	c.focused = nil
	c.open = nil
	for _, f := range c.projL.list() {
		f(p)
	}
	for _, f := range c.openL.list() {
		f(nil)
	}
	for _, f := range c.focusL.list() {
		f(nil)
	}
}

// OnProjectChanged calls f after every SetProject.
func (c *Controller) OnProjectChanged(f func(*Project)) (cancel func()) {
	return c.projL.add(f)
}

// Analysis returns the engine's analysis of the open project, or nil
// while it is being computed (or when there is none).
func (c *Controller) Analysis() *engine.Analysis { return c.analysis }

// SetAnalysis stores the analysis of the open project and tells the
// listeners; the window calls it when the background analysis is done.
func (c *Controller) SetAnalysis(a *engine.Analysis) {
	c.analysis = a
	for _, f := range c.analysisL.list() {
		f(a)
	}
}

// OnAnalysisChanged calls f after every SetAnalysis (and with nil when a
// project is closed or replaced, through SetProject's listeners).
func (c *Controller) OnAnalysisChanged(f func(*engine.Analysis)) (cancel func()) {
	return c.analysisL.add(f)
}

// OnAnalysisPrepare registers prepare, which the window calls with each
// new analysis in the background, before the analysis is announced: the
// place for a panel's heavy derived data (indexes, sorted lists, what a
// chart draws), so that the main goroutine only shows it. prepare must
// not touch widgets or the controller; the function it returns (may be
// nil) runs on the main goroutine just before the OnAnalysisChanged
// listeners, and is where the prepared data is installed.
func (c *Controller) OnAnalysisPrepare(prepare func(*engine.Analysis) (apply func())) (cancel func()) {
	return c.prepareL.add(prepare)
}

// OnProjectPrepare is OnAnalysisPrepare for a newly loaded project:
// prepare runs in the background once the project is read, and the
// function it returns runs on the main goroutine just before the
// OnProjectChanged listeners hear of it.
func (c *Controller) OnProjectPrepare(prepare func(*Project) (apply func())) (cancel func()) {
	return c.projPrepL.add(prepare)
}

// ProjectPreparers returns the functions registered with
// OnProjectPrepare, for the window to call off the main goroutine.
func (c *Controller) ProjectPreparers() []func(*Project) func() {
	return append([]func(*Project) func(){}, c.projPrepL.list()...)
}

// Prepare calls every preparer on x (off the main goroutine) and returns
// the apply functions they want run on the main goroutine, in order.
func Prepare[T any](preparers []func(T) func(), x T) []func() {
	var apply []func()
	for _, f := range preparers {
		if a := f(x); a != nil {
			apply = append(apply, a)
		}
	}
	return apply
}

// AnalysisPreparers returns the functions registered with
// OnAnalysisPrepare, for the window to call off the main goroutine.
func (c *Controller) AnalysisPreparers() []func(*engine.Analysis) func() {
	return append([]func(*engine.Analysis) func(){}, c.prepareL.list()...)
}

// Focused returns the document the analyst is looking at (the focused pane
// or the current row of the table), or nil.
func (c *Controller) Focused() *document.Document { return c.focused }

// SetFocused changes the focused document and tells the listeners when it
// changed.
func (c *Controller) SetFocused(d *document.Document) {
	if d == c.focused {
		return
	}
	c.focused = d
	for _, f := range c.focusL.list() {
		f(d)
	}
}

// OnFocusChanged calls f when the focused document changes.
func (c *Controller) OnFocusChanged(f func(*document.Document)) (cancel func()) {
	return c.focusL.add(f)
}

// OpenDocs returns the documents shown side by side, left to right.
func (c *Controller) OpenDocs() []*document.Document {
	return append([]*document.Document(nil), c.open...)
}

// SetOpenDocs is called by the compare view when its panes change.
func (c *Controller) SetOpenDocs(docs []*document.Document) {
	c.open = append([]*document.Document(nil), docs...)
	for _, f := range c.openL.list() {
		f(c.OpenDocs())
	}
}

// OnOpenDocsChanged calls f when the panes change.
func (c *Controller) OnOpenDocsChanged(f func([]*document.Document)) (cancel func()) {
	return c.openL.add(f)
}

// Open asks the compare view to show docs side by side, replacing the panes.
func (c *Controller) Open(docs ...*document.Document) {
	c.request(Request{Docs: docs, Replace: true})
}

// Reveal asks the compare view to show doc (adding a pane when it is not
// open) with span s in view and flashed.
func (c *Controller) Reveal(doc *document.Document, s document.Span) {
	c.request(Request{Docs: []*document.Document{doc}, Reveal: &s})
}

func (c *Controller) request(r Request) {
	for _, f := range c.requestL.list() {
		f(r)
	}
}

// OnRequest calls f for every Open and Reveal; the compare view listens.
func (c *Controller) OnRequest(f func(Request)) (cancel func()) {
	return c.requestL.add(f)
}

// SetHighlightLayer installs (or, with nil, removes) a named source of
// highlights, for example "entities"; every pane asks it for its document's
// highlights now and after each RefreshHighlights.
func (c *Controller) SetHighlightLayer(name string, f HighlightFunc) {
	if f == nil {
		delete(c.layers, name)
	} else {
		c.layers[name] = f
	}
	c.RefreshHighlights()
}

// HighlightLayers returns the installed highlight sources by name.
func (c *Controller) HighlightLayers() map[string]HighlightFunc {
	out := make(map[string]HighlightFunc, len(c.layers))
	for k, v := range c.layers {
		out[k] = v
	}
	return out
}

// RefreshHighlights tells the panes to ask the highlight sources again (for
// example after an entity was toggled).
func (c *Controller) RefreshHighlights() {
	for _, f := range c.hlL.list() {
		f()
	}
}

// OnHighlightsChanged calls f after SetHighlightLayer and RefreshHighlights.
func (c *Controller) OnHighlightsChanged(f func()) (cancel func()) {
	return c.hlL.add(f)
}

// ShowPanel asks the window to bring the panel with this ID to the front.
func (c *Controller) ShowPanel(id string) {
	for _, f := range c.showL.list() {
		f(id)
	}
}

// OnShowPanel calls f for every ShowPanel; the window listens.
func (c *Controller) OnShowPanel(f func(id string)) (cancel func()) {
	return c.showL.add(f)
}

// SharedPassage is a passage that two documents share: span A of DocA
// reads like span B of DocB.
type SharedPassage struct {
	ID         string
	DocA, DocB *document.Document
	A, B       document.Span
}

// PassageFunc returns the passages shared among docs.
type PassageFunc func(docs []*document.Document) []SharedPassage

// SetPassages installs the source of shared passages (the engine's reuse
// analysis); the compare view marks them and jumps between counterparts.
func (c *Controller) SetPassages(f PassageFunc) {
	c.passages = f
	c.RefreshHighlights()
}

// Passages returns the passages shared among docs, or nil without a source.
func (c *Controller) Passages(docs []*document.Document) []SharedPassage {
	if c.passages == nil || len(docs) < 2 {
		return nil
	}
	return c.passages(docs)
}

// UpdateProject replaces the open project with next, a new snapshot of the
// same folder and documents whose metadata or stances changed (an
// analyst's edit, sources changed on disk): the focused and open documents
// are the new values of the same paths, and the OnMetadataChanged
// listeners hear of it. The analysis stays until the window replaces it
// (it reads the project it was made from, which never changes).
func (c *Controller) UpdateProject(next *Project) {
	if c.project == nil || next == nil || next.Dir != c.project.Dir {
		c.SetProject(next)
		return
	}
	c.project = next
	if c.focused != nil {
		if d := next.Doc(c.focused.Path); d != nil {
			c.focused = d
		}
	}
	for i, d := range c.open {
		if nd := next.Doc(d.Path); nd != nil {
			c.open[i] = nd
		}
	}
	c.MetadataChanged()
}

// MetadataChanged tells the listeners that documents' metadata or stances
// changed (an analyst's edit, or sources changed on disk), so tables and
// headers show them again.
func (c *Controller) MetadataChanged() {
	for _, f := range c.metaL.list() {
		f()
	}
}

// OnMetadataChanged calls f after every MetadataChanged.
func (c *Controller) OnMetadataChanged(f func()) (cancel func()) {
	return c.metaL.add(f)
}

// StateFilesChanged tells the listeners that state files of the open
// project changed on disk (paths relative to the project, with /, as in
// Change.State). Those that show one re-read it and compare with what they
// show: the window's own saves are reported too.
func (c *Controller) StateFilesChanged(files []string) {
	for _, f := range c.stateL.list() {
		f(files)
	}
}

// OnStateFilesChanged calls f after every StateFilesChanged.
func (c *Controller) OnStateFilesChanged(f func(files []string)) (cancel func()) {
	return c.stateL.add(f)
}

// Notify says msg in the window's status bar (a panel telling what it did
// on its own, such as reloading a file changed on disk).
func (c *Controller) Notify(msg string) {
	for _, f := range c.noticeL.list() {
		f(msg)
	}
}

// OnNotify calls f with every Notify message.
func (c *Controller) OnNotify(f func(msg string)) (cancel func()) {
	return c.noticeL.add(f)
}
