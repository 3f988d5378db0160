// Package periodic calls a function at a fixed interval on one goroutine
// until stopped: the sampler behind the heap-peak benchmarks and the CLI's
// memory limit.
package periodic

import (
	"sync"
	"time"
)

// Run calls f every interval on a goroutine of its own. The returned stop
// ends it and returns once f is no longer running; call it once.
func Run(every time.Duration, f func()) (stop func()) {
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
				f()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
