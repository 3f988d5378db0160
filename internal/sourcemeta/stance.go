package sourcemeta

import (
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// DefaultStanceColumns are the sidecar columns read as a stance when the
// project names none of its own (first one present wins).
func DefaultStanceColumns() []string {
	return []string{"stance", "bias", "leaning", "political_leaning", "orientation"}
}

// Stance sources beyond the analyst's (StanceFromDocument, StanceFromOutlet).
const (
	// StanceFromSidecar: the document's own row of the sidecar table.
	StanceFromSidecar = "sidecar"
	// StanceFromSidecarOutlet: the document has no stance of its own in the
	// table, but every labelled row of its outlet agrees on one.
	StanceFromSidecarOutlet = "sidecar-outlet"
)

// Stance is a document's stance with where it comes from.
type Stance struct {
	Label string `json:"label"`
	// Source is StanceFromDocument or StanceFromOutlet (the analyst's
	// sources.json), StanceFromSidecar or StanceFromSidecarOutlet.
	Source string `json:"source"`
	// Rule names the table and column ("index.tsv:bias") or "sources.json".
	Rule string `json:"rule,omitempty"`
}

// SidecarStances are the stances a sidecar table gives, per row and per
// outlet, read from its first stance column present.
type SidecarStances struct {
	table, column string
	byFile        map[string]string // row key -> label
	byOutlet      map[string]string // outlet key -> label, when its rows agree
	// Conflicts lists outlets whose rows disagree ("Outlet: left, right"):
	// those get no outlet-wide stance.
	Conflicts []string
	labels    []string
}

// Stances reads the stance column of the table: the first of columns (or of
// DefaultStanceColumns when columns is empty) that the header has. It
// returns nil when the table has none.
func (s *Sidecar) Stances(columns []string) *SidecarStances {
	if s == nil {
		return nil
	}
	if len(columns) == 0 {
		columns = DefaultStanceColumns()
	}
	col := ""
	for _, c := range columns {
		c = normColumn(c)
		for _, have := range s.Columns {
			if have == c && columnAliases[c] == "" {
				col = c
				break
			}
		}
		if col != "" {
			break
		}
	}
	if col == "" {
		return nil
	}
	st := &SidecarStances{table: s.Name, column: col, byFile: map[string]string{}, byOutlet: map[string]string{}}
	perOutlet := map[string]map[string]bool{}
	outletName := map[string]string{}
	seen := map[string]bool{}
	for key, r := range s.rows {
		label := strings.Join(strings.Fields(r.extra[col]), " ")
		if label == "" {
			continue
		}
		st.byFile[key] = label
		if !seen[label] {
			seen[label] = true
			st.labels = append(st.labels, label)
		}
		if ok := outletKey(r.meta.Outlet.Value); ok != "" {
			if perOutlet[ok] == nil {
				perOutlet[ok] = map[string]bool{}
				outletName[ok] = strings.TrimSpace(r.meta.Outlet.Value)
			}
			perOutlet[ok][label] = true
		}
	}
	for ok, labels := range perOutlet {
		if len(labels) == 1 {
			for l := range labels {
				st.byOutlet[ok] = l
			}
			continue
		}
		ls := make([]string, 0, len(labels))
		for l := range labels {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		st.Conflicts = append(st.Conflicts, outletName[ok]+": "+strings.Join(ls, ", "))
	}
	sort.Strings(st.Conflicts)
	sort.Strings(st.labels)
	return st
}

// Column is the table column the stances come from, as "table:column".
func (st *SidecarStances) Column() string {
	if st == nil {
		return ""
	}
	return st.table + ":" + st.column
}

// Labels lists the distinct labels of the column, sorted.
func (st *SidecarStances) Labels() []string {
	if st == nil {
		return nil
	}
	return append([]string(nil), st.labels...)
}

// For returns the table's stance for doc: its own row's, else its outlet's
// when the outlet's rows agree.
func (st *SidecarStances) For(sc *Sidecar, doc *document.Document) (Stance, bool) {
	if st == nil || doc == nil {
		return Stance{}, false
	}
	if r := sc.find(doc.Path); r != nil {
		if l := strings.Join(strings.Fields(r.extra[st.column]), " "); l != "" {
			return Stance{Label: l, Source: StanceFromSidecar, Rule: st.Column()}, true
		}
	}
	if l, ok := st.byOutlet[outletKey(doc.Meta.Outlet.Value)]; ok {
		return Stance{Label: l, Source: StanceFromSidecarOutlet, Rule: st.Column()}, true
	}
	return Stance{}, false
}

// ResolveStance gives doc's stance: the analyst's (per document, then per
// outlet) wins over the sidecar table's (its row, then its outlet's). Any of
// the three may be nil.
func ResolveStance(ov *Overrides, sc *Sidecar, st *SidecarStances, doc *document.Document) Stance {
	if l, src := ov.Stance(doc); l != "" {
		return Stance{Label: l, Source: src, Rule: "sources.json"}
	}
	if s, ok := st.For(sc, doc); ok {
		return s
	}
	return Stance{}
}
