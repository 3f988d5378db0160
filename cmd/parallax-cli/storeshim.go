package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
)

// commandStore opens the store the command works with for the project
// dir, nil for none, and the function that closes it.
//
// Branch decisions only: the store is named by PARALLAX_STORE ("" or
// "none": the folder's files; "embedded": the SQLite store in the
// project's .parallax). When branch cli-store (the global --store flag,
// every kind of store) is merged, this file goes and commandStore returns
// env.stores.forProject(ctx, dir) with a close that does nothing (the
// command's end closes the store).
func commandStore(ctx context.Context, _ *cliEnv, dir string) (store.Store, func(), error) {
	switch setting := strings.TrimSpace(os.Getenv("PARALLAX_STORE")); setting {
	case "", "none":
		return nil, func() {}, nil
	case "embedded", "sqlite":
		st, err := sqlitestore.Open(ctx, dir)
		if err != nil {
			return nil, nil, err
		}
		return st, func() { _ = st.Close() }, nil
	default:
		return nil, nil, fmt.Errorf("%w: PARALLAX_STORE %q: this build opens only the embedded store (\"embedded\") or none", errUsage, setting)
	}
}
