//go:build linux

package pdftext

import "syscall"

// limitMemory caps the worker's address space. The Go runtime needs some
// address space beyond the heap, hence the margin.
func limitMemory(limit int64) {
	const margin = 1 << 30
	l := uint64(limit) + margin
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: l, Max: l})
}
