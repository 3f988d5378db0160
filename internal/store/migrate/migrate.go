// Package migrate reads a store's versioned schema migrations: numbered SQL
// files (0001_init.sql, 0002_….sql) embedded in the store's package, one
// folder per SQL dialect. Each store applies them in its own transactions
// and records them in its schema_migrations table.
package migrate

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string // the file name
	SQL     string
}

// Load reads the migrations in dir of fsys, sorted by version. Versions
// must start at 1 and have no gap or duplicate.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations %s: %w", dir, err)
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: the name must start with its number and an underscore (0001_init.sql)", name)
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: version %d where %d was expected (no gaps, no duplicates)", m.Name, m.Version, i+1)
		}
	}
	return out, nil
}

// Latest is the newest version of migrations (0 when there are none).
func Latest(ms []Migration) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

// TooNew is the error for a database whose schema is newer than this
// program knows: it was written by a newer Parallax, and an older one must
// not change it.
func TooNew(where string, have, known int) error {
	return fmt.Errorf("%s has schema version %d, but this Parallax knows only up to %d: it was written by a newer Parallax; update Parallax to use it", where, have, known)
}
