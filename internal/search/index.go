package search

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// Index searches a project's entities and documents. Build it once with
// NewIndex; it is immutable and safe for concurrent use.
type Index struct {
	names    *Names
	entities []*alias.Entity
	// counts[i] is how many mentions entities[i] has; mentions lists
	// them: its Mentions, or, in an index read back from what was kept
	// (kept.go), the kept spans, decoded when asked for
	counts   []int
	mentions func(i int) []entity.Mention
	byID     map[string]int
	docs     map[string]*document.Document
	// source gives the documents of an index read back from what was
	// kept, one by one when a row needs one (nil: docs holds them all)
	source DocSource
	order  []string // document paths, sorted
	folded map[string]textnorm.Folded
	cross  crossIndex
	ctext  crossText
	// hasNative: some entity form is written in Cyrillic or Arabic script
	hasNative bool
	// foldOf, when set, gives a document's folded text on demand instead
	// of folded (NewIndexFoldingLazily)
	foldOf func(path string) textnorm.Folded
}

// NewIndex indexes the entities of res (names and every surface form) and
// the documents' folded text. folded may be nil or hold nil-Text entries:
// missing folds are computed.
func NewIndex(docs []*document.Document, folded []textnorm.Folded, res *alias.Result) *Index {
	ix, _ := NewIndexContext(context.Background(), docs, folded, res)
	return ix
}

// NewIndexContext is NewIndex, stopping early with ctx's error when ctx
// ends (a newer analysis replaced the one being built).
func NewIndexContext(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, res *alias.Result) (*Index, error) {
	return newIndex(ctx, docs, folded, nil, res)
}

func newIndex(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, foldOf func(string) textnorm.Folded, res *alias.Result) (*Index, error) {
	ix := &Index{byID: map[string]int{}, docs: map[string]*document.Document{}, folded: map[string]textnorm.Folded{}, foldOf: foldOf}
	for i, d := range docs {
		ix.docs[d.Path] = d
		ix.order = append(ix.order, d.Path)
		if i < len(folded) && folded[i].Mapped() && (folded[i].Text != "" || d.Text == "") {
			ix.folded[d.Path] = folded[i]
		}
	}
	sort.Strings(ix.order)
	var missing []string
	for _, p := range ix.order {
		if _, ok := ix.folded[p]; !ok && foldOf == nil {
			missing = append(missing, p)
		}
	}
	fs := make([]textnorm.Folded, len(missing))
	if _, err := parallelCollect(ctx, len(missing), func(lo, hi int) struct{} {
		for i := lo; i < hi; i++ {
			fs[i] = textnorm.Fold(ix.docs[missing[i]].Text)
		}
		return struct{}{}
	}); err != nil {
		return nil, err
	}
	for i, p := range missing {
		ix.folded[p] = fs[i]
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if res != nil {
		ix.counts = make([]int, len(res.Entities))
		for i, e := range res.Entities {
			ix.counts[i] = len(e.Mentions)
		}
		ents := res.Entities
		ix.mentions = func(i int) []entity.Mention { return ents[i].Mentions }
		if err := ix.indexEntities(ctx, ents); err != nil {
			return nil, err
		}
		return ix, nil
	}
	return ix, ix.indexEntities(ctx, nil)
}

// indexEntities indexes the names and forms of ents; ix.counts must be
// filled.
func (ix *Index) indexEntities(ctx context.Context, ents []*alias.Entity) error {
	ix.entities = ents
	var items []Item
	for ei, e := range ents {
		ix.byID[e.ID] = ei
		seen := map[string]bool{}
		add := func(text string) {
			k := MatchKey(text)
			if seen[k] {
				return
			}
			seen[k] = true
			items = append(items, Item{Text: text, Ref: ei, Weight: ix.counts[ei]})
			if !ix.hasNative && k != "" && k[0] >= 0x80 && translit.ScriptOf(text) != translit.Latin {
				ix.hasNative = true
			}
		}
		add(e.Name)
		for _, f := range e.Forms {
			add(f.Text)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	names, err := newNames(ctx, items)
	if err != nil {
		return err
	}
	ix.names = names
	return nil
}

// doc returns the document at path, read from the index's source when it
// has one; nil when there is none.
func (ix *Index) doc(path string) *document.Document {
	if d := ix.docs[path]; d != nil || ix.source == nil {
		return d
	}
	return ix.source.Doc(path)
}

// Names returns the name index behind entity search.
func (ix *Index) Names() *Names { return ix.names }

// Hit is an entity found by name.
type Hit struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Score    int    `json:"score"`
	Mentions int    `json:"mentions"`
	Form     string `json:"form"`    // the name or form that matched
	Matched  []int  `json:"matched"` // byte offsets in Form of the matched characters
	Typo     bool   `json:"typo,omitempty"`
	// Via tells how a hit in another script was found: "cross-script
	// transliteration 0.85", "romanised suleymani".
	Via    string        `json:"via,omitempty"`
	Good   bool          `json:"-"`
	Entity *alias.Entity `json:"-"`
}

// Searcher is one search box over an Index: it narrows the previous
// keystroke's candidates and answers a backspace from what it kept
// (Session). Not safe for concurrent use.
type Searcher struct {
	ix *Index
	s  *Session
	// romanised follows the Latin reading of a Cyrillic query
	romanised *Session
}

// NewSearcher starts a search session.
func (ix *Index) NewSearcher() *Searcher {
	return &Searcher{ix: ix, s: ix.names.NewSession(), romanised: ix.names.NewSession()}
}

// Entities returns the entities whose name or a form matches q, best
// first, at most limit.
// A name typed in one script also finds entities named in the others
// (crossscript.go).
func (s *Searcher) Entities(q string, limit int) []Hit {
	return s.withCrossScript(q, s.ix.hits(s.s.Find(q, limit*4), limit), limit)
}

// hits turns name matches into entity hits, each entity once.
func (ix *Index) hits(ms []Match, limit int) []Hit {
	var out []Hit
	seen := map[int]bool{}
	for _, m := range ms {
		it := ix.names.Item(m.Item)
		if seen[it.Ref] {
			continue
		}
		seen[it.Ref] = true
		e := ix.entities[it.Ref]
		out = append(out, Hit{ID: e.ID, Name: e.Name, Kind: e.Kind.String(), Score: m.Score, Mentions: ix.counts[it.Ref],
			Form: it.Text, Matched: m.Positions, Typo: m.Typo, Good: m.Good, Entity: e})
		if len(out) == limit {
			break
		}
	}
	return out
}

// Entities is a one-shot Searcher.Entities.
func (ix *Index) Entities(q string, limit int) []Hit { return ix.NewSearcher().Entities(q, limit) }

// Row is one mention or phrase hit in context.
type Row struct {
	Path   string `json:"path"`
	Outlet string `json:"outlet"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Left   string `json:"left"`
	Right  string `json:"right"`
}

// Context is how many bytes of context a row keeps on each side, at most.
const Context = 70

// Mentions lists the entity's mentions in context, grouped by outlet and
// document (sorted by outlet, path, position).
func (ix *Index) Mentions(entityID string) []Row {
	i, ok := ix.byID[entityID]
	if !ok {
		return nil
	}
	var rows []Row
	ms := ix.mentions(i)
	ix.prefetch(ms)
	for _, m := range ms {
		d := ix.doc(m.Doc)
		if d == nil || !ix.fits(d, m.Span.End) {
			continue
		}
		rows = append(rows, row(d, m.Span.Start, m.Span.End))
	}
	sortRows(rows)
	return rows
}

func row(d *document.Document, start, end int) Row {
	return Row{Path: d.Path, Outlet: d.Meta.Outlet.Value, Start: start, End: end, Text: d.Text[start:end],
		Left: left(d.Text, start), Right: right(d.Text, end)}
}

func sortRows(rows []Row) {
	// slices, not sort.SliceStable: its reflective swaps were most of
	// listing a much-mentioned entity's rows (the app's entity panel
	// prepares the top few on opening)
	slices.SortStableFunc(rows, func(a, b Row) int {
		if c := strings.Compare(a.Outlet, b.Outlet); c != 0 {
			return c
		}
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
}

// left is up to Context bytes before i, cut at a word boundary, on one line.
func left(s string, i int) string {
	lo := max(0, i-Context)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo++
	}
	if lo > 0 {
		// start after the first space so no word is cut
		if j := strings.IndexAny(s[lo:i], " \n\t"); j >= 0 {
			lo += j + 1
		}
	}
	return oneLine(s[lo:i])
}

// right is up to Context bytes after i, cut at a word boundary, on one line.
func right(s string, i int) string {
	hi := min(len(s), i+Context)
	for hi < len(s) && !utf8.RuneStart(s[hi]) {
		hi--
	}
	if hi < len(s) {
		if j := strings.LastIndexAny(s[i:hi], " \n\t"); j >= 0 {
			hi = i + j
		}
	}
	return oneLine(s[i:hi])
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// OutletGroup is the rows of one outlet, by document.
type OutletGroup struct {
	Outlet    string     `json:"outlet"`
	Documents []DocGroup `json:"documents"`
}

// DocGroup is the rows of one document.
type DocGroup struct {
	Path string `json:"path"`
	Rows []Row  `json:"rows"`
}

// GroupRows groups rows sorted as Mentions returns them by outlet and
// document.
func GroupRows(rows []Row) []OutletGroup {
	var out []OutletGroup
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].Outlet != r.Outlet {
			out = append(out, OutletGroup{Outlet: r.Outlet})
		}
		g := &out[len(out)-1]
		if len(g.Documents) == 0 || g.Documents[len(g.Documents)-1].Path != r.Path {
			g.Documents = append(g.Documents, DocGroup{Path: r.Path})
		}
		d := &g.Documents[len(g.Documents)-1]
		d.Rows = append(d.Rows, r)
	}
	return out
}

// phraseBatch is how many texts a phrase search reads from a Prefetcher
// at once.
const phraseBatch = 256

// Phrase finds a phrase in the documents' folded text ("control" finds
// "cοntrοl" written with Greek omicrons), starting at a word boundary; the
// rows' spans are in the original text. limit ≤ 0 means no limit.
func (ix *Index) Phrase(q string, limit int) []Row {
	p := strings.Join(strings.Fields(MatchKey(q)), " ")
	if p == "" {
		return nil
	}
	var rows []Row
	pf, _ := ix.source.(Prefetcher)
	for i, path := range ix.order {
		if pf != nil && i%phraseBatch == 0 {
			// a batch of texts in one read, not one read a text (the next
			// batch only once this one is searched: a search may stop early)
			pf.Prefetch(ix.order[i:min(i+phraseBatch, len(ix.order))])
		}
		d := ix.doc(path)
		if d == nil {
			continue
		}
		f := ix.foldedText(path, d)
		for from := 0; ; {
			i := strings.Index(f.Text[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			if i > 0 {
				r, _ := utf8.DecodeLastRuneInString(f.Text[:i])
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			s, e := f.Original(i, i+len(p))
			if d.InBoilerplate(s) {
				continue
			}
			rows = append(rows, row(d, s, e))
			if limit > 0 && len(rows) >= limit {
				sortRows(rows)
				return rows
			}
		}
	}
	sortRows(rows)
	return rows
}

// Response is the answer to a search: the entities found and the mentions
// of the best one, or the phrase's hits when no entity fits.
type Response struct {
	Entities []Hit `json:"entities"`
	Mentions []Row `json:"mentions"`
	// Phrase is true when Mentions are phrase hits.
	Phrase bool `json:"phrase"`
}

// Query answers q: entity hits (at most limit), then the best entity's
// mentions when it fits well, else the phrase's hits in the documents.
func (ix *Index) Query(q string, limit int) Response {
	hits := ix.Entities(q, limit)
	var r Response
	r.Entities = hits
	if r.Entities == nil {
		r.Entities = []Hit{}
	}
	if len(hits) > 0 && hits[0].Good {
		r.Mentions = ix.Mentions(hits[0].ID)
		// the same name found in another script is the same person or place
		// the grouping did not dare merge: its mentions belong here too
		for _, h := range hits[1:] {
			if h.Good && h.Via != "" && (h.Kind == hits[0].Kind || h.Kind == "other" || hits[0].Kind == "other") {
				r.Mentions = append(r.Mentions, ix.Mentions(h.ID)...)
			}
		}
		// and where the name stands in another script without having been
		// extracted: the query and the entity's name, read across scripts
		r.Mentions = ix.withCrossRows(r.Mentions, []string{q, hits[0].Name}, int32(ix.byID[hits[0].ID]))
		sortRows(r.Mentions)
	} else {
		r.Mentions = ix.withCrossRows(ix.Phrase(q, 0), []string{q}, -1)
		sortRows(r.Mentions)
		r.Phrase = true
	}
	if r.Mentions == nil {
		r.Mentions = []Row{}
	}
	return r
}
