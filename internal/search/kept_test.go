package search

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
)

// mapSource serves documents from a map and counts what it was asked.
type mapSource struct {
	docs  map[string]*document.Document
	asked map[string]int
}

func (s *mapSource) Doc(path string) *document.Document {
	s.asked[path]++
	return s.docs[path]
}

// readBack keeps ix, encodes and decodes what it kept as a store would,
// and makes the index of it over ix's own documents.
func readBack(t *testing.T, ix *Index) (*Index, *mapSource) {
	t.Helper()
	blob, err := partcodec.EncodeValue(ix.Keep())
	if err != nil {
		t.Fatal(err)
	}
	var k *Kept
	if err := partcodec.DecodeValue(blob, &k); err != nil {
		t.Fatal(err)
	}
	src := &mapSource{docs: ix.docs, asked: map[string]int{}}
	back, err := FromKept(context.Background(), k, src)
	if err != nil {
		t.Fatal(err)
	}
	return back, src
}

func TestKeptIndexAnswersAsBuilt(t *testing.T) {
	queries := []string{
		// names, typos, case, look-alike letters
		"Soleimani", "soliemani", "SULEIMANI", "Baghdad", "Quds Force", "Vashenko", "Vaschenko",
		// other scripts, both ways
		"Сулеймани", "Сулеймани Касем", "سليماني", "سلیمانی", "Tarik Vashenko", "واشنکو",
		// phrases and nothing
		"the unit left", "unit", "xqzzy", "под Багдадом",
	}
	ix := multiIndex(t, multiTexts)
	back, src := readBack(t, ix)
	for _, q := range queries {
		want, _ := json.Marshal(ix.Query(q, 10))
		got, _ := json.Marshal(back.Query(q, 10))
		if string(got) != string(want) {
			t.Errorf("%q read back:\n got %s\nwant %s", q, got, want)
		}
	}
	if len(src.asked) == 0 {
		t.Fatal("the kept index never read a document: rows cannot have their context")
	}
}

func TestKeptIndexOfTheSampleReadsOnlyWhatItShows(t *testing.T) {
	ix := sampleIndex(t)
	back, src := readBack(t, ix)
	for _, q := range []string{"qaim", "Qa'im", "pmf", "deir ezzor", "soliemani", "Muhandes", "daesh",
		"Kataib Hezbollah", "Esper", "Pentagon", "control of the border", "cοntrοl", "Ирак", "العراق"} {
		want, _ := json.Marshal(ix.Query(q, 10))
		got, _ := json.Marshal(back.Query(q, 10))
		if string(got) != string(want) {
			t.Errorf("%q read back:\n got %s\nwant %s", q, got, want)
		}
	}
	// an entity's mentions read the documents naming it, not the project
	src.asked = map[string]int{}
	r := back.Query("Soleimani", 5)
	if r.Phrase || len(r.Mentions) == 0 {
		t.Fatalf("Soleimani: %+v", r)
	}
	shown := map[string]bool{}
	for _, row := range r.Mentions {
		shown[row.Path] = true
	}
	for p := range src.asked {
		if !shown[p] {
			t.Errorf("an entity search read %s, which shows no row", p)
		}
	}
}

func TestFromKeptRefusesWhatDoesNotHoldTogether(t *testing.T) {
	ix := multiIndex(t, multiTexts)
	good := ix.Keep()
	if len(good.Entities) < 2 || len(good.Mentions) == 0 {
		t.Fatalf("the test needs entities with mentions: %+v", good)
	}
	cases := []struct {
		name   string
		break_ func(k *Kept)
	}{
		{"another version", func(k *Kept) { k.Version++ }},
		{"offsets missing", func(k *Kept) { k.MentionAt = k.MentionAt[1:] }},
		{"offset past the end", func(k *Kept) { k.MentionAt[1] = len(k.Mentions) + 5 }},
		{"offsets backwards", func(k *Kept) { k.MentionAt[0] = len(k.Mentions) }},
		{"a span cut short", func(k *Kept) { k.Mentions = k.Mentions[:len(k.Mentions)-1] }},
		{"a document that is not there", func(k *Kept) { k.Paths = k.Paths[:1] }},
		{"documents out of order", func(k *Kept) { k.Paths[0], k.Paths[1] = k.Paths[1], k.Paths[0] }},
		{"a count that is not the spans'", func(k *Kept) { k.Entities[0].Mentions++ }},
		{"cross words cut", func(k *Kept) {
			if len(k.CrossWords) > 0 {
				k.CrossWords = k.CrossWords[:len(k.CrossWords)-1]
			} else {
				k.CrossAt = append(k.CrossAt, 1)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := clone(t, good)
			c.break_(k)
			_, err := FromKept(context.Background(), k, &mapSource{asked: map[string]int{}})
			if err == nil || !strings.Contains(err.Error(), "kept search index") {
				t.Fatalf("err = %v, want the kept index refused", err)
			}
		})
	}
	if _, err := FromKept(context.Background(), clone(t, good), &mapSource{asked: map[string]int{}}); err != nil {
		t.Fatalf("the unbroken one: %v", err)
	}
}

func clone(t *testing.T, k *Kept) *Kept {
	t.Helper()
	b, err := partcodec.EncodeValue(k)
	if err != nil {
		t.Fatal(err)
	}
	var out *Kept
	if err := partcodec.DecodeValue(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// misfitSource serves texts cut short, and counts what it is told.
type misfitSource struct {
	mapSource
	misfits []string
}

func (s *misfitSource) Doc(path string) *document.Document {
	d := s.mapSource.Doc(path)
	if d == nil {
		return nil
	}
	cut := *d
	cut.Text = d.Text[:len(d.Text)/3]
	return &cut
}

func (s *misfitSource) Misfit(path string) { s.misfits = append(s.misfits, path) }

func TestKeptIndexTellsOfTextsThatDoNotFit(t *testing.T) {
	ix := multiIndex(t, multiTexts)
	src := &misfitSource{mapSource: mapSource{docs: ix.docs, asked: map[string]int{}}}
	back, err := FromKept(context.Background(), ix.Keep(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Soleimani", "Vashenko"} {
		full, cut := ix.Query(q, 10), back.Query(q, 10)
		if len(cut.Mentions) < len(full.Mentions) && len(src.misfits) == 0 {
			t.Errorf("%q: %d rows of %d, and the source was told nothing", q, len(cut.Mentions), len(full.Mentions))
		}
	}
	if len(src.misfits) == 0 {
		t.Fatal("texts cut to a third and no misfit told")
	}
}

// prefetchSource is a mapSource that is also a Prefetcher and notes which
// documents were asked for without having been prefetched.
type prefetchSource struct {
	mapSource
	batches    [][]string
	prefetched map[string]bool
	unprepared []string
}

func (s *prefetchSource) Prefetch(paths []string) {
	s.batches = append(s.batches, append([]string(nil), paths...))
	for _, p := range paths {
		s.prefetched[p] = true
	}
}

func (s *prefetchSource) Doc(path string) *document.Document {
	if !s.prefetched[path] {
		s.unprepared = append(s.unprepared, path)
	}
	return s.mapSource.Doc(path)
}

func TestPhraseReadsTextsInBatches(t *testing.T) {
	ix := sampleIndex(t)
	src := &prefetchSource{mapSource: mapSource{docs: ix.docs, asked: map[string]int{}}, prefetched: map[string]bool{}}
	back, err := FromKept(context.Background(), ix.Keep(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"control of the border", "xqzzy unheard"} {
		want, _ := json.Marshal(ix.Query(q, 10))
		got, _ := json.Marshal(back.Query(q, 10))
		if string(got) != string(want) {
			t.Errorf("%q read back:\n got %s\nwant %s", q, got, want)
		}
	}
	if len(src.unprepared) > 0 {
		t.Errorf("a phrase search read %v one by one, not prefetched", src.unprepared)
	}
	for _, b := range src.batches {
		if len(b) > phraseBatch {
			t.Errorf("a batch of %d texts, more than %d", len(b), phraseBatch)
		}
	}
	if len(src.batches) == 0 {
		t.Fatal("nothing prefetched")
	}
}
