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
	"github.com/parallaxworkbench/parallax/internal/resident"
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

// StartOutside samples, every interval until the returned stop is
// called, the process's resident memory that the Go runtime does not
// account for: what a C library, or one translated from C to Go such as
// modernc.org/sqlite, allocates for itself. Go's memory limit does not
// see it, so a batch run held to a budget by the limit goes over it by
// this much. stop samples once more and returns the largest growth seen
// over the first sample, in bytes, and false where the resident size
// cannot be read (/proc/self/statm: Linux only).
func StartOutside(every time.Duration) (stop func() (grown uint64, ok bool)) {
	first, ok := resident.Outside()
	if !ok {
		return func() (uint64, bool) { return 0, false }
	}
	var peak atomic.Int64
	peak.Store(first)
	read := func() {
		if v, ok := resident.Outside(); ok && v > peak.Load() {
			peak.Store(v)
		}
	}
	stopSampling := periodic.Run(every, read)
	return func() (uint64, bool) {
		stopSampling()
		read()
		return uint64(peak.Load() - first), true
	}
}
