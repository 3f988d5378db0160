package distinctive

import (
	"context"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// BenchmarkNewsBench10kByBias times the distinctive terms of news-bench-10k
// grouped by its index.tsv's bias column against the framing analysis
// (lexicon terms, attributions, descriptors; no entities) of the same
// documents in the same run, and reports the memory each allocates.
func BenchmarkNewsBench10kByBias(b *testing.B) {
	dir := testcorpus.Corpus(b, "news-bench-10k")
	sc, err := sourcemeta.LoadSidecar(dir)
	if err != nil || sc == nil {
		b.Fatalf("index.tsv: %v", err)
	}
	st := sc.Stances(nil)
	langs, err := profiles.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*document.Document
	for _, f := range sc.Files() {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		d := &document.Document{Path: f, Text: string(data)}
		if m, ok := sc.Lookup(f); ok {
			d.Meta.Merge(m)
		}
		d.Meta.Language.Value = string(langs.Detect(d.Text).Code)
		docs = append(docs, d)
	}
	if len(docs) < 1000 {
		b.Skipf("only %d documents", len(docs))
	}
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	lex, err := framing.LoadLexicon(resources.Lexicon, "")
	if err != nil {
		b.Fatal(err)
	}
	sw := StopwordsFrom(langs)
	bias := func(d *document.Document) string {
		s, _ := st.For(sc, d)
		return s.Label
	}
	workers := runtime.GOMAXPROCS(0)
	var frameWall, distWall, frameCPU, distCPU time.Duration
	var frameAlloc, distAlloc uint64
	var ms runtime.MemStats
	b.ResetTimer()
	for b.Loop() {
		runtime.ReadMemStats(&ms)
		a0, t0, c0 := ms.TotalAlloc, time.Now(), cputime.Process()
		if _, err := framing.Analyse(context.Background(), docs, folded, nil, lex, nil); err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cputime.Process()
		runtime.ReadMemStats(&ms)
		a1 := ms.TotalAlloc
		res, err := Analyse(context.Background(), Input{Docs: docs, Group: bias, Stopwords: sw, Lexicon: lex}, Options{Workers: workers})
		if err != nil {
			b.Fatal(err)
		}
		t2, c2 := time.Now(), cputime.Process()
		runtime.ReadMemStats(&ms)
		frameWall += t1.Sub(t0)
		distWall += t2.Sub(t1)
		frameCPU += c1 - c0
		distCPU += c2 - c1
		frameAlloc += a1 - a0
		distAlloc += ms.TotalAlloc - a1
		if len(res.Groups) < 2 {
			b.Fatalf("groups %d", len(res.Groups))
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(len(docs)), "docs")
	b.ReportMetric(distWall.Seconds()/n, "distinctive-s")
	b.ReportMetric(frameWall.Seconds()/n, "framing-s")
	b.ReportMetric(distWall.Seconds()/frameWall.Seconds(), "distinctive/framing")
	if frameCPU > 0 {
		b.ReportMetric(distCPU.Seconds()/frameCPU.Seconds(), "distinctive/framing-cpu")
	}
	b.ReportMetric(float64(distAlloc)/n/(1<<20), "distinctive-alloc-MiB")
	b.ReportMetric(float64(frameAlloc)/n/(1<<20), "framing-alloc-MiB")
}
