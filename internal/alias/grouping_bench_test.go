package alias

import (
	"context"
	"math/rand"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/entity"
)

// BenchmarkUpdateOneDocument times (*Grouping).Update after one document
// changed (one sentence's mentions appended to it) against the full
// GroupInPlaceContext of the same list, in the same run, and reports the
// ratio (update-x: how many times faster the update is). On the synthetic
// corpus by default; PARALLAX_BENCH_10K=1 takes news-bench-10k's 10,000
// articles (extraction and the project passes in the setup, ≈ 30 s).
func BenchmarkUpdateOneDocument(b *testing.B) {
	gaz := defaultGazetteer(b)
	var base []entity.Mention
	if os.Getenv("PARALLAX_BENCH_10K") != "" {
		docs := benchDocs(b, 10000)
		texts := map[string]string{}
		for _, d := range docs {
			texts[d.Path] = d.Text
		}
		base = newProject(gaz, texts).mentions(b)
	} else {
		r := rand.New(rand.NewSource(1))
		base = newProject(gaz, synthCorpus(r, 2000)).mentions(b)
	}
	ctx := context.Background()
	kept, docs := groupingBytes(b, base, gaz)
	_, g, err := GroupIndexed(ctx, slices.Clone(base), gaz, nil)
	if err != nil {
		b.Fatal(err)
	}
	// one document gains the mentions of another document's first
	// sentence, placed after its own
	r := rand.New(rand.NewSource(2))
	doc := base[r.Intn(len(base))].Doc
	end := 0
	for _, m := range base {
		if m.Doc == doc {
			end = max(end, m.Span.End)
		}
	}
	edited := slices.Clone(base)
	from := base[r.Intn(len(base))].Doc
	for _, m := range base {
		if m.Doc == from && m.Span.Start < 200 {
			m.Doc = doc
			m.Span.Start += end + 1
			m.Span.End += end + 1
			edited = append(edited, m)
		}
	}
	changed := func(p string) bool { return p == doc }
	// wall and CPU time of each, each after a collection (the other's
	// garbage is not charged to it); the machine is shared, so the CPU
	// ratio is the steadier figure
	var fullT, updT, fullC, updC time.Duration
	var st UpdateStats
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		full, upd := slices.Clone(edited), slices.Clone(edited)
		runtime.GC()
		t0, c0 := time.Now(), cputime.Process()
		if _, err := GroupInPlaceContext(ctx, full, gaz, nil); err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cputime.Process()
		runtime.GC()
		t2, c2 := time.Now(), cputime.Process()
		_, ng, err := g.Update(ctx, upd, changed, gaz, nil)
		if err != nil {
			b.Fatal(err)
		}
		t3, c3 := time.Now(), cputime.Process()
		fullT, fullC = fullT+t1.Sub(t0), fullC+c1-c0
		updT, updC = updT+t3.Sub(t2), updC+c3-c2
		st = ng.Stats()
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(fullT.Seconds()/n*1000, "full-ms")
	b.ReportMetric(updT.Seconds()/n*1000, "update-ms")
	b.ReportMetric(fullT.Seconds()/updT.Seconds(), "update-x")
	b.ReportMetric(fullC.Seconds()/n*1000, "full-cpu-ms")
	b.ReportMetric(updC.Seconds()/n*1000, "update-cpu-ms")
	b.ReportMetric(fullC.Seconds()/updC.Seconds(), "update-cpu-x")
	b.ReportMetric(float64(len(edited)), "mentions")
	b.ReportMetric(float64(st.Reused)/float64(max(1, st.Entities)), "reused-share")
	b.ReportMetric(float64(kept)/float64(docs), "grouping-B/doc")
	b.ReportMetric(float64(kept)/float64(len(base)), "grouping-B/mention")
	if st.Full || st.Changed != 1 {
		b.Fatalf("the update saw %+v, want one changed document and no full grouping", st)
	}
}

// groupingBytes measures what a Grouping keeps beyond its Result: the live
// heap with both, then with the Result alone. It returns the bytes and the
// number of documents.
func groupingBytes(b *testing.B, base []entity.Mention, gaz *entity.Gazetteer) (uint64, int) {
	list := slices.Clone(base)
	var with, without runtime.MemStats
	docs := 0
	res := func() *Result {
		res, g, err := GroupIndexed(context.Background(), list, gaz, nil)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&with)
		docs = g.Stats().Documents
		return res // g is garbage from here
	}()
	runtime.GC()
	runtime.ReadMemStats(&without)
	runtime.KeepAlive(res)
	runtime.KeepAlive(list)
	if with.HeapAlloc < without.HeapAlloc {
		return 0, docs
	}
	return with.HeapAlloc - without.HeapAlloc, docs
}
