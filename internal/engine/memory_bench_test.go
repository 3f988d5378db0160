package engine

import (
	"bytes"
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

// BenchmarkAnalyseMemory opens (cold) and analyses news-bench-10k, from a
// hard-linked copy so the loader's cache never lands in the shared corpus,
// and reports the highest heap sampled meanwhile (HeapAlloc every 300 ms,
// garbage included) and the heap the analysis keeps, each also as a ratio
// to the bytes of document text. With PARALLAX_HEAPPROFILE=file it collects
// before each sample, so the peak is of the live heap, and writes the heap
// profile taken at it (read it with go tool pprof -top
// -sample_index=inuse_space file), and file.retained, the heap profile of
// what the opened project and its analysis keep.
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
		for _, d := range p.Docs() {
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
			// and what the analysis keeps, for as long as the project is open
			var buf bytes.Buffer
			if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(profile+".retained", buf.Bytes(), 0o644); err != nil {
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
			if withProfile {
				// The profile reflects the heap at the last collection: collect
				// first, so both the sample and the profile are what is live.
				runtime.GC()
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc <= w.peak {
				continue
			}
			w.peak = ms.HeapAlloc
			if withProfile {
				var buf bytes.Buffer
				if err := pprof.Lookup("heap").WriteTo(&buf, 0); err == nil {
					w.profile = buf.Bytes()
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
