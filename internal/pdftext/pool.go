package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Pool keeps long-lived worker processes that each extract many files, so
// that isolation costs one process start per worker instead of one per
// file (about 30 ms of CPU each). A worker that crashes, hangs past the
// timeout or runs out of memory is killed and replaced; the file it was
// reading gets the error. Create a Pool with NewPool, pass it in
// Options.Pool with Options.Isolate, and Close it when done. A Pool is safe
// for concurrent use.
type Pool struct {
	slots chan struct{} // one per worker that may run
	mu    sync.Mutex
	idle  []*worker
	// started counts the worker processes started, for tests and
	// benchmarks.
	started int
	closed  bool
}

// Bounds of a worker's life: it is retired after this many files, or
// when its heap stays above a quarter of its memory limit after a file
// (the next file would be blamed for the previous ones' memory).
const maxServedPerWorker = 1000

// NewPool returns a pool of at most n concurrent workers (GOMAXPROCS when
// n <= 0). Workers start when first needed.
func NewPool(n int) *Pool {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return &Pool{slots: make(chan struct{}, n)}
}

// Started returns how many worker processes the pool has started.
func (p *Pool) Started() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.started
}

// Close stops the idle workers; busy ones stop when their file is done.
func (p *Pool) Close() error {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, w := range idle {
		w.stop()
	}
	return nil
}

// worker is one long-lived worker process.
type worker struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	stderr   *syncTail
	memLimit int64
	served   int
}

// syncTail keeps the first bytes written since the last reset (a crash
// report starts with its reason); the process's stderr copier writes to it.
type syncTail struct {
	mu  sync.Mutex
	buf tailBuffer
}

func (s *syncTail) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncTail) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func (s *syncTail) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.buf.Reset()
}

func (w *worker) stop() {
	w.in.Close() // the worker exits at end of input
	done := make(chan struct{})
	go func() { _ = w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		_ = w.cmd.Process.Kill()
		<-done
	}
}

func (w *worker) kill() {
	_ = w.cmd.Process.Kill()
	_ = w.cmd.Wait()
}

// startWorker starts this executable as a serving worker.
func (p *Pool) startWorker(opts Options) (*worker, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"="+workerServe, workerOptsEnv+"="+encodeOpts(opts))
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	tail := &syncTail{buf: tailBuffer{max: 8 << 10}}
	cmd.Stderr = tail
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.started++
	p.mu.Unlock()
	return &worker{cmd: cmd, in: in, out: bufio.NewReader(out), stderr: tail, memLimit: opts.MemoryLimit}, nil
}

// get returns an idle worker with the right memory limit or a new one.
func (p *Pool) get(opts Options) (*worker, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errors.New("PDF worker pool closed")
	}
	for i := len(p.idle) - 1; i >= 0; i-- {
		if w := p.idle[i]; w.memLimit == opts.MemoryLimit {
			p.idle = append(p.idle[:i], p.idle[i+1:]...)
			p.mu.Unlock()
			return w, nil
		}
	}
	var surplus *worker
	if len(p.idle) > 0 && len(p.idle) >= cap(p.slots) {
		surplus, p.idle = p.idle[0], p.idle[1:]
	}
	p.mu.Unlock()
	if surplus != nil {
		surplus.stop()
	}
	return p.startWorker(opts)
}

// put returns a healthy worker to the pool.
func (p *Pool) put(w *worker) {
	p.mu.Lock()
	if !p.closed {
		p.idle = append(p.idle, w)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	w.stop()
}

// extract runs one extraction in a pooled worker.
func (p *Pool) extract(ctx context.Context, data []byte, opts Options) (Result, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return Result{}, fmt.Errorf("PDF extraction cancelled: %w", ctx.Err())
	}
	defer func() { <-p.slots }()
	for attempt := 0; ; attempt++ {
		w, err := p.get(opts)
		if err != nil {
			// No worker to be had: read in-process, as Extract does when
			// isolation is unavailable.
			res, err2 := extractWatched(ctx, data, opts)
			res.Warnings = append(res.Warnings, "isolation unavailable ("+err.Error()+"): extracted in-process")
			return res, err2
		}
		res, stale, err := p.run(ctx, w, data, opts)
		if stale && attempt == 0 {
			continue // an idle worker had died: try a fresh one
		}
		return res, err
	}
}

// run extracts one file in worker w. stale reports that w, having served
// files before, was found dead at once: the file is not to blame.
func (p *Pool) run(ctx context.Context, w *worker, data []byte, opts Options) (Result, bool, error) {
	w.stderr.reset()
	type answer struct {
		rep     workerReply
		retire  bool
		readErr error
	}
	done := make(chan answer, 1)
	go func() {
		var a answer
		if err := writeFrame(w.in, []byte(encodeOpts(opts)), data); err != nil {
			a.readErr = err
			done <- a
			return
		}
		a.rep, a.retire, a.readErr = readReply(w.out)
		done <- a
	}()
	timer := time.NewTimer(opts.Timeout)
	defer timer.Stop()
	select {
	case a := <-done:
		if a.readErr != nil {
			// The worker died: wait for it to tell why.
			_ = w.cmd.Process.Kill()
			waitErr := w.cmd.Wait()
			if waitErr == nil {
				waitErr = a.readErr
			}
			if errors.Is(a.readErr, errGarbled) {
				return Result{}, false, errorf(ErrCrashed, "PDF reader crashed: unreadable worker answer: %v", a.readErr)
			}
			stale := w.served > 0 && w.stderr.String() == ""
			return Result{}, stale, crashError(waitErr, w.stderr.String(), opts.MemoryLimit)
		}
		w.served++
		if a.retire || w.served >= maxServedPerWorker {
			go w.stop()
		} else {
			p.put(w)
		}
		if a.rep.Kind != "" {
			kind := errorKinds[a.rep.Kind]
			if kind == nil {
				kind = ErrMalformed
			}
			return a.rep.Res, false, &extractError{kind: kind, msg: a.rep.Msg}
		}
		return a.rep.Res, false, nil
	case <-timer.C:
		w.kill()
		return Result{}, false, errorf(ErrTimeout, "PDF extraction timed out after %v (worker killed)", opts.Timeout)
	case <-ctx.Done():
		w.kill()
		return Result{}, false, fmt.Errorf("PDF extraction cancelled: %w", ctx.Err())
	}
}

// The serving protocol: the parent writes frames (options, PDF bytes),
// the worker answers each with one frame: a retire flag byte and the gob
// of its workerReply. A frame is a 4-byte big-endian length and the bytes.

const workerServe = "serve"

// errGarbled marks a worker answer that is not a frame of ours.
var errGarbled = errors.New("answer is not a reply frame")

func writeFrame(w io.Writer, opts, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(opts)))
	binary.BigEndian.PutUint32(hdr[4:], uint32(len(data)))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	if _, err := w.Write(opts); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}

const maxReply = 1 << 30

func readReply(r *bufio.Reader) (workerReply, bool, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return workerReply{}, false, err
	}
	n := binary.BigEndian.Uint32(hdr[:4])
	if n > maxReply || hdr[4] > 1 {
		return workerReply{}, false, errGarbled
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return workerReply{}, false, err
	}
	var rep workerReply
	if err := gob.NewDecoder(bytes.NewReader(buf)).Decode(&rep); err != nil {
		return workerReply{}, false, fmt.Errorf("%w: %v", errGarbled, err)
	}
	return rep, hdr[4] == 1, nil
}

// serveWorker is the main of a serving worker: it extracts file after file
// until its input ends, and returns the exit code.
func serveWorker(in io.Reader, out io.Writer, optStr string) int {
	base := decodeOpts(optStr)
	applyWorkerLimits(base)
	br := bufio.NewReader(in)
	bw := bufio.NewWriter(out)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	for {
		var hdr [8]byte
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return 0 // end of input: the pool closed us
		}
		no, nd := binary.BigEndian.Uint32(hdr[:4]), binary.BigEndian.Uint32(hdr[4:])
		if no > 1<<10 || int64(nd) > base.MaxBytes+1 {
			fmt.Fprintln(os.Stderr, "pdftext worker: bad request frame")
			return 1
		}
		optBuf := make([]byte, no)
		data := make([]byte, nd)
		if _, err := io.ReadFull(br, optBuf); err != nil {
			return 1
		}
		if _, err := io.ReadFull(br, data); err != nil {
			return 1
		}
		opts := decodeOpts(string(optBuf))
		opts.Isolate, opts.Pool, opts.inWorker = false, nil, true
		var rep workerReply
		res, err := Extract(context.Background(), data, opts)
		rep.Res = res
		if err != nil {
			rep.Kind, rep.Msg = kindName(err), err.Error()
		}
		data = nil
		var body bytes.Buffer
		if err := gob.NewEncoder(&body).Encode(&rep); err != nil {
			fmt.Fprintln(os.Stderr, "pdftext worker:", err)
			return 1
		}
		// Retire when the heap stays large: the next file would be blamed
		// for this one's memory.
		retire := byte(0)
		metrics.Read(sample)
		if v := sample[0].Value; v.Kind() == metrics.KindUint64 && int64(v.Uint64()) > base.MemoryLimit/4 {
			runtime.GC()
			debug.FreeOSMemory()
			metrics.Read(sample)
			if int64(sample[0].Value.Uint64()) > base.MemoryLimit/4 {
				retire = 1
			}
		}
		var rh [5]byte
		binary.BigEndian.PutUint32(rh[:4], uint32(body.Len()))
		rh[4] = retire
		bw.Write(rh[:])
		bw.Write(body.Bytes())
		if err := bw.Flush(); err != nil {
			return 1
		}
		if retire == 1 {
			return 0
		}
	}
}
