package engine

import (
	"context"
	"fmt"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/groups"
	"github.com/parallaxworkbench/parallax/resources"
)

// The groupings every project offers; a sidecar table adds its extra
// columns (country, ownership…).
const (
	ByOutlet   = "outlet"
	ByStance   = "stance"
	ByLanguage = "language"
)

// Groupings lists the ways the project's documents can be grouped: outlet,
// stance, language, then the sidecar table's extra columns, sorted.
func (p *Project) Groupings() []string {
	out := []string{ByOutlet, ByStance, ByLanguage}
	if p.Sidecar() == nil {
		return out
	}
	seen := map[string]bool{ByOutlet: true, ByStance: true, ByLanguage: true}
	var extra []string
	for _, d := range p.Docs() {
		for col := range p.Sidecar().Extra(d.Path) {
			if !seen[col] {
				seen[col] = true
				extra = append(extra, col)
			}
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

// GroupFunc returns the function naming a document's group under the
// grouping by (one of Groupings); "" means the document has no value.
func (p *Project) GroupFunc(by string) (func(*document.Document) string, error) {
	by = strings.ToLower(strings.TrimSpace(by))
	switch by {
	case ByOutlet:
		return func(d *document.Document) string { return strings.Join(strings.Fields(d.Meta.Outlet.Value), " ") }, nil
	case ByStance:
		return func(d *document.Document) string { return p.StanceOf(d).Label }, nil
	case ByLanguage:
		return func(d *document.Document) string { return strings.ToLower(strings.TrimSpace(d.Meta.Language.Value)) }, nil
	}
	for _, g := range p.Groupings() {
		if g == by {
			return func(d *document.Document) string {
				return strings.Join(strings.Fields(p.Sidecar().Extra(d.Path)[by]), " ")
			}, nil
		}
	}
	return nil, fmt.Errorf("no grouping %q in this project (have: %s)", by, strings.Join(p.Groupings(), ", "))
}

// Distinctive finds the terms most distinctive of each group under the
// grouping by (see package distinctive).
func (a *Analysis) Distinctive(ctx context.Context, by string, opts distinctive.Options) (*distinctive.Result, error) {
	return a.project.Distinctive(ctx, by, a.lexicon, opts)
}

// Distinctive finds the terms most distinctive of each group under the
// grouping by without the rest of the analysis; lex (may be nil) annotates
// the terms with its categories.
func (p *Project) Distinctive(ctx context.Context, by string, lex *framing.Lexicon, opts distinctive.Options) (*distinctive.Result, error) {
	group, err := p.GroupFunc(by)
	if err != nil {
		return nil, err
	}
	langs, err := profiles.Default()
	if err != nil {
		return nil, fmt.Errorf("load the shipped stop words: %w", err)
	}
	sw := distinctive.StopwordsFrom(langs)
	return distinctive.Analyse(ctx, distinctive.Input{Docs: p.Docs(), Group: group, Stopwords: sw, Lexicon: lex}, opts)
}

// Lexicon loads the shipped lexicon with the project's own, or the shipped
// one alone (and a warning) when the project's does not load.
func (p *Project) Lexicon() (*framing.Lexicon, []string, error) {
	lex, err := framing.LoadLexiconFrom(context.Background(), resources.Lexicon, p.State())
	if err == nil {
		return lex, nil, nil
	}
	warn := err.Error()
	lex, err = framing.LoadLexicon(resources.Lexicon, "")
	if err != nil {
		return nil, nil, fmt.Errorf("load the shipped lexicon: %w", err)
	}
	return lex, []string{warn}, nil
}

// CompareGroups compares the groups under the grouping by: coverage, the
// entities, shared passages and distinctive terms of one group only, and
// how each group names the main actors (see package groups).
func (a *Analysis) CompareGroups(ctx context.Context, by string, opts groups.Options) (*groups.Result, error) {
	group, err := a.project.GroupFunc(by)
	if err != nil {
		return nil, err
	}
	labels := make(map[string]string, a.project.NumDocs())
	for _, d := range a.project.Docs() {
		labels[d.Path] = group(d)
	}
	res := groups.Compare(groups.Input{
		Docs: coverage.DocsOf(a.project.Docs()), Group: labels,
		Entities: coverageInput(a.ents), Passages: a.passages, Framing: a.framing.get(),
	}, opts)
	if len(res.Groups) < 2 {
		return res, nil
	}
	dist, err := a.Distinctive(ctx, by, distinctive.Options{Top: MaxExclusiveTerms, MaxOccurrences: 1, Exclusive: true})
	if err != nil {
		return nil, err
	}
	for _, dg := range dist.Groups {
		for i := range res.Groups {
			if res.Groups[i].Group != dg.Group {
				continue
			}
			for _, t := range dg.Terms {
				if t.Rest == 0 {
					res.Groups[i].Terms = append(res.Groups[i].Terms, groups.Term{Term: t.Term, Count: t.Count, Documents: t.Documents, Z: t.Z})
				}
			}
		}
	}
	return res, nil
}

// MaxExclusiveTerms bounds the terms of one group only listed per group.
const MaxExclusiveTerms = 30
