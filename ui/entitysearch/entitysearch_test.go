package entitysearch

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

func TestTypeQaimListsMentionsByOutlet(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	reqs := paneltest.Record(c)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 700))

	test.Type(p.Entry(), "qaim")
	hits := p.Hits()
	if len(hits) == 0 || hits[0].Name != "al-Qaim" {
		t.Fatalf("first hit for qaim: %+v", hits)
	}
	if p.Chosen() != hits[0].ID || p.Phrase() {
		t.Fatalf("the best hit's mentions are not listed: chosen %q phrase %v", p.Chosen(), p.Phrase())
	}
	// al-Qaim is named in 000 (whose outlet the text does not give), 001
	// (Mehr), 003 (Tehran Times) and 004 (the Reuters copy on Altayinform).
	outlets, docs := map[string]bool{}, map[string]bool{}
	total := 0
	for _, g := range p.Groups() {
		outlets[g.Outlet] = true
		for _, d := range g.Documents {
			docs[d] = true
		}
		total += g.Mentions
	}
	if len(outlets) != 4 || len(docs) != 4 || !outlets["Tehran Times"] || !outlets["Mehr News Agency"] {
		t.Errorf("al-Qaim mentioned by outlets %v in documents %v, want four outlets' documents", outlets, docs)
	}
	if e := a.Entities().Entity(hits[0].ID); total != len(e.Mentions) {
		t.Errorf("%d mentions listed, the entity has %d", total, len(e.Mentions))
	}
	rows := p.MentionRows()
	for _, r := range rows {
		d := paneltest.Doc(c, r.Path)
		if got := d.Text[r.Start:r.End]; got != r.Text || !strings.Contains(strings.ToLower(strings.ReplaceAll(got, "’", "'")), "qa") {
			t.Fatalf("row %+v does not span its mention (%q)", r, got)
		}
	}

	// Choosing a mention asks the compare view to reveal it.
	p.ChooseMention(2)
	req, ok := reqs.Last()
	if !ok || req.Reveal == nil || len(req.Docs) != 1 {
		t.Fatalf("no reveal request: %+v", reqs.List)
	}
	want := rows[2]
	if req.Docs[0].Path != want.Path || *req.Reveal != (document.Span{Start: want.Start, End: want.End}) {
		t.Errorf("reveal %s %+v, want %s %d-%d", req.Docs[0].Path, *req.Reveal, want.Path, want.Start, want.End)
	}
}

func TestPhraseHitsWhenNoEntityFits(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p := New(c)
	test.NewTempWindow(t, p.Object())
	test.Type(p.Entry(), "paychecks from")
	if !p.Phrase() {
		t.Fatalf("no phrase hits: hits %+v", p.Hits())
	}
	docs := map[string]bool{}
	for _, r := range p.MentionRows() {
		docs[r.Path] = true
	}
	if !docs["000_8a488919ad26b5b5.txt"] || !docs["001_fe4119f0101185b7.txt"] {
		t.Errorf("phrase found in %v, want 000 and 001", docs)
	}
}

func TestEntityLayerToggles(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Fixture(t)
	p := New(c)
	test.NewTempWindow(t, p.Object())
	doc := paneltest.Doc(c, "a_harbor.txt")
	layer := c.HighlightLayers()[LayerEntities]
	if layer == nil {
		t.Fatal("no entities layer installed")
	}
	count := func(id string) int {
		n := 0
		for _, h := range c.HighlightLayers()[LayerEntities](doc) {
			if h.ID == id && h.Kind == textview.Entity {
				n++
			}
		}
		return n
	}
	nordvik := a.Entities().EntityOf("Nordvik")
	if count(nordvik.ID) == 0 {
		t.Fatal("Nordvik (in four documents) is not highlighted by default")
	}
	p.SetHighlighted(nordvik.ID, false)
	if count(nordvik.ID) != 0 {
		t.Error("Nordvik still highlighted after toggling it off")
	}
	p.SetHighlighted(nordvik.ID, true)
	p.SetAllHighlighted(false)
	if n := len(c.HighlightLayers()[LayerEntities](doc)); n != 0 {
		t.Errorf("%d highlights with all off", n)
	}
	p.SetAllHighlighted(true)
	if count(nordvik.ID) == 0 {
		t.Error("Nordvik not highlighted after all on")
	}

	// The window installs its default layer after each analysis: the
	// panel's comes back.
	c.SetHighlightLayer(LayerEntities, func(*document.Document) []textview.Highlight { return nil })
	if !sameFunc(c.HighlightLayers()[LayerEntities], p.layer) {
		t.Error("the panel's layer was not put back")
	}

	// Choosing an entity of one document turns its highlight on.
	one := a.Entities().EntityOf("Hadi Ameri")
	if one == nil || len(one.Documents) != 1 || p.Highlighted(one.ID) {
		t.Fatalf("an entity of one document: %+v, highlighted %v", one, one != nil && p.Highlighted(one.ID))
	}
	test.Type(p.Entry(), "hadi ameri")
	if p.Chosen() != one.ID || !p.Highlighted(one.ID) {
		t.Errorf("chosen %q, highlighted %v", p.Chosen(), p.Highlighted(one.ID))
	}
}

func TestRendersSearchPanel(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Fixture(t)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 560))
	test.Type(p.Entry(), "nordv")
	paneltest.Snapshot(t, w.Canvas(), "search")
	test.AssertRendersToMarkup(t, "search_nordvik.xml", w.Canvas())
}

func TestAnalysingEmptyState(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SmallProject(t))
	c.SetAnalysis(nil)
	p := New(c)
	test.NewTempWindow(t, p.Object())
	if p.resEmpty.Text != "Analysing…" || !p.resEmpty.Visible() {
		t.Errorf("empty state %q visible %v", p.resEmpty.Text, p.resEmpty.Visible())
	}
	test.Type(p.Entry(), "x")
	if len(p.Hits()) != 0 {
		t.Error("hits without an analysis")
	}
}

func TestSnapshotSample(t *testing.T) {
	paneltest.SkipUnlessSnapshots(t)
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(460, 760))
	test.Type(p.Entry(), "qaim")
	paneltest.Snapshot(t, w.Canvas(), "search_sample")
}

func TestKeyboardMovesThroughResults(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Fixture(t)
	reqs := paneltest.Record(c)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Canvas().Focus(p.Entry())
	test.Type(p.Entry(), "hadi")
	hits := p.Hits()
	if len(hits) < 2 || p.Chosen() != hits[0].ID {
		t.Fatalf("hits %+v, chosen %q", hits, p.Chosen())
	}
	p.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if p.Chosen() != hits[1].ID {
		t.Errorf("Down: chosen %q, want %q", p.Chosen(), hits[1].ID)
	}
	p.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if p.Chosen() != hits[0].ID {
		t.Errorf("Up: chosen %q, want %q", p.Chosen(), hits[0].ID)
	}
	p.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if req, ok := reqs.Last(); !ok || req.Reveal == nil {
		t.Error("Enter did not reveal the first mention")
	}
	p.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if p.Entry().Text != "" || len(p.Hits()) == 0 || p.Chosen() != "" {
		t.Errorf("Escape: text %q, %d hits, chosen %q", p.Entry().Text, len(p.Hits()), p.Chosen())
	}
}

func TestHighlightStateRoundTrip(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Fixture(t)
	p := New(c)
	test.NewTempWindow(t, p.Object())
	if len(a.Entities().Entities) < 2 {
		t.Fatal("the fixture needs two entities")
	}
	x, y := a.Entities().Entities[0].ID, a.Entities().Entities[1].ID
	if _, on := p.HighlightState(); len(on) != 0 {
		t.Errorf("before any toggle the state names %d entities, want none (defaults are not saved)", len(on))
	}
	p.SetHighlighted(x, false)
	p.SetHighlighted(y, true)
	all, on := p.HighlightState()
	if !all || on[x] || !on[y] || len(on) != 2 {
		t.Fatalf("HighlightState = %v, %v; want only the two toggled entities", all, on)
	}
	on[x] = true // a copy: changing it changes nothing
	if p.Highlighted(x) {
		t.Error("HighlightState returned the panel's own map")
	}

	other := New(c)
	other.SetHighlightState(false, map[string]bool{x: false, y: true, "no-such-entity": true})
	if other.Highlighted(y) {
		t.Error("the master switch off must hide every entity")
	}
	other.SetHighlightState(true, map[string]bool{x: false, y: true})
	if other.Highlighted(x) || !other.Highlighted(y) {
		t.Errorf("restored toggles: x %v, y %v; want off, on", other.Highlighted(x), other.Highlighted(y))
	}
	if other.ChooseEntity("no-such-entity") {
		t.Error("ChooseEntity accepted an unknown ID")
	}
	if !other.ChooseEntity(x) || other.Chosen() != x {
		t.Errorf("ChooseEntity(%s): chosen %q", x, other.Chosen())
	}
}

// A much-mentioned entity is shown as chosen at once and its mentions are
// listed when gathered in the background; a list that comes after another
// entity was chosen is dropped.
func TestManyMentionsListedInTheBackground(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 700))
	pmu, qaim := a.Entities().EntityOf("PMU"), a.Entities().EntityOf("al-Qaim")
	p.asyncFrom = 30 // the PMU's 58 mentions go to the background, al-Qaim's 23 do not
	listed := make(chan string, 4)
	p.afterList = func() { listed <- p.Chosen() }
	hold := make(chan struct{})
	var started atomic.Int32
	p.beforeList = func() { started.Add(1); <-hold }
	if !p.ChooseEntity(pmu.ID) {
		t.Fatal("ChooseEntity refused the PMU")
	}
	p.ChooseEntity(pmu.ID) // typing on in the name: the listing under way goes on
	if p.Chosen() != pmu.ID || !strings.Contains(p.caption.Text, "listing 58 mentions") {
		t.Errorf("at once: chosen %q, caption %q", p.Chosen(), p.caption.Text)
	}
	if len(p.Groups()) != 0 {
		t.Error("another entity's mentions are still listed")
	}
	close(hold)
	select {
	case id := <-listed:
		if id != pmu.ID {
			t.Fatalf("listed %q", id)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the PMU's mentions were never listed")
	}
	if n := started.Load(); n != 1 {
		t.Errorf("the PMU's mentions were gathered %d times", n)
	}
	total := 0
	for _, g := range p.Groups() {
		total += g.Mentions
	}
	if total != len(pmu.Mentions) || !strings.Contains(p.caption.Text, "58 mentions in 5 documents") {
		t.Errorf("listed %d of %d mentions; caption %q", total, len(pmu.Mentions), p.caption.Text)
	}

	// Chosen again: kept, listed at once. Another entity chosen while a
	// list is on its way wins.
	p.ChooseEntity(qaim.ID)
	p.listed = nil // forget the PMU's list
	hold2, started2 := make(chan struct{}), make(chan struct{})
	p.beforeList = func() { close(started2); <-hold2 }
	p.ChooseEntity(pmu.ID)
	<-started2
	p.ChooseEntity(qaim.ID) // synchronous: 23 mentions
	close(hold2)
	select {
	case id := <-listed:
		t.Errorf("a stale list was shown for %q", id)
	case <-time.After(300 * time.Millisecond):
	}
	if p.Chosen() != qaim.ID || len(p.Groups()) == 0 || p.Groups()[0].Mentions == 0 || !strings.Contains(p.caption.Text, "al-Qaim") {
		t.Errorf("after choosing al-Qaim last: chosen %q, caption %q", p.Chosen(), p.caption.Text)
	}
}

// Typing with a typo, backspacing it and typing on lists at every
// keystroke what a one-shot search of the field's text finds: the panel's
// search session narrows and backs up without changing any answer.
func TestBackspacesListWhatAOneShotSearchFinds(t *testing.T) {
	test.NewTempApp(t)
	c, a := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p := New(c)
	test.NewTempWindow(t, p.Object())
	check := func() {
		t.Helper()
		q := strings.TrimSpace(p.Entry().Text)
		want := a.Search().Entities(q, maxHits)
		got := p.Hits()
		if len(got) != len(want) {
			t.Fatalf("%q: %d hits listed, a one-shot search finds %d", q, len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID || got[i].Form != want[i].Form || got[i].Score != want[i].Score {
				t.Fatalf("%q: hit %d is %s (%q), a one-shot search has %s (%q)", q, i, got[i].Name, got[i].Form, want[i].Name, want[i].Form)
			}
		}
	}
	for _, r := range "solei" {
		test.Type(p.Entry(), string(r))
		check()
	}
	test.Type(p.Entry(), "k") // a typo
	check()
	for range 3 {
		p.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		check()
	}
	for _, r := range "eimani" {
		test.Type(p.Entry(), string(r))
		check()
	}
	if h := p.Hits(); len(h) == 0 || !strings.Contains(h[0].Name, "Soleimani") {
		t.Errorf("soleimani: best hit %+v", h)
	}
}
