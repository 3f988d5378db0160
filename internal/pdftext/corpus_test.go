package pdftext

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"golang.org/x/text/unicode/norm"
)

// corpusFiles lists the files of the pdf-dev corpus (PDFs and fuzz inputs).
func corpusFiles(tb testing.TB) (string, []string) {
	dir := testcorpus.Corpus(tb, "pdf-dev")
	return dir, listCorpus(dir)
}

// listCorpus lists the PDFs and fuzz inputs under dir, sorted.
func listCorpus(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".pdf", ".fuzz":
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files
}

func outcome(err error) string {
	switch {
	case err == nil:
		return "text"
	case errors.Is(err, ErrEncrypted):
		return "encrypted"
	case errors.Is(err, ErrTimeout):
		return "timeout"
	case errors.Is(err, ErrTooLarge):
		return "too-large"
	case errors.Is(err, ErrNoText):
		return "no-text"
	case errors.Is(err, ErrCrashed):
		return "crashed"
	case errors.Is(err, ErrMalformed):
		return "malformed"
	}
	return "other"
}

// TestCorpus runs every file of pdf-dev: none may panic or hang, each gives
// text or a classified error with a message.
func TestCorpus(t *testing.T) {
	dir, files := corpusFiles(t)
	if len(files) < 800 {
		t.Fatalf("corpus has %d files, want the 812 of pdf-dev", len(files))
	}
	type row struct {
		file, outcome, msg string
		dur                time.Duration
	}
	rows := make([]row, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	start := time.Now()
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Error(err)
				return
			}
			t0 := time.Now()
			// A generous timeout: the suite may run on a loaded machine;
			// any timeout still fails the test.
			res, err := Extract(context.Background(), data, Options{Timeout: 30 * time.Second})
			rel, _ := filepath.Rel(dir, f)
			r := row{file: rel, outcome: outcome(err), dur: time.Since(t0)}
			if err != nil {
				r.msg = err.Error()
			} else if strings.TrimSpace(res.Text) == "" {
				t.Errorf("%s: no error but no text", rel)
			}
			rows[i] = r
		}()
	}
	wg.Wait()
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.outcome]++
		if r.outcome == "other" || r.outcome == "timeout" || r.outcome == "crashed" {
			t.Errorf("%s: %s: %s", r.file, r.outcome, r.msg)
		}
		if r.outcome != "text" && strings.TrimSpace(r.msg) == "" {
			t.Errorf("%s: error without a message", r.file)
		}
		if testing.Verbose() && os.Getenv("PDFTEXT_LOG_FILES") != "" {
			t.Logf("%-70s %-10s %6dms %s", r.file, r.outcome, r.dur.Milliseconds(), r.msg)
		}
	}
	t.Logf("%d files in %v: %v", len(files), time.Since(start).Round(time.Millisecond), counts)
}

// tokens splits text into case-folded words (runs of letters and digits).
func tokens(s string) []string {
	s = norm.NFKC.String(s)
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// recall is the fraction of ref's word tokens (as a multiset) found in got.
func recall(ref, got string) (found, total int) {
	have := map[string]int{}
	for _, w := range tokens(got) {
		have[w]++
	}
	for _, w := range tokens(ref) {
		total++
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	return found, total
}

// cleanPDFs lists the clean sample PDFs: pypdf-sample-files without the
// encrypted and malformed ones.
func cleanPDFs(tb testing.TB) []string {
	dir := testcorpus.Corpus(tb, "pdf-dev")
	bad := map[string]bool{}
	malformed, _ := testcorpus.ReadTSV(filepath.Join(dir, "MALFORMED.tsv")) // none: every file is clean
	for _, cols := range malformed {
		if len(cols) > 1 && cols[0] == "pypdf-sample-files" {
			bad[cols[1]] = true
		}
	}
	rows, err := testcorpus.ReadTSV(filepath.Join(dir, "pypdf-sample-files", "manifest.tsv"))
	if err != nil {
		tb.Skip(err)
	}
	var out []string
	for _, cols := range rows {
		if len(cols) < 8 || bad[cols[0]] || cols[6] != "no" || cols[7] != "0" {
			continue
		}
		out = append(out, filepath.Join(dir, "pypdf-sample-files", cols[0]))
	}
	return out
}

func pdftotext(tb testing.TB, path string) string {
	tb.Helper()
	out, err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// TestRecallAgainstPoppler measures word recall against pdftotext on the
// clean PDFs: at least 0.95 overall.
func TestRecallAgainstPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	files := cleanPDFs(t)
	if len(files) < 20 {
		t.Fatalf("only %d clean PDFs", len(files))
	}
	var found, total int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ref := pdftotext(t, f)
		res, err := Extract(context.Background(), data, Options{})
		fd, tot := recall(ref, res.Text)
		if err != nil && tot > 0 {
			t.Errorf("%s: %v", filepath.Base(f), err)
		} else if err != nil {
			t.Logf("%s: %v (pdftotext finds no words either)", filepath.Base(f), err)
		}
		found += fd
		total += tot
		r := 1.0
		if tot > 0 {
			r = float64(fd) / float64(tot)
		}
		t.Logf("%-45s recall %.3f (%d/%d words)", filepath.Base(f), r, fd, tot)
		if strings.Contains(f, "pdflatex-4-pages") && r < 0.95 {
			t.Errorf("%s: pdfTeX word spaces lost: recall %.3f", filepath.Base(f), r)
		}
	}
	overall := float64(found) / float64(total)
	t.Logf("overall recall %.4f (%d/%d words, %d files)", overall, found, total, len(files))
	if overall < 0.95 {
		t.Errorf("overall recall %.4f < 0.95", overall)
	}
}
