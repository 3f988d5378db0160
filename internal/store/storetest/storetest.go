// Package storetest is the one conformance suite every store.Store
// implementation passes: blobs, the analysis, names and passages search,
// state with history, and concurrent updates by goroutines and by
// processes.
//
// A store's test package calls Run with a Target, and defines
//
//	func TestStoreHelperProcess(t *testing.T) { storetest.HelperProcess(t, target) }
//
// which does nothing in a normal run; the two-process test starts the test
// binary again to run it as a second writer.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/store"
)

// Target makes and opens stores of one implementation.
type Target struct {
	// New returns the address of a new, empty store (a file path, a URL
	// with its own project): what Open takes.
	New func(tb testing.TB) string
	// Open opens the store at addr; the suite closes it.
	Open func(ctx context.Context, addr string) (store.Store, error)
}

// Environment of the helper process.
const (
	envAddr   = "PARALLAX_STORETEST_ADDR"
	envWriter = "PARALLAX_STORETEST_WRITER"
	helperRun = "^TestStoreHelperProcess$"
	doneMark  = "storetest writer done"
)

// processEdits is how many changes each helper process makes.
const processEdits = 40

func open(t *testing.T, tg Target, addr string) store.Store {
	t.Helper()
	s, err := tg.Open(context.Background(), addr)
	if err != nil {
		t.Fatalf("open %s: %v", addr, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func fresh(t *testing.T, tg Target) store.Store {
	t.Helper()
	return open(t, tg, tg.New(t))
}

// Run runs the suite on tg.
func Run(t *testing.T, tg Target) {
	t.Run("Blobs", func(t *testing.T) { testBlobs(t, fresh(t, tg)) })
	t.Run("Analysis", func(t *testing.T) { testAnalysis(t, fresh(t, tg)) })
	t.Run("LargeValues", func(t *testing.T) { testLargeValues(t, fresh(t, tg)) })
	t.Run("SearchNames", func(t *testing.T) { testSearchNames(t, fresh(t, tg)) })
	t.Run("SearchPassages", func(t *testing.T) { testSearchPassages(t, fresh(t, tg)) })
	t.Run("State", func(t *testing.T) { testState(t, fresh(t, tg)) })
	t.Run("StateErrors", func(t *testing.T) { testStateErrors(t, fresh(t, tg)) })
	t.Run("ConcurrentGoroutines", func(t *testing.T) { testGoroutines(t, fresh(t, tg)) })
	t.Run("ConcurrentProcesses", func(t *testing.T) { testProcesses(t, tg) })
	t.Run("Reopen", func(t *testing.T) { testReopen(t, tg) })
	t.Run("Location", func(t *testing.T) {
		s := fresh(t, tg)
		if s.Location() == "" || (s.Kind() != "sqlite" && s.Kind() != "postgres") {
			t.Errorf("Kind %q, Location %q", s.Kind(), s.Location())
		}
	})
}

func testBlobs(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.PutBlobs(ctx, "doc", map[string][]byte{"k1": []byte("first"), "k2": []byte("two"), "empty": {}}); err != nil {
		t.Fatal(err)
	}
	// A key names its content: a second put of k1 keeps the first.
	if err := s.PutBlobs(ctx, "doc", map[string][]byte{"k1": []byte("second"), "k3": []byte("three")}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutBlobs(ctx, "mentions", map[string][]byte{"k1": []byte("other kind")}); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetBlobs(ctx, "doc", []string{"k1", "k2", "k3", "empty", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"k1": "first", "k2": "two", "k3": "three", "empty": ""}
	if len(got) != len(want) {
		t.Errorf("got %d blobs, want %d: %q", len(got), len(want), got)
	}
	for k, w := range want {
		if d, ok := got[k]; !ok || string(d) != w {
			t.Errorf("blob %s = %q (%v), want %q", k, d, ok, w)
		}
	}
	if got, err := s.GetBlobs(ctx, "doc", nil); err != nil || len(got) != 0 {
		t.Errorf("no keys: %v %v", got, err)
	}
	n, err := s.PruneBlobs(ctx, "doc", []string{"k2", "empty", "not kept anyway"})
	if err != nil || n != 2 {
		t.Errorf("prune dropped %d (%v), want 2", n, err)
	}
	got, err = s.GetBlobs(ctx, "doc", []string{"k1", "k2", "k3", "empty"})
	if err != nil || len(got) != 2 || got["k1"] != nil || got["k3"] != nil {
		t.Errorf("after prune: %q %v", got, err)
	}
	// Other kinds are not pruned.
	if got, err := s.GetBlobs(ctx, "mentions", []string{"k1"}); err != nil || string(got["k1"]) != "other kind" {
		t.Errorf("other kind: %q %v", got, err)
	}
	if n, err := s.PruneBlobs(ctx, "doc", nil); err != nil || n != 2 {
		t.Errorf("prune all dropped %d (%v), want 2", n, err)
	}
	// Many keys at once (more than one statement's parameters would hold).
	many := map[string][]byte{}
	var keys []string
	for i := 0; i < 40000; i++ {
		k := "key" + strconv.Itoa(i)
		many[k] = []byte(k)
		keys = append(keys, k)
	}
	if err := s.PutBlobs(ctx, "many", many); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetBlobs(ctx, "many", keys); err != nil || len(got) != len(keys) || string(got["key39999"]) != "key39999" {
		t.Errorf("many: %d of %d (%v)", len(got), len(keys), err)
	}
	if n, err := s.PruneBlobs(ctx, "many", keys[:30000]); err != nil || n != 10000 {
		t.Errorf("many: pruned %d (%v), want 10000", n, err)
	}
}

// large returns n bytes of a pattern seeded by seed: no two seeds or
// lengths give the same value, and a chunk out of place shows.
func large(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i/1021) ^ byte(i) ^ seed
	}
	return b
}

// testLargeValues keeps blobs and analysis parts of several megabytes (a
// store may write them in pieces) and reads them back whole.
func testLargeValues(t *testing.T, s store.Store) {
	ctx := context.Background()
	const mb = 1 << 20
	big := map[string][]byte{
		"big":      large(5*mb/2, 1),
		"exact":    large(2*mb, 2),
		"one-more": large(mb+1, 3),
		"small":    large(100, 4),
	}
	if err := s.PutBlobs(ctx, "doc", big); err != nil {
		t.Fatal(err)
	}
	// A key names its content: a second put, longer or shorter, keeps
	// the first whole.
	if err := s.PutBlobs(ctx, "doc", map[string][]byte{"big": large(7*mb/2, 5), "exact": large(10, 6), "small": large(3*mb, 7)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetBlobs(ctx, "doc", []string{"big", "exact", "one-more", "small", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(big) {
		t.Errorf("got %d blobs, want %d", len(got), len(big))
	}
	for k, w := range big {
		if !bytes.Equal(got[k], w) {
			t.Errorf("blob %s: %d bytes read back, want the %d kept first", k, len(got[k]), len(w))
		}
	}
	// one key asked for: the others' pieces are not mixed in
	if got, err := s.GetBlobs(ctx, "doc", []string{"one-more"}); err != nil || len(got) != 1 || !bytes.Equal(got["one-more"], big["one-more"]) {
		t.Errorf("one key: %d blobs %v", len(got), err)
	}
	if n, err := s.PruneBlobs(ctx, "doc", []string{"small"}); err != nil || n != 3 {
		t.Errorf("prune dropped %d (%v), want 3", n, err)
	}
	// Pruned whole: the same key kept again with other content reads as
	// the new content, nothing of the old.
	again := large(3*mb/2, 8)
	if err := s.PutBlobs(ctx, "doc", map[string][]byte{"big": again}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetBlobs(ctx, "doc", []string{"big"}); err != nil || !bytes.Equal(got["big"], again) {
		t.Errorf("kept again after prune: %d bytes, want %d (%v)", len(got["big"]), len(again), err)
	}

	rec := sampleAnalysis("fpbig")
	rec.Parts["framing"] = large(9*mb/2, 9)
	rec.Parts["entities"] = large(2*mb+17, 10)
	if err := s.PutAnalysis(ctx, rec); err != nil {
		t.Fatal(err)
	}
	parts, ok, err := s.Analysis(ctx, "fpbig", nil)
	if err != nil || !ok || len(parts) != len(rec.Parts) {
		t.Fatalf("parts: %d %v %v", len(parts), ok, err)
	}
	for n, w := range rec.Parts {
		if !bytes.Equal(parts[n], w) {
			t.Errorf("part %s: %d bytes read back, want %d", n, len(parts[n]), len(w))
		}
	}
	if parts, _, err := s.Analysis(ctx, "fpbig", []string{"entities"}); err != nil || len(parts) != 1 || !bytes.Equal(parts["entities"], rec.Parts["entities"]) {
		t.Errorf("named part: %d parts %v", len(parts), err)
	}
	// large and small parts named together: each whole, none mixed
	if parts, _, err := s.Analysis(ctx, "fpbig", []string{"framing", "empty", "entities", "absent"}); err != nil || len(parts) != 3 ||
		!bytes.Equal(parts["framing"], rec.Parts["framing"]) || !bytes.Equal(parts["entities"], rec.Parts["entities"]) || len(parts["empty"]) != 0 {
		t.Errorf("named parts, large and small: %d parts %v", len(parts), err)
	}
	// Replaced by a smaller analysis: none of the large parts' pieces
	// are left in its parts.
	small := sampleAnalysis("fpsmall")
	small.Parts["entities"] = large(mb/2, 11)
	if err := s.PutAnalysis(ctx, small); err != nil {
		t.Fatal(err)
	}
	parts, ok, err = s.Analysis(ctx, "fpsmall", nil)
	if err != nil || !ok || !bytes.Equal(parts["entities"], small.Parts["entities"]) || !bytes.Equal(parts["framing"], small.Parts["framing"]) {
		t.Errorf("replaced by a smaller analysis: entities %d bytes, framing %q (%v %v)", len(parts["entities"]), parts["framing"], ok, err)
	}
}

func sampleAnalysis(fp string) store.AnalysisRecord {
	return store.AnalysisRecord{
		Fingerprint: fp,
		Parts:       map[string][]byte{"entities": []byte("E-" + fp), "framing": []byte("F-" + fp), "empty": {}},
		Names: []store.NameRow{
			{Entity: "e1", Name: "Name of " + fp, Key: "name of " + fp, Kind: "person", Mentions: 3},
		},
		Passages: []store.PassageRow{{ID: 1, Text: "passage of " + fp, Docs: []string{"a.txt", "b.txt"}}},
	}
}

func testAnalysis(t *testing.T, s store.Store) {
	ctx := context.Background()
	if parts, ok, err := s.Analysis(ctx, "fp1", nil); err != nil || ok || parts != nil {
		t.Fatalf("empty store: %v %v %v", parts, ok, err)
	}
	if err := s.PutAnalysis(ctx, sampleAnalysis("fpone")); err != nil {
		t.Fatal(err)
	}
	parts, ok, err := s.Analysis(ctx, "fpone", nil)
	if err != nil || !ok || len(parts) != 3 || string(parts["entities"]) != "E-fpone" || parts["empty"] == nil || len(parts["empty"]) != 0 {
		t.Fatalf("all parts: %q %v %v", parts, ok, err)
	}
	parts, ok, err = s.Analysis(ctx, "fpone", []string{"framing", "absent"})
	if err != nil || !ok || len(parts) != 1 || string(parts["framing"]) != "F-fpone" {
		t.Fatalf("named parts: %q %v %v", parts, ok, err)
	}
	if _, ok, err := s.Analysis(ctx, "fptwo", nil); err != nil || ok {
		t.Fatalf("another fingerprint: ok %v %v", ok, err)
	}
	// Replaced whole: no part, name or passage of the first is left.
	b := sampleAnalysis("fptwo")
	delete(b.Parts, "framing")
	if err := s.PutAnalysis(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Analysis(ctx, "fpone", nil); ok {
		t.Error("old fingerprint still answers")
	}
	parts, ok, err = s.Analysis(ctx, "fptwo", nil)
	if err != nil || !ok || len(parts) != 2 || parts["framing"] != nil || string(parts["entities"]) != "E-fptwo" {
		t.Errorf("replaced: %q %v %v", parts, ok, err)
	}
	if hits, err := s.SearchNames(ctx, "name of fpone", 10); err != nil || len(hits) != 1 || hits[0].Name != "Name of fptwo" {
		t.Errorf("names not replaced: %+v %v", hits, err)
	}
	if hits, err := s.SearchPassages(ctx, "fpone", 10); err != nil || len(hits) != 0 {
		t.Errorf("passages not replaced: %+v %v", hits, err)
	}
	if hits, err := s.SearchPassages(ctx, "fptwo", 10); err != nil || len(hits) != 1 || strings.Join(hits[0].Docs, ",") != "a.txt,b.txt" {
		t.Errorf("new passage: %+v %v", hits, err)
	}
	// A cancelled write leaves the kept analysis as it was.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.PutAnalysis(cctx, sampleAnalysis("fpthree")); err == nil {
		t.Error("cancelled PutAnalysis succeeded")
	}
	if _, ok, err := s.Analysis(ctx, "fptwo", nil); err != nil || !ok {
		t.Errorf("after a cancelled write: ok %v %v", ok, err)
	}
}

// names is a small gazetteer in the shapes the search must handle.
var names = []store.NameRow{
	{Entity: "trump", Name: "Donald Trump", Key: "donald trump", Kind: "person", Mentions: 900},
	{Entity: "trump", Name: "Trump", Key: "trump", Kind: "person", Mentions: 500},
	{Entity: "trumpjr", Name: "Donald Trump Jr.", Key: "donald trump jr", Kind: "person", Mentions: 40},
	{Entity: "zelensky", Name: "Volodymyr Zelensky", Key: "volodymyr zelensky", Kind: "person", Mentions: 300},
	{Entity: "zelensky", Name: "Zelenskyy", Key: "zelenskyy", Kind: "person", Mentions: 20},
	{Entity: "zemmour", Name: "Éric Zemmour", Key: "", Kind: "person", Mentions: 12}, // no key: the name is folded
	{Entity: "hollande", Name: "François Hollande", Key: "françois hollande", Kind: "person", Mentions: 7},
	{Entity: "soleimani", Name: "قاسم سليماني", Key: "قاسم سليماني", Kind: "person", Mentions: 5},
	{Entity: "putin", Name: "Владимир Путин", Key: "владимир путин", Kind: "person", Mentions: 80},
	{Entity: "yolkin", Name: "Ёлкин", Key: "ёлкин", Kind: "person", Mentions: 2},
	{Entity: "who", Name: "World Health Organization", Key: "world health organization", Kind: "organisation", Mentions: 60},
	{Entity: "paris", Name: "Paris", Key: "paris", Kind: "place", Mentions: 70},
	{Entity: "parisa", Name: "Parisa", Key: "parisa", Kind: "person", Mentions: 1},
	{Entity: "pari", Name: "Pari", Key: "pari", Kind: "place", Mentions: 1},
}

func testSearchNames(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.PutAnalysis(ctx, store.AnalysisRecord{Fingerprint: "n", Names: names}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		first []string // the names expected first, in order
		none  bool
	}{
		{query: "DONALD TRUMP", first: []string{"Donald Trump", "Donald Trump Jr."}}, // case
		{query: "Donlad Trump", first: []string{"Donald Trump"}},                     // typo
		{query: "trump", first: []string{"Trump", "Donald Trump"}},                   // whole word, then longer
		{query: "Zelenskiy", first: []string{"Zelenskyy", "Volodymyr Zelensky"}},     // spelling variant
		{query: "eric zemmour", first: []string{"Éric Zemmour"}},                     // diacritics, key from the name
		{query: "Francois HOLLANDE", first: []string{"François Hollande"}},           // diacritics and case
		{query: "سلیمانی", first: []string{"قاسم سليماني"}},                          // Persian yeh folded to Arabic
		{query: "ПУТИН", first: []string{"Владимир Путин"}},                          // Cyrillic case
		{query: "Елкин", first: []string{"Ёлкин"}},                                   // ё folded
		{query: "world health", first: []string{"World Health Organization"}},        // words of a longer name
		{query: "paris", first: []string{"Paris", "Parisa", "Pari"}},                 // exact, then by similarity
		{query: "xyzzy", none: true},                                                 // nothing like it
		{query: "   ", none: true},                                                   // no word
		{query: "q", none: true},                                                     // too short to be like anything
	}
	for _, tt := range tests {
		hits, err := s.SearchNames(ctx, tt.query, 10)
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		if tt.none {
			if len(hits) != 0 {
				t.Errorf("%q: found %+v, want nothing", tt.query, hits)
			}
			continue
		}
		if len(hits) < len(tt.first) {
			t.Errorf("%q: %d hits %s, want %q first", tt.query, len(hits), hitNames(hits), tt.first)
			continue
		}
		for i, w := range tt.first {
			if hits[i].Name != w {
				t.Errorf("%q: hits %s, want %q first", tt.query, hitNames(hits), tt.first)
				break
			}
		}
		for i, h := range hits {
			if h.Similarity < 0.2 || h.Similarity > 1 {
				t.Errorf("%q: %s similarity %v out of range", tt.query, h.Name, h.Similarity)
			}
			if i > 0 && (h.Similarity > hits[i-1].Similarity ||
				h.Similarity == hits[i-1].Similarity && h.Mentions > hits[i-1].Mentions) {
				t.Errorf("%q: not best first: %s", tt.query, hitNames(hits))
			}
			if h.Entity == "" || h.Kind == "" || h.Key == "" {
				t.Errorf("%q: incomplete hit %+v", tt.query, h)
			}
		}
	}
	// Exact matches have similarity 1 whatever the case and accents.
	hits, err := s.SearchNames(ctx, "ÉRIC ZEMMOUR", 1)
	if err != nil || len(hits) != 1 || hits[0].Similarity != 1 || hits[0].Mentions != 12 {
		t.Errorf("exact: %+v %v", hits, err)
	}
	// The similarity is pg_trgm's: "tru" shares 3 of the 14 trigrams of
	// it and "donald trump".
	hits, err = s.SearchNames(ctx, "tru", 10)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		if h.Name == "Donald Trump" {
			found = true
			if d := h.Similarity - 3.0/14; d > 1e-6 || d < -1e-6 {
				t.Errorf("similarity(tru, donald trump) = %v, want 3/14", h.Similarity)
			}
		}
	}
	if !found {
		t.Errorf("tru: %s, want Donald Trump among them", hitNames(hits))
	}
	if hits, err := s.SearchNames(ctx, "paris", 2); err != nil || len(hits) != 2 {
		t.Errorf("limit 2: %d hits (%v)", len(hits), err)
	}
}

func hitNames(hits []store.NameHit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "[%s %.3f %d] ", h.Name, h.Similarity, h.Mentions)
	}
	return b.String()
}

func testSearchPassages(t *testing.T, s store.Store) {
	ctx := context.Background()
	ps := []store.PassageRow{
		{ID: 10, Text: "Talks on a ceasefire in Gaza resumed in Cairo on Monday.", Docs: []string{"a.txt", "b.txt"}},
		{ID: 11, Text: "The truce in Gaza City held overnight, officials said.", Docs: []string{"c.txt", "d.txt"}},
		{ID: 12, Text: "Le président a reçu à l'Élysée les représentants des syndicats.", Docs: []string{"fr1.txt", "fr2.txt"}},
		{ID: 13, Text: "Переговоры в Москве продолжатся в понедельник.", Docs: []string{"ru1.txt", "ru2.txt"}},
		{ID: 14, Text: "Ceasefire, ceasefire, ceasefire: the word of the day in the U.S. press.", Docs: []string{"e.txt", "f.txt"}},
	}
	if err := s.PutAnalysis(ctx, store.AnalysisRecord{Fingerprint: "p", Passages: ps}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		ids   []int // in rank order when ordered, else as a set
		order bool
	}{
		{query: "ceasefire", ids: []int{14, 10}, order: true}, // the passage saying it three times first
		{query: "gaza", ids: []int{10, 11}},
		{query: "Gaza ceasefire", ids: []int{10}},
		{query: `"gaza city"`, ids: []int{11}},
		{query: `"city gaza"`, ids: nil},
		{query: "gaza -cairo", ids: []int{11}},
		{query: "truce or cairo", ids: []int{10, 11}},
		{query: "elysee", ids: []int{12}},
		{query: "ÉLYSÉE représentants", ids: []int{12}},
		{query: "москве", ids: []int{13}},
		{query: "U.S. press", ids: []int{14}},
		{query: "-gaza", ids: nil},
		{query: "nothing-like-it", ids: nil},
		{query: "", ids: nil},
		{query: `"unbalanced`, ids: nil},
		{query: `ceasefire OR AND NOT (`, ids: []int{14, 10}, order: true},
	}
	for _, tt := range tests {
		hits, err := s.SearchPassages(ctx, tt.query, 10)
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		var got []int
		for i, h := range hits {
			got = append(got, h.ID)
			if i > 0 && h.Rank > hits[i-1].Rank {
				t.Errorf("%q: not best first", tt.query)
			}
			if len(h.Docs) != 2 || h.Text == "" {
				t.Errorf("%q: incomplete hit %+v", tt.query, h)
			}
		}
		if !tt.order {
			sort.Ints(got)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.ids) && !(len(got) == 0 && len(tt.ids) == 0) {
			t.Errorf("%q: found %v, want %v", tt.query, got, tt.ids)
		}
	}
	if hits, err := s.SearchPassages(ctx, "gaza", 1); err != nil || len(hits) != 1 {
		t.Errorf("limit 1: %d hits (%v)", len(hits), err)
	}
}

func set(data string) func([]byte, bool) ([]byte, error) {
	return func([]byte, bool) ([]byte, error) { return []byte(data), nil }
}

func testState(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.State(ctx, "ws/a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing key: %v", err)
	}
	before := time.Now().Add(-time.Minute)
	v, err := s.UpdateState(ctx, "ws/a", "ana", func(cur []byte, exists bool) ([]byte, error) {
		if exists || cur != nil {
			t.Errorf("first change got %q, %v", cur, exists)
		}
		return []byte("one"), nil
	})
	if err != nil || v.Version != 1 || string(v.Data) != "one" || v.Author != "ana" || v.Deleted || v.At.Before(before) {
		t.Fatalf("create: %+v %v", v, err)
	}
	v, err = s.UpdateState(ctx, "ws/a", "ben", func(cur []byte, exists bool) ([]byte, error) {
		if !exists || string(cur) != "one" {
			t.Errorf("second change got %q, %v", cur, exists)
		}
		return append(cur, " two"...), nil
	})
	if err != nil || v.Version != 2 || string(v.Data) != "one two" || v.Author != "ben" {
		t.Fatalf("update: %+v %v", v, err)
	}
	if _, err := s.UpdateState(ctx, "ws/a", "ana", set("three")); err != nil {
		t.Fatal(err)
	}
	cur, err := s.State(ctx, "ws/a")
	if err != nil || cur.Version != 3 || string(cur.Data) != "three" || cur.Author != "ana" || cur.Key != "ws/a" {
		t.Fatalf("current: %+v %v", cur, err)
	}
	hist, err := s.StateHistory(ctx, "ws/a")
	if err != nil {
		t.Fatal(err)
	}
	if got := describe(hist); got != "3 ana three|2 ben one two|1 ana one" {
		t.Errorf("history %s", got)
	}
	for i := 1; i < len(hist); i++ {
		if hist[i].At.After(hist[i-1].At) {
			t.Errorf("history times not newest first: %v after %v", hist[i].At, hist[i-1].At)
		}
	}
	// An empty document is kept as empty, not as missing.
	if _, err := s.UpdateState(ctx, "ws/empty", "ana", set("")); err != nil {
		t.Fatal(err)
	}
	if v, err := s.State(ctx, "ws/empty"); err != nil || v.Data == nil || len(v.Data) != 0 {
		t.Errorf("empty document: %+v %v", v, err)
	}
	for _, k := range []string{"lexicon", "ws/b", "wsx"} {
		if _, err := s.UpdateState(ctx, k, "ana", set(k)); err != nil {
			t.Fatal(err)
		}
	}
	if keys, err := s.StateKeys(ctx, "ws/"); err != nil || strings.Join(keys, ",") != "ws/a,ws/b,ws/empty" {
		t.Errorf("keys ws/: %q %v", keys, err)
	}
	if keys, err := s.StateKeys(ctx, ""); err != nil || len(keys) != 5 || keys[0] != "lexicon" {
		t.Errorf("all keys: %q %v", keys, err)
	}
	// Delete: gone from State and StateKeys, kept in the history.
	v, err = s.UpdateState(ctx, "ws/a", "ben", func([]byte, bool) ([]byte, error) { return nil, nil })
	if err != nil || !v.Deleted || v.Version != 4 || v.Author != "ben" {
		t.Fatalf("delete: %+v %v", v, err)
	}
	if _, err := s.State(ctx, "ws/a"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted key: %v", err)
	}
	if keys, _ := s.StateKeys(ctx, "ws/"); strings.Join(keys, ",") != "ws/b,ws/empty" {
		t.Errorf("keys after delete: %q", keys)
	}
	hist, _ = s.StateHistory(ctx, "ws/a")
	if got := describe(hist); got != "4 ben deleted|3 ana three|2 ben one two|1 ana one" {
		t.Errorf("history after delete: %s", got)
	}
	// Created again: the change sees nothing, the versions go on.
	v, err = s.UpdateState(ctx, "ws/a", "ana", func(cur []byte, exists bool) ([]byte, error) {
		if exists || cur != nil {
			t.Errorf("after delete the change got %q, %v", cur, exists)
		}
		return []byte("again"), nil
	})
	if err != nil || v.Version != 5 {
		t.Errorf("recreate: %+v %v", v, err)
	}
	// Deleting a key never kept changes nothing.
	if v, err := s.UpdateState(ctx, "never", "ana", func([]byte, bool) ([]byte, error) { return nil, nil }); err != nil || !v.Deleted {
		t.Errorf("delete missing: %+v %v", v, err)
	}
	if hist, err := s.StateHistory(ctx, "never"); err != nil || len(hist) != 0 {
		t.Errorf("history of a key never kept: %+v %v", hist, err)
	}
	// Keys in any script, any bytes of data.
	bin := []byte{0, 1, 2, 255, '\'', '"'}
	if _, err := s.UpdateState(ctx, "заметки/ملاحظة", "анна", func([]byte, bool) ([]byte, error) { return bin, nil }); err != nil {
		t.Fatal(err)
	}
	if v, err := s.State(ctx, "заметки/ملاحظة"); err != nil || !bytes.Equal(v.Data, bin) || v.Author != "анна" {
		t.Errorf("unicode key: %+v %v", v, err)
	}
}

func describe(hist []store.StateVersion) string {
	var parts []string
	for _, v := range hist {
		d := string(v.Data)
		if v.Deleted {
			d = "deleted"
		}
		parts = append(parts, fmt.Sprintf("%d %s %s", v.Version, v.Author, d))
	}
	return strings.Join(parts, "|")
}

func testStateErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.UpdateState(ctx, "k", "ana", set("kept")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	_, err := s.UpdateState(ctx, "k", "ben", func([]byte, bool) ([]byte, error) { return []byte("lost"), boom })
	if !errors.Is(err, boom) {
		t.Errorf("error from change: %v", err)
	}
	_, err = s.UpdateState(ctx, "new", "ben", func([]byte, bool) ([]byte, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Errorf("error from change: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	called := false
	if _, err := s.UpdateState(cctx, "k", "ben", func([]byte, bool) ([]byte, error) { called = true; return []byte("late"), nil }); err == nil {
		t.Error("cancelled context: no error")
	}
	if called {
		t.Error("cancelled context: change was called")
	}
	// A context cancelled while change runs: nothing is written.
	cctx, cancel = context.WithCancel(ctx)
	if _, err := s.UpdateState(cctx, "k", "ben", func([]byte, bool) ([]byte, error) { cancel(); return []byte("late"), nil }); err == nil {
		t.Error("context cancelled during change: no error")
	}
	v, err := s.State(ctx, "k")
	if err != nil || string(v.Data) != "kept" || v.Version != 1 {
		t.Errorf("after failed changes: %+v %v", v, err)
	}
	if _, err := s.State(ctx, "new"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failed create left a key: %v", err)
	}
	if hist, _ := s.StateHistory(ctx, "k"); len(hist) != 1 {
		t.Errorf("failed changes left history: %s", describe(hist))
	}
	if keys, _ := s.StateKeys(ctx, ""); strings.Join(keys, ",") != "k" {
		t.Errorf("keys %q", keys)
	}
}

// increment adds one to a decimal counter.
func increment(cur []byte, _ bool) ([]byte, error) {
	n := 0
	if len(cur) > 0 {
		var err error
		if n, err = strconv.Atoi(string(cur)); err != nil {
			return nil, err
		}
	}
	return []byte(strconv.Itoa(n + 1)), nil
}

func testGoroutines(t *testing.T, s store.Store) {
	const workers, each = 8, 25
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if _, err := s.UpdateState(ctx, "counter", "w"+strconv.Itoa(w), increment); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	v, err := s.State(ctx, "counter")
	if err != nil || string(v.Data) != strconv.Itoa(workers*each) || v.Version != workers*each {
		t.Fatalf("counter %q version %d (%v), want %d: updates lost", v.Data, v.Version, err, workers*each)
	}
	hist, err := s.StateHistory(ctx, "counter")
	if err != nil || len(hist) != workers*each {
		t.Fatalf("history has %d versions (%v)", len(hist), err)
	}
	for i, h := range hist {
		if want := int64(workers*each - i); h.Version != want || string(h.Data) != strconv.Itoa(int(want)) {
			t.Fatalf("history[%d] = version %d %q, want %d", i, h.Version, h.Data, want)
		}
	}
}

// HelperProcess is the second writer of the two-process test; it does
// nothing unless the test binary was started by it.
func HelperProcess(t *testing.T, tg Target) {
	addr, id := os.Getenv(envAddr), os.Getenv(envWriter)
	if addr == "" || id == "" {
		t.Skip("a helper process of the store's two-process test; runs only when started by it")
	}
	s := open(t, tg, addr)
	ctx := context.Background()
	for i := 0; i < processEdits; i++ {
		// Each writer adds its own entries to one shared list (a
		// read-modify-write of the same key) and sets its own key.
		_, err := s.UpdateState(ctx, "shared", "writer "+id, func(cur []byte, exists bool) ([]byte, error) {
			var list []string
			if exists {
				if err := json.Unmarshal(cur, &list); err != nil {
					return nil, err
				}
			}
			return json.Marshal(append(list, id+strconv.Itoa(i)))
		})
		if err != nil {
			t.Fatalf("writer %s, edit %d: %v", id, i, err)
		}
		if _, err := s.UpdateState(ctx, "own/"+id, "writer "+id, increment); err != nil {
			t.Fatalf("writer %s, edit %d: %v", id, i, err)
		}
	}
	fmt.Println(doneMark, id)
}

func testProcesses(t *testing.T, tg Target) {
	if testing.Short() {
		t.Skip("starts two processes")
	}
	addr := tg.New(t)
	s := open(t, tg, addr) // creates the schema before the writers start
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ids := []string{"a", "b"}
	outs := make([][]byte, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for n, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run="+helperRun, "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), envAddr+"="+addr, envWriter+"="+id)
			outs[n], errs[n] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for n, id := range ids {
		if errs[n] != nil || !bytes.Contains(outs[n], []byte(doneMark+" "+id)) {
			t.Fatalf("writer %s (is TestStoreHelperProcess defined?): %v\n%s", id, errs[n], outs[n])
		}
	}
	v, err := s.State(ctx, "shared")
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(v.Data, &list); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range list {
		have[e] = true
	}
	lost := 0
	for _, id := range ids {
		for i := 0; i < processEdits; i++ {
			if !have[id+strconv.Itoa(i)] {
				lost++
			}
		}
		if own, err := s.State(ctx, "own/"+id); err != nil || string(own.Data) != strconv.Itoa(processEdits) {
			t.Errorf("own/%s = %q (%v)", id, own.Data, err)
		}
	}
	if lost > 0 || len(list) != len(ids)*processEdits || v.Version != int64(len(ids)*processEdits) {
		t.Fatalf("%d of %d edits lost (%d entries, version %d)", lost, len(ids)*processEdits, len(list), v.Version)
	}
	hist, err := s.StateHistory(ctx, "shared")
	if err != nil || len(hist) != len(ids)*processEdits {
		t.Fatalf("history of shared: %d versions (%v)", len(hist), err)
	}
	authors := map[string]int{}
	for _, h := range hist {
		authors[h.Author]++
	}
	if authors["writer a"] != processEdits || authors["writer b"] != processEdits {
		t.Errorf("authors in the history: %v", authors)
	}
}

// testReopen checks that what is written is there after closing and
// opening the store again.
func testReopen(t *testing.T, tg Target) {
	ctx := context.Background()
	addr := tg.New(t)
	s, err := tg.Open(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateState(ctx, "k", "ana", set("kept")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutAnalysis(ctx, sampleAnalysis("fp")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, tg, addr)
	if v, err := s.State(ctx, "k"); err != nil || string(v.Data) != "kept" {
		t.Errorf("state after reopen: %+v %v", v, err)
	}
	if parts, ok, err := s.Analysis(ctx, "fp", []string{"entities"}); err != nil || !ok || string(parts["entities"]) != "E-fp" {
		t.Errorf("analysis after reopen: %q %v %v", parts, ok, err)
	}
}
