package engine

import (
	"fmt"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"github.com/parallaxworkbench/parallax/resources"
)

// loadLexicon reads the shipped lexicons and the project's own (dir may be
// empty), with the language profiles that let framing read documents in
// their own language: clitics for matching terms, attribution verbs and
// quotation marks for who is quoted.
func loadLexicon(dir string) (*framing.Lexicon, error) {
	lex, err := framing.LoadLexicon(resources.Lexicon, dir)
	if err != nil {
		return nil, err
	}
	langs, err := profiles.Default()
	if err != nil {
		return nil, fmt.Errorf("load the language profiles: %w", err)
	}
	return lex.WithLanguages(langs), nil
}

// LexiconChangedOnDisk reports whether the lexicons on disk now hold other
// entries than those the analysis used (another writer changed a project
// lexicon); the analysis's own additions compare equal. It only reads:
// ReloadLexicon makes the new analysis.
func (a *Analysis) LexiconChangedOnDisk() (bool, error) {
	lex, err := framing.LoadLexicon(resources.Lexicon, a.project.Dir())
	if err != nil {
		return false, err
	}
	return !slices.Equal(lex.Entries(), a.lexicon.Entries()), nil
}
