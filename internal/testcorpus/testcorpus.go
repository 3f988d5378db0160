// Package testcorpus finds the real material that tests and benchmarks use:
// the sample project in ../shared/fixtures and the archives in
// ../shared/corpora, unpacked once into the system's temporary folder. None
// of it is part of the product; a test that needs what is absent is skipped.
package testcorpus

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// SharedDir returns the ../shared folder beside the repository, found by
// walking up from the working directory, or "" when there is none. The
// PARALLAX_SHARED variable overrides the search.
func SharedDir() string {
	if d := os.Getenv("PARALLAX_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		cand := filepath.Join(dir, "..", "shared")
		if st, err := os.Stat(filepath.Join(cand, "fixtures")); err == nil && st.IsDir() {
			return filepath.Clean(cand)
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			// dir is the module root: ../shared is its sibling or nothing.
			if _, err := os.Stat(filepath.Join(dir, "..", "shared")); err != nil {
				return ""
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// SampleProject returns the border-crossing sample project, or skips tb.
func SampleProject(tb testing.TB) string {
	tb.Helper()
	s := SharedDir()
	if s == "" {
		tb.Skip("../shared/fixtures not found")
	}
	return filepath.Join(s, "fixtures", "border-crossing")
}

// Corpus returns the unpacked folder of ../shared/corpora/NAME.tar.gz
// (e.g. "news-bench-10k", "pdf-dev", "html-dev"), unpacking it on first use,
// or skips tb when the archive is absent.
func Corpus(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := Unpack(name)
	if err != nil {
		tb.Skip(err.Error())
	}
	return dir
}

// inner names the top folder each archive unpacks to.
var inner = map[string]string{
	"news-bench-10k":   "news-bench-10k",
	"pdf-dev":          "pdf-dev",
	"html-dev":         "readability-test-pages",
	"multilingual-dev": "multilingual-dev",
}

// Unpack unpacks ../shared/corpora/NAME.tar.gz into
// $TMPDIR/parallax-corpora/NAME once and returns the folder it holds.
func Unpack(name string) (string, error) {
	s := SharedDir()
	if s == "" {
		return "", fmt.Errorf("../shared not found")
	}
	archive := filepath.Join(s, "corpora", name+".tar.gz")
	if _, err := os.Stat(archive); err != nil {
		return "", fmt.Errorf("corpus %s: %w", name, err)
	}
	top := inner[name]
	if top == "" {
		top = name
	}
	dest := filepath.Join(os.TempDir(), "parallax-corpora", name)
	done := filepath.Join(dest, ".unpacked")
	if _, err := os.Stat(done); err == nil {
		return filepath.Join(dest, top), nil
	}
	// Unpack into a private folder and rename it into place, so concurrent
	// test binaries never see a half-unpacked corpus.
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), name+".tmp-")
	if err != nil {
		return "", err
	}
	out, err := exec.Command("tar", "xzf", archive, "-C", tmp).CombinedOutput()
	if err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("unpack %s: %v: %s", archive, err, out)
	}
	if err := os.WriteFile(filepath.Join(tmp, ".unpacked"), nil, 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		if _, err2 := os.Stat(done); err2 == nil {
			return filepath.Join(dest, top), nil // another process won the race
		}
		return "", fmt.Errorf("place corpus %s: %w", name, err)
	}
	return filepath.Join(dest, top), nil
}

// SampleProjectCopy copies the sample project into a fresh temporary folder
// of the sample's own name and returns it, so a test may let the engine
// write its .parallax/ state there; ../shared is never written. It skips tb
// when the sample is absent.
func SampleProjectCopy(tb testing.TB) string {
	tb.Helper()
	src := SampleProject(tb)
	dst := filepath.Join(tb.TempDir(), filepath.Base(src))
	// Only the articles: never state another run left behind.
	CopyFiles(tb, src, dst, func(name string) bool { return !strings.HasPrefix(name, ".") })
	return dst
}

// CopyFiles copies the regular files of folder src (not its subfolders)
// whose names keep accepts (nil: all) into folder dst, made when missing:
// how tests build a project they may write to from test data. It fails tb
// on any error.
func CopyFiles(tb testing.TB, src, dst string, keep func(name string) bool) {
	tb.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		tb.Fatalf("copy %s: %v", src, err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		tb.Fatalf("copy %s: %v", src, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || keep != nil && !keep(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatalf("copy %s: %v", src, err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			tb.Fatalf("copy %s: %v", src, err)
		}
	}
}

// ReadTSV reads a tab-separated table of the corpora (truth tables,
// manifests): its rows after the header line, each split at tabs. Lines
// may be up to 1 MB. The caller decides whether a missing table skips or
// fails its test.
func ReadTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for first := true; sc.Scan(); first = false {
		if !first {
			rows = append(rows, strings.Split(sc.Text(), "\t"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return rows, nil
}
