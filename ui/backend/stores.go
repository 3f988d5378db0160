package backend

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/projectstore"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Stores opens the store of each project the app loads, as the app's store
// setting says (issue 18), and keeps it open for the project's analyses.
// A store stays open until Close (when the app quits), even when another
// project is opened: the window keeps showing the previous project when a
// load fails or is cancelled, and its analysis and decisions still need
// their store. Its methods are safe for concurrent use.
type Stores struct {
	read func() string         // the app's store setting, read at each load
	open projectstore.OpenFunc // nil: the real stores

	mu     sync.Mutex
	opened map[storeKey]projectstore.Opened // every store opened
	latest map[string]storeKey              // project folder → its latest load's

	// keeper writes updated analyses in the background (NewUpdater)
	keeper keeper
}

// storeKey names a project's store under one setting.
type storeKey struct{ dir, setting string }

// NewStores returns the stores of the setting that setting returns ("",
// "none" or a URL; see projectstore).
func NewStores(setting func() string) *Stores {
	return &Stores{read: setting, opened: map[storeKey]projectstore.Opened{}, latest: map[string]storeKey{},
		keeper: keeper{warn: logKeepWarnings}}
}

// forLoad returns the store of the project folder dir under the current
// setting, opening it the first time.
func (s *Stores) forLoad(ctx context.Context, dir string) (projectstore.Opened, error) {
	setting, err := projectstore.Normalise(s.read())
	if err != nil {
		return projectstore.Opened{}, fmt.Errorf("the app's store setting: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return projectstore.Opened{}, err
	}
	key := storeKey{abs, setting}
	s.mu.Lock()
	defer s.mu.Unlock()
	if op, ok := s.opened[key]; ok {
		s.latest[abs] = key
		return op, nil
	}
	op, err := projectstore.Open(ctx, setting, abs, s.open)
	if err != nil {
		return projectstore.Opened{}, err
	}
	if op.Store != nil {
		s.opened[key] = op
	}
	s.latest[abs] = key
	return op, nil
}

// forProject returns the store the project folder dir was last loaded
// with, or nil.
func (s *Stores) forProject(dir string) store.Store {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.latest[abs]
	if !ok {
		return nil
	}
	return s.opened[key].Store
}

// Close closes every store opened, when the app quits, once the
// analysis being kept in the background is written.
func (s *Stores) Close() error {
	s.keeper.wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for key, op := range s.opened {
		if err := op.Store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close the store %s: %w", op.Store.Location(), err))
		}
		delete(s.opened, key)
	}
	clear(s.latest)
	return errors.Join(errs...)
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
		st := stores.forProject(p.Dir)
		if st != nil {
			stores.keeper.supersede() // this analysis keeps itself
		}
		return engine.Analyse(ctx, ep, analyseOptions(progress, st))
	}
}
