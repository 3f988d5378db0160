package project

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemBudgetBoundsFilesInFlight(t *testing.T) {
	b := newMemBudget(100)
	var inFlight, peak atomic.Int64
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			took, err := b.acquire(context.Background(), 60)
			if err != nil {
				t.Error(err)
				return
			}
			n := inFlight.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(5 * time.Millisecond)
			inFlight.Add(-1)
			b.release(took)
		}()
	}
	wg.Wait()
	if peak.Load() != 1 {
		t.Errorf("%d files of 60 in flight at once with a budget of 100, want 1", peak.Load())
	}
	if b.free != 100 {
		t.Errorf("free = %d after every release, want 100", b.free)
	}
}

func TestMemBudgetLargeFileRunsAlone(t *testing.T) {
	b := newMemBudget(100)
	took, err := b.acquire(context.Background(), 1000)
	if err != nil || took != 100 {
		t.Fatalf("acquire(1000) = %d, %v; want the whole budget", took, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := b.acquire(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("acquire while the budget is taken = %v, want the context's error", err)
	}
	b.release(took)
	if _, err := b.acquire(context.Background(), 1); err != nil {
		t.Errorf("acquire after release: %v", err)
	}
}
