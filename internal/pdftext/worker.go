package pdftext

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Environment variables of the worker protocol.
const (
	workerEnv     = "PARALLAX_PDFTEXT_WORKER"
	workerOptsEnv = "PARALLAX_PDFTEXT_WORKER_OPTS"
)

// workerReady records that this program calls RunWorkerIfRequested, so a
// child started from os.Executable() will act as a worker rather than run
// the program itself. It is set once at start-up and only read afterwards.
var workerReady atomic.Bool

// RunWorkerIfRequested must be called first thing in main() (and in
// TestMain) of a program that uses Options.Isolate. In a process started as
// an extraction worker it reads a PDF from stdin, extracts it, writes the
// answer to stdout and exits; otherwise it returns at once and enables
// isolation for this process.
func RunWorkerIfRequested() {
	switch os.Getenv(workerEnv) {
	case "1":
		os.Exit(runWorker(os.Stdin, os.Stdout, os.Getenv(workerOptsEnv)))
	case workerServe:
		os.Exit(serveWorker(os.Stdin, os.Stdout, os.Getenv(workerOptsEnv)))
	}
	workerReady.Store(true)
}

func workerAvailable() bool {
	if !workerReady.Load() {
		return false
	}
	_, err := os.Executable()
	return err == nil
}

// workerReply is what a worker writes to stdout.
type workerReply struct {
	Res  Result
	Kind string // "", or the name of the error kind
	Msg  string
}

var errorKinds = map[string]error{
	"encrypted": ErrEncrypted, "timeout": ErrTimeout, "toolarge": ErrTooLarge,
	"malformed": ErrMalformed, "notext": ErrNoText, "crashed": ErrCrashed,
}

func kindName(err error) string {
	for name, k := range errorKinds {
		if errors.Is(err, k) {
			return name
		}
	}
	return "malformed"
}

func encodeOpts(o Options) string {
	return fmt.Sprintf("%d,%d,%d", int64(o.Timeout), o.MaxBytes, o.MemoryLimit)
}

func decodeOpts(s string) Options {
	var o Options
	parts := strings.Split(s, ",")
	if len(parts) == 3 {
		t, _ := strconv.ParseInt(parts[0], 10, 64)
		o.Timeout = time.Duration(t)
		o.MaxBytes, _ = strconv.ParseInt(parts[1], 10, 64)
		o.MemoryLimit, _ = strconv.ParseInt(parts[2], 10, 64)
	}
	return o.withDefaults()
}

// runWorker is the worker's main: it returns the process exit code.
func runWorker(in io.Reader, out io.Writer, optStr string) int {
	opts := decodeOpts(optStr)
	opts.Isolate = false
	opts.inWorker = true
	applyWorkerLimits(opts)
	data, err := io.ReadAll(io.LimitReader(in, opts.MaxBytes+1))
	var rep workerReply
	switch {
	case err != nil:
		rep = workerReply{Kind: "malformed", Msg: "reading input: " + err.Error()}
	default:
		res, err := Extract(context.Background(), data, opts)
		rep.Res = res
		if err != nil {
			rep.Kind, rep.Msg = kindName(err), err.Error()
		}
	}
	if err := gob.NewEncoder(out).Encode(&rep); err != nil {
		fmt.Fprintln(os.Stderr, "pdftext worker:", err)
		return 1
	}
	return 0
}

// applyWorkerLimits bounds the worker process: address space (Linux), a
// soft heap goal, a hard cap enforced by a watchdog, and a small stack
// limit so that runaway recursion dies quickly.
func applyWorkerLimits(opts Options) {
	limitMemory(opts.MemoryLimit)
	debug.SetMemoryLimit(opts.MemoryLimit / 2)
	debug.SetMaxStack(64 << 20)
	go memoryWatchdog(opts.MemoryLimit)
}

// memoryWatchdog is the worker's hard memory cap where the OS offers no
// address-space limit: it exits the process when the Go runtime holds more
// than limit bytes.
func memoryWatchdog(limit int64) {
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	for {
		time.Sleep(50 * time.Millisecond)
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && int64(sample[0].Value.Uint64()) > limit {
			fmt.Fprintf(os.Stderr, "pdftext worker: out of memory (limit %d MiB)\n", limit>>20)
			os.Exit(3)
		}
	}
}

// extractIsolated runs the extraction in a child process: this executable
// started with the worker variable set. The child is killed on timeout or
// when ctx is cancelled; a crash becomes an error.
func extractIsolated(ctx context.Context, data []byte, opts Options) (Result, error) {
	exe, err := os.Executable()
	if err != nil {
		return extractWatched(ctx, data, opts)
	}
	tctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, exe)
	cmd.Env = append(os.Environ(), workerEnv+"=1", workerOptsEnv+"="+encodeOpts(opts))
	cmd.Stdin = bytes.NewReader(data)
	var stdout bytes.Buffer
	stderr := &tailBuffer{max: 8 << 10}
	cmd.Stdout = &stdout
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return Result{}, fmt.Errorf("PDF extraction cancelled: %w", ctx.Err())
	}
	if tctx.Err() != nil {
		return Result{}, errorf(ErrTimeout, "PDF extraction timed out after %v (worker killed)", opts.Timeout)
	}
	if runErr != nil {
		return Result{}, crashError(runErr, stderr.String(), opts.MemoryLimit)
	}
	var rep workerReply
	if err := gob.NewDecoder(&stdout).Decode(&rep); err != nil {
		return Result{}, errorf(ErrCrashed, "PDF reader crashed: unreadable worker answer: %v", err)
	}
	if rep.Kind != "" {
		kind := errorKinds[rep.Kind]
		if kind == nil {
			kind = ErrMalformed
		}
		return rep.Res, &extractError{kind: kind, msg: rep.Msg}
	}
	return rep.Res, nil
}

// crashError describes how a worker died.
func crashError(runErr error, stderr string, limit int64) error {
	low := strings.ToLower(stderr)
	switch {
	case strings.Contains(low, "out of memory") || strings.Contains(low, "cannot allocate memory"):
		return errorf(ErrTooLarge, "PDF too large: the reader ran out of memory (limit %d MiB)", limit>>20)
	case limit > 0 && diedAllocating(low):
		// under an address-space limit the runtime can die inside an
		// allocation before it prints its reason: the trace still shows it
		return errorf(ErrTooLarge, "PDF too large: the reader ran out of memory (limit %d MiB)", limit>>20)
	case strings.Contains(low, "stack overflow") || strings.Contains(low, "stack exceeds"):
		return errorf(ErrCrashed, "PDF reader crashed: stack overflow (deeply nested or looping structure)")
	}
	line := firstLine(stderr)
	if line == "" {
		return errorf(ErrCrashed, "PDF reader crashed: %v", runErr)
	}
	return errorf(ErrCrashed, "PDF reader crashed: %v: %s", runErr, line)
}

// diedAllocating reports whether a lower-cased Go crash report shows the
// running goroutine inside the allocator or the heap's growth.
func diedAllocating(low string) bool {
	for _, frame := range []string{"runtime.mallocgc", "runtime.(*mheap).grow", "runtime.sysmap", "runtime.growslice"} {
		if strings.Contains(low, frame) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if len(l) > 200 {
				l = l[:200]
			}
			return l
		}
	}
	return ""
}

// tailBuffer keeps the first max bytes written to it (a Go crash report starts
// with its reason).
type tailBuffer struct {
	buf bytes.Buffer
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	if room := t.max - t.buf.Len(); room > 0 {
		if len(p) > room {
			t.buf.Write(p[:room])
		} else {
			t.buf.Write(p)
		}
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return t.buf.String() }
