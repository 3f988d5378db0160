//go:build unix

package heappeak

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// Memory mapped past the Go runtime is seen outside; a Go buffer of the
// same size is not.
func TestStartOutsideSeesForeignMemory(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's own memory is outside Go's too")
	}
	const size = 64 << 20
	stop := StartOutside(time.Millisecond)
	if _, ok := stop(); !ok {
		t.Skip("the resident size cannot be read here (/proc/self/statm)")
	}
	stop = StartOutside(time.Millisecond)
	buf := make([]byte, size)
	for i := range buf {
		buf[i] = byte(i)
	}
	inGo, _ := stop()
	runtime.KeepAlive(buf)
	if inGo > size/4 {
		t.Errorf("a Go buffer of %d MB counted %d MB outside Go", size>>20, inGo>>20)
	}
	stop = StartOutside(time.Millisecond)
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("no anonymous mapping here: %v", err)
	}
	defer syscall.Munmap(mem)
	for i := 0; i < size; i += os.Getpagesize() {
		mem[i] = 1
	}
	foreign, _ := stop()
	if foreign < size*3/4 {
		t.Errorf("%d MB mapped and touched outside Go, %d MB seen", size>>20, foreign>>20)
	}
}
