package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// groupsProject copies the engine's test project about a fictional dam
// dispute (a sources.csv with a bias column) and gives one title a
// formula, to check that CSV exports neutralise it.
func groupsProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testcorpus.CopyFiles(t, filepath.Join("..", "..", "internal", "engine", "testdata", "groups"), dir, nil)
	sources := filepath.Join(dir, "sources.csv")
	data, err := os.ReadFile(sources)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "Dam talks stall", "=HYPERLINK(\"http://x\";\"Dam talks stall\")", 1)
	if edited == string(data) {
		t.Fatal("sources.csv has no title \"Dam talks stall\" to turn into a formula")
	}
	if err := os.WriteFile(sources, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

func TestInspectStanceContract(t *testing.T) {
	dir := groupsProject(t)
	var res struct {
		Documents []map[string]any `json:"documents"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "inspect", dir, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range res.Documents {
		if _, ok := d["stance_source"]; !ok {
			t.Errorf("%v lacks stance_source", d["path"])
		}
		got[d["path"].(string)] = d["stance"].(string) + "/" + d["stance_source"].(string)
	}
	if got["a1.txt"] != "left/sidecar" || got["a2.txt"] != "left/sidecar-outlet" || got["b2.txt"] != "right/sidecar" {
		t.Errorf("stances %v", got)
	}
	// scripted: the analyst's word wins
	mustRun(t, "stance", dir, "granite herald", "center")
	mustRun(t, "stance", dir, "a1.txt", "right")
	if err := json.Unmarshal([]byte(mustRun(t, "inspect", dir, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Documents {
		got[d["path"].(string)] = d["stance"].(string) + "/" + d["stance_source"].(string)
	}
	if got["a1.txt"] != "right/document" || got["b1.txt"] != "center/outlet" || got["a2.txt"] != "left/sidecar-outlet" {
		t.Errorf("after the analyst's edits: %v", got)
	}
	if code, _, errOut := runCLI(t, "stance", dir, "Granite Herald", "made-up"); code != 2 || !strings.Contains(errOut, "--add") {
		t.Errorf("a label off the scale: exit %d, %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "stance", dir, "No Such Outlet", "left"); code != 2 {
		t.Errorf("an unknown outlet: exit %d", code)
	}
}

func TestDistinctiveContract(t *testing.T) {
	dir := groupsProject(t)
	var res struct {
		Groups []struct {
			Group     string `json:"group"`
			Documents int    `json:"documents"`
			Terms     []struct {
				Term  string  `json:"term"`
				Z     float64 `json:"z"`
				Count int     `json:"count"`
			} `json:"terms"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "distinctive", dir, "--by", "stance", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 3 {
		t.Fatalf("groups %+v", res.Groups)
	}
	for _, g := range res.Groups {
		if g.Documents != 2 || len(g.Terms) == 0 {
			t.Errorf("%s: %d documents, %d terms", g.Group, g.Documents, len(g.Terms))
		}
		for i := 1; i < len(g.Terms); i++ {
			if g.Terms[i].Z > g.Terms[i-1].Z {
				t.Errorf("%s: not sorted by z", g.Group)
			}
		}
		if g.Group == "right" && g.Terms[0].Term != "rioters" {
			t.Errorf("right's first term %+v, want rioters", g.Terms[0])
		}
	}
	if code, _, _ := runCLI(t, "distinctive", dir, "--by", "colour"); code != 2 {
		t.Errorf("unknown grouping: exit %d", code)
	}
	mustRun(t, "distinctive", dir, "--by", "outlet")
}

func TestBlindspotsContract(t *testing.T) {
	dir := groupsProject(t)
	var res struct {
		Groups []struct {
			Group    string `json:"group"`
			Entities []struct {
				ID       string `json:"id"`
				Name     string `json:"name"`
				Mentions int    `json:"mentions"`
			} `json:"entities"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "blindspots", dir, "--by", "stance", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, g := range res.Groups {
		for _, e := range g.Entities {
			if e.ID == "" || e.Mentions < 1 {
				t.Errorf("entity %+v", e)
			}
			names[g.Group] += e.Name + ";"
		}
	}
	if !strings.Contains(names["left"], "Talvik") || !strings.Contains(names["right"], "Brenn") || strings.Contains(names["center"], "Brenn") {
		t.Errorf("blind spots %v", names)
	}
	if out := mustRun(t, "blindspots", dir); !strings.Contains(out, "how each group names") {
		t.Errorf("table lacks naming:\n%s", out)
	}
}

func TestCSVExports(t *testing.T) {
	dir := groupsProject(t)
	cases := []struct {
		args   []string
		header string
	}{
		{[]string{"inspect", dir, "--csv"}, "path,format,encoding,title,outlet"},
		{[]string{"entities", dir, "--csv"}, "entity_id,entity,kind,entity_mentions,entity_documents,form,form_count"},
		{[]string{"reuse", dir, "--csv"}, "passage_id,passage_words,similarity,quoted,path,start,end,span_words,text"},
		{[]string{"framing", dir, "--csv"}, "outlet,outlet_documents,outlet_words,category"},
		{[]string{"framing", dir, "--csv", "--table", "naming"}, "entity_id,entity,outlet"},
		{[]string{"distinctive", dir, "--csv", "--by", "stance"}, "group,group_documents,rank,term,words,z"},
		{[]string{"blindspots", dir, "--csv"}, "group,entity_id,entity,kind,mentions"},
		{[]string{"workspaces", dir, "--csv"}, "workspace,annotation_id,path"},
	}
	for _, c := range cases {
		out := mustRun(t, c.args...)
		if !strings.HasPrefix(out, "\ufeff"+c.header) {
			t.Errorf("%v: starts %q", c.args[0], out[:min(len(out), 80)])
			continue
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil {
			t.Errorf("%v: %v", c.args, err)
			continue
		}
		for _, rec := range recs[1:] {
			if len(rec) != len(recs[0]) {
				t.Errorf("%v: row %q under %q", c.args, rec, recs[0])
			}
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%v: cell %q would run as a formula", c.args, cell)
				}
			}
		}
		if c.args[0] == "inspect" && !strings.Contains(out, "'=HYPERLINK") {
			t.Error("the formula title is missing or not neutralised")
		}
	}
	if code, _, _ := runCLI(t, "framing", dir, "--csv", "--table", "nope"); code != 2 {
		t.Errorf("unknown table: exit %d", code)
	}
}

func TestAliasesAcceptReject(t *testing.T) {
	// The decision files themselves are checked: no store, whatever
	// the default (a store imports them once and keeps them from then on).
	t.Setenv("PARALLAX_STORE", "none")
	// the demo project has suggestions ("Guards" ~ "Northern Valley Guards")
	dir := t.TempDir()
	testcorpus.CopyFiles(t, filepath.Join("..", "..", "resources", "demo"), dir, nil)
	var ents struct {
		Suggestions []struct {
			ID string `json:"id"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "entities", dir, "--json")), &ents); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, "aliases", dir, "accept", "s-nonexistent"); code != 2 {
		t.Errorf("unknown suggestion: exit %d", code)
	}
	if code, _, _ := runCLI(t, "aliases", dir, "maybe", "x"); code != 2 {
		t.Errorf("bad verb: exit %d", code)
	}
	if len(ents.Suggestions) == 0 {
		t.Fatal("the demo project yields no suggestion to decide on")
	}
	id := ents.Suggestions[0].ID
	mustRun(t, "aliases", dir, "reject", id)
	data, err := os.ReadFile(filepath.Join(dir, ".parallax", "aliases.json"))
	if err != nil || !strings.Contains(string(data), "rejects") {
		t.Fatalf("aliases.json: %s %v", data, err)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "entities", dir, "--json")), &ents); err != nil {
		t.Fatal(err)
	}
	for _, s := range ents.Suggestions {
		if s.ID == id {
			t.Errorf("rejected suggestion %s still suggested", id)
		}
	}
	// accepting replaces the rejection
	mustRun(t, "aliases", dir, "accept", id)
	data, _ = os.ReadFile(filepath.Join(dir, ".parallax", "aliases.json"))
	var dec struct {
		Merges  []any `json:"merges"`
		Rejects []any `json:"rejects"`
	}
	if err := json.Unmarshal(data, &dec); err != nil || len(dec.Merges) != 1 || len(dec.Rejects) != 0 {
		t.Errorf("after accept: %s", data)
	}
}
