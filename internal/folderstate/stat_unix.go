//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package folderstate

import (
	"io/fs"
	"syscall"
)

func record(info fs.FileInfo) (fileRecord, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileRecord{}, false
	}
	return fileRecord{
		size:  info.Size(),
		mtime: info.ModTime().UnixNano(),
		ctime: changeTime(st),
		inode: uint64(st.Ino),
		dev:   uint64(st.Dev), // its type differs by system
		mode:  uint32(info.Mode()),
	}, true
}
