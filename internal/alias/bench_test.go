package alias

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// ExtractParallel folds and extracts every document across the cores, in
// document order.
func extractParallel(docs []*document.Document, x *entity.Extractor) []entity.Mention {
	per := make([][]entity.Mention, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i] = x.Extract(docs[i], textnorm.Fold(docs[i].Text))
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	n := 0
	for _, p := range per {
		n += len(p)
	}
	all := make([]entity.Mention, 0, n)
	for _, p := range per {
		all = append(all, p...)
	}
	return all
}

// peakHeap samples the heap in use until stop is closed.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

func benchExtractGroup(b *testing.B, n int) {
	docs := benchDocs(b, n)
	if len(docs) < n {
		b.Skipf("corpus holds %d documents", len(docs))
	}
	gaz := defaultGazetteer(b)
	x := entity.NewExtractor(gaz)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	runtime.GC()
	b.ResetTimer()
	var extractT, groupT, extractCPU, groupCPU time.Duration
	var peak, extractPeak, groupPeak, live uint64
	var ents, ments int
	for i := 0; i < b.N; i++ {
		stop := make(chan struct{})
		pk := peakHeap(stop)
		t0, c0 := time.Now(), cputime.Process()
		ms := extractParallel(docs, x)
		t1, c1 := time.Now(), cputime.Process()
		close(stop)
		extractPeak = max(extractPeak, <-pk)
		stop = make(chan struct{})
		pk = peakHeap(stop)
		t1g, c1g := time.Now(), cputime.Process()
		// as the engine does: one slice of mentions, grouped in place
		res := GroupInPlace(ms, gaz, nil)
		t2, c2 := time.Now(), cputime.Process()
		extractCPU += c1 - c0
		groupCPU += c2 - c1g
		close(stop)
		groupPeak = max(groupPeak, <-pk)
		peak = max(peak, extractPeak, groupPeak)
		b.StopTimer()
		var st runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&st)
		live = max(live, st.HeapAlloc)
		runtime.KeepAlive(res)
		b.StartTimer()
		extractT += t1.Sub(t0)
		groupT += t2.Sub(t1g)
		ents, ments = len(res.Entities), len(ms)
	}
	b.StopTimer()
	per := float64(b.N)
	b.ReportMetric(float64(n)/(extractT+groupT).Seconds()*per, "docs/s")
	b.ReportMetric(float64(n)/extractT.Seconds()*per, "extract-docs/s")
	b.ReportMetric(groupT.Seconds()/per*1000, "group-ms")
	b.ReportMetric(float64(n)/extractCPU.Seconds()*per, "extract-docs/cpu-s")
	b.ReportMetric(groupCPU.Seconds()/per*1000, "group-cpu-ms")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(extractPeak)/(1<<20), "extract-peak-MiB")
	b.ReportMetric(float64(groupPeak)/(1<<20), "group-peak-MiB")
	b.ReportMetric(float64(live)/(1<<20), "live-after-MiB")
	b.ReportMetric(float64(ments), "mentions")
	b.ReportMetric(float64(ents), "entities")
	b.SetBytes(bytes)
}

func BenchmarkExtractGroup1k(b *testing.B)  { benchExtractGroup(b, 1000) }
func BenchmarkExtractGroup10k(b *testing.B) { benchExtractGroup(b, 10000) }
