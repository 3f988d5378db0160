package engine

import (
	"context"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// The three project-wide steps of an analysis each go through one seam:
// the grouping of the mentions, the shared-passage search and the
// framing. Each takes the state the previous analysis kept (nil: none,
// compute everything) and returns its result with the state to keep for
// the next update. They compute everything today; the packages' own
// update paths ((*alias.Grouping).Update, (*reuse.Index).Update,
// framing.Update) replace the bodies, and must return exactly what the
// full computation returns, so nothing else in the engine changes.

// groupSeam groups mentions (the complete list, in place, like
// alias.GroupInPlaceContext); changed(path) is true for the documents
// whose mentions are not those prev was built with (added, changed,
// gone).
func groupSeam(ctx context.Context, prev any, mentions []entity.Mention, changed func(path string) bool, gaz *entity.Gazetteer, dec *alias.Decisions) (*alias.Result, any, error) {
	_, _ = prev, changed
	res, err := alias.GroupInPlaceContext(ctx, mentions, gaz, dec)
	return res, nil, err
}

// passagesSeam finds the passages docs share, like reuse.Find.
func passagesSeam(ctx context.Context, prev any, docs []*document.Document, folded []textnorm.Folded, opts reuse.Options) ([]reuse.Passage, any, error) {
	_ = prev
	ps, err := reuse.Find(ctx, docs, folded, opts)
	return ps, nil, err
}

// framingSeam analyses the framing of docs, like framing.AnalyseWith;
// prev is the previous analysis' framing (nil: none).
func framingSeam(ctx context.Context, prev *framing.Analysis, docs []*document.Document, folded []textnorm.Folded, ents []framing.EntityInput, lex *framing.Lexicon, opts framing.Options) (*framing.Analysis, error) {
	_ = prev
	return framing.AnalyseWith(ctx, docs, folded, ents, lex, opts)
}
