package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/groups"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// copyGroups copies testdata/groups (six short articles written for these
// tests about a fictional dam dispute, with a sources.csv whose bias column
// gives each outlet's stance; a2.txt's row has none, so its outlet's other
// row gives it) to a temporary folder.
func copyGroups(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testcorpus.CopyFiles(t, "testdata/groups", dir, nil)
	return dir
}

// analyseDir opens the project in dir without a cache and analyses it.
func analyseDir(t *testing.T, dir string) *Analysis {
	t.Helper()
	p, err := Open(context.Background(), dir, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyse(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestStanceFromSidecar(t *testing.T) {
	dir := copyGroups(t)
	a := analyseDir(t, dir)
	want := map[string][2]string{
		"a1.txt": {"left", sourcemeta.StanceFromSidecar},
		"a2.txt": {"left", sourcemeta.StanceFromSidecarOutlet},
		"b1.txt": {"right", sourcemeta.StanceFromSidecar},
		"c2.txt": {"center", sourcemeta.StanceFromSidecar},
	}
	for path, w := range want {
		st := a.project.StanceOf(a.project.Doc(path))
		if st.Label != w[0] || st.Source != w[1] || st.Rule != "sources.csv:bias" {
			t.Errorf("%s: %+v, want %v from sources.csv:bias", path, st, w)
		}
	}
	// the analyst's edit wins over the table
	next, err := a.project.EditOverrides(func(ov *sourcemeta.Overrides) error {
		return ov.SetDocumentStance("b2.txt", "neutral")
	})
	if err != nil {
		t.Fatal(err)
	}
	if st := next.StanceOf(next.Doc("b2.txt")); st.Label != "neutral" || st.Source != sourcemeta.StanceFromDocument {
		t.Errorf("analyst's stance lost: %+v", st)
	}
	if st := a.project.StanceOf(a.project.Doc("b2.txt")); st.Label == "neutral" {
		t.Errorf("the published project's stance changed: %+v", st)
	}
}

func TestGroupingsAndDistinctive(t *testing.T) {
	a := analyseDir(t, copyGroups(t))
	if g := strings.Join(a.project.Groupings(), ","); g != "outlet,stance,language,bias,country" {
		t.Errorf("groupings %s", g)
	}
	if _, err := a.project.GroupFunc("nonsense"); err == nil {
		t.Error("an unknown grouping is not an error")
	}
	res, err := a.Distinctive(context.Background(), ByStance, distinctive.Options{Top: 5})
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]string{}
	for _, g := range res.Groups {
		if len(g.Terms) > 0 {
			top[g.Group] = g.Terms[0].Term
		}
	}
	if len(res.Groups) != 3 || !strings.Contains("displaced villagers displaced mira talvik", top["left"]) ||
		!strings.Contains("rioters security forces arvid brenn colonel arvid brenn", top["right"]) {
		t.Errorf("top terms by stance %v", top)
	}
	res, err = a.Distinctive(context.Background(), "country", distinctive.Options{})
	if err != nil || len(res.Groups) != 2 || res.Groups[0].Group != "Norland" {
		t.Errorf("by country: %+v, %v", res, err)
	}
}

func TestCompareGroupsBlindSpots(t *testing.T) {
	a := analyseDir(t, copyGroups(t))
	res, err := a.CompareGroups(context.Background(), ByStance, groups.Options{})
	if err != nil {
		t.Fatal(err)
	}
	only := map[string][]string{}
	for _, g := range res.Groups {
		for _, e := range g.Entities {
			only[g.Group] = append(only[g.Group], e.Name)
		}
	}
	has := func(g, name string) bool {
		for _, n := range only[g] {
			if strings.Contains(n, name) {
				return true
			}
		}
		return false
	}
	if !has("left", "Talvik") || !has("right", "Brenn") || has("center", "Talvik") || has("left", "Osvar") {
		t.Errorf("blind spots %v", only)
	}
	for _, g := range res.Groups {
		if g.Group == "right" {
			found := false
			for _, term := range g.Terms {
				found = found || term.Term == "rioters"
			}
			if !found {
				t.Errorf("right's terms of its own %v lack rioters", g.Terms)
			}
		}
	}
}

// TestStanceNewsBench imports the bias column of news-bench-10k's index.tsv.
func TestStanceNewsBench(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 10,000 articles")
	}
	dir := testcorpus.Corpus(t, "news-bench-10k")
	sc, err := sourcemeta.LoadSidecar(dir)
	if err != nil || sc == nil {
		t.Fatalf("sidecar: %v", err)
	}
	st := sc.Stances(nil)
	if st == nil {
		t.Fatalf("no stance column among %v", sc.Columns)
	}
	if !strings.HasSuffix(st.Column(), ":bias") || len(st.Labels()) < 2 {
		t.Errorf("column %s labels %v", st.Column(), st.Labels())
	}
	files := sc.Files()
	labelled := 0
	for _, f := range files {
		doc := docAt(f)
		if s, ok := st.For(sc, doc); ok && s.Label != "" {
			labelled++
		}
	}
	if labelled < len(files)*9/10 {
		t.Errorf("%d of %d rows have a stance", labelled, len(files))
	}
}

func docAt(path string) *document.Document { return &document.Document{Path: path} }
