package sqlitestore

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/heappeak"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/storetest"
)

// keepShaped is what a cold analysis of news-bench-10k keeps, in sizes:
// 10,000 extraction blobs of 2.6 KB, the entities (24 MB), the framing
// (44 MB), 60,000 names. Its contents are patterns, not an analysis.
func keepShaped() (blobs map[string][]byte, ents []byte, rec store.AnalysisRecord) {
	blobs = make(map[string][]byte, 10000)
	for i := range 10000 {
		blobs[fmt.Sprintf("doc%05d", i)] = bytes.Repeat([]byte{byte(i)}, 2600)
	}
	pattern := func(n int, seed byte) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i/997) ^ byte(i) ^ seed
		}
		return b
	}
	rec = store.AnalysisRecord{Fingerprint: "shaped", Names: storetest.Names(60000, 7),
		Parts: map[string][]byte{"framing": pattern(44<<20, 1)}}
	return blobs, pattern(24<<20, 2), rec
}

// keepAndRead writes what a cold analysis keeps into a fresh store in dir
// and reads the large values back, as a warm run does.
func keepAndRead(tb testing.TB, dir string, blobs map[string][]byte, ents []byte, rec store.AnalysisRecord) {
	ctx := context.Background()
	s, err := OpenFile(ctx, filepath.Join(dir, "mem.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	if err := s.PutBlobs(ctx, "mentions", blobs); err != nil {
		tb.Fatal(err)
	}
	if err := s.PutBlobs(ctx, "entities", map[string][]byte{"e": ents}); err != nil {
		tb.Fatal(err)
	}
	if err := s.PutAnalysis(ctx, rec); err != nil {
		tb.Fatal(err)
	}
	parts, ok, err := s.Analysis(ctx, rec.Fingerprint, nil)
	if err != nil || !ok || len(parts["framing"]) != len(rec.Parts["framing"]) {
		tb.Fatalf("read back: %d bytes %v %v", len(parts["framing"]), ok, err)
	}
	if got, err := s.GetBlobs(ctx, "entities", []string{"e"}); err != nil || len(got["e"]) != len(ents) {
		tb.Fatalf("read back: %d bytes %v", len(got["e"]), err)
	}
}

// SQLite's own memory is outside Go's heap and its memory limit: keeping
// and reading back an analysis the size of a 10k project's must cost it
// its bounded caches and a chunk or two, not the size of the largest
// value (a 44 MB part held whole cost it about 100 MB, with a 64 MiB
// writer cache on top). A memory bound, measured on this process; no
// time is asserted.
func TestKeepingStaysOutOfSQLiteMemory(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's own memory is outside Go's too")
	}
	if testing.Short() {
		t.Skip("writes 70 MB")
	}
	blobs, ents, rec := keepShaped()
	runtime.GC()
	stop := heappeak.StartOutside(time.Millisecond)
	keepAndRead(t, t.TempDir(), blobs, ents, rec)
	grown, ok := stop()
	if !ok {
		t.Skip("the resident size cannot be read here (/proc/self/statm)")
	}
	const bound = 40 << 20
	t.Logf("SQLite's memory grew by %.1f MB at most", float64(grown)/(1<<20))
	if grown > bound {
		t.Errorf("memory outside Go grew by %d MB keeping a 44 MB part, want under %d MB", grown>>20, bound>>20)
	}
}

// BenchmarkKeepShaped keeps and reads back what a cold news-bench-10k
// analysis keeps (keepShaped); outside-peak-MB is the largest growth of
// the memory outside Go's heap (SQLite's), heap-peak-MB the largest live
// Go heap, both during the write and the read.
func BenchmarkKeepShaped(b *testing.B) {
	blobs, ents, rec := keepShaped()
	var outside, heap uint64
	for b.Loop() {
		runtime.GC()
		stopOutside := heappeak.StartOutside(time.Millisecond)
		stopHeap := heappeak.Start(time.Millisecond)
		keepAndRead(b, b.TempDir(), blobs, ents, rec)
		o, _ := stopOutside()
		outside, heap = max(outside, o), max(heap, stopHeap())
	}
	b.ReportMetric(float64(outside)/(1<<20), "outside-peak-MB")
	b.ReportMetric(float64(heap)/(1<<20), "heap-peak-MB")
}
