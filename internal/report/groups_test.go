package report

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// groupsProject copies the engine's test project about a fictional dam
// dispute, whose sources.csv gives each outlet a stance.
func groupsProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testcorpus.CopyFiles(t, filepath.Join("..", "engine", "testdata", "groups"), dir, nil)
	return dir
}

func TestGroupsSection(t *testing.T) {
	a := analyse(t, groupsProject(t))
	r, err := Build(context.Background(), a, nil, Options{Now: testNow, Sections: []Section{SectionGroups}})
	if err != nil {
		t.Fatal(err)
	}
	v := r.Groups
	if v == nil || len(v.Groups) != 3 || len(v.Naming) == 0 {
		t.Fatalf("groups view %+v", v)
	}
	for _, g := range v.Groups {
		if g.chart == nil || len(g.chart.PNG) == 0 || len(g.Distinctive) == 0 {
			t.Errorf("%s: no chart or terms", g.Name)
		}
	}
	var html bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	out := html.String()
	for _, want := range []string{"Comparison by stance", "rioters", "Only this stance mentions", "Mira Talvik", "How each stance names the main actors"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	var pdf bytes.Buffer
	if err := r.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	if pdf.Len() < 1000 {
		t.Errorf("PDF of %d bytes", pdf.Len())
	}
}

func TestGroupsSectionWithoutStances(t *testing.T) {
	a := sampleAnalysis(t)
	r, err := Build(context.Background(), a, nil, Options{Now: testNow, Sections: []Section{SectionGroups}})
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "a comparison needs two or more") {
		t.Error("no note says why the comparison is empty")
	}
}
