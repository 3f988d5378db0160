package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Control bytes and bidi overrides from file names, titles and article
// text never reach the HTML report (they passed into it raw before).
func TestHTMLDropsControlCharacters(t *testing.T) {
	dir := t.TempDir()
	name := "a\x1b[31mred\u202egpj.txt"
	text := "Seren\x07 Valley\u0085 officials said on Monday that the water plant would reopen.\x1b[2J " +
		"The council of the Seren Valley voted, officials said in a statement.\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	page := `<html><head><title>T&#x1b;[5mBLINK &#x202e;</title></head><body><p>` + text + `</p></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	a := analyse(t, dir)
	r, err := Build(context.Background(), a, nil, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page = buf.String()
	if !bytes.Contains(buf.Bytes(), []byte("a[31mredgpj.txt")) {
		t.Errorf("the file name is not shown without its controls")
	}
	for i, c := range page {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || c >= 0x80 && c <= 0x9f ||
			c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 {
			t.Fatalf("%U at %d: %q", c, i, page[max(0, i-40):min(len(page), i+40)])
		}
	}
}
