// Package coverage tells who covers what and when: the entity × document
// matrix of mention counts, the entities that only one outlet names, and the
// documents on a timeline grouped by outlet. It takes a neutral list of
// entities with their mention counts per document, so it does not depend on
// how entities were found or grouped.
package coverage

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// EntityMentions is one entity and how often each document mentions it.
type EntityMentions struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
	// Docs maps a document's path to its number of mentions.
	Docs map[string]int `json:"docs"`
}

// Doc is what coverage needs of a document.
type Doc struct {
	Path   string `json:"path"`
	Title  string `json:"title,omitempty"`
	Outlet string `json:"outlet,omitempty"` // empty when unknown
	Date   string `json:"date,omitempty"`   // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm"; empty when unknown
}

// DocOf takes a document's path, title, outlet and date.
func DocOf(d *document.Document) Doc {
	return Doc{
		Path:   d.Path,
		Title:  strings.TrimSpace(d.Meta.Title.Value),
		Outlet: strings.TrimSpace(d.Meta.Outlet.Value),
		Date:   strings.TrimSpace(d.Meta.Date.Value),
	}
}

// DocsOf applies DocOf to every document, skipping nil ones.
func DocsOf(docs []*document.Document) []Doc {
	out := make([]Doc, 0, len(docs))
	for _, d := range docs {
		if d != nil {
			out = append(out, DocOf(d))
		}
	}
	return out
}

// outletKey compares outlet names loosely: "Reuters" and " reuters" are one.
func outletKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Matrix is the entity × document coverage: a row per entity, a column per
// document.
type Matrix struct {
	// Docs are the columns, in the order given.
	Docs []Doc `json:"docs"`
	// Rows are ordered by total mentions, then by name.
	Rows []Row `json:"rows"`
}

// Row is one entity's mentions across the documents.
type Row struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
	// Counts has one entry per column of the matrix.
	Counts []int `json:"counts"`
	Total  int   `json:"total"`
	// Documents is the number of documents that mention the entity.
	Documents int `json:"documents"`
	// Outlets are the known outlets whose documents mention it, sorted.
	Outlets []string `json:"outlets"`
}

// NewMatrix builds the coverage matrix. Mentions in documents not among docs
// are left out, and so are entities no document of docs mentions.
func NewMatrix(docs []Doc, ents []EntityMentions) Matrix {
	col := make(map[string]int, len(docs))
	for i, d := range docs {
		if _, dup := col[d.Path]; !dup {
			col[d.Path] = i
		}
	}
	m := Matrix{Docs: slices.Clone(docs), Rows: []Row{}}
	names := outletNames(docs)
	for _, e := range ents {
		r := Row{ID: e.ID, Name: e.Name, Kind: e.Kind, Counts: make([]int, len(docs)), Outlets: []string{}}
		outlets := map[string]bool{}
		for path, n := range e.Docs {
			i, ok := col[path]
			if !ok || n <= 0 {
				continue
			}
			r.Counts[i] += n
			r.Total += n
			r.Documents++
			if k := outletKey(docs[i].Outlet); k != "" {
				outlets[k] = true
			}
		}
		if r.Total == 0 {
			continue
		}
		for k := range outlets {
			r.Outlets = append(r.Outlets, names[k])
		}
		slices.Sort(r.Outlets)
		m.Rows = append(m.Rows, r)
	}
	slices.SortStableFunc(m.Rows, func(a, b Row) int {
		if a.Total != b.Total {
			return b.Total - a.Total
		}
		if c := cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return m
}

// outletNames maps each outlet key to the first spelling met in docs.
func outletNames(docs []Doc) map[string]string {
	names := map[string]string{}
	for _, d := range docs {
		k := outletKey(d.Outlet)
		if _, ok := names[k]; k != "" && !ok {
			names[k] = strings.Join(strings.Fields(d.Outlet), " ")
		}
	}
	return names
}

// Exclusive lists the entities that one outlet names and no other document
// of the project mentions.
type Exclusive struct {
	Outlet   string         `json:"outlet"`
	Entities []OutletEntity `json:"entities"`
}

// OutletEntity is an entity named by one outlet only.
type OutletEntity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind,omitempty"`
	Mentions int      `json:"mentions"`
	Docs     []string `json:"docs"` // the outlet's documents that mention it, sorted
}

// Exclusives returns, per outlet, the entities that only its documents
// mention: every document mentioning the entity has that outlet. A mention
// in a document of unknown outlet makes an entity nobody's exclusive, since
// that document may come from any outlet; with fewer than two known outlets
// there is nothing to compare and the result is empty. Outlets are sorted
// by name, their entities by mentions then name; outlets without exclusive
// entities are left out.
func Exclusives(docs []Doc, ents []EntityMentions) []Exclusive {
	outletOf := make(map[string]string, len(docs))
	for _, d := range docs {
		if _, dup := outletOf[d.Path]; !dup {
			outletOf[d.Path] = outletKey(d.Outlet)
		}
	}
	names := outletNames(docs)
	if len(names) < 2 {
		return []Exclusive{}
	}
	by := map[string][]OutletEntity{}
	for _, e := range ents {
		owner, shared := "", false
		oe := OutletEntity{ID: e.ID, Name: e.Name, Kind: e.Kind, Docs: []string{}}
		for path, n := range e.Docs {
			k, ok := outletOf[path]
			if !ok || n <= 0 {
				continue
			}
			if k == "" || owner != "" && k != owner {
				shared = true
				break
			}
			owner = k
			oe.Mentions += n
			oe.Docs = append(oe.Docs, path)
		}
		if shared || owner == "" {
			continue
		}
		slices.Sort(oe.Docs)
		by[owner] = append(by[owner], oe)
	}
	out := []Exclusive{}
	for k, es := range by {
		slices.SortFunc(es, func(a, b OutletEntity) int {
			if a.Mentions != b.Mentions {
				return b.Mentions - a.Mentions
			}
			if c := cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		out = append(out, Exclusive{Outlet: names[k], Entities: es})
	}
	slices.SortFunc(out, func(a, b Exclusive) int { return cmp.Compare(outletKey(a.Outlet), outletKey(b.Outlet)) })
	return out
}

// Timeline places the documents in time, one lane per outlet.
type Timeline struct {
	// Lanes are ordered by outlet name; documents of unknown outlet come
	// last in a lane whose Outlet is empty.
	Lanes []Lane `json:"lanes"`
	// Undated lists the documents without a usable date, in the order given.
	Undated []Doc `json:"undated"`
	// First and Last are the earliest and latest dates, as given ("" when
	// no document is dated).
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
}

// Lane is one outlet's dated documents, oldest first.
type Lane struct {
	Outlet string `json:"outlet"`
	Docs   []Doc  `json:"docs"`
}

// ParseDate reads a "YYYY-MM-DD" or "YYYY-MM-DDThh:mm" date (also with
// seconds, or a space for the T). ok is false for anything else.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// NewTimeline builds the timeline of docs. Documents of the same time keep
// their path order.
func NewTimeline(docs []Doc) Timeline {
	tl := Timeline{Lanes: []Lane{}, Undated: []Doc{}}
	type dated struct {
		d Doc
		t time.Time
	}
	lanes := map[string][]dated{}
	names := outletNames(docs)
	var first, last dated
	n := 0
	for _, d := range docs {
		t, ok := ParseDate(d.Date)
		if !ok {
			tl.Undated = append(tl.Undated, d)
			continue
		}
		x := dated{d, t}
		if n == 0 || t.Before(first.t) {
			first = x
		}
		if n == 0 || t.After(last.t) {
			last = x
		}
		n++
		k := outletKey(d.Outlet)
		lanes[k] = append(lanes[k], x)
	}
	if n > 0 {
		tl.First, tl.Last = first.d.Date, last.d.Date
	}
	keys := make([]string, 0, len(lanes))
	for k := range lanes {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	for _, k := range keys {
		ds := lanes[k]
		slices.SortStableFunc(ds, func(a, b dated) int {
			if c := a.t.Compare(b.t); c != 0 {
				return c
			}
			return cmp.Compare(a.d.Path, b.d.Path)
		})
		lane := Lane{Outlet: names[k], Docs: make([]Doc, len(ds))}
		for i, x := range ds {
			lane.Docs[i] = x.d
		}
		tl.Lanes = append(tl.Lanes, lane)
	}
	return tl
}
