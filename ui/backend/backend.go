// Package backend adapts the engine to the UI: it opens a project folder
// into a state.Project, analyses it, and turns the analysis into what the
// panes draw (shared passages, entity highlights). It is the only ui
// package that calls internal/engine.
package backend

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// Load is a state.Loader over engine.Open. The project's Source is the
// *engine.Project. It keeps no store.
func Load(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
	return load(ctx, dir, progress, project.Options{}, nil)
}

// NewLoader is Load reading PDFs in the long-lived worker processes of
// pool: a PDF that crashes the reader, hangs it or exhausts its memory
// costs a worker, never the app. The program must call
// pdftext.RunWorkerIfRequested first thing in main. With stores, each
// project is opened with the store of the app's setting, which the
// analyser of NewAnalyser(stores) then uses; nil keeps none.
func NewLoader(pool *pdftext.Pool, stores *Stores) state.Loader {
	return func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		return load(ctx, dir, progress, project.Options{PDF: pdftext.Options{Isolate: true, Pool: pool}}, stores)
	}
}

func load(ctx context.Context, dir string, progress func(state.Progress), popts project.Options, stores *Stores) (*state.Project, error) {
	var where string
	if stores != nil {
		// Opened first: a store that cannot be opened stops the load
		// before the documents are read.
		op, err := stores.forLoad(ctx, dir)
		if err != nil {
			return nil, err
		}
		where = describe(op)
		if op.Store != nil {
			// The analyst's decisions are kept in the store too: the
			// folder's files are imported once, with a backup.
			kept, m, err := statedoc.ForStore(ctx, dir, op.Store)
			if err != nil {
				return nil, fmt.Errorf("import the decisions of %s into the store %s: %w", dir, where, err)
			}
			if note := m.Note(op.Store.Kind()); note != "" {
				where += " (" + note + ")" // shown once, in the status bar
			}
			popts.State = kept
		}
	}
	p, err := engine.Open(ctx, dir, engine.Options{Project: popts, Progress: func(e engine.Progress) {
		progress(state.Progress{Stage: string(e.Stage), Done: e.Done, Total: e.Total, Current: e.Current})
	}})
	if err != nil {
		return nil, err
	}
	return stateProject(p, where), nil
}

// NewReopener is the window's state.Reopener: the project reloaded by
// the paths the watcher reported (engine.Project.Reload), its PDFs read
// in pool's worker processes like NewLoader's; the new snapshot keeps p's
// store and decisions.
func NewReopener(pool *pdftext.Pool) state.Reopener {
	return func(ctx context.Context, p *state.Project, paths []string, progress func(state.Progress)) (*state.Project, error) {
		ep, ok := p.Source.(*engine.Project)
		if !ok {
			return nil, fmt.Errorf("reload %s: not opened by the engine", p.Dir)
		}
		opts := engine.Options{Project: project.Options{PDF: pdftext.Options{Isolate: pool != nil, Pool: pool}},
			Progress: func(e engine.Progress) {
				progress(state.Progress{Stage: string(e.Stage), Done: e.Done, Total: e.Total, Current: e.Current})
			}}
		next, err := ep.Reload(ctx, paths, opts)
		if err != nil {
			return nil, err
		}
		return stateProject(next, p.Store), nil
	}
}

// Project is the window's view of an engine project: a snapshot, like p.
// Its ReloadMetadata and EditOverrides give new snapshots.
func Project(p *engine.Project) *state.Project { return stateProject(p, "") }

// stateProject is Project kept in the store where names ("": none), as are
// its later snapshots.
func stateProject(p *engine.Project, where string) *state.Project {
	sp := &state.Project{
		Store:    where,
		Dir:      p.Dir(),
		Docs:     p.Docs(),
		Problems: p.Problems(),
		Skipped:  p.Skipped(),
		// Why a link or special file was not read (issue #11).
		SkipReasons: p.SkipReasons(),
		Stance: func(d *document.Document) string {
			label, _ := p.Stance(d)
			return label
		},
		ReloadMetadata: func() *state.Project { return stateProject(p.ReloadMetadata(), where) },
		EditOverrides: func(edit func(*sourcemeta.Overrides) error) (*state.Project, error) {
			next, err := p.EditOverrides(edit)
			if err != nil {
				return nil, err
			}
			return stateProject(next, where), nil
		},
		Source: p,
	}
	if st, ok := p.State().(*statedoc.Stored); ok {
		sp.Decisions = st
	}
	return sp
}

// Reanalyse returns the analysis a rebuilt for p, a new snapshot of a's
// project (other metadata or stances, same documents): the entities are
// kept, framing, coverage and the timeline follow the new metadata.
func Reanalyse(ctx context.Context, a *engine.Analysis, p *state.Project) (*engine.Analysis, error) {
	ep, ok := p.Source.(*engine.Project)
	if !ok {
		return nil, fmt.Errorf("reanalyse %s: not opened by the engine", p.Dir)
	}
	return a.WithProject(ctx, ep)
}

// Analyse is a state.Analyser over engine.Analyse for a project opened by
// Load.
func Analyse(ctx context.Context, p *state.Project, progress func(state.Progress)) (*engine.Analysis, error) {
	ep, ok := p.Source.(*engine.Project)
	if !ok {
		return nil, fmt.Errorf("analyse %s: not opened by the engine", p.Dir)
	}
	return engine.Analyse(ctx, ep, analyseOptions(progress, nil))
}

// analyseOptions are the app's options of an analysis kept in st (nil:
// none).
func analyseOptions(progress func(state.Progress), st store.Store) engine.Options {
	// Leave a core to the window so that it stays responsive meanwhile.
	workers := max(1, runtime.NumCPU()-1)
	// Incremental: a reload after files changed updates the analysis on
	// screen (NewUpdater) rather than analysing from scratch.
	return engine.Options{Workers: workers, Store: st, Incremental: true, Progress: func(e engine.Progress) {
		progress(state.Progress{Stage: string(e.Stage), Done: e.Done, Total: e.Total})
	}}
}

// Passages returns the shared passages of an analysis as pairs between
// documents: a passage found in three documents gives three pairs.
func Passages(a *engine.Analysis) state.PassageFunc {
	if a == nil {
		return nil
	}
	return func(docs []*document.Document) []state.SharedPassage {
		byPath := map[string]*document.Document{}
		for _, d := range docs {
			byPath[d.Path] = d
		}
		var out []state.SharedPassage
		for _, p := range a.Passages() {
			for i, si := range p.Spans {
				di := byPath[si.Path]
				if di == nil {
					continue
				}
				for j := i + 1; j < len(p.Spans); j++ {
					sj := p.Spans[j]
					dj := byPath[sj.Path]
					if dj == nil || dj == di {
						continue
					}
					out = append(out, state.SharedPassage{
						ID:   fmt.Sprintf("%s/%d-%d", p.ID, i, j),
						DocA: di, DocB: dj,
						A: document.Span{Start: si.Start, End: si.End},
						B: document.Span{Start: sj.Start, End: sj.End},
					})
				}
			}
		}
		return out
	}
}

// EntityColors gives each entity named in more than one document a colour
// index, most-mentioned first; an entity of one document only gets none.
func EntityColors(a *engine.Analysis) map[string]int {
	if a == nil || a.Entities() == nil {
		return nil
	}
	type ranked struct {
		id string
		n  int
	}
	var rs []ranked
	for _, e := range a.Entities().Entities {
		if len(e.Documents) > 1 {
			rs = append(rs, ranked{e.ID, len(e.Mentions)})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].n != rs[j].n {
			return rs[i].n > rs[j].n
		}
		return rs[i].id < rs[j].id
	})
	out := make(map[string]int, len(rs))
	for i, r := range rs {
		out[r.id] = i % textview.PaletteSize
	}
	return out
}

// EntityHighlights returns a highlight source marking the mentions of the
// entities in colors (ID → colour index), one colour per entity.
func EntityHighlights(a *engine.Analysis, colors map[string]int) state.HighlightFunc {
	if a == nil || a.Entities() == nil {
		return nil
	}
	byDoc := map[string][]textview.Highlight{}
	for _, e := range a.Entities().Entities {
		c, ok := colors[e.ID]
		if !ok {
			continue
		}
		for _, m := range e.Mentions {
			byDoc[m.Doc] = append(byDoc[m.Doc], textview.Highlight{
				Start: m.Span.Start, End: m.Span.End, Kind: textview.Entity, ColorIndex: c, ID: e.ID})
		}
	}
	return func(d *document.Document) []textview.Highlight { return byDoc[d.Path] }
}

// StatePollInterval is how often the window looks for decisions other
// analysts changed in a store.
const StatePollInterval = 2 * time.Second

// StoreWatcher is the window's watcher of decisions kept in a store:
// WatchDecisions polling every StatePollInterval.
func StoreWatcher(st *statedoc.Stored) state.Watcher {
	return WatchDecisions(st, StatePollInterval)
}

// WatchDecisions is a state.Watcher of the decisions kept in a store,
// for a project whose Decisions are a store's (the folder watcher sees
// only files): it polls their versions every interval and reports
// sources.json as a metadata change and the others as changed state
// files, as the folder watcher reports the files.
func WatchDecisions(st *statedoc.Stored, interval time.Duration) state.Watcher {
	return func(ctx context.Context, _ string, onChange func(state.Change)) error {
		return st.Follow(ctx, interval, func(keys []string) {
			var c state.Change
			for _, k := range keys {
				if k == sourcemeta.OverridesFile {
					c.Metadata = true
				} else {
					c.State = append(c.State, k)
				}
			}
			onChange(c)
		})
	}
}

// Watch reports changes to the articles of the project folder dir until
// ctx ends, as counts of added, changed and removed files (a metadata
// change counts as changed). onChange is called from Watch's goroutine.
func Watch(ctx context.Context, dir string, onChange func(state.Change)) error {
	return project.Watch(ctx, dir, func(c project.Change) {
		onChange(state.Change{Added: len(c.Added), Changed: len(c.Changed), Removed: len(c.Removed), Paths: c.Paths(), Metadata: c.Metadata, State: c.State})
	})
}
