package framing

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// FuzzAnalyse checks that no text, mention or lexicon match makes the
// analysis panic or report a span outside the text.
func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{
		"", "\"", "said", "according to", ", said", "X, a", "((((", "“", "he said.",
		"Qais al-Khazali, a powerful militia leader whose wing counts, told Reuters that",
		"the deputy chief of the PMU Abu Mehdi al-Muhandis (PMU), said: “no”",
		"Hezbοllah, a Lebanese Shi'ite mοvement, said nο. Iran-backed fighters",
		"U.S.-backed forces; Sen. Smith says: \"x\" -- according to Mr. Doe, a",
	} {
		f.Add(s, 0, 3)
	}
	lex := mustLexiconF(f)
	f.Fuzz(func(t *testing.T, text string, start, n int) {
		if !utf8.ValidString(text) {
			return
		}
		d := &document.Document{Path: "f.txt", Text: text}
		var ents []EntityInput
		if start >= 0 && n > 0 && start+n <= len(text) {
			ents = append(ents, EntityInput{ID: "e", Kind: "org", Mentions: []MentionInput{{Path: "f.txt", Start: start, End: start + n}}})
		}
		if i := strings.Index(text, "PMU"); i >= 0 {
			ents = append(ents, EntityInput{ID: "p", Kind: "person", Mentions: []MentionInput{{Path: "f.txt", Start: i, End: i + 3}}})
		}
		a, err := Analyse(context.Background(), []*document.Document{d}, nil, ents, lex, nil)
		if err != nil {
			t.Fatal(err)
		}
		in := func(s, e int) bool { return 0 <= s && s <= e && e <= len(text) }
		for _, doc := range a.Documents {
			for _, o := range doc.Occurrences {
				if !in(o.Start, o.End) {
					t.Fatalf("occurrence %+v", o)
				}
			}
			for _, s := range doc.Sources {
				if !in(s.Start, s.End) || !in(s.SpeakerStart, s.SpeakerEnd) {
					t.Fatalf("source %+v", s)
				}
			}
			for _, e := range doc.Entities {
				for _, ds := range e.Descriptors {
					for _, sp := range ds.Spans {
						if !in(sp.Start, sp.End) {
							t.Fatalf("descriptor %+v", ds)
						}
					}
				}
			}
		}
	})
}

func mustLexiconF(f *testing.F) *Lexicon {
	es, err := ParseLexicon(strings.NewReader("militia\tdelegitimising\nsaid\tattribution\nzionist regime\tothering\nliberat*\tvalorising\n"), "f.tsv")
	if err != nil {
		f.Fatal(err)
	}
	l, err := NewLexicon(es)
	if err != nil {
		f.Fatal(err)
	}
	return l
}
