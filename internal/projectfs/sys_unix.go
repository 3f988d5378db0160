//go:build unix

package projectfs

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// nonBlock keeps an open of a FIFO from waiting for a writer.
const nonBlock = syscall.O_NONBLOCK

// ownedByMe refuses a folder owned by another user.
func ownedByMe(st fs.FileInfo) error {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if me := os.Geteuid(); int(sys.Uid) != me {
		return fmt.Errorf("is owned by user %d, not by you (%d)", sys.Uid, me)
	}
	return nil
}

// lockState remembers whether the lock fell back to a marker file.
type lockState struct{ marker bool }

func tryLock(f *os.File, st *lockState) (bool, error) {
	if st.marker {
		return tryMarker(f)
	}
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch err {
		case nil:
			return true, nil
		case unix.EWOULDBLOCK:
			return false, nil
		case unix.EINTR:
			continue
		case unix.ENOTSUP, unix.EINVAL, unix.ENOLCK:
			// A file system without flock (some network shares).
			st.marker = true
			return tryMarker(f)
		}
		return false, err
	}
}

func unlockFile(f *os.File, st *lockState) {
	if st.marker {
		releaseMarker(f)
		return
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
}
