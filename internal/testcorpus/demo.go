package testcorpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/resources"
)

// DemoProjectCopy writes the demo project that ships inside the binaries
// (resources/demo) into a fresh temporary folder and returns it: material
// every clone has, so the engine's end-to-end tests never depend on
// ../shared.
func DemoProjectCopy(tb testing.TB) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), "demo")
	err := fs.WalkDir(resources.Demo, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, "demo"), "/")
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(resources.Demo, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		tb.Fatalf("copy the demo project: %v", err)
	}
	return dst
}

// DemoArticles lists the demo project's article files (every file but its
// sources table), by their paths relative to the project.
func DemoArticles(tb testing.TB) []string {
	tb.Helper()
	var out []string
	err := fs.WalkDir(resources.Demo, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "demo/")
		if !strings.HasSuffix(rel, ".csv") && !strings.HasSuffix(rel, ".tsv") {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("list the demo project: %v", err)
	}
	return out
}
