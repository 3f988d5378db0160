package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// An update must give exactly what a full analysis gives. These tests
// edit a project folder at random (a sentence appended, a name added or
// taken out, documents added, removed, renamed, duplicated, emptied,
// several at once) and, after each step, compare every part of the
// updated analysis with a full analysis of the same folder.

// sameAnalysis fails t when a and b differ in anything a reader sees.
func sameAnalysis(t *testing.T, what string, got, want *Analysis) {
	t.Helper()
	parts := []struct {
		name      string
		got, want any
	}{
		{"mentions", got.mentions, want.mentions},
		{"entities", got.ents, want.ents},
		{"passages", got.passages, want.passages},
		{"framing", published(got.Framing()), published(want.Framing())},
		{"coverage", got.Coverage(), want.Coverage()},
		{"exclusive", got.Exclusive(), want.Exclusive()},
		{"timeline", got.Timeline(), want.Timeline()},
		{"warnings", got.Warnings(), want.Warnings()},
		{"kept", got.Kept(), want.Kept()},
		{"gazetteer", got.Gazetteer().Entries(), want.Gazetteer().Entries()},
		{"lexicon", []any{got.Lexicon().Entries(), got.Lexicon().Categories(), got.Lexicon().Languages()},
			[]any{want.Lexicon().Entries(), want.Lexicon().Categories(), want.Lexicon().Languages()}},
		{"decisions", got.Decisions(), want.Decisions()},
		{"documents", got.Project().Docs(), want.Project().Docs()},
		// a reloaded project's empty list may be empty rather than nil
		{"problems", orNil(got.Project().Problems()), orNil(want.Project().Problems())},
		{"folded", got.Project().Folded(), want.Project().Folded()},
	}
	for _, p := range parts {
		if !reflect.DeepEqual(p.got, p.want) {
			t.Errorf("%s: %s differs from a full analysis:\n got %.600s\nwant %.600s", what, p.name, fmt.Sprint(p.got), fmt.Sprint(p.want))
		}
	}
	// what the CLI and the app show, searches included
	sameVisible(t, what, visible(t, got), visible(t, want))
}

// published is f without what an updatable framing analysis keeps for
// the next update (unexported, never shown): its exported fields alone.
func published(f *framing.Analysis) *framing.Analysis {
	if f == nil {
		return nil
	}
	out := &framing.Analysis{}
	src, dst := reflect.ValueOf(f).Elem(), reflect.ValueOf(out).Elem()
	for i := range src.NumField() {
		if src.Type().Field(i).IsExported() {
			dst.Field(i).Set(src.Field(i))
		}
	}
	return out
}

// sameAsFullAnalysis fails t unless got is what a full analysis of dir,
// opened afresh, gives.
func sameAsFullAnalysis(t *testing.T, what string, got *Analysis, dir string) {
	t.Helper()
	ctx := context.Background()
	p, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Analyse(ctx, p, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	sameAnalysis(t, what, got, want)
}

// openAnalysed opens dir and analyses it with opts.
func openAnalysed(t *testing.T, dir string, opts Options) (*Project, *Analysis) {
	t.Helper()
	ctx := context.Background()
	p, err := Open(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyse(ctx, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p, a
}

// orNil is list, nil when empty.
func orNil[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

// editor makes random edits to the text files of a project folder.
type editor struct {
	dir string
	rnd *rand.Rand
	n   int // names new files
}

var capitalised = regexp.MustCompile(`\b[A-Z][a-z]{3,}\b`)

func (e *editor) files(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(e.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".parallax" {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".txt" || ext == ".md") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func (e *editor) read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (e *editor) write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns the texts of the project's files by path.
func (e *editor) snapshot(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range e.files(t) {
		rel, _ := filepath.Rel(e.dir, f)
		out[filepath.ToSlash(rel)] = e.read(t, f)
	}
	return out
}

// touched lists the paths whose files were added, changed or removed
// since before.
func (e *editor) touched(t *testing.T, before map[string]string) []string {
	t.Helper()
	after := e.snapshot(t)
	var out []string
	for p, text := range after {
		if old, ok := before[p]; !ok || old != text {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// aName is a capitalised word of one of the project's texts: writing it
// elsewhere moves the counts of the project's evidence pass.
func (e *editor) aName(t *testing.T, files []string) string {
	for range 10 {
		words := capitalised.FindAllString(e.read(t, files[e.rnd.IntN(len(files))]), -1)
		if len(words) > 0 {
			return words[e.rnd.IntN(len(words))]
		}
	}
	return "Tolvaren"
}

// edit makes one random edit and says what it was.
func (e *editor) edit(t *testing.T) string {
	t.Helper()
	files := e.files(t)
	if len(files) < 3 {
		e.n++
		path := filepath.Join(e.dir, fmt.Sprintf("added-%d.txt", e.n))
		e.write(t, path, "Talks resumed on Monday.\n\nMinister Odile Varga met envoys from Tolos in Kessel.\n")
		return "added " + filepath.Base(path)
	}
	f := files[e.rnd.IntN(len(files))]
	rel, _ := filepath.Rel(e.dir, f)
	switch k := e.rnd.IntN(9); k {
	case 0: // a sentence appended
		e.write(t, f, e.read(t, f)+"\n\nOfficials said the talks would resume next week.\n")
		return "sentence appended to " + rel
	case 1: // a name added, in a sentence of its own
		name := e.aName(t, files)
		e.write(t, f, e.read(t, f)+fmt.Sprintf("\n\nLater, %s met reporters; %s declined to comment.\n", name, name))
		return "name " + name + " added to " + rel
	case 2: // a name taken out
		text := e.read(t, f)
		words := capitalised.FindAllStringIndex(text, -1)
		if len(words) == 0 {
			return "nothing to take out of " + rel
		}
		w := words[e.rnd.IntN(len(words))]
		e.write(t, f, text[:w[0]]+"someone"+text[w[1]:])
		return "name " + text[w[0]:w[1]] + " taken out of " + rel
	case 3: // a document added
		e.n++
		path := filepath.Join(filepath.Dir(f), fmt.Sprintf("added-%d.txt", e.n))
		name := e.aName(t, files)
		e.write(t, path, fmt.Sprintf("Report\n\n%s spoke in Kessel on Tuesday. %s said the harbour would reopen.\n", name, name))
		return "added " + filepath.Base(path)
	case 4: // a document removed
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
		return "removed " + rel
	case 5: // renamed
		e.n++
		to := filepath.Join(filepath.Dir(f), fmt.Sprintf("renamed-%d%s", e.n, filepath.Ext(f)))
		if err := os.Rename(f, to); err != nil {
			t.Fatal(err)
		}
		return "renamed " + rel
	case 6: // duplicated
		e.n++
		to := filepath.Join(filepath.Dir(f), fmt.Sprintf("copy-%d%s", e.n, filepath.Ext(f)))
		e.write(t, to, e.read(t, f))
		return "duplicated " + rel
	case 7: // emptied
		e.write(t, f, "")
		return "emptied " + rel
	default: // several at once
		var did []string
		for range 2 + e.rnd.IntN(3) {
			did = append(did, e.edit(t))
		}
		return strings.Join(did, "; ")
	}
}

// checkUpdates edits dir steps times at random (seeded), and after each
// step checks that Update from the previous analysis gives what a full
// analysis of the folder gives.
func checkUpdates(t *testing.T, dir string, seed uint64, steps int) {
	ctx := context.Background()
	opts := Options{Incremental: true, Workers: 2}
	_, prev := openAnalysed(t, dir, opts)
	if prev.inc == nil {
		t.Fatal("Analyse with Options.Incremental kept nothing for an update")
	}
	ed := &editor{dir: dir, rnd: rand.New(rand.NewPCG(seed, 18))}
	updates, groupsKept := 0, 0
	for step := range steps {
		before := ed.snapshot(t)
		did := ed.edit(t)
		what := fmt.Sprintf("seed %d step %d (%s)", seed, step, did)
		// every other step, the project is reloaded by the paths touched
		// (as the folder watcher reports them) instead of opened again
		var pu *Project
		var err error
		if step%2 == 1 {
			what += " (reloaded)"
			pu, err = prev.Project().Reload(ctx, ed.touched(t, before), opts)
		} else {
			pu, err = Open(ctx, dir, opts)
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := Update(ctx, prev, pu, opts)
		if err != nil {
			t.Fatalf("%s: Update: %v", what, err)
		}
		sameAsFullAnalysis(t, what, got, dir)
		if u := got.Updated(); u.Fallback == "" {
			updates++
			if u.GroupsKept {
				groupsKept++
			}
		} else {
			t.Logf("%s: fell back: %s", what, u.Fallback)
		}
		if t.Failed() {
			t.Fatalf("%s: stopped at the first difference", what)
		}
		prev = got
	}
	if updates == 0 {
		t.Errorf("seed %d: every step fell back to a full analysis", seed)
	}
	t.Logf("seed %d: %d updates, %d of them took the previous grouping over", seed, updates, groupsKept)
}

func TestUpdateEqualsAnalyseDemo(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkUpdates(t, testcorpus.DemoProjectCopy(t), seed, 8)
		})
	}
}

func TestUpdateEqualsAnalyseTestdata(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "groups")
			testcorpus.CopyFiles(t, "testdata/groups", dir, nil)
			checkUpdates(t, dir, seed+100, 10)
		})
	}
}

// benchSubset copies n articles of one year of news-bench-10k (and its
// index) into a new folder; skips without ../shared.
func benchSubset(tb testing.TB, n int) string {
	tb.Helper()
	src := testcorpus.Corpus(tb, "news-bench-10k")
	dir := filepath.Join(tb.TempDir(), "10k-subset")
	years, err := os.ReadDir(src)
	if err != nil {
		tb.Fatal(err)
	}
	left := n
	for _, y := range years {
		if !y.IsDir() || y.Name() == ".parallax" || left <= 0 {
			continue
		}
		testcorpus.CopyFiles(tb, filepath.Join(src, y.Name()), filepath.Join(dir, y.Name()), func(string) bool {
			left--
			return left >= 0
		})
	}
	testcorpus.CopyFiles(tb, src, dir, func(name string) bool { return name == "index.tsv" })
	return dir
}

func TestUpdateEqualsAnalyseNewsBench(t *testing.T) {
	if testing.Short() {
		t.Skip("a few hundred articles analysed after each edit: not with -short")
	}
	dir := benchSubset(t, 300)
	checkUpdates(t, dir, 7, 6)
}

// An update after one changed file extracts that file only, and hands
// the grouping the documents whose mentions changed.
func TestUpdateRedoesOnlyTheChanged(t *testing.T) {
	ctx := context.Background()
	dir := testcorpus.DemoProjectCopy(t)
	opts := Options{Incremental: true}
	p, prev := openAnalysed(t, dir, opts)
	f := filepath.Join(dir, "01_harbor_wire.txt")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(b, "\n\nOfficials said the talks would resume.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	pu, err := Open(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Update(ctx, prev, pu, opts)
	if err != nil {
		t.Fatal(err)
	}
	u := got.Updated()
	if !u.Derived || u.Fallback != "" || u.Extracted != 1 || u.Changed != 1 || u.Added != 0 || u.Removed != 0 {
		t.Errorf("one file changed: %+v, want it alone extracted", u)
	}
	if u.Regrouped < 1 || u.Regrouped > pu.NumDocs() {
		t.Errorf("regrouped %d documents", u.Regrouped)
	}
	// the passage search and the framing redid only the changed document
	if ps := u.Passages; ps.Full || ps.Changed != 1 || ps.Gone != 1 {
		t.Errorf("passages: %+v, want an update of the one changed document", ps)
	}
	if fs := u.Framing; fs.Full || fs.Framed != 1 || fs.OutletsSummed > 1 {
		t.Errorf("framing: %+v, want the one changed document framed and its outlet summed", fs)
	}
	// the demo's Arabic-script documents did not change, nor did the
	// names the cross-script pass looks for: it looked in none of them
	if prev.inc.cross == nil || u.CrossScript || u.CrossScriptDocs != 0 {
		t.Errorf("cross-script pass: index kept %v, looked in every document again %v, in %d documents; want none",
			prev.inc.cross != nil, u.CrossScript, u.CrossScriptDocs)
	}
	if n := pu.folded.folds.Load(); n != 1 {
		t.Errorf("%d texts folded again, want the changed one", n)
	}
	// nothing was changed in the previous analysis
	again, err := Analyse(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameAnalysis(t, "the previous analysis after an update", prev, again)

	// no previous analysis kept: a full analysis, said so
	plain, err := Analyse(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Update(ctx, plain, pu, opts)
	if err != nil {
		t.Fatal(err)
	}
	if full.Updated().Fallback == "" || full.Updated().Derived || full.inc == nil {
		t.Errorf("an update from an analysis without its state: %+v, kept %v", full.Updated(), full.inc != nil)
	}
}

// An update kept with Keep is what the next analysis of the folder reads
// back whole (warm), and it equals a full analysis.
func TestUpdateKeep(t *testing.T) {
	for name, newStore := range testStores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dir := copyStoreProject(t)
			st := newStore(t)
			opts := Options{Incremental: true, Store: st}
			p, err := Open(ctx, dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			prev, err := Analyse(ctx, p, opts)
			if err != nil {
				t.Fatal(err)
			}
			if w := Keep(ctx, prev, opts); len(w) != 0 || prev.inc == nil {
				t.Fatalf("Keep of an analysis Analyse kept: %q (incremental state kept: %v)", w, prev.inc != nil)
			}
			ed := &editor{dir: dir, rnd: rand.New(rand.NewPCG(3, 18))}
			for step := range 4 {
				did := ed.edit(t)
				pu, err := Open(ctx, dir, opts)
				if err != nil {
					t.Fatal(err)
				}
				next, err := Update(ctx, prev, pu, opts)
				if err != nil {
					t.Fatal(err)
				}
				if w := Keep(ctx, next, opts); len(w) != 0 {
					t.Fatalf("step %d (%s): Keep: %q", step, did, w)
				}
				warm := analyseStore(t, dir, st)
				if !warm.Kept().Warm {
					t.Errorf("step %d (%s): the analysis after Keep was not read back whole: %+v", step, did, warm.Kept())
				}
				cold := analyseStore(t, dir, nil)
				sameVisible(t, fmt.Sprintf("step %d (%s), read back", step, did), visible(t, warm), visible(t, cold))
				noWarnings(t, "read back", warm)
				prev = next
			}
		})
	}
}
