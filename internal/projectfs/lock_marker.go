package projectfs

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// tryMarker is the lock where flock is not available (other systems, or a
// network file system that refuses it): a marker file beside the lock
// file, created exclusively; a marker older than twice the lock timeout is
// a dead writer's and is removed.
func tryMarker(f *os.File) (bool, error) {
	marker := f.Name() + ".held"
	m, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err == nil {
		m.Close()
		return true, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, err
	}
	if st, serr := os.Lstat(marker); serr == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > 2*LockTimeout {
		_ = os.Remove(marker)
	}
	return false, nil
}

func releaseMarker(f *os.File) { _ = os.Remove(f.Name() + ".held") }
