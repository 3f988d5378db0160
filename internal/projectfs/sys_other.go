//go:build !unix

package projectfs

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// nonBlock: systems without FIFOs in the Unix sense open files plainly.
const nonBlock = 0

// ownedByMe: ownership is not checked where it is not a Unix uid.
func ownedByMe(fs.FileInfo) error { return nil }

// tryLock falls back to a marker file beside the lock file, created
// exclusively; a marker older than the lock timeout is a dead writer's.
func tryLock(f *os.File) (bool, error) {
	marker := f.Name() + ".held"
	m, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err == nil {
		m.Close()
		return true, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, err
	}
	if st, serr := os.Stat(marker); serr == nil && time.Since(st.ModTime()) > 2*LockTimeout {
		_ = os.Remove(marker)
	}
	return false, nil
}

func unlockFile(f *os.File) { _ = os.Remove(f.Name() + ".held") }
