package engine_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// The snapshot types keep their state in unexported fields, so code outside
// their packages can only read it through the accessors. engine.Project
// embeds *project.Project for its methods; that is the one exported field.
func TestSnapshotFieldsUnexported(t *testing.T) {
	tests := []struct {
		typ     reflect.Type
		allowed map[string]bool
	}{
		{reflect.TypeFor[engine.Analysis](), nil},
		{reflect.TypeFor[engine.Project](), map[string]bool{"Project": true}},
		{reflect.TypeFor[project.Project](), nil},
	}
	for _, tt := range tests {
		for i := range tt.typ.NumField() {
			f := tt.typ.Field(i)
			if f.IsExported() && !tt.allowed[f.Name] {
				t.Errorf("%s.%s is exported: a published snapshot could be written through it", tt.typ, f.Name)
			}
		}
	}
}

// snapshotProject is the demo project with one of each thing the accessors
// hand out as copies: a skipped file and a symbolic link (Skipped,
// SkipReasons), a file that cannot be read (Problems), a sidecar row for a
// missing file (project Warnings), a wire-agency dateline (Origins) and a
// corrupt aliases.json (analysis Warnings).
func snapshotProject(t *testing.T) string {
	t.Helper()
	dir := testcorpus.DemoProjectCopy(t)
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("11_wire_copy.txt", "Talks resume at the crossing\n\nNORDVIK (Reuters) - Officials from Marvania and Tolos met on Monday at the Nordvik crossing. Lena Okafor said the talks were useful.\n")
	write("notes.xyz", "not an article")
	write("12_broken.pdf", "this is not a PDF file")
	write(alias.DecisionsFile, "{not json")
	csv := filepath.Join(dir, "sources.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte("99_missing.txt,Ghost Outlet,2025-03-20,Nobody,A missing article,https://ghost.example/1\n")...)
	if err := os.WriteFile(csv, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "01_harbor_wire.txt"), filepath.Join(dir, "13_link.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fingerprint is everything the accessors show, as JSON.
func fingerprint(t *testing.T, a *engine.Analysis) string {
	t.Helper()
	p := a.Project()
	var docs []string
	for _, d := range p.Docs() {
		docs = append(docs, d.Path+"|"+d.Meta.Outlet.Value+"|"+d.Text)
	}
	var folded []string
	for i := range p.NumDocs() {
		folded = append(folded, p.FoldedAt(i).Text)
	}
	var ms []entity.Mention
	for _, m := range a.Mentions() {
		ms = append(ms, m)
	}
	var ents []string
	for _, e := range a.Entities().Entities {
		ents = append(ents, e.ID+"|"+e.Name)
		for _, m := range e.Mentions {
			ents = append(ents, m.Doc+"|"+m.Text)
		}
	}
	b, err := json.Marshal(map[string]any{
		"dir": p.Dir(), "docs": docs, "folded": folded, "problems": p.Problems(), "skipped": p.Skipped(),
		"skipReasons": p.SkipReasons(), "origins": p.Origins(), "projectWarnings": p.Warnings(),
		"fromCache": p.FromCache(), "mentions": ms, "entities": ents, "passages": a.Passages(),
		"coverage": a.Coverage(), "exclusive": a.Exclusive(), "timeline": a.Timeline(),
		"warnings": a.Warnings(), "framing": a.Framing().Documents,
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Writing to everything an accessor returns must leave the analysis as it
// was.
func TestAccessorsHandOutCopies(t *testing.T) {
	dir := snapshotProject(t)
	p, err := engine.Open(context.Background(), dir, engine.Options{Workers: 2, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyse(context.Background(), p, engine.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// each list must have something in it, or writing to it proves nothing
	for name, n := range map[string]int{
		"Problems": len(p.Problems()), "Skipped": len(p.Skipped()), "SkipReasons": len(p.SkipReasons()),
		"Origins": len(p.Origins()), "project Warnings": len(p.Warnings()), "Warnings": len(a.Warnings()),
		"Passages": len(a.Passages()), "Exclusive": len(a.Exclusive()), "Docs": p.NumDocs(), "Mentions": a.NumMentions(),
	} {
		if n == 0 {
			t.Fatalf("the test project has no %s", name)
		}
	}
	before := fingerprint(t, a)

	docs := p.Docs()
	docs[0] = docs[1]
	folded := p.Folded()
	folded[0] = textnorm.Fold("changed")
	problems := p.Problems()
	problems[0].Path, problems[0].Error = "changed", "changed"
	skipped := p.Skipped()
	skipped[0] = "changed"
	reasons := p.SkipReasons()
	for k := range reasons {
		reasons[k] = "changed"
	}
	reasons["new"] = "added"
	origins := p.Origins()
	for k, v := range origins {
		v[0].Agency = "changed"
		origins[k] = nil
	}
	pw := p.Warnings()
	pw[0] = "changed"
	aw := a.Warnings()
	aw[0] = "changed"
	passages := a.Passages()
	passages[0].ID, passages[0].Spans[0].Path = "changed", "changed"
	exclusive := a.Exclusive()
	exclusive[0].Outlet, exclusive[0].Entities[0].Name = "changed", "changed"
	for _, m := range a.Mentions() {
		m.Text = "changed"
	}
	m := a.MentionAt(0)
	m.Doc = "changed"

	if after := fingerprint(t, a); after != before {
		t.Error("writing to what the accessors returned changed the analysis")
	}
	if p.DocAt(0) == p.DocAt(1) || p.FoldedAt(0).Text == "changed" || a.MentionAt(0).Doc == "changed" {
		t.Error("the project's documents, folded texts or mentions changed")
	}
}

// The window reads a published analysis while a new one is derived from it
// (alias decisions, stances, metadata, lexicon). Under -race a write to
// anything the readers reach is reported; without it the fingerprint must
// still be the same afterwards.
func TestReadWhileDeriving(t *testing.T) {
	dir := testcorpus.DemoProjectCopy(t)
	ctx := context.Background()
	p, err := engine.Open(ctx, dir, engine.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyse(ctx, p, engine.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entities().Entities) < 2 {
		t.Fatal("the demo has fewer than two entities")
	}
	before := fingerprint(t, a)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				// plain field reads, which the race detector sees (it
				// does not see what encoding/json reads through reflect)
				sink := 0
				pr := a.Project()
				for i := range pr.NumDocs() {
					d := pr.DocAt(i)
					sink += len(d.Path) + len(d.Meta.Outlet.Value) + len(d.Text) + len(pr.FoldedAt(i).Text)
					l, _ := pr.Stance(d)
					sink += len(l)
				}
				for _, m := range a.Mentions() {
					sink += m.Span.Start + len(m.Text)
				}
				for _, e := range a.Entities().Entities {
					sink += len(e.Name) + len(e.Mentions) + len(a.DocumentVoices(e.Documents[0]))
				}
				for _, d := range a.Framing().Documents {
					sink += len(d.Path) + len(d.Outlet) + len(d.Stance)
				}
				for _, r := range a.Coverage().Rows {
					sink += len(r.ID)
				}
				if sink == 0 {
					t.Error("read nothing")
					return
				}
			}
		}()
	}

	derive := []struct {
		name string
		fn   func() (*engine.Analysis, error)
	}{
		{"Regroup", func() (*engine.Analysis, error) {
			dec, err := alias.LoadDecisions(dir)
			if err != nil {
				return nil, err
			}
			es := a.Entities().Entities
			dec.Merge(es[0].Name, es[1].Name)
			return a.Regroup(ctx, dec)
		}},
		{"EditOverrides+WithProject", func() (*engine.Analysis, error) {
			np, err := a.Project().EditOverrides(func(ov *sourcemeta.Overrides) error {
				if err := ov.SetField("01_harbor_wire.txt", "outlet", "Edited Outlet"); err != nil {
					return err
				}
				return ov.SetDocumentStance("01_harbor_wire.txt", "critical")
			})
			if err != nil {
				return nil, err
			}
			return a.WithProject(ctx, np)
		}},
		{"Restance", func() (*engine.Analysis, error) { return a.Restance(), nil }},
		{"ReloadMetadata+WithProject", func() (*engine.Analysis, error) {
			return a.WithProject(ctx, a.Project().ReloadMetadata())
		}},
		{"ReloadLexicon", func() (*engine.Analysis, error) { return a.ReloadLexicon(ctx) }},
	}
	for _, d := range derive {
		next, err := d.fn()
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("%s: %v", d.name, err)
		}
		if next == a {
			t.Errorf("%s returned the published analysis itself", d.name)
		}
	}
	close(stop)
	wg.Wait()
	if after := fingerprint(t, a); after != before {
		t.Errorf("deriving new analyses changed the published one (%d bytes of fingerprint before, %d after)", len(before), len(after))
	}
	// the edits did reach the new values, so the comparison above means
	// something
	np := a.Project().ReloadMetadata()
	if d := np.Doc("01_harbor_wire.txt"); d == nil || d.Meta.Outlet.Value != "Edited Outlet" {
		t.Errorf("the override edit was not saved: %+v", d)
	}
	if d := a.Project().Doc("01_harbor_wire.txt"); strings.Contains(d.Meta.Outlet.Value, "Edited") {
		t.Errorf("the published project shows the edit: %q", d.Meta.Outlet.Value)
	}
}
