// Package resident reads how much memory the process holds resident, and
// how much of it the Go runtime does not account for: memory that a C
// library, or one translated from C to Go such as modernc.org/sqlite,
// allocates for itself, and the program's own code. Go's memory limit and
// heap figures do not see that part, yet it counts in what the process
// takes from the machine.
package resident

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
)

// The runtime's count of all the memory it mapped, and of the part it
// returned to the system: the difference bounds what of the resident
// memory is Go's own.
const (
	goTotal    = "/memory/classes/total:bytes"
	goReleased = "/memory/classes/heap/released:bytes"
)

// Bytes is the process's resident set size; ok is false where it cannot
// be read (/proc/self/statm: Linux only).
func Bytes() (n int64, ok bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

// Outside is the resident memory beyond what the Go runtime has mapped
// and not released. Not all of that is resident, so this is a lower
// bound, and may be negative early in a run.
func Outside() (n int64, ok bool) {
	rss, ok := Bytes()
	if !ok {
		return 0, false
	}
	s := []metrics.Sample{{Name: goTotal}, {Name: goReleased}}
	metrics.Read(s)
	return rss - int64(s[0].Value.Uint64()-s[1].Value.Uint64()), true
}
