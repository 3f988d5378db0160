package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// An index can be kept (in a store) and read back without the documents:
// what a search needs of them up front is their paths, the entities' names,
// forms and mention spans, and the Cyrillic and Arabic-script words of the
// texts (crosstext.go), which a search looks up by key. The texts
// themselves are read one by one, from a DocSource, when a row shows a
// mention in its context; a phrase search reads and folds each in turn. A
// warm "search" from the command line then costs what the query touches,
// not what the project holds.

// KeptVersion changes whenever Kept's meaning changes (its shape is
// checked by its encoder).
const KeptVersion = 1

// Kept is what an Index keeps of itself: see Keep and FromKept.
type Kept struct {
	Version  int
	Paths    []string // the documents, sorted
	Entities []KeptEntity
	// Mentions packs every entity's mentions in entity order, each as
	// three uvarints (its document in Paths, its start, its length); the
	// mentions of entity i start at MentionAt[i].
	Mentions  []byte
	MentionAt []int
	// CrossKeys are the blocking keys of the documents' Cyrillic and
	// Arabic-script words; the words of CrossKeys[i] are packed in
	// CrossWords from CrossAt[i], each as three uvarints (document,
	// start, length).
	CrossKeys  []string
	CrossWords []byte
	CrossAt    []int
}

// KeptEntity is an entity as a search reads it.
type KeptEntity struct {
	ID, Name string
	Kind     int
	Forms    []alias.Form
	Mentions int
}

// DocSource gives the documents of an index read back from what was kept:
// a document's path, text, boilerplate and metadata as the index was built
// from. Doc returns nil when it cannot (the source says why to whoever
// made it). Doc is called from one goroutine per search.
type DocSource interface {
	Doc(path string) *document.Document
}

// Prefetcher is a DocSource that reads many documents at once faster than
// one by one (a store answers one query for all): an entity's mentions
// ask for their documents together before reading each.
type Prefetcher interface {
	Prefetch(paths []string)
}

// Misfits is a DocSource told of a document whose text does not hold a
// span the kept index has for it (a store written by two different
// analyses): the rows of that document are left out, so the source must
// make the search's answer an error, not a shorter list.
type Misfits interface {
	Misfit(path string)
}

// fits reports whether d's text holds a span ending at end, telling the
// source of an index read back when it does not. An index built from
// the documents themselves always fits.
func (ix *Index) fits(d *document.Document, end int) bool {
	if end <= len(d.Text) {
		return true
	}
	if m, ok := ix.source.(Misfits); ok {
		m.Misfit(d.Path)
	}
	return false
}

// prefetch asks the source for the documents of ms at once, when it can.
func (ix *Index) prefetch(ms []entity.Mention) {
	pf, ok := ix.source.(Prefetcher)
	if !ok || len(ms) == 0 {
		return
	}
	seen := map[string]bool{}
	var paths []string
	for _, m := range ms {
		if !seen[m.Doc] {
			seen[m.Doc] = true
			paths = append(paths, m.Doc)
		}
	}
	pf.Prefetch(paths)
}

// Keep returns what ix keeps of itself.
func (ix *Index) Keep() *Kept {
	k := &Kept{Version: KeptVersion, Paths: ix.order}
	at := make(map[string]int, len(ix.order))
	for i, p := range ix.order {
		at[p] = i
	}
	k.Entities = make([]KeptEntity, len(ix.entities))
	k.MentionAt = make([]int, len(ix.entities))
	for i, e := range ix.entities {
		k.Entities[i] = KeptEntity{ID: e.ID, Name: e.Name, Kind: int(e.Kind), Forms: e.Forms, Mentions: ix.counts[i]}
		k.MentionAt[i] = len(k.Mentions)
		for _, m := range ix.mentions(i) {
			k.Mentions = appendTriple(k.Mentions, at[m.Doc], m.Span.Start, m.Span.End)
		}
	}
	words := ix.crossWords()
	k.CrossKeys = make([]string, 0, len(words))
	for key := range words {
		k.CrossKeys = append(k.CrossKeys, key)
	}
	sort.Strings(k.CrossKeys)
	k.CrossAt = make([]int, len(k.CrossKeys))
	for i, key := range k.CrossKeys {
		k.CrossAt[i] = len(k.CrossWords)
		for _, w := range words[key] {
			k.CrossWords = appendTriple(k.CrossWords, int(w.doc), int(w.start), int(w.end))
		}
	}
	return k
}

func appendTriple(b []byte, doc, start, end int) []byte {
	b = binary.AppendUvarint(b, uint64(doc))
	b = binary.AppendUvarint(b, uint64(start))
	return binary.AppendUvarint(b, uint64(end-start))
}

// errKept is the error of a kept index that does not hold together.
var errKept = errors.New("the kept search index is inconsistent")

// FromKept makes the index k describes, reading documents from src when a
// search needs them. k is checked whole (a corrupt store must give an
// error, not a wrong answer or a panic); its mention spans are decoded
// per entity when asked for.
func FromKept(ctx context.Context, k *Kept, src DocSource) (*Index, error) {
	if k == nil || k.Version != KeptVersion {
		return nil, fmt.Errorf("%w: written by another version", errKept)
	}
	if len(k.MentionAt) != len(k.Entities) || len(k.CrossAt) != len(k.CrossKeys) {
		return nil, fmt.Errorf("%w: its tables differ in length", errKept)
	}
	ix := &Index{byID: map[string]int{}, docs: map[string]*document.Document{},
		folded: map[string]textnorm.Folded{}, source: src, order: k.Paths}
	for i := 1; i < len(k.Paths); i++ {
		if k.Paths[i-1] >= k.Paths[i] {
			return nil, fmt.Errorf("%w: documents out of order", errKept)
		}
	}
	ents := make([]*alias.Entity, len(k.Entities))
	ix.counts = make([]int, len(k.Entities))
	for i, e := range k.Entities {
		ents[i] = &alias.Entity{ID: e.ID, Name: e.Name, Kind: entity.Kind(e.Kind), Forms: e.Forms}
		ix.counts[i] = e.Mentions
	}
	spans, err := splitTriples(k.Mentions, k.MentionAt, len(k.Paths))
	if err != nil {
		return nil, err
	}
	for i := range ents {
		if n := spans.count(i); n != ix.counts[i] {
			return nil, fmt.Errorf("%w: entity %q has %d mentions kept for %d counted", errKept, ents[i].ID, n, ix.counts[i])
		}
	}
	ix.mentions = func(i int) []entity.Mention {
		ms := make([]entity.Mention, 0, ix.counts[i])
		spans.each(i, func(doc, start, end int) {
			ms = append(ms, entity.Mention{Doc: k.Paths[doc], Span: document.Span{Start: start, End: end}})
		})
		return ms
	}
	words, err := splitTriples(k.CrossWords, k.CrossAt, len(k.Paths))
	if err != nil {
		return nil, err
	}
	cross := make(map[string][]wordAt, len(k.CrossKeys))
	for i, key := range k.CrossKeys {
		var ws []wordAt
		words.each(i, func(doc, start, end int) {
			ws = append(ws, wordAt{int32(doc), int32(start), int32(end)})
		})
		cross[key] = ws
	}
	ix.ctext.once.Do(func() { ix.ctext.words = cross })
	if err := ix.indexEntities(ctx, ents); err != nil {
		return nil, err
	}
	return ix, nil
}

// triples is a packed list of (document, start, end) per owner, checked
// when made: every number fits, every span is ordered, every document is
// one of docs.
type triples struct {
	data []byte
	at   []int
	// counts[i] is how many triples owner i has
	counts []int
}

func splitTriples(data []byte, at []int, docs int) (*triples, error) {
	t := &triples{data: data, at: at, counts: make([]int, len(at))}
	for i := range at {
		lo, hi := t.bounds(i)
		if lo < 0 || hi > len(data) || lo > hi {
			return nil, fmt.Errorf("%w: packed spans out of bounds", errKept)
		}
		b := data[lo:hi]
		for len(b) > 0 {
			var v [3]uint64
			for j := range v {
				x, n := binary.Uvarint(b)
				if n <= 0 || x > 1<<31 {
					return nil, fmt.Errorf("%w: a packed span is cut or too large", errKept)
				}
				v[j], b = x, b[n:]
			}
			if v[0] >= uint64(docs) || v[1]+v[2] > 1<<31 {
				return nil, fmt.Errorf("%w: a span names no document", errKept)
			}
			t.counts[i]++
		}
	}
	return t, nil
}

// bounds is where owner i's triples are in data.
func (t *triples) bounds(i int) (int, int) {
	hi := len(t.data)
	if i+1 < len(t.at) {
		hi = t.at[i+1]
	}
	return t.at[i], hi
}

func (t *triples) count(i int) int { return t.counts[i] }

// each calls fn with owner i's triples (checked by splitTriples).
func (t *triples) each(i int, fn func(doc, start, end int)) {
	lo, hi := t.bounds(i)
	b := t.data[lo:hi]
	for len(b) > 0 {
		var v [3]int
		for j := range v {
			x, n := binary.Uvarint(b)
			v[j], b = int(x), b[n:]
		}
		fn(v[0], v[1], v[1]+v[2])
	}
}
