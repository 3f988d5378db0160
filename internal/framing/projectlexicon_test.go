package framing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddProjectTerm(t *testing.T) {
	dir := t.TempDir()
	added, err := AddProjectTerm(dir, Entry{Term: "occupation  forces", Category: "project", Note: "distinctive of left (z 5.6)"})
	if err != nil || !added {
		t.Fatalf("added %v, %v", added, err)
	}
	if added, err := AddProjectTerm(dir, Entry{Term: "Occupation forces", Category: "other"}); err != nil || added {
		t.Errorf("the same term again: added %v, %v", added, err)
	}
	lex, err := LoadLexicon(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	occ := lex.Find("The occupation forces left.")
	if len(occ) != 1 || occ[0].Category != "project" {
		t.Errorf("matches %+v", occ)
	}
	// a corrupt lexicon is left alone
	p := filepath.Join(dir, ".parallax", "lexicon.tsv")
	if err := os.WriteFile(p, []byte("no tab here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := AddProjectTerm(dir, Entry{Term: "regime", Category: "project"}); err == nil {
		t.Error("a corrupt lexicon was written to")
	}
	data, _ := os.ReadFile(p)
	if strings.Contains(string(data), "regime") {
		t.Error("corrupt lexicon changed")
	}
	if _, err := AddProjectTerm(dir, Entry{Term: "a\tb", Category: "x"}); err == nil {
		t.Error("a tab in a term is accepted")
	}
}
