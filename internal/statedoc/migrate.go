package statedoc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/store"
)

// MarkerKey is the store's record of the one import of a folder's
// decision files (it is not itself a decision, so Keys leaves it out).
const MarkerKey = ".parallax/migration.json"

// Migration is what Migrate did, as its marker records it.
type Migration struct {
	// Status is "imported" (the files are now in the store), "nothing"
	// (the folder had no decision files), "kept" (the store had decisions
	// already; the folder's files were left out), or "importing" while an
	// import runs (a later Migrate finishes one that was interrupted).
	Status string    `json:"status"`
	At     time.Time `json:"at"`
	Author string    `json:"author"`
	Folder string    `json:"folder"`
	// Files are the decision files found, Imported those copied into the
	// store (a key another process imported first is not copied twice).
	Files    []string `json:"files,omitempty"`
	Imported []string `json:"imported,omitempty"`
	// Backup is the folder, relative to the project, holding copies of
	// the files as they were.
	Backup string `json:"backup,omitempty"`
	// Already is true when a finished migration was found (nothing done
	// now); not stored.
	Already bool `json:"-"`
}

// Migrate imports the decision files of the project folder dir into the
// store of s, once: when the store holds no decisions yet, every file is
// copied into it in one go (under the project's lock), the files are first
// copied to .parallax/backup-<date>/ and stay where they are (readable, and
// no longer read while the store is used), and a marker in the store makes
// later opens skip this. An interrupted import is finished by the next one.
func Migrate(ctx context.Context, dir string, s *Stored, now time.Time) (Migration, error) {
	if m, ok, err := readMarker(ctx, s.st); err != nil {
		return Migration{}, err
	} else if ok && m.Status != "importing" {
		m.Already = true
		return m, nil
	}
	rfs, err := projectfs.Open(dir)
	if err != nil {
		return Migration{}, fmt.Errorf("migrate decisions: %w", err)
	}
	defer rfs.Close()
	// The lock keeps two processes on one folder from importing (and
	// backing up) together; for a shared server, the per-key check below
	// keeps one import of each key.
	if err := rfs.CheckState(projectfs.StateDir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Migration{}, fmt.Errorf("migrate decisions: %w", err)
	}
	unlock, err := lockIfPresent(rfs)
	if err != nil {
		return Migration{}, fmt.Errorf("migrate decisions: %w", err)
	}
	defer unlock()
	m, ok, err := readMarker(ctx, s.st)
	if err != nil {
		return Migration{}, err
	}
	if ok && m.Status != "importing" {
		m.Already = true
		return m, nil
	}
	resuming := ok
	files, err := Folder(dir).Keys(ctx)
	if err != nil {
		return Migration{}, fmt.Errorf("migrate decisions: %w", err)
	}
	m = Migration{At: now.UTC(), Author: s.author, Folder: rfs.Dir(), Files: files}
	if !resuming {
		kept, err := s.Keys(ctx)
		if err != nil {
			return Migration{}, err
		}
		switch {
		case len(kept) > 0:
			m.Status = "kept"
			return m, writeMarker(ctx, s, m)
		case len(files) == 0:
			m.Status = "nothing"
			return m, writeMarker(ctx, s, m)
		}
	}
	contents := make(map[string][]byte, len(files))
	for _, k := range files {
		data, _, err := rfs.ReadFile(k, projectfs.LimitState)
		if err != nil {
			return Migration{}, fmt.Errorf("migrate decisions: %w", err)
		}
		contents[k] = data
	}
	m.Backup = path.Join(projectfs.StateDir, "backup-"+now.UTC().Format("20060102-150405"))
	for _, k := range files {
		if err := rfs.WriteFile(path.Join(m.Backup, inState(k)), contents[k], 0o644); err != nil {
			return Migration{}, fmt.Errorf("migrate decisions: back up %s: %w", k, err)
		}
	}
	m.Status = "importing"
	if err := writeMarker(ctx, s, m); err != nil {
		return Migration{}, err
	}
	for _, k := range files {
		imported := false
		err := s.Update(ctx, k, func(_ []byte, exists bool) ([]byte, error) {
			if exists {
				return nil, nil // imported already (an interrupted run, another process)
			}
			imported = true
			return contents[k], nil
		})
		if err != nil {
			return Migration{}, fmt.Errorf("migrate decisions: %w", err)
		}
		if imported {
			m.Imported = append(m.Imported, k)
		}
	}
	m.Status = "imported"
	return m, writeMarker(ctx, s, m)
}

// lockIfPresent takes the project's lock when .parallax exists (a folder
// without one has nothing to import, and reading must not create it).
func lockIfPresent(rfs *projectfs.Root) (func(), error) {
	if _, err := rfs.Lstat(projectfs.StateDir); errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	return rfs.Lock()
}

func readMarker(ctx context.Context, st store.Store) (Migration, bool, error) {
	v, err := st.State(ctx, MarkerKey)
	if errors.Is(err, store.ErrNotFound) || err == nil && v.Deleted {
		return Migration{}, false, nil
	}
	if err != nil {
		return Migration{}, false, fmt.Errorf("read the migration marker from the %s store: %w", st.Kind(), err)
	}
	var m Migration
	if err := json.Unmarshal(v.Data, &m); err != nil {
		return Migration{}, false, fmt.Errorf("the %s store's migration marker is corrupt: %w", st.Kind(), err)
	}
	return m, true, nil
}

func writeMarker(ctx context.Context, s *Stored, m Migration) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the migration marker: %w", err)
	}
	_, err = s.st.UpdateState(ctx, MarkerKey, s.author, func([]byte, bool) ([]byte, error) { return data, nil })
	if err != nil {
		return fmt.Errorf("write the migration marker to the %s store: %w", s.st.Kind(), err)
	}
	return nil
}

// Export copies every decision of from into the project folder dir's
// files (to "") or, when to is a folder, into files named after the keys
// there (.parallax/aliases.json → to/aliases.json, .parallax/workspaces/a.json
// → to/workspaces/a.json). It returns the files
// written. Files in the project are replaced under its lock, each keeping
// its previous version as .bak.
func Export(ctx context.Context, from Docs, dir, to string) ([]string, error) {
	keys, err := from.Keys(ctx)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, k := range keys {
		data, ok, err := from.Read(ctx, k)
		if err != nil {
			return written, err
		}
		if !ok {
			continue
		}
		if to == "" {
			err := Folder(dir).Update(ctx, k, func([]byte, bool) ([]byte, error) { return data, nil })
			if err != nil {
				return written, fmt.Errorf("export %s: %w", k, err)
			}
			written = append(written, filepath.Join(dir, filepath.FromSlash(k)))
			continue
		}
		dst := filepath.Join(to, filepath.FromSlash(inState(k)))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return written, fmt.Errorf("export to %s: %w", to, err)
		}
		if err := atomicfile.Write(dst, data, 0o644); err != nil {
			return written, fmt.Errorf("export %s: %w", k, err)
		}
		written = append(written, dst)
	}
	return written, nil
}

// inState is key relative to .parallax.
func inState(key string) string {
	return strings.TrimPrefix(key, projectfs.StateDir+"/")
}
