package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// TestMetadataReloadWhileAnalysing changes the demo's sidecar table and
// reloads the metadata while an analysis of the project runs, as the
// window does when sources.csv changes on disk. The published project must
// not change (under -race, a write to a document the analysis reads is
// reported), and the new project and its analysis show the new outlet.
func TestMetadataReloadWhileAnalysing(t *testing.T) {
	dir := testcorpus.DemoProjectCopy(t)
	p, err := Open(context.Background(), dir, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	const path, renamed = "01_harbor_wire.txt", "Harbour Wire Renamed"
	old := p.Doc(path)
	if old == nil || old.Meta.Outlet.Value != "Harbor Wire" {
		t.Fatalf("demo changed: %s is %+v", path, old)
	}
	csv := filepath.Join(dir, "sources.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), "01_harbor_wire.txt,Harbor Wire,", "01_harbor_wire.txt,"+renamed+",", 1)
	if err := os.WriteFile(csv, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}

	type result struct {
		a   *Analysis
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := Analyse(context.Background(), p, Options{Workers: 2})
		done <- result{a, err}
	}()
	var next *Project
	for i := 0; i < 20; i++ {
		next = p.ReloadMetadata()
	}
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := p.Doc(path).Meta.Outlet.Value; got != "Harbor Wire" || p.Doc(path) != old {
		t.Errorf("the published project changed: outlet %q", got)
	}
	nd := next.Doc(path)
	if nd == old || nd.Meta.Outlet.Value != renamed || nd.Text != old.Text {
		t.Errorf("new project's %s: outlet %q, a copy %v", path, nd.Meta.Outlet.Value, nd != old)
	}
	for _, d := range next.Docs() {
		if d.Path != path && d != p.Doc(d.Path) {
			t.Errorf("%s: copied though its metadata did not change", d.Path)
		}
	}

	na, err := r.a.WithProject(context.Background(), next)
	if err != nil {
		t.Fatal(err)
	}
	if outlets(r.a)[renamed] || !outlets(r.a)["Harbor Wire"] {
		t.Errorf("old analysis' outlets %v", outlets(r.a))
	}
	if !outlets(na)[renamed] || outlets(na)["Harbor Wire"] {
		t.Errorf("new analysis' outlets %v, want %q", outlets(na), renamed)
	}
	if na.ents != r.a.ents || na.project != next {
		t.Error("the new analysis did not keep the entities or does not point at the new project")
	}
}

func outlets(a *Analysis) map[string]bool {
	out := map[string]bool{}
	for _, d := range a.Framing().Documents {
		out[d.Outlet] = true
	}
	return out
}

// TestEditOverridesLeavesPublishedProject edits a stance through
// EditOverrides while an analysis reads the project.
func TestEditOverridesLeavesPublishedProject(t *testing.T) {
	dir := testcorpus.DemoProjectCopy(t)
	p, err := Open(context.Background(), dir, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	const path = "01_harbor_wire.txt"
	done := make(chan error, 1)
	go func() {
		_, err := Analyse(context.Background(), p, Options{Workers: 2})
		done <- err
	}()
	next, err := p.EditOverrides(func(ov *sourcemeta.Overrides) error {
		if err := ov.SetField(path, "outlet", "Edited Outlet"); err != nil {
			return err
		}
		return ov.SetDocumentStance(path, "critical")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if l, _ := p.Stance(p.Doc(path)); l == "critical" || p.Doc(path).Meta.Outlet.Value == "Edited Outlet" {
		t.Errorf("published project changed: stance %q, outlet %q", l, p.Doc(path).Meta.Outlet.Value)
	}
	if l, _ := next.Stance(next.Doc(path)); l != "critical" || next.Doc(path).Meta.Outlet.Value != "Edited Outlet" {
		t.Errorf("new project: stance %q, outlet %q", l, next.Doc(path).Meta.Outlet.Value)
	}
	// saved: a project opened again sees the edit
	again, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Doc(path).Meta.Outlet.Value != "Edited Outlet" {
		t.Errorf("edit not saved: %+v", again.Doc(path).Meta.Outlet)
	}
}

// A stance-only change keeps every document value, so the new analysis
// shares the search index and coverage and only relabels the framing
// (documents and outlets).
func TestWithProjectStanceOnly(t *testing.T) {
	a := openDemo(t, Options{Workers: 2})
	const path = "01_harbor_wire.txt"
	next, err := a.project.EditOverrides(func(ov *sourcemeta.Overrides) error {
		return ov.SetDocumentStance(path, "critical")
	})
	if err != nil {
		t.Fatal(err)
	}
	na, err := a.WithProject(context.Background(), next)
	if err != nil {
		t.Fatal(err)
	}
	if na.Search() != a.Search() || na.ents != a.ents || na.project != next {
		t.Error("a stance-only change rebuilt the search index or the entities")
	}
	df := na.DocumentFraming(path)
	if df == nil || df.Stance != "critical" {
		t.Fatalf("framing of %s: %+v", path, df)
	}
	if old := a.DocumentFraming(path); old.Stance == "critical" {
		t.Error("the published analysis changed")
	}
	var found bool
	for _, o := range na.Framing().Outlets {
		if o.Outlet == df.Outlet {
			found = slices.Contains(o.Stances, "critical")
		}
	}
	if !found {
		t.Errorf("outlet %q does not list the new stance", df.Outlet)
	}
}
