// Package exports lays out every table the panels and the report show as a
// flat table, one row per fact, with stable column names, for CSV export
// from the CLI (--csv) and the app (File ▸ Export). The column names are a
// contract documented in the README.
package exports

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/csvexport"
	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/groups"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// Table is one exportable table.
type Table struct {
	// Name is the table's file stem and --table value ("documents").
	Name string
	// Title says what a row is, for menus.
	Title   string
	Columns []string
	rows    func(row func(cells ...any))
}

// WriteCSV writes the table as CSV (UTF-8 with BOM, formula-like cells
// neutralised).
func (t Table) WriteCSV(w io.Writer) error {
	cw := csvexport.NewWriter(w, t.Columns...)
	t.rows(cw.Row)
	if err := cw.Flush(); err != nil {
		return fmt.Errorf("table %s: %w", t.Name, err)
	}
	return nil
}

// Rows counts the table's rows (by producing them).
func (t Table) Rows() int {
	n := 0
	t.rows(func(...any) { n++ })
	return n
}

// Find returns the table called name from ts.
func Find(ts []Table, name string) (Table, error) {
	var names []string
	for _, t := range ts {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return Table{}, fmt.Errorf("no table %q (have: %s)", name, strings.Join(names, ", "))
}

// Documents is one row per document with its metadata, stance and where
// each came from.
func Documents(p *project.Project) Table {
	return Table{Name: "documents", Title: "Documents with metadata",
		Columns: []string{"path", "format", "encoding", "title", "outlet", "outlet_source", "author", "date", "date_source",
			"url", "language", "words", "boilerplate_chars", "mixed_script_words", "stance", "stance_source", "stance_rule", "extra"},
		rows: func(row func(...any)) {
			for _, d := range p.Docs {
				m := d.Meta
				st := p.StanceOf(d)
				body := d.Body()
				row(d.Path, string(d.Format), d.Encoding, m.Title.Value, m.Outlet.Value, provenance(m.Outlet), m.Author.Value,
					m.Date.Value, provenance(m.Date), m.URL.Value, m.Language.Value, d.BodyWords(), d.BoilerplateChars(),
					len(textnorm.FindMixedScript(body).Words), st.Label, st.Source, st.Rule, extra(p, d))
			}
		}}
}

func provenance(f document.Field) string {
	if f.Value == "" {
		return ""
	}
	if f.Rule != "" {
		return string(f.Source) + ":" + f.Rule
	}
	return string(f.Source)
}

func extra(p *project.Project, d *document.Document) string {
	if p.Sidecar == nil {
		return ""
	}
	ex := p.Sidecar.Extra(d.Path)
	keys := make([]string, 0, len(ex))
	for k := range ex {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + ex[k]
	}
	return strings.Join(parts, "; ")
}

// Analysis lists the tables of an analysis: entities and their forms,
// suggested merges, naming and descriptors per outlet, loaded terms per
// outlet, voices, shared passages, coverage, and the documents.
func Analysis(a *engine.Analysis) []Table {
	ts := []Table{Documents(a.Project.Project)}
	if a.Entities != nil {
		ts = append(ts, Table{Name: "entity_forms", Title: "Entities with their forms and counts",
			Columns: []string{"entity_id", "entity", "kind", "entity_mentions", "entity_documents", "form", "form_count"},
			rows: func(row func(...any)) {
				for _, e := range a.Entities.Entities {
					for _, f := range e.Forms {
						row(e.ID, e.Name, e.Kind.String(), len(e.Mentions), len(e.Documents), f.Text, f.Count)
					}
				}
			}}, Table{Name: "suggestions", Title: "Suggested entity merges",
			Columns: []string{"suggestion_id", "entity_a", "entity_b", "form_a", "form_b", "reason", "confidence"},
			rows: func(row func(...any)) {
				for _, s := range a.Entities.Suggestions {
					row(s.ID, s.AName, s.BName, s.FormA, s.FormB, s.Reason, s.Confidence)
				}
			}})
	}
	if f := a.Framing; f != nil {
		ts = append(ts, Table{Name: "naming", Title: "How each outlet names each entity",
			Columns: []string{"entity_id", "entity", "outlet", "outlet_documents", "outlet_mentions", "form", "form_count"},
			rows: func(row func(...any)) {
				for _, e := range f.Entities {
					for _, o := range e.Outlets {
						for _, fc := range o.Forms {
							row(e.ID, e.Name, o.Outlet, o.Documents, o.Mentions, fc.Form, fc.Count)
						}
					}
				}
			}}, Table{Name: "descriptors", Title: "How each outlet describes each entity",
			Columns: []string{"entity_id", "entity", "outlet", "descriptor", "relation", "count", "documents", "lexicon_categories"},
			rows: func(row func(...any)) {
				for _, e := range f.Entities {
					for _, o := range e.Outlets {
						for _, d := range o.Descriptors {
							row(e.ID, e.Name, o.Outlet, d.Text, d.Relation, d.Count, d.Documents, d.Categories)
						}
					}
				}
			}}, Table{Name: "terms", Title: "Loaded terms per outlet",
			Columns: []string{"outlet", "outlet_documents", "outlet_words", "category", "category_count", "category_per_1000_words", "term", "term_count"},
			rows: func(row func(...any)) {
				for _, o := range f.Outlets {
					for _, c := range o.Terms {
						for _, t := range c.Terms {
							row(o.Outlet, o.Documents, o.Words, c.Category, c.Count, c.Rate, t.Term, t.Count)
						}
					}
				}
			}}, Table{Name: "voices", Title: "Who each outlet quotes",
			Columns: []string{"outlet", "speaker", "count", "direct", "documents"},
			rows: func(row func(...any)) {
				for _, o := range f.Outlets {
					for _, v := range o.Voices {
						row(o.Outlet, v.Speaker, v.Count, v.Direct, v.Documents)
					}
				}
			}}, Table{Name: "quotations", Title: "Every quotation and attribution, by document",
			Columns: []string{"path", "outlet", "speaker", "resolved_speaker", "verb", "direct", "quote", "start", "end"},
			rows: func(row func(...any)) {
				for _, d := range f.Documents {
					for _, s := range d.Sources {
						row(d.Path, d.Outlet, s.Speaker, s.Resolved, s.Verb, s.Direct, s.Quote, s.Start, s.End)
					}
				}
			}})
	}
	ts = append(ts, Passages(a.Passages), Table{Name: "coverage", Title: "Mentions of each entity per document",
		Columns: []string{"entity_id", "entity", "kind", "path", "outlet", "date", "mentions"},
		rows: func(row func(...any)) {
			m := a.Coverage
			for _, r := range m.Rows {
				for c, n := range r.Counts {
					if n > 0 {
						d := m.Docs[c]
						row(r.ID, r.Name, r.Kind, d.Path, d.Outlet, d.Date, n)
					}
				}
			}
		}})
	return ts
}

// Passages is one row per span of each shared passage.
func Passages(ps []reuse.Passage) Table {
	return Table{Name: "passages", Title: "Shared passages, one row per document span",
		Columns: []string{"passage_id", "passage_words", "similarity", "quoted", "path", "start", "end", "span_words", "text"},
		rows: func(row func(...any)) {
			for _, p := range ps {
				for _, s := range p.Spans {
					row(p.ID, p.Words, p.Similarity, p.Quoted, s.Path, s.Start, s.End, s.Words, s.Text)
				}
			}
		}}
}

// Distinctive is one row per group and distinctive term.
func Distinctive(res *distinctive.Result) Table {
	return Table{Name: "distinctive", Title: "Distinctive terms per group",
		Columns: []string{"group", "group_documents", "rank", "term", "words", "z", "log_odds", "count", "count_elsewhere", "documents", "lexicon_categories"},
		rows: func(row func(...any)) {
			for _, g := range res.Groups {
				for i, t := range g.Terms {
					row(g.Group, g.Documents, i+1, t.Term, t.Words, t.Z, t.LogOdds, t.Count, t.Rest, t.Documents, t.Categories)
				}
			}
		}}
}

// BlindSpots is one row per group and entity mentioned in that group only.
func BlindSpots(res *groups.Result) Table {
	return Table{Name: "blindspots", Title: "Entities only one group mentions",
		Columns: []string{"group", "entity_id", "entity", "kind", "mentions", "documents", "paths"},
		rows: func(row func(...any)) {
			for _, g := range res.Groups {
				for _, e := range g.Entities {
					row(g.Group, e.ID, e.Name, e.Kind, e.Mentions, len(e.Docs), e.Docs)
				}
			}
		}}
}

// GroupCoverage is one row per entity and group.
func GroupCoverage(res *groups.Result) Table {
	return Table{Name: "group_coverage", Title: "Coverage of the main entities by group",
		Columns: []string{"entity_id", "entity", "group", "documents", "mentions", "share"},
		rows: func(row func(...any)) {
			for _, r := range res.Coverage {
				for _, g := range r.Groups {
					row(r.ID, r.Name, g.Group, g.Documents, g.Mentions, g.Share)
				}
			}
		}}
}

// Annotations is one row per annotation of every workspace given.
func Annotations(wss []*workspace.Workspace) Table {
	return Table{Name: "annotations", Title: "Coded annotations of the workspaces",
		Columns: []string{"workspace", "annotation_id", "path", "start", "end", "quote", "note", "tags", "orphaned", "created", "modified"},
		rows: func(row func(...any)) {
			for _, ws := range wss {
				for _, an := range ws.Annotations {
					row(ws.Name, an.ID, an.Path, an.Span.Start, an.Span.End, an.Quote, an.Note, an.Tags, an.Orphaned,
						an.Created.UTC().Format("2006-01-02T15:04:05Z"), an.Modified.UTC().Format("2006-01-02T15:04:05Z"))
				}
			}
		}}
}

// ProjectAnnotations reads every workspace of the project in dir and
// returns their annotations' table, with a warning for each workspace that
// does not load (left out).
func ProjectAnnotations(ctx context.Context, dir string) (Table, []string, error) {
	return ProjectAnnotationsIn(ctx, dir, workspace.Options{})
}

// ProjectAnnotationsIn is ProjectAnnotations with the workspaces opened
// with opts (a project store's state, when the project has one).
func ProjectAnnotationsIn(ctx context.Context, dir string, opts workspace.Options) (Table, []string, error) {
	store, err := workspace.OpenStore(dir, opts)
	if err != nil {
		return Table{}, nil, err
	}
	sums, err := store.List(ctx)
	if err != nil {
		return Table{}, nil, err
	}
	var (
		wss      []*workspace.Workspace
		warnings []string
	)
	for _, sum := range sums {
		if sum.Error != "" {
			warnings = append(warnings, fmt.Sprintf("workspace %s does not load and is left out: %s", sum.Name, sum.Error))
			continue
		}
		ws, err := store.Load(sum.Name)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("workspace %s is left out: %v", sum.Name, err))
			continue
		}
		wss = append(wss, ws)
	}
	return Annotations(wss), warnings, nil
}
