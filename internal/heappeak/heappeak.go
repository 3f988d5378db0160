// Package heappeak samples the live heap while a piece of work runs, for
// benchmarks that report its peak memory next to its time: the peak is
// what decides whether a large input fits, and the heap after the work
// does not show it.
package heappeak

import (
	"runtime/metrics"
	"sync/atomic"
	"time"

	"github.com/parallaxworkbench/parallax/internal/periodic"
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
	stopSampling := periodic.Run(every, read)
	return func() uint64 {
		stopSampling()
		read()
		return peak.Load()
	}
}
