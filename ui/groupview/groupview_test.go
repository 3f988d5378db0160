package groupview

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// newTestView builds the panel on the fixture with background work run
// inline, in a window of a usual size.
func newTestView(t *testing.T) (*View, *state.Controller, *engine.Analysis) {
	t.Helper()
	test.NewTempApp(t)
	c, a := paneltest.Fixture(t)
	v := newView(c, func(f func()) { f() })
	w := test.NewTempWindow(t, v.Panel().Content)
	w.Resize(fyne.NewSize(1000, 400))
	return v, c, a
}

func TestFallsBackToOutletsWithoutStances(t *testing.T) {
	v, _, _ := newTestView(t)
	if v.res == nil || v.res.by != engine.ByOutlet {
		t.Fatalf("shown %+v, want the outlets (the fixture has no stance)", v.res)
	}
	if got := strings.Join(v.groupSel.Options, "|"); got != "Harbor Wire (2)|Ridge Daily (1)|Valley Post (1)" {
		t.Errorf("groups %q", got)
	}
	if v.empty.Visible() {
		t.Errorf("empty hint shown: %q", v.empty.Text)
	}
	if !strings.Contains(strings.Join(v.bySel.Options, ","), "stance") {
		t.Errorf("groupings %v", v.bySel.Options)
	}
}

func TestTermsRevealAndBlindSpots(t *testing.T) {
	v, c, _ := newTestView(t)
	var reqs []state.Request
	c.OnRequest(func(r state.Request) { reqs = append(reqs, r) })
	v.groupSel.SetSelectedIndex(0) // Harbor Wire
	dg, g := v.groupView()
	if dg == nil || len(dg.Terms) == 0 {
		t.Fatal("no distinctive terms for Harbor Wire")
	}
	found := -1
	for i, term := range dg.Terms {
		if term.Term == "arno pelt" {
			found = i
		}
	}
	if found < 0 || v.termCount() != len(dg.Terms) {
		t.Fatalf("terms %v lack arno pelt", dg.Terms)
	}
	v.terms.Select(found)
	v.terms.Select(found)
	if len(reqs) != 2 || reqs[0].Reveal == nil || reqs[1].Reveal == nil {
		t.Fatalf("requests %+v", reqs)
	}
	d0, s0 := reqs[0].Docs[0], *reqs[0].Reveal
	d1, s1 := reqs[1].Docs[0], *reqs[1].Reveal
	if !strings.EqualFold(d0.Text[s0.Start:s0.End], "Arno Pelt") || (d0 == d1 && s0 == s1) {
		t.Errorf("revealed %q then %q: each click should step on", d0.Text[s0.Start:s0.End], d1.Text[s1.Start:s1.End])
	}
	// blind spots: Arno Pelt is only Harbor Wire's
	names := ""
	for _, e := range g.Entities {
		names += e.Name + ";"
	}
	if !strings.Contains(names, "Arno Pelt") || strings.Contains(names, "Marvania") {
		t.Errorf("Harbor Wire's blind spots %q", names)
	}
	reqs = nil
	for i, e := range g.Entities {
		if e.Name == "Arno Pelt" {
			v.blind.Select(i)
		}
	}
	if len(reqs) != 1 || reqs[0].Reveal == nil || reqs[0].Docs[0].Meta.Outlet.Value != "Harbor Wire" {
		t.Errorf("reveal of a blind spot %+v", reqs)
	}
	if !strings.Contains(v.naming.Text, "Marvania") {
		t.Errorf("naming %q", v.naming.Text)
	}
}

func TestStanceGroupingAndLexicon(t *testing.T) {
	v, c, a := newTestView(t)
	// Stances are set as the source panel sets them: a new project
	// snapshot, and the analysis of it.
	ep, err := a.Project().EditOverrides(func(ov *sourcemeta.Overrides) error {
		for outlet, label := range map[string]string{"Harbor Wire": "supportive", "Ridge Daily": "critical", "Valley Post": "critical"} {
			if err := ov.SetOutletStance(outlet, label); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if a, err = a.WithProject(context.Background(), ep); err != nil {
		t.Fatal(err)
	}
	c.SetAnalysis(a)
	v.bySel.SetSelected(engine.ByStance)
	if v.res.by != engine.ByStance || len(v.res.cmp.Groups) != 2 {
		t.Fatalf("by stance: %+v", v.res.cmp.Groups)
	}
	v.groupSel.SetSelectedIndex(1) // supportive
	dg, _ := v.groupView()
	if dg == nil || dg.Group != "supportive" || len(dg.Terms) == 0 {
		t.Fatalf("supportive: %+v", dg)
	}
	term := dg.Terms[0].Term
	v.addToLexicon(term, "", "test")
	data, err := os.ReadFile(filepath.Join(a.Project().Dir(), ".parallax", "lexicon.tsv"))
	if err != nil || !strings.Contains(string(data), term+"\tproject") {
		t.Fatalf("lexicon %q, %v", data, err)
	}
	if _, g := v.groupView(); g == nil || g.Group != "supportive" || !strings.Contains(v.status.Text, "Added") {
		t.Errorf("after adding: group %+v, status %q (the group shown should stay)", g, v.status.Text)
	}
	next := c.Analysis()
	if next == a || next.Lexicon() == nil || len(next.Lexicon().Find(term)) == 0 {
		t.Error("the analysis was not updated with the new lexicon term")
	}
	v.addToLexicon(term, "", "test")
	if !strings.Contains(v.status.Text, "already") {
		t.Errorf("status %q", v.status.Text)
	}
}

// Without stances the panel starts from the outlets, decided from the
// labels (no comparison by stance first); with two stances, or a grouping
// the analyst picked, it keeps the grouping asked for.
func TestStartGrouping(t *testing.T) {
	_, _, a := newTestView(t)
	withStances, err := a.Project().EditOverrides(func(ov *sourcemeta.Overrides) error {
		for outlet, label := range map[string]string{"Harbor Wire": "supportive", "Ridge Daily": "critical"} {
			if err := ov.SetOutletStance(outlet, label); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.WithProject(context.Background(), withStances)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		a      *engine.Analysis
		by     string
		chosen bool
		want   string
	}{
		{"no stances", a, engine.ByStance, false, engine.ByOutlet},
		{"no stances, stance picked", a, engine.ByStance, true, engine.ByStance},
		{"two stances", b, engine.ByStance, false, engine.ByStance},
		{"outlets asked", b, engine.ByOutlet, false, engine.ByOutlet},
	} {
		if got := startGrouping(c.a, c.by, c.chosen); got != c.want {
			t.Errorf("%s: startGrouping = %q, want %q", c.name, got, c.want)
		}
	}
}

// While the comparison runs in the background (after the analysis is
// shown) the empty panel says so, not that the project is unanalysed;
// the result replaces the hint.
func TestHintWhileComparing(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Fixture(t)
	var pending []func()
	v := newView(c, func(f func()) { pending = append(pending, f) })
	test.NewTempWindow(t, v.Panel().Content)
	if len(pending) != 1 {
		t.Fatalf("%d comparisons started, want 1", len(pending))
	}
	if !v.empty.Visible() || !strings.Contains(v.empty.Text, "Comparing") {
		t.Errorf("while comparing: hint %q (visible %v)", v.empty.Text, v.empty.Visible())
	}
	pending[0]()
	if v.res == nil || v.empty.Visible() {
		t.Errorf("after the comparison: result %v, hint still shown %q", v.res != nil, v.empty.Text)
	}
}
