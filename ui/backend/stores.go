package backend

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/projectstore"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Stores opens the store of each project the app loads, as the app's store
// setting says (issue 18), and keeps the open project's one open for its
// analyses. Loading another project, or the same one under another
// setting, closes the previous store. Its methods are safe for concurrent
// use.
type Stores struct {
	read func() string         // the app's store setting, read at each load
	open projectstore.OpenFunc // nil: the real stores

	mu      sync.Mutex
	dir     string // the project of cur
	setting string // the normalised setting cur was opened with
	cur     projectstore.Opened
}

// NewStores returns the stores of the setting that setting returns ("",
// "none" or a URL; see projectstore).
func NewStores(setting func() string) *Stores {
	return &Stores{read: setting}
}

// forLoad returns the store of the project folder dir under the current
// setting, opening it (and closing the previous one) when the project or
// the setting changed.
func (s *Stores) forLoad(ctx context.Context, dir string) (projectstore.Opened, error) {
	setting, err := projectstore.Normalise(s.read())
	if err != nil {
		return projectstore.Opened{}, fmt.Errorf("the app's store setting: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return projectstore.Opened{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur.Store != nil && abs == s.dir && setting == s.setting {
		return s.cur, nil
	}
	// A failure to close the old store is no reason not to open the new
	// project: what it kept was written in transactions.
	_ = s.closeLocked()
	op, err := projectstore.Open(ctx, setting, abs, s.open)
	if err != nil {
		return projectstore.Opened{}, err
	}
	s.dir, s.setting, s.cur = abs, setting, op
	return op, nil
}

// forProject returns the open store of the project folder dir, or nil.
func (s *Stores) forProject(dir string) store.Store {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if abs != s.dir {
		return nil
	}
	return s.cur.Store
}

// Close closes the open store, when the app quits.
func (s *Stores) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeLocked()
}

func (s *Stores) closeLocked() error {
	st := s.cur.Store
	s.dir, s.setting, s.cur = "", "", projectstore.Opened{}
	if st == nil {
		return nil
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close the store %s: %w", st.Location(), err)
	}
	return nil
}

// describe names where a project's analysis is kept, for state.Project.Store.
func describe(op projectstore.Opened) string {
	if op.Store == nil {
		return op.Note // "" when none was asked for
	}
	return op.Describe()
}

// NewAnalyser is Analyse with the store the project was loaded with by a
// loader of stores.
func NewAnalyser(stores *Stores) state.Analyser {
	return func(ctx context.Context, p *state.Project, progress func(state.Progress)) (*engine.Analysis, error) {
		ep, ok := p.Source.(*engine.Project)
		if !ok {
			return nil, fmt.Errorf("analyse %s: not opened by the engine", p.Dir)
		}
		return engine.Analyse(ctx, ep, analyseOptions(progress, stores.forProject(p.Dir)))
	}
}
