package state

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

func TestProjectDocByPath(t *testing.T) {
	a := &document.Document{Path: "a.txt"}
	b := &document.Document{Path: "sub/b.md"}
	dup := &document.Document{Path: "a.txt"}
	p := &Project{Docs: []*document.Document{a, b, dup}}
	tests := []struct {
		path string
		want *document.Document
	}{
		{"a.txt", a}, // the first of two documents with one path
		{"sub/b.md", b},
		{"b.md", nil},
		{"", nil},
	}
	for _, tc := range tests {
		if got := p.Doc(tc.path); got != tc.want {
			t.Errorf("Doc(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	// A document added later is found too.
	c := &document.Document{Path: "c.txt"}
	p.Docs = append(p.Docs, c)
	if p.Doc("c.txt") != c {
		t.Error("a document added after the first lookup is not found")
	}
	var none *Project
	if none.Doc("a.txt") != nil {
		t.Error("a nil project finds a document")
	}
}
