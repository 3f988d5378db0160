package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// wsProject makes a project with two articles and two workspaces: "main"
// over both, and "broken", a hand-mangled file.
func wsProject(t *testing.T) (dir string, store *workspace.Store) {
	t.Helper()
	dir = t.TempDir()
	texts := map[string]string{
		"reuters.txt": "U.S. forces struck Iran-backed militia sites near Al Qaim.",
		"mehr.txt":    "The resistance forces of the PMU were attacked by the occupiers.",
	}
	store, err := workspace.OpenStore(dir, workspace.Options{AppVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ws := workspace.New("main", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	for _, p := range []string{"reuters.txt", "mehr.txt"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(texts[p]), 0o644); err != nil {
			t.Fatal(err)
		}
		d := &document.Document{Path: p, Text: texts[p], Hash: wsHash(texts[p])}
		ws.OpenPane(d)
		a, err := workspace.NewAnnotation(d, document.Span{Start: 0, End: 10}, "note", []string{"framing"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ws.Annotations = append(ws.Annotations, a)
	}
	ws.Search.Query = "Al Qaim"
	if err := store.Save(ws, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(store.File("broken"), []byte("{\n  \"version\": 2,\n  \"panes\": [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, store
}

func wsHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestWorkspacesCommand(t *testing.T) {
	// The decision files themselves are checked: no store, whatever
	// the default (a store imports them once and keeps them from then on).
	t.Setenv("PARALLAX_STORE", "none")
	empty := t.TempDir()
	code, out, _ := runCLI(t, "workspaces", empty)
	if code != 0 || !strings.Contains(out, "no workspaces") {
		t.Errorf("empty project: %d %q", code, out)
	}

	dir, _ := wsProject(t)
	code, out, errOut := runCLI(t, "workspaces", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var sums []workspace.Summary
	if err := json.Unmarshal([]byte(out), &sums); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(sums) != 2 || sums[0].Name != "broken" || sums[1].Name != "main" {
		t.Fatalf("summaries %+v", sums)
	}
	if !strings.Contains(sums[0].Error, "line") || !strings.Contains(sums[0].Error, "broken.json") {
		t.Errorf("broken workspace error %q", sums[0].Error)
	}
	if m := sums[1]; m.Documents != 2 || m.Annotations != 2 || m.Saved.IsZero() || len(m.Problems) != 0 {
		t.Errorf("main summary %+v", m)
	}
	if !strings.Contains(out, "\n  {\n    \"name\"") {
		t.Errorf("JSON not indented by 2 spaces:\n%s", out)
	}

	// A deleted and a changed document show as problems.
	if err := os.Remove(filepath.Join(dir, "mehr.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "reuters.txt"), []byte("rewritten"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "workspaces", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"NAME", "main", "does not load", "missing mehr.txt", "changed reuters.txt", "error: workspace file"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestWorkspaceCommand(t *testing.T) {
	// The decision files themselves are checked: no store, whatever
	// the default (a store imports them once and keeps them from then on).
	t.Setenv("PARALLAX_STORE", "none")
	dir, store := wsProject(t)
	code, out, errOut := runCLI(t, "workspace", dir, "main", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Name      string              `json:"name"`
		File      string              `json:"file"`
		Problems  []workspace.Problem `json:"problems"`
		Workspace workspace.Workspace `json:"workspace"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Name != "main" || got.File != store.File("main") || len(got.Workspace.Panes) != 2 || got.Workspace.Search.Query != "Al Qaim" || len(got.Problems) != 0 {
		t.Errorf("output %+v", got)
	}
	code, out, _ = runCLI(t, "workspace", dir, "main")
	if code != 0 || !strings.Contains(out, "pane 2: mehr.txt") {
		t.Errorf("text output %d:\n%s", code, out)
	}

	// A path escaping the project.
	if err := os.WriteFile(store.File("evil"), []byte(`{"version": 2, "panes": [{"path": "../../etc/passwd"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"workspace", dir, "broken", "--json"}, 1, []string{"broken.json", "line 4", "ends too early"}},
		{[]string{"workspace", dir, "evil", "--json"}, 1, []string{"evil.json", "../../etc/passwd", "only paths inside the project"}},
		{[]string{"workspace", dir, "absent", "--json"}, 1, []string{"no such workspace"}},
		{[]string{"workspace", dir, "../x", "--json"}, 1, []string{"invalid workspace name"}},
		{[]string{"workspace", dir}, 2, []string{"usage"}},
		{[]string{"workspaces"}, 2, []string{"usage"}},
		{[]string{"workspace", filepath.Join(dir, "nope"), "main"}, 1, []string{"project folder"}},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (%s)", tt.args, code, tt.code, errOut)
		}
		if out != "" {
			t.Errorf("%v: wrote to stdout: %q", tt.args, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr %q lacks %q", tt.args, errOut, w)
			}
		}
	}
}
