package statedoc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	// the files as they were; BackupError says why none could be made (a
	// read-only folder): the files were imported all the same, since the
	// import leaves them as they are.
	Backup      string `json:"backup,omitempty"`
	BackupError string `json:"backup_error,omitempty"`
	// Hashes are the SHA-256 of each decision file of the folder when
	// the store last took them in or wrote them out (import, export), so
	// that a file edited by hand afterwards can be told (Tracked: the
	// marker records them; markers written before it did not).
	Hashes  map[string]string `json:"hashes,omitempty"`
	Tracked bool              `json:"tracked,omitempty"`
	// Already is true when a finished migration was found (nothing done
	// now); not stored.
	Already bool `json:"-"`
	// Edited lists the folder's decision files changed or added since the
	// store last synced with them: they are not read while the store is
	// used (found when Already; not stored).
	Edited []string `json:"-"`
}

// ForStore returns the state documents of st for the project folder dir,
// changed as Author(), after importing the folder's decision files into
// st the first time (Migrate): what a caller opening a project with a
// store uses.
func ForStore(ctx context.Context, dir string, st store.Store) (*Stored, Migration, error) {
	s := InStore(st, Author())
	m, err := Migrate(ctx, dir, s, time.Now())
	if err != nil {
		return nil, Migration{}, err
	}
	return s, m, nil
}

// Note says what a migration just did, for the analyst; "" when it did
// nothing worth saying (done before, nothing to import).
func (m Migration) Note(kind string) string {
	if m.Already {
		if len(m.Edited) == 0 {
			return ""
		}
		return fmt.Sprintf("%s changed in the folder after its decisions moved into the %s store, and is not read: 'parallax-cli state import' takes the folder's files in (each change kept in the history)",
			strings.Join(m.Edited, ", "), kind)
	}
	if m.Status == "kept" && len(m.Files) > 0 {
		return fmt.Sprintf("the %s store holds decisions already, so the folder's %d decision file(s) were not imported and are not read while it is used",
			kind, len(m.Files))
	}
	if m.Status != "imported" {
		return ""
	}
	copies := "copies in " + m.Backup
	if m.BackupError != "" {
		copies = "the backup failed (" + m.BackupError + "), but the files are left as they were"
	}
	return fmt.Sprintf("%d decision file(s) imported into the %s store (%s); the store keeps them from now on, and 'parallax-cli state export' writes them back as files",
		len(m.Imported), kind, copies)
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
		return m.already(ctx, dir)
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
	if errors.Is(err, projectfs.ErrLocked) {
		return Migration{}, fmt.Errorf("migrate decisions: %w", err)
	}
	if err != nil {
		// A folder that cannot be locked (read-only) cannot be written
		// either: the per-key check keeps the import single.
		unlock = func() {}
	}
	defer unlock()
	m, ok, err := readMarker(ctx, s.st)
	if err != nil {
		return Migration{}, err
	}
	if ok && m.Status != "importing" {
		return m.already(ctx, dir)
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
		case len(files) == 0:
			m.Status = "nothing"
		}
		if m.Status != "" {
			if m.Hashes, err = folderHashes(ctx, dir); err != nil {
				return Migration{}, err
			}
			m.Tracked = true
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
			m.Backup, m.BackupError = "", fmt.Sprintf("back up %s: %v", k, err)
			break
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
	m.Hashes, m.Tracked = hashesOf(contents), true
	return m, writeMarker(ctx, s, m)
}

// already is m found finished at an open: with the folder's decision
// files edited since the store last synced with them.
func (m Migration) already(ctx context.Context, dir string) (Migration, error) {
	m.Already = true
	if !m.Tracked {
		return m, nil // a marker from before the hashes were kept
	}
	now, err := folderHashes(ctx, dir)
	if err != nil {
		return Migration{}, err
	}
	for _, k := range slices.Sorted(maps.Keys(now)) {
		if now[k] != m.Hashes[k] {
			m.Edited = append(m.Edited, k)
		}
	}
	return m, nil
}

// folderHashes hashes the decision files of the project folder dir.
func folderHashes(ctx context.Context, dir string) (map[string]string, error) {
	src := Folder(dir)
	keys, err := src.Keys(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the folder's decision files: %w", err)
	}
	contents := make(map[string][]byte, len(keys))
	for _, k := range keys {
		data, ok, err := src.Read(ctx, k)
		if err != nil {
			return nil, fmt.Errorf("read the folder's decision files: %w", err)
		}
		if ok {
			contents[k] = data
		}
	}
	return hashesOf(contents), nil
}

func hashesOf(contents map[string][]byte) map[string]string {
	out := make(map[string]string, len(contents))
	for k, data := range contents {
		sum := sha256.Sum256(data)
		out[k] = hex.EncodeToString(sum[:])
	}
	return out
}

// synced records in s's marker that the folder dir's decision files are
// now in step with the store (after an import from it or an export to
// it), so that they no longer count as edited.
func synced(ctx context.Context, s *Stored, dir string) error {
	m, ok, err := readMarker(ctx, s.st)
	if err != nil || !ok {
		return err
	}
	if m.Hashes, err = folderHashes(ctx, dir); err != nil {
		return err
	}
	m.Tracked = true
	return writeMarker(ctx, s, m)
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
	if st, ok := from.(*Stored); ok && to == "" {
		// the folder's files are the store's now: not "edited"
		if err := synced(ctx, st, dir); err != nil {
			return written, err
		}
	}
	return written, nil
}

// inState is key relative to .parallax.
func inState(key string) string {
	return strings.TrimPrefix(key, projectfs.StateDir+"/")
}

// Import replaces the decisions of to with the decision files of the
// project folder dir (from "") or of the folder from (laid out as Export
// writes them), each file a new version whose predecessor stays in the
// history; a file equal to the kept version adds none. It returns the keys
// changed.
func Import(ctx context.Context, to *Stored, dir, from string) ([]string, error) {
	var keys []string
	var read func(key string) ([]byte, bool, error)
	var err error
	if from == "" {
		src := Folder(dir)
		keys, err = src.Keys(ctx)
		read = func(k string) ([]byte, bool, error) { return src.Read(ctx, k) }
	} else {
		keys, err = exportedKeys(from)
		read = func(k string) ([]byte, bool, error) {
			data, err := readOutside(filepath.Join(from, filepath.FromSlash(inState(k))))
			return data, err == nil, err
		}
	}
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, k := range keys {
		data, ok, err := read(k)
		if err != nil {
			return changed, fmt.Errorf("import %s: %w", k, err)
		}
		if !ok {
			continue
		}
		differs := false
		err = to.Update(ctx, k, func(cur []byte, exists bool) ([]byte, error) {
			if exists && bytes.Equal(cur, data) {
				return nil, nil
			}
			differs = true
			return data, nil
		})
		if err != nil {
			return changed, fmt.Errorf("import %s: %w", k, err)
		}
		if differs {
			changed = append(changed, k)
		}
	}
	if from == "" {
		// the folder and the store agree now: its files are not "edited"
		if err := synced(ctx, to, dir); err != nil {
			return changed, err
		}
	}
	return changed, nil
}

// readOutside reads a regular file of a folder outside the project, at
// most a state file's size limit.
func readOutside(path string) ([]byte, error) {
	// checked before opening: opening a FIFO would wait for a writer
	if st, err := os.Lstat(path); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (%s)", path, projectfs.ErrNotRegular, projectfs.KindOf(st.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, projectfs.ErrNotRegular)
	}
	data, err := projectfs.ReadLimited(f, projectfs.LimitState, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// exportedKeys lists the decision files of an export folder as keys.
func exportedKeys(folder string) ([]string, error) {
	var keys []string
	top, err := os.ReadDir(folder)
	if err != nil {
		return nil, fmt.Errorf("import from %s: %w", folder, err)
	}
	for _, e := range top {
		if k := projectfs.StateDir + "/" + e.Name(); e.Type().IsRegular() && IsKey(k) {
			keys = append(keys, k)
		}
	}
	wss, err := os.ReadDir(filepath.Join(folder, "workspaces"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("import from %s: %w", folder, err)
	}
	for _, e := range wss {
		if k := WorkspacePrefix + e.Name(); e.Type().IsRegular() && IsKey(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys, nil
}
