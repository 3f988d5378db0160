package project

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Random bytes named .txt are a "binary" problem, not a document (they were
// a "windows-1251" document of 235k words); a page whose article follows a
// script of more than 16 MB is a document with that article (it was "no
// visible text").
func TestHostileFilesAsProblems(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 300_000)
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	page := "<html><head><title>Valley vote</title></head><body><script>var x='" + strings.Repeat("a", 17<<20) +
		"';</script><article><p>" + strings.Repeat("The council voted on Monday to reopen the water plant, officials said. ", 10) +
		"</p></article></body></html>"
	for name, data := range map[string][]byte{"noise.txt": noise, "page.html": []byte(page)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(context.Background(), dir, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.problems) != 1 || p.problems[0].Path != "noise.txt" || p.problems[0].Kind != "binary" {
		t.Errorf("problems = %+v, want noise.txt as binary", p.problems)
	}
	if len(p.docs) != 1 || !strings.Contains(p.docs[0].Text, "reopen the water plant") {
		t.Fatalf("docs = %d, want page.html with its article", len(p.docs))
	}
}
