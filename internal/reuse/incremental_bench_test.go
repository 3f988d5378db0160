package reuse

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// BenchmarkUpdateOneDocument changes one document (a sentence appended to a
// random one) and measures Index.Update against FindIndexed on the same
// documents, in the same run: update/full is the ratio of their wall
// times, update-cpu/full-cpu of their CPU times. It runs on 2,000 documents
// of syntheticProject, or on news-bench-10k when PARALLAX_BENCH_10K=1 (it
// then needs ../shared).
func BenchmarkUpdateOneDocument(b *testing.B) {
	var docs []*document.Document
	rng := rand.New(rand.NewPCG(30, 31))
	if os.Getenv("PARALLAX_BENCH_10K") == "1" {
		docs = loadTexts(b, testcorpus.Corpus(b, "news-bench-10k"), 0)
	} else {
		docs, _ = syntheticProject(rng, 2000)
	}
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	ctx := context.Background()
	// What keeping an Index adds to a full search: FindIndexed against Find,
	// once each.
	runtime.GC()
	t0 := time.Now()
	if _, err := Find(ctx, docs, folded, Options{}); err != nil {
		b.Fatal(err)
	}
	plain := time.Since(t0)
	runtime.GC()
	t0 = time.Now()
	_, ix, err := FindIndexed(ctx, docs, folded, Options{})
	if err != nil {
		b.Fatal(err)
	}
	overhead := time.Since(t0).Seconds() / plain.Seconds()
	var full, upd, fullCPU, updCPU time.Duration
	var pairs, reread int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		k := rng.IntN(len(docs))
		edited, ef := slices.Clone(docs), slices.Clone(folded)
		edited[k] = with(docs[k], docs[k].Text+" The ministry did not reply to a request for comment on Tuesday.")
		ef[k] = textnorm.Fold(edited[k].Text)
		// Each timed part starts on a collected heap, so that neither pays
		// for the other's garbage.
		runtime.GC()
		t0, c0 := time.Now(), cputime.Process()
		want, _, err := FindIndexed(ctx, edited, ef, Options{})
		if err != nil {
			b.Fatal(err)
		}
		full += time.Since(t0)
		fullCPU += cputime.Process() - c0
		runtime.GC()
		b.StartTimer()
		t0, c0 = time.Now(), cputime.Process()
		got, next, err := ix.Update(ctx, edited, ef, Options{})
		if err != nil {
			b.Fatal(err)
		}
		upd += time.Since(t0)
		updCPU += cputime.Process() - c0
		b.StopTimer()
		if st := next.Stats(); st.Full {
			b.Fatalf("a full search: %s", st.Fallback)
		} else {
			pairs += st.PairsAligned
			reread += st.Reread
		}
		if len(got) != len(want) {
			b.Fatalf("%d passages, want %d", len(got), len(want))
		}
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(len(docs)), "docs")
	b.ReportMetric(overhead, "findindexed/find")
	b.ReportMetric(float64(full.Milliseconds())/n, "full-ms/op")
	b.ReportMetric(float64(upd.Microseconds())/1000/n, "update-ms/op")
	b.ReportMetric(upd.Seconds()/full.Seconds(), "update/full")
	b.ReportMetric(updCPU.Seconds()/fullCPU.Seconds(), "update-cpu/full-cpu")
	b.ReportMetric(float64(pairs)/n, "pairs-aligned/op")
	b.ReportMetric(float64(reread)/n, "docs-reread/op")
	b.ReportMetric(float64(ix.Size())/float64(len(docs)), "index-B/doc")
	b.ReportMetric(float64(len(ix.hashes))/float64(len(docs)), "prints/doc")
	b.ReportMetric(float64(len(ix.aligns))/float64(len(docs)), "aligns/doc")
	// What a store keeping the Index between runs pays: its encoding's
	// size and the time to encode and decode it.
	t0 = time.Now()
	blob, err := ix.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	enc := time.Since(t0)
	t0 = time.Now()
	if _, err := UnmarshalIndex(blob); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(enc.Microseconds())/1000, "encode-ms")
	b.ReportMetric(float64(time.Since(t0).Microseconds())/1000, "decode-ms")
	b.ReportMetric(float64(len(blob))/(1<<20), "encoded-MB")
}
