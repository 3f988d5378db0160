package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// reuseCopyProject copies the .txt files of src into a new temporary folder.
func reuseCopyProject(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	testcorpus.CopyFiles(t, src, dst, func(name string) bool { return strings.HasSuffix(name, ".txt") })
	return dst
}

type reuseJSON struct {
	Passages []struct {
		ID         string   `json:"id"`
		Words      int      `json:"words"`
		Similarity *float64 `json:"similarity"`
		Quoted     *bool    `json:"quoted"`
		Spans      []struct {
			Path  string `json:"path"`
			Start *int   `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		} `json:"spans"`
	} `json:"passages"`
}

func TestReuseSampleProject(t *testing.T) {
	dir := reuseCopyProject(t, testcorpus.SampleProject(t))
	code, out, errOut := runCLI(t, "reuse", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got reuseJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not the JSON contract: %v\n%s", err, out)
	}
	want := map[string]bool{"paychecks from Baghdad": false, "all roads lead to the al Bukamal": false}
	for _, p := range got.Passages {
		if p.ID == "" || p.Words < 10 || p.Similarity == nil || p.Quoted == nil || len(p.Spans) < 2 {
			t.Errorf("passage %+v lacks a field", p)
		}
		for _, s := range p.Spans {
			if s.Start == nil || s.End <= *s.Start || s.Text == "" {
				t.Errorf("span %+v", s)
			}
			if !strings.HasPrefix(s.Path, "000_") && !strings.HasPrefix(s.Path, "001_") {
				t.Errorf("unexpected passage in %s: %q", s.Path, s.Text)
			}
			for k := range want {
				if strings.Contains(s.Text, k) {
					want[k] = true
				}
			}
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("no passage holds %q:\n%s", k, out)
		}
	}
}

func TestReuseCLI(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt": "The river rose overnight and closed the bridge.",
		"b.txt": "Markets were calm as traders waited for the bank.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI(t, "reuse", "--json", dir)
	if code != 0 || strings.TrimSpace(out) != "{\n  \"passages\": []\n}" {
		t.Errorf("no passages: exit %d, out %q, err %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "reuse", dir); code != 0 || !strings.Contains(out, "no shared passages in 2 documents") {
		t.Errorf("table: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"reuse"}, {"reuse", dir, dir}, {"reuse", dir, "--min-words", "0"}, {"reuse", dir, "--bogus"}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
