package workpool

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestRunDoesEveryJobOnBoundedWorkers(t *testing.T) {
	for _, tt := range []struct{ jobs, workers, wantStarts int }{
		{100, 3, 3},
		{2, 8, 2}, // no more goroutines than jobs
		{5, 0, 1}, // at least one
		{0, 4, 1}, // nothing to do still returns
	} {
		var starts atomic.Int32
		var mu sync.Mutex
		seen := map[int]int{}
		err := Run(context.Background(), tt.jobs, tt.workers, func() func(int) {
			starts.Add(1)
			return func(job int) {
				mu.Lock()
				seen[job]++
				mu.Unlock()
			}
		})
		if err != nil {
			t.Fatalf("%+v: %v", tt, err)
		}
		if int(starts.Load()) != tt.wantStarts {
			t.Errorf("%+v: %d workers started, want %d", tt, starts.Load(), tt.wantStarts)
		}
		if len(seen) != tt.jobs {
			t.Errorf("%+v: %d distinct jobs done", tt, len(seen))
		}
		for job, n := range seen {
			if n != 1 {
				t.Errorf("%+v: job %d done %d times", tt, job, n)
			}
		}
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var done atomic.Int32
	err := Run(ctx, 1000, 2, func() func(int) {
		return func(job int) {
			if done.Add(1) == 10 {
				cancel()
			}
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if n := done.Load(); n >= 1000 {
		t.Errorf("every job ran (%d) despite the cancel", n)
	}
}
