// Package report turns a project's analysis into the comparison report an
// analyst prints or hands over: a title page with the analyst's notes, the
// source-framing table, the documents on a timeline by outlet, the entity
// coverage heat map, the naming table, loaded terms per outlet, the sources
// each outlet quotes, the shared passages side by side with their
// differences marked, the analyst's annotations, and an appendix of every
// document and problem.
//
// Build makes a renderer-neutral Report from an engine.Analysis and an
// optional workspace; WritePDF renders it as a paginated PDF with an embedded
// Unicode font (Liberation Sans), a table of contents, a running header and
// page numbers; WriteHTML as one self-contained HTML page with print CSS.
package report

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// Section names one part of the report. The names are those a workspace's
// report settings use to turn sections on or off.
type Section string

// The report's sections, in the order they appear.
const (
	SectionSources     Section = "sources"     // source-framing table
	SectionTimeline    Section = "timeline"    // documents on a timeline by outlet
	SectionCoverage    Section = "coverage"    // entity coverage heat map
	SectionNaming      Section = "naming"      // forms and descriptors per outlet
	SectionTerms       Section = "terms"       // loaded terms per outlet
	SectionVoices      Section = "voices"      // sources each outlet quotes
	SectionPassages    Section = "passages"    // shared passages side by side
	SectionAnnotations Section = "annotations" // the analyst's annotations
	SectionAppendix    Section = "appendix"    // every document and problem
)

// AllSections lists every section in report order.
func AllSections() []Section {
	return []Section{SectionSources, SectionTimeline, SectionCoverage, SectionNaming,
		SectionTerms, SectionVoices, SectionGroups, SectionPassages, SectionAnnotations, SectionAppendix}
}

// Heading is the section's heading as printed.
func (s Section) Heading() string {
	switch s {
	case SectionSources:
		return "Sources and framing"
	case SectionTimeline:
		return "Timeline by outlet"
	case SectionCoverage:
		return "Entity coverage"
	case SectionNaming:
		return "Naming of the main entities"
	case SectionTerms:
		return "Loaded terms per outlet"
	case SectionVoices:
		return "Sources quoted by each outlet"
	case SectionGroups:
		return groupsHeading
	case SectionPassages:
		return "Shared passages"
	case SectionAnnotations:
		return "Analyst's annotations"
	case SectionAppendix:
		return "Appendix: documents and problems"
	}
	return string(s)
}

// Paper sizes.
const (
	PaperA4     = workspace.PaperA4
	PaperLetter = workspace.PaperLetter
)

// Options tune Build. The zero value makes a full A4 report of the whole
// project (or of the workspace's settings when one is given).
type Options struct {
	// Paper is PaperA4 or PaperLetter; "" takes the workspace's setting,
	// else A4.
	Paper string
	// Title overrides the workspace's report title; "" takes it, else
	// "Comparison report: <project folder>".
	Title string
	// Sections, when not nil, are the sections to include (in report
	// order whatever the order given). When nil, every section is included
	// except those the workspace's report settings turn off.
	Sections []Section
	// OpenOnly restricts the report to the workspace's open documents
	// (its panes). It needs a workspace with at least one open document
	// that is in the project.
	OpenOnly bool
	// Now is the report's date; time.Now() when zero.
	Now time.Time
	// Progress, when set, is called as the work advances (from the
	// calling goroutine): done of total steps, and the stage's name.
	Progress func(done, total int, stage string)
	// MaxEntities bounds the naming table and heat map rows (default 15
	// and 25); MaxPassages the passages shown side by side (default 40).
	MaxEntities int
	MaxPassages int
}

// ErrNoOpenDocuments is returned by Build when OpenOnly is asked but the
// workspace has no open document of the project.
var ErrNoOpenDocuments = errors.New("the workspace has no open document of the project")

// Report is a comparison report, ready to render. Its fields are the
// report's content; renderers only lay it out.
type Report struct {
	Title     string
	Project   string // the project folder's name
	Dir       string // the project folder
	Workspace string // "" when the report covers the whole project
	Generated time.Time
	Paper     string
	Notes     string // the analyst's notes from the workspace
	// Sections are the sections included, in report order.
	Sections []Section

	Documents  []DocRow
	Outlets    []string // known outlets, sorted; "" not included
	FirstDate  string
	LastDate   string
	Timeline   coverage.Timeline
	Heat       HeatMap
	Naming     []EntityNaming
	Categories []string
	Terms      []OutletTerms
	Voices     []OutletVoices
	Passages   []PassageView
	// Groups is the comparison by stance (groups.go).
	Groups      *GroupsView
	Annotations []AnnotationView
	Problems    []ProblemRow
	// PassagesTotal counts every shared passage among the report's
	// documents (Passages may show fewer).
	PassagesTotal int

	charts *chartSet
}

// Value is a metadata value with where it came from.
type Value struct {
	Text   string
	Source string // "text", "html-meta", "analyst", "outlet", … ; "" when unknown
	Rule   string // the exact rule or field, when known
}

// Provenance is a short "source: rule" label for Value.
func (v Value) Provenance() string {
	switch {
	case v.Text == "":
		return ""
	case v.Rule != "" && v.Source != "" && v.Rule != v.Source:
		return v.Source + ": " + v.Rule
	case v.Source != "":
		return v.Source
	}
	return v.Rule
}

// DocRow is one document of the report.
type DocRow struct {
	// N numbers the documents D1, D2, … in path order; the report refers
	// to documents by it.
	N        int
	Path     string
	Title    string
	Outlet   Value
	Author   Value
	Date     Value
	Stance   Value
	Words    int
	Format   string
	Encoding string
	Size     int64
	Warnings []string
	// Language is the document's language tag as its metadata gives it
	// ("ar", "fa", "ru"), "" when unknown.
	Language string
}

// Label is "D<N>".
func (d DocRow) Label() string { return fmt.Sprintf("D%d", d.N) }

// OutletName is the document's outlet or "(unknown outlet)".
func (d DocRow) OutletName() string { return outletName(d.Outlet.Text) }

func outletName(o string) string {
	if o == "" {
		return "(unknown outlet)"
	}
	return o
}

// HeatMap is entity × column mention counts. Columns are documents for small
// reports and outlets for large ones.
type HeatMap struct {
	ByOutlet bool
	Columns  []HeatColumn
	Rows     []HeatRow
	Max      int
	// Omitted counts the entities and columns left out for space.
	OmittedRows, OmittedColumns int
}

// HeatColumn labels one column of the heat map.
type HeatColumn struct {
	Label string // "D3" or the outlet
	Title string // the document's outlet and title, or the outlet's document count
}

// HeatRow is one entity's counts.
type HeatRow struct {
	Name   string
	Kind   string
	Counts []int
	Total  int
}

// EntityNaming is how each outlet names and describes one entity.
type EntityNaming struct {
	id      string
	Name    string
	Kind    string
	Total   int
	Outlets []OutletNaming
}

// OutletNaming is one outlet's forms and descriptors of an entity.
type OutletNaming struct {
	Outlet      string
	Documents   int
	Mentions    int
	Forms       []framing.FormCount
	Descriptors []framing.FormCount // descriptor text and count
}

// OutletTerms is the loaded-term profile of one outlet.
type OutletTerms struct {
	Outlet    string
	Documents int
	Words     int
	// Counts and Rates follow Report.Categories; Rate is per 1,000 words.
	Counts []int
	Rates  []float64
	// Top are the outlet's most frequent terms per category.
	Top [][]framing.TermCount
	// Measured counts the documents whose language the lexicon covers:
	// Words, Counts and Rates are theirs. NotCovered says which were not
	// measured ("not covered (language: de)"); with Measured 0 the rates
	// are not shown.
	Measured   int
	NotCovered string
}

// CategoryTerms is one category's most frequent terms in an outlet, written
// out: "regime 3, militia 1".
type CategoryTerms struct {
	Category, Terms string
}

// TopTerms lists the categories of categories (in their order) in which o
// has terms, with those terms and their counts.
func (o OutletTerms) TopTerms(categories []string) []CategoryTerms {
	var out []CategoryTerms
	for i, c := range categories {
		if i >= len(o.Top) || len(o.Top[i]) == 0 {
			continue
		}
		ts := make([]string, len(o.Top[i]))
		for k, t := range o.Top[i] {
			ts[k] = fmt.Sprintf("%s %d", t.Term, t.Count)
		}
		out = append(out, CategoryTerms{c, strings.Join(ts, ", ")})
	}
	return out
}

// OutletVoices are the people and bodies one outlet quotes or cites.
type OutletVoices struct {
	Outlet string
	Voices []framing.Voice
	// More counts the voices left out.
	More int
	// NotCovered is set when no document of the outlet is in a language
	// with attribution rules: "not covered (language: de)".
	NotCovered string
}

// PassageView is a shared passage, shown as pairs of its spans.
type PassageView struct {
	ID         string
	Words      int
	Similarity float64
	Quoted     bool
	Pairs      []PairView
}

// PairView is two spans of a passage with their word differences.
type PairView struct {
	Left, Right SideView
}

// SideView is one side of a pair: the document and its text cut into runs
// marked as equal or different.
type SideView struct {
	Doc   string // "D3 · Outlet · path"
	Path  string
	Start int
	End   int
	Runs  []Run
}

// Run is a piece of text that is the same on both sides or differs.
type Run struct {
	Text string
	Diff bool
	Op   reuse.Op
}

// Text is the side's whole text.
func (s SideView) Text() string {
	var b strings.Builder
	for _, r := range s.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// AnnotationView is one of the analyst's annotations.
type AnnotationView struct {
	Doc      string
	Path     string
	Quote    string
	Before   string
	After    string
	Note     string
	Tags     []string
	Orphaned bool
	Modified time.Time
}

// ProblemRow is a file that could not be read, a skipped file, or a
// warning from the analysis or the workspace.
type ProblemRow struct {
	Path   string
	Kind   string
	Detail string
}

// stages of Build and the renderers, for progress.
const buildSteps = 9

// Build makes the report of a's project, or of the workspace ws (which may
// be nil). It reads nothing from disk.
func Build(ctx context.Context, a *engine.Analysis, ws *workspace.Workspace, opts Options) (*Report, error) {
	if a == nil || a.Project() == nil || a.Project().Project == nil {
		return nil, errors.New("report: no analysis")
	}
	p := a.Project()
	step := 0
	progress := func(stage string) error {
		step++
		if opts.Progress != nil {
			opts.Progress(step, buildSteps, stage)
		}
		return ctx.Err()
	}
	r := &Report{
		Dir:       p.Dir(),
		Project:   filepath.Base(p.Dir()),
		Generated: opts.Now,
	}
	if r.Generated.IsZero() {
		r.Generated = time.Now()
	}
	if ws != nil {
		r.Workspace = ws.Name
		r.Notes = strings.TrimSpace(ws.Notes)
	}
	r.Title = opts.Title
	if r.Title == "" && ws != nil {
		r.Title = strings.TrimSpace(ws.Report.Title)
	}
	if r.Title == "" {
		r.Title = "Comparison report: " + r.Project
	}
	r.Paper = strings.ToLower(strings.TrimSpace(opts.Paper))
	if r.Paper == "" && ws != nil {
		r.Paper = ws.Report.Paper
	}
	if r.Paper == "" {
		r.Paper = PaperA4
	}
	if r.Paper != PaperA4 && r.Paper != PaperLetter {
		return nil, fmt.Errorf("report: unknown paper %q (want a4 or letter)", opts.Paper)
	}
	r.Sections = pickSections(opts.Sections, ws)

	// The documents covered.
	docs := p.Docs()
	if opts.OpenOnly {
		if ws == nil {
			return nil, fmt.Errorf("report: %w (no workspace)", ErrNoOpenDocuments)
		}
		open := map[string]bool{}
		for _, pane := range ws.Panes {
			open[pane.Path] = true
		}
		docs = nil
		for _, d := range p.Docs() {
			if open[d.Path] {
				docs = append(docs, d)
			}
		}
		if len(docs) == 0 {
			return nil, fmt.Errorf("report: workspace %q: %w", ws.Name, ErrNoOpenDocuments)
		}
	}
	in := make(map[string]int, len(docs)) // path → index in r.Documents
	outlets := map[string]bool{}
	for i, d := range docs {
		if d == nil {
			continue
		}
		row := docRow(p, d)
		row.N = len(r.Documents) + 1
		in[d.Path] = len(r.Documents)
		r.Documents = append(r.Documents, row)
		if row.Outlet.Text != "" {
			outlets[row.Outlet.Text] = true
		}
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	for o := range outlets {
		r.Outlets = append(r.Outlets, o)
	}
	sort.Strings(r.Outlets)
	if a.Framing() != nil {
		for _, df := range a.Framing().Documents {
			if i, ok := in[df.Path]; ok {
				r.Documents[i].Words = df.Words
			}
		}
		r.Categories = append([]string(nil), a.Framing().Categories...)
	}
	if err := progress("documents"); err != nil {
		return nil, err
	}

	r.Timeline = engine.Timeline(slices.DeleteFunc(slices.Clone(docs), func(d *document.Document) bool { return d == nil }))
	r.FirstDate, r.LastDate = r.Timeline.First, r.Timeline.Last
	if err := progress("timeline"); err != nil {
		return nil, err
	}

	maxHeat := 25
	if opts.MaxEntities > 0 {
		maxHeat = opts.MaxEntities
	}
	r.Heat = buildHeat(a.Coverage(), r.Documents, in, maxHeat)
	if err := progress("coverage"); err != nil {
		return nil, err
	}

	maxNaming := 15
	if opts.MaxEntities > 0 {
		maxNaming = opts.MaxEntities
	}
	fr := a.FramingOf(func(path string) bool { _, ok := in[path]; return ok })
	if fr == nil {
		fr = &framing.Analysis{}
	}
	r.Naming = buildNaming(fr.Entities, maxNaming)
	if a.Entities() != nil {
		for i := range r.Naming {
			if e := a.Entities().Entity(r.Naming[i].id); e != nil {
				r.Naming[i].Kind = e.Kind.String()
			}
		}
	}
	if err := progress("naming"); err != nil {
		return nil, err
	}
	r.Terms = buildTerms(fr.Outlets, r.Categories)
	r.Voices = buildVoices(fr.Outlets, 12)
	if r.Has(SectionGroups) {
		if err := r.buildGroups(ctx, a, opts.OpenOnly); err != nil {
			return nil, err
		}
	}
	if err := progress("terms"); err != nil {
		return nil, err
	}

	maxPass := 40
	if opts.MaxPassages > 0 {
		maxPass = opts.MaxPassages
	}
	if err := r.buildPassages(ctx, a.Passages(), in, maxPass); err != nil {
		return nil, err
	}
	if err := progress("passages"); err != nil {
		return nil, err
	}

	if ws != nil {
		r.buildAnnotations(ws, in, p)
	}
	r.buildProblems(a, ws)
	if err := progress("annotations"); err != nil {
		return nil, err
	}

	charts, err := makeCharts(ctx, r)
	if err != nil {
		return nil, err
	}
	r.charts = charts
	if err := progress("charts"); err != nil {
		return nil, err
	}
	if err := progress("ready"); err != nil {
		return nil, err
	}
	return r, nil
}

// Has reports whether the report includes section s.
func (r *Report) Has(s Section) bool {
	for _, x := range r.Sections {
		if x == s {
			return true
		}
	}
	return false
}

func pickSections(want []Section, ws *workspace.Workspace) []Section {
	var out []Section
	if want != nil {
		on := map[Section]bool{}
		for _, s := range want {
			on[s] = true
		}
		for _, s := range AllSections() {
			if on[s] {
				out = append(out, s)
			}
		}
		return out
	}
	for _, s := range AllSections() {
		if ws != nil {
			if v, ok := ws.Report.Sections[string(s)]; ok && !v {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func value(f document.Field) Value {
	return Value{Text: strings.TrimSpace(f.Value), Source: string(f.Source), Rule: f.Rule}
}

func docRow(p *engine.Project, d *document.Document) DocRow {
	row := DocRow{
		Path:     d.Path,
		Title:    strings.TrimSpace(d.Meta.Title.Value),
		Outlet:   value(d.Meta.Outlet),
		Author:   value(d.Meta.Author),
		Date:     value(d.Meta.Date),
		Format:   string(d.Format),
		Encoding: d.Encoding,
		Size:     d.Size,
		Words:    d.BodyWords(),
		Warnings: d.Warnings,
		Language: strings.TrimSpace(d.Meta.Language.Value),
	}
	if st := p.StanceOf(d); st.Label != "" {
		// "analyst: outlet", "sidecar: index.tsv:bias", "sidecar-outlet: …"
		row.Stance = Value{Text: st.Label, Source: "analyst", Rule: st.Source}
		if st.Source == sourcemeta.StanceFromSidecar || st.Source == sourcemeta.StanceFromSidecarOutlet {
			row.Stance = Value{Text: st.Label, Source: st.Source, Rule: st.Rule}
		}
	}
	return row
}

// docLabel is "D3 · Outlet" for a document of the report.
func (r *Report) docLabel(i int) string {
	d := r.Documents[i]
	return d.Label() + " · " + d.OutletName()
}

func buildHeat(m coverage.Matrix, docs []DocRow, in map[string]int, maxRows int) HeatMap {
	var h HeatMap
	// Map the matrix's columns to the report's documents.
	colDoc := make([]int, len(m.Docs))
	for c, d := range m.Docs {
		colDoc[c] = -1
		if i, ok := in[d.Path]; ok {
			colDoc[c] = i
		}
	}
	const maxDocColumns = 24
	const maxOutletColumns = 20
	var colOf func(docIndex int) int
	if len(docs) <= maxDocColumns {
		for _, d := range docs {
			title := d.Title
			if title == "" {
				title = d.Path
			}
			h.Columns = append(h.Columns, HeatColumn{Label: d.Label(), Title: d.OutletName() + ": " + title})
		}
		colOf = func(i int) int { return i }
	} else {
		h.ByOutlet = true
		count := map[string]int{}
		for _, d := range docs {
			count[d.Outlet.Text]++
		}
		names := make([]string, 0, len(count))
		for o := range count {
			names = append(names, o)
		}
		sort.Slice(names, func(i, j int) bool {
			if count[names[i]] != count[names[j]] {
				return count[names[i]] > count[names[j]]
			}
			return names[i] < names[j]
		})
		if len(names) > maxOutletColumns {
			h.OmittedColumns = len(names) - maxOutletColumns
			names = names[:maxOutletColumns]
		}
		idx := map[string]int{}
		for i, o := range names {
			idx[o] = i
			h.Columns = append(h.Columns, HeatColumn{Label: outletName(o), Title: fmt.Sprintf("%d documents", count[o])})
		}
		colOf = func(i int) int {
			if c, ok := idx[docs[i].Outlet.Text]; ok {
				return c
			}
			return -1
		}
	}
	for _, row := range m.Rows {
		hr := HeatRow{Name: row.Name, Kind: row.Kind, Counts: make([]int, len(h.Columns))}
		for c, n := range row.Counts {
			if c >= len(colDoc) || colDoc[c] < 0 || n == 0 {
				continue
			}
			if k := colOf(colDoc[c]); k >= 0 {
				hr.Counts[k] += n
				hr.Total += n
			}
		}
		if hr.Total > 0 {
			h.Rows = append(h.Rows, hr)
		}
	}
	sort.SliceStable(h.Rows, func(i, j int) bool { return h.Rows[i].Total > h.Rows[j].Total })
	if len(h.Rows) > maxRows {
		h.OmittedRows = len(h.Rows) - maxRows
		h.Rows = h.Rows[:maxRows]
	}
	for _, row := range h.Rows {
		for _, n := range row.Counts {
			h.Max = max(h.Max, n)
		}
	}
	return h
}

// buildNaming aggregates the documents' naming by entity and outlet and keeps
// the entities that two or more outlets name (or the most mentioned ones when
// there is only one outlet), most mentioned first.
// buildNaming keeps the entities the outlets name (computed by the
// engine, see engine.Analysis.FramingOf): those of more than one outlet
// when there are any, the most mentioned first.
func buildNaming(ents []framing.EntityNaming, limit int) []EntityNaming {
	multi := false
	for _, e := range ents {
		if len(e.Outlets) > 1 {
			multi = true
			break
		}
	}
	var out []EntityNaming
	for _, e := range ents {
		if multi && len(e.Outlets) < 2 {
			continue
		}
		en := EntityNaming{id: e.ID, Name: e.Name}
		outs := append([]framing.OutletNaming(nil), e.Outlets...)
		sort.SliceStable(outs, func(i, j int) bool { return lessOutlet(outs[i].Outlet, outs[j].Outlet) })
		for _, o := range outs {
			en.Total += o.Mentions
			on := OutletNaming{Outlet: outletName(o.Outlet), Documents: o.Documents, Mentions: o.Mentions,
				Forms: append([]framing.FormCount(nil), o.Forms...)}
			for _, d := range o.Descriptors {
				on.Descriptors = append(on.Descriptors, framing.FormCount{Form: d.Text, Count: d.Count})
			}
			if len(on.Descriptors) > 8 {
				on.Descriptors = on.Descriptors[:8]
			}
			en.Outlets = append(en.Outlets, on)
		}
		out = append(out, en)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Total > out[j].Total })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// lessOutlet sorts outlets by name with the unknown outlet last.
func lessOutlet(a, b string) bool {
	if (a == "") != (b == "") {
		return b == ""
	}
	return a < b
}

// buildTerms lays out each outlet's loaded terms (computed by the engine,
// see engine.Analysis.FramingOf) along the report's categories.
func buildTerms(outs []framing.OutletFraming, cats []string) []OutletTerms {
	catIdx := map[string]int{}
	for i, c := range cats {
		catIdx[c] = i
	}
	outs = sortedOutlets(outs)
	out := make([]OutletTerms, 0, len(outs))
	for _, o := range outs {
		ot := OutletTerms{Outlet: outletName(o.Outlet), Documents: o.Documents, Measured: o.TermDocuments, Words: o.TermWords,
			Counts: make([]int, len(cats)), Rates: make([]float64, len(cats)), Top: make([][]framing.TermCount, len(cats))}
		for _, c := range o.Terms {
			i, ok := catIdx[c.Category]
			if !ok {
				continue
			}
			ot.Counts[i], ot.Rates[i] = c.Count, c.Rate
			for _, t := range c.Terms {
				// "=said" is lexicon syntax for "the word only".
				ot.Top[i] = append(ot.Top[i], framing.TermCount{Term: strings.TrimPrefix(t.Term, "="), Count: t.Count})
			}
			sort.SliceStable(ot.Top[i], func(a, b int) bool {
				x, y := ot.Top[i][a], ot.Top[i][b]
				if x.Count != y.Count {
					return x.Count > y.Count
				}
				return x.Term < y.Term
			})
			if len(ot.Top[i]) > 3 {
				ot.Top[i] = ot.Top[i][:3]
			}
		}
		ot.NotCovered = o.TermsNotCovered
		out = append(out, ot)
	}
	return out
}

// buildVoices keeps the most quoted voices of each outlet (computed by the
// engine, see engine.Analysis.FramingOf).
func buildVoices(outs []framing.OutletFraming, limit int) []OutletVoices {
	outs = sortedOutlets(outs)
	out := make([]OutletVoices, 0, len(outs))
	for _, o := range outs {
		ov := OutletVoices{Outlet: outletName(o.Outlet), Voices: append([]framing.Voice(nil), o.Voices...)}
		if o.SourceDocuments == 0 {
			ov.NotCovered = o.SourcesNotCovered // no document in a language with attribution rules
		}
		if len(ov.Voices) > limit {
			ov.More = len(ov.Voices) - limit
			ov.Voices = ov.Voices[:limit]
		}
		out = append(out, ov)
	}
	return out
}

// sortedOutlets orders outlets for the report: by name, the unknown last.
func sortedOutlets(outs []framing.OutletFraming) []framing.OutletFraming {
	outs = append([]framing.OutletFraming(nil), outs...)
	sort.SliceStable(outs, func(i, j int) bool { return lessOutlet(outs[i].Outlet, outs[j].Outlet) })
	return outs
}

func (r *Report) buildPassages(ctx context.Context, ps []reuse.Passage, in map[string]int, limit int) error {
	for pi, p := range ps {
		if pi%16 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var spans []reuse.Span
		for _, s := range p.Spans {
			if _, ok := in[s.Path]; ok {
				spans = append(spans, s)
			}
		}
		if len(spans) < 2 {
			continue
		}
		r.PassagesTotal++
		if len(r.Passages) >= limit {
			continue
		}
		pv := PassageView{ID: p.ID, Words: p.Words, Similarity: p.Similarity, Quoted: p.Quoted}
		// The first span against each other one; a cluster of many copies
		// shows at most six pairs.
		for k := 1; k < len(spans) && k <= 6; k++ {
			pv.Pairs = append(pv.Pairs, r.pairView(spans[0], spans[k], in))
		}
		r.Passages = append(r.Passages, pv)
	}
	return nil
}

func (r *Report) pairView(a, b reuse.Span, in map[string]int) PairView {
	runs := reuse.Diff(a, b)
	left := SideView{Doc: r.docLabel(in[a.Path]), Path: a.Path, Start: a.Start, End: a.End}
	right := SideView{Doc: r.docLabel(in[b.Path]), Path: b.Path, Start: b.Start, End: b.End}
	cut := func(s reuse.Span, from, to int) string {
		from, to = max(from-s.Start, 0), min(to-s.Start, len(s.Text))
		if from >= to {
			return ""
		}
		return s.Text[from:to]
	}
	la, lb := a.Start, b.Start
	for _, run := range runs {
		// Text between runs (punctuation, spaces) is kept as equal.
		if run.AStart > la {
			left.Runs = append(left.Runs, Run{Text: cut(a, la, run.AStart)})
		}
		if run.BStart > lb {
			right.Runs = append(right.Runs, Run{Text: cut(b, lb, run.BStart)})
		}
		diff := run.Op != reuse.Equal
		if t := cut(a, run.AStart, run.AEnd); t != "" {
			left.Runs = append(left.Runs, Run{Text: t, Diff: diff, Op: run.Op})
		}
		if t := cut(b, run.BStart, run.BEnd); t != "" {
			right.Runs = append(right.Runs, Run{Text: t, Diff: diff, Op: run.Op})
		}
		la, lb = max(la, run.AEnd), max(lb, run.BEnd)
	}
	if la < a.End {
		left.Runs = append(left.Runs, Run{Text: cut(a, la, a.End)})
	}
	if lb < b.End {
		right.Runs = append(right.Runs, Run{Text: cut(b, lb, b.End)})
	}
	if len(runs) == 0 {
		left.Runs = []Run{{Text: a.Text}}
		right.Runs = []Run{{Text: b.Text}}
	}
	left.Runs, right.Runs = mergeRuns(left.Runs), mergeRuns(right.Runs)
	return PairView{Left: left, Right: right}
}

func mergeRuns(rs []Run) []Run {
	var out []Run
	for _, r := range rs {
		if n := len(out); n > 0 && out[n-1].Diff == r.Diff && (!r.Diff || out[n-1].Op == r.Op) {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

func (r *Report) buildAnnotations(ws *workspace.Workspace, in map[string]int, p *engine.Project) {
	for _, an := range ws.Annotations {
		av := AnnotationView{Path: an.Path, Quote: an.Quote, Before: an.Before, After: an.After,
			Note: an.Note, Tags: an.Tags, Orphaned: an.Orphaned, Modified: an.Modified}
		if i, ok := in[an.Path]; ok {
			av.Doc = r.docLabel(i)
		} else if p.Index(an.Path) >= 0 {
			continue // a document left out of this report
		} else {
			av.Doc = "(missing document)"
		}
		r.Annotations = append(r.Annotations, av)
	}
	sort.SliceStable(r.Annotations, func(i, j int) bool { return r.Annotations[i].Path < r.Annotations[j].Path })
}

func (r *Report) buildProblems(a *engine.Analysis, ws *workspace.Workspace) {
	p := a.Project()
	for _, pr := range p.Problems() {
		r.Problems = append(r.Problems, ProblemRow{Path: pr.Path, Kind: pr.Kind, Detail: pr.Error})
	}
	for _, s := range p.Skipped() {
		r.Problems = append(r.Problems, ProblemRow{Path: s, Kind: "skipped", Detail: "not an article (file type not read)"})
	}
	for _, d := range r.Documents {
		for _, w := range d.Warnings {
			if document.IsGarbledWarning(w) {
				continue // listed with the project's Problems above
			}
			r.Problems = append(r.Problems, ProblemRow{Path: d.Path, Kind: "warning", Detail: w})
		}
	}
	for _, w := range p.Warnings() {
		r.Problems = append(r.Problems, ProblemRow{Kind: "project", Detail: w})
	}
	for _, w := range a.Warnings() {
		r.Problems = append(r.Problems, ProblemRow{Kind: "analysis", Detail: w})
	}
	if ws != nil {
		for _, pane := range ws.Panes {
			if p.Index(pane.Path) < 0 {
				r.Problems = append(r.Problems, ProblemRow{Path: pane.Path, Kind: "workspace", Detail: "open in the workspace but not in the project (moved or deleted)"})
			}
		}
		for _, an := range ws.Annotations {
			if an.Orphaned {
				r.Problems = append(r.Problems, ProblemRow{Path: an.Path, Kind: "orphaned", Detail: "annotation whose passage is no longer in the document: " + clip(an.Quote, 80)})
			}
		}
		for _, w := range ws.Warnings {
			r.Problems = append(r.Problems, ProblemRow{Kind: "workspace", Detail: w})
		}
	}
}

// clip shortens s to at most n characters at a word boundary, with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := string(rs[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
