package framing

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strconv"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/keyhash"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// PartVersion is part of every document's key (PartKey): bump it whenever
// the per-document analysis (words, terms, names, descriptors,
// designations, who is quoted) changes what it computes, so that no part
// kept by an older build is read back.
const PartVersion = 1

// Kept keeps each document's framing between analyses (a store), so that
// an analysis after one file changed frames only the documents whose
// inputs changed. Analyse asks it for the parts of every document's key
// and hands it the parts it computed.
type Kept interface {
	// Parts returns the kept parts of keys; a key it has no readable part
	// of is left out (that document is framed again). An error stops the
	// analysis: a store that fails should answer no parts instead.
	Parts(ctx context.Context, keys []string) (map[string]*DocPart, error)
	// Keep is called from the analysis' workers with each part framed in
	// this run; part shares its slices with the analysis being built, so
	// Keep must be done with it (encoded it) when it returns. Keep is
	// also called with the key of a part Parts returned when that part
	// did not fit the document (a corrupt store): the new part replaces it.
	Keep(key string, part *DocPart)
	// Done is called once every document is framed, with every
	// document's key in the documents' order (a key may repeat: the same
	// text with the same names).
	Done(ctx context.Context, keys []string)
}

// Options tune AnalyseWith. The zero value frames every document
// without stances.
type Options struct {
	// Stance labels a document (nil: no stances).
	Stance func(*document.Document) string
	// Kept, when set, supplies the documents' parts kept from an earlier
	// analysis and keeps the new ones.
	Kept Kept
	// Salt goes into every key: what else the caller's kept parts depend
	// on (its encoding's version and shape).
	Salt string
	// Updatable makes the analysis keep what Update needs to redo only
	// what changed documents touch (about 3.8 KB a document at
	// news-bench-10k, held as long as the analysis is). The result is
	// the same.
	Updatable bool
}

// DocPart is one document's framing before the project-wide steps (tying
// designations to entities across the corpus, the outlet and entity
// sums): what Analyse keeps per document. Entities are numbered by slot,
// the order of their first mention in the document, not by their place
// in the project's list, which any other document may change.
type DocPart struct {
	Language       string
	TermsCovered   bool
	SourcesCovered bool
	Words          int
	Terms          []CategoryCount
	Occurrences    []Occurrence
	Sources        []Attribution
	// Listed: the document has no designations, and its entities are as
	// listed (forms and descriptors sorted). Otherwise the designations
	// may still add descriptors to its entities, which are then listed.
	Listed       bool
	Entities     []PartEntity
	Families     []PartFamily
	Designations []PartDesignation
}

// PartEntity is what a document says of the entity of one slot.
type PartEntity struct {
	Slot        int
	Mentions    int
	Forms       []FormCount
	Descriptors []Descriptor
}

// PartFamily notes that the document names or describes the entity of a
// slot with a noun of a family ("militia": irregular).
type PartFamily struct {
	Slot   int
	Family string
}

// PartDesignation is a designation not yet tied to an entity; Coordinated
// are slots.
type PartDesignation struct {
	Descriptor  Descriptor
	Family      string
	Coordinated []int
}

// docSlots numbers the entities of a document's mentions (sorted as
// analyseDoc reads them) by first mention: slots[k] is the entity of slot
// k, and the numbering keeps the order of the entities' indexes wherever
// it can matter (two entities' mentions of the very same span, sorted by
// index, appear in that order).
func docSlots(ms []mentionRef) (slots []int, slotOf map[int]int) {
	slotOf = map[int]int{}
	for _, m := range ms {
		if _, ok := slotOf[m.entity]; !ok {
			slotOf[m.entity] = len(slots)
			slots = append(slots, m.entity)
		}
	}
	return slots, slotOf
}

// lexiconKey hashes everything of lex the per-document analysis reads:
// its entries, categories and term languages, and the language profiles
// it detects languages, takes clitics off and finds sources with.
func lexiconKey(lex *Lexicon) (string, error) {
	h := sha256.New()
	if lex == nil {
		keyhash.Str(h, "no lexicon")
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	b, err := json.Marshal(struct {
		Entries    []Entry
		Categories []string
		Languages  []string
	}{lex.Entries(), lex.Categories(), lex.Languages()})
	if err != nil {
		return "", fmt.Errorf("framing: key the lexicon: %w", err)
	}
	keyhash.Str(h, string(b))
	profiles := lex.languages().Profiles()
	keyhash.Int(h, len(profiles))
	for _, p := range profiles {
		// every field but the stemmer (code, like the rules that read the
		// profile, covered by PartVersion)
		v := reflect.ValueOf(*p)
		for i := range v.NumField() {
			if v.Field(i).Kind() == reflect.Func {
				continue
			}
			b, err := json.Marshal(v.Field(i).Interface())
			if err != nil {
				return "", fmt.Errorf("framing: key the language profile %s: %w", p.Code, err)
			}
			keyhash.Str(h, v.Type().Field(i).Name)
			keyhash.Str(h, string(b))
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// partKey is the key of one document's part: a hash of all the
// per-document analysis reads (the document's text, boilerplate and
// language tag, its mentions, and for each entity they name whether it is
// a person and then its name), the lexicon's key and the caller's salt.
// The document's path, title, outlet, date and stance are not read: they
// are filled in when the analysis is assembled.
func partKey(salt, lexKey string, d *document.Document, ms []mentionRef, slots []int, slotOf map[int]int, entities []EntityInput) string {
	h := sha256.New()
	keyhash.Str(h, "parallax framing part")
	keyhash.Int(h, PartVersion)
	keyhash.Str(h, salt)
	keyhash.Str(h, lexKey)
	keyhash.Str(h, d.Text)
	var b keyBuf
	partInputs(&b, d, ms, slots, slotOf, entities)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// partInputs writes what the per-document analysis reads of d besides
// its text: boilerplate, language tag, mentions, and for each entity they
// name whether it is a person and then its name. Update keys its parts
// kept in memory with it (the text compared apart), so both keys see the
// same.
func partInputs(b *keyBuf, d *document.Document, ms []mentionRef, slots []int, slotOf map[int]int, entities []EntityInput) {
	b.int(len(d.Boilerplate))
	for _, s := range d.Boilerplate {
		b.int(s.Start, s.End)
	}
	b.str(d.Meta.Language.Value)
	b.int(len(ms))
	for _, m := range ms {
		b.int(m.start, m.end, slotOf[m.entity])
		b.str(m.form)
	}
	b.int(len(slots))
	for _, e := range slots {
		if isPersonKind(entities[e].Kind) {
			b.int(1)
			b.str(entities[e].Name)
		} else {
			b.int(0)
		}
	}
}

// keyBuf gathers a key's parts as keyhash writes them (a string with its
// length, a number as a varint) to hash them at once: many small writes
// to a hash cost more than the hashing.
type keyBuf []byte

func (b *keyBuf) str(s string) {
	*b = binary.AppendVarint(*b, int64(len(s)))
	*b = append(*b, s...)
}

func (b *keyBuf) int(vs ...int) {
	for _, v := range vs {
		*b = binary.AppendVarint(*b, int64(v))
	}
}

// part is r (settled, its designations not yet resolved) as kept, its
// entities numbered by slot. The descriptors that designations may still
// add to are copied: the part must not change when they are resolved.
func (r *docResult) part(slotOf map[int]int) *DocPart {
	p := &DocPart{Language: r.lang, TermsCovered: r.termsCovered, SourcesCovered: r.sourcesCovered,
		Words: r.words, Terms: r.terms, Occurrences: r.occurrences, Sources: r.sources, Listed: r.listed}
	if r.listed {
		p.Entities = make([]PartEntity, len(r.list))
		for k, de := range r.list {
			p.Entities[k] = PartEntity{Slot: slotOf[r.listIdx[k]], Mentions: de.Mentions, Forms: de.Forms, Descriptors: de.Descriptors}
		}
	} else {
		for e, acc := range r.ents {
			pe := PartEntity{Slot: slotOf[e], Mentions: acc.mentions, Forms: sortedForms(acc.forms),
				Descriptors: make([]Descriptor, 0, len(acc.descs))}
			for _, d := range acc.descs {
				d := *d
				d.Spans = append([]document.Span(nil), d.Spans...)
				pe.Descriptors = append(pe.Descriptors, d)
			}
			// the order the map gave is no part of the result: a fixed
			// one keeps the blob the same for the same document
			sort.Slice(pe.Descriptors, func(a, b int) bool {
				x, y := pe.Descriptors[a], pe.Descriptors[b]
				if x.Relation != y.Relation {
					return x.Relation < y.Relation
				}
				return x.Key < y.Key
			})
			p.Entities = append(p.Entities, pe)
		}
		sort.Slice(p.Entities, func(a, b int) bool { return p.Entities[a].Slot < p.Entities[b].Slot })
	}
	for _, n := range r.famNotes {
		p.Families = append(p.Families, PartFamily{Slot: slotOf[n.e], Family: n.f})
	}
	sort.Slice(p.Families, func(a, b int) bool {
		if p.Families[a].Slot != p.Families[b].Slot {
			return p.Families[a].Slot < p.Families[b].Slot
		}
		return p.Families[a].Family < p.Families[b].Family
	})
	for _, d := range r.designations {
		pd := PartDesignation{Descriptor: d.Descriptor, Family: d.family}
		for _, e := range d.coordinated {
			pd.Coordinated = append(pd.Coordinated, slotOf[e])
		}
		p.Designations = append(p.Designations, pd)
	}
	return p
}

// result is p as the result of the document d whose entity slots are
// slots (entities' indexes), settled as analyseSafely leaves a result. It
// fails when p does not fit: a slot the document does not have, a span
// outside its text.
func (p *DocPart) result(d *document.Document, slots []int, entities []EntityInput) (*docResult, error) {
	if err := p.check(d, len(slots)); err != nil {
		return nil, err
	}
	r := &docResult{lang: p.Language, termsCovered: p.TermsCovered, sourcesCovered: p.SourcesCovered,
		words: p.Words, terms: p.Terms, occurrences: p.Occurrences, sources: p.Sources, settled: true}
	for _, f := range p.Families {
		r.famNotes = append(r.famNotes, entityFamily{e: slots[f.Slot], f: f.Family})
	}
	for _, pd := range p.Designations {
		d := designation{Descriptor: pd.Descriptor, family: pd.Family}
		for _, s := range pd.Coordinated {
			d.coordinated = append(d.coordinated, slots[s])
		}
		r.designations = append(r.designations, d)
	}
	if p.Listed {
		// listed in the order of the entities' indexes, as entityList does
		ents := append([]PartEntity(nil), p.Entities...)
		sort.Slice(ents, func(a, b int) bool { return slots[ents[a].Slot] < slots[ents[b].Slot] })
		r.listed = true
		r.list = make([]DocEntity, len(ents))
		r.listIdx = make([]int, len(ents))
		for k, pe := range ents {
			e := slots[pe.Slot]
			r.list[k] = DocEntity{ID: entities[e].ID, Name: entities[e].Name, Mentions: pe.Mentions,
				Forms: pe.Forms, Descriptors: pe.Descriptors}
			r.listIdx[k] = e
		}
		return r, nil
	}
	for _, pe := range p.Entities {
		acc := r.entity(slots[pe.Slot])
		acc.mentions = pe.Mentions
		// keyed by place: the forms are listed again by display and count
		for k, f := range pe.Forms {
			acc.forms[strconv.Itoa(k)] = &formAcc{display: f.Form, count: f.Count}
		}
		for _, d := range pe.Descriptors {
			d := d
			d.Spans = append([]document.Span(nil), d.Spans...)
			acc.descs[d.Relation+"\x00"+d.Key] = &d
		}
	}
	return r, nil
}

// check makes sure p can be d's part with n entity slots: a part kept
// under another document's key (a corrupt store) is refused, never shown.
func (p *DocPart) check(d *document.Document, n int) error {
	slot := func(s int) error {
		if s < 0 || s >= n {
			return fmt.Errorf("framing: a kept part names entity slot %d of %d", s, n)
		}
		return nil
	}
	span := func(start, end int) error {
		if start < 0 || end > len(d.Text) || start > end {
			return fmt.Errorf("framing: a kept part's span %d–%d does not fit %s", start, end, d.Path)
		}
		return nil
	}
	seen := make(map[int]bool, len(p.Entities))
	for _, pe := range p.Entities {
		if err := slot(pe.Slot); err != nil {
			return err
		}
		if seen[pe.Slot] {
			return fmt.Errorf("framing: a kept part lists entity slot %d twice", pe.Slot)
		}
		seen[pe.Slot] = true
		for _, ds := range pe.Descriptors {
			for _, s := range ds.Spans {
				if err := span(s.Start, s.End); err != nil {
					return err
				}
			}
		}
	}
	for _, f := range p.Families {
		if err := slot(f.Slot); err != nil {
			return err
		}
	}
	for _, pd := range p.Designations {
		for _, s := range pd.Coordinated {
			if err := slot(s); err != nil {
				return err
			}
		}
		if len(pd.Descriptor.Spans) == 0 {
			return fmt.Errorf("framing: a kept designation has no span")
		}
		for _, s := range pd.Descriptor.Spans {
			if err := span(s.Start, s.End); err != nil {
				return err
			}
		}
	}
	if p.Listed && len(p.Designations) > 0 {
		return fmt.Errorf("framing: a kept part is listed with designations")
	}
	for _, o := range p.Occurrences {
		if err := span(o.Start, o.End); err != nil {
			return err
		}
	}
	for _, a := range p.Sources {
		if err := span(a.Start, a.End); err != nil {
			return err
		}
	}
	return nil
}

// keptRun is what readKept found: each document's key and entity slots,
// and the parts kept of them (nil: to frame).
type keptRun struct {
	keys  []string
	slots [][]int
	parts []*DocPart
}

// readKept keys every document (in parallel: a key hashes the text) and
// asks opts.Kept for their parts; nil without opts.Kept. mentions are the
// documents' mentions as analyseDoc reads them (sorted).
func readKept(ctx context.Context, docs []*document.Document, mentions [][]mentionRef, entities []EntityInput, lex *Lexicon, opts Options) (*keptRun, error) {
	if opts.Kept == nil {
		return nil, nil
	}
	lexKey, err := lexiconKey(lex)
	if err != nil {
		return nil, err
	}
	k := &keptRun{keys: make([]string, len(docs)), slots: make([][]int, len(docs)), parts: make([]*DocPart, len(docs))}
	if err := workpool.Run(ctx, len(docs), runtime.GOMAXPROCS(0), func() func(int) {
		return func(i int) {
			slots, slotOf := docSlots(mentions[i])
			k.slots[i] = slots
			k.keys[i] = partKey(opts.Salt, lexKey, docs[i], mentions[i], slots, slotOf, entities)
		}
	}); err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}
	parts, err := opts.Kept.Parts(ctx, k.keys)
	if err != nil {
		return nil, fmt.Errorf("framing: read the kept parts: %w", err)
	}
	for i, key := range k.keys {
		k.parts[i] = parts[key]
	}
	return k, nil
}
