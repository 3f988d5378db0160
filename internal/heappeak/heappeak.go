// Package heappeak samples the live heap while a piece of work runs, for
// benchmarks that report its peak memory next to its time: the peak is
// what decides whether a large input fits, and the heap after the work
// does not show it.
package heappeak

import (
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// liveHeap is the runtime's count of bytes in live and not yet swept heap
// objects: it follows allocations between collections.
const liveHeap = "/memory/classes/heap/objects:bytes"

// Start samples the heap every interval until the returned stop is called;
// stop samples once more and returns the largest value seen, in bytes.
func Start(every time.Duration) (stop func() uint64) {
	sample := []metrics.Sample{{Name: liveHeap}}
	var peak atomic.Uint64
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		return peak.Load()
	}
}
