package coverageview

import (
	"fmt"
	"hash/maphash"
	"sort"
	"time"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// heatData is what the heat map shows of one analysis for each number of
// rows on offer: the entities and the matrix columns drawn. prepareHeat
// builds it from the analysis alone (no widget, no view state), so that
// the window can run it off the main goroutine (OnAnalysisPrepare); the
// view only turns the chosen columns into Columns.
type heatData struct {
	a    *engine.Analysis
	docs []*document.Document // by matrix column; nil for a document not in the project
	byN  map[int]heatSel
}

// heatSel is the heat map of the top n entities.
type heatSel struct {
	rows []coverage.Row
	cols []int // matrix columns, in the order found (heaviest first when cut)
	note string
}

// rowCounts are the row numbers rowChoices offer.
var rowCounts = []int{15, 30, 60, 120}

// prepareHeat selects the columns of a's matrix for every row count in
// ns, the documents being looked up with byPath. It returns nil as soon as
// stale reports true.
func prepareHeat(a *engine.Analysis, byPath func(string) *document.Document, ns []int, stale func() bool) *heatData {
	m := a.Coverage()
	h := &heatData{a: a, docs: make([]*document.Document, len(m.Docs)), byN: map[int]heatSel{}}
	var present []int
	for i, d := range m.Docs {
		if h.docs[i] = byPath(d.Path); h.docs[i] != nil {
			present = append(present, i)
		}
	}
	sorted := append([]int(nil), ns...)
	sort.Ints(sorted)
	// The columns' weights over the first n rows, added to row by row
	// from the smallest n to the largest.
	weight := make([]int, len(m.Docs))
	done := 0
	for _, n := range sorted {
		n = max(n, 0)
		rows := m.Rows[:min(n, len(m.Rows))]
		for _, r := range rows[done:] {
			for i, c := range r.Counts {
				if i < len(weight) {
					weight[i] += c
				}
			}
		}
		done = len(rows)
		if stale != nil && stale() {
			return nil
		}
		sel := heatSel{rows: rows, cols: present,
			note: fmt.Sprintf("%d entities × %d documents, by outlet", len(rows), len(present))}
		if len(present) > maxColumns {
			idx := append([]int(nil), present...)
			sortByWeight(idx, weight)
			sel.cols = idx[:maxColumns]
			sel.note = fmt.Sprintf("%d entities × the %d documents that name them most (of %d)", len(rows), maxColumns, len(m.Docs))
		}
		h.byN[n] = sel
	}
	return h
}

// sortByWeight orders column indexes by weight, heaviest first, keeping
// the order of equals.
func sortByWeight(idx, weight []int) {
	sort.SliceStable(idx, func(i, j int) bool { return weight[idx[i]] > weight[idx[j]] })
}

// timelineData is the timeline of a project's documents as they were
// when built, with a fingerprint of what it was built from (paths,
// outlets and dates) to tell whether the documents changed since.
// buildTimeline reads the documents only, so that the window can run it
// off the main goroutine before the project is shown (OnProjectPrepare).
type timelineData struct {
	p           *state.Project
	sig         uint64
	tl          coverage.Timeline
	lanes       []Lane
	first, last time.Time
	byPath      map[string]*document.Document
}

// buildTimeline builds the timeline of p's documents.
func buildTimeline(seed maphash.Seed, p *state.Project) *timelineData {
	td := &timelineData{p: p, byPath: make(map[string]*document.Document, len(p.Docs))}
	for _, d := range p.Docs {
		if d != nil {
			td.byPath[d.Path] = d
		}
	}
	td.sig = docsSig(seed, p.Docs)
	td.tl = engine.Timeline(p.Docs)
	td.lanes, td.first, td.last = lanesOf(td.tl, func(path string) *document.Document { return td.byPath[path] })
	return td
}

// docsSig fingerprints what the timeline shows of docs.
func docsSig(seed maphash.Seed, docs []*document.Document) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, d := range docs {
		if d == nil {
			continue
		}
		h.WriteString(d.Path)
		h.WriteByte(0)
		h.WriteString(d.Meta.Outlet.Value)
		h.WriteByte(0)
		h.WriteString(d.Meta.Date.Value)
		h.WriteByte(0)
	}
	return h.Sum64()
}
