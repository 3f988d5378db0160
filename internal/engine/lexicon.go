package engine

import (
	"fmt"

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
