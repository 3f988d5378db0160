package entitysearch

import (
	"sort"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// prepared is what the panel derives from one analysis: every mention by
// document for the highlight layer, the colours and toggles the layer
// starts with, and the results of the empty query. prepareAnalysis builds
// it from the analysis alone (no widget, no panel state), so that the
// window can run it off the main goroutine (Controller.OnAnalysisPrepare);
// setAnalysis installs it on the main goroutine.
type prepared struct {
	a        *engine.Analysis
	searcher *search.Searcher
	byDoc    map[string][]mark
	// colors and on are the layer's starting maps: every entity named in
	// more than one document, most mentioned first, coloured and on. They
	// become the marks' own when installed.
	colors map[string]int
	on     map[string]bool
	next   int
	top    []search.Hit // the most mentioned entities, best first
	// rows are the mentions in context of the few most mentioned
	// entities, the costliest to list (sorting tens of thousands of rows).
	rows map[string][]search.Row
}

// The entities whose mentions are listed ahead: at most preparedEntities,
// each with at least preparedMentions mentions.
const (
	preparedEntities = 5
	preparedMentions = 500
)

// prepareAnalysis derives the panel's data from a (nil gives the empty
// state), with the mention lists of the most mentioned entities that have
// at least listFrom mentions when listFrom > 0 (worth it off the main
// goroutine only). It returns nil as
// soon as stale reports true: a newer project or analysis came, and the
// work would be thrown away.
func prepareAnalysis(a *engine.Analysis, listFrom int, stale func() bool) *prepared {
	pr := &prepared{a: a, byDoc: map[string][]mark{}, colors: map[string]int{}, on: map[string]bool{}}
	if a == nil {
		return pr
	}
	if a.Search() != nil {
		pr.searcher = a.Search().NewSearcher()
	}
	if a.Entities() == nil {
		return pr
	}
	type ranked struct {
		id string
		n  int
	}
	var rs []ranked
	for _, e := range a.Entities().Entities {
		for _, mn := range e.Mentions {
			pr.byDoc[mn.Doc] = append(pr.byDoc[mn.Doc], mark{e.ID, mn.Span})
		}
		if len(e.Documents) > 1 {
			rs = append(rs, ranked{e.ID, len(e.Mentions)})
		}
	}
	if stale != nil && stale() {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].n != rs[j].n {
			return rs[i].n > rs[j].n
		}
		return rs[i].id < rs[j].id
	})
	for _, r := range rs {
		pr.colors[r.id] = pr.next % textview.PaletteSize
		pr.on[r.id] = true
		pr.next++
	}
	pr.top = topEntities(a.Entities(), maxHits)
	pr.rows = map[string][]search.Row{}
	if listFrom <= 0 {
		return pr
	}
	for _, h := range pr.top[:min(len(pr.top), preparedEntities)] {
		if stale != nil && stale() {
			return nil
		}
		if h.Mentions >= listFrom && a.Search() != nil {
			pr.rows[h.ID] = a.Search().Mentions(h.ID)
		}
	}
	return pr
}
