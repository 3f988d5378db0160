// Package groups compares groups of documents (by stance, outlet, language,
// country…): what each group covers, the entities and shared passages that
// appear in one group's documents only (its blind spots, seen from the
// other groups), and how each group names the main actors side by side. It
// takes neutral inputs (entities with mention counts per document, shared
// passages, per-document naming) so it does not depend on how those were
// found.
package groups

import (
	"cmp"
	"slices"
	"sort"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/docgroups"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/reuse"
)

// Input is what Compare needs.
type Input struct {
	// Docs are the documents' paths and outlets; Group[path] names each
	// document's group ("" or missing: left out).
	Docs  []coverage.Doc
	Group map[string]string
	// Entities with their mentions per document (coverage's input).
	Entities []coverage.EntityMentions
	Passages []reuse.Passage
	// Framing, when set, gives how each document names each entity.
	Framing *framing.Analysis
}

// Options tune Compare; the zero value gives the defaults.
type Options struct {
	// MaxEntities bounds the blind-spot entities listed per group
	// (default 50; < 0 all), most mentioned first.
	MaxEntities int
	// Actors is how many of the most mentioned entities present in two
	// groups or more get a side-by-side naming (default 10).
	Actors int
	// CoverageRows is how many of the most mentioned entities get a
	// coverage row (default 20).
	CoverageRows int
}

func (o Options) withDefaults() Options {
	if o.MaxEntities == 0 {
		o.MaxEntities = 50
	}
	if o.Actors <= 0 {
		o.Actors = 10
	}
	if o.CoverageRows <= 0 {
		o.CoverageRows = 20
	}
	return o
}

// Result is the comparison. It marshals to the JSON of
// `parallax-cli blindspots --json`.
type Result struct {
	Groups    []Group `json:"groups"`
	Ungrouped int     `json:"ungrouped"`
	// Coverage shows, for the most mentioned entities, how many documents
	// of each group mention them.
	Coverage []CoverageRow `json:"coverage"`
	// Naming shows how each group names the main actors.
	Naming []ActorNaming `json:"naming"`
}

// Group is one group and what only it covers.
type Group struct {
	Group     string   `json:"group"`
	Documents int      `json:"documents"`
	Outlets   []string `json:"outlets"`
	// Entities are mentioned in this group's documents and in no other
	// group's, most mentioned first.
	Entities []Entity `json:"entities"`
	// EntitiesTotal counts them all (Entities may be cut).
	EntitiesTotal int `json:"entities_total"`
	// Passages are shared passages whose every document is in this group.
	Passages []Passage `json:"passages"`
	// Terms are distinctive words and phrases no other group uses (filled
	// by the caller from the distinctive-vocabulary analysis).
	Terms []Term `json:"terms"`
}

// Term is a word or phrase of one group only.
type Term struct {
	Term      string  `json:"term"`
	Count     int     `json:"count"`
	Documents int     `json:"documents"`
	Z         float64 `json:"z"`
}

// Entity is a blind-spot entity.
type Entity struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind,omitempty"`
	Mentions int    `json:"mentions"`
	// Docs are the group's documents that mention it, by path.
	Docs []string `json:"docs"`
}

// Passage is a shared passage seen in one group only.
type Passage struct {
	ID    string       `json:"id"`
	Words int          `json:"words"`
	Spans []reuse.Span `json:"spans"`
}

// CoverageRow is one entity's coverage by group.
type CoverageRow struct {
	ID     string          `json:"id"`
	Name   string          `json:"name"`
	Groups []GroupCoverage `json:"groups"`
}

// GroupCoverage is how one group covers an entity.
type GroupCoverage struct {
	Group     string `json:"group"`
	Documents int    `json:"documents"` // of the group's that mention it
	Mentions  int    `json:"mentions"`
	// Share is Documents over the group's documents.
	Share float64 `json:"share"`
}

// ActorNaming is how each group names one entity.
type ActorNaming struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	Groups []GroupNaming `json:"groups"`
}

// GroupNaming is one group's forms and descriptors of an entity.
type GroupNaming struct {
	Group       string              `json:"group"`
	Mentions    int                 `json:"mentions"`
	Forms       []framing.FormCount `json:"forms"`
	Descriptors []framing.FormCount `json:"descriptors"`
}

// Compare computes the comparison.
func Compare(in Input, opts Options) *Result {
	opts = opts.withDefaults()
	res := &Result{Groups: []Group{}, Coverage: []CoverageRow{}, Naming: []ActorNaming{}}
	grouped := docgroups.Sort(len(in.Docs), func(i int) string { return in.Group[in.Docs[i].Path] })
	names := grouped.Names
	outlets := make([]map[string]bool, len(names))
	for i, d := range in.Docs {
		if g := grouped.Of[i]; g >= 0 && d.Outlet != "" {
			if outlets[g] == nil {
				outlets[g] = map[string]bool{}
			}
			outlets[g][d.Outlet] = true
		}
	}
	res.Ungrouped = grouped.Ungrouped
	for i, g := range names {
		res.Groups = append(res.Groups, Group{Group: g, Documents: grouped.Documents[i], Outlets: keys(outlets[i]), Entities: []Entity{}, Passages: []Passage{}, Terms: []Term{}})
	}
	groupOf := func(path string) int { return grouped.Find(in.Group[path]) }

	// Entities: per group, documents and mentions.
	type tally struct{ docs, mentions int }
	type entStat struct {
		e      coverage.EntityMentions
		per    []tally
		total  int
		groups int
	}
	stats := make([]entStat, 0, len(in.Entities))
	for _, e := range in.Entities {
		st := entStat{e: e, per: make([]tally, len(names))}
		for path, n := range e.Docs {
			g := groupOf(path)
			if g < 0 || n == 0 {
				continue
			}
			st.per[g].docs++
			st.per[g].mentions += n
			st.total += n
		}
		for _, t := range st.per {
			if t.docs > 0 {
				st.groups++
			}
		}
		if st.total > 0 {
			stats = append(stats, st)
		}
	}
	slices.SortStableFunc(stats, func(a, b entStat) int {
		if c := cmp.Compare(b.total, a.total); c != 0 {
			return c
		}
		return cmp.Compare(a.e.Name, b.e.Name)
	})
	if len(names) >= 2 {
		for _, st := range stats {
			if st.groups != 1 {
				continue
			}
			for g, t := range st.per {
				if t.docs == 0 {
					continue
				}
				grp := &res.Groups[g]
				grp.EntitiesTotal++
				if opts.MaxEntities < 0 || len(grp.Entities) < opts.MaxEntities {
					var docs []string
					for path, n := range st.e.Docs {
						if n > 0 && groupOf(path) == g {
							docs = append(docs, path)
						}
					}
					sort.Strings(docs)
					grp.Entities = append(grp.Entities, Entity{ID: st.e.ID, Name: st.e.Name, Kind: st.e.Kind, Mentions: t.mentions, Docs: docs})
				}
			}
		}
		for _, p := range in.Passages {
			g := -2
			for _, s := range p.Spans {
				sg := groupOf(s.Path)
				if sg < 0 || g != -2 && sg != g {
					g = -1
					break
				}
				g = sg
			}
			if g >= 0 {
				res.Groups[g].Passages = append(res.Groups[g].Passages, Passage{ID: p.ID, Words: p.Words, Spans: p.Spans})
			}
		}
	}
	for i, st := range stats {
		if i >= opts.CoverageRows {
			break
		}
		row := CoverageRow{ID: st.e.ID, Name: st.e.Name}
		for g, t := range st.per {
			share := 0.0
			if n := res.Groups[g].Documents; n > 0 {
				share = float64(t.docs) / float64(n)
			}
			row.Groups = append(row.Groups, GroupCoverage{Group: names[g], Documents: t.docs, Mentions: t.mentions, Share: share})
		}
		res.Coverage = append(res.Coverage, row)
	}
	if in.Framing != nil && len(names) >= 2 {
		var actors [][2]string // id, name
		for _, st := range stats {
			if st.groups >= 2 && len(actors) < opts.Actors {
				actors = append(actors, [2]string{st.e.ID, st.e.Name})
			}
		}
		res.Naming = naming(in.Framing, actors, names, groupOf)
	}
	return res
}

// naming sums each group's forms and descriptors of the actors.
func naming(fr *framing.Analysis, actors [][2]string, names []string, groupOf func(string) int) []ActorNaming {
	type acc struct {
		mentions     int
		forms, descs map[string]int
	}
	want := map[string]int{}
	accs := make([][]acc, len(actors))
	for i, a := range actors {
		want[a[0]] = i
		accs[i] = make([]acc, len(names))
		for g := range names {
			accs[i][g] = acc{forms: map[string]int{}, descs: map[string]int{}}
		}
	}
	for _, d := range fr.Documents {
		g := groupOf(d.Path)
		if g < 0 {
			continue
		}
		for _, e := range d.Entities {
			i, ok := want[e.ID]
			if !ok {
				continue
			}
			a := &accs[i][g]
			a.mentions += e.Mentions
			for _, f := range e.Forms {
				a.forms[f.Form] += f.Count
			}
			for _, ds := range e.Descriptors {
				a.descs[ds.Text] += ds.Count
			}
		}
	}
	out := make([]ActorNaming, 0, len(actors))
	for i, a := range actors {
		an := ActorNaming{ID: a[0], Name: a[1]}
		for g, name := range names {
			c := accs[i][g]
			an.Groups = append(an.Groups, GroupNaming{Group: name, Mentions: c.mentions, Forms: top(c.forms, 5), Descriptors: top(c.descs, 5)})
		}
		out = append(out, an)
	}
	return out
}

func top(m map[string]int, n int) []framing.FormCount {
	out := make([]framing.FormCount, 0, len(m))
	for k, v := range m {
		out = append(out, framing.FormCount{Form: k, Count: v})
	}
	slices.SortFunc(out, func(a, b framing.FormCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Form, b.Form)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
