package pdftext

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestPoolServesManyFiles: two workers read twenty files, concurrently;
// no more processes start than there are workers.
func TestPoolServesManyFiles(t *testing.T) {
	pool := NewPool(2)
	defer pool.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := fmt.Sprintf("Pooled file number %d", i)
			res, err := Extract(context.Background(), makePDF(t, false, []string{want}), Options{Isolate: true, Pool: pool, Timeout: 20 * time.Second})
			if err != nil || !strings.Contains(res.Text, want) {
				errs <- fmt.Errorf("file %d: err %v, text %q", i, err, res.Text)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := pool.Started(); n < 1 || n > 2 {
		t.Errorf("%d workers started for 20 files, want 1-2", n)
	}
	// Errors of the file travel back as errors, and the worker lives on.
	if _, err := Extract(context.Background(), []byte("not a pdf"), Options{Isolate: true, Pool: pool}); !errors.Is(err, ErrMalformed) {
		t.Errorf("err %v, want ErrMalformed", err)
	}
	if n := pool.Started(); n > 2 {
		t.Errorf("a file error cost a worker: %d started", n)
	}
}

// TestPoolReplacesBadWorkers: a worker that crashes, hangs, runs out of
// memory or answers garbage gives its file the error and is replaced: the
// next file is read by a new worker.
func TestPoolReplacesBadWorkers(t *testing.T) {
	data := makePDF(t, false, []string{"Healthy again"})
	for _, tc := range workerFailures {
		if tc.mode == "stack" {
			continue // a deep recursion takes seconds; TestIsolationFailures has it
		}
		t.Run(tc.mode, func(t *testing.T) {
			pool := NewPool(1)
			defer pool.Close()
			tc.opts.Isolate, tc.opts.Pool = true, pool
			t.Setenv(testWorkerModeEnv, tc.mode) // workers started now misbehave
			_, err := Extract(context.Background(), data, tc.opts)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err %v, want %v with %q", err, tc.want, tc.msg)
			}
			t.Setenv(testWorkerModeEnv, "")
			opts := Options{Isolate: true, Pool: pool, Timeout: 20 * time.Second}
			res, err := Extract(context.Background(), data, opts)
			if err != nil || !strings.Contains(res.Text, "Healthy again") {
				t.Errorf("after a %s: err %v, text %q", tc.mode, err, res.Text)
			}
			if n := pool.Started(); n != 2 {
				t.Errorf("%d workers started, want 2 (the bad one replaced)", n)
			}
		})
	}
}

// TestPoolCancel: cancelling the context kills the busy worker at once.
func TestPoolCancel(t *testing.T) {
	pool := NewPool(1)
	defer pool.Close()
	t.Setenv(testWorkerModeEnv, "hang")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := Extract(ctx, makePDF(t, false, []string{"x"}), Options{Isolate: true, Pool: pool, Timeout: time.Minute})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancel took %v", d)
	}
}
