package entity

import (
	"context"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// TestTokenSentenceStarts checks which words start a sentence: the stop
// of an abbreviation from the shared table (wordscan), of dotted initials
// or of a single capital does not; a plain full stop does.
func TestTokenSentenceStarts(t *testing.T) {
	cases := []struct {
		text, word string
		want       bool
	}{
		{"He met Gen. Kovač there.", "Kovač", false},
		{"He joined Acme Corp. Kovač said so.", "Kovač", false}, // "corp" came with the shared table
		{"Talks in Brig. Kovač's office.", "Kovač", false},
		{"Troops left the U.S. Kovač said so.", "Kovač", false},
		{"George W. Bush spoke.", "Bush", false},
		{"It ended there. Kovač said so.", "Kovač", true},
		{"They told us. Kovač said so.", "Kovač", true},
		{"Kovač said so.", "Kovač", true},
		// wordscan's one rule: after an initial, dotted initials or an
		// abbreviation, a capitalised sentence opener means the stop ended
		// the sentence; a stop that is no initial's ends it.
		{"He lives in Washington D.C. Then Kovač left.", "Then", true},
		{"They chose Plan B. The rest failed.", "The", true},
		{"Acme Inc. The firm grew.", "The", true},
		{"Best Buy (BBY) and US Steel (X). Lobbying groups", "Lobbying", true},
		{"J. Kovač spoke.", "Kovač", false},
		{"Watch at 5 p.m. Guests include Kovač.", "Guests", true},
		{"Roe vs. Kovač was decided.", "Kovač", false},
		{"J. R. R. Tolkien wrote.", "Tolkien", false},
	}
	for _, c := range cases {
		toks, err := tokenize(context.Background(), c.text, []document.Span{{Start: 0, End: len(c.text)}}, textnorm.Fold(c.text))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, tk := range toks {
			if c.text[tk.start:tk.end] == c.word {
				found = true
				if tk.sentStart != c.want {
					t.Errorf("%q: %q starts a sentence = %v, want %v", c.text, c.word, tk.sentStart, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no token %q", c.text, c.word)
		}
	}
}
