package paneltest

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// fixtureDoc is one made-up article of the fixture.
type fixtureDoc struct {
	path, outlet, date, title, body string
}

var fixtureDocs = []fixtureDoc{
	{"a_harbor.txt", "Harbor Wire", "2024-03-02", "Talks reopen at the Nordvik crossing",
		"Officials from Marvania and Tessaly met at the Nordvik crossing on Monday. Arno Pelt said the talks were useful. Hadi Amiri watched."},
	{"b_harbor.txt", "Harbor Wire", "2024-03-05", "Crossing stays open after talks",
		"The Nordvik crossing stayed open on Thursday. Arno Pelt said Marvania wanted calm. The Border Council watched the Nordvik crossing."},
	{"c_ridge.txt", "Ridge Daily", "2024-03-03", "A fragile calm at Nordvik",
		"Residents near Nordvik fear the militia will return. Hadi Ameri told reporters that Tessaly had broken its promises."},
	{"d_valley.txt", "Valley Post", "", "Valley notes on the border",
		"Traders in Tessaly complain that the Nordvik crossing is slow. Marvania blames the Border Council."},
}

// fixtureNames are the names the fixture marks in the texts, with kinds.
var fixtureNames = []struct {
	text string
	kind entity.Kind
}{
	{"Nordvik", entity.Place}, {"Marvania", entity.Place}, {"Tessaly", entity.Place},
	{"Border Council", entity.Organisation}, {"Arno Pelt", entity.Person},
	{"Hadi Amiri", entity.Person}, {"Hadi Ameri", entity.Person},
}

// Fixture returns a controller holding a small made-up project and an
// analysis built from hand-marked mentions rather than from extraction, so
// that golden renderings do not change when the extraction rules do. Its
// grouping suggests merging "Hadi Amiri" and "Hadi Ameri". Nothing is
// written to disk but the (empty) project folder.
func Fixture(tb testing.TB) (*state.Controller, *engine.Analysis) {
	tb.Helper()
	dir := tb.TempDir()
	var docs []*document.Document
	var ms []entity.Mention
	for _, f := range fixtureDocs {
		text := f.title + "\n\n" + f.body + "\n"
		d := &document.Document{Path: f.path, Format: document.FormatText, Encoding: "utf-8", Text: text}
		d.Meta.Title = document.Field{Value: f.title, Source: document.FromText, Rule: "first-line", Confidence: 0.6}
		d.Meta.Outlet = document.Field{Value: f.outlet, Source: document.FromSidecar, Rule: "sources.csv:outlet", Confidence: 1}
		if f.date != "" {
			d.Meta.Date = document.Field{Value: f.date, Source: document.FromSidecar, Rule: "sources.csv:date", Confidence: 1}
		}
		docs = append(docs, d)
		for _, n := range fixtureNames {
			for off := 0; ; {
				i := strings.Index(text[off:], n.text)
				if i < 0 {
					break
				}
				s := off + i
				ms = append(ms, entity.Mention{Doc: f.path, Span: document.Span{Start: s, End: s + len(n.text)},
					Text: n.text, Key: entity.Key(n.text), Kind: n.kind, Evidence: "fixture"})
				off = s + len(n.text)
			}
		}
	}
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	ov := sourcemeta.NewOverrides()
	ep := engine.AssembleProject(project.Assemble(dir, docs, ov), folded)
	dec := &alias.Decisions{Version: alias.DecisionsVersion}
	grouped := alias.Group(ms, nil, dec)
	cdocs := coverage.DocsOf(docs)
	var ents []coverage.EntityMentions
	for _, e := range grouped.Entities {
		counts := map[string]int{}
		for _, m := range e.Mentions {
			counts[m.Doc]++
		}
		ents = append(ents, coverage.EntityMentions{ID: e.ID, Name: e.Name, Kind: e.Kind.String(), Docs: counts})
	}
	fr, err := framing.Analyse(context.Background(), docs, folded, engine.FramingInput(grouped), nil, nil)
	if err != nil {
		tb.Fatal(err)
	}
	a := engine.Assemble(engine.Parts{Project: ep, Mentions: ms, Decisions: dec, Entities: grouped,
		Search: search.NewIndex(docs, folded, grouped), Coverage: coverage.NewMatrix(cdocs, ents),
		Timeline: coverage.NewTimeline(cdocs), Framing: fr})
	c := state.New()
	c.SetProject(&state.Project{Dir: dir, Docs: docs, Source: ep,
		Stance: func(d *document.Document) string { l, _ := ov.Stance(d); return l }})
	c.SetAnalysis(a)
	return c, a
}
