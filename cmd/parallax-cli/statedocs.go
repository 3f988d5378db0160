package main

import (
	"context"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// projectState returns where the analyst's decisions of the project
// folder dir are kept for this command: the store the command was given,
// or the folder's own files without one. With a store, the folder's
// decision files are imported into it the first time (backed up, once),
// which is said on stderr. done closes the store when the command is
// done with it.
func projectState(ctx context.Context, env *cliEnv, dir string) (docs statedoc.Docs, done func(), err error) {
	st, done, err := commandStore(ctx, env, dir)
	if err != nil {
		return nil, nil, err
	}
	if st == nil {
		return statedoc.Folder(dir), done, nil
	}
	stored, m, err := statedoc.ForStore(ctx, dir, st)
	if err != nil {
		done()
		return nil, nil, err
	}
	if note := m.Note(st.Kind()); note != "" {
		env.note(dir + ": " + note)
	}
	return stored, done, nil
}

// withState returns opts reading the analyst's decisions of the project
// dir from where the command keeps them (projectState); done closes the
// store.
func withState(ctx context.Context, env *cliEnv, dir string, opts engine.Options) (engine.Options, func(), error) {
	state, done, err := projectState(ctx, env, dir)
	if err != nil {
		return opts, nil, err
	}
	opts.Project.State = state
	if opts, err = env.withStore(ctx, dir, opts); err != nil {
		done()
		return opts, nil, err
	}
	return opts, done, nil
}

// workspaceOptions are the options of the project's workspace store: its
// state documents when the command has a store.
func workspaceOptions(ctx context.Context, env *cliEnv, dir string) (opts workspace.Options, done func(), err error) {
	docs, done, err := projectState(ctx, env, dir)
	if err != nil {
		return workspace.Options{}, nil, err
	}
	if s, ok := docs.(*statedoc.Stored); ok {
		opts.State = s
	}
	return opts, done, nil
}
