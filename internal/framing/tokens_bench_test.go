package framing

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/foldbench"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// BenchmarkTokenize measures the tokenizer alone on the plain-text
// articles of the demo project, as a ratio to folding them (CPU time).
func BenchmarkTokenize(b *testing.B) {
	stopped := func() bool { return false }
	foldbench.Run(b, "../../resources/demo/0*.txt", "tokenize/fold-cpu", func(s string, f textnorm.Folded) error {
		tokenize(f, s, stopped)
		return nil
	})
}
