//go:build !linux

package pdftext

// limitMemory is a no-op where no address-space limit is set from Go; the
// worker's memory watchdog is the cap there.
func limitMemory(int64) {}
