package engine

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Work a caller may never need is done the first time it is asked for: a
// warm analysis read from the store is shown by commands and panels that
// each read a part of it (entities need no framing, nothing but a phrase
// search or a highlight needs every folded text). Each lazy value is built
// once, under a sync.Once, so concurrent readers of a published snapshot
// wait for the one build and all see its result; the snapshot stays
// immutable from the outside.

// lazy is a value built on first use. A build may come with a note (a
// part of the store that was unreadable and was computed instead), which
// the analysis' warnings list once it is built.
type lazy[T any] struct {
	once  sync.Once
	build func() (T, string)
	v     T
	note  string
	done  atomic.Bool // set once v and note are final
}

// ready returns a lazy value already built.
func ready[T any](v T) *lazy[T] {
	l := &lazy[T]{v: v}
	l.once.Do(func() {})
	l.done.Store(true)
	return l
}

// later returns a lazy value that build makes on first use. build must
// read only values that are never written afterwards (a snapshot's).
func later[T any](build func() (T, string)) *lazy[T] {
	return &lazy[T]{build: build}
}

// get returns the value, building it first if nobody has; the zero value
// for a nil l.
func (l *lazy[T]) get() T {
	if l == nil {
		var zero T
		return zero
	}
	l.once.Do(func() {
		l.v, l.note = l.build()
		l.build = nil // what it captured may go
		l.done.Store(true)
	})
	return l.v
}

// warning returns the note of a value already built, "" otherwise (and
// never builds it).
func (l *lazy[T]) warning() string {
	if l == nil || !l.done.Load() {
		return ""
	}
	return l.note
}

// foldedTexts are the folded texts of a project's documents, each folded
// the first time something asks for it. The snapshots of one project
// (ReloadMetadata, EditOverrides) share them: their texts are the same.
type foldedTexts struct {
	texts []string // the documents' texts, in the project's order
	slots []foldSlot
	folds atomic.Int64 // how many were folded here (not given): for tests
}

type foldSlot struct {
	once sync.Once
	f    textnorm.Folded
	done atomic.Bool // f is set
}

// done returns the folded text of document i if it was folded (or
// given) already.
func (ft *foldedTexts) done(i int) (textnorm.Folded, bool) {
	s := &ft.slots[i]
	if !s.done.Load() {
		return textnorm.Folded{}, false
	}
	return s.f, true
}

// give sets the folded text of document i (textnorm.Fold of its text,
// folded for another snapshot) unless it was folded already.
func (ft *foldedTexts) give(i int, f textnorm.Folded) {
	s := &ft.slots[i]
	s.once.Do(func() {
		s.f = f
		s.done.Store(true)
	})
}

func newFoldedTexts(docs []*document.Document) *foldedTexts {
	ft := &foldedTexts{texts: make([]string, len(docs)), slots: make([]foldSlot, len(docs))}
	for i, d := range docs {
		ft.texts[i] = d.Text
	}
	return ft
}

// givenFolded returns the folded texts of docs as given (folded[i] must
// be textnorm.Fold(docs[i].Text)); missing ones are folded when asked for.
func givenFolded(docs []*document.Document, folded []textnorm.Folded) *foldedTexts {
	ft := newFoldedTexts(docs)
	for i := range min(len(folded), len(docs)) {
		ft.give(i, folded[i])
	}
	return ft
}

func (ft *foldedTexts) len() int { return len(ft.slots) }

// at returns the folded text of document i, folding it on first use.
func (ft *foldedTexts) at(i int) textnorm.Folded {
	s := &ft.slots[i]
	s.once.Do(func() {
		s.f = textnorm.Fold(ft.texts[i])
		s.done.Store(true)
		ft.folds.Add(1)
	})
	return s.f
}

// all returns every folded text (a new slice), folding those not yet
// folded on at most workers goroutines.
func (ft *foldedTexts) all(ctx context.Context, workers int) ([]textnorm.Folded, error) {
	out := make([]textnorm.Folded, len(ft.slots))
	if err := parallel(ctx, len(ft.slots), workers, func(i int) { out[i] = ft.at(i) }); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err // cancelled during the last ones: out has holes
	}
	return out, nil
}

// lazySearch is the search index of p's documents and the groups ents,
// built when first asked for (only the search, the entity panel and the
// alias review use it); the texts are folded only for a phrase search,
// each when the search reaches it.
func lazySearch(p *Project, ents *alias.Result) *lazy[*search.Index] {
	return later(func() (*search.Index, string) {
		at := make(map[string]int, p.NumDocs())
		for i, d := range p.Docs() {
			at[d.Path] = i
		}
		foldOf := func(path string) textnorm.Folded {
			if i, ok := at[path]; ok {
				return p.folded.at(i)
			}
			return textnorm.Folded{} // not one of the index's documents: never asked
		}
		ix, err := search.NewIndexFoldingLazily(context.Background(), p.Docs(), foldOf, ents)
		if err != nil {
			return nil, fmt.Sprintf("the search index could not be built: %v", err)
		}
		return ix, ""
	})
}

// lazyCoverage builds the entity × document matrix of p's documents by
// ents when first asked for (the coverage view, the report, exports).
func lazyCoverage(p *Project, ents *alias.Result) *lazy[coverage.Matrix] {
	return later(func() (coverage.Matrix, string) {
		in := mostMentioned(coverageInput(ents), MaxCoverageRows)
		return coverage.NewMatrix(coverage.DocsOf(p.Docs()), in), ""
	})
}

// lazyExclusive lists the entities one outlet alone names when first
// asked for (the CLI's and report's blind spots; the app's coverage view
// does not).
func lazyExclusive(p *Project, ents *alias.Result) *lazy[[]coverage.Exclusive] {
	return later(func() ([]coverage.Exclusive, string) {
		return coverage.Exclusives(coverage.DocsOf(p.Docs()), coverageInput(ents)), ""
	})
}

// keptFraming is the framing kept in the store (partcodec.EncodeValue of
// a *framing.Analysis), decoded when first asked for. A kept framing that
// turns out unreadable, or names a document the project does not have, is
// computed again from the analysis' own parts, and the warning says so:
// the answer is the one a cold analysis gives.
func keptFraming(blob []byte, location string, p *Project, ents *alias.Result, lex *framing.Lexicon) *lazy[*framing.Analysis] {
	return later(func() (*framing.Analysis, string) {
		fr, err := decodeFraming(blob, p)
		if err == nil {
			return fr, ""
		}
		fresh, ferr := computeFraming(context.Background(), p, ents, lex, nil, false)
		if ferr != nil {
			return nil, fmt.Sprintf("store %s: the kept framing is unreadable (%v), and computing it failed: %v", location, err, ferr)
		}
		return fresh, fmt.Sprintf("store %s: the kept framing is unreadable, computed again: %v", location, err)
	})
}

// decodeFraming decodes a kept framing and checks that it names only p's
// documents.
func decodeFraming(blob []byte, p *Project) (*framing.Analysis, error) {
	var fr *framing.Analysis
	if err := partcodec.DecodeValue(blob, &fr); err != nil {
		return nil, err
	}
	if fr == nil {
		return nil, fmt.Errorf("the kept framing is empty")
	}
	if err := checkPaths(p, nil, nil, fr); err != nil {
		return nil, err
	}
	return fr, nil
}
