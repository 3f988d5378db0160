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
	checkOfficePDFs(t, pdfs, func(pdf string) string { return strings.TrimSuffix(pdf, ".pdf") + ".txt" })
}

// TestDemoOfficePDFs: the same for the demo project's LibreOffice PDFs
// (resources/gendemo -office), whose texts are in resources/gendemo/office.
func TestDemoOfficePDFs(t *testing.T) {
	root := filepath.Join("..", "..", "resources")
	txts, _ := filepath.Glob(filepath.Join(root, "gendemo", "office", "*.txt"))
	if len(txts) < 2 {
		t.Fatalf("resources/gendemo/office has %d texts, want 2", len(txts))
	}
	var pdfs []string
	byPDF := map[string]string{}
	for _, txt := range txts {
		pdf := filepath.Join(root, "demo", strings.TrimSuffix(filepath.Base(txt), ".txt")+".pdf")
		pdfs = append(pdfs, pdf)
		byPDF[pdf] = txt
	}
	checkOfficePDFs(t, pdfs, func(pdf string) string { return byPDF[pdf] })
}

func checkOfficePDFs(t *testing.T, pdfs []string, truth func(string) string) {
	for _, path := range pdfs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := os.ReadFile(truth(path))
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
