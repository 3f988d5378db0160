// Package foldbench measures a step that works on folded text (a
// tokenizer) as a ratio to folding the same texts, the baseline measured
// in the same run, in CPU time, for the benchmarks of several packages.
package foldbench

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Run benchmarks step on the texts of the files matching glob (skipping
// when there are none) and reports the ratio of its CPU time to folding's
// as metric. step gets each text and its fold, made afresh each round.
func Run(b *testing.B, glob, metric string, step func(text string, folded textnorm.Folded) error) {
	b.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil {
		b.Fatalf("texts %s: %v", glob, err)
	}
	if len(paths) == 0 {
		b.Skipf("no texts match %s", glob)
	}
	var texts []string
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	folded := make([]textnorm.Folded, len(texts))
	b.SetBytes(int64(size))
	var foldCPU, stepCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0 := cputime.Process()
		for k, s := range texts {
			folded[k] = textnorm.Fold(s)
		}
		c1 := cputime.Process()
		for k, s := range texts {
			if err := step(s, folded[k]); err != nil {
				b.Fatal(err)
			}
		}
		foldCPU += c1 - c0
		stepCPU += cputime.Process() - c1
	}
	if foldCPU > 0 {
		b.ReportMetric(stepCPU.Seconds()/foldCPU.Seconds(), metric)
	}
}
