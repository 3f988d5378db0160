package backend

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/ui/state"
)

func TestMain(m *testing.M) {
	pdftext.RunWorkerIfRequested()
	os.Exit(m.Run())
}

// TestNewLoaderReadsPDFsInWorkers: the app's loader reads PDFs through the
// worker pool, and a garbled PDF reaches the Problems the panel lists.
func TestNewLoaderReadsPDFsInWorkers(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"garbled.pdf": filepath.Join("..", "..", "internal", "pdftext", "testdata", "garbled", "vowels-as-punctuation.pdf"),
		"clean.pdf":   filepath.Join("..", "..", "internal", "pdftext", "testdata", "office", "en-ferry.pdf"),
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pool := pdftext.NewPool(1)
	defer pool.Close()
	p, err := NewLoader(pool, nil)(context.Background(), dir, func(state.Progress) {})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 2 || pool.Started() != 1 {
		t.Fatalf("%d documents, %d workers started; want 2 and 1", len(p.Docs), pool.Started())
	}
	if len(p.Problems) != 1 || p.Problems[0].Kind != document.ProblemGarbled || !strings.Contains(p.Problems[0].Error, "looks garbled") {
		t.Errorf("problems %+v", p.Problems)
	}
}
