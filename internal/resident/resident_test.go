package resident

import (
	"runtime"
	"testing"
)

// A Go buffer touched whole is in the resident size, and not outside Go.
func TestBytesAndOutside(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's shadow of a Go buffer is outside Go")
	}
	before, ok := Bytes()
	if !ok {
		t.Skip("the resident size cannot be read here (/proc/self/statm)")
	}
	outBefore, _ := Outside()
	const size = 64 << 20
	buf := make([]byte, size)
	for i := range buf {
		buf[i] = 1
	}
	after, _ := Bytes()
	outAfter, _ := Outside()
	runtime.KeepAlive(buf)
	if after-before < size*3/4 {
		t.Errorf("resident size grew by %d MB with a %d MB buffer touched", (after-before)>>20, size>>20)
	}
	if outAfter-outBefore > size/4 {
		t.Errorf("a Go buffer of %d MB counted %d MB outside Go", size>>20, (outAfter-outBefore)>>20)
	}
}
