package workspaceui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/internal/workspace"
	"github.com/parallaxworkbench/parallax/ui/compare"
	"github.com/parallaxworkbench/parallax/ui/doctable"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// views are the parts of the window a workspace is restored into and
// captured from.
type views interface {
	Documents() *doctable.Table
	Compare() *compare.View
	RefreshMenus()
}

// notesPanel is what restoring needs of the annotations panel: the notes
// and the highlight layer of the annotated passages.
type notesPanel interface {
	notes() string
	setNotes(string)
	highlights(d *document.Document) []textview.Highlight
}

// saving is what restoring and the menu's actions need of the saver.
type saving interface {
	stopTimer()
	saveQuietly()
	write() error
	saveAs(name string) error
	dirty() bool
}

// restorer opens the project's workspace and moves state between it and
// the window: it reads the last workspace when a project opens, sets the
// window from a workspace (apply) and copies the window into it
// (capture).
type restorer struct {
	s          *session
	win        views
	ctrl       *state.Controller
	notesUI    notesPanel
	saver      saving
	search     SearchPanel
	appVersion string
	now        func() time.Time

	// refresh brings every view up to date; newWorkspace tells the
	// notices a workspace was made current (the banner shows again).
	refresh, newWorkspace func()
	showError             func(error)
	showLoadError         func(name string, err error)

	// searchPending holds a search and the entity highlights to restore
	// once the analysis is in.
	searchPending *pendingSearch
	// opening is what prepareProject read for the project being opened,
	// until projectOpened uses it.
	opening *opened
}

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
func (r *restorer) openWorkspace(p *state.Project) *opened {
	o := &opened{p: p}
	wopts := workspace.Options{AppVersion: r.appVersion, Now: r.now}
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
func (r *restorer) prepareProject(p *state.Project) func() {
	if p == nil || p.Dir == "" {
		return nil
	}
	o := r.openWorkspace(p)
	return func() { r.opening = o }
}

// projectOpened opens the project's last workspace (or a new one) and
// restores the window from it.
func (r *restorer) projectOpened(p *state.Project) {
	s := r.s
	o := r.opening
	r.opening = nil
	if o == nil || o.p != p {
		o = r.openWorkspace(p) // a project set without a load
	}
	if o.storeErr != nil {
		s.store, s.ws = nil, nil
		r.showError(fmt.Errorf("workspaces of %s: %w", p.Dir, o.storeErr))
		r.refresh()
		return
	}
	s.store = o.store
	if o.lastErr != nil {
		fyne.LogError("last workspace", o.lastErr)
	}
	if o.name != "" {
		if o.loadErr == nil {
			r.applyResolved(o.ws, o.resolved)
			return
		}
		r.startNew(s.freeName("Untitled"))
		r.showLoadError(o.name, o.loadErr)
		return
	}
	r.startNew(s.freeName("Untitled"))
}

// projectClosing saves the workspace of the project being closed.
func (r *restorer) projectClosing(*state.Project) {
	r.saver.saveQuietly()
	r.saver.stopTimer()
	r.s.close()
	r.searchPending, r.opening = nil, nil
	r.ctrl.SetHighlightLayer(LayerAnnotations, nil)
	r.refresh()
}

func (r *restorer) analysisChanged(a *engine.Analysis) {
	if a == nil || r.searchPending == nil || r.search == nil {
		return
	}
	sp := *r.searchPending
	r.searchPending = nil
	r.s.restoring = true
	sp.restore(r.search)
	r.s.restoring = false
}

// pendingSearch is what a workspace restores of the entity search panel.
type pendingSearch struct {
	search     workspace.Search
	highlights workspace.Highlights
}

func (s pendingSearch) restore(p SearchPanel) {
	p.Restore(s.search.Query, s.search.Entity, s.highlights.All, s.highlights.Entities)
}

// startNew makes an empty workspace current: no pane, no filter, no
// notes. It is written at the first change.
func (r *restorer) startNew(name string) {
	ws := workspace.New(name, r.now())
	ws.Highlights = workspace.Highlights{All: true, Boilerplate: true, Passages: true}
	r.apply(ws)
}

// apply makes ws the current workspace and sets the window from it.
func (r *restorer) apply(ws *workspace.Workspace) { r.applyResolved(ws, nil) }

// applyResolved is apply for a workspace already resolved against the
// open project's documents (res nil: not yet).
func (r *restorer) applyResolved(ws *workspace.Workspace, res *resolved) {
	s := r.s
	r.saver.stopTimer()
	s.ws = ws
	s.conflict = false
	s.fromBackup = false
	r.newWorkspace()
	s.missing, s.problems, r.searchPending = nil, nil, nil
	p := r.ctrl.Project()
	if p == nil {
		r.refresh()
		return
	}
	s.restoring = true
	defer func() { s.restoring = false }()
	if res == nil {
		res = resolveWorkspace(ws, p.Docs)
	}
	s.problems = res.problems
	changed := map[string]bool{}
	for _, pr := range s.problems {
		if pr.Kind == workspace.ProblemChanged {
			changed[pr.Path] = true
		}
	}
	byPath := make(map[string]*document.Document, len(p.Docs))
	for _, d := range p.Docs {
		byPath[d.Path] = d
	}

	// The document table first: the panes do not depend on it.
	table := r.win.Documents()
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

	cv := r.win.Compare()
	cv.SetBoilerplateHidden(!ws.Highlights.Boilerplate)
	cv.SetHighlightsShown(ws.Highlights.Passages)
	r.win.RefreshMenus()

	var docs []*document.Document
	var open []workspace.Pane
	for _, pn := range ws.Panes {
		if d := byPath[pn.Path]; d != nil && len(docs) < compare.MaxPanes && !slices.Contains(docs, d) {
			docs = append(docs, d)
			open = append(open, pn)
		} else if d == nil {
			s.missing = append(s.missing, pn)
		}
	}
	r.ctrl.Open(docs...)
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
	if r.search != nil {
		sp := pendingSearch{search: ws.Search, highlights: ws.Highlights}
		if r.ctrl.Analysis() != nil {
			sp.restore(r.search)
		} else {
			r.searchPending = &sp
		}
	}
	r.ctrl.SetHighlightLayer(LayerAnnotations, r.notesUI.highlights)
	r.notesUI.setNotes(ws.Notes)
	// What was loaded (and resolved) is the baseline: restoring is not a
	// change, but what Resolve moved or re-anchored is saved with the
	// first real change.
	// (With problems, saved is "": the resolved paths and anchors are
	// kept at the next save.)
	s.saved = res.saved
	r.refresh()
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
func (r *restorer) Capture() {
	ws := r.s.ws
	if ws == nil {
		return
	}
	cv := r.win.Compare()
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
	ws.Panes = append(ws.Panes, r.s.missing...)
	ws.Highlights.Boilerplate = !cv.BoilerplateHidden()
	ws.Highlights.Passages = cv.HighlightsShown()
	if r.search != nil && r.searchPending == nil && r.ctrl.Analysis() != nil {
		ws.Search = workspace.Search{Query: r.search.Query(), Entity: r.search.Entity()}
		ws.Highlights.All, ws.Highlights.Entities = r.search.Highlights()
	}
	table := r.win.Documents()
	ws.Table = workspace.Table{}
	if q := table.Filter(); q != "" {
		ws.Table.Filters = []workspace.Filter{{Column: filterColumn, Op: "contains", Value: q}}
	}
	col, desc := table.Sort()
	if name := doctable.ColumnName(col); name != "" && (col != doctable.ColTitle || desc) {
		ws.Table.Sort = []workspace.SortKey{{Column: name, Desc: desc}}
	}
	ws.Notes = r.notesUI.notes()
}

// roundFraction keeps four decimals, so that a pixel of difference in a
// layout does not count as a change.
func roundFraction(f float64) float64 {
	return float64(int(f*10000+0.5)) / 10000
}

// direction is how a pane's text direction is saved: nothing when it is
// found per paragraph (as before directions were saved).
func direction(d textdir.Dir) string {
	if d == textdir.Auto {
		return ""
	}
	return d.String()
}
