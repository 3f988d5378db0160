package entity

import (
	"context"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// projectRun extracts each text as a document of one project and runs the
// project pass.
func projectRun(t *testing.T, texts ...string) ([][]Mention, int) {
	t.Helper()
	x := extractor(t)
	perDoc := make([][]Mention, len(texts))
	held := make([]Held, len(texts))
	for i, text := range texts {
		d := &document.Document{Path: string(rune('a'+i)) + ".txt", Text: text}
		var err error
		if perDoc[i], held[i], err = x.ExtractHeldContext(context.Background(), d, textnorm.Fold(text)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := ProjectEvidence(context.Background(), perDoc, held)
	if err != nil {
		t.Fatal(err)
	}
	return perDoc, n
}

// TestProjectEvidence: a word one document writes capitalised only at a
// sentence's start is a name when two other documents use it as one
// mid-sentence; one other is not enough, nor are documents that write it
// in lower case or only at sentence starts themselves. Sentences made up.
func TestProjectEvidence(t *testing.T) {
	weak := "Talks stalled on Monday.\nVeskaro officials declined to comment."
	usesIt := "Troops entered Veskaro overnight and stayed."
	usesIt2 := "Aid reached Veskaro by road on Friday."
	lower := "The veskaro harvest failed, and Veskaro was quiet."
	startOnly := "Rain fell.\nVeskaro voted later."
	cases := []struct {
		name  string
		texts []string
		want  bool
	}{
		{"two other documents use it as a name", []string{weak, usesIt, usesIt2}, true},
		{"one other document is not enough", []string{weak, usesIt}, false},
		{"others writing it in lower case or at sentence starts do not count", []string{weak, usesIt, lower, startOnly}, false},
		{"a word the project mostly writes only at sentence starts", []string{weak, usesIt, usesIt2, startOnly, "Fog lifted.\nVeskaro slept.", "Wind rose.\nVeskaro woke."}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if m := find(extract(extractor(t), weak), "Veskaro"); m != nil {
				t.Fatalf("the weak document alone already keeps Veskaro (%s): the case tests nothing", m.Evidence)
			}
			perDoc, n := projectRun(t, c.texts...)
			m := find(perDoc[0], "Veskaro")
			if got := m != nil; got != c.want {
				t.Fatalf("Veskaro kept in the weak document = %v, want %v (%d given back; %q)", got, c.want, n, texts(perDoc[0]))
			}
			if m != nil && m.Evidence != EvidenceElsewhere {
				t.Errorf("evidence %q, want %q", m.Evidence, EvidenceElsewhere)
			}
		})
	}
}

// TestProjectEvidenceKeepsCommonWords: a common word dropped in one
// document stays dropped whatever other documents do.
func TestProjectEvidenceKeepsCommonWords(t *testing.T) {
	perDoc, _ := projectRun(t,
		"Campaign staff left early.",
		"They joined the Campaign against Veskaro.",
		"She ran the Campaign in Veskaro.",
	)
	if m := find(perDoc[0], "Campaign"); m != nil {
		t.Errorf("common word Campaign given back: %+v", m)
	}
}

func TestProjectEvidenceMismatch(t *testing.T) {
	if _, err := ProjectEvidence(context.Background(), make([][]Mention, 2), make([]Held, 1)); err == nil {
		t.Error("no error for lists of different lengths")
	}
}
