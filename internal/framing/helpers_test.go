package framing

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func foldForTest(s string) string { return textnorm.String(s) }

// ent is a test entity: its kind and the exact strings of its mentions.
type ent struct {
	id, kind string
	forms    []string
}

// analyseText analyses one document with entities found by exact search.
func analyseText(t *testing.T, text string, lex *Lexicon, ents ...ent) DocumentFraming {
	t.Helper()
	d := &document.Document{Path: "t.txt", Text: text}
	d.Meta.Outlet.Value = "Test"
	var inputs []EntityInput
	for _, e := range ents {
		in := EntityInput{ID: e.id, Name: e.forms[0], Kind: e.kind}
		taken := make([]bool, len(text))
		for _, f := range e.forms {
			for pos := 0; ; {
				i := strings.Index(text[pos:], f)
				if i < 0 {
					break
				}
				s := pos + i
				pos = s + len(f)
				if taken[s] {
					continue
				}
				for k := s; k < pos; k++ {
					taken[k] = true
				}
				in.Mentions = append(in.Mentions, MentionInput{Path: d.Path, Start: s, End: pos})
			}
		}
		inputs = append(inputs, in)
	}
	a, err := Analyse(context.Background(), []*document.Document{d}, nil, inputs, lex, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a.Documents[0]
}

// descKeys lists an entity's descriptors as "relation:key".
func descKeys(d DocumentFraming, id string) []string {
	var out []string
	for _, e := range d.Entities {
		if e.ID != id {
			continue
		}
		for _, ds := range e.Descriptors {
			out = append(out, ds.Relation+":"+ds.Key)
		}
	}
	return out
}
