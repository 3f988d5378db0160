package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/projectstore"
	"github.com/parallaxworkbench/parallax/internal/store"
)

// storeOpener opens the store of --store once for the command's project
// and closes it when the command ends.
type storeOpener struct {
	setting string // normalised (projectstore.Normalise)
	stderr  io.Writer
	open    projectstore.OpenFunc // nil: the real stores

	opened bool
	dir    string      // the project it was opened for
	st     store.Store // nil: no store (--store none, or a read-only folder)
}

func newStoreOpener(setting string, stderr io.Writer) *storeOpener {
	return &storeOpener{setting: setting, stderr: stderr}
}

// forProject returns the store of the project folder dir, opening it on
// the first call; nil means no store (--store none, or an embedded store
// that cannot be made in a read-only folder, said on stderr once).
func (o *storeOpener) forProject(ctx context.Context, dir string) (store.Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("project folder %s: %w", dir, err)
	}
	if o.opened {
		if abs != o.dir {
			// Every command works on one project; a second one would
			// share the first one's store.
			return nil, fmt.Errorf("store opened for %s, not %s", o.dir, abs)
		}
		return o.st, nil
	}
	o.opened, o.dir = true, abs
	op, err := projectstore.Open(ctx, o.setting, abs, o.open)
	if err != nil {
		return nil, err
	}
	if op.Note != "" {
		fmt.Fprintf(o.stderr, "note: %s\n", op.Note)
	}
	o.st = op.Store
	return o.st, nil
}

// close closes the store, if one was opened.
func (o *storeOpener) close() error {
	if o == nil || o.st == nil {
		return nil
	}
	st := o.st
	o.st = nil
	if err := st.Close(); err != nil {
		return fmt.Errorf("close the store %s: %w", st.Location(), err)
	}
	return nil
}

// withStore returns opts with the command's store for the project folder
// dir (--store), opened on the first call.
func (env *cliEnv) withStore(ctx context.Context, dir string, opts engine.Options) (engine.Options, error) {
	st, err := env.stores.forProject(ctx, dir)
	if err != nil {
		return opts, err
	}
	opts.Store = st
	return opts, nil
}

// commandStore returns the store the command works with for the project
// dir (--store, opened once for the command), nil for none, and a done
// that does nothing: run closes the store when the command ends.
func commandStore(ctx context.Context, env *cliEnv, dir string) (store.Store, func(), error) {
	st, err := env.stores.forProject(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	return st, func() {}, nil
}
