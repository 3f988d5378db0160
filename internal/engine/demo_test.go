package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// These tests run the whole engine on the demo project that ships inside
// the binaries, so they run in every clone, with or without ../shared.

func openDemo(t *testing.T, opts Options) *Analysis {
	t.Helper()
	dir := testcorpus.DemoProjectCopy(t)
	p, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	a, err := Analyse(context.Background(), p, opts)
	if err != nil {
		t.Fatalf("Analyse: %v", err)
	}
	return a
}

func TestDemoOpensEveryArticle(t *testing.T) {
	a := openDemo(t, Options{})
	p := a.project
	want := testcorpus.DemoArticles(t)
	var got []string
	for _, d := range p.Docs() {
		got = append(got, d.Path)
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("%s: no text", d.Path)
		}
		if d.Meta.Title.Value == "" {
			t.Errorf("%s: no title", d.Path)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("documents %v, want every demo article %v", got, want)
	}
	if len(p.Problems()) != 0 {
		t.Errorf("problems on the demo: %+v", p.Problems())
	}
	if p.folded.len() != p.NumDocs() {
		t.Errorf("%d folded texts for %d documents", p.folded.len(), p.NumDocs())
	}
	if len(a.ents.Entities) == 0 || a.Framing() == nil || len(a.Framing().Documents) != p.NumDocs() {
		t.Errorf("analysis: %d entities, framing %v", len(a.ents.Entities), a.Framing() != nil)
	}
}

func TestDemoDisguisedCopyIsFound(t *testing.T) {
	a := openDemo(t, Options{})
	// 02 is the wire story of 01 rewritten with Cyrillic and Greek
	// look-alike letters: the copy must be found across the disguise.
	for _, ps := range a.passages {
		var in01, in02 bool
		for _, s := range ps.Spans {
			in01 = in01 || strings.HasPrefix(s.Path, "01_")
			in02 = in02 || strings.HasPrefix(s.Path, "02_")
		}
		if in01 && in02 && ps.Words >= 30 {
			return
		}
	}
	t.Errorf("no passage of 30 words or more shared by 01 and its disguised copy 02 among %d passages", len(a.passages))
}

func TestDemoSearchGroupsSpellings(t *testing.T) {
	a := openDemo(t, Options{})
	hits := a.Search().Entities("rashidy", 5)
	if len(hits) == 0 || !strings.Contains(strings.ToLower(hits[0].Name), "rashid") {
		t.Fatalf("search rashidy = %+v, want the Rashidi entity first", hits)
	}
	e := a.ents.Entity(hits[0].ID)
	if e == nil || len(e.Forms) < 3 || len(e.Documents) < 3 {
		t.Fatalf("the Rashidi entity should group several spellings across documents: %+v", e)
	}
	rows := a.Search().Mentions(hits[0].ID)
	outlets := map[string]bool{}
	for _, r := range rows {
		outlets[r.Outlet] = true
	}
	if len(rows) < len(e.Documents) || len(outlets) < 3 {
		t.Errorf("%d mentions from %d outlets listed for an entity in %d documents", len(rows), len(outlets), len(e.Documents))
	}
}

func TestDemoRegroupLeavesThePublishedAnalysis(t *testing.T) {
	a := openDemo(t, Options{})
	var first, second *alias.Entity
	for _, e := range a.ents.Entities {
		if len(e.Mentions) < 2 {
			continue
		}
		if first == nil {
			first = e
		} else if second == nil {
			second = e
		}
	}
	if second == nil {
		t.Fatal("the demo has fewer than two entities with two mentions")
	}
	before, keys := len(a.ents.Entities), firstMentionKeys(a)
	dec := &alias.Decisions{}
	dec.Merge(first.Name, second.Name)
	next, err := a.Regroup(context.Background(), dec)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(next.ents.Entities); got != before-1 {
		t.Errorf("after merging %q and %q: %d entities, want %d", first.Name, second.Name, got, before-1)
	}
	if len(a.ents.Entities) != before || !slices.Equal(firstMentionKeys(a), keys) {
		t.Error("Regroup changed the analysis it started from")
	}
}

func TestDemoSameResultWithOneWorker(t *testing.T) {
	many := openDemo(t, Options{})
	one := openDemo(t, Options{Workers: 1})
	if a, b := firstMentionKeys(many), firstMentionKeys(one); !slices.Equal(a, b) {
		t.Errorf("entities differ with one worker:\n%v\n%v", a, b)
	}
	if len(many.passages) != len(one.passages) {
		t.Errorf("%d passages with several workers, %d with one", len(many.passages), len(one.passages))
	}
}

func TestDemoAnalyseCancelled(t *testing.T) {
	dir := testcorpus.DemoProjectCopy(t)
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyse(ctx, p, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Analyse on a cancelled context: %v, want context.Canceled", err)
	}
}
