package search

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// An index whose texts are folded on demand folds none to be built or to
// find names, and its phrase search answers as the eager index's does.
func TestIndexFoldingLazily(t *testing.T) {
	docs := []*document.Document{
		{Path: "b.txt", Text: "The border crossing at Rafah reopened; the bοrder (Greek omicron) too."},
		{Path: "a.txt", Text: "Officials said the Border Crossing would stay shut."},
		{Path: "c.txt", Text: "Nothing about it here."},
	}
	var mu sync.Mutex
	asked := map[string]int{}
	foldOf := func(path string) textnorm.Folded {
		mu.Lock()
		asked[path]++
		mu.Unlock()
		for _, d := range docs {
			if d.Path == path {
				return textnorm.Fold(d.Text)
			}
		}
		t.Errorf("folded text of %q asked for: not a document", path)
		return textnorm.Folded{}
	}
	lazy, err := NewIndexFoldingLazily(context.Background(), docs, foldOf, &alias.Result{})
	if err != nil {
		t.Fatal(err)
	}
	eager := NewIndex(docs, nil, &alias.Result{})
	if len(asked) != 0 {
		t.Errorf("building the index folded %v", asked)
	}
	lazy.Entities("rafah", 5)
	if len(asked) != 0 {
		t.Errorf("a name search folded %v", asked)
	}
	for _, q := range []string{"border crossing", "BORDER", "shut", "absent words"} {
		got, want := lazy.Phrase(q, 0), eager.Phrase(q, 0)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Phrase(%q): lazy %+v, eager %+v", q, got, want)
		}
	}
	if len(eager.Phrase("border", 0)) != 3 {
		t.Errorf("the eager index finds %d rows of border, want 3", len(eager.Phrase("border", 0)))
	}
	if len(asked) != len(docs) {
		t.Errorf("phrase searches asked for %v, want every document", asked)
	}
}
