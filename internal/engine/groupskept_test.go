package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// TestUpdateKeepsGroupsOnlyWhenExact: an update takes the previous
// grouping over only when the mention list, the gazetteer and the
// decisions are the same (a sentence with no name appended); a name
// added, decisions changed, or a previous analysis regrouped after new
// decisions group again. Each step equals a full analysis.
func TestUpdateKeepsGroupsOnlyWhenExact(t *testing.T) {
	ctx := context.Background()
	dir := testcorpus.DemoProjectCopy(t)
	opts := Options{Incremental: true, Workers: 2}
	_, prev := openAnalysed(t, dir, opts)
	f := filepath.Join(dir, "01_harbor_wire.txt")
	appendText := func(s string) {
		t.Helper()
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, append(b, s...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step := func(what string, from *Analysis, wantKept bool) *Analysis {
		t.Helper()
		pu, err := Open(ctx, dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Update(ctx, from, pu, opts)
		if err != nil {
			t.Fatal(err)
		}
		sameAsFullAnalysis(t, what, got, dir)
		u := got.Updated()
		if u.Fallback != "" || u.GroupsKept != wantKept {
			t.Fatalf("%s: %+v, want the groups kept: %v", what, u, wantKept)
		}
		return got
	}

	appendText("\n\nit was said that the talks would resume next week.\n")
	prev = step("a sentence without a name", prev, true)
	if len(prev.ents.Entities) == 0 {
		t.Fatal("no entities in the demo project")
	}
	// kept twice in a row: the kept analysis is fresh for the next one too
	appendText("\n\nnothing more was said.\n")
	prev = step("another sentence without a name", prev, true)

	appendText("\n\nLater, Odile Varga met reporters in Kessel.\n")
	prev = step("a name added", prev, false)

	// other decisions, the same text: grouped again
	dec := &alias.Decisions{Version: alias.DecisionsVersion}
	e := prev.ents.Entities[0]
	dec.RenameEntity(e.Forms[0].Text, "Renamed "+e.Name)
	if err := dec.Save(dir); err != nil {
		t.Fatal(err)
	}
	prev = step("decisions changed", prev, false)
	prev = step("nothing changed after the decisions", prev, true)

	// a previous analysis regrouped after new decisions grouped a list an
	// earlier grouping reordered: never taken over
	dec.RenameEntity(e.Forms[0].Text, "Renamed again")
	if err := dec.Save(dir); err != nil {
		t.Fatal(err)
	}
	regrouped, err := prev.Regroup(ctx, dec)
	if err != nil {
		t.Fatal(err)
	}
	step("nothing changed after a regroup", regrouped, false)
}
