package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/folderstate"
	"github.com/parallaxworkbench/parallax/internal/projectstore"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// The headless contract of issue 18: every command prints the same with
// any store as without one. Each run below starts from a fresh copy of the
// project at the same path, so that paths in the output compare too.

// identityCase is one command line (after the command name's DIR) and
// whether its output is JSON.
type identityCase struct {
	args []string // with "DIR" standing for the project folder
	json bool
}

// identityCases lists the commands with a JSON (or otherwise exact)
// output on the project at template, whose first article is first and
// whose most-named entity is top.
func identityCases(first, top string) []identityCase {
	return []identityCase{
		{[]string{"entities", "DIR", "--json"}, true},
		{[]string{"entities", "DIR", "--csv"}, false},
		{[]string{"entities", "DIR", "--csv", "--table", "suggestions"}, false},
		{[]string{"search", "DIR", top, "--json"}, true},
		// A typo, and a phrase that is no name.
		{[]string{"search", "DIR", typo(top), "--json"}, true},
		{[]string{"search", "DIR", "said on", "--json"}, true},
		{[]string{"reuse", "DIR", "--json"}, true},
		{[]string{"framing", "DIR", "--json"}, true},
		{[]string{"inspect", "DIR", "--json"}, true},
		{[]string{"inspect", "DIR", "--csv"}, false},
		{[]string{"distinctive", "DIR", "--json"}, true},
		{[]string{"blindspots", "DIR", "--json"}, true},
		{[]string{"workspaces", "DIR", "--json"}, true},
		{[]string{"workspace", "DIR", "identity", "--json"}, true},
		{[]string{"text", "DIR", first}, false},
		{[]string{"report", "DIR", "--format", "html", "--out", "OUT"}, false},
	}
}

// typo swaps two letters inside the query's first word.
func typo(q string) string {
	r := []rune(q)
	if len(r) < 4 {
		return q
	}
	r[1], r[2] = r[2], r[1]
	return string(r)
}

// identityProject writes a template project: the articles of src, and a
// workspace "identity" over its first article with one annotation, so the
// workspace commands have something to print.
func identityProject(t *testing.T, src string) (template, first string) {
	t.Helper()
	template = filepath.Join(t.TempDir(), "template")
	testcorpus.CopyFiles(t, src, template, func(name string) bool { return !strings.HasPrefix(name, ".") })
	entries, err := os.ReadDir(template)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".txt") {
			first = n
			break
		}
	}
	if first == "" {
		t.Fatalf("no .txt article in %s", src)
	}
	text, err := os.ReadFile(filepath.Join(template, first))
	if err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.OpenStore(template, workspace.Options{AppVersion: "identity-test"})
	if err != nil {
		t.Fatal(err)
	}
	w := workspace.New("identity", time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	d := &document.Document{Path: first, Text: string(text), Hash: wsHash(string(text))}
	w.OpenPane(d)
	a, err := workspace.NewAnnotation(d, document.Span{Start: 0, End: min(12, len(text))}, "lede", []string{"framing"}, time.Date(2026, 12, 1, 9, 5, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	w.Annotations = append(w.Annotations, a)
	if err := ws.Save(w, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	return template, first
}

// freshCopy replaces dir with a copy of template.
func freshCopy(t *testing.T, template, dir string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
		t.Fatal(err)
	}
}

// runIdentity runs one case on dir with --store url and returns its
// normalised output.
func runIdentity(t *testing.T, c identityCase, dir, url string) string {
	t.Helper()
	args := make([]string, 0, len(c.args)+2)
	outFile := ""
	for _, a := range c.args {
		switch a {
		case "DIR":
			a = dir
		case "OUT":
			// outside the project, which is replaced between runs
			outFile = filepath.Join(filepath.Dir(dir), "report.html")
			a = outFile
		}
		args = append(args, a)
	}
	args = append(args, "--store", url)
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	if outFile != "" {
		data, err := os.ReadFile(outFile)
		if err != nil {
			t.Fatal(err)
		}
		// The report says when it was made.
		return reportTime.ReplaceAllString(string(data), "(the time)")
	}
	if !c.json {
		return out
	}
	return normaliseIdentityJSON(t, out)
}

// reportTime matches the time a report gives as its making's.
var reportTime = regexp.MustCompile(`\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC`)

// normaliseIdentityJSON re-encodes a command's JSON with what legitimately
// differs taken out: inspect's "cache" summary (how many documents came
// from the extraction cache, which depends on what ran before, not on the
// project), and a workspace's "file" (where it is kept: a file of the
// folder, or a key in the store).
func normaliseIdentityJSON(t *testing.T, out string) string {
	t.Helper()
	var v any
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber() // numbers stay as printed
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if m, ok := v.(map[string]any); ok {
		if _, isInspect := m["documents"]; isInspect {
			delete(m, "cache")
		}
	}
	dropWorkspaceFiles(v)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// dropWorkspaceFiles deletes the "file" of every workspace (an object with
// a "name" and a "file") in v.
func dropWorkspaceFiles(v any) {
	switch x := v.(type) {
	case map[string]any:
		_, named := x["name"]
		if _, ok := x["file"].(string); ok && named {
			delete(x, "file")
		}
		for _, e := range x {
			dropWorkspaceFiles(e)
		}
	case []any:
		for _, e := range x {
			dropWorkspaceFiles(e)
		}
	}
}

// topEntity returns the canonical name of the project's most-mentioned
// entity (the first of entities --json).
func topEntity(t *testing.T, dir string) string {
	t.Helper()
	code, out, errOut := runCLI(t, "entities", dir, "--json", "--limit", "1", "--store", storeNone)
	if code != 0 {
		t.Fatalf("entities: %s", errOut)
	}
	var r struct {
		Entities []struct {
			Name string `json:"name"`
		} `json:"entities"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Entities) == 0 {
		t.Fatalf("entities --json: %v\n%s", err, out)
	}
	return r.Entities[0].Name
}

// storeModes are the stores compared with --store none: the embedded one,
// and PostgreSQL when PARALLAX_TEST_POSTGRES names a server.
func storeModes(t *testing.T) map[string]string {
	modes := map[string]string{"embedded": "embedded"}
	if pg := os.Getenv("PARALLAX_TEST_POSTGRES"); pg != "" {
		modes["postgres"] = pg
	}
	return modes
}

func checkStoreIdentity(t *testing.T, src string) {
	template, first := identityProject(t, src)
	dir := filepath.Join(t.TempDir(), "project")
	freshCopy(t, template, dir)
	cases := identityCases(first, topEntity(t, dir))

	want := map[int]string{}
	freshCopy(t, template, dir)
	for i, c := range cases {
		want[i] = runIdentity(t, c, dir, storeNone)
	}
	if strings.Contains(want[3], `"entities": []`) {
		t.Fatalf("the search for the top entity found nothing: the comparison would prove little\n%s", want[3])
	}
	same := func(what string, i int, got string) {
		t.Helper()
		if got != want[i] {
			t.Errorf("%s: %s differs from --store none:\n%s", what, strings.Join(cases[i].args, " "), firstDifference(want[i], got))
		}
	}
	for name, url := range storeModes(t) {
		t.Run(name, func(t *testing.T) {
			// Cold: each command the first on a fresh copy, so it analyses
			// and writes the store.
			for i, c := range cases {
				freshCopy(t, template, dir)
				same(name+" cold", i, runIdentity(t, c, dir, freshProject(url)))
			}
			// Warm: every command after one analysis kept in the store,
			// twice over (the second run reads what the first one kept).
			freshCopy(t, template, dir)
			url := freshProject(url)
			// past the settle time of the copy, so that the analysis is
			// remembered as the folder's and the searches below answer
			// from the store without opening the project
			time.Sleep(folderstate.Settle)
			runIdentity(t, cases[0], dir, url)
			searchIsKept(t, dir, url)
			for round := range 2 {
				for i, c := range cases {
					same(fmt.Sprintf("%s warm (round %d)", name, round+1), i, runIdentity(t, c, dir, url))
				}
			}
		})
	}
	if _, ok := storeModes(t)["postgres"]; !ok {
		t.Run("postgres", func(t *testing.T) {
			t.Skip("PARALLAX_TEST_POSTGRES is not set: no PostgreSQL server to compare (set it to the URL that sh scripts/pg-local.sh start DIR prints)")
		})
	}
	checkDecisionsIdentity(t, template, dir, first)
}

// checkDecisionsIdentity makes the same decisions (a stance, an accepted
// merge) with each store and compares what the analysis shows after them.
func checkDecisionsIdentity(t *testing.T, template, dir, first string) {
	decide := func(url string) []string {
		t.Helper()
		freshCopy(t, template, dir)
		code, out, errOut := runCLI(t, "entities", dir, "--json", "--store", url)
		if code != 0 {
			t.Fatalf("entities: %s", errOut)
		}
		var ents struct {
			Suggestions []struct {
				ID string `json:"id"`
			} `json:"suggestions"`
		}
		if err := json.Unmarshal([]byte(out), &ents); err != nil {
			t.Fatal(err)
		}
		decisions := [][]string{{"stance", dir, first, "identity-stance", "--add"}}
		if len(ents.Suggestions) > 0 {
			decisions = append(decisions, []string{"aliases", dir, "accept", ents.Suggestions[0].ID})
		}
		for _, d := range decisions {
			if code, _, errOut := runCLI(t, append(d, "--store", url)...); code != 0 {
				t.Fatalf("%s: %s", strings.Join(d, " "), errOut)
			}
		}
		var outs []string
		for _, args := range [][]string{{"entities", "DIR", "--json"}, {"inspect", "DIR", "--json"}, {"blindspots", "DIR", "--by", "stance", "--json"}, {"framing", "DIR", "--json"}} {
			outs = append(outs, runIdentity(t, identityCase{args, true}, dir, url))
		}
		return outs
	}
	want := decide(storeNone)
	if !strings.Contains(want[1], "identity-stance") {
		t.Fatalf("the stance decided is not in inspect's output: the comparison would prove little")
	}
	for name, url := range storeModes(t) {
		url := freshProject(url)
		for i, got := range decide(url) {
			if got != want[i] {
				t.Errorf("%s after decisions: output %d differs from --store none:\n%s", name, i, firstDifference(want[i], got))
			}
		}
	}
}

// freshProject gives a server's URL a project of its own (a server keeps
// every run's projects; the folder's name would be the same for all); the
// embedded store is in the fresh folder already.
func freshProject(url string) string {
	if !strings.HasPrefix(url, "postgres") {
		return url
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return fmt.Sprintf("%s%sproject=identity-%d", url, sep, time.Now().UnixNano())
}

// firstDifference shows the first line where two outputs differ.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  none:  %q\n  store: %q", i+1, w, g)
		}
	}
	return "(same lines, different ends)"
}

func TestStoreIdentityDemo(t *testing.T) {
	checkStoreIdentity(t, testcorpus.DemoProjectCopy(t))
}

func TestStoreIdentitySample(t *testing.T) {
	checkStoreIdentity(t, testcorpus.SampleProject(t))
}

// searchIsKept fails unless a search on dir with the store at url would
// answer from the index kept there (search.go's searchKept).
func searchIsKept(t *testing.T, dir, url string) {
	t.Helper()
	ctx := context.Background()
	setting, err := projectstore.Normalise(url)
	if err != nil {
		t.Fatal(err)
	}
	op, err := projectstore.Open(ctx, setting, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer op.Store.Close()
	stored, _, err := statedoc.ForStore(ctx, dir, op.Store)
	if err != nil {
		t.Fatal(err)
	}
	opts := engine.Options{Store: op.Store}
	opts.Project.State = stored
	k, err := engine.TakeFolderKey(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	ks, warning, err := engine.SearchKept(ctx, op.Store, k)
	if err != nil || warning != "" {
		t.Fatalf("the kept search: %v %s", err, warning)
	}
	if ks == nil {
		if k == (engine.FolderKey{}) {
			t.Skip("this system keeps no change times: every search opens the project")
		}
		t.Fatal("after an analysis of an unchanged folder, a search would not answer from the store")
	}
}
