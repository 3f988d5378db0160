// Package storeurl opens a project's store from a URL, as --store and
// PARALLAX_STORE give it:
//
//	""  or "sqlite:"                 the embedded store, <project>/.parallax/parallax.db
//	"sqlite:/abs/file.db"            an SQLite file of your choice (also sqlite:///abs/file.db)
//	"postgres://…", "postgresql://…" a PostgreSQL server; ?project=NAME names the
//	                                 project (default: the project folder's base name)
package storeurl

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/pgstore"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
)

// EnvVar is the environment variable that holds the default store URL.
const EnvVar = "PARALLAX_STORE"

// Open opens the store named by url for the project folder projectDir.
func Open(ctx context.Context, url, projectDir string) (store.Store, error) {
	url = strings.TrimSpace(url)
	scheme, rest, _ := strings.Cut(url, ":")
	switch strings.ToLower(scheme) {
	case "", "sqlite":
		if url == "" || rest == "" {
			if projectDir == "" {
				return nil, fmt.Errorf("store %q: the embedded store needs a project folder", url)
			}
			return sqlitestore.Open(ctx, projectDir)
		}
		path := strings.TrimPrefix(rest, "//")
		if !filepath.IsAbs(path) {
			return nil, fmt.Errorf("store %q: an SQLite file must be given by its absolute path (sqlite:/path/to/file.db)", url)
		}
		return sqlitestore.OpenFile(ctx, path)
	case "postgres", "postgresql":
		project := ""
		if projectDir != "" {
			abs, err := filepath.Abs(projectDir)
			if err != nil {
				return nil, fmt.Errorf("project folder %s: %w", projectDir, err)
			}
			project = filepath.Base(abs)
		}
		return pgstore.Open(ctx, url, project)
	}
	return nil, fmt.Errorf("store %q: unknown kind %q: use sqlite: (the default, in the project folder), sqlite:/path/file.db or postgres://[user@]host/database[?project=NAME]", Redact(url), scheme)
}

// Redact hides a password in a store URL, for messages.
func Redact(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	at := strings.LastIndex(rest, "@")
	slash := strings.Index(rest, "/")
	if at < 0 || (slash >= 0 && slash < at) {
		return url
	}
	user, _, hasPw := strings.Cut(rest[:at], ":")
	if !hasPw {
		return url
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}
