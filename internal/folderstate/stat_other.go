//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package folderstate

import "io/fs"

// record: no change time is known here (Windows, Plan 9, other Unixes'
// Stat_t layouts), so no digest is trusted.
func record(fs.FileInfo) (fileRecord, bool) { return fileRecord{}, false }
