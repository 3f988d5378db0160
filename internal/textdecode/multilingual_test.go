package textdecode

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// TestMultilingualLegacyEncodings decodes the legacy-encoded articles of
// multilingual-dev (Arabic in windows-1256 and ISO-8859-6, Russian in
// windows-1251 and KOI8-R, Ukrainian in KOI8-U, French in windows-1252 and
// ISO-8859-15) and checks the encoding named against truth.tsv and the text
// against the UTF-8 copy in _utf8/. A file whose bytes decode to the same
// text in the encoding named as in the true one (French ISO-8859-15 without
// a byte of the eight where it differs from windows-1252) has no evidence to
// tell them apart: the named encoding must then give the exact text.
func TestMultilingualLegacyEncodings(t *testing.T) {
	dir := filepath.Join(testcorpus.Corpus(t, "multilingual-dev"), "encodings")
	rows, err := testcorpus.ReadTSV(filepath.Join(dir, "truth.tsv"))
	if err != nil {
		t.Skipf("no truth table: %v", err)
	}
	files := 0
	for _, cols := range rows {
		if len(cols) < 2 {
			continue
		}
		name, want := cols[0], cols[1]
		files++
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		utf, err := os.ReadFile(filepath.Join(dir, "_utf8", name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := Decode(b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r.Text != string(utf) {
			t.Errorf("%s: decoded as %s, text differs from the UTF-8 copy (true encoding %s)", name, r.Encoding, want)
			continue
		}
		if r.Encoding != want {
			if sameDecoding(t, b, r.Encoding, want) {
				t.Logf("%s: named %s, which decodes these bytes exactly as %s does", name, r.Encoding, want)
				continue
			}
			t.Errorf("%s: encoding %s, want %s", name, r.Encoding, want)
		}
	}
	if files < 8 {
		t.Errorf("truth.tsv lists %d files, want 8", files)
	}
}

func sameDecoding(t *testing.T, b []byte, a, c string) bool {
	t.Helper()
	ea, err1 := htmlindex.Get(a)
	ec, err2 := htmlindex.Get(c)
	if err1 != nil || err2 != nil {
		return false
	}
	da, err1 := ea.NewDecoder().Bytes(b)
	dc, err2 := ec.NewDecoder().Bytes(b)
	return err1 == nil && err2 == nil && string(da) == string(dc)
}
