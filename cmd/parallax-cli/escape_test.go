package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Attack 10: escape sequences and bidi overrides in a file name and in a
// page's title and author reached the terminal raw through the tables.
// They are shown visibly now; the JSON output keeps them exactly.
func TestTablesShowEscapesVisibly(t *testing.T) {
	dir := t.TempDir()
	name := "a\x1b[2J\x1b[31mred\u202egpj.txt"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("Officials in the valley said on Monday that the plant would reopen soon.\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	page := `<html><head><title>T&#x1b;[5mBLINK</title><meta name="author" content="Eve&#x1b;]0;pwned&#x07;"></head>` +
		`<body><p>The council voted on Monday to reopen the water plant, officials of the valley said to reporters.</p></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "inspect", dir, "--no-cache")
	if code != 0 {
		t.Fatalf("inspect: exit %d, %s", code, errOut)
	}
	for _, bad := range []string{"\x1b", "\a", "\u202e"} {
		if strings.Contains(out, bad) || strings.Contains(errOut, bad) {
			t.Errorf("%q reaches the terminal:\n%s", bad, out)
		}
	}
	for _, shown := range []string{"a␛[2J␛[31mred<U+202E>gpj.txt", "T␛[5mBLINK", "Eve␛]0;pwned␇"} {
		if !strings.Contains(out, shown) {
			t.Errorf("%q not shown in:\n%s", shown, out)
		}
	}

	code, out, errOut = runCLI(t, "inspect", dir, "--json")
	if code != 0 {
		t.Fatalf("inspect --json: exit %d, %s", code, errOut)
	}
	var got struct {
		Documents []struct {
			Path   string `json:"path"`
			Title  string `json:"title"`
			Author string `json:"author"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	seen := map[string]bool{}
	for _, d := range got.Documents {
		seen[d.Path], seen[d.Title], seen[d.Author] = true, true, true
	}
	for _, exact := range []string{name, "T\x1b[5mBLINK", "Eve\x1b]0;pwned\a"} {
		if !seen[exact] {
			t.Errorf("JSON lost %q: %+v", exact, got.Documents)
		}
	}
}
