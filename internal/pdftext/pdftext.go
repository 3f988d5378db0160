// Package pdftext turns a PDF into text, page by page, safely.
//
// It reads the file with github.com/ledongthuc/pdf for the object graph and
// stream decoding, and builds the text itself from the content-stream
// operators with each font's encoding: word spaces implied by TJ kerning
// gaps and text moves are inserted, lines are broken on vertical moves,
// ligatures are folded and words hyphenated at a line end are joined when
// that is safe. Every library call is recovered, the work on one file is
// bounded in time and memory, and Options.Isolate runs the extraction in a
// child process (see RunWorkerIfRequested) so that even a stack overflow or
// an out-of-memory in the library cannot take the caller down.
package pdftext

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// Errors a caller can classify with errors.Is. The errors returned by
// Extract wrap one of them with a message specific to the file.
var (
	ErrEncrypted = errors.New("password required")
	ErrTimeout   = errors.New("PDF extraction timed out")
	ErrTooLarge  = errors.New("PDF too large")
	ErrMalformed = errors.New("malformed PDF")
	ErrNoText    = errors.New("no text in PDF")
	// ErrCrashed reports that an isolated worker died (stack overflow, a
	// fatal runtime error, a signal) without giving an answer.
	ErrCrashed = errors.New("PDF reader crashed")
)

// Defaults used for zero Options fields.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 256 << 20
	// DefaultMemoryLimit bounds an isolated worker's memory.
	DefaultMemoryLimit = 1 << 30
)

// Options bound the work on one file. Zero values mean the defaults.
type Options struct {
	// Timeout bounds the whole extraction of one file (DefaultTimeout).
	Timeout time.Duration
	// MaxBytes is the largest file accepted (DefaultMaxBytes); it also
	// scales the budget for decoded stream data and extracted text.
	MaxBytes int64
	// Isolate runs the extraction in a child process with a memory limit
	// (see RunWorkerIfRequested). When the process cannot serve as a
	// worker, extraction falls back to in-process with a warning.
	Isolate bool
	// MemoryLimit bounds an isolated worker's memory (DefaultMemoryLimit).
	MemoryLimit int64
	// Pool, with Isolate, serves the extraction from long-lived workers
	// (see NewPool); without it each file starts its own worker.
	Pool *Pool

	inWorker bool // set in the isolated worker: files at risk are read
	// password is tried after the empty password on encrypted files
	// (tests only: the app has no way to ask for one yet).
	password string
}

// passwords lists the passwords tried on an encrypted file.
func (o Options) passwords() []string {
	if o.password != "" {
		return []string{"", o.password}
	}
	return []string{""}
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MemoryLimit <= 0 {
		o.MemoryLimit = DefaultMemoryLimit
	}
	return o
}

// Result is the text of a PDF.
type Result struct {
	// Text is the document's text, valid UTF-8, pages separated by a blank
	// line.
	Text string
	// Pages holds the byte offset in Text where each page starts.
	Pages []int
	// Meta has Title, Author and Date from the Info dictionary, with
	// provenance document.FromPDFMeta; fields the file lacks stay empty.
	Meta document.Metadata
	// Warnings are non-fatal problems: pages that failed, fonts without a
	// usable encoding, repaired structure, and pages whose text looks
	// garbled (document.GarbledWarning, see Quality).
	Warnings []string
	// Quality scores how much the text reads like text, page by page.
	Quality Quality
}

// extractError carries a kind (one of the Err* values) and a message
// specific to the file.
type extractError struct {
	kind error
	msg  string
}

func (e *extractError) Error() string { return e.msg }
func (e *extractError) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) error {
	return &extractError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// Extract returns the text of the PDF in data. It never panics. The
// returned error wraps one of ErrEncrypted, ErrTimeout, ErrTooLarge,
// ErrMalformed, ErrNoText, ErrCrashed, or the context's error. With
// ErrNoText the Result still carries the page offsets and metadata.
func Extract(ctx context.Context, data []byte, opts Options) (Result, error) {
	opts = opts.withDefaults()
	if int64(len(data)) > opts.MaxBytes {
		return Result{}, errorf(ErrTooLarge, "PDF too large: %d bytes (limit %d)", len(data), opts.MaxBytes)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if opts.Isolate {
		if workerAvailable() && opts.Pool != nil {
			return opts.Pool.extract(ctx, data, opts)
		}
		if workerAvailable() {
			return extractIsolated(ctx, data, opts)
		}
		res, err := extractWatched(ctx, data, opts)
		res.Warnings = append(res.Warnings, "isolation unavailable (RunWorkerIfRequested not called): extracted in-process")
		return res, err
	}
	res, err := extractWatched(ctx, data, opts)
	var risk *riskError
	if errors.As(err, &risk) {
		// A file that could crash this process: read it in a worker, where
		// a crash is only an error.
		if !opts.inWorker && workerAvailable() {
			return extractIsolated(ctx, data, opts)
		}
		return res, risk.err
	}
	return res, err
}

// extractWatched runs the extraction in a goroutine under a watchdog: when
// the timeout passes or ctx is cancelled it signals the work to stop (every
// read of the file and every operator loop checks the signal) and returns
// at once without waiting for it.
func extractWatched(ctx context.Context, data []byte, opts Options) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	type answer struct {
		res Result
		err error
	}
	stop := newStopFlag()
	done := make(chan answer, 1)
	go func() {
		res, err := extractSafe(data, opts, stop)
		done <- answer{res, err}
	}()
	select {
	case a := <-done:
		return a.res, a.err
	case <-ctx.Done():
		stop.set()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Result{}, errorf(ErrTimeout, "PDF extraction timed out after %v", opts.Timeout)
		}
		return Result{}, fmt.Errorf("PDF extraction cancelled: %w", ctx.Err())
	}
}

// extractSafe runs the extraction and turns any panic into an error.
func extractSafe(data []byte, opts Options, stop *stopFlag) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res = Result{}
			if _, ok := p.(stopped); ok {
				err = errorf(ErrTimeout, "PDF extraction stopped")
				return
			}
			err = errorf(ErrMalformed, "malformed PDF: reader failed: %v", p)
		}
	}()
	return extract(data, opts, stop)
}
