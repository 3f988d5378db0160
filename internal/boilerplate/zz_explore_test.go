package boilerplate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestZZExplore is a temporary exploration helper (removed before hand-off).
func TestZZExplore(t *testing.T) {
	dir, out := os.Getenv("BP_EXPLORE_DIR"), os.Getenv("BP_EXPLORE_OUT")
	if dir == "" {
		t.Skip()
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, p := range files {
		b, _ := os.ReadFile(p)
		text := string(b)
		type m struct {
			Rule string `json:"rule"`
			Text string `json:"text"`
		}
		var ms []m
		for _, x := range Find(text) {
			ms = append(ms, m{x.Rule, text[x.Start:x.End]})
		}
		rel, _ := filepath.Rel(dir, p)
		enc.Encode(map[string]any{"path": strings.ReplaceAll(rel, "\\", "/"), "marks": ms})
	}
}
