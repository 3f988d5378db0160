package testcorpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCopyFiles(t *testing.T) {
	src := t.TempDir()
	for name, body := range map[string]string{"a.txt": "alpha", "b.csv": "beta", ".hidden": "x"} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(src, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "new", "project")
	CopyFiles(t, src, dst, func(name string) bool { return !strings.HasPrefix(name, ".") })
	ents, err := os.ReadDir(dst)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{"a.txt", "b.csv"}; !slices.Equal(names, want) {
		t.Errorf("copied %q, want %q (no folder, no refused file)", names, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dst, "a.txt")); string(b) != "alpha" {
		t.Errorf("a.txt holds %q", b)
	}
	all := t.TempDir()
	CopyFiles(t, src, all, nil)
	if _, err := os.Stat(filepath.Join(all, ".hidden")); err != nil {
		t.Errorf("nil keep left out .hidden: %v", err)
	}
}

func TestReadTSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "truth.tsv")
	if err := os.WriteFile(path, []byte("file\tlang\na.txt\tar\n\nb.txt\tfa\textra\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadTSV(path)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"a.txt", "ar"}, {""}, {"b.txt", "fa", "extra"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows %q, want %q (header left out)", rows, want)
	}
	if _, err := ReadTSV(filepath.Join(t.TempDir(), "missing.tsv")); err == nil {
		t.Error("a missing table gave no error")
	}
}
