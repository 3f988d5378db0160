package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// FuzzExtract feeds arbitrary bytes to Extract: it must return (never
// panic, crash or hang), with valid UTF-8, consistent page offsets and a
// classified error.
func FuzzExtract(f *testing.F) {
	f.Add(makePDF(f, false, []string{"Hello world", "second line"}))
	f.Add(makePDF(f, true, []string{"Ελληνικά и кириллица"}))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n103\n%%EOF\n"))
	if encs, err := filepath.Glob(filepath.Join("testdata", "encrypted", "*.pdf")); err == nil {
		for _, p := range encs {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	if dir, err := testcorpus.Unpack("pdf-dev"); err == nil {
		for _, p := range listCorpus(dir) {
			if st, err := os.Stat(p); err == nil && st.Size() < 32<<10 {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		res, err := Extract(context.Background(), data, Options{Timeout: 3 * time.Second})
		if d := time.Since(start); d > 6*time.Second {
			t.Fatalf("Extract took %v despite a 3s timeout", d)
		}
		if err != nil {
			classified := false
			for _, k := range errorKinds {
				if errors.Is(err, k) {
					classified = true
				}
			}
			if !classified || err.Error() == "" {
				t.Fatalf("unclassified error %v", err)
			}
		}
		if !utf8.ValidString(res.Text) {
			t.Fatal("invalid UTF-8 in text")
		}
		prev := 0
		for _, p := range res.Pages {
			if p < prev || p > len(res.Text) {
				t.Fatalf("bad page offsets %v for %d bytes", res.Pages, len(res.Text))
			}
			prev = p
		}
	})
}

// FuzzDecrypt feeds damaged encrypted files to the decryption, outside
// Extract's recovery: it must return a file or an error, never panic.
func FuzzDecrypt(f *testing.F) {
	encs, _ := filepath.Glob(filepath.Join("testdata", "encrypted", "*.pdf"))
	for _, p := range encs {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !encryptedFile(data) {
			return
		}
		out, err := decryptFile(data, []string{"", "openpassword"})
		if err == nil && len(out) == 0 {
			t.Fatal("no error and no file")
		}
	})
}
