// Package atomicfile writes files so that a crash or kill at any moment
// leaves either the old or the new content, whole, and keeps the previous
// version as a backup beside it.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	if w.CrashAt == StepCreate {
		return ErrCrashed
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	tmpName := tmp.Name()
	fail := func(step string, err error) error {
		tmp.Close()
		os.Remove(tmpName)
		return fmt.Errorf("%s %s: %w", step, path, err)
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
		os.Remove(tmpName)
		return fmt.Errorf("close temporary file for %s: %w", path, err)
	}
	if err := w.keepBackup(path); err != nil {
		if !errors.Is(err, ErrCrashed) {
			os.Remove(tmpName)
		}
		return err
	}
	if w.CrashAt == StepRename {
		return ErrCrashed
	}
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("replace %s: %w", path, err)
	}
	if w.CrashAt == StepSyncDir {
		return ErrCrashed
	}
	syncDir(dir)
	return nil
}

// keepBackup hard-links (or, where links fail, copies) the current file to
// its backup name, so the rename that follows never leaves path missing.
func (w Writer) keepBackup(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if w.CrashAt == StepBackup {
			return ErrCrashed
		}
		return nil
	}
	bak := path + BackupSuffix
	tmpBak := bak + ".tmp"
	os.Remove(tmpBak)
	if err := os.Link(path, tmpBak); err != nil {
		data, rerr := os.ReadFile(path)
		if rerr != nil {
			return fmt.Errorf("read %s for backup: %w", path, rerr)
		}
		if werr := os.WriteFile(tmpBak, data, 0o644); werr != nil {
			return fmt.Errorf("write backup of %s: %w", path, werr)
		}
	}
	if w.CrashAt == StepBackup {
		return ErrCrashed // the half-made backup stays beside the file
	}
	if err := os.Rename(tmpBak, bak); err != nil {
		return fmt.Errorf("keep backup of %s: %w", path, err)
	}
	return nil
}

// syncDir makes the rename durable where the system allows syncing a
// folder; where it does not, the rename has still happened.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync()
}
