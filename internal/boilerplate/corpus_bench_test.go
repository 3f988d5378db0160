package boilerplate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// BenchmarkDetectNewsBench runs Detect over 1,000 articles of news-bench-10k.
func BenchmarkDetectNewsBench(b *testing.B) {
	dir := testcorpus.Corpus(b, "news-bench-10k")
	files, _ := filepath.Glob(filepath.Join(dir, "2019", "*.txt"))
	var texts []string
	var size int64
	for _, f := range files[:min(1000, len(files))] {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += int64(len(data))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, t := range texts {
			Detect(t)
		}
	}
}
