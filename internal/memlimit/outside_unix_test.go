//go:build unix

package memlimit

import (
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/resident"
)

// Memory the process holds outside Go is taken from the budget before Go
// is given its limit.
func TestStartLeavesRoomForMemoryOutsideGo(t *testing.T) {
	if _, ok := resident.Outside(); !ok {
		t.Skip("the resident size cannot be read here (/proc/self/statm)")
	}
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	const size = 128 << 20
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("no anonymous mapping here: %v", err)
	}
	defer syscall.Munmap(mem)
	for i := 0; i < size; i += os.Getpagesize() {
		mem[i] = 1
	}
	const budget = 3 << 30
	stop := Start(budget, 10*time.Millisecond)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	got := debug.SetMemoryLimit(-1)
	stop()
	if got > budget-size*3/4 {
		t.Errorf("limit %d MB with %d MB held outside Go, want at most %d MB", got>>20, size>>20, (budget-size*3/4)>>20)
	}
}
