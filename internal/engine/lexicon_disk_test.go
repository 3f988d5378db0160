package engine

import (
	"context"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
)

// A window compares the lexicons on disk with those of the analysis it
// shows: unchanged or its own addition (once reloaded) is no change;
// another writer's addition is.
func TestLexiconChangedOnDisk(t *testing.T) {
	dir := copyGroups(t)
	a := analyseDir(t, dir)
	if changed, err := a.LexiconChangedOnDisk(); err != nil || changed {
		t.Fatalf("nothing changed: changed=%v err=%v", changed, err)
	}
	if _, err := framing.AddProjectTerm(dir, framing.Entry{Term: "spillway", Category: "project"}); err != nil {
		t.Fatal(err)
	}
	if changed, err := a.LexiconChangedOnDisk(); err != nil || !changed {
		t.Fatalf("a term added on disk: changed=%v err=%v", changed, err)
	}
	next, err := a.ReloadLexicon(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := next.LexiconChangedOnDisk(); err != nil || changed {
		t.Errorf("after the reload: changed=%v err=%v", changed, err)
	}
	// a project lexicon of another language
	if _, err := framing.AddProjectTerm(dir, framing.Entry{Term: "плотина", Category: "project", Lang: "ru"}); err != nil {
		t.Fatal(err)
	}
	if changed, err := next.LexiconChangedOnDisk(); err != nil || !changed {
		t.Errorf("a term added to %s: changed=%v err=%v", framing.ProjectLexiconFor("ru"), changed, err)
	}
}
