package textdecode

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// TestCorpusWindows1252 encodes a sample of the real news articles of
// news-bench-10k (English, with curly quotes, dashes and a few accented
// names) as windows-1252 and checks that Decode names the encoding and
// returns the original text. Articles with characters outside windows-1252
// are counted and skipped.
func TestCorpusWindows1252(t *testing.T) {
	dir := testcorpus.Corpus(t, "news-bench-10k")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no articles in %s", dir)
	}
	sort.Strings(files)
	step := len(files) / 400
	if step < 1 {
		step = 1
	}
	var tried, right, sameText, unencodable, legacy int
	for i := 0; i < len(files); i += step {
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		enc, err := charmap.Windows1252.NewEncoder().Bytes(b)
		if err != nil {
			unencodable++
			continue
		}
		if string(enc) == string(b) {
			continue // ASCII only: nothing to detect
		}
		legacy++
		tried++
		r, err := Decode(enc)
		if err != nil {
			t.Errorf("%s: %v", files[i], err)
			continue
		}
		if r.Text == string(b) {
			sameText++
		} else if testing.Verbose() {
			t.Logf("%s: decoded as %s", filepath.Base(files[i]), r.Encoding)
		}
		if r.Encoding == "windows-1252" {
			right++
		}
	}
	t.Logf("windows-1252 round trip: %d articles, encoding named %d (%.3f), text exact %d (%.3f); %d not encodable",
		tried, right, float64(right)/float64(max(tried, 1)), sameText, float64(sameText)/float64(max(tried, 1)), unencodable)
	if tried > 0 && float64(sameText)/float64(tried) < 0.98 {
		t.Errorf("text exact for %d of %d articles, want at least 98%%", sameText, tried)
	}
}
