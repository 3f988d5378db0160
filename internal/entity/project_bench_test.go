package entity

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// BenchmarkProjectEvidence10k times the project pass over news-bench-10k
// as one project against the extraction it follows, measured in the same
// run: the pass's cost is reported as a ratio to extraction's.
func BenchmarkProjectEvidence10k(b *testing.B) {
	dir := testcorpus.Corpus(b, "news-bench-10k")
	x := extractor(b)
	var perDoc [][]Mention
	var held []Held
	t0 := time.Now()
	err := filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || filepath.Ext(path) != ".txt" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		d := &document.Document{Path: path, Text: string(data)}
		ms, h, err := x.ExtractHeldContext(context.Background(), d, textnorm.Fold(d.Text))
		perDoc, held = append(perDoc, ms), append(held, h)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	extract := time.Since(t0)
	work := make([][]Mention, len(perDoc))
	b.ResetTimer()
	var pass time.Duration
	n := 0
	for i := 0; i < b.N; i++ {
		copy(work, perDoc) // the pass replaces the lists it changes
		t1 := time.Now()
		if n, err = ProjectEvidence(context.Background(), work, held); err != nil {
			b.Fatal(err)
		}
		pass += time.Since(t1)
	}
	b.ReportMetric(float64(len(perDoc)), "docs")
	b.ReportMetric(float64(n), "given-back")
	b.ReportMetric(extract.Seconds()*1000, "extract-ms")
	b.ReportMetric(pass.Seconds()*1000/float64(b.N), "pass-ms")
	b.ReportMetric(pass.Seconds()/float64(b.N)/extract.Seconds(), "pass/extract")
}
