package foldbench

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	texts := map[string]string{"a.txt": "Ünïcode façade, " + strings.Repeat("word ", 2000), "b.txt": "Plain text."}
	for n, s := range texts {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	res := testing.Benchmark(func(b *testing.B) {
		Run(b, filepath.Join(dir, "*.txt"), "step/fold-cpu", func(s string, f textnorm.Folded) error {
			if f.Text != textnorm.Fold(s).Text {
				return errors.New("step got another text's fold")
			}
			seen[s] = true
			// Work enough to be measured.
			for i := 0; i < 20; i++ {
				textnorm.Fold(s)
			}
			return nil
		})
	})
	if len(seen) != len(texts) {
		t.Errorf("step saw %d texts, want %d", len(seen), len(texts))
	}
	if res.N == 0 {
		t.Fatal("the benchmark did not run")
	}
	if _, ok := res.Extra["step/fold-cpu"]; !ok && res.T > 0 {
		t.Logf("no ratio reported (CPU clock too coarse for %d rounds): %v", res.N, res.Extra)
	}
	if res.Bytes != int64(len(texts["a.txt"])+len(texts["b.txt"])) {
		t.Errorf("bytes %d, want the texts' size", res.Bytes)
	}
}
