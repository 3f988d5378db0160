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

// foldedText returns the folded text of the document d at path.
func (ix *Index) foldedText(path string, d *document.Document) textnorm.Folded {
	if ix.foldOf != nil {
		return ix.foldOf(path)
	}
	if f, ok := ix.folded[path]; ok {
		return f
	}
	// an index read back from what was kept (kept.go) folds as it goes
	return textnorm.Fold(d.Text)
}
