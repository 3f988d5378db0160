package cputime

import (
	"runtime"
	"testing"
	"time"
)

// Busy work shows as CPU time; sleeping does not.
func TestProcess(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("not measured here")
	}
	// Spin until 20 ms of CPU are counted (on a loaded machine that takes
	// longer than 20 ms of wall time, never forever).
	start, before := time.Now(), Process()
	x := 0
	for Process()-before < 20*time.Millisecond {
		if x++; time.Since(start) > 10*time.Second {
			t.Fatalf("10 s of busy work counted %v of CPU", Process()-before)
		}
	}
	before = Process()
	time.Sleep(200 * time.Millisecond)
	if idle := Process() - before; idle > 100*time.Millisecond {
		t.Errorf("a 200 ms sleep counted %v of CPU", idle)
	}
}
