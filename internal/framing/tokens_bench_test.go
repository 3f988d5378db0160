package framing

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// BenchmarkTokenize measures the tokenizer alone on the plain-text
// articles of the demo project, as a ratio to folding them (CPU time).
func BenchmarkTokenize(b *testing.B) {
	paths, _ := filepath.Glob("../../resources/demo/0*.txt")
	if len(paths) == 0 {
		b.Skip("no demo texts")
	}
	var texts []string
	var folded []textnorm.Folded
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		folded = append(folded, textnorm.Fold(string(data)))
		size += len(data)
	}
	stopped := func() bool { return false }
	b.SetBytes(int64(size))
	var foldCPU, tokCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Folding the same texts is the baseline measured in the same run.
		c0 := cputime.Process()
		for k, s := range texts {
			folded[k] = textnorm.Fold(s)
		}
		c1 := cputime.Process()
		for k, s := range texts {
			tokenize(folded[k], s, stopped)
		}
		foldCPU += c1 - c0
		tokCPU += cputime.Process() - c1
	}
	if foldCPU > 0 {
		b.ReportMetric(tokCPU.Seconds()/foldCPU.Seconds(), "tokenize/fold-cpu")
	}
}
