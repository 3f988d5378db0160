package pdftext

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestIsolatedExtract(t *testing.T) {
	data := makePDF(t, true, []string{"Isolated Ωmega text"})
	res, err := Extract(context.Background(), data, Options{Isolate: true, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Isolated Ωmega text") || res.Meta.Author.Value != "Jane Roe" {
		t.Errorf("result %+v", res)
	}
	_, err = Extract(context.Background(), []byte("not a pdf"), Options{Isolate: true})
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "no %PDF header") {
		t.Errorf("err %v", err)
	}
}

func TestIsolationFailures(t *testing.T) {
	data := makePDF(t, false, []string{"text"})
	for _, tc := range workerFailures {
		t.Run(tc.mode, func(t *testing.T) {
			t.Setenv(testWorkerModeEnv, tc.mode)
			tc.opts.Isolate = true
			start := time.Now()
			_, err := Extract(context.Background(), data, tc.opts)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err %v, want %v with %q", err, tc.want, tc.msg)
			}
			t.Logf("%s: %v after %v", tc.mode, err, time.Since(start).Round(time.Millisecond))
		})
	}
}

func TestIsolationCancel(t *testing.T) {
	t.Setenv(testWorkerModeEnv, "hang")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := Extract(ctx, makePDF(t, false, []string{"x"}), Options{Isolate: true, Timeout: time.Minute})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

func TestInProcessTimeout(t *testing.T) {
	// A content stream so long that it cannot finish in a millisecond: the
	// watchdog must answer ErrTimeout and stop the work.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, makePDF(t, false, []string{"x"}), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ctx: err %v", err)
	}
	stop := newStopFlag()
	stop.set()
	_, err := extractSafe(makePDF(t, false, []string{"x"}), Options{}.withDefaults(), stop)
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("stopped work: err %v, want ErrTimeout", err)
	}
}

// workerFailure is a way a worker misbehaves (misbehave's modes) and the
// error its file must get.
type workerFailure struct {
	mode string
	opts Options
	want error
	msg  string
}

// workerFailures are every way a worker can misbehave, for the tests of
// one isolated extraction and of the pool.
var workerFailures = []workerFailure{
	{"crash", Options{}, ErrCrashed, "simulated crash"},
	{"hang", Options{Timeout: 500 * time.Millisecond}, ErrTimeout, "timed out"},
	{"oom", Options{MemoryLimit: 256 << 20, Timeout: 20 * time.Second}, ErrTooLarge, "out of memory"},
	{"stack", Options{Timeout: 30 * time.Second}, ErrCrashed, "stack overflow"},
	{"garbage", Options{}, ErrCrashed, "unreadable worker answer"},
}
