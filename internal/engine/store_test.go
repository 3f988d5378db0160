package engine

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// copyStoreProject copies the small project written for these tests.
func copyStoreProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	testcorpus.CopyFiles(t, "testdata/store", dir, nil)
	return dir
}

// analyseStore opens dir and analyses it with st (nil: no store).
func analyseStore(t *testing.T, dir string, st store.Store) *Analysis {
	t.Helper()
	opts := Options{Store: st}
	p, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	a, err := Analyse(context.Background(), p, opts)
	if err != nil {
		t.Fatalf("Analyse: %v", err)
	}
	return a
}

// visible is what the CLI and the app show of an analysis, as JSON: the
// entities with forms, counts and merges, each entity's mentions, the
// suggestions, search answers for every entity's name, the passages, the
// framing, the coverage, the exclusive entities and the timeline.
func visible(t *testing.T, a *Analysis) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(name string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal %s: %v", name, err)
		}
		out[name] = string(b)
	}
	put("entities", a.ents)
	type mention struct {
		Doc, Text, Key, Evidence string
		Start, End               int
	}
	mentions := map[string][]mention{}
	var searches []any
	for _, e := range a.Entities().Entities {
		for _, m := range e.Mentions {
			mentions[e.ID] = append(mentions[e.ID], mention{m.Doc, m.Text, m.Key, m.Evidence, m.Span.Start, m.Span.End})
		}
		searches = append(searches, a.Search().Query(e.Name, 5))
		for _, k := range e.Keys {
			if got := a.Entities().EntityOf(k); got == nil {
				out["entityOf "+k] = "nil"
			} else {
				out["entityOf "+k] = got.ID
			}
		}
	}
	put("mentions", mentions)
	put("all mentions", a.mentions)
	put("search", searches)
	put("search typo", a.Search().Query("Odyua", 5))
	put("passages", a.passages)
	put("framing", a.Framing())
	put("coverage", a.Coverage())
	put("exclusive", a.Exclusive())
	put("timeline", a.timeline)
	return out
}

// keysOf lists the store keys of a's documents.
func keysOf(t *testing.T, a *Analysis) []string {
	t.Helper()
	gaz, err := jsonHash(a.Gazetteer().Entries())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, d := range a.Project().Docs() {
		keys = append(keys, docKey(d, gaz))
	}
	return keys
}

func sameVisible(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if g := got[k]; g != w {
			t.Errorf("%s: %s differs from a cold analysis:\n got %.400s\nwant %.400s", what, k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s is not in a cold analysis", what, k)
		}
	}
}

func noWarnings(t *testing.T, what string, a *Analysis) {
	t.Helper()
	if len(a.Warnings()) != 0 {
		t.Errorf("%s: warnings %q", what, a.Warnings())
	}
}

// testStores are the stores the engine's tests run on: the in-memory
// one and the embedded SQLite one, in a temporary file.
var testStores = map[string]func(t *testing.T) store.Store{
	"memory": func(*testing.T) store.Store { return memstore.New() },
	"sqlite": func(t *testing.T) store.Store {
		st, err := sqlitestore.OpenFile(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	},
}

// noStore is no store at all.
var noStore store.Store

// A warm analysis read from the store equals a cold one, on the demo
// project (all formats, three scripts) and on the small test project.
func TestStoreWarmEqualsCold(t *testing.T) {
	for name, dir := range map[string]func(*testing.T) string{
		"demo":  func(t *testing.T) string { return testcorpus.DemoProjectCopy(t) },
		"store": copyStoreProject,
	} {
		for kind, newStore := range testStores {
			t.Run(name+"/"+kind, func(t *testing.T) {
				testWarmEqualsCold(t, dir(t), newStore(t), true)
			})
		}
	}
}

// testWarmEqualsCold compares the analyses of d without a store, with a
// new one, and read back from it; needPassages: d is known to share
// passages, so the comparison must include some.
func testWarmEqualsCold(t *testing.T, d string, st store.Store, needPassages bool) {
	cold := analyseStore(t, d, noStore)
	want := visible(t, cold)
	if len(cold.Entities().Entities) < 2 || needPassages && len(cold.Passages()) == 0 {
		t.Fatalf("the project gives %d entities and %d passages: nothing to compare", len(cold.Entities().Entities), len(cold.Passages()))
	}
	first := analyseStore(t, d, st)
	if first.Kept().Warm || first.Kept().Extracted != len(first.Project().Docs()) || first.Kept().Reused != 0 {
		t.Errorf("first analysis with a store: %+v, want every document extracted", first.Kept())
	}
	noWarnings(t, "first", first)
	sameVisible(t, "first analysis with a store", visible(t, first), want)

	warm := analyseStore(t, d, st)
	if !warm.Kept().Warm {
		t.Fatalf("second analysis: %+v, want it read from the store", warm.Kept())
	}
	noWarnings(t, "warm", warm)
	sameVisible(t, "warm", visible(t, warm), want)

	// a regroup of the warm analysis (its mentions windows of its
	// own slice) gives what a regroup of the cold one gives
	dec := &alias.Decisions{}
	e0, e1 := cold.Entities().Entities[0], cold.Entities().Entities[1]
	dec.Merge(e0.Name, e1.Name)
	rc, err := cold.Regroup(context.Background(), dec)
	if err != nil {
		t.Fatal(err)
	}
	rw, err := warm.Regroup(context.Background(), dec)
	if err != nil {
		t.Fatal(err)
	}
	sameVisible(t, "warm regrouped", visible(t, rw), visible(t, rc))
	// and leaves the warm analysis as it was
	sameVisible(t, "warm after a regroup", visible(t, warm), want)
}

// Changing, removing and adding a file extracts that file only, and the
// analysis equals a cold one of the project as it now is.
func TestStoreIncremental(t *testing.T) {
	for kind, newStore := range testStores {
		t.Run(kind, func(t *testing.T) { testIncremental(t, newStore(t)) })
	}
}

func testIncremental(t *testing.T, st store.Store) {
	dir := copyStoreProject(t)
	analyseStore(t, dir, st)

	steps := []struct {
		name      string
		change    func(t *testing.T)
		extracted int
	}{
		{"change", func(t *testing.T) {
			f := filepath.Join(dir, "ridge2.txt")
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b = append(b, "\nNavy commander Ilse Marrow said her crews were ready to sail.\n"...)
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, 1},
		{"remove", func(t *testing.T) {
			if err := os.Remove(filepath.Join(dir, "harbour2.txt")); err != nil {
				t.Fatal(err)
			}
		}, 0},
		{"add", func(t *testing.T) {
			text := "Ferry crews returned to work at Brennick on Friday. The Brennick Ferry Workers Union said the strike would continue until the Port Authority of Brennick restored the night shift allowance, but suspended it for the talks. Marta Velin thanked the islanders.\n"
			if err := os.WriteFile(filepath.Join(dir, "harbour3.txt"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}, 1},
	}
	for _, s := range steps {
		s.change(t)
		want := visible(t, analyseStore(t, dir, noStore))
		a := analyseStore(t, dir, st)
		if a.Kept().Warm || a.Kept().Extracted != s.extracted || a.Kept().Reused != len(a.Project().Docs())-s.extracted {
			t.Errorf("%s: %+v, want %d document(s) extracted, the others reused", s.name, a.Kept(), s.extracted)
		}
		noWarnings(t, s.name, a)
		sameVisible(t, s.name, visible(t, a), want)
		// what the project no longer has is dropped from the store
		if n, err := st.PruneBlobs(context.Background(), BlobMentions, keysOf(t, a)); err != nil || n != 0 {
			t.Errorf("%s: %d extraction results kept that no document has (%v)", s.name, n, err)
		}
		if w := analyseStore(t, dir, st); !w.Kept().Warm {
			t.Errorf("%s: the next analysis is not read from the store: %+v", s.name, w.Kept())
		}
	}
}

// Whatever the analysis reads besides the texts changes its fingerprint:
// the kept analysis is not used after a change of the sidecar table, a
// stance, an alias decision, the lexicon or the gazetteer.
func TestStoreFingerprintChanges(t *testing.T) {
	for _, c := range []struct {
		name string
		// change changes the project in dir; reextract says whether the
		// documents' own extraction depends on it
		change    func(t *testing.T, dir string, p *Project)
		reextract bool
		// the entities and passages kept are still those of the project
		entities, passages bool
	}{
		{"sources.csv", func(t *testing.T, dir string, _ *Project) {
			f := filepath.Join(dir, "sources.csv")
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b = []byte(strings.Replace(string(b), "Valley Observer", "Valley Sentinel", 1))
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, false, false},
		{"stance", func(t *testing.T, dir string, p *Project) {
			if _, err := p.EditOverrides(func(ov *sourcemeta.Overrides) error {
				return ov.SetOutletStance("Ridgeway Times", "critical")
			}); err != nil {
				t.Fatal(err)
			}
		}, false, true, true},
		{"alias decision", func(t *testing.T, dir string, _ *Project) {
			dec, err := alias.LoadDecisions(dir)
			if err != nil {
				t.Fatal(err)
			}
			dec.Merge("Marta Velin", "Piet Clausen")
			if err := dec.Save(dir); err != nil {
				t.Fatal(err)
			}
		}, false, false, true},
		{"lexicon", func(t *testing.T, dir string, _ *Project) {
			if _, err := framing.AddProjectTerm(dir, framing.Entry{Term: "blockade", Category: "conflict"}); err != nil {
				t.Fatal(err)
			}
		}, false, true, true},
		{"gazetteer", func(t *testing.T, dir string, _ *Project) {
			f := filepath.Join(dir, filepath.FromSlash(".parallax/aliases.tsv"))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, []byte("place\tAlder Islands\tAlders\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyStoreProject(t)
			st := memstore.New()
			first := analyseStore(t, dir, st)
			c.change(t, dir, first.Project())
			want := visible(t, analyseStore(t, dir, noStore))
			a := analyseStore(t, dir, st)
			if a.Kept().Warm {
				t.Fatalf("the analysis kept before the change was used")
			}
			n := len(a.Project().Docs())
			if c.reextract && a.Kept().Extracted != n || !c.reextract && a.Kept().Reused != n && c.name != "sources.csv" {
				t.Errorf("%+v: want %v documents extracted again", a.Kept(), c.reextract)
			}
			if a.Kept().Entities != c.entities || a.Kept().Passages != c.passages {
				t.Errorf("%+v: want entities read %v, passages read %v", a.Kept(), c.entities, c.passages)
			}
			noWarnings(t, c.name, a)
			sameVisible(t, c.name, visible(t, a), want)
			if w := analyseStore(t, dir, st); !w.Kept().Warm {
				t.Errorf("after the change: the next analysis is not read from the store")
			}
		})
	}
}

// A corrupt or foreign part or blob is a warning and a recompute, never
// a crash or a wrong answer; the next analysis is clean again.
func TestStoreCorruptBlobs(t *testing.T) {
	dir := copyStoreProject(t)
	want := visible(t, analyseStore(t, dir, noStore))
	for _, c := range []struct {
		name    string
		corrupt func(st *memstore.Store)
		warm    bool // the analysis is read from the store all the same
	}{
		{"garbage entities", func(st *memstore.Store) {
			st.SetBlob(BlobEntities, st.BlobKeys(BlobEntities)[0], []byte("not a part"))
		}, false},
		{"flipped byte in the entities", func(st *memstore.Store) {
			k := st.BlobKeys(BlobEntities)[0]
			got, _ := st.GetBlobs(context.Background(), BlobEntities, []string{k})
			b := got[k]
			b[len(b)/2] ^= 0x40
			st.SetBlob(BlobEntities, k, b)
		}, false},
		{"truncated framing part", func(st *memstore.Store) {
			b := st.Record().Parts[partFraming]
			st.SetPart(partFraming, b[:len(b)/2])
		}, false},
		{"empty passages", func(st *memstore.Store) { st.SetBlob(BlobPassages, st.BlobKeys(BlobPassages)[0], nil) }, false},
		{"foreign mentions blob", func(st *memstore.Store) {
			keys := st.BlobKeys(BlobMentions)
			other, _ := st.GetBlobs(context.Background(), BlobMentions, keys[1:2])
			st.SetBlob(BlobMentions, keys[0], other[keys[1]])
			st.PruneBlobs(context.Background(), BlobEntities, nil) // so that extraction runs
		}, false},
		{"corrupt mentions blob", func(st *memstore.Store) {
			keys := st.BlobKeys(BlobMentions)
			st.SetBlob(BlobMentions, keys[0], []byte("PXPd\x01junk"))
			st.PruneBlobs(context.Background(), BlobEntities, nil)
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := memstore.New()
			analyseStore(t, dir, st)
			c.corrupt(st)
			a := analyseStore(t, dir, st)
			if a.Kept().Warm != c.warm {
				t.Errorf("warm = %v, want %v", a.Kept().Warm, c.warm)
			}
			if len(a.Warnings()) == 0 {
				t.Errorf("no warning about the corrupt store")
			}
			sameVisible(t, c.name, visible(t, a), want)
			next := analyseStore(t, dir, st)
			noWarnings(t, "the next analysis", next)
			if !next.Kept().Warm {
				t.Errorf("the next analysis is not read from the store: %+v", next.Kept())
			}
		})
	}
}

// The same on the real articles of multilingual-dev (Arabic, Persian,
// Russian, French and English, HTML, PDF and text), on both stores; skipped
// without ../shared.
func TestStoreWarmEqualsColdMultilingual(t *testing.T) {
	dirs, _ := multilingualEvents(t)
	for _, dir := range dirs {
		for kind, newStore := range testStores {
			t.Run(filepath.Base(dir)+"/"+kind, func(t *testing.T) {
				// each store its own copy: the analyses write .parallax/
				d := filepath.Join(t.TempDir(), "p")
				testcorpus.CopyFiles(t, dir, d, func(name string) bool { return !strings.HasPrefix(name, ".") })
				testWarmEqualsCold(t, d, newStore(t), false)
			})
		}
	}
}

// The store's name and passage rows come from the analysis: its searches
// find an entity by a misspelt name and a passage by its words, with the
// documents sharing it.
func TestStoreRows(t *testing.T) {
	dir := copyStoreProject(t)
	st := testStores["sqlite"](t)
	a := analyseStore(t, dir, st)
	want := a.Entities().EntityOf("Samuel Oduya")
	if want == nil {
		t.Fatalf("no entity for Samuel Oduya")
	}
	hits, err := st.SearchNames(context.Background(), "Samuel Oduja", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Entity != want.ID {
		t.Errorf("SearchNames(Samuel Oduja) = %+v, want %s first", hits, want.ID)
	}
	ps, err := st.SearchPassages(context.Background(), "night shift allowance", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 {
		t.Fatalf("SearchPassages found no passage with the shared sentence")
	}
	var docs []string
	for _, sp := range a.Passages()[ps[0].ID].Spans {
		if !slices.Contains(docs, sp.Path) {
			docs = append(docs, sp.Path)
		}
	}
	slices.Sort(docs)
	if !slices.Equal(ps[0].Docs, docs) || !strings.Contains(ps[0].Text, "night shift allowance") {
		t.Errorf("passage hit %+v, want the documents %v", ps[0], docs)
	}
}

func TestNameRows(t *testing.T) {
	e := &alias.Entity{ID: "e-x", Name: "Samuel Oduya", Kind: entity.Person,
		Mentions: make([]entity.Mention, 6),
		Forms:    []alias.Form{{Text: "Oduya", Count: 3}, {Text: "Samuel Oduya", Count: 2}, {Text: "ODUYA", Count: 1}}}
	got := nameRows([]*alias.Entity{e})
	want := []store.NameRow{
		{Entity: "e-x", Name: "Samuel Oduya", Key: entity.Key("Samuel Oduya"), Kind: "person", Mentions: 6},
		{Entity: "e-x", Name: "Oduya", Key: entity.Key("Oduya"), Kind: "person", Mentions: 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nameRows = %+v\nwant %+v", got, want)
	}
}

// failingStore is a store whose every read and write fails.
type failingStore struct{ *memstore.Store }

var errStoreDown = errors.New("the store is down")

func (failingStore) GetBlobs(context.Context, string, []string) (map[string][]byte, error) {
	return nil, errStoreDown
}
func (failingStore) PutBlobs(context.Context, string, map[string][]byte) error { return errStoreDown }
func (failingStore) PruneBlobs(context.Context, string, []string) (int, error) {
	return 0, errStoreDown
}
func (failingStore) Analysis(context.Context, string, []string) (map[string][]byte, bool, error) {
	return nil, false, errStoreDown
}
func (failingStore) PutAnalysis(context.Context, store.AnalysisRecord) error { return errStoreDown }

// A store that fails is a warning each time, and the analysis computed
// as without one.
func TestStoreFailing(t *testing.T) {
	dir := copyStoreProject(t)
	want := visible(t, analyseStore(t, dir, noStore))
	st := failingStore{memstore.New()}
	for range 2 {
		a := analyseStore(t, dir, st)
		if a.Kept().Warm || a.Kept().Extracted != len(a.Project().Docs()) {
			t.Errorf("kept: %+v, want every document extracted", a.Kept())
		}
		joined := strings.Join(a.Warnings(), "\n")
		for _, what := range []string{"could not read the kept analysis", "could not read the kept extraction results", "could not keep the analysis", "could not keep the extraction results"} {
			if !strings.Contains(joined, what) || !strings.Contains(joined, errStoreDown.Error()) {
				t.Errorf("no warning %q in %q", what, a.Warnings())
			}
		}
		sameVisible(t, "failing store", visible(t, a), want)
	}
}

// A cancelled analysis with a store ends with the context's error and
// keeps nothing.
func TestStoreCancelled(t *testing.T) {
	dir := copyStoreProject(t)
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := memstore.New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyse(ctx, p, Options{Store: st}); !errors.Is(err, context.Canceled) {
		t.Errorf("Analyse = %v, want cancelled", err)
	}
	if st.Record() != nil || len(st.BlobKeys(BlobMentions)) != 0 {
		t.Errorf("a cancelled analysis kept something")
	}
}
