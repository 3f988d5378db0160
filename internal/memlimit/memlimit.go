// Package memlimit keeps a batch run's memory near a budget. Go's collector
// by default lets the heap grow to twice what was live after the last
// collection, so an analysis whose live heap peaks at 600 MB takes 1.2 GB
// or more of the machine. While the live heap leaves room under the budget,
// the budget is the process's memory limit; once it does not (a larger
// project), the limit is lifted and the collector's pace tightened
// instead (a quarter of the live heap above it): a memory limit the live
// heap has reached makes the collector run almost without pause, since the
// limit also counts the runtime's own memory, which a heap-only pace does
// not. The budget is the process's: the resident memory Go does not
// account for (SQLite's, through modernc.org/sqlite; the program's code)
// is taken from it before Go is given the rest.
package memlimit

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/periodic"
	"github.com/parallaxworkbench/parallax/internal/resident"
)

// DefaultBudget is the memory a batch command aims to stay under while its
// live heap is smaller than about four fifths of it.
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

// Setting is what the collector is told: a memory limit (math.MaxInt64:
// none) and a pace (GOGC's percentage).
type Setting struct {
	Limit   int64
	Percent int
}

// For returns the setting for a live heap of live bytes under budget, of
// which outside bytes are resident memory that is not Go's. While the live
// heap plus its headroom fits in the budget: the default pace, with what
// outside leaves of the budget as the limit, never less than the live heap
// plus its headroom (a limit the live heap nears makes the collector run
// without pause). Past that: no limit, at the headroom's pace. The switch
// is decided on the whole budget: on what outside leaves, a few tens of
// megabytes of SQLite's would turn a project that fits into a paced one,
// whose heap is not held to any limit.
func For(live, budget uint64, outside int64) Setting {
	need := live + uint64(float64(live)*headroom)
	if budget > 0 && need <= budget {
		return Setting{Limit: int64(min(max(Left(budget, outside), need), math.MaxInt64)), Percent: 100}
	}
	return Setting{Limit: math.MaxInt64, Percent: int(headroom * 100)}
}

// Left is what of the process's budget is left to Go when outside bytes
// of its resident memory are not Go's (resident.Outside): none when they
// take it all.
func Left(budget uint64, outside int64) uint64 {
	if outside <= 0 {
		return budget
	}
	return budget - min(budget, uint64(outside))
}

// Start applies For(live heap, budget, memory outside Go) and keeps it
// applied as both change, checking every interval, until the returned
// stop is called, which restores the limit and pace that were set before. It does nothing
// (stop too) when the user set GOMEMLIMIT or GOGC: the user's choice wins.
func Start(budget uint64, every time.Duration) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" || budget == 0 {
		return func() {}
	}
	beforeLimit := debug.SetMemoryLimit(-1) // a negative limit reads without changing
	beforePercent := debug.SetGCPercent(100)
	debug.SetGCPercent(beforePercent)
	sample := []metrics.Sample{{Name: liveHeap}}
	var current Setting
	apply := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		out, _ := resident.Outside() // 0 where it cannot be read
		s := For(sample[0].Value.Uint64(), budget, out)
		if s != current {
			debug.SetGCPercent(s.Percent)
			debug.SetMemoryLimit(s.Limit)
			current = s
		}
	}
	apply()
	stopApplying := periodic.Run(every, apply)
	var once sync.Once
	return func() {
		once.Do(func() {
			stopApplying()
			debug.SetMemoryLimit(beforeLimit)
			debug.SetGCPercent(beforePercent)
		})
	}
}
