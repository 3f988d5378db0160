package engine

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// BenchmarkAnalyseMemory opens and analyses news-bench-10k (a hard-linked
// copy, so the loader's cache never lands in the shared corpus) and reports
// the peak live heap, also as a ratio to the corpus's text. With
// PARALLAX_HEAPPROFILE=file it writes the heap profile taken at the peak
// (read it with go tool pprof -sample_index=inuse_space).
func BenchmarkAnalyseMemory(b *testing.B) {
	src := testcorpus.Corpus(b, "news-bench-10k")
	dir := filepath.Join(b.TempDir(), "corpus")
	if out, err := exec.Command("cp", "-al", src, dir).CombinedOutput(); err != nil {
		b.Skipf("hard-link copy of the corpus: %v: %s", err, out)
	}
	profile := os.Getenv("PARALLAX_HEAPPROFILE")
	for b.Loop() {
		os.RemoveAll(filepath.Join(dir, ".parallax"))
		runtime.GC()
		w := startPeakWatch(profile != "")
		p, err := Open(context.Background(), dir, Options{})
		if err != nil {
			b.Fatalf("Open: %v", err)
		}
		a, err := Analyse(context.Background(), p, Options{})
		if err != nil {
			b.Fatalf("Analyse: %v", err)
		}
		peak, prof := w.stop()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		var text int64
		for _, d := range p.Docs {
			text += int64(len(d.Text))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "retained-heap-MB")
		b.ReportMetric(float64(peak)/float64(text), "peak-heap/text")
		b.ReportMetric(float64(ms.HeapAlloc)/float64(text), "retained-heap/text")
		if profile != "" && prof != nil {
			if err := os.WriteFile(profile, prof, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		runtime.KeepAlive(a)
	}
}

// peakWatch samples the live heap every few hundred milliseconds and keeps
// the heap profile of the highest sample.
type peakWatch struct {
	done    chan struct{}
	wg      sync.WaitGroup
	peak    uint64
	profile []byte
}

func startPeakWatch(withProfile bool) *peakWatch {
	w := &peakWatch{done: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(300 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc <= w.peak {
				continue
			}
			w.peak = ms.HeapAlloc
			if withProfile {
				// The profile reflects the heap at the last collection; force
				// one so it shows what is live now.
				runtime.GC()
				var buf bytesBuffer
				if err := pprof.Lookup("heap").WriteTo(&buf, 0); err == nil {
					w.profile = buf
				}
			}
		}
	}()
	return w
}

func (w *peakWatch) stop() (uint64, []byte) {
	close(w.done)
	w.wg.Wait()
	return w.peak, w.profile
}

// bytesBuffer is the smallest io.Writer over a byte slice.
type bytesBuffer []byte

func (b *bytesBuffer) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}
