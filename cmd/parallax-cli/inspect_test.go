package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func TestInspectJSONSampleProject(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	code, out, errOut := runCLI(t, "inspect", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The contract: exactly these keys exist, with these types.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"documents", "problems", "skipped"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	var res struct {
		Documents []map[string]any `json:"documents"`
		Problems  []any            `json:"problems"`
		Skipped   []string         `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 5 || res.Problems == nil || res.Skipped == nil {
		t.Fatalf("documents %d problems %v skipped %v", len(res.Documents), res.Problems, res.Skipped)
	}
	for _, d := range res.Documents {
		for _, k := range []string{"path", "format", "encoding", "title", "outlet", "author", "date", "url", "words", "mixed_script_words", "boilerplate_chars", "provenance"} {
			if _, ok := d[k]; !ok {
				t.Errorf("%v lacks %q", d["path"], k)
			}
		}
	}
	want := []struct {
		outlet, author, date string
		mixedMin             float64
	}{
		{"", "", "2021-06-30T18:47", 0},
		{"Mehr News Agency", "", "", 0},
		{"The Duran", "", "", 0},
		{"Tehran Times", "Mohammad Ghaderi", "2020-01-01T10:38", 0},
		{"Altayinform.ru", "", "", 150},
	}
	for i, w := range want {
		d := res.Documents[i]
		if d["outlet"] != w.outlet || d["author"] != w.author || d["date"] != w.date || d["format"] != "txt" {
			t.Errorf("%v: outlet %v author %v date %v", d["path"], d["outlet"], d["author"], d["date"])
		}
		if n := d["mixed_script_words"].(float64); w.mixedMin > 0 && n < w.mixedMin || w.mixedMin == 0 && n != 0 {
			t.Errorf("%v: mixed_script_words %v", d["path"], n)
		}
		if d["boilerplate_chars"].(float64) <= 0 || d["words"].(float64) < 300 {
			t.Errorf("%v: boilerplate %v words %v", d["path"], d["boilerplate_chars"], d["words"])
		}
	}
	prov := res.Documents[1]["provenance"].(map[string]any)["outlet"].(map[string]any)
	if prov["source"] != "text" || prov["rule"] != "footer:all-content-by" {
		t.Errorf("provenance of 001's outlet: %v", prov)
	}
	if c := res.Documents[4]["mixed_script_chars"].(float64); c < 180 || c > 200 {
		t.Errorf("004 mixed_script_chars %v, want about 188", c)
	}
}

func TestInspectTableProblemsSkipped(t *testing.T) {
	dir := t.TempDir()
	para := "The ministry said on Tuesday that the talks, which began last week in the capital, would continue until both sides agreed on a timetable."
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Talks resume\n\nBy Jane Roe\n\n"+para+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.md"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.docx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "sources.csv"), []byte("file,outlet\na.txt,Example Post\n"), 0o644)
	code, out, errOut := runCLI(t, "inspect", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"PATH", "LANG", "a.txt", "en?", "Example Post", "Jane Roe", "1 documents, 1 problems, 1 skipped", "empty.md", "empty", "notes.docx"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sources.csv") {
		t.Error("the sidecar table is listed")
	}
	code, out, _ = runCLI(t, "inspect", dir, "--json", "--no-cache")
	if code != 0 || !strings.Contains(out, `"source": "sidecar"`) || !strings.Contains(out, `"kind": "empty"`) || !strings.Contains(out, `"language": "en"`) {
		t.Errorf("json: %d %s", code, out)
	}
}

func TestInspectUsage(t *testing.T) {
	if code, _, _ := runCLI(t, "inspect"); code != 2 {
		t.Errorf("no folder: exit %d", code)
	}
	if code, _, _ := runCLI(t, "inspect", "a", "b"); code != 2 {
		t.Errorf("two folders: exit %d", code)
	}
	if code, _, errOut := runCLI(t, "inspect", filepath.Join(t.TempDir(), "missing")); code != 1 || errOut == "" {
		t.Errorf("missing folder: exit %d %q", code, errOut)
	}
}

func TestTextCommand(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	file := "002_7f156dedb77d178e.txt"
	raw, _ := os.ReadFile(filepath.Join(dir, file))
	code, out, errOut := runCLI(t, "text", dir, file)
	if code != 0 || out != string(raw)+"\n" && out != string(raw) {
		t.Fatalf("text: exit %d %s", code, errOut)
	}
	code, body, _ := runCLI(t, "text", dir, file, "--body")
	if code != 0 || strings.Contains(body, "Notify of") || strings.Contains(body, "Patreon") || !strings.Contains(body, "Today’s attack demonstrates") {
		t.Errorf("--body kept boilerplate or lost the body:\n%s", body)
	}
	code, folded, _ := runCLI(t, "text", dir, "004_b37ff82c4dbbe2a9.txt", "--folded", "--body")
	if code != 0 || !strings.Contains(folded, "commander qasim muslih") || strings.Contains(folded, "Altayinform") {
		t.Errorf("--folded: %q", folded[:min(200, len(folded))])
	}
	// The file may be named through the folder too.
	if code, _, errOut := runCLI(t, "text", dir, filepath.Join(dir, file)); code != 0 {
		t.Errorf("path through the folder: %d %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "text", dir, "missing.txt"); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, _ := runCLI(t, "text", dir); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
}
