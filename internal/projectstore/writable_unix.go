//go:build unix

package projectstore

import (
	"io/fs"
	"syscall"
)

// writable says why this process cannot write into the folder path, or nil.
func writable(path string) error {
	const wOK = 2
	if err := syscall.Access(path, wOK); err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	return nil
}
