// Package memlimit keeps a batch run's memory near a budget. Go's collector
// by default lets the heap grow to twice what was live after the last
// collection, so an analysis whose live heap peaks at 600 MB takes 1.2 GB
// or more of the machine. A fixed memory limit would cure that but make the
// collector run without pause once the live heap itself outgrows it (a
// larger project): the limit set here follows the live heap instead, never
// below the budget and always leaving the collector headroom above what is
// live.
package memlimit

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// DefaultBudget is the memory a batch command aims to stay under while its
// live heap is smaller than about two thirds of it.
const DefaultBudget = 900 << 20

// headroom is the share of the live heap the collector may allocate above
// it before it must collect, once the live heap exceeds the budget's
// reach. The default pace is 1.0 (twice the live heap); a quarter costs a
// large project more collections (the collector's work per allocated byte
// grows as the headroom shrinks: about four times the default's) rather
// than twice its live heap in memory.
const headroom = 0.25

// liveHeap is the runtime's measure of the heap the last collection found
// live.
const liveHeap = "/gc/heap/live:bytes"

// Limit returns the memory limit for a live heap of live bytes under
// budget: the budget, or live plus headroom when that is more.
func Limit(live, budget uint64) uint64 {
	return max(budget, live+uint64(float64(live)*headroom))
}

// Start sets the process's memory limit to Limit(live heap, budget) and
// keeps it there as the live heap changes, checking every interval, until
// the returned stop is called, which restores the limit that was set
// before. It does nothing (stop too) when the user set GOMEMLIMIT: the
// user's limit wins.
func Start(budget uint64, every time.Duration) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" || budget == 0 {
		return func() {}
	}
	before := debug.SetMemoryLimit(-1) // -1 reads without changing
	sample := []metrics.Sample{{Name: liveHeap}}
	current := uint64(0)
	apply := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		l := Limit(sample[0].Value.Uint64(), budget)
		if l != current && l <= math.MaxInt64 {
			debug.SetMemoryLimit(int64(l))
			current = l
		}
	}
	apply()
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
				apply()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			debug.SetMemoryLimit(before)
		})
	}
}
