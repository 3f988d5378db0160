package pdftext

import (
	"errors"
	"os/exec"
	"testing"
)

// TestCrashErrorKinds: how a dead worker's report is read, including a
// crash inside the allocator that printed no reason first (seen under load).
func TestCrashErrorKinds(t *testing.T) {
	runErr := &exec.ExitError{}
	tests := []struct {
		name, stderr string
		limit        int64
		want         error
	}{
		{"runtime says so", "fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n", 256 << 20, ErrTooLarge},
		{"watchdog", "pdftext worker: out of memory (limit 256 MiB)\n", 256 << 20, ErrTooLarge},
		{"trace in the allocator", "goroutine 1 gp=0xc0 m=0 mp=0xbf [running]:\nruntime.mallocgc(0x4000000, 0x0, 0x0)\n", 256 << 20, ErrTooLarge},
		{"allocator without a limit", "goroutine 1 [running]:\nruntime.mallocgc(0x10)\n", 0, ErrCrashed},
		{"stack", "runtime: goroutine stack exceeds 67108864-byte limit\nfatal error: stack overflow\n", 256 << 20, ErrCrashed},
		{"panic", "panic: index out of range\n\ngoroutine 1 [running]:\nmain.f()\n", 256 << 20, ErrCrashed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := crashError(runErr, tc.stderr, tc.limit); !errors.Is(err, tc.want) {
				t.Errorf("crashError = %v, want %v", err, tc.want)
			}
		})
	}
}
