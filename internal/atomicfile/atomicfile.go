// Package atomicfile writes files so that a crash or kill at any moment
// leaves either the old or the new content, whole, and keeps the previous
// version as a backup beside it.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// BackupSuffix is appended to a file's name for its previous version.
const BackupSuffix = ".bak"

// Step names a point of Write, for tests that simulate a crash there.
type Step string

// The steps of Write, in order. A crash at a step happens just before it.
const (
	StepCreate  Step = "create"  // create the temporary file
	StepWrite   Step = "write"   // write the data (a crash here leaves half of it)
	StepSync    Step = "sync"    // sync the temporary file
	StepClose   Step = "close"   // close it
	StepBackup  Step = "backup"  // keep the current file as the backup
	StepRename  Step = "rename"  // rename the temporary file over the target
	StepSyncDir Step = "syncdir" // sync the folder
)

// Steps lists every step of Write in order.
func Steps() []Step {
	return []Step{StepCreate, StepWrite, StepSync, StepClose, StepBackup, StepRename, StepSyncDir}
}

// ErrCrashed is returned by a Writer whose CrashAt step was reached.
var ErrCrashed = errors.New("simulated crash")

// Write replaces path with data: it writes a temporary file in the same
// folder, syncs it, keeps the current file as path+BackupSuffix, renames the
// temporary file over path and syncs the folder.
func Write(path string, data []byte, perm fs.FileMode) error {
	return Writer{}.Write(path, data, perm)
}

// Writer is Write with a crash point, so that tests can prove every step
// leaves the old or the new file whole. The zero Writer never crashes.
type Writer struct {
	// CrashAt, when set, makes Write stop dead just before that step and
	// return ErrCrashed, leaving on disk what a kill there would leave (no
	// clean-up of temporary files).
	CrashAt Step
}

// Write replaces path with data, as the package-level Write does.
func (w Writer) Write(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("open folder %s: %w", dir, err)
	}
	defer root.Close()
	if err := w.WriteIn(root, filepath.Base(path), data, perm); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// WriteIn replaces the file name (relative to root, which it cannot leave)
// with data, as Write does. Its temporary files have unique names, so
// concurrent writers never trip over each other's; the last rename wins.
func (w Writer) WriteIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	dir, base := path.Split(filepath.ToSlash(name))
	if w.CrashAt == StepCreate {
		return ErrCrashed
	}
	tmp, tmpName, err := createTemp(root, dir, base)
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", name, err)
	}
	fail := func(step string, err error) error {
		tmp.Close()
		root.Remove(tmpName)
		return fmt.Errorf("%s %s: %w", step, name, err)
	}
	if w.CrashAt == StepWrite {
		tmp.Write(data[:len(data)/2])
		tmp.Close()
		return ErrCrashed
	}
	if _, err := tmp.Write(data); err != nil {
		return fail("write", err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail("set mode of", err)
	}
	if w.CrashAt == StepSync {
		tmp.Close()
		return ErrCrashed
	}
	if err := tmp.Sync(); err != nil {
		return fail("sync", err)
	}
	if w.CrashAt == StepClose {
		tmp.Close()
		return ErrCrashed
	}
	if err := tmp.Close(); err != nil {
		root.Remove(tmpName)
		return fmt.Errorf("close temporary file for %s: %w", name, err)
	}
	if err := w.keepBackup(root, dir, base); err != nil {
		if !errors.Is(err, ErrCrashed) {
			root.Remove(tmpName)
		}
		return err
	}
	if w.CrashAt == StepRename {
		return ErrCrashed
	}
	if err := root.Rename(tmpName, name); err != nil {
		root.Remove(tmpName)
		return fmt.Errorf("replace %s: %w", name, err)
	}
	if w.CrashAt == StepSyncDir {
		return ErrCrashed
	}
	syncDir(root, dir)
	return nil
}

// tempMarker separates a file's name from the random part of its
// temporaries: ".<name>.tmp-<hex>".
const tempMarker = ".tmp-"

// createTemp creates a new, empty temporary file beside dir+base with a
// name no other writer uses.
func createTemp(root *os.Root, dir, base string) (*os.File, string, error) {
	for try := 0; ; try++ {
		var rnd [8]byte
		if _, err := rand.Read(rnd[:]); err != nil {
			return nil, "", err
		}
		name := dir + "." + base + tempMarker + hex.EncodeToString(rnd[:])
		f, err := root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f, name, nil
		}
		if !errors.Is(err, fs.ErrExist) || try >= 10 {
			return nil, "", err
		}
	}
}

// IsTemporary reports whether a file name (a base name) is one of the
// temporaries Write makes, so stale ones left by a killed writer can be
// recognised exactly.
func IsTemporary(name string) bool {
	i := strings.LastIndex(name, tempMarker)
	if !strings.HasPrefix(name, ".") || i < 2 {
		return false
	}
	r := name[i+len(tempMarker):]
	if len(r) != 16 {
		return false
	}
	_, err := hex.DecodeString(r)
	return err == nil
}

// CleanTemporaries removes, in the folder dir of root, the temporaries of
// Write older than age (left by writers that were killed). Only regular
// files whose names IsTemporary matches are removed. It returns how many.
func CleanTemporaries(root *os.Root, dir string, age time.Duration) int {
	d, err := root.Open(dir)
	if err != nil {
		return 0
	}
	entries, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !IsTemporary(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < age {
			continue
		}
		if root.Remove(path.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}

// keepBackup hard-links (or, where links fail, copies) the current file to
// its backup name, so the rename that follows never leaves path missing.
func (w Writer) keepBackup(root *os.Root, dir, base string) error {
	name := dir + base
	if _, err := root.Lstat(name); errors.Is(err, fs.ErrNotExist) {
		if w.CrashAt == StepBackup {
			return ErrCrashed
		}
		return nil
	}
	bak := name + BackupSuffix
	tmp, tmpBak, err := createTemp(root, dir, base+BackupSuffix)
	if err != nil {
		return fmt.Errorf("keep backup of %s: %w", name, err)
	}
	tmp.Close()
	root.Remove(tmpBak)
	if err := root.Link(name, tmpBak); err != nil {
		data, rerr := root.ReadFile(name)
		if rerr != nil {
			return fmt.Errorf("read %s for backup: %w", name, rerr)
		}
		if werr := root.WriteFile(tmpBak, data, 0o644); werr != nil {
			return fmt.Errorf("write backup of %s: %w", name, werr)
		}
	}
	if w.CrashAt == StepBackup {
		return ErrCrashed // the half-made backup stays beside the file
	}
	err = root.Rename(tmpBak, bak)
	// When bak is already a link to the same file (another writer kept the
	// same backup a moment ago), rename succeeds without doing anything:
	// the temporary name must still go.
	root.Remove(tmpBak)
	if err != nil {
		return fmt.Errorf("keep backup of %s: %w", name, err)
	}
	return nil
}

// syncDir makes the rename durable where the system allows syncing a
// folder; where it does not, the rename has still happened.
func syncDir(root *os.Root, dir string) {
	if dir == "" {
		dir = "."
	}
	d, err := root.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync()
}
