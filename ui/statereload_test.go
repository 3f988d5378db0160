package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/ui/aliasreview"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// reloadHarness is a window with the alias review panel, a fake folder
// watcher and every analysis it announces.
type reloadHarness struct {
	w       *Workbench
	dir     string
	aliases *aliasreview.Panel
	fire    chan<- state.Change
	fired   <-chan struct{}
	changed chan *engine.Analysis
}

func newReloadHarness(t *testing.T) *reloadHarness {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": "Talks at the border\n\nMira Holt met Teodor Brask at the border on Monday. Mira Holt said the talks were tense. Teodor Brask denied any deal.",
		"b.txt": "Border talks stall\n\nTeodor Brask and Mira Holt spoke for an hour. Holt called the talks tense, and Brask left early.",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fake, fire, fired := fakeWatcher()
	analysed := make(chan *engine.Analysis, 4)
	w, done := newWorkbenchWith(t, func(o *Options) {
		o.Loader, o.Watch, o.Analyse = backend.Load, fake, backend.Analyse
		o.OnAnalysed = func(a *engine.Analysis, err error) {
			if err != nil {
				t.Errorf("analysis: %v", err)
			}
			analysed <- a
		}
	})
	h := &reloadHarness{w: w, dir: dir, fire: fire, fired: fired, changed: make(chan *engine.Analysis, 16)}
	h.aliases = aliasreview.New(w.Controller())
	w.AddPanel(h.aliases.Panel())
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	waitAnalysis(t, analysed)
	w.Controller().OnAnalysisChanged(func(a *engine.Analysis) { h.changed <- a })
	return h
}

// stateChanged reports state files changed on disk, as the watcher does.
func (h *reloadHarness) stateChanged(files ...string) {
	h.fire <- state.Change{State: files}
	<-h.fired
}

// onMain runs f on the main goroutine and waits for it.
func onMain(f func()) { fyne.DoAndWait(f) }

// quiet fails when the window announces another analysis within a while.
func (h *reloadHarness) quiet(t *testing.T, why string) {
	t.Helper()
	select {
	case a := <-h.changed:
		t.Errorf("%s: another analysis was announced (%d entities)", why, len(a.Entities().Entities))
	case <-time.After(time.Second):
	}
}

func entityWith(a *engine.Analysis, form string) *alias.Entity {
	return a.Entities().EntityOf(form)
}

func TestAliasDecisionsChangedOnDiskRegroup(t *testing.T) {
	h := newReloadHarness(t)
	var first *engine.Analysis
	onMain(func() { first = h.w.Controller().Analysis() })
	holt, brask := entityWith(first, "Mira Holt"), entityWith(first, "Teodor Brask")
	if holt == nil || brask == nil || holt.ID == brask.ID {
		t.Fatalf("test data: want two entities, got %v and %v", holt, brask)
	}

	// Another writer (a second window, or parallax-cli) merges them.
	dec, err := alias.LoadDecisions(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	dec.Merge("Mira Holt", "Teodor Brask")
	if err := dec.Save(h.dir); err != nil {
		t.Fatal(err)
	}
	h.stateChanged(alias.DecisionsFile)
	var next *engine.Analysis
	select {
	case next = <-h.changed:
	case <-time.After(20 * time.Second):
		t.Fatal("the window did not regroup after aliases.json changed on disk")
	}
	if got, want := len(next.Entities().Entities), len(first.Entities().Entities)-1; got != want {
		t.Errorf("entities after the merge on disk = %d, want %d", got, want)
	}
	if a, b := entityWith(next, "Mira Holt"), entityWith(next, "Teodor Brask"); a == nil || b == nil || a.ID != b.ID {
		t.Error("the merge read from disk was not applied")
	}
	var status string
	onMain(func() { status = h.w.status.Text })
	if !strings.Contains(status, "Alias decisions changed elsewhere (another window or analyst): regrouped") {
		t.Errorf("status = %q", status)
	}

	// The same file reported again (or touched without a change): nothing.
	h.stateChanged(alias.DecisionsFile)
	h.quiet(t, "an unchanged aliases.json")

	// The window's own decision: saved, regrouped once; the watcher then
	// reports the window's own save, which changes nothing. (The test
	// driver runs fyne.Do inline, on no main goroutine: a report that comes
	// while the regroup runs cannot be simulated without a data race, so
	// it comes after.)
	onMain(func() { h.aliases.Rename("Mira Holt", "The two envoys") })
	select {
	case next = <-h.changed:
	case <-time.After(20 * time.Second):
		t.Fatal("the window's own decision did not regroup")
	}
	h.stateChanged(alias.DecisionsFile)
	h.quiet(t, "the window's own save")
	if e := entityWith(next, "Teodor Brask"); e == nil || e.Name != "The two envoys" {
		t.Errorf("the window's own rename was not applied: %+v", e)
	}
}

func TestProjectLexiconChangedOnDiskRecomputesTerms(t *testing.T) {
	h := newReloadHarness(t)
	var first *engine.Analysis
	onMain(func() { first = h.w.Controller().Analysis() })
	if n := occurrences(first, "tense"); n != 0 {
		t.Fatalf("test data: “tense” is a shipped term already (%d)", n)
	}

	// Another writer adds a term to the project lexicon.
	if _, err := framing.AddProjectTerm(h.dir, framing.Entry{Term: "tense", Category: "project"}); err != nil {
		t.Fatal(err)
	}
	h.stateChanged(framing.ProjectLexicon)
	var next *engine.Analysis
	select {
	case next = <-h.changed:
	case <-time.After(20 * time.Second):
		t.Fatal("the window did not recompute the framing after lexicon.tsv changed on disk")
	}
	if n := occurrences(next, "tense"); n != 2 {
		t.Errorf("occurrences of the new term = %d, want 2", n)
	}
	var status string
	onMain(func() { status = h.w.status.Text })
	if !strings.Contains(status, "lexicon changed elsewhere") {
		t.Errorf("status = %q", status)
	}
	// Reported again, unchanged: nothing.
	h.stateChanged(framing.ProjectLexicon)
	h.quiet(t, "an unchanged lexicon")
}

func TestProjectAliasesChangedOnDiskOfferReload(t *testing.T) {
	h := newReloadHarness(t)
	h.stateChanged(entity.ProjectAliasesFile)
	var visible bool
	var msg string
	onMain(func() { visible, msg = h.w.changeBox.Visible(), h.w.changeMsg.Text })
	if !visible || !strings.Contains(msg, "aliases.tsv") {
		t.Errorf("aliases.tsv changed: reload bar visible=%v %q", visible, msg)
	}
	h.quiet(t, "aliases.tsv changed")
}

// occurrences counts the framing's matches of term in every document.
func occurrences(a *engine.Analysis, term string) int {
	n := 0
	for _, d := range a.Framing().Documents {
		for _, o := range d.Occurrences {
			if o.Term == term {
				n++
			}
		}
	}
	return n
}
