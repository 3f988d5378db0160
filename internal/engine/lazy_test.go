package engine

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
)

// A warm analysis does only what its reader asks for: reading it from the
// store folds no text and builds no search index; the framing is decoded,
// the index built and the texts folded when first read, and each answer
// is the cold analysis'.
func TestWarmAnalysisIsLazy(t *testing.T) {
	dir := copyStoreProject(t)
	cold := analyseStore(t, dir, noStore)
	want := visible(t, cold)
	st := memstore.New()
	analyseStore(t, dir, st)
	a := analyseStore(t, dir, st)
	if !a.Kept().Warm {
		t.Fatalf("the second analysis is not read from the store: %+v", a.Kept())
	}
	p := a.Project()
	if n := p.folded.folds.Load(); n != 0 {
		t.Errorf("reading the analysis from the store folded %d texts, want none", n)
	}
	if a.search.done.Load() || a.framing.done.Load() || a.coverage.done.Load() || a.exclusive.done.Load() {
		t.Errorf("built before being read: search %v, framing %v, coverage %v, exclusive %v",
			a.search.done.Load(), a.framing.done.Load(), a.coverage.done.Load(), a.exclusive.done.Load())
	}
	// the entities need none of them
	if len(a.Entities().Entities) != len(cold.Entities().Entities) {
		t.Errorf("%d entities, cold %d", len(a.Entities().Entities), len(cold.Entities().Entities))
	}
	if a.framing.done.Load() || p.folded.folds.Load() != 0 {
		t.Errorf("reading the entities decoded the framing or folded a text")
	}
	// one document's folded text folds that one only
	if got, wantF := p.FoldedAt(0), cold.Project().FoldedAt(0); got.Text != wantF.Text {
		t.Errorf("FoldedAt(0) = %q, want %q", got.Text, wantF.Text)
	}
	if n := p.folded.folds.Load(); n != 1 {
		t.Errorf("FoldedAt(0) folded %d texts, want 1", n)
	}
	if !reflect.DeepEqual(a.Framing(), cold.Framing()) {
		t.Errorf("the framing decoded from the store differs from the cold one")
	}
	if p.folded.folds.Load() != 1 {
		t.Errorf("decoding the framing folded texts")
	}
	// names and their mentions need no folded text
	for _, e := range a.Entities().Entities {
		a.Search().Entities(e.Name, 3)
		a.Search().Mentions(e.ID)
	}
	if n := p.folded.folds.Load(); n != 1 {
		t.Errorf("searching names folded texts: %d folded, want still 1", n)
	}
	sameVisible(t, "warm, read lazily", visible(t, a), want)
	if got, wantRows := a.Search().Phrase("the", 0), cold.Search().Phrase("the", 0); !reflect.DeepEqual(got, wantRows) || len(got) == 0 {
		t.Errorf("phrase search: %d rows, cold %d", len(got), len(wantRows))
	}
	if n := p.folded.folds.Load(); n != int64(p.NumDocs()) {
		t.Errorf("after a phrase search %d texts folded, want all %d", n, p.NumDocs())
	}
	noWarnings(t, "the warm analysis", a)
}

// A kept framing that passes its checksum but names a document the
// project does not have (a store shared by mistake) is computed again when
// read, with a warning: never shown as it is.
func TestWarmForeignFramingComputedAgain(t *testing.T) {
	dir := copyStoreProject(t)
	cold := analyseStore(t, dir, noStore)
	st := memstore.New()
	analyseStore(t, dir, st)
	foreign := &framing.Analysis{Documents: []framing.DocumentFraming{{Path: "not-here.txt"}}}
	blob, err := partcodec.EncodeValue(foreign)
	if err != nil {
		t.Fatal(err)
	}
	st.SetPart(partFraming, blob)
	a := analyseStore(t, dir, st)
	if !a.Kept().Warm {
		t.Fatalf("not warm: %+v", a.Kept())
	}
	if got := a.Warnings(); len(got) != 0 {
		t.Errorf("warnings before the framing was read: %v", got)
	}
	if !reflect.DeepEqual(a.Framing(), cold.Framing()) {
		t.Errorf("the foreign framing was not computed again")
	}
	w := strings.Join(a.Warnings(), "\n")
	if !strings.Contains(w, "framing") || !strings.Contains(w, "not-here.txt") {
		t.Errorf("warnings after reading the framing: %q, want the foreign document named", w)
	}
	// a restanced analysis keeps the warning of the framing it came from
	if w2 := strings.Join(a.Restance().Warnings(), "\n"); w2 != "" {
		t.Errorf("a restanced analysis warns before its framing is read: %q", w2)
	}
	r := a.Restance()
	r.Framing()
	if !strings.Contains(strings.Join(r.Warnings(), "\n"), "not-here.txt") {
		t.Errorf("the restanced analysis lost the framing's warning: %v", r.Warnings())
	}
}

// Readers of one published warm analysis on many goroutines at once each
// see the one value built (run with -race).
func TestWarmLazyConcurrentReaders(t *testing.T) {
	dir := copyStoreProject(t)
	st := memstore.New()
	analyseStore(t, dir, st)
	a := analyseStore(t, dir, st)
	if !a.Kept().Warm {
		t.Fatalf("not warm: %+v", a.Kept())
	}
	const readers = 8
	type seen struct {
		search  any
		framing *framing.Analysis
		rows    int
		folded  string
		phrase  int
	}
	got := make([]seen, readers)
	var wg sync.WaitGroup
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := a.Project()
			got[r] = seen{
				search:  a.Search(),
				framing: a.Framing(),
				rows:    len(a.Coverage().Rows),
				folded:  p.FoldedAt(r % p.NumDocs()).Text,
				phrase:  len(a.Search().Phrase("the", 0)),
			}
			a.Exclusive()
			a.FramingOf(nil)
			a.Warnings()
		}()
	}
	wg.Wait()
	for r := 1; r < readers; r++ {
		if got[r].search != got[0].search || got[r].framing != got[0].framing || got[r].rows != got[0].rows || got[r].phrase != got[0].phrase {
			t.Errorf("reader %d saw other values than reader 0", r)
		}
	}
	if got[0].search == nil || got[0].framing == nil || got[0].phrase == 0 {
		t.Errorf("a lazy part came out empty: %+v", got[0])
	}
	if n := a.Project().folded.folds.Load(); n != int64(a.Project().NumDocs()) {
		t.Errorf("%d folds for %d documents: a text folded twice or never", n, a.Project().NumDocs())
	}
}

// Folding on demand gives the same texts as folding them all, and all
// stops on a cancelled context.
func TestFoldedTextsOnDemand(t *testing.T) {
	p := openSample(t)
	want := make([]string, p.NumDocs())
	for i := range want {
		want[i] = Fold(p.DocAt(i).Text)
	}
	if got := p.FoldedAt(2).Text; got != want[2] {
		t.Errorf("FoldedAt(2) = %q…, want %q…", got[:min(40, len(got))], want[2][:min(40, len(want[2]))])
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.folded.all(ctx, 2); err == nil {
		t.Errorf("all on a cancelled context: no error")
	}
	all := p.Folded()
	for i, f := range all {
		if f.Text != want[i] {
			t.Errorf("Folded()[%d] differs from Fold", i)
		}
	}
	if n := p.folded.folds.Load(); n != int64(p.NumDocs()) {
		t.Errorf("%d folds for %d documents", n, p.NumDocs())
	}
	// a snapshot of the same texts shares them
	if q := p.ReloadMetadata(); q.folded != p.folded {
		t.Errorf("ReloadMetadata folds its texts again")
	}
}
