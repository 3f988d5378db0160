package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func TestEntitiesAndSearchCommands(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	code, out, errOut := runCLI(t, "entities", dir, "--json")
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

	code, out, errOut = runCLI(t, "search", dir, "soliemani", "--json")
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
	code, out, _ = runCLI(t, "search", dir, "control")
	if code != 0 || !strings.Contains(out, "cοntrοl") {
		t.Errorf("control: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "search", dir); code != 2 {
		t.Errorf("search without query: exit %d, want 2", code)
	}
}
