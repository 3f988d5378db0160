package search

import (
	"context"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// NewIndexFoldingLazily is NewIndexContext for documents whose folded
// texts are made when first needed: only a phrase search reads them, so
// an index used for names and mentions alone (a warm project's entity
// panel) folds nothing. foldOf(path) returns the folded text of the
// document at path; it is called from any goroutine that searches, and
// must be safe for that (fold each text once, under a sync.Once).
func NewIndexFoldingLazily(ctx context.Context, docs []*document.Document, foldOf func(path string) textnorm.Folded, res *alias.Result) (*Index, error) {
	return newIndex(ctx, docs, nil, foldOf, res)
}

// foldedText returns the folded text of the document at path.
func (ix *Index) foldedText(path string) textnorm.Folded {
	if ix.foldOf != nil {
		return ix.foldOf(path)
	}
	return ix.folded[path]
}
