package project

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// linkCorpus mirrors the news-bench corpus into a temporary folder with hard
// links (falling back to copies), so the cache never lands in the shared
// unpacked corpus. It returns the folder and the corpus's bytes.
func linkCorpus(b *testing.B) (string, int64) {
	b.Helper()
	src := testcorpus.Corpus(b, "news-bench-10k")
	dst := b.TempDir()
	var total int64
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if os.Link(p, target) == nil {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	return dst, total
}

// catAll reads every file of dir, like `cat`, as the baseline.
func catAll(b *testing.B, dir string) time.Duration {
	start := time.Now()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, err = os.ReadFile(p)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// BenchmarkOpenNewsBench opens news-bench-10k cold (no cache) and warm
// (cached) and reports documents/s, MB/s, the ratio to reading the same
// files, the warm/cold speed-up and the peak heap.
func BenchmarkOpenNewsBench(b *testing.B) {
	dir, size := linkCorpus(b)
	mb := float64(size) / 1e6
	ctx := context.Background()
	var cold, warm, cat, coldCPU, warmCPU time.Duration
	var docs int
	var peak uint64
	for b.Loop() {
		os.RemoveAll(filepath.Join(dir, StateDir))
		cat += catAll(b, dir)
		runtime.GC()
		stop := sampleHeap(&peak)
		start, cpu0 := time.Now(), cputime.Process()
		p, err := Open(ctx, dir, Options{})
		cold += time.Since(start)
		coldCPU += cputime.Process() - cpu0
		stop()
		if err != nil {
			b.Fatal(err)
		}
		docs = len(p.docs)
		p = nil
		runtime.GC()
		start, cpu0 = time.Now(), cputime.Process()
		p2, err := Open(ctx, dir, Options{})
		warm += time.Since(start)
		warmCPU += cputime.Process() - cpu0
		if err != nil || p2.fromCache != docs {
			b.Fatalf("warm open: %v, %d of %d from cache", err, p2.fromCache, docs)
		}
	}
	n := float64(b.N)
	coldS, warmS, catS := cold.Seconds()/n, warm.Seconds()/n, cat.Seconds()/n
	b.ReportMetric(float64(docs)/coldS, "cold-docs/s")
	b.ReportMetric(mb/coldS, "cold-MB/s")
	b.ReportMetric(float64(docs)/warmS, "warm-docs/s")
	b.ReportMetric(mb/warmS, "warm-MB/s")
	b.ReportMetric(mb/catS, "cat-MB/s")
	b.ReportMetric(catS/coldS, "cold/cat")
	b.ReportMetric(coldS/warmS, "warm-speedup")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	// CPU time, for machines shared with other work: the rate two idle
	// cores would reach if the pool kept both busy.
	b.ReportMetric(mb/(coldCPU.Seconds()/n), "cold-MB/cpu-s")
	b.ReportMetric(mb/(warmCPU.Seconds()/n), "warm-MB/cpu-s")
}

// sampleHeap records the peak of the Go heap (in use plus not yet
// collected) until the returned stop function is called.
func sampleHeap(peak *uint64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if v := ms.HeapAlloc; v > *peak {
				*peak = v
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
