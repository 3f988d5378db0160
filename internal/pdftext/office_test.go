package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOfficePDFs reads the PDFs of testdata/office, made by LibreOffice
// Writer from the texts beside them (see make.sh): TrueType subsets with a
// ToUnicode map, in English, Russian, Arabic and Persian. Every word must
// come out, in reading order, and the text must not be scored garbled.
func TestOfficePDFs(t *testing.T) {
	pdfs, _ := filepath.Glob(filepath.Join("testdata", "office", "*.pdf"))
	if len(pdfs) < 4 {
		t.Fatalf("testdata/office has %d PDFs, want 4", len(pdfs))
	}
	for _, path := range pdfs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := os.ReadFile(strings.TrimSuffix(path, ".pdf") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(context.Background(), data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			w, pairs, n := wordRecall(string(ref), res.Text)
			t.Logf("words %.3f, pairs %.3f (%d words), quality %.3f", w, pairs, n, res.Quality.Score)
			if w < 0.99 || pairs < 0.95 {
				t.Errorf("word recall %.3f, pairs in order %.3f; text:\n%s", w, pairs, res.Text)
			}
			if res.Quality.Garbled() {
				t.Errorf("scored garbled: %v", res.Warnings)
			}
		})
	}
}
