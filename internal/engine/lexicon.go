package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/resources"
)

// loadLexicon reads the shipped lexicons and the project's own from its
// state documents (docs nil: none), with the language profiles that let framing read documents in
// their own language: clitics for matching terms, attribution verbs and
// quotation marks for who is quoted.
func loadLexicon(ctx context.Context, docs statedoc.Docs) (*framing.Lexicon, error) {
	lex, err := framing.LoadLexiconFrom(ctx, resources.Lexicon, docs)
	if err != nil {
		return nil, err
	}
	langs, err := profiles.Default()
	if err != nil {
		return nil, fmt.Errorf("load the language profiles: %w", err)
	}
	return lex.WithLanguages(langs), nil
}

// LexiconChangedOnDisk reports whether the lexicons on disk (or in the
// project's store) now hold other entries than those the analysis used
// (another writer changed a project lexicon); the analysis's own additions compare equal. It only reads:
// ReloadLexicon makes the new analysis.
func (a *Analysis) LexiconChangedOnDisk() (bool, error) {
	lex, err := framing.LoadLexiconFrom(context.Background(), resources.Lexicon, a.Project.State())
	if err != nil {
		return false, err
	}
	return !slices.Equal(lex.Entries(), a.Lexicon.Entries()), nil
}
