package reuse

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// editor makes random edits to a project: documents kept in path order,
// as a project lists them, never changed in place (a new Document is made
// for each edit).
type editor struct {
	rng  *rand.Rand
	pool []string // text to paste: other documents' sentences, babble
	next int      // numbers new paths
	// syndicate is how many documents one syndicated paste goes to.
	syndicate int
	// reorder lets a step swap two documents (which Update cannot follow).
	reorder bool
}

// step makes one to three edits and says which.
func (e *editor) step(docs []*document.Document) ([]*document.Document, []string) {
	docs = slices.Clone(docs)
	var did []string
	for range 1 + e.rng.IntN(3) {
		var what string
		docs, what = e.edit(docs)
		did = append(did, what)
	}
	return docs, did
}

func (e *editor) pick(docs []*document.Document) int {
	for range 20 {
		if i := e.rng.IntN(len(docs)); docs[i] != nil {
			return i
		}
	}
	return -1
}

func (e *editor) newPath() string {
	e.next++
	// A letter first, so that new documents land anywhere in path order.
	return fmt.Sprintf("%c/new%03d.txt", 'a'+e.rng.IntN(26), e.next)
}

func sortByPath(docs []*document.Document) {
	slices.SortStableFunc(docs, func(x, y *document.Document) int {
		switch {
		case x == nil || y == nil:
			return cmp.Compare(btoi(x == nil), btoi(y == nil)) // nil last
		}
		return strings.Compare(x.Path, y.Path)
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func with(d *document.Document, text string) *document.Document {
	n := *d
	n.Text = text
	n.Boilerplate = nil
	return &n
}

// wordCut is a random byte offset of text at the start of a word.
func (e *editor) wordCut(text string) int {
	wb := wordBounds(text)
	if len(wb) == 0 {
		return len(text)
	}
	return wb[e.rng.IntN(len(wb))][0]
}

func (e *editor) edit(docs []*document.Document) ([]*document.Document, string) {
	i := e.pick(docs)
	if i < 0 || len(docs) < 3 {
		return append(docs, doc(e.newPath(), e.paste())), "add"
	}
	d := docs[i]
	switch k := e.rng.IntN(13); {
	case k < 2:
		docs[i] = with(d, d.Text+" "+e.paste())
		return docs, "append"
	case k == 2:
		c := e.wordCut(d.Text)
		docs[i] = with(d, d.Text[:c]+"Wojciechowska "+d.Text[c:])
		return docs, "name added"
	case k == 3:
		wb := wordBounds(d.Text)
		if len(wb) == 0 {
			return docs, "nothing"
		}
		w := wb[e.rng.IntN(len(wb))]
		docs[i] = with(d, d.Text[:w[0]]+d.Text[w[1]:])
		return docs, "word removed"
	case k == 4:
		docs = append(docs, doc(e.newPath(), babble(e.rng, 20)+"\n\n"+e.paste()+"\n\n"+babble(e.rng, 20)))
		sortByPath(docs)
		return docs, "added"
	case k == 5:
		return slices.Delete(docs, i, i+1), "removed"
	case k == 6:
		n := *d
		n.Path = e.newPath()
		docs[i] = &n
		sortByPath(docs)
		return docs, "renamed"
	case k == 7:
		n := *d
		n.Path = e.newPath()
		docs = append(docs, &n)
		sortByPath(docs)
		return docs, "duplicated"
	case k == 8:
		docs[i] = with(d, "")
		return docs, "emptied"
	case k == 9:
		// One passage pasted into many documents: its fingerprints cross
		// HubDocFreq or MaxDocFreq, in the pasted documents and others.
		p := e.paste()
		for range e.syndicate {
			if j := e.pick(docs); j >= 0 {
				docs[j] = with(docs[j], docs[j].Text+"\n\n"+p)
			}
		}
		return docs, "syndicated"
	case k == 10:
		// A disguised copy of another document's stretch.
		src := docs[e.pick(docs)]
		if src == nil || len(src.Text) < 40 {
			return docs, "nothing"
		}
		a := e.wordCut(src.Text)
		b := min(len(src.Text), a+300+e.rng.IntN(600))
		for b < len(src.Text) && src.Text[b]&0xC0 == 0x80 {
			b++
		}
		docs[i] = with(d, d.Text+"\n\n"+disguise(e.rng, src.Text[a:b], 3))
		return docs, "disguised copy"
	case k == 11:
		// Boilerplate marked, or unmarked, in place: the words change, not
		// the text.
		n := *d
		if len(n.Boilerplate) > 0 || len(n.Text) < 10 {
			n.Boilerplate = nil
		} else {
			s := e.wordCut(n.Text)
			n.Boilerplate = []document.Span{{Start: s, End: min(len(n.Text), s+200)}}
		}
		docs[i] = &n
		return docs, "boilerplate"
	default:
		if e.reorder && e.rng.IntN(4) == 0 {
			j := e.pick(docs)
			if j >= 0 && j != i {
				docs[i], docs[j] = docs[j], docs[i]
				return docs, "reordered"
			}
		}
		if e.rng.IntN(3) == 0 {
			return append(docs, nil), "nil"
		}
		return docs, "nothing"
	}
}

// paste is text from the pool, sometimes disguised.
func (e *editor) paste() string {
	p := e.pool[e.rng.IntN(len(e.pool))]
	if e.rng.IntN(3) == 0 {
		return disguise(e.rng, p, 3)
	}
	return p
}

// sameIndex fails t unless got holds what want, a full computation's
// Index, holds.
func sameIndex(t *testing.T, got, want *Index) {
	t.Helper()
	switch {
	case !reflect.DeepEqual(got.docs, want.docs):
		t.Fatalf("index documents differ")
	case got.keyed != want.keyed:
		t.Fatalf("keyed %v, want %v", got.keyed, want.keyed)
	case !slices.Equal(got.hashes, want.hashes) || !slices.Equal(got.holders, want.holders):
		t.Fatalf("inverted index differs: %d entries, want %d", len(got.hashes), len(want.hashes))
	case !slices.Equal(got.aligns, want.aligns):
		t.Fatalf("alignments differ: %d, want %d", len(got.aligns), len(want.aligns))
	}
}

// runEdits applies steps random edit steps to docs and checks after each
// that Update returns exactly what Find does, and an Index equal to
// FindIndexed's. It returns how many updates fell back to a full search.
func runEdits(t *testing.T, docs []*document.Document, e *editor, o Options, steps int) (fallbacks int) {
	t.Helper()
	ctx := context.Background()
	_, ix, err := FindIndexed(ctx, docs, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	passages, changed, realigned := 0, 0, 0
	for s := range steps {
		var did []string
		docs, did = e.step(docs)
		var folded []textnorm.Folded
		if s%2 == 0 {
			folded = make([]textnorm.Folded, len(docs))
			for i, d := range docs {
				if d != nil {
					folded[i] = textnorm.Fold(d.Text)
				}
			}
		}
		if s%3 == 1 {
			// As a store keeps it between runs.
			ix = roundTrip(t, ix)
		}
		got, next, err := ix.Update(ctx, docs, folded, o)
		if err != nil {
			t.Fatalf("step %d (%v): %v", s, did, err)
		}
		want, err := Find(ctx, docs, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (%v), %+v: Update gave %d passages, Find %d\n%s", s, did, next.Stats(), len(got), len(want), firstDiff(got, want))
		}
		_, full, err := FindIndexed(ctx, docs, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		sameIndex(t, next, full)
		st := next.Stats()
		if st.Full {
			fallbacks++
			// A swap puts documents out of path order, and the next edit that
			// sorts them changes their order again.
			if !e.reorder || st.Fallback != "documents changed order" {
				t.Fatalf("step %d (%v): a full search (%s)", s, did, st.Fallback)
			}
		}
		passages += len(got)
		changed += st.Changed
		realigned += st.PairsAligned
		ix = next
	}
	t.Logf("%d steps: %d passages in all, %d documents changed, %d pairs realigned, %d fallbacks", steps, passages, changed, realigned, fallbacks)
	if passages == 0 {
		t.Fatal("no passage in any step: the test shows nothing")
	}
	return fallbacks
}

func firstDiff(got, want []Passage) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("passage %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	return "one is a prefix of the other"
}

// syntheticProject is n documents of babble sharing stories: some in a few
// documents, one in many.
func syntheticProject(rng *rand.Rand, n int) ([]*document.Document, []string) {
	var stories []string
	for range 8 {
		stories = append(stories, babble(rng, 40+rng.IntN(60)))
	}
	stories = append(stories, story)
	var docs []*document.Document
	for i := range n {
		var b strings.Builder
		b.WriteString(babble(rng, 20+rng.IntN(40)))
		for range rng.IntN(3) {
			b.WriteString("\n\n")
			s := stories[rng.IntN(len(stories))]
			if rng.IntN(2) == 0 {
				s = disguise(rng, s, 3)
			}
			b.WriteString(s)
			b.WriteString("\n\n" + babble(rng, 10+rng.IntN(20)))
		}
		docs = append(docs, doc(fmt.Sprintf("m/%03d.txt", i), b.String()))
	}
	return docs, stories
}

var editOptions = []Options{
	{},
	{HubDocFreq: 3, MaxDocFreq: 8},
	{HubDocFreq: 2, MaxDocFreq: 4, MinWords: 6},
}

func TestUpdateMatchesFindSynthetic(t *testing.T) {
	for k, o := range editOptions {
		t.Run(fmt.Sprintf("options%d", k), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(k), 18))
			docs, stories := syntheticProject(rng, 40)
			e := &editor{rng: rng, pool: stories, syndicate: 3 + rng.IntN(8)}
			runEdits(t, docs, e, o, 60)
		})
	}
}

func TestUpdateReorderedFallsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 18))
	docs, stories := syntheticProject(rng, 30)
	e := &editor{rng: rng, pool: stories, syndicate: 4, reorder: true}
	if n := runEdits(t, docs, e, Options{HubDocFreq: 3, MaxDocFreq: 8}, 80); n == 0 {
		t.Error("no step reordered documents: the fallback went untested")
	}
}

// demoTexts are the demo project's plain-text articles.
func demoTexts(t *testing.T) []*document.Document {
	t.Helper()
	var docs []*document.Document
	err := fs.WalkDir(resources.Demo, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
			return err
		}
		b, err := fs.ReadFile(resources.Demo, p)
		if err != nil {
			return err
		}
		docs = append(docs, doc(strings.TrimPrefix(p, "demo/"), string(b)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 3 {
		t.Fatalf("demo project: %d text articles", len(docs))
	}
	return docs
}

func TestUpdateMatchesFindDemo(t *testing.T) {
	docs := demoTexts(t)
	var pool []string
	for _, d := range docs {
		for _, para := range strings.Split(d.Text, "\n\n") {
			if len(para) > 80 {
				pool = append(pool, para)
			}
		}
	}
	for k, o := range editOptions {
		t.Run(fmt.Sprintf("options%d", k), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(k), 7))
			e := &editor{rng: rng, pool: pool, syndicate: 2 + rng.IntN(5)}
			runEdits(t, slices.Clone(docs), e, o, 40)
		})
	}
}

func TestUpdateMatchesFindNewsBench(t *testing.T) {
	if testing.Short() {
		t.Skip("news-bench-10k: a few hundred articles edited, not in -short")
	}
	docs := loadTexts(t, testcorpus.Corpus(t, "news-bench-10k"), 300)
	rng := rand.New(rand.NewPCG(10, 18))
	var pool []string
	for range 40 {
		d := docs[rng.IntN(len(docs))]
		paras := strings.Split(d.Text, "\n")
		if p := paras[rng.IntN(len(paras))]; len(p) > 60 {
			pool = append(pool, p)
		}
	}
	for k, o := range editOptions[:2] {
		t.Run(fmt.Sprintf("options%d", k), func(t *testing.T) {
			e := &editor{rng: rand.New(rand.NewPCG(uint64(k), 19)), pool: pool, syndicate: 5}
			runEdits(t, slices.Clone(docs), e, o, 12)
		})
	}
}

func TestUpdateNilAndOtherOptions(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 5))
	docs, _ := syntheticProject(rng, 20)
	want, err := Find(ctx, docs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var none *Index
	got, ix, err := none.Update(ctx, docs, nil, Options{})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("nil index: err %v, same passages %v", err, reflect.DeepEqual(got, want))
	}
	if st := ix.Stats(); !st.Full || st.Fallback == "" {
		t.Errorf("nil index: stats %+v, want a full search with its reason", st)
	}
	// Other options: a full search; Workers alone changes nothing.
	_, again, err := ix.Update(ctx, docs, nil, Options{Workers: 1})
	if err != nil || again.Stats().Full {
		t.Errorf("other Workers: err %v, stats %+v, want an update", err, again.Stats())
	}
	if again.Stats().PairsAligned != 0 || again.Stats().PairsKept == 0 {
		t.Errorf("nothing changed: stats %+v, want every pair kept and none aligned", again.Stats())
	}
	o := Options{MinWords: 6}
	want, _ = Find(ctx, docs, nil, o)
	got, other, err := ix.Update(ctx, docs, nil, o)
	if err != nil || !reflect.DeepEqual(got, want) || !other.Stats().Full {
		t.Errorf("other MinWords: err %v, same %v, stats %+v", err, reflect.DeepEqual(got, want), other.Stats())
	}
	// Repeated paths: Find takes them; the index cannot key them.
	dup := append(slices.Clone(docs), doc(docs[0].Path, "something else entirely"))
	want, _ = Find(ctx, dup, nil, Options{})
	got, dix, err := ix.Update(ctx, dup, nil, Options{})
	if err != nil || !reflect.DeepEqual(got, want) || !dix.Stats().Full {
		t.Errorf("repeated path: err %v, same %v, stats %+v", err, reflect.DeepEqual(got, want), dix.Stats())
	}
	want, _ = Find(ctx, docs, nil, Options{})
	got, _, err = dix.Update(ctx, docs, nil, Options{})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after repeated paths: err %v, same %v", err, reflect.DeepEqual(got, want))
	}
	if _, _, err := ix.Update(ctx, docs, make([]textnorm.Folded, 2), Options{}); err == nil {
		t.Error("folded of the wrong length: no error")
	}
}

// A syndicated story in more documents than HubDocFreq whose hub (the
// first document holding it) is removed, and one that crosses MaxDocFreq:
// pairs of unchanged documents gain or lose seeds.
func TestUpdateHubAndMaxDocFreq(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(21, 22))
	o := Options{HubDocFreq: 3, MaxDocFreq: 6}
	var docs []*document.Document
	for i := range 6 {
		docs = append(docs, doc(fmt.Sprintf("s%02d.txt", i), babble(rng, 30)+"\n\n"+story+"\n\n"+babble(rng, 30)))
	}
	_, ix, err := FindIndexed(ctx, docs, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, docs []*document.Document, minDirty int) {
		t.Helper()
		got, next, err := ix.Update(ctx, docs, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Find(ctx, docs, nil, o)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: Update differs from Find\n%s", what, firstDiff(got, want))
		}
		_, full, _ := FindIndexed(ctx, docs, nil, o)
		sameIndex(t, next, full)
		st := next.Stats()
		if st.Full {
			t.Fatalf("%s: a full search (%s)", what, st.Fallback)
		}
		// Pairs realigned beyond those of the changed documents.
		if st.Reread < minDirty {
			t.Errorf("%s: %d unchanged documents read again, want at least %d (stats %+v)", what, st.Reread, minDirty, st)
		}
		t.Logf("%s: %d passages, stats %+v", what, len(got), st)
		ix = next
	}
	// Six documents: hub pairs. Removing the hub: five, the next hub.
	check("hub removed", slices.Clone(docs[1:]), 4)
	// Three: every pair seeded, no hub.
	check("below HubDocFreq", slices.Clone(docs[1:4]), 0)
	// Seven: above MaxDocFreq, the exact story no longer seeds.
	seven := slices.Clone(docs)
	seven = append(seven, doc("s99.txt", babble(rng, 20)+"\n\n"+story))
	check("above MaxDocFreq", seven, 0)
	// Back to six: the old pairs seeded again.
	check("back under MaxDocFreq", docs, 5)
}

func TestUpdateCancelled(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	docs, stories := syntheticProject(rng, 40)
	o := Options{HubDocFreq: 3, MaxDocFreq: 8}
	_, ix, err := FindIndexed(context.Background(), docs, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	e := &editor{rng: rng, pool: stories, syndicate: 6}
	edited := docs
	for range 4 {
		edited, _ = e.step(edited)
	}
	for _, stage := range []string{"words", "index", "align", "cluster"} {
		ctx, cancel := context.WithCancel(context.Background())
		oc := o
		oc.Progress = func(p Progress) {
			if p.Stage == stage {
				cancel()
			}
		}
		_, next, err := ix.Update(ctx, edited, nil, oc)
		cancel()
		if stage != "cluster" && !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled at %s: err %v, want context.Canceled", stage, err)
		}
		if err != nil && next != nil {
			t.Errorf("cancelled at %s: an index with the error", stage)
		}
	}
	// ix is as it was: updates from it still match Find.
	got, _, err := ix.Update(context.Background(), edited, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Find(context.Background(), edited, nil, o)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after cancelled updates: differs from Find\n%s", firstDiff(got, want))
	}
}

// Updates from one Index, at once, in several goroutines (run with -race).
func TestUpdateConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	docs, stories := syntheticProject(rng, 30)
	o := Options{HubDocFreq: 3, MaxDocFreq: 8, Workers: 2}
	_, ix, err := FindIndexed(context.Background(), docs, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	var projects [][]*document.Document
	e := &editor{rng: rng, pool: stories, syndicate: 4}
	for range 4 {
		p, _ := e.step(docs)
		projects = append(projects, p)
	}
	got := make([][]Passage, len(projects))
	errs := make([]error, len(projects))
	var wg sync.WaitGroup
	for k, p := range projects {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[k], _, errs[k] = ix.Update(context.Background(), p, nil, o)
		}()
	}
	wg.Wait()
	for k, p := range projects {
		want, _ := Find(context.Background(), p, nil, o)
		if errs[k] != nil || !reflect.DeepEqual(got[k], want) {
			t.Errorf("project %d: err %v, same as Find %v", k, errs[k], reflect.DeepEqual(got[k], want))
		}
	}
}

// roundTrip encodes and decodes ix and checks that nothing was lost.
func roundTrip(t *testing.T, ix *Index) *Index {
	t.Helper()
	b, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalIndex(b)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	sameIndex(t, back, ix)
	if back.opts.MinSimilarity != ix.opts.MinSimilarity || !sameOptions(back.opts, ix.opts) {
		t.Fatalf("options %+v, want %+v", back.opts, ix.opts)
	}
	return back
}

func TestIndexEncodingRefusesDamage(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 41))
	docs, _ := syntheticProject(rng, 30)
	docs = append(docs, nil)
	_, ix, err := FindIndexed(context.Background(), docs, nil, Options{HubDocFreq: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.aligns) == 0 || len(ix.hashes) == 0 {
		t.Fatal("an empty index: the test shows nothing")
	}
	good := roundTrip(t, ix)
	b, _ := good.MarshalBinary()
	for _, k := range []int{0, len(indexFormat) + 3, len(b) / 2, len(b) - 1} {
		bad := slices.Clone(b)
		bad[k] ^= 0x40
		if _, err := UnmarshalIndex(bad); err == nil {
			t.Errorf("byte %d of %d flipped: decoded", k, len(b))
		}
	}
	for _, n := range []int{0, 10, len(b) / 3, len(b) - 1} {
		if _, err := UnmarshalIndex(b[:n]); err == nil {
			t.Errorf("cut to %d of %d bytes: decoded", n, len(b))
		}
	}
	// Consistent checksums, inconsistent content: the checks catch it.
	for name, spoil := range map[string]func(x *Index){
		"entries out of order":  func(x *Index) { x.hashes[0], x.hashes[1] = x.hashes[1], x.hashes[0]+1 },
		"document out of range": func(x *Index) { x.holders[0] = uint32(len(x.docs)) },
		"nil document":          func(x *Index) { x.holders[0] = uint32(len(x.docs) - 1) },
		"alignment sides":       func(x *Index) { x.aligns[0].a, x.aligns[0].b = x.aligns[0].b, x.aligns[0].a },
		"options":               func(x *Index) { x.opts.NGram = 0 },
	} {
		x, _ := UnmarshalIndex(b)
		spoil(x)
		bad, _ := x.MarshalBinary()
		if _, err := UnmarshalIndex(bad); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

// The border-crossing sample project (../shared), with its homoglyph-
// disguised copy, edited.
func TestUpdateMatchesFindSampleProject(t *testing.T) {
	docs := loadTexts(t, testcorpus.SampleProject(t), 0)
	var pool []string
	for _, d := range docs {
		for _, para := range strings.Split(d.Text, "\n") {
			if len(para) > 80 {
				pool = append(pool, para)
			}
		}
	}
	for k, o := range editOptions {
		t.Run(fmt.Sprintf("options%d", k), func(t *testing.T) {
			e := &editor{rng: rand.New(rand.NewPCG(uint64(k), 23)), pool: pool, syndicate: 3}
			runEdits(t, slices.Clone(docs), e, o, 30)
		})
	}
}

// The inverted index against the plain way: every document's fingerprints
// sorted by (hash, document) and made distinct, whatever the workers.
func TestInvertedIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(50, 51))
	docs, _ := syntheticProject(rng, 60)
	docs = append(docs, doc("rep.txt", strings.Repeat(story+" ", 40)), nil, doc("empty.txt", ""))
	o := Options{}.withDefaults()
	toks, err := tokenizeAll(context.Background(), docs, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	var all []print
	for d := range toks {
		all, _ = winnow(toks[d].hash, o.NGram, o.Window, uint32(d), all, nil)
	}
	slices.SortFunc(all, func(x, y print) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		return cmp.Compare(x.doc, y.doc)
	})
	var wantH []uint64
	var wantD []uint32
	for k, p := range all {
		if k > 0 && p.hash == all[k-1].hash && p.doc == all[k-1].doc {
			continue
		}
		wantH, wantD = append(wantH, p.hash), append(wantD, p.doc)
	}
	for _, w := range []int{1, 2, 3, 7} {
		o.Workers = w
		h, d, err := invertedIndex(context.Background(), toks, o)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(h, wantH) || !slices.Equal(d, wantD) {
			t.Errorf("%d workers: %d entries, want %d, or other entries", w, len(h), len(wantH))
		}
	}
}

// Whatever an encoded index holds, decoding it and updating from it never
// panics: it is refused, falls back to a full search, or updates. The
// checksum is recomputed so that the fuzzer reaches the decoder.
func FuzzUnmarshalIndex(f *testing.F) {
	rng := rand.New(rand.NewPCG(60, 61))
	docs, _ := syntheticProject(rng, 12)
	o := Options{HubDocFreq: 2, MaxDocFreq: 5}
	_, ix, err := FindIndexed(context.Background(), docs, nil, o)
	if err != nil {
		f.Fatal(err)
	}
	blob, _ := ix.MarshalBinary()
	f.Add(blob[:len(blob)-4])
	f.Fuzz(func(t *testing.T, body []byte) {
		data := binary.LittleEndian.AppendUint32(slices.Clone(body), crc32.ChecksumIEEE(body))
		got, err := UnmarshalIndex(data)
		if err != nil {
			return
		}
		if _, _, err := got.Update(context.Background(), docs, nil, o); err != nil {
			t.Fatalf("update from a decoded index: %v", err)
		}
	})
}

// An index whose kept alignments do not fit the documents (damage its
// checks cannot see) is not trusted: a full search, said so.
func TestUpdateIndexNotFitting(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(70, 71))
	docs, _ := syntheticProject(rng, 20)
	_, ix, err := FindIndexed(ctx, docs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.aligns) == 0 {
		t.Fatal("no alignment: the test shows nothing")
	}
	bad := *ix
	bad.aligns = slices.Clone(ix.aligns)
	bad.aligns[0].bea = int32(len(docs[bad.aligns[0].a].Text) + 5)
	got, next, err := bad.Update(ctx, docs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Find(ctx, docs, nil, Options{})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("differs from Find\n%s", firstDiff(got, want))
	}
	if st := next.Stats(); !st.Full || !strings.Contains(st.Fallback, "does not fit") {
		t.Errorf("stats %+v, want a full search saying the index does not fit", st)
	}
}
