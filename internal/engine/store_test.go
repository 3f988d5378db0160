package engine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
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
func analyseStore(t *testing.T, dir string, st *memstore.Store) *Analysis {
	t.Helper()
	opts := Options{}
	if st != nil {
		opts.Store = st
	}
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
	put("entities", a.Entities)
	type mention struct {
		Doc, Text, Key, Evidence string
		Start, End               int
	}
	mentions := map[string][]mention{}
	var searches []any
	for _, e := range a.Entities.Entities {
		for _, m := range e.Mentions {
			mentions[e.ID] = append(mentions[e.ID], mention{m.Doc, m.Text, m.Key, m.Evidence, m.Span.Start, m.Span.End})
		}
		searches = append(searches, a.Search.Query(e.Name, 5))
		for _, k := range e.Keys {
			if got := a.Entities.EntityOf(k); got == nil {
				out["entityOf "+k] = "nil"
			} else {
				out["entityOf "+k] = got.ID
			}
		}
	}
	put("mentions", mentions)
	put("all mentions", a.Mentions)
	put("search", searches)
	put("search typo", a.Search.Query("Odyua", 5))
	put("passages", a.Passages)
	put("framing", a.Framing)
	put("coverage", a.Coverage)
	put("exclusive", a.Exclusive)
	put("timeline", a.Timeline)
	return out
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
	if len(a.Warnings) != 0 {
		t.Errorf("%s: warnings %q", what, a.Warnings)
	}
}

// A warm analysis read from the store equals a cold one, on the demo
// project (all formats, three scripts) and on the small test project.
func TestStoreWarmEqualsCold(t *testing.T) {
	for name, dir := range map[string]func(*testing.T) string{
		"demo":  func(t *testing.T) string { return testcorpus.DemoProjectCopy(t) },
		"store": copyStoreProject,
	} {
		t.Run(name, func(t *testing.T) {
			d := dir(t)
			cold := analyseStore(t, d, nil)
			want := visible(t, cold)
			if len(cold.Entities.Entities) == 0 || len(cold.Passages) == 0 {
				t.Fatalf("the project gives %d entities and %d passages: nothing to compare", len(cold.Entities.Entities), len(cold.Passages))
			}
			st := memstore.New()
			first := analyseStore(t, d, st)
			if first.Kept.Warm || first.Kept.Extracted != len(first.Project.Docs) || first.Kept.Reused != 0 {
				t.Errorf("first analysis with a store: %+v, want every document extracted", first.Kept)
			}
			noWarnings(t, "first", first)
			sameVisible(t, "first analysis with a store", visible(t, first), want)

			warm := analyseStore(t, d, st)
			if !warm.Kept.Warm {
				t.Fatalf("second analysis: %+v, want it read from the store", warm.Kept)
			}
			noWarnings(t, "warm", warm)
			sameVisible(t, "warm", visible(t, warm), want)

			// a regroup of the warm analysis (its mentions windows of its
			// own slice) gives what a regroup of the cold one gives
			dec := &alias.Decisions{}
			e0, e1 := cold.Entities.Entities[0], cold.Entities.Entities[1]
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
		})
	}
}

// Changing, removing and adding a file extracts that file only, and the
// analysis equals a cold one of the project as it now is.
func TestStoreIncremental(t *testing.T) {
	dir := copyStoreProject(t)
	st := memstore.New()
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
		want := visible(t, analyseStore(t, dir, nil))
		a := analyseStore(t, dir, st)
		if a.Kept.Warm || a.Kept.Extracted != s.extracted || a.Kept.Reused != len(a.Project.Docs)-s.extracted {
			t.Errorf("%s: %+v, want %d document(s) extracted, the others reused", s.name, a.Kept, s.extracted)
		}
		noWarnings(t, s.name, a)
		sameVisible(t, s.name, visible(t, a), want)
		// what the project no longer has is dropped from the store
		if got := len(st.BlobKeys(BlobMentions)); got != len(a.Project.Docs) {
			t.Errorf("%s: %d extraction results kept for %d documents", s.name, got, len(a.Project.Docs))
		}
		if w := analyseStore(t, dir, st); !w.Kept.Warm {
			t.Errorf("%s: the next analysis is not read from the store: %+v", s.name, w.Kept)
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
		}, false},
		{"stance", func(t *testing.T, dir string, p *Project) {
			if _, err := p.EditOverrides(func(ov *sourcemeta.Overrides) error {
				return ov.SetOutletStance("Ridgeway Times", "critical")
			}); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"alias decision", func(t *testing.T, dir string, _ *Project) {
			dec, err := alias.LoadDecisions(dir)
			if err != nil {
				t.Fatal(err)
			}
			dec.Merge("Marta Velin", "Piet Clausen")
			if err := dec.Save(dir); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"lexicon", func(t *testing.T, dir string, _ *Project) {
			if _, err := framing.AddProjectTerm(dir, framing.Entry{Term: "blockade", Category: "conflict"}); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"gazetteer", func(t *testing.T, dir string, _ *Project) {
			f := filepath.Join(dir, filepath.FromSlash(".parallax/aliases.tsv"))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, []byte("place\tAlder Islands\tAlders\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyStoreProject(t)
			st := memstore.New()
			first := analyseStore(t, dir, st)
			c.change(t, dir, first.Project)
			want := visible(t, analyseStore(t, dir, nil))
			a := analyseStore(t, dir, st)
			if a.Kept.Warm {
				t.Fatalf("the analysis kept before the change was used")
			}
			n := len(a.Project.Docs)
			if c.reextract && a.Kept.Extracted != n || !c.reextract && a.Kept.Reused != n && c.name != "sources.csv" {
				t.Errorf("%+v: want %v documents extracted again", a.Kept, c.reextract)
			}
			noWarnings(t, c.name, a)
			sameVisible(t, c.name, visible(t, a), want)
			if w := analyseStore(t, dir, st); !w.Kept.Warm {
				t.Errorf("after the change: the next analysis is not read from the store")
			}
		})
	}
}

// A corrupt or foreign part or blob is a warning and a recompute, never
// a crash or a wrong answer; the next analysis is clean again.
func TestStoreCorruptBlobs(t *testing.T) {
	dir := copyStoreProject(t)
	want := visible(t, analyseStore(t, dir, nil))
	for _, c := range []struct {
		name    string
		corrupt func(st *memstore.Store)
		warm    bool // the analysis is read from the store all the same
	}{
		{"garbage entities part", func(st *memstore.Store) { st.SetPart(partEntities, []byte("not a part")) }, false},
		{"flipped byte in the entities part", func(st *memstore.Store) {
			b := append([]byte(nil), st.Record().Parts[partEntities]...)
			b[len(b)/2] ^= 0x40
			st.SetPart(partEntities, b)
		}, false},
		{"truncated framing part", func(st *memstore.Store) {
			b := st.Record().Parts[partFraming]
			st.SetPart(partFraming, b[:len(b)/2])
		}, false},
		{"missing passages part", func(st *memstore.Store) { st.SetPart(partPassages, nil) }, false},
		{"foreign mentions blob", func(st *memstore.Store) {
			keys := st.BlobKeys(BlobMentions)
			other, _ := st.GetBlobs(context.Background(), BlobMentions, keys[1:2])
			st.SetBlob(BlobMentions, keys[0], other[keys[1]])
			st.SetPart(partEntities, nil) // so that extraction runs
		}, false},
		{"corrupt mentions blob", func(st *memstore.Store) {
			keys := st.BlobKeys(BlobMentions)
			st.SetBlob(BlobMentions, keys[0], []byte("PXPd\x01junk"))
			st.SetPart(partEntities, nil)
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := memstore.New()
			analyseStore(t, dir, st)
			c.corrupt(st)
			a := analyseStore(t, dir, st)
			if a.Kept.Warm != c.warm {
				t.Errorf("warm = %v, want %v", a.Kept.Warm, c.warm)
			}
			if len(a.Warnings) == 0 {
				t.Errorf("no warning about the corrupt store")
			}
			sameVisible(t, c.name, visible(t, a), want)
			next := analyseStore(t, dir, st)
			noWarnings(t, "the next analysis", next)
			if !next.Kept.Warm {
				t.Errorf("the next analysis is not read from the store: %+v", next.Kept)
			}
		})
	}
}
