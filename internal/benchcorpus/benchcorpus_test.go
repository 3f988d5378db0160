package benchcorpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generate writes a corpus from testdata/src into a fresh folder.
func generate(t *testing.T, opts Options) (string, Stats) {
	t.Helper()
	opts.Source = filepath.Join("testdata", "src")
	opts.Out = filepath.Join(t.TempDir(), "out")
	if opts.MinNameCount == 0 {
		opts.MinNameCount = 2
	}
	st, err := Generate(context.Background(), opts)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return opts.Out, st
}

// readCorpus returns the index rows (header dropped) and every file's text
// except the index, by slash path.
func readCorpus(t *testing.T, dir string) ([][]string, map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, IndexName))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if i > 0 {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	files := map[string]string{}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == IndexName {
			return err
		}
		body, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(body)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, files
}

func TestGenerateWritesNDocumentsWithMatchingRows(t *testing.T) {
	dir, st := generate(t, Options{N: 10, Seed: 7})
	if st.Docs != 10 || st.Varied != 7 || st.Unvaried != 0 {
		t.Errorf("stats %+v, want 10 documents of which 7 rewritten copies (3 source files)", st)
	}
	if st.Names == 0 {
		t.Error("no name in the replacement pool")
	}
	rows, files := readCorpus(t, dir)
	if len(rows) != 10 || len(files) != 10 {
		t.Fatalf("%d rows and %d files, want 10 of each", len(rows), len(files))
	}
	seenText := map[string]string{}
	for _, r := range rows {
		if len(r) != 7 {
			t.Fatalf("row %q has %d columns, want 7", r, len(r))
		}
		text, ok := files[r[0]]
		if !ok {
			t.Fatalf("row names %s, which was not written", r[0])
		}
		if prev, dup := seenText[text]; dup {
			t.Errorf("%s and %s hold the same text", prev, r[0])
		}
		seenText[text] = r[0]
		src, err := os.ReadFile(filepath.Join("testdata", "src", filepath.FromSlash(stripCopy(r[0]))))
		if err != nil {
			t.Fatalf("%s comes from no source file: %v", r[0], err)
		}
		if strings.HasPrefix(r[0], "copy") {
			if text == string(src) {
				t.Errorf("copy %s is the source text unchanged", r[0])
			}
			if r[5] != "" && !strings.Contains(r[5], "copy=") {
				t.Errorf("copy %s keeps the source's url %q", r[0], r[5])
			}
		} else if text != string(src) {
			t.Errorf("first copy %s differs from its source", r[0])
		}
		if strings.Contains(r[0], "missing") {
			t.Errorf("the row whose file is absent was copied: %q", r)
		}
	}
}

func stripCopy(rel string) string {
	if strings.HasPrefix(rel, "copy") {
		return rel[strings.IndexByte(rel, '/')+1:]
	}
	return rel
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, _ := generate(t, Options{N: 9, Seed: 3})
	b, _ := generate(t, Options{N: 9, Seed: 3})
	c, _ := generate(t, Options{N: 9, Seed: 4})
	ra, fa := readCorpus(t, a)
	rb, fb := readCorpus(t, b)
	rc, fc := readCorpus(t, c)
	if !equalRows(ra, rb) || !equalFiles(fa, fb) {
		t.Error("the same seed wrote different corpora")
	}
	if equalRows(ra, rc) && equalFiles(fa, fc) {
		t.Error("another seed wrote the same corpus")
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\t") != strings.Join(b[i], "\t") {
			return false
		}
	}
	return true
}

func equalFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestGenerateSmallNIsASampleOfSources(t *testing.T) {
	dir, st := generate(t, Options{N: 2, Seed: 1})
	if st.Varied != 0 {
		t.Errorf("%d rewritten copies for N below the source size", st.Varied)
	}
	rows, files := readCorpus(t, dir)
	if len(rows) != 2 || len(files) != 2 {
		t.Fatalf("%d rows, %d files, want 2", len(rows), len(files))
	}
	for rel, text := range files {
		src, err := os.ReadFile(filepath.Join("testdata", "src", filepath.FromSlash(rel)))
		if err != nil || string(src) != text {
			t.Errorf("%s is not its source unchanged (%v)", rel, err)
		}
	}
}

func TestGenerateVariationsOff(t *testing.T) {
	dir, st := generate(t, Options{N: 6, Seed: 2, NameRate: -1, SwapRate: -1, DateJitterDays: -1, OutletShare: -1})
	if st.Varied != 3 {
		t.Fatalf("stats %+v", st)
	}
	rows, files := readCorpus(t, dir)
	for _, r := range rows {
		src, err := os.ReadFile(filepath.Join("testdata", "src", filepath.FromSlash(stripCopy(r[0]))))
		if err != nil {
			t.Fatal(err)
		}
		if files[r[0]] != string(src) {
			t.Errorf("%s changed with every variation off", r[0])
		}
	}
}

func TestGenerateRefuses(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	noIndex := t.TempDir()
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"N zero", Options{Source: filepath.Join("testdata", "src"), Out: t.TempDir() + "/a", N: 0}},
		{"output not empty", Options{Source: filepath.Join("testdata", "src"), Out: full, N: 3}},
		{"no index", Options{Source: noIndex, Out: t.TempDir() + "/b", N: 3}},
		{"no output", Options{Source: filepath.Join("testdata", "src"), N: 3}},
	} {
		if _, err := Generate(context.Background(), tc.opts); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestGenerateStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Generate(ctx, Options{Source: filepath.Join("testdata", "src"), Out: t.TempDir() + "/c", N: 50})
	if err == nil {
		t.Error("a cancelled context gave no error")
	}
}

func TestGenerateOriginalsKeepsTheShare(t *testing.T) {
	dir, st := generate(t, Options{N: 6, Seed: 5, Originals: 2})
	if st.Varied != 4 {
		t.Errorf("stats %+v, want 4 rewritten copies of 2 articles", st)
	}
	rows, _ := readCorpus(t, dir)
	sources := map[string]int{}
	for _, r := range rows {
		sources[stripCopy(r[0])]++
	}
	if len(sources) != 2 {
		t.Errorf("%d source articles used, want 2: %v", len(sources), sources)
	}
	for src, n := range sources {
		if n != 3 {
			t.Errorf("%s in %d versions, want 3", src, n)
		}
	}
}

// Copies of one number rename a name the same way in every document, so
// its people recur across documents as real people do.
func TestGenerateRenamesPerCopyNumber(t *testing.T) {
	dir, _ := generate(t, Options{N: 9, Seed: 11, NameRate: 1, SwapRate: -1})
	_, files := readCorpus(t, dir)
	renamed := map[string]map[string]string{} // copy folder → source word → copy word
	changed := 0
	for rel, text := range files {
		if !strings.HasPrefix(rel, "copy") {
			continue
		}
		src, err := os.ReadFile(filepath.Join("testdata", "src", filepath.FromSlash(stripCopy(rel))))
		if err != nil {
			t.Fatal(err)
		}
		a, b := words(string(src)), words(text)
		if len(a) != len(b) {
			t.Fatalf("%s: %d words, its source %d (no swaps asked)", rel, len(b), len(a))
		}
		folder := rel[:strings.IndexByte(rel, '/')]
		if renamed[folder] == nil {
			renamed[folder] = map[string]string{}
		}
		for k := range a {
			if a[k] == b[k] {
				continue
			}
			changed++
			if prev, ok := renamed[folder][a[k]]; ok && prev != b[k] {
				t.Errorf("%s: %s renamed %s here and %s in another document", folder, a[k], b[k], prev)
			}
			renamed[folder][a[k]] = b[k]
		}
	}
	if changed == 0 {
		t.Error("no name renamed at rate 1")
	}
}

func words(s string) []string {
	var out []string
	for _, tk := range tokens(s) {
		if tk.word {
			out = append(out, tk.s)
		}
	}
	return out
}
