package engine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// settledAt is when the tests take a folder's key: past folderstate.Settle
// after their files were written, as a user's next command would.
func settledAt() time.Time { return time.Now().Add(time.Hour) }

// remembered analyses dir with a store in it, as the CLI does, and
// returns the analysis, the store and the options used.
func remembered(t *testing.T, dir string) (*Analysis, store.Store, Options) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts := Options{Store: st}
	opts.Project.State = statedoc.InStore(st, "test")
	before, err := takeFolderKey(ctx, dir, opts, settledAt())
	if err != nil {
		t.Fatal(err)
	}
	if before.key == "" {
		t.Skip("this system keeps no change times: no folder key")
	}
	p, err := Open(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyse(ctx, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := rememberFolder(ctx, before, a, opts, settledAt()); err != nil {
		t.Fatal(err)
	}
	return a, st, opts
}

// keptNow is the kept search of dir as it is now, or nil.
func keptNow(t *testing.T, dir string, st store.Store, opts Options) *KeptSearch {
	t.Helper()
	k, err := takeFolderKey(context.Background(), dir, opts, settledAt())
	if err != nil {
		t.Fatal(err)
	}
	ks, warning, err := SearchKept(context.Background(), st, k)
	if err != nil || warning != "" {
		t.Fatalf("SearchKept: %v %s", err, warning)
	}
	return ks
}

func TestKeptSearchAnswersAsTheAnalysis(t *testing.T) {
	for name, dir := range map[string]string{
		"store":            copyStoreProject(t),
		"demo, five langs": testcorpus.DemoProjectCopy(t),
	} {
		t.Run(name, func(t *testing.T) {
			a, st, opts := remembered(t, dir)
			ks := keptNow(t, dir, st, opts)
			if ks == nil {
				t.Fatal("no kept search after an analysis with nothing changed")
			}
			queries := []string{"harbour", "xqzzy", "the", "Soleimani", "Сулеймани", "سليماني", "Qaim"}
			for _, e := range a.Entities().Entities {
				queries = append(queries, e.Name, e.Name[:len(e.Name)/2+1])
				for _, f := range e.Forms {
					queries = append(queries, f.Text)
				}
			}
			for _, q := range queries {
				want, _ := json.Marshal(a.Search().Query(q, 10))
				got, _ := json.Marshal(ks.Query(q, 10))
				if string(got) != string(want) {
					t.Errorf("%q kept:\n got %s\nwant %s", q, got, want)
				}
			}
			if err := ks.Err(); err != nil {
				t.Fatalf("a document could not be read: %v", err)
			}
		})
	}
}

func TestKeptSearchIsTheFolderAsItIs(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		edit func(t *testing.T, dir string, opts *Options)
		hit  bool
	}{
		{"nothing changed", func(*testing.T, string, *Options) {}, true},
		{"a workspace saved", func(t *testing.T, dir string, opts *Options) {
			if err := opts.Project.State.Update(ctx, statedoc.WorkspacePrefix+"w.json", func([]byte, bool) ([]byte, error) {
				return []byte(`{"panes":[]}`), nil
			}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"an article edited", func(t *testing.T, dir string, _ *Options) {
			time.Sleep(10 * time.Millisecond)
			appendTo(t, filepath.Join(dir, "harbour1.txt"), "\nMayor Ilse Brandt spoke.\n")
		}, false},
		{"an article added", func(t *testing.T, dir string, _ *Options) {
			if err := os.WriteFile(filepath.Join(dir, "late.txt"), []byte("Mayor Ilse Brandt came."), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"an alias decision", func(t *testing.T, dir string, opts *Options) {
			if err := opts.Project.State.Update(ctx, statedoc.Aliases, func([]byte, bool) ([]byte, error) {
				return []byte(`{"version":1,"merge":[["Harbour","Harbor"]]}`), nil
			}); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"other reuse options", func(_ *testing.T, _ string, opts *Options) { opts.Reuse.MinWords = 3 }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyStoreProject(t)
			_, st, opts := remembered(t, dir)
			c.edit(t, dir, &opts)
			if got := keptNow(t, dir, st, opts) != nil; got != c.hit {
				t.Fatalf("kept search found: %v, want %v", got, c.hit)
			}
		})
	}
}

func TestFolderChangedJustNowIsNotRemembered(t *testing.T) {
	ctx := context.Background()
	dir := copyStoreProject(t)
	st, err := sqlitestore.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := Options{Store: st}
	now := time.Now() // the files were copied a moment ago
	before, err := takeFolderKey(ctx, dir, opts, now)
	if err != nil {
		t.Fatal(err)
	}
	if before.key == "" {
		t.Skip("no change times here")
	}
	if before.settled {
		t.Fatal("a folder written just now is settled")
	}
	a := analyseStore(t, dir, st)
	if err := rememberFolder(ctx, before, a, opts, now); err != nil {
		t.Fatal(err)
	}
	if ks := keptNow(t, dir, st, opts); ks != nil {
		t.Fatal("a folder changed within the settle time was remembered: an edit in the same tick would go unseen")
	}
}

func TestKeptSearchWithATextMissingSaysSo(t *testing.T) {
	dir := copyStoreProject(t)
	_, st, opts := remembered(t, dir)
	if _, err := st.PruneBlobs(context.Background(), BlobDocText, nil); err != nil {
		t.Fatal(err)
	}
	ks := keptNow(t, dir, st, opts)
	if ks == nil {
		t.Fatal("no kept search")
	}
	r := ks.Query("harbour", 5)
	if ks.Err() == nil {
		t.Fatalf("the rows lost their documents and nothing says so: %+v", r)
	}
}

func TestKeptSearchUnreadableIsAMiss(t *testing.T) {
	dir := copyStoreProject(t)
	a, st, opts := remembered(t, dir)
	ctx := context.Background()
	if _, err := st.PruneBlobs(ctx, BlobSearch, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.PutBlobs(ctx, BlobSearch, map[string][]byte{a.entitiesKey: []byte("not a search index")}); err != nil {
		t.Fatal(err)
	}
	k, err := takeFolderKey(ctx, dir, opts, settledAt())
	if err != nil {
		t.Fatal(err)
	}
	ks, warning, err := SearchKept(ctx, st, k)
	if err != nil || ks != nil || warning == "" {
		t.Fatalf("a corrupt kept index: %v, %v, %q; want a miss with a warning", ks, err, warning)
	}
}

func TestDerivedAnalysesAreNotRememberedAsTheFolders(t *testing.T) {
	dir := copyStoreProject(t)
	a, _, _ := remembered(t, dir)
	if a.entitiesKey == "" {
		t.Fatal("an analysis with a store has no entities key")
	}
	next, err := a.Regroup(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if next.entitiesKey != "" {
		t.Error("a regrouped analysis keeps the key of the entities it replaced")
	}
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func TestKeptSearchWithATextThatDoesNotFitSaysSo(t *testing.T) {
	dir := copyStoreProject(t)
	a, st, opts := remembered(t, dir)
	ctx := context.Background()
	// every kept text replaced by a short one under its own key, as a
	// store written by two different analyses could hold
	blobs := map[string][]byte{}
	keys := keysOf(t, a)
	for i, d := range a.Project().Docs() {
		cut := *d
		cut.Text = d.Text[:len(d.Text)/4]
		b, err := encodeDocText(&cut)
		if err != nil {
			t.Fatal(err)
		}
		blobs[keys[i]] = b
	}
	if _, err := st.PruneBlobs(ctx, BlobDocText, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.PutBlobs(ctx, BlobDocText, blobs); err != nil {
		t.Fatal(err)
	}
	ks := keptNow(t, dir, st, opts)
	if ks == nil {
		t.Fatal("no kept search")
	}
	// an entity's rows: the kept spans tell the texts are not theirs (a
	// phrase search reads the texts alone and trusts the store under its
	// keys, as every kept part is trusted)
	top := a.Entities().Entities[0]
	r := ks.Query(top.Name, 5)
	if r.Phrase || len(r.Entities) == 0 {
		t.Fatalf("%q found no entity: %+v", top.Name, r)
	}
	if ks.Err() == nil {
		t.Fatalf("rows left out for texts that do not fit, and nothing says so: %+v", r)
	}
}

func TestFolderRememberedAgainAfterAnEdit(t *testing.T) {
	ctx := context.Background()
	dir := copyStoreProject(t)
	_, st, opts := remembered(t, dir)
	old, err := takeFolderKey(ctx, dir, opts, settledAt())
	if err != nil {
		t.Fatal(err)
	}
	appendTo(t, filepath.Join(dir, "harbour1.txt"), "\nMayor Ilse Brandt spoke.\n")
	before, err := takeFolderKey(ctx, dir, opts, settledAt())
	if err != nil {
		t.Fatal(err)
	}
	a := analyseStore(t, dir, st)
	if err := rememberFolder(ctx, before, a, opts, settledAt()); err != nil {
		t.Fatal(err)
	}
	if keptNow(t, dir, st, opts) == nil {
		t.Fatal("the edited folder, analysed again, is not remembered")
	}
	if ks, _, err := SearchKept(ctx, st, old); err != nil || ks != nil {
		t.Fatalf("the folder as it was before the edit is still remembered: %v %v", ks, err)
	}
}
