package aliasreview

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// extra are two made-up notes added to the sample project: one spells a
// country "Marvania", the other calls its delegation "Marvanian", which the
// grouping suggests merging without being sure.
var extra = map[string]string{
	"extra/note_a.txt": "Envoys meet again\n\nOfficials from Marvania met observers at the border on Monday and said the talks would go on.\n",
	"extra/note_b.txt": "Delegation returns\n\nThe Marvanian delegation returned from the border on Tuesday without a statement.\n",
}

// setup opens a copy of the sample project with the extra notes.
func setup(t *testing.T) (string, *state.Controller, *Panel, fyne.Window, chan *engine.Analysis) {
	t.Helper()
	return setupWith(t, extra)
}

// setupWith opens a copy of the sample project with files added (nil for
// none) in the panel, which reports each regrouped analysis on the channel.
func setupWith(t *testing.T, added map[string]string) (string, *state.Controller, *Panel, fyne.Window, chan *engine.Analysis) {
	t.Helper()
	test.NewTempApp(t)
	dir := paneltest.SampleCopy(t, added)
	c, _ := paneltest.Analysed(t, dir)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(440, 820))
	got := make(chan *engine.Analysis, 4)
	p.afterRegroup = func() { got <- c.Analysis() }
	return dir, c, p, w, got
}

// next waits for the regrouped analysis.
func next(t *testing.T, got chan *engine.Analysis) *engine.Analysis {
	t.Helper()
	select {
	case a := <-got:
		return a
	case <-time.After(30 * time.Second):
		t.Fatal("no regrouped analysis")
	}
	return nil
}

func decisions(t *testing.T, dir string) *alias.Decisions {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(alias.DecisionsFile)))
	if err != nil {
		t.Fatalf("aliases.json: %v", err)
	}
	var d alias.Decisions
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("aliases.json: %v", err)
	}
	return &d
}

func TestAcceptSuggestion(t *testing.T) {
	dir, c, p, w, got := setup(t)
	before := len(c.Analysis().Entities().Entities)
	idx := -1
	for i, s := range p.Suggestions() {
		if s.AName+s.BName == "MarvaniaMarvanian" || s.AName+s.BName == "MarvanianMarvania" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("no Marvania suggestion among %+v", p.Suggestions())
	}
	if idx != 0 {
		t.Skipf("the suggestion is not the first row (%d)", idx)
	}
	accept := paneltest.Buttons(w.Content(), "Accept")
	if len(accept) == 0 {
		t.Fatal("no Accept button shown")
	}
	test.Tap(accept[0])
	a := next(t, got)
	if n := len(a.Entities().Entities); n != before-1 {
		t.Errorf("%d entities after accepting, want %d", n, before-1)
	}
	if a.Entities().EntityOf("Marvania") != a.Entities().EntityOf("Marvanian") {
		t.Error("the two forms are still apart")
	}
	if c.Analysis() != a {
		t.Error("the controller does not hold the regrouped analysis")
	}
	for _, s := range p.Suggestions() {
		if s.FormA == "Marvania" || s.FormB == "Marvania" {
			t.Error("the accepted suggestion is still listed")
		}
	}
	if d := decisions(t, dir); len(d.Merges) != 1 {
		t.Errorf("aliases.json merges: %+v", d.Merges)
	}
	if !strings.Contains(p.Status(), "saved") {
		t.Errorf("status %q", p.Status())
	}
}

// On the sample project as it is, the review offers "Washington" as a name
// of the United States (a capital in the documents naming its country);
// accepting it through the row's Accept button joins them, and the United
// States keeps its name with Washington among its spellings.
func TestAcceptCapitalOnSample(t *testing.T) {
	dir, _, p, w, got := setupWith(t, nil)
	idx := -1
	for i, s := range p.Suggestions() {
		if s.Reason == alias.ReasonCapital && s.AName+"|"+s.BName == "United States|Washington, D.C." && s.FormB == "Washington" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("no Washington suggestion among %+v", p.Suggestions())
	}
	accept := paneltest.Buttons(w.Content(), "Accept")
	if len(accept) != len(p.Suggestions()) {
		t.Fatalf("%d Accept buttons for %d suggestions", len(accept), len(p.Suggestions()))
	}
	test.Tap(accept[idx])
	a := next(t, got)
	us := a.Entities().EntityOf("Washington")
	if us == nil || us != a.Entities().EntityOf("U.S.") || us.Name != "United States" {
		t.Fatalf("after accepting: Washington is in %+v", us)
	}
	if d := decisions(t, dir); len(d.Merges) != 1 {
		t.Errorf("aliases.json merges: %+v", d.Merges)
	}
	for _, s := range p.Suggestions() {
		if s.BName == "Washington, D.C." {
			t.Error("the accepted suggestion is still listed")
		}
	}
}

func TestRejectMergeSplitRename(t *testing.T) {
	dir, c, p, _, got := setup(t)
	if len(p.Suggestions()) == 0 {
		t.Fatal("no suggestions")
	}
	p.Reject(0)
	a := next(t, got)
	if len(decisions(t, dir).Rejects) != 1 || len(a.Entities().Suggestions) != len(c.Analysis().Entities().Suggestions) {
		t.Error("rejection not saved")
	}

	// Split "Soleimani" out of Qassem Soleimani.
	qs := a.Entities().EntityOf("Qassem Soleimani")
	if qs == nil || a.Entities().EntityOf("Soleimani") != qs {
		t.Fatal("the sample groups Soleimani with Qassem Soleimani")
	}
	p.SelectEntity(qs)
	splits := paneltest.Buttons(p.Object(), "Split out")
	if len(splits) < 2 {
		t.Fatalf("%d split buttons", len(splits))
	}
	p.Split("Soleimani")
	a = next(t, got)
	if a.Entities().EntityOf("Soleimani") == a.Entities().EntityOf("Qassem Soleimani") {
		t.Error("split not applied")
	}

	// Merge them again by hand, then rename.
	p.Merge("Soleimani", "Qassem Soleimani")
	a = next(t, got)
	if a.Entities().EntityOf("Soleimani") != a.Entities().EntityOf("Qassem Soleimani") {
		t.Error("manual merge not applied")
	}
	p.Rename("Qassem Soleimani", "Qasem Soleimani (IRGC)")
	a = next(t, got)
	if e := a.Entities().EntityOf("Soleimani"); e == nil || e.Name != "Qasem Soleimani (IRGC)" {
		t.Errorf("rename: %+v", e)
	}
	if p.Selected() == nil || p.Selected().Name != "Qasem Soleimani (IRGC)" {
		t.Errorf("the editor shows %+v after renaming", p.Selected())
	}
	d := decisions(t, dir)
	if len(d.Splits) != 1 || len(d.Merges) != 1 || len(d.Renames) != 1 {
		t.Errorf("aliases.json: %+v", d)
	}
}

func TestManualMergeThroughFields(t *testing.T) {
	_, _, p, w, got := setup(t)
	test.Type(p.Filter(), "bukamal")
	if len(p.Entities()) == 0 || p.Entities()[0].Name != "al Bukamal" {
		t.Fatalf("filter bukamal: %v", p.Entities())
	}
	p.entList.Select(0)
	if p.Selected() == nil {
		t.Fatal("no entity selected")
	}
	w.Canvas().Focus(p.mergeE)
	test.Type(p.mergeE, "al-Qaim")
	test.Tap(p.mergeB)
	a := next(t, got)
	if a.Entities().EntityOf("al Bukamal") != a.Entities().EntityOf("al-Qaim") {
		t.Error("the merge typed in the field was not applied")
	}
}

func TestEmptyStates(t *testing.T) {
	test.NewTempApp(t)
	c := state.New()
	p := New(c)
	test.NewTempWindow(t, p.Object())
	if p.sugEmpty.Text != "No project open." {
		t.Errorf("empty state without a project %q", p.sugEmpty.Text)
	}
	c.SetProject(&state.Project{Dir: t.TempDir()})
	if p.sugEmpty.Text != "Analysing…" || p.entEmpty.Text != "Analysing…" {
		t.Errorf("empty states before the analysis %q, %q", p.sugEmpty.Text, p.entEmpty.Text)
	}
	c2, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p2 := New(c2)
	if len(p2.Suggestions()) == 0 && p2.sugEmpty.Text != "No suggestions" {
		t.Errorf("empty state %q", p2.sugEmpty.Text)
	}
}

func TestRendersAliasReview(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Fixture(t)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 720))
	if len(p.Suggestions()) != 1 {
		t.Fatalf("fixture suggestions: %+v", p.Suggestions())
	}
	p.sugList.Select(0)
	paneltest.Snapshot(t, w.Canvas(), "aliases")
	test.AssertRendersToMarkup(t, "aliases_small.xml", w.Canvas())
}

// A regrouped analysis is announced like the window's own: the panels'
// OnAnalysisPrepare functions run with the regrouped copy before it is
// announced, and what they return is installed just before the listeners
// hear of it.
func TestRegroupRunsPreparers(t *testing.T) {
	_, c, p, _, got := setup(t)
	base := c.Analysis()
	var prepared []*engine.Analysis // written in the regroup goroutine, read after next()
	var applied *engine.Analysis
	c.OnAnalysisPrepare(func(a *engine.Analysis) func() {
		prepared = append(prepared, a)
		return func() { applied = a }
	})
	c.OnAnalysisPrepare(func(*engine.Analysis) func() { return nil }) // nothing to apply
	var heardAfterApply bool
	c.OnAnalysisChanged(func(a *engine.Analysis) { heardAfterApply = applied == a && a != nil })

	p.Reject(0)
	a := next(t, got)
	if a == base {
		t.Fatal("the analysis was not replaced")
	}
	if len(prepared) != 1 || prepared[0] != a {
		t.Fatalf("preparers saw %v, want the regrouped analysis %p once", prepared, a)
	}
	if !heardAfterApply {
		t.Error("the listeners heard of the regrouped analysis before its preparation was installed")
	}
}

// A regroup whose base was replaced meanwhile installs none of its
// preparations and announces nothing.
func TestStaleRegroupInstallsNothing(t *testing.T) {
	_, c, p, _, _ := setup(t)
	current := c.Analysis()
	installed := false
	p.regrouped(&engine.Analysis{}, &engine.Analysis{}, []func(){func() { installed = true }}, "Merged", nil)
	if c.Analysis() != current {
		t.Error("a regroup of a replaced analysis was announced")
	}
	if installed {
		t.Error("a regroup of a replaced analysis installed its preparation")
	}
	if !strings.Contains(p.Status(), "applies to the new analysis") {
		t.Errorf("status %q", p.Status())
	}
}
