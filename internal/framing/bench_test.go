package framing

import (
	"context"
	"os"
	"path/filepath"
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
func benchDocs(b *testing.B, n int) []*document.Document {
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
