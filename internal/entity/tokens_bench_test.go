package entity

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// BenchmarkTokenize measures the tokenizer alone on the plain-text
// articles of the demo project.
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
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, s := range texts {
			if _, err := tokenize(context.Background(), s, []document.Span{{Start: 0, End: len(s)}}, folded[k]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
