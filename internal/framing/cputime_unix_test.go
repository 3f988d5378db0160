//go:build unix

package framing

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used so far, so
// benchmarks on a busy machine can report work rather than waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
