package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// openSample opens a copy of the sample project, so the cache and analyst
// files the engine writes never touch ../shared.
func openSample(t *testing.T) *Project {
	t.Helper()
	dir := testcorpus.SampleProjectCopy(t)
	var stages []Stage
	p, err := Open(context.Background(), dir, Options{Progress: func(pr Progress) { stages = append(stages, pr.Stage) }})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if len(stages) == 0 || stages[0] != StageReading || stages[len(stages)-1] != StageReading {
		t.Errorf("progress stages = %v, want reading only (the texts are folded when first needed)", stages)
	}
	if p.folded.len() != p.NumDocs() {
		t.Fatalf("%d folded texts for %d documents", p.folded.len(), p.NumDocs())
	}
	if n := p.folded.folds.Load(); n != 0 {
		t.Errorf("Open folded %d texts, want none before they are needed", n)
	}
	return p
}

func TestAnalyseSampleProject(t *testing.T) {
	p := openSample(t)
	if p.NumDocs() != 5 {
		t.Fatalf("%d documents, want 5", p.NumDocs())
	}
	a, err := Analyse(context.Background(), p, Options{})
	if err != nil {
		t.Fatalf("Analyse: %v", err)
	}
	if len(a.warnings) != 0 {
		t.Errorf("warnings: %v", a.warnings)
	}

	// Al Qaim is named, however spelled, by every article but The Duran's.
	qaim := a.ents.EntityOf("al-Qa'im")
	if qaim == nil {
		t.Fatal("no entity for al-Qa'im")
	}
	if want := "000_8a488919ad26b5b5.txt 001_fe4119f0101185b7.txt 003_36071b8ad8be61a2.txt 004_b37ff82c4dbbe2a9.txt"; strings.Join(qaim.Documents, " ") != want {
		t.Errorf("al-Qaim entity %q is in %v, want %s", qaim.Name, qaim.Documents, want)
	}
	if hits := a.Search().Entities("qaim", 5); len(hits) == 0 || hits[0].ID != qaim.ID {
		t.Errorf("search qaim = %+v, want %s first", hits, qaim.ID)
	}

	// 000 and 001 share passages.
	var shared bool
	for _, ps := range a.passages {
		paths := map[string]bool{}
		for _, s := range ps.Spans {
			paths[s.Path] = true
		}
		if paths["000_8a488919ad26b5b5.txt"] && paths["001_fe4119f0101185b7.txt"] {
			for _, s := range ps.Spans {
				if strings.Contains(s.Text, "paychecks from Baghdad") {
					shared = true
				}
			}
		}
	}
	if !shared {
		t.Errorf("the paychecks passage of 000 and 001 was not found among %d passages", len(a.passages))
	}

	if a.Framing() == nil || len(a.Framing().Documents) != 5 {
		t.Fatalf("framing covers %v documents, want 5", a.Framing())
	}
	if len(a.Coverage().Docs) != 5 || len(a.Coverage().Rows) == 0 {
		t.Errorf("coverage matrix %d×%d", len(a.Coverage().Rows), len(a.Coverage().Docs))
	}
	dated := 0
	for _, lane := range a.timeline.Lanes {
		dated += len(lane.Docs)
	}
	if dated+len(a.timeline.Undated) != 5 {
		t.Errorf("timeline holds %d dated + %d undated documents, want 5", dated, len(a.timeline.Undated))
	}
}

// firstMentionKeys lists, per entity, the key of its first mention: what a
// regrouping that wrote into shared mentions would change.
func firstMentionKeys(a *Analysis) []string {
	var out []string
	for _, e := range a.ents.Entities {
		if len(e.Mentions) > 0 {
			out = append(out, e.Name+"="+e.Mentions[0].Key)
		}
	}
	return out
}

func TestRegroupAppliesDecisions(t *testing.T) {
	p := openSample(t)
	a, err := Analyse(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hez, kh := a.ents.EntityOf("Hezbollah"), a.ents.EntityOf("Kata'ib Hezbollah")
	if hez == nil || kh == nil || hez.ID == kh.ID {
		t.Fatalf("Hezbollah and Kata'ib Hezbollah must start apart: %v, %v", hez, kh)
	}
	before := len(a.ents.Entities)

	// The analyst merges them by hand: one entity less, everywhere.
	dec := &alias.Decisions{}
	dec.Merge("Hezbollah", "Kata'ib Hezbollah")
	base := a
	baseFirst := firstMentionKeys(base)
	a, err = a.Regroup(context.Background(), dec)
	if err != nil {
		t.Fatal(err)
	}
	if got := firstMentionKeys(base); !slices.Equal(got, baseFirst) || len(base.ents.Entities) != before {
		t.Error("Regroup changed the analysis it started from")
	}
	if got := len(a.ents.Entities); got != before-1 {
		t.Errorf("after the merge %d entities, want %d", got, before-1)
	}
	merged := a.ents.EntityOf("Hezbollah")
	if merged == nil || a.ents.EntityOf("Kata'ib Hezbollah") != merged {
		t.Fatal("the merged forms are not one entity")
	}
	if hits := a.Search().Entities("kataib", 3); len(hits) == 0 || hits[0].ID != merged.ID {
		t.Errorf("search after the merge = %+v, want the merged entity", hits)
	}

	// Splitting the form out again restores the two entities.
	dec.SplitForm("Kata'ib Hezbollah")
	if a, err = a.Regroup(context.Background(), dec); err != nil {
		t.Fatal(err)
	}
	if got := len(a.ents.Entities); got != before {
		t.Errorf("after the split %d entities, want %d", got, before)
	}
}

func TestAnalyseCancelled(t *testing.T) {
	p := openSample(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyse(ctx, p, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Analyse on a cancelled context = %v, want context.Canceled", err)
	}
}

func TestMostMentionedKeepsTheLargestInOrder(t *testing.T) {
	ents := []coverage.EntityMentions{
		{ID: "a", Name: "A", Docs: map[string]int{"x": 1}},
		{ID: "b", Name: "B", Docs: map[string]int{"x": 5, "y": 1}},
		{ID: "c", Name: "C", Docs: map[string]int{"y": 3}},
		{ID: "d", Name: "D", Docs: map[string]int{"y": 3}},
	}
	got := mostMentioned(ents, 2)
	if len(got) != 2 || got[0].ID != "b" || got[1].ID != "c" {
		t.Errorf("mostMentioned = %+v, want b then c (ties by name)", got)
	}
	if all := mostMentioned(ents, 10); len(all) != 4 {
		t.Errorf("under the bound every entity stays: %d", len(all))
	}
}

func TestAnalyseWithOneWorker(t *testing.T) {
	p := openSample(t)
	a, err := Analyse(context.Background(), p, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Analyse(context.Background(), p, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.passages) == 0 || len(a.passages) != len(b.passages) || len(a.ents.Entities) != len(b.ents.Entities) {
		t.Errorf("one worker: %d passages, %d entities; two: %d, %d",
			len(a.passages), len(a.ents.Entities), len(b.passages), len(b.ents.Entities))
	}
}
