package pdftext

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// maxPopplerReadsRejected bounds the pdf-dev files that poppler reads with
// text but that we reject or read as empty. The issue allows 3 of ~1,000
// unseen files; pdf-dev is read whole, and any regression shows here.
const maxPopplerReadsRejected = 0

// popplerReads lists the pdf-dev files (relative to dir) that poppler reads
// with text: pdftotext gave more than its page breaks and MALFORMED.tsv does not name them.
func popplerReads(tb testing.TB, dir string) []string {
	tb.Helper()
	bad := map[string]bool{}
	if f, err := os.Open(filepath.Join(dir, "MALFORMED.tsv")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) > 1 {
				bad[cols[0]+"/"+cols[1]] = true
			}
		}
		f.Close()
	}
	var out []string
	for _, set := range []string{"pypdf-sample-files", "qpdf-qtest"} {
		f, err := os.Open(filepath.Join(dir, set, "manifest.tsv"))
		if err != nil {
			tb.Fatalf("manifest of %s: %v", set, err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) < 9 || cols[0] == "file" {
				continue
			}
			// pdftotext writes a form feed after each page: text means
			// more characters than pages.
			chars, err1 := strconv.Atoi(cols[8])
			pages, err2 := strconv.Atoi(cols[5])
			rel := set + "/" + cols[0]
			if err1 != nil || err2 != nil || chars <= pages || cols[7] != "0" || bad[rel] {
				continue
			}
			out = append(out, rel)
		}
		f.Close()
	}
	return out
}

// TestPopplerReadsAccepted lists every pdf-dev file that poppler reads with
// text but that we reject or read as empty, with the reason, and fails
// when there are more than the issue allows.
func TestPopplerReadsAccepted(t *testing.T) {
	dir, _ := corpusFiles(t)
	files := popplerReads(t, dir)
	if len(files) < 500 {
		t.Fatalf("only %d files poppler reads: manifest changed?", len(files))
	}
	reasons := make([]string, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, rel := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			data, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				reasons[i] = err.Error()
				return
			}
			res, err := Extract(context.Background(), data, Options{Timeout: 30 * time.Second})
			switch {
			case err != nil:
				reasons[i] = outcome(err) + ": " + err.Error()
			case strings.TrimSpace(res.Text) == "":
				reasons[i] = "empty text"
			}
		}()
	}
	wg.Wait()
	n := 0
	for i, r := range reasons {
		if r != "" {
			n++
			t.Logf("rejected: %s: %s", files[i], r)
		}
	}
	t.Logf("%d of %d files poppler reads are rejected or empty", n, len(files))
	if n > maxPopplerReadsRejected {
		t.Errorf("%d files poppler reads are rejected (at most %d allowed)", n, maxPopplerReadsRejected)
	}
}
