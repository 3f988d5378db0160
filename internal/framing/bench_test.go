package framing

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// benchDocs reads n documents spread over news-bench-10k.
func benchDocs(b testing.TB, n int) []*document.Document {
	b.Helper()
	dir := testcorpus.Corpus(b, "news-bench-10k")
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) < n {
		b.Skipf("news-bench-10k: %d files, %v", len(files), err)
	}
	sort.Strings(files)
	step := len(files) / n
	docs := make([]*document.Document, 0, n)
	for i := 0; i < n; i++ {
		data, err := os.ReadFile(files[i*step])
		if err != nil {
			b.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, files[i*step])
		d := &document.Document{Path: filepath.ToSlash(rel), Text: string(data)}
		d.Meta.Outlet.Value = filepath.Dir(rel) // the year folder stands in for an outlet
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkFraming1k times the framing analysis of 1,000 news articles
// (with capitalised-name stand-ins for entities) against plain folding of
// the same articles in the same run.
func BenchmarkFraming1k(b *testing.B) {
	docs := benchDocs(b, 1000)
	lex, err := LoadLexicon(resources.Lexicon, "")
	if err != nil {
		b.Fatal(err)
	}
	ents := capitalEntities(docs)
	mentions := 0
	for _, e := range ents {
		mentions += len(e.Mentions)
	}
	var foldTime, frameTime, foldCPU, frameCPU time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0, c0 := time.Now(), cputime.Process()
		folded := make([]textnorm.Folded, len(docs))
		for i, d := range docs {
			folded[i] = textnorm.Fold(d.Text)
		}
		t1, c1 := time.Now(), cputime.Process()
		if _, err := Analyse(context.Background(), docs, folded, ents, lex, nil); err != nil {
			b.Fatal(err)
		}
		foldTime += t1.Sub(t0)
		frameTime += time.Since(t1)
		foldCPU += c1 - c0
		frameCPU += cputime.Process() - c1
	}
	n := float64(b.N * len(docs))
	b.ReportMetric(n/foldTime.Seconds(), "fold-docs/s")
	b.ReportMetric(n/frameTime.Seconds(), "framing-docs/s")
	b.ReportMetric(frameTime.Seconds()/foldTime.Seconds(), "framing/fold")
	if foldCPU > 0 {
		// CPU time counts work, not waiting: steadier on a shared machine.
		b.ReportMetric(n/frameCPU.Seconds(), "framing-docs/cpu-s")
		b.ReportMetric(frameCPU.Seconds()/foldCPU.Seconds(), "framing/fold-cpu")
	}
	b.ReportMetric(float64(mentions), "mentions")
}

// BenchmarkFramingKept1k times, in one run on 1,000 news articles, the
// framing of every document (the baseline) and the framing after one
// document changed with every other document's part kept (read back
// through partcodec, as the engine's store does): the ratio is what
// keeping the parts saves of the framing step; what stays is the keys
// (a hash of each text), decoding the parts, tying designations and the
// outlet and entity sums.
func BenchmarkFramingKept1k(b *testing.B) {
	docs := benchDocs(b, 1000)
	lex, err := LoadLexicon(resources.Lexicon, "")
	if err != nil {
		b.Fatal(err)
	}
	ents := capitalEntities(docs)
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	ctx := context.Background()
	kept := newMemKept()
	if _, err := AnalyseWith(ctx, docs, folded, ents, lex, Options{Kept: kept}); err != nil {
		b.Fatal(err)
	}
	var freshCPU, keptCPU time.Duration
	b.ResetTimer()
	for b.Loop() {
		c0 := cputime.Process()
		if _, err := Analyse(ctx, docs, folded, ents, lex, nil); err != nil {
			b.Fatal(err)
		}
		c1 := cputime.Process()
		delete(kept.blobs, kept.keys[len(kept.keys)/2]) // one document changed
		if _, err := AnalyseWith(ctx, docs, folded, ents, lex, Options{Kept: kept}); err != nil {
			b.Fatal(err)
		}
		if len(kept.kept) != 1 {
			b.Fatalf("%d documents framed, want 1", len(kept.kept))
		}
		freshCPU += c1 - c0
		keptCPU += cputime.Process() - c1
	}
	b.ReportMetric(freshCPU.Seconds()/float64(b.N), "all-framed-cpu-s")
	b.ReportMetric(keptCPU.Seconds()/float64(b.N), "one-framed-cpu-s")
	b.ReportMetric(keptCPU.Seconds()/freshCPU.Seconds(), "one/all-cpu")
}

// BenchmarkUpdateOneDocument times, in one run, the full framing analysis
// (AnalyseWith, the baseline) and Update after one sentence was appended
// to one document (names unchanged), alternating the sentence in and
// out: "update/full-cpu" is the ratio. On 2,000 documents written for the
// tests by default; PARALLAX_BENCH_10K=1 runs it on all of news-bench-10k
// with capitalised names for entities (their forms as written, as the
// engine gives them). It also reports what the updatable
// analysis' state costs per document (heap held, after a GC).
func BenchmarkUpdateOneDocument(b *testing.B) {
	var docs []*document.Document
	var ents []EntityInput
	if os.Getenv("PARALLAX_BENCH_10K") != "" {
		docs = benchDocs(b, 10000)
		ents = withForms(docs, capitalEntities(docs))
	} else {
		docs = updateDocs(2000)
		ents = findEntities(docs, updEntities())
	}
	lex := shippedLexicon(b)
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	ctx := context.Background()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	h0 := heap()
	plain, err := AnalyseWith(ctx, docs, folded, ents, lex, Options{})
	if err != nil {
		b.Fatal(err)
	}
	h1 := heap()
	prev, err := AnalyseWith(ctx, docs, folded, ents, lex, Options{Updatable: true})
	if err != nil {
		b.Fatal(err)
	}
	h2 := heap()
	runtime.KeepAlive(plain)
	state := (float64(h2-h1) - float64(h1-h0)) / float64(len(docs))
	k := len(docs) / 2
	orig, origFolded := docs[k].Text, folded[k]
	changed := orig + " The talks went on, and the meeting ended late."
	changedFolded := textnorm.Fold(changed)
	var fullCPU, updCPU, fullWall, updWall time.Duration
	var st UpdateStats
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			docs[k].Text, folded[k] = changed, changedFolded
		} else {
			docs[k].Text, folded[k] = orig, origFolded
		}
		// each timed from a collected heap: the full analysis' garbage,
		// collected during the update, is not the update's work
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		t0, c0 := time.Now(), cputime.Process()
		want, err := AnalyseWith(ctx, docs, folded, ents, lex, Options{})
		if err != nil {
			b.Fatal(err)
		}
		fullWall += time.Since(t0)
		fullCPU += cputime.Process() - c0
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		t1, c1 := time.Now(), cputime.Process()
		var next *Analysis
		// labelled, so that a profile can show the update alone
		// (go tool pprof -tagfocus run=update)
		pprof.Do(ctx, pprof.Labels("run", "update"), func(ctx context.Context) {
			next, err = Update(ctx, prev, docs, folded, ents, lex, Options{})
		})
		if err != nil {
			b.Fatal(err)
		}
		updWall += time.Since(t1)
		updCPU += cputime.Process() - c1
		st, _ = next.UpdateStats()
		if st.Full || st.Framed != 1 {
			b.Fatalf("one document changed: %+v", st)
		}
		// the update must be the full analysis (at 10k its mention pass
		// runs in several runs, which the property tests' projects are
		// too small for)
		b.StopTimer()
		g, w := *next, *want
		g.inc = nil
		if !reflect.DeepEqual(g, w) {
			b.Fatalf("update %d differs from the full analysis", i)
		}
		b.StartTimer()
		prev = next
	}
	n := float64(b.N)
	b.ReportMetric(fullWall.Seconds()/n, "full-s")
	b.ReportMetric(updWall.Seconds()/n, "update-s")
	b.ReportMetric(updWall.Seconds()/fullWall.Seconds(), "update/full")
	if fullCPU > 0 {
		b.ReportMetric(fullCPU.Seconds()/n, "full-cpu-s")
		b.ReportMetric(updCPU.Seconds()/n, "update-cpu-s")
		b.ReportMetric(updCPU.Seconds()/fullCPU.Seconds(), "update/full-cpu")
	}
	b.ReportMetric(state, "state-B/doc")
	b.ReportMetric(float64(st.OutletsSummed), "outlets-summed")
	b.ReportMetric(float64(st.EntitiesSummed), "entities-summed")
}
