package entity

import (
	"context"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/foldbench"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// BenchmarkTokenize measures the tokenizer alone on the plain-text
// articles of the demo project, as a ratio to folding them (CPU time).
func BenchmarkTokenize(b *testing.B) {
	foldbench.Run(b, "../../resources/demo/0*.txt", "tokenize/fold-cpu", func(s string, f textnorm.Folded) error {
		_, err := tokenize(context.Background(), s, []document.Span{{Start: 0, End: len(s)}}, f)
		return err
	})
}
