package periodic

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCallsUntilStopped(t *testing.T) {
	var n atomic.Int64
	stop := Run(time.Millisecond, func() { n.Add(1) })
	deadline := time.Now().Add(10 * time.Second)
	for n.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatal("f was not called three times")
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	after := n.Load()
	time.Sleep(20 * time.Millisecond)
	if got := n.Load(); got != after {
		t.Errorf("f was called %d times after stop returned", got-after)
	}
}
