package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 0, 123456789, time.UTC)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// fullWorkspace sets every field of a workspace to a non-zero value, so a
// round trip that loses any of them fails.
func fullWorkspace(name string) *Workspace {
	return &Workspace{
		Version:    Version,
		AppVersion: "parallax-test 0.1",
		Created:    t0,
		Saved:      t0.Add(time.Hour),
		Panes: []Pane{
			{Path: "reuters/strike.txt", Hash: sha("a"), Scroll: Scroll{Offset: 1234, Fraction: 0.25}, Width: 0.6},
			{Path: "mehr news/part two.html", Hash: sha("b"), Scroll: Scroll{Offset: -1, Fraction: 0.75}, Width: 0.4},
		},
		Active: 1,
		Highlights: Highlights{
			All:         true,
			Entities:    map[string]bool{"e:al-qaim": true, "e:pmf": false},
			Boilerplate: true,
			Passages:    true,
		},
		Search: Search{Query: "Kata'ib “Hezbollah” <b>&", Entity: "e:al-qaim"},
		Table: Table{
			Filters: []Filter{{Column: "outlet", Op: "equals", Value: "Reuters"}, {Column: "date", Op: "after", Value: "2020-01-01"}},
			Sort:    []SortKey{{Column: "date", Desc: true}, {Column: "title"}},
		},
		Annotations: []Annotation{{
			ID: "a1", Path: "reuters/strike.txt", Hash: sha("a"),
			Span:  document.Span{Start: 10, End: 25},
			Quote: "Iran-backed mil", Before: "said the ", After: "itia group",
			Note: "naming: 'Iran-backed'", Tags: []string{"framing", "naming"},
			Created: t0, Modified: t0.Add(time.Minute), Orphaned: true,
		}},
		Notes:  "Compare the naming.\nSecond line — with dashes.",
		Report: ReportSettings{Title: "Reuters vs Mehr", Paper: PaperLetter, Sections: map[string]bool{"naming": true, "timeline": false}},
		Name:   name,
	}
}

// project makes a project folder with the given files.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func openStore(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return t0.Add(2 * time.Hour) }
	}
	s, err := OpenStore(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func doc(path, text string) *document.Document {
	return &document.Document{Path: path, Text: text, Hash: sha(text)}
}
