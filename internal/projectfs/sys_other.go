//go:build !unix

package projectfs

import (
	"io/fs"
	"os"
)

// nonBlock: systems without FIFOs in the Unix sense open files plainly.
const nonBlock = 0

// ownedByMe: ownership is not checked where it is not a Unix uid.
func ownedByMe(fs.FileInfo) error { return nil }

// lockState is how a lock file is held on this system.
type lockState struct{}

func tryLock(f *os.File, _ *lockState) (bool, error) { return tryMarker(f) }

func unlockFile(f *os.File, _ *lockState) { releaseMarker(f) }
