package main

import (
	"context"
	"os"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/storeurl"
)

// commandStore opens the store the command works with for the project
// dir, nil for none, and the function that closes it.
//
// Branch decisions only: the store is named by PARALLAX_STORE ("" or
// "none": the folder's files; "embedded": the SQLite store in the
// project's .parallax; else a storeurl URL). When branch cli-store (the global --store flag,
// every kind of store) is merged, this file goes and commandStore returns
// env.stores.forProject(ctx, dir) with a close that does nothing (the
// command's end closes the store).
func commandStore(ctx context.Context, _ *cliEnv, dir string) (store.Store, func(), error) {
	url := strings.TrimSpace(os.Getenv(storeurl.EnvVar))
	switch url {
	case "", "none":
		return nil, func() {}, nil
	case "embedded":
		url = ""
	}
	st, err := storeurl.Open(ctx, url, dir)
	if err != nil {
		return nil, nil, err
	}
	return st, func() { _ = st.Close() }, nil
}
