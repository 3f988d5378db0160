package reuse

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// listTexts returns the paths of the .txt files under dir, sorted.
func listTexts(tb testing.TB, dir string) []string {
	tb.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("walk %s: %v", dir, err)
	}
	sort.Strings(paths)
	return paths
}

// loadTexts reads up to limit .txt files under dir (all when limit <= 0), in
// path order, as documents with paths relative to dir.
func loadTexts(tb testing.TB, dir string, limit int) []*document.Document {
	tb.Helper()
	paths := listTexts(tb, dir)
	if limit > 0 && len(paths) > limit {
		paths = paths[:limit]
	}
	return readTexts(tb, dir, paths)
}

// readTexts reads the files at paths as documents with paths relative to dir.
func readTexts(tb testing.TB, dir string, paths []string) []*document.Document {
	tb.Helper()
	docs := make([]*document.Document, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("read %s: %v", p, err)
		}
		rel, _ := filepath.Rel(dir, p)
		docs = append(docs, &document.Document{Path: filepath.ToSlash(rel), Format: document.FormatText, Text: string(b)})
	}
	return docs
}
