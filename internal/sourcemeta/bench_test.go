package sourcemeta

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// BenchmarkAnalyze runs the text rules over the first 300 articles of
// news-bench-10k (English news), the cost every opened document pays.
func BenchmarkAnalyze(b *testing.B) {
	dir := testcorpus.Corpus(b, "news-bench-10k")
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(paths) > 300 {
		paths = paths[:300]
	}
	var texts []string
	size := 0
	for _, p := range paths {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
		size += len(t)
	}
	if len(texts) == 0 {
		b.Skip("no articles")
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			Analyze(t, nil)
		}
	}
}
