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

// Write replaces path with data: it writes a temporary file in the same
// folder, syncs it, keeps the current file as path+BackupSuffix, renames the
// temporary file over path and syncs the folder.
func Write(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, err)
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
	if _, err := tmp.Write(data); err != nil {
		return fail("write", err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail("set mode of", err)
	}
	if err := tmp.Sync(); err != nil {
		return fail("sync", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("close temporary file for %s: %w", path, err)
	}
	if err := keepBackup(path); err != nil {
		os.Remove(tmpName)
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return syncDir(dir)
}

// keepBackup hard-links (or, where links fail, copies) the current file to
// its backup name, so the rename that follows never leaves path missing.
func keepBackup(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
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
	if err := os.Rename(tmpBak, bak); err != nil {
		return fmt.Errorf("keep backup of %s: %w", path, err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // some systems cannot open folders; the rename already happened
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
