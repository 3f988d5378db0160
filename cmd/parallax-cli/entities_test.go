package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// entCopySample copies the sample project into a writable folder.
func entCopySample(t *testing.T) string {
	t.Helper()
	src := testcorpus.SampleProject(t)
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(src, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("sample: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func entRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestEntitiesAndSearchCommands(t *testing.T) {
	dir := entCopySample(t)
	code, out, errOut := entRun(t, "entities", dir, "--json")
	if code != 0 {
		t.Fatalf("entities: %d %s", code, errOut)
	}
	var ents struct {
		Entities []struct {
			ID, Name, Kind string
			Mentions       int
			Documents      []string
			Forms          []struct {
				Text  string
				Count int
			}
			Merges []struct {
				Form, Reason string
				Confidence   float64
			}
		}
		Suggestions []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &ents); err != nil {
		t.Fatalf("entities json: %v", err)
	}
	var qaim bool
	for _, e := range ents.Entities {
		forms := map[string]bool{}
		for _, f := range e.Forms {
			forms[f.Text] = true
		}
		if forms["al-Qa’im"] && forms["Al-QAIM"] && forms["al-Qaim"] {
			qaim = true
			if len(e.Merges) == 0 || e.Mentions < 10 || len(e.Documents) < 3 {
				t.Errorf("al-Qaim entity: %+v", e)
			}
		}
	}
	if !qaim {
		t.Error("no entity groups the al-Qaim spellings")
	}
	if ents.Suggestions == nil {
		t.Error("suggestions should be a list")
	}

	code, out, errOut = entRun(t, "search", dir, "soliemani", "--json")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var sr struct {
		Entities []struct {
			ID, Name string
			Score    int
		}
		Mentions []struct {
			Path, Outlet, Text, Left, Right string
			Start, End                      int
		}
	}
	if err := json.Unmarshal([]byte(out), &sr); err != nil {
		t.Fatal(err)
	}
	if len(sr.Entities) == 0 || sr.Entities[0].Name != "Qassem Soleimani" || len(sr.Mentions) < 4 {
		t.Errorf("soliemani: %s", out)
	}
	code, out, _ = entRun(t, "search", dir, "control")
	if code != 0 || !strings.Contains(out, "cοntrοl") {
		t.Errorf("control: %d %s", code, out)
	}
	if code, _, _ := entRun(t, "search", dir); code != 2 {
		t.Errorf("search without query: exit %d, want 2", code)
	}
}
