package reuse

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/heappeak"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// benchCorpus returns n documents of news-bench-10k (a fixed shuffle) with
// planted disguised copies appended, and where the copies are. The copies
// are embedded in made-up words, so they add no passages of their own.
func benchCorpus(b *testing.B, n, planted int) ([]*document.Document, []plant) {
	b.Helper()
	all := loadTexts(b, testcorpus.Corpus(b, "news-bench-10k"), 0)
	rng := rand.New(rand.NewPCG(10, 2026))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	docs := all[:min(n, len(all))]
	var filler []*document.Document
	for i := range 50 {
		filler = append(filler, doc("filler"+strconv.Itoa(i), babble(rng, 150)))
	}
	sources := make([]int, len(docs))
	for i := range sources {
		sources[i] = i
	}
	return plantCopies(rng, docs, sources, filler, planted)
}

// vmHWM is the process's peak resident set in bytes (Linux), or 0.
func vmHWM() uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func benchFind(b *testing.B, n, planted int, prefold bool) {
	docs, plants := benchCorpus(b, n, planted)
	runtime.GC()
	var foldTime, foldCPU time.Duration
	var ps []Passage
	var peak, base uint64
	var cpu time.Duration
	stageTime := map[string]time.Duration{}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		runtime.GC()
		var folded []textnorm.Folded
		if prefold {
			t0, c0 := time.Now(), cputime.Process()
			folded = make([]textnorm.Folded, len(docs))
			for i, d := range docs {
				folded[i] = textnorm.Fold(d.Text)
			}
			foldTime += time.Since(t0)
			foldCPU += cputime.Process() - c0
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base = ms.HeapAlloc
		stop := heappeak.Start(2 * time.Millisecond)
		c0 := cputime.Process()
		b.StartTimer()
		var err error
		last, stage := time.Now(), ""
		ps, err = Find(context.Background(), docs, folded, Options{Progress: func(p Progress) {
			if p.Stage != stage {
				if stage != "" {
					stageTime[stage] += time.Since(last)
				}
				stage, last = p.Stage, time.Now()
			}
		}})
		stageTime[stage] += time.Since(last)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cputime.Process() - c0
		peak = max(peak, stop())
		folded = nil
		_ = folded
		b.StartTimer()
	}
	b.StopTimer()
	found, exact := 0, 0
	for _, r := range checkPlants(docs, ps, plants) {
		if r.found {
			found++
			if r.dstDelta <= boundarySlack {
				exact++
			}
		}
	}
	b.ReportMetric(float64(len(docs)), "docs")
	for _, st := range []string{"words", "index", "align", "cluster"} {
		b.ReportMetric(float64(stageTime[st].Milliseconds())/float64(b.N), st+"-ms/op")
	}
	// cpu-s/op is the CPU time Find used: on a busy machine it says more
	// than the wall time; divided by 2 it estimates the wall time on two
	// idle cores.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(ps)), "passages")
	b.ReportMetric(float64(found)/float64(len(plants)), "recall")
	b.ReportMetric(float64(exact)/float64(len(plants)), "exact-spans")
	if prefold {
		b.ReportMetric(float64(foldTime.Milliseconds())/float64(b.N), "fold-ms/op")
		b.ReportMetric(foldCPU.Seconds()/float64(b.N), "fold-cpu-s/op")
	}
	// peak-heap-MB is the largest heap (live and not yet collected objects)
	// seen while Find ran, documents and folded texts included;
	// find-heap-MB is what Find added to the heap it was given.
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "find-heap-MB")
	b.ReportMetric(float64(vmHWM())/(1<<20), "peak-RSS-MB")
	if found < len(plants) {
		b.Errorf("found %d of %d planted copies", found, len(plants))
	}
}

// BenchmarkFind1k and BenchmarkFind10k run Find on documents folded
// beforehand (the fold is timed apart, as fold-ms/op); the SelfFold variant
// lets Find fold each document and drop the folded form (lower memory, fold
// time included).
func BenchmarkFind1k(b *testing.B)          { benchFind(b, 1000, 20, true) }
func BenchmarkFind10k(b *testing.B)         { benchFind(b, 10000, 100, true) }
func BenchmarkFind10kSelfFold(b *testing.B) { benchFind(b, 10000, 100, false) }

// allPairs is the plain comparison: every pair of documents, by the size of
// the intersection of their sets of word 5-gram hashes, on all cores. It
// returns the number of pairs that share at least one n-gram.
func allPairs(sets [][]uint64) int {
	workers := runtime.GOMAXPROCS(0)
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(sets); i += workers {
				for j := i + 1; j < len(sets); j++ {
					a, b := sets[i], sets[j]
					n := 0
					for x, y := 0, 0; x < len(a) && y < len(b); {
						switch {
						case a[x] < b[y]:
							x++
						case a[x] > b[y]:
							y++
						default:
							n++
							x++
							y++
						}
					}
					if n > 0 {
						counts[w]++
					}
				}
			}
		}()
	}
	wg.Wait()
	pairs := 0
	for _, c := range counts {
		pairs += c
	}
	return pairs
}

// BenchmarkVsAllPairs500 times Find and the plain all-pairs comparison on
// the same 500 documents (with 10 planted copies) in one run. Both start
// from folded text; the all-pairs side is given its n-gram sets for free.
func BenchmarkVsAllPairs500(b *testing.B) {
	docs, _ := benchCorpus(b, 490, 10)
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	o := Options{}.withDefaults()
	sets := make([][]uint64, len(docs))
	for i, d := range docs {
		h := tokenize(context.Background(), d, folded[i], nil).hash
		var grams []uint64
		for k := 0; k+o.NGram <= len(h); k++ {
			var g uint64
			for _, w := range h[k : k+o.NGram] {
				g = g*0x100000001b3 + uint64(w) + 1
			}
			grams = append(grams, g)
		}
		slices.Sort(grams)
		sets[i] = slices.Compact(grams)
	}
	var findTime, pairTime, findCPU, pairCPU time.Duration
	pairs := 0
	b.ResetTimer()
	for range b.N {
		t0, c0 := time.Now(), cputime.Process()
		if _, err := Find(context.Background(), docs, folded, Options{}); err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cputime.Process()
		pairs = allPairs(sets)
		findTime += t1.Sub(t0)
		pairTime += time.Since(t1)
		findCPU += c1 - c0
		pairCPU += cputime.Process() - c1
	}
	b.ReportMetric(float64(findTime.Microseconds())/1000/float64(b.N), "find-ms/op")
	b.ReportMetric(float64(pairTime.Microseconds())/1000/float64(b.N), "allpairs-ms/op")
	b.ReportMetric(float64(pairTime)/float64(findTime), "allpairs/find")
	b.ReportMetric(float64(pairCPU)/float64(findCPU), "allpairs/find-cpu")
	b.ReportMetric(float64(pairs), "pairs-sharing")
	// The all-pairs work grows with the square of the documents: at 10,000
	// it would take about (10000·9999)/(500·499) times as long.
	b.ReportMetric(float64(pairTime.Milliseconds())/float64(b.N)*(10000.0*9999)/(500*499)/1000, "allpairs-10k-s(est)")
}
