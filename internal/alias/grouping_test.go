package alias

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// project is a set of documents by path, turned into the engine's mention
// list the engine's way: extraction, then the project passes (evidence
// from other documents, cross-script matches), in path order.
type project struct {
	texts  map[string]string
	x      *entity.Extractor
	cache  map[string]extracted // by path + "\x00" + text
	outlet map[string]string
}

type extracted struct {
	ms   []entity.Mention
	held entity.Held
}

func newProject(gaz *entity.Gazetteer, texts map[string]string) *project {
	return &project{texts: texts, x: entity.NewExtractor(gaz), cache: map[string]extracted{}, outlet: map[string]string{}}
}

func (p *project) paths() []string {
	ps := make([]string, 0, len(p.texts))
	for k := range p.texts {
		ps = append(ps, k)
	}
	sort.Strings(ps)
	return ps
}

func (p *project) mentions(t testing.TB) []entity.Mention {
	t.Helper()
	ps := p.paths()
	docs := make([]*document.Document, len(ps))
	perDoc := make([][]entity.Mention, len(ps))
	held := make([]entity.Held, len(ps))
	for i, path := range ps {
		d := &document.Document{Path: path, Text: p.texts[path]}
		d.Meta.Outlet.Value = p.outlet[path]
		docs[i] = d
		ck := path + "\x00" + d.Text
		ex, ok := p.cache[ck]
		if !ok {
			ms, h, err := p.x.ExtractHeldContext(context.Background(), d, textnorm.Fold(d.Text))
			if err != nil {
				t.Fatal(err)
			}
			ex = extracted{ms, h}
			p.cache[ck] = ex
		}
		perDoc[i] = slices.Clone(ex.ms) // the project passes append and edit
		held[i] = ex.held
	}
	if _, err := entity.ProjectEvidence(context.Background(), perDoc, held); err != nil {
		t.Fatal(err)
	}
	if err := p.x.CrossScriptMentions(context.Background(), docs, perDoc); err != nil {
		t.Fatal(err)
	}
	var all []entity.Mention
	for _, ms := range perDoc {
		all = append(all, ms...)
	}
	return all
}

// names for the synthetic corpus: people sharing a surname (an ambiguous
// short form), spelling and transliteration variants, an acronym defined
// in the text, titles, places and organisations.
var (
	synthPeople = []string{"Karim Rahimi", "Omid Rahimi", "Qassem Soleimani", "Ghassem Soleimani", "Mike Pompeo",
		"Secretary of State Mike Pompeo", "David Petraeus", "David Petreaus", "Mara Lindqvist", "Mara Olsen", "Mara Voss",
		"Nancy Pelosi", "Hassan Rouhani", "Hasan Rohani", "Abu Bakr al-Baghdadi", "Hillary Clinton", "Bill Clinton",
		"Sheikh Naim Qabalan", "Jane Brandon", "Tom Branson", "Ali al-Rashidi", "Walid Haddad"}
	synthShort = []string{"Rahimi", "Soleimani", "Pompeo", "Petraeus", "Lindqvist", "Pelosi", "Rouhani", "Clinton",
		"al-Rashidi", "Haddad", "Qabalan", "Baghdadi"}
	synthPlaces = []string{"Deir ez-Zor", "Dayr al-Zawr", "Al Qaim", "al-Qa'im", "Damascus", "Marvania", "Tell Abyad",
		"Tal Abyad", "Washington", "United States", "Tehran", "Iran", "Iraq"}
	synthOrgs = []string{"Popular Mobilization Units", "Popular Mobilisation Units", "Ministry of Defence",
		"Ministry of Defense", "Northern Valley Guards", "Seren Valley Water Commission", "Revolutionary Guards"}
	synthNative = []string{"Сулеймани", "Дамаск", "سليماني", "دمشق", "Помпео", "Рахими"}
	synthTpl    = []string{
		"%s said on Tuesday that talks with %s would resume.",
		"According to %s, the convoy reached %s before dawn.",
		"%s met %s in %s to discuss the border crossing.",
		"Officials close to %s denied the report, %s told reporters.",
		"The %s (PMU) said %s had left %s.",
		"%s, a spokesman, accused %s of delaying aid to %s.",
		"In %s, %s criticised the Guards over the strike.",
	}
)

func synthName(r *rand.Rand) string {
	switch r.Intn(10) {
	case 0, 1, 2:
		return synthPeople[r.Intn(len(synthPeople))]
	case 3, 4:
		return synthShort[r.Intn(len(synthShort))]
	case 5, 6:
		return synthPlaces[r.Intn(len(synthPlaces))]
	case 7, 8:
		return synthOrgs[r.Intn(len(synthOrgs))]
	}
	return synthNative[r.Intn(len(synthNative))]
}

func synthSentence(r *rand.Rand) string {
	tpl := synthTpl[r.Intn(len(synthTpl))]
	args := make([]any, strings.Count(tpl, "%s"))
	for i := range args {
		args[i] = synthName(r)
	}
	return fmt.Sprintf(tpl, args...)
}

// freshName makes a name no document has yet: a new person sharing a
// surname, a new spelling, a new place.
func freshName(r *rand.Rand, step int) string {
	given := []string{"Layla", "Yusuf", "Anton", "Elena", "Samir", "Nadia"}[r.Intn(6)]
	switch r.Intn(4) {
	case 0:
		return given + " " + synthShort[r.Intn(len(synthShort))] // a surname shared anew
	case 1:
		s := synthShort[r.Intn(len(synthShort))]
		return given + " " + s[:len(s)-1] + "y" // a spelling variant
	case 2:
		return fmt.Sprintf("Camp Harlan %c", 'A'+rune(step%26))
	}
	return given + " Vantaro"
}

func synthCorpus(r *rand.Rand, n int) map[string]string {
	out := map[string]string{}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for s := 0; s < 3+r.Intn(6); s++ {
			b.WriteString(synthSentence(r))
			b.WriteByte(' ')
		}
		out[fmt.Sprintf("doc%03d.txt", i)] = b.String()
	}
	return out
}

func demoTexts(t testing.TB) map[string]string {
	out := map[string]string{}
	err := fs.WalkDir(resources.Demo, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") && !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := fs.ReadFile(resources.Demo, p)
		out[strings.TrimPrefix(p, "demo/")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// edit applies one random edit (or several) to the project and returns
// the paths it touched and what it did.
func edit(r *rand.Rand, p *project, step int, sentence func(*rand.Rand) string) (map[string]bool, string) {
	touched := map[string]bool{}
	ps := p.paths()
	pick := func() string { return ps[r.Intn(len(ps))] }
	kinds := r.Intn(10)
	n := 1
	if kinds == 9 {
		n = 2 + r.Intn(3) // several at once
	}
	var did []string
	for k := 0; k < n; k++ {
		if len(ps) == 0 {
			ps = []string{"seed.txt"}
			p.texts["seed.txt"] = sentence(r)
		}
		switch op := r.Intn(9); op {
		case 0, 1: // a sentence appended
			d := pick()
			p.texts[d] += " " + sentence(r)
			touched[d] = true
			did = append(did, "append "+d)
		case 2: // a new name added
			d := pick()
			p.texts[d] += fmt.Sprintf(" %s said the report was wrong.", freshName(r, step))
			touched[d] = true
			did = append(did, "name "+d)
		case 3: // a sentence (and the names only it held) removed
			d := pick()
			sents := strings.SplitAfter(p.texts[d], ". ")
			if len(sents) > 1 {
				i := r.Intn(len(sents))
				p.texts[d] = strings.Join(append(sents[:i:i], sents[i+1:]...), "")
			}
			touched[d] = true
			did = append(did, "cut "+d)
		case 4: // a document added
			d := fmt.Sprintf("new%03d-%d.txt", step, k)
			p.texts[d] = sentence(r) + " " + sentence(r)
			touched[d] = true
			did = append(did, "add "+d)
		case 5: // a document removed
			d := pick()
			delete(p.texts, d)
			touched[d] = true
			did = append(did, "remove "+d)
		case 6: // renamed
			d := pick()
			nd := fmt.Sprintf("renamed%03d-%d-%s", step, k, d)
			p.texts[nd] = p.texts[d]
			delete(p.texts, d)
			touched[d], touched[nd] = true, true
			did = append(did, "rename "+d)
		case 7: // duplicated
			d := pick()
			nd := fmt.Sprintf("copy%03d-%d-%s", step, k, d)
			p.texts[nd] = p.texts[d]
			touched[nd] = true
			did = append(did, "duplicate "+d)
		case 8: // emptied
			d := pick()
			p.texts[d] = ""
			touched[d] = true
			did = append(did, "empty "+d)
		}
		ps = p.paths()
	}
	return touched, strings.Join(did, ", ")
}

// sameResult compares every field of two results, the mentions of every
// entity, their windows' capacities and both indexes.
func sameResult(t *testing.T, step string, want, got *Result) {
	t.Helper()
	if len(want.Entities) != len(got.Entities) {
		t.Fatalf("%s: %d entities, want %d", step, len(got.Entities), len(want.Entities))
	}
	for i, w := range want.Entities {
		g := got.Entities[i]
		if !reflect.DeepEqual(w, g) {
			t.Fatalf("%s: entity %d differs:\n got %+v\nwant %+v", step, i, *g, *w)
		}
		if cap(g.Mentions) != len(g.Mentions) {
			t.Fatalf("%s: entity %s: a window of capacity %d for %d mentions", step, g.ID, cap(g.Mentions), len(g.Mentions))
		}
	}
	if !reflect.DeepEqual(want.Suggestions, got.Suggestions) {
		t.Fatalf("%s: suggestions differ:\n got %+v\nwant %+v", step, got.Suggestions, want.Suggestions)
	}
	ids := func(m map[string]*Entity) map[string]string {
		out := map[string]string{}
		for k, e := range m {
			out[k] = e.ID
		}
		return out
	}
	if !reflect.DeepEqual(ids(want.byID), ids(got.byID)) || !reflect.DeepEqual(ids(want.byKey), ids(got.byKey)) {
		t.Fatalf("%s: the entity indexes differ", step)
	}
}

// randomDecisions changes the analyst's decisions now and then, from the
// suggestions and entities of the last result.
func randomDecisions(r *rand.Rand, dec *Decisions, res *Result) *Decisions {
	if r.Intn(6) != 0 || res == nil {
		return dec
	}
	d := *dec
	d.Merges, d.Rejects = slices.Clone(d.Merges), slices.Clone(d.Rejects)
	d.Splits, d.Renames = slices.Clone(d.Splits), slices.Clone(d.Renames)
	switch r.Intn(4) {
	case 0:
		if len(res.Suggestions) > 0 {
			d.Accept(res.Suggestions[r.Intn(len(res.Suggestions))])
		}
	case 1:
		if len(res.Suggestions) > 0 {
			d.Reject(res.Suggestions[r.Intn(len(res.Suggestions))])
		}
	case 2:
		if len(res.Entities) > 0 {
			e := res.Entities[r.Intn(len(res.Entities))]
			d.SplitForm(e.Forms[len(e.Forms)-1].Text)
		}
	case 3:
		if len(res.Entities) > 0 {
			e := res.Entities[r.Intn(len(res.Entities))]
			d.RenameEntity(e.Forms[0].Text, "Renamed "+e.Name)
		}
	}
	return &d
}

// runEdits checks Update against GroupInPlaceContext after each of steps
// random edits.
func runEdits(t *testing.T, seed int64, p *project, gaz *entity.Gazetteer, steps int, sentence func(*rand.Rand) string) (reused, full int) {
	r := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	dec := &Decisions{Version: DecisionsVersion}
	base := p.mentions(t)
	want, err := GroupInPlaceContext(ctx, slices.Clone(base), gaz, dec)
	if err != nil {
		t.Fatal(err)
	}
	got, g, err := GroupIndexed(ctx, base, gaz, dec)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "first grouping", want, got)
	for step := 0; step < steps; step++ {
		touched, what := edit(r, p, step, sentence)
		dec = randomDecisions(r, dec, want)
		ms := p.mentions(t)
		if r.Intn(4) == 0 {
			// another order of the same mentions: the list as the
			// last grouping left it is no different to the grouping
			r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		}
		in := slices.Clone(ms)
		want, err = GroupInPlaceContext(ctx, ms, gaz, dec)
		if err != nil {
			t.Fatal(err)
		}
		var changed func(string) bool
		if r.Intn(3) > 0 {
			changed = func(path string) bool { return touched[path] }
		}
		prev := g
		got, g, err = prev.Update(ctx, in, changed, gaz, dec)
		if err != nil {
			t.Fatal(err)
		}
		label := fmt.Sprintf("seed %d step %d (%s)", seed, step, what)
		sameResult(t, label, want, got)
		if !reflect.DeepEqual(in, ms) {
			t.Fatalf("%s: the mentions are not placed as GroupInPlaceContext places them", label)
		}
		st := g.Stats()
		if st.Full {
			full++
		} else {
			reused += st.Reused
		}
	}
	return reused, full
}

func TestUpdateMatchesFullGroupingSynthetic(t *testing.T) {
	gaz := defaultGazetteer(t)
	for seed := int64(1); seed <= 6; seed++ {
		r := rand.New(rand.NewSource(seed * 7919))
		p := newProject(gaz, synthCorpus(r, 30))
		reused, full := runEdits(t, seed, p, gaz, 25, synthSentence)
		t.Logf("seed %d: %d entities reused, %d full groupings (decisions changed)", seed, reused, full)
		if reused == 0 {
			t.Errorf("seed %d: no entity was ever reused: the update recomputed everything", seed)
		}
	}
}

func TestUpdateMatchesFullGroupingDemo(t *testing.T) {
	gaz := defaultGazetteer(t)
	texts := demoTexts(t)
	if len(texts) < 3 {
		t.Fatalf("the demo project holds %d text articles", len(texts))
	}
	// sentences of the demo's own articles, moved between documents
	var pool []string
	for _, tx := range texts {
		for _, s := range strings.SplitAfter(tx, ". ") {
			if len(s) > 20 && len(s) < 300 {
				pool = append(pool, strings.TrimSpace(s))
			}
		}
	}
	sort.Strings(pool)
	sentence := func(r *rand.Rand) string {
		if r.Intn(3) == 0 {
			return synthSentence(r)
		}
		return pool[r.Intn(len(pool))]
	}
	for seed := int64(1); seed <= 3; seed++ {
		p := newProject(gaz, maps(texts))
		reused, _ := runEdits(t, seed, p, gaz, 15, sentence)
		if reused == 0 {
			t.Errorf("seed %d: no entity was ever reused", seed)
		}
	}
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestUpdateMatchesFullGroupingCorpus runs the edits on a few hundred
// articles of news-bench-10k (skipped without ../shared).
func TestUpdateMatchesFullGroupingCorpus(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 120
	}
	docs := benchDocs(t, n)
	gaz := defaultGazetteer(t)
	texts := map[string]string{}
	var pool []string
	for _, d := range docs {
		texts[d.Path] = d.Text
		for _, s := range strings.SplitAfter(d.Text, ". ") {
			if len(s) > 30 && len(s) < 300 && len(pool) < 5000 {
				pool = append(pool, strings.TrimSpace(s))
			}
		}
	}
	p := newProject(gaz, texts)
	for _, d := range docs {
		p.outlet[d.Path] = d.Meta.Outlet.Value
	}
	sentence := func(r *rand.Rand) string {
		if r.Intn(4) == 0 {
			return synthSentence(r)
		}
		return pool[r.Intn(len(pool))]
	}
	reused, full := runEdits(t, 42, p, gaz, 12, sentence)
	t.Logf("%d entities reused over the steps, %d full groupings", reused, full)
	if reused == 0 {
		t.Error("no entity was ever reused")
	}
}

// TestUpdateSeesUnreportedChanges: a document changed but not reported by
// changed is still found (its fingerprint differs) and counted.
func TestUpdateSeesUnreportedChanges(t *testing.T) {
	gaz := defaultGazetteer(t)
	p := newProject(gaz, map[string]string{
		"a.txt": "Karim Rahimi met Mike Pompeo in Damascus.",
		"b.txt": "Rahimi said Pompeo had left Damascus.",
	})
	ctx := context.Background()
	_, g, err := GroupIndexed(ctx, p.mentions(t), gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.texts["b.txt"] += " Omid Rahimi denied it."
	ms := p.mentions(t)
	want, _ := GroupInPlaceContext(ctx, slices.Clone(ms), gaz, nil)
	got, ng, err := g.Update(ctx, ms, func(string) bool { return false }, gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "unreported change", want, got)
	if st := ng.Stats(); st.Changed != 1 || st.Unreported != 1 || st.Full {
		t.Errorf("stats %+v, want one changed document, unreported, no full grouping", st)
	}
	// as many mentions as before, one name spelt otherwise, nothing
	// reported: the fingerprint, not the count, tells
	p.texts["a.txt"] = "Karim Rahimi met Mike Pompeo in Aleppo."
	ms = p.mentions(t)
	want, _ = GroupInPlaceContext(ctx, slices.Clone(ms), gaz, nil)
	got, ng, err = ng.Update(ctx, ms, nil, gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "same count, another name", want, got)
	if st := ng.Stats(); st.Changed != 1 || st.Unreported != 1 {
		t.Errorf("stats %+v, want one changed document, unreported", st)
	}
	// nothing changed: everything reused
	ms2 := p.mentions(t)
	_, ng2, err := ng.Update(ctx, ms2, nil, gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st := ng2.Stats(); st.Changed != 0 || st.Reused != st.Entities || st.Entities == 0 {
		t.Errorf("nothing changed: stats %+v, want every entity reused", st)
	}
}

func TestUpdateFallsBack(t *testing.T) {
	gaz := defaultGazetteer(t)
	p := newProject(gaz, map[string]string{"a.txt": "Karim Rahimi met Mike Pompeo in Damascus."})
	ctx := context.Background()
	dec := &Decisions{Version: DecisionsVersion}
	_, g, err := GroupIndexed(ctx, p.mentions(t), gaz, dec)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		g    *Grouping
		gaz  *entity.Gazetteer
		dec  func() *Decisions
		want string
	}{
		{"no previous grouping", nil, gaz, func() *Decisions { return dec }, "no previous grouping"},
		{"other gazetteer", g, nil, func() *Decisions { return dec }, "other gazetteer"},
		{"decisions changed in place", g, gaz, func() *Decisions { dec.RenameEntity("Damascus", "Dimashq"); return dec }, "other decisions"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.dec()
			ms := p.mentions(t)
			want, _ := GroupInPlaceContext(ctx, slices.Clone(ms), c.gaz, d)
			got, ng, err := c.g.Update(ctx, ms, nil, c.gaz, d)
			if err != nil {
				t.Fatal(err)
			}
			sameResult(t, c.name, want, got)
			if st := ng.Stats(); !st.Full || st.Reason != c.want {
				t.Errorf("stats %+v, want a full grouping for %q", st, c.want)
			}
		})
	}
}

// TestUpdateCancelled: a cancelled update returns the context's error and
// leaves the mentions as they were.
func TestUpdateCancelled(t *testing.T) {
	gaz := defaultGazetteer(t)
	r := rand.New(rand.NewSource(3))
	p := newProject(gaz, synthCorpus(r, 10))
	_, g, err := GroupIndexed(context.Background(), p.mentions(t), gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms := p.mentions(t)
	before := slices.Clone(ms)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, ng, err := g.Update(ctx, ms, nil, gaz, nil)
	if !errors.Is(err, context.Canceled) || res != nil || ng != nil {
		t.Fatalf("cancelled: %v, %v, %v", res, ng, err)
	}
	if !reflect.DeepEqual(ms, before) {
		t.Error("a cancelled update moved the mentions")
	}
}

// TestUpdateConcurrent: one Grouping updated from several goroutines at
// once (run with -race) gives each the full grouping's answer.
func TestUpdateConcurrent(t *testing.T) {
	gaz := defaultGazetteer(t)
	r := rand.New(rand.NewSource(5))
	p := newProject(gaz, synthCorpus(r, 20))
	ctx := context.Background()
	_, g, err := GroupIndexed(ctx, p.mentions(t), gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lists [][]entity.Mention
	var wants []*Result
	for i := 0; i < 4; i++ {
		edit(r, p, i, synthSentence)
		ms := p.mentions(t)
		w, _ := GroupInPlaceContext(ctx, slices.Clone(ms), gaz, nil)
		lists, wants = append(lists, ms), append(wants, w)
	}
	got := make([]*Result, len(lists))
	var wg sync.WaitGroup
	for i := range lists {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _, _ = g.Update(ctx, lists[i], nil, gaz, nil)
		}()
	}
	wg.Wait()
	for i := range lists {
		sameResult(t, fmt.Sprintf("concurrent update %d", i), wants[i], got[i])
	}
}

// TestUpdateKindLearntElsewhere: a document adding a second person whose
// name opens with "Mara" makes the unchanged "Mara Lindqvist" a person
// (learnedGivenNames): the entity of a key no changed document mentions
// must still be described again.
func TestUpdateKindLearntElsewhere(t *testing.T) {
	gaz := defaultGazetteer(t)
	m := func(doc string, at int, text string, kind entity.Kind) entity.Mention {
		return entity.Mention{Doc: doc, Span: document.Span{Start: at, End: at + len(text)}, Text: text, Key: entity.Key(text), Kind: kind}
	}
	list := []entity.Mention{
		m("a.txt", 0, "Mara Lindqvist", entity.Other), m("a.txt", 40, "Mara Lindqvist", entity.Other),
		m("b.txt", 0, "Mara Olsen", entity.Person),
	}
	ctx := context.Background()
	first, g, err := GroupIndexed(ctx, slices.Clone(list), gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	list = append(list, m("c.txt", 0, "Mara Voss", entity.Person))
	want, _ := GroupInPlaceContext(ctx, slices.Clone(list), gaz, nil)
	got, ng, err := g.Update(ctx, list, func(d string) bool { return d == "c.txt" }, gaz, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "a kind learnt from another document", want, got)
	before, after := first.EntityOf("Mara Lindqvist"), want.EntityOf("Mara Lindqvist")
	if before == nil || after == nil || before.Kind != entity.Other || after.Kind != entity.Person {
		t.Fatalf("Mara Lindqvist: %+v before, %+v after; want unknown, then a person", before, after)
	}
	if st := ng.Stats(); st.Full || st.Reused != 1 {
		t.Errorf("stats %+v: want Mara Olsen's entity reused and no full grouping", st)
	}
}

// TestWindowSorter: the window sort gives exactly sort.Slice's order,
// with and without mentions at the same place.
func TestWindowSorter(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	for _, c := range []struct {
		name        string
		docs, spans int
	}{{"no ties likely", 5, 1 << 20}, {"many ties", 3, 4}, {"one document", 1, 50}} {
		for trial := 0; trial < 200; trial++ {
			n := r.Intn(60)
			ms := make([]entity.Mention, n)
			for i := range ms {
				ms[i] = entity.Mention{Doc: fmt.Sprintf("d%d", r.Intn(c.docs)), Span: document.Span{Start: r.Intn(c.spans)}, Text: fmt.Sprint(i)}
			}
			want := slices.Clone(ms)
			sort.Slice(want, func(i, j int) bool {
				a, b := want[i], want[j]
				if a.Doc != b.Doc {
					return a.Doc < b.Doc
				}
				return a.Span.Start < b.Span.Start
			})
			var w windowSorter
			w.sort(ms)
			if !reflect.DeepEqual(ms, want) {
				t.Fatalf("%s, trial %d: the window sort differs from sort.Slice", c.name, trial)
			}
		}
	}
}
