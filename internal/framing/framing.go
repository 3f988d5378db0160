// Package framing shows how outlets frame the same events: which names each
// outlet uses for an entity and the descriptors it attaches to them ("Iran-
// backed militia", "resistance movement"), the loaded and framing terms of
// an editable lexicon with their rate, and who is quoted or cited in each
// document. It works on folded text (see textnorm), so disguised copies are
// read like plain ones, and reports byte spans of the original text.
//
// There is no part-of-speech tagger in pure Go, so descriptors come from
// compact rules over the folded tokens: closed word classes (determiners,
// prepositions, pronouns, frequent verbs), suffixes that mark adjectives,
// "-backed"/"-led" compounds, titles, and the punctuation around a name:
//
//	premodifier     "senior Iraqi PMU commander [Abu Mehdi al-Muhandis]"
//	head            "[PMU] volunteer militias"
//	apposition      "[Philip Smyth], an analyst at …"
//	pre-apposition  "Iran's late war hero, [Qassem Soleimani],"
//	designation     "Iran-backed militia" with no name, tied to the entity the
//	                document mentions most among those described by a noun of
//	                the same family ("militia", "paramilitaries", "fighters")
//
// Attribution finds "X said", "said X", "according to X", "X told Reuters",
// "X, a Y, said", resolves "he said" to the nearest earlier speaker or titled
// name, and marks quotations next to the verb as direct.
//
// The package never judges: stance is the analyst's and is passed in.
package framing

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// MentionInput is one mention of an entity: a byte span of a document's
// original Text.
type MentionInput struct {
	Path  string `json:"path"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Form is the surface form as written; when empty the span's text is used.
	Form string `json:"form,omitempty"`
}

// EntityInput is an entity group as the framing analysis needs it.
type EntityInput struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is "person", "org", "place", … or empty. Designations ("Iran-backed
	// militia") are only tied to entities that are not people or places.
	Kind     string         `json:"kind,omitempty"`
	Mentions []MentionInput `json:"mentions"`
}

// Analysis is the framing of a set of documents: per document, per outlet
// and per entity. It marshals to the JSON of `parallax-cli framing --json`.
type Analysis struct {
	Documents []DocumentFraming `json:"documents"`
	Outlets   []OutletFraming   `json:"outlets"`
	Entities  []EntityNaming    `json:"entities"`
	// Categories lists the lexicon's categories.
	Categories []string `json:"categories"`
	// inc is what Update needs of an updatable analysis (nil: not
	// updatable). It is not encoded: a decoded analysis is updated in full.
	inc *incState `partcodec:"-"`
}

// DocumentFraming is the framing of one document.
type DocumentFraming struct {
	Path   string `json:"path"`
	Title  string `json:"title,omitempty"`
	Outlet string `json:"outlet"`
	Date   string `json:"date"`
	// Stance is the analyst's label for the document, as given by the caller.
	Stance string `json:"stance"`
	// Words counts the body's words (boilerplate left out).
	Words int `json:"words"`
	// Terms are the lexicon's matches by category.
	Terms       []CategoryCount `json:"terms"`
	Occurrences []Occurrence    `json:"occurrences"`
	// Sources are the people and bodies quoted or cited.
	Sources  []Attribution `json:"sources"`
	Entities []DocEntity   `json:"entities"`
	// Language is the language the document was read in ("ru"; empty when
	// it could not be told).
	Language string `json:"language"`
	// TermsCovered reports whether the lexicon has terms in the document's
	// language: when it is false, Terms are empty because nothing was
	// measured, not because no loaded term was used.
	TermsCovered bool `json:"terms_covered"`
	// SourcesCovered reports whether Parallax has attribution rules for the
	// document's language; when false, Sources were not looked for.
	SourcesCovered bool `json:"sources_covered"`
	// NotCovered says what was not measured and why, for display.
	NotCovered string `json:"not_covered,omitempty"`
}

// CategoryCount is the number of lexicon matches of one category.
type CategoryCount struct {
	Category string `json:"category"`
	Count    int    `json:"count"`
	// Rate is Count per 1,000 words of body.
	Rate  float64     `json:"rate"`
	Terms []TermCount `json:"terms"`
}

// TermCount counts one lexicon term.
type TermCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Occurrence is one match of a lexicon term, with its context.
type Occurrence struct {
	Term     string `json:"term"`
	Category string `json:"category"`
	Text     string `json:"text"` // as written
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Left     string `json:"left"`
	Right    string `json:"right"`
}

// Attribution is one quoted or cited source.
type Attribution struct {
	// Speaker is the speaker phrase as written ("a coalition spokesman",
	// "he", "Qais al-Khazali").
	Speaker      string `json:"speaker"`
	SpeakerStart int    `json:"speaker_start"`
	SpeakerEnd   int    `json:"speaker_end"`
	// Resolved is, for a pronoun, the speaker it most likely refers to: the
	// nearest earlier speaker or titled name.
	Resolved string `json:"resolved,omitempty"`
	// Description is an apposition to the speaker ("an analyst at …").
	Description string `json:"description,omitempty"`
	Verb        string `json:"verb"`
	// To is who was told ("Reuters" in "told Reuters").
	To string `json:"to,omitempty"`
	// Start and End span the speaker and verb.
	Start int `json:"start"`
	End   int `json:"end"`
	// Direct marks words inside quotation marks next to the attribution.
	Direct bool `json:"direct"`
	// Quote is the quotation's text (without the marks), when its other end
	// was found; QuoteStart and QuoteEnd are its span.
	Quote      string `json:"quote,omitempty"`
	QuoteStart int    `json:"quote_start,omitempty"`
	QuoteEnd   int    `json:"quote_end,omitempty"`
}

// Who is the speaker to group by: the resolved speaker of a pronoun, else
// the speaker.
func (a Attribution) Who() string {
	if a.Resolved != "" {
		return a.Resolved
	}
	return a.Speaker
}

// DocEntity is how one document names and describes an entity.
type DocEntity struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Mentions    int          `json:"mentions"`
	Forms       []FormCount  `json:"forms"`
	Descriptors []Descriptor `json:"descriptors"`
}

// FormCount counts a surface form.
type FormCount struct {
	Form  string `json:"form"`
	Count int    `json:"count"`
}

// The relations of a descriptor to the entity it describes.
const (
	// RelPremodifier: words before the name ("Iran-backed", "senior Iraqi").
	RelPremodifier = "premodifier"
	// RelHead: the name modifies a group noun ("PMU volunteer militias").
	RelHead = "head"
	// RelApposition: "X, a Y," after the name.
	RelApposition = "apposition"
	// RelPreApposition: "the Y, X," before the name.
	RelPreApposition = "pre-apposition"
	// RelDesignation: a descriptive phrase without the name ("Shi'ite
	// paramilitaries") tied to the document's most mentioned entity already
	// described with a noun of the same family. A heuristic, not a parse.
	RelDesignation = "designation"
)

// Descriptor is a phrase that describes an entity.
type Descriptor struct {
	// Text is the phrase as first written; Key its folded form without a
	// leading determiner, which groups the descriptors.
	Text     string `json:"text"`
	Key      string `json:"key"`
	Relation string `json:"relation"`
	Count    int    `json:"count"`
	// Documents counts the documents (in outlet and entity aggregates).
	Documents int `json:"documents,omitempty"`
	// Categories are the lexicon categories of terms inside the phrase.
	Categories []string        `json:"categories,omitempty"`
	Spans      []document.Span `json:"spans,omitempty"`
}

// OutletFraming aggregates the documents of one outlet.
type OutletFraming struct {
	Outlet    string `json:"outlet"`
	Documents int    `json:"documents"`
	Words     int    `json:"words"`
	// Stances are the distinct stances of its documents.
	Stances []string `json:"stances,omitempty"`
	// Terms count the loaded terms of the documents whose language the
	// lexicon covers; their rates are per 1,000 of those documents' words
	// (TermWords), never diluted by documents nobody measured.
	Terms  []CategoryCount `json:"terms"`
	Voices []Voice         `json:"voices"`
	// Languages are the languages of its documents.
	Languages []string `json:"languages,omitempty"`
	// TermDocuments and TermWords count the documents (and their words)
	// whose terms were measured; SourceDocuments those whose sources were.
	TermDocuments   int `json:"term_documents"`
	TermWords       int `json:"term_words"`
	SourceDocuments int `json:"source_documents"`
	// NotCovered says which of its documents were not measured, and why;
	// TermsNotCovered and SourcesNotCovered say it for each measure.
	NotCovered        string `json:"not_covered,omitempty"`
	TermsNotCovered   string `json:"terms_not_covered,omitempty"`
	SourcesNotCovered string `json:"sources_not_covered,omitempty"`
}

// Voice is a source an outlet carries.
type Voice struct {
	Speaker   string `json:"speaker"`
	Count     int    `json:"count"`
	Direct    int    `json:"direct"`
	Documents int    `json:"documents"`
}

// EntityNaming is how each outlet names and describes one entity.
type EntityNaming struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Kind    string         `json:"kind,omitempty"`
	Outlets []OutletNaming `json:"outlets"`
}

// OutletNaming is one outlet's forms and descriptors of an entity.
type OutletNaming struct {
	Outlet      string       `json:"outlet"`
	Documents   int          `json:"documents"`
	Mentions    int          `json:"mentions"`
	Forms       []FormCount  `json:"forms"`
	Descriptors []Descriptor `json:"descriptors"`
}

// Analyse computes the framing of docs. folded[i] must be
// textnorm.Fold(docs[i].Text), or folded may be nil to fold here. lex may be
// nil (no terms); stance may be nil (no stances). Results are in path order
// and do not depend on scheduling.
func Analyse(ctx context.Context, docs []*document.Document, folded []textnorm.Folded,
	entities []EntityInput, lex *Lexicon, stance func(*document.Document) string) (*Analysis, error) {
	return AnalyseWith(ctx, docs, folded, entities, lex, Options{Stance: stance})
}

// AnalyseWith is Analyse with options: with opts.Kept, the documents
// whose part is kept (same text, language tag, mentions and names, same
// lexicon) are read back instead of framed, and the others' parts are
// kept. The result is the same as Analyse's.
func AnalyseWith(ctx context.Context, docs []*document.Document, folded []textnorm.Folded,
	entities []EntityInput, lex *Lexicon, opts Options) (*Analysis, error) {
	if opts.Updatable {
		return update(ctx, nil, nil, "no previous analysis", docs, folded, entities, lex, opts)
	}
	stance := opts.Stance
	if folded != nil && len(folded) != len(docs) {
		return nil, fmt.Errorf("framing: %d folded texts for %d documents", len(folded), len(docs))
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return docs[order[a]].Path < docs[order[b]].Path })
	byPath := make(map[string]int, len(docs))
	for _, i := range order {
		if docs[i] == nil {
			return nil, fmt.Errorf("framing: document %d is nil", i)
		}
		byPath[docs[i].Path] = i
	}
	// Mentions per document, in text order.
	mentions := make([][]mentionRef, len(docs))
	for ei, e := range entities {
		for _, m := range e.Mentions {
			di, ok := byPath[m.Path]
			if !ok || m.Start < 0 || m.End > len(docs[di].Text) || m.Start >= m.End {
				continue
			}
			mentions[di] = append(mentions[di], mentionRef{entity: ei, start: m.Start, end: m.End, form: m.Form})
		}
	}
	for _, ms := range mentions {
		sortMentionRefs(ms)
	}

	results := make([]*docResult, len(docs))
	failed := make([]error, len(docs))
	kept, err := readKept(ctx, docs, mentions, entities, lex, opts)
	if err != nil {
		return nil, err
	}
	err = workpool.Run(ctx, len(order), runtime.GOMAXPROCS(0), func() func(int) {
		sc := &scratch{}
		return func(k int) {
			i := order[k]
			if kept != nil && kept.parts[i] != nil {
				// a kept part that does not fit is framed again
				if results[i], failed[i] = kept.parts[i].result(docs[i], kept.slots[i], entities); failed[i] == nil {
					kept.parts[i], mentions[i] = nil, nil
					return
				}
				failed[i] = nil
			}
			results[i], failed[i] = analyseSafely(ctx, docs[i], folded, i, mentions[i], entities, lex, sc)
			if kept != nil && failed[i] == nil {
				_, slotOf := docSlots(mentions[i])
				opts.Kept.Keep(kept.keys[i], results[i].part(slotOf))
			}
			mentions[i] = nil // read: let it go before the aggregation
		}
	})
	if err == nil {
		err = ctx.Err() // cancelled during the last documents
	}
	if err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}
	for _, i := range order {
		if failed[i] != nil {
			return nil, fmt.Errorf("framing %s: %w", docs[i].Path, failed[i])
		}
	}
	if kept != nil {
		opts.Kept.Done(ctx, kept.keys)
	}
	resolveDesignations(results, entities)

	a := &Analysis{Documents: make([]DocumentFraming, 0, len(docs)), Categories: []string{}}
	if lex != nil {
		a.Categories = lex.Categories()
	}
	for _, i := range order {
		r := results[i]
		d := docs[i]
		df := DocumentFraming{
			Language:       r.lang,
			TermsCovered:   r.termsCovered,
			SourcesCovered: r.sourcesCovered,
			NotCovered:     notCoveredNote(r.lang, r.termsCovered, r.sourcesCovered),
			Path:           d.Path,
			Title:          d.Meta.Title.Value,
			Outlet:         d.Meta.Outlet.Value,
			Date:           d.Meta.Date.Value,
			Words:          r.words,
			Terms:          r.terms,
			Occurrences:    r.occurrences,
			Sources:        r.sources,
			Entities:       r.entities(entities),
		}
		if stance != nil {
			df.Stance = stance(d)
		}
		a.Documents = append(a.Documents, df)
	}
	a.Outlets, a.Entities = aggregate(a.Documents, entities)
	return a, nil
}

// sortMentionRefs puts one document's mentions in text order (by start,
// end, then entity).
func sortMentionRefs(ms []mentionRef) {
	sort.Slice(ms, func(a, b int) bool {
		if ms[a].start != ms[b].start {
			return ms[a].start < ms[b].start
		}
		if ms[a].end != ms[b].end {
			return ms[a].end < ms[b].end
		}
		return ms[a].entity < ms[b].entity
	})
}

// mentionRef is a mention inside one document.
type mentionRef struct {
	entity     int
	start, end int
	form       string
}

// docResult is the per-document work before aggregation.
type docResult struct {
	lang                         string
	termsCovered, sourcesCovered bool
	words                        int
	terms                        []CategoryCount
	occurrences                  []Occurrence
	sources                      []Attribution
	// per entity index
	ents map[int]*docEntityAcc
	// designations not yet tied to an entity
	designations []designation
	// Once settled: the families of the document's forms and descriptors
	// per entity, and, when no designation may still add to them, the
	// document's entities as listed (ents is then dropped).
	settled, listed bool
	famNotes        []entityFamily
	list            []DocEntity
	listIdx         []int // the entity index of each of list
}

// entityFamily notes that a document names or describes entity e with a
// noun of family f.
type entityFamily struct {
	e int
	f string
}

// families lists the noun families of each entity's forms and descriptors
// in this document.
func (r *docResult) families() []entityFamily {
	var out []entityFamily
	for e, acc := range r.ents {
		for fk := range acc.forms {
			for _, f := range familiesOf(fk) {
				out = append(out, entityFamily{e, f})
			}
		}
		for _, d := range acc.descs {
			for _, f := range familiesOf(d.Key) {
				out = append(out, entityFamily{e, f})
			}
		}
	}
	return out
}

// settle keeps of a document's result only what the aggregation needs:
// the per-entity maps (form and descriptor accumulators) are most of a
// result's size, and holding them for every document until the last one
// is analysed set the peak of the whole analysis. A document with
// designations keeps them, since resolveDesignations may add to them.
func (r *docResult) settle(entities []EntityInput) {
	r.famNotes = r.families()
	r.settled = true
	if len(r.designations) == 0 {
		r.list, r.listed = r.entityList(entities), true
		r.listIdx = make([]int, 0, len(r.ents))
		for i := range r.ents {
			r.listIdx = append(r.listIdx, i)
		}
		sort.Ints(r.listIdx)
		r.ents = nil
	}
}

// entities returns the document's entities as listed.
func (r *docResult) entities(entities []EntityInput) []DocEntity {
	if r.listed {
		return r.list
	}
	return r.entityList(entities)
}

type docEntityAcc struct {
	mentions int
	forms    map[string]*formAcc
	descs    map[string]*Descriptor // by relation + key
}

type formAcc struct {
	display string
	count   int
}

func (r *docResult) entity(i int) *docEntityAcc {
	if r.ents == nil {
		r.ents = map[int]*docEntityAcc{}
	}
	e := r.ents[i]
	if e == nil {
		e = &docEntityAcc{forms: map[string]*formAcc{}, descs: map[string]*Descriptor{}}
		r.ents[i] = e
	}
	return e
}

func (e *docEntityAcc) addDescriptor(d Descriptor) {
	k := d.Relation + "\x00" + d.Key
	if old := e.descs[k]; old != nil {
		for _, s := range old.Spans {
			if s == d.Spans[0] {
				return
			}
		}
		old.Count++
		old.Spans = append(old.Spans, d.Spans...)
		return
	}
	d.Count = 1
	e.descs[k] = &d
}

func (r *docResult) entityList(entities []EntityInput) []DocEntity {
	idx := make([]int, 0, len(r.ents))
	for i := range r.ents {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	out := make([]DocEntity, 0, len(idx))
	for _, i := range idx {
		acc := r.ents[i]
		de := DocEntity{ID: entities[i].ID, Name: entities[i].Name, Mentions: acc.mentions,
			Descriptors: make([]Descriptor, 0, len(acc.descs))}
		de.Forms = sortedForms(acc.forms)
		for _, d := range acc.descs {
			de.Descriptors = append(de.Descriptors, *d)
		}
		sortDescriptors(de.Descriptors)
		out = append(out, de)
	}
	return out
}

func sortedForms(m map[string]*formAcc) []FormCount {
	out := make([]FormCount, 0, len(m))
	for _, f := range m {
		out = append(out, FormCount{Form: f.display, Count: f.count})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].Form < out[b].Form
	})
	return out
}

func sortDescriptors(ds []Descriptor) {
	sort.Slice(ds, func(a, b int) bool {
		if ds[a].Count != ds[b].Count {
			return ds[a].Count > ds[b].Count
		}
		if ds[a].Key != ds[b].Key {
			return ds[a].Key < ds[b].Key
		}
		return ds[a].Relation < ds[b].Relation
	})
	for i := range ds {
		sort.Slice(ds[i].Spans, func(a, b int) bool { return ds[i].Spans[a].Start < ds[i].Spans[b].Start })
	}
}

// analyseSafely folds document i when needed, analyses it and settles its
// result, turning a panic (a bug) into an error so it never crosses the
// package border.
func analyseSafely(ctx context.Context, d *document.Document, folded []textnorm.Folded, i int, ms []mentionRef,
	entities []EntityInput, lex *Lexicon, sc *scratch) (r *docResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("internal error: %v", p)
		}
	}()
	var f textnorm.Folded
	if folded != nil {
		f = folded[i]
	} else {
		f = textnorm.Fold(d.Text)
	}
	if !f.Mapped() || f.Offset(len(f.Text)) != len(d.Text) {
		return nil, fmt.Errorf("folded text does not match the document")
	}
	if r, err = analyseDoc(ctx, d, f, ms, entities, lex, sc); r != nil {
		r.settle(entities)
	}
	return r, err
}

// analyseDoc runs the per-document analyses. It stops with ctx's error
// soon after ctx is cancelled. sc holds the worker's reused arrays (nil:
// allocate).
func analyseDoc(ctx context.Context, d *document.Document, f textnorm.Folded, ms []mentionRef, entities []EntityInput, lex *Lexicon, sc *scratch) (*docResult, error) {
	code := documentLanguage(d, lex.languages())
	// A nil lexicon (callers that want no terms) keeps the English-only
	// reading of before for English documents.
	r := &docResult{lang: code, termsCovered: lex.Covers(code) || lex == nil && code == English}
	dc := &docCtx{doc: d, f: f, ctx: ctx, lang: code, scratch: sc}
	for _, s := range d.BodySpans() {
		if dc.stopped() {
			return nil, dc.err
		}
		r.words += document.CountWords(d.Text[s.Start:s.End])
	}
	if sc != nil {
		dc.toks = tokenizeInto(sc.toks, f, d.Text, dc.stopped)
		sc.toks = dc.toks
	} else {
		dc.toks = tokenize(f, d.Text, dc.stopped)
	}
	toks := dc.toks
	matches := dc.lexicon(lex)
	if dc.err != nil {
		return nil, dc.err
	}
	r.terms, r.occurrences = dc.termReport(lex, matches, r.words)
	dc.matches = matches
	dc.lex = lex

	// Names and descriptors.
	covered := make([]bool, len(toks)) // tokens inside mentions or descriptors
	mentionTok := make([]int32, len(toks))
	for k := range mentionTok {
		mentionTok[k] = -1
	}
	var spans []tokSpan
	for _, m := range ms {
		if dc.stopped() {
			return nil, dc.err
		}
		if d.InBoilerplate(m.start) {
			continue
		}
		a, b := dc.tokenRange(m.start, m.end)
		if a >= b {
			continue
		}
		acc := r.entity(m.entity)
		acc.mentions++
		form := m.form
		if form == "" {
			form = d.Text[m.start:m.end]
		}
		addForm(acc.forms, form)
		if fs, fe := f.FoldedStart(m.start), f.FoldedStart(m.end); toks[a].start < fs || toks[b-1].end > fe {
			// Inside a compound ("anti-ISIS"): the compound describes
			// something else.
			continue
		}
		for k := a; k < b; k++ {
			covered[k] = true
			mentionTok[k] = int32(m.entity)
		}
		spans = append(spans, tokSpan{a, b, m.entity})
	}
	for _, sp := range spans {
		if dc.stopped() {
			return nil, dc.err
		}
		for _, desc := range dc.descriptors(sp, mentionTok) {
			r.entity(sp.entity).addDescriptor(desc.Descriptor)
			for k := desc.from; k < desc.to; k++ {
				covered[k] = true
			}
		}
	}
	r.designations = dc.designations(covered, mentionTok)
	r.sources, r.sourcesCovered = dc.sources(lex, ms, entities)
	if dc.err != nil {
		return nil, dc.err
	}
	return r, nil
}

func addForm(forms map[string]*formAcc, form string) {
	key := textnorm.String(strings.Join(strings.Fields(form), " "))
	f := forms[key]
	if f == nil {
		f = &formAcc{display: clean(form)}
		forms[key] = f
	}
	f.count++
}

// clean prepares original text for display: runs of white space become one
// space, and words disguised with look-alike letters of another script are
// shown with their Latin letters (keeping the case), so "Fοrces" with a
// Greek omicron reads as "Forces". Spans still point to the original.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return s
	}
	mixed := textnorm.FindMixedScript(s).Words
	if len(mixed) == 0 {
		return s
	}
	var b strings.Builder
	pos := 0
	for _, w := range mixed {
		b.WriteString(s[pos:w.Start])
		word := s[w.Start:w.End]
		f := textnorm.Fold(word)
		for i := 0; i < len(f.Text); {
			r, size := utf8.DecodeRuneInString(f.Text[i:])
			o, _ := utf8.DecodeRuneInString(word[f.Offset(i):])
			if unicode.IsUpper(o) {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			i += size
		}
		pos = w.End
	}
	b.WriteString(s[pos:])
	return b.String()
}
