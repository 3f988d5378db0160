package project

import (
	"context"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/htmltext"
)

// DefaultMemoryBudget is what the files extracted at once may cost when
// Options.MemoryBudget is 0.
const DefaultMemoryBudget = 1 << 30

// Memory an extraction costs per byte of the file, measured on generated
// pages and texts of 16 MB (peak resident size): HTML about 7–12× (the
// decoded and stripped copies, a DOM of at most a few MB, the text),
// plain text about 6× (decoded text, fold, boilerplate lines).
const (
	htmlCostPerByte = 12
	textCostPerByte = 8
	pdfCostPerByte  = 8
)

// fileCost estimates the memory extracting c takes.
func fileCost(c candidate) int64 {
	if c.info == nil {
		return 0
	}
	size := c.info.Size()
	switch c.format {
	case document.FormatHTML:
		return min(size, htmltext.MaxInput) * htmlCostPerByte
	case document.FormatPDF:
		return size * pdfCostPerByte
	}
	return size * textCostPerByte
}

// memBudget lets workers start a file only while the estimated cost of
// the files in flight fits the budget, so that the worker count is bounded
// by memory as well as by cores. A file costing more than the whole budget
// runs alone.
type memBudget struct {
	mu    sync.Mutex
	total int64
	free  int64
	wake  chan struct{} // closed (and replaced) when memory is released
}

func newMemBudget(total int64) *memBudget {
	if total <= 0 {
		total = DefaultMemoryBudget
	}
	return &memBudget{total: total, free: total, wake: make(chan struct{})}
}

// acquire waits until n bytes (at most the whole budget) are free and
// takes them; it returns what it took, or ctx's error.
func (b *memBudget) acquire(ctx context.Context, n int64) (int64, error) {
	n = max(0, min(n, b.total))
	for {
		b.mu.Lock()
		if b.free >= n {
			b.free -= n
			b.mu.Unlock()
			return n, nil
		}
		wake := b.wake
		b.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// release returns n bytes taken by acquire.
func (b *memBudget) release(n int64) {
	b.mu.Lock()
	b.free += n
	close(b.wake)
	b.wake = make(chan struct{})
	b.mu.Unlock()
}
