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
// framing. Analyse and Update both call them, so an update computes each
// step exactly as a full analysis does.

// groupSeam groups mentions (the complete list, in place, like
// alias.GroupInPlaceContext). An update groups every mention again
// unless the list is exactly the previous one (update.go
// sameGroupingInput: the previous grouping is then taken over):
// (*alias.Grouping).Update gives the same result but, at 10k documents,
// costs what a full grouping costs (its candidate merges chain most keys
// together; BENCHMARKS.md "Alias: the grouping updated"), and would keep
// about 4 KB a document more.
func groupSeam(ctx context.Context, mentions []entity.Mention, gaz *entity.Gazetteer, dec *alias.Decisions) (*alias.Result, error) {
	return alias.GroupInPlaceContext(ctx, mentions, gaz, dec)
}

// passagesSeam finds the passages docs share, like reuse.Find. With
// indexed (an analysis an update may follow) it also returns the search's
// index, and with prev, the index of the previous analysis, redoes only
// what the changed documents touch.
func passagesSeam(ctx context.Context, prev *reuse.Index, indexed bool, docs []*document.Document, folded []textnorm.Folded, opts reuse.Options) ([]reuse.Passage, *reuse.Index, error) {
	switch {
	case !indexed:
		ps, err := reuse.Find(ctx, docs, folded, opts)
		return ps, nil, err
	case prev == nil:
		return reuse.FindIndexed(ctx, docs, folded, opts)
	default:
		return prev.Update(ctx, docs, folded, opts)
	}
}

// framingSeam analyses the framing of docs, like framing.AnalyseWith.
// With updatable the analysis keeps what framing.Update needs, and with
// prev (the previous analysis' framing) only what changed documents
// touch is framed and summed again.
func framingSeam(ctx context.Context, prev *framing.Analysis, updatable bool, docs []*document.Document, folded []textnorm.Folded, ents []framing.EntityInput, lex *framing.Lexicon, opts framing.Options) (*framing.Analysis, error) {
	if !updatable {
		return framing.AnalyseWith(ctx, docs, folded, ents, lex, opts)
	}
	opts.Updatable = true
	return framing.Update(ctx, prev, docs, folded, ents, lex, opts)
}
