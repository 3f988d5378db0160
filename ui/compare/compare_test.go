package compare

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// doc makes a document of made-up text.
func doc(path, outlet, date, title, text string) *document.Document {
	d := &document.Document{Path: path, Format: document.FormatText, Text: text}
	d.Meta.Outlet.Value = outlet
	d.Meta.Date.Value = date
	d.Meta.Title.Value = title
	return d
}

// filler returns n sentences of made-up text.
func filler(n int) string {
	return strings.Repeat("Officials on both sides gave their own account of the night and of what came after it. ", n)
}

func setup(t *testing.T) (*View, *state.Controller, []*document.Document) {
	t.Helper()
	test.NewTempApp(t)
	ctrl := state.New()
	v := New(ctrl)
	w := test.NewTempWindow(t, v.Object())
	w.Resize(fyne.NewSize(1000, 600))
	shared := "the two towns face each other across the river crossing"
	docs := []*document.Document{
		doc("a.txt", "North Wire", "2024-03-01", "Crossing reopens", "First report. "+filler(30)+shared+". "+filler(10)),
		doc("b.txt", "South Ledger", "2024-03-02T09:15", "Guards return to the crossing", filler(5)+"As they say, "+shared+". "+filler(40)),
		doc("c.txt", "", "", "", "An undated note without an outlet."),
	}
	ctrl.SetProject(&state.Project{Dir: "/tmp/x", Docs: docs, Stance: func(d *document.Document) string {
		if d.Path == "a.txt" {
			return "critical"
		}
		return ""
	}})
	return v, ctrl, docs
}

func TestOpenTwoShowsHeaders(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	panes := v.Panes()
	if len(panes) != 2 {
		t.Fatalf("%d panes, want 2", len(panes))
	}
	tests := []struct {
		pane                  int
		outlet, detail, title string
	}{
		{0, "North Wire", "2024-03-01  ·  critical", "Crossing reopens"},
		{1, "South Ledger", "2024-03-02 09:15", "Guards return to the crossing"},
	}
	for _, tc := range tests {
		o, d, ti := panes[tc.pane].Header()
		if o != tc.outlet || !strings.HasPrefix(d, tc.detail) || ti != tc.title {
			t.Errorf("pane %d header = %q | %q | %q", tc.pane, o, d, ti)
		}
	}
	if got := ctrl.OpenDocs(); len(got) != 2 || got[0] != docs[0] {
		t.Errorf("controller open docs = %v", got)
	}
	if ctrl.Focused() != docs[0] {
		t.Errorf("focused = %v, want the first document", ctrl.Focused())
	}
	// Unknown values say so rather than show nothing.
	ctrl.Open(docs[2])
	o, d, ti := v.Panes()[0].Header()
	if o != "Unknown outlet" || !strings.HasPrefix(d, "no date") || ti != "c.txt" {
		t.Errorf("header of a bare document = %q | %q | %q", o, d, ti)
	}
}

func TestSwapAndClosePanes(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs...)
	p := v.Panes()
	v.Move(p[0], 1)
	if got := v.Docs(); got[0] != docs[1] || got[1] != docs[0] || got[2] != docs[2] {
		t.Fatalf("after moving the first pane right: %v", paths(got))
	}
	v.Move(p[0], 5) // out of range: nothing happens
	v.Close(p[1])
	if got := paths(v.Docs()); strings.Join(got, ",") != "a.txt,c.txt" {
		t.Fatalf("after closing b: %v", got)
	}
	if got := paths(ctrl.OpenDocs()); len(got) != 2 {
		t.Errorf("controller not told: %v", got)
	}
	v.Close(v.Panes()[0])
	v.Close(v.Panes()[0])
	if len(v.Panes()) != 0 || v.content != v.empty {
		t.Error("closing every pane does not show the empty state")
	}
}

func TestAtMostFourPanes(t *testing.T) {
	v, ctrl, docs := setup(t)
	extra := []*document.Document{doc("d.txt", "", "", "", "d"), doc("e.txt", "", "", "", "e")}
	ctrl.Open(append(docs, extra...)...)
	if n := len(v.Panes()); n != MaxPanes {
		t.Errorf("%d panes, want %d", n, MaxPanes)
	}
	// Revealing a document not open adds it, the oldest pane gives way.
	ctrl.Reveal(extra[1], document.Span{Start: 0, End: 1})
	got := paths(v.Docs())
	if len(got) != MaxPanes || got[MaxPanes-1] != "e.txt" || got[0] == "a.txt" {
		t.Errorf("after Reveal of a fifth document: %v", got)
	}
	if v.Focused().Doc() != extra[1] {
		t.Error("the revealed document's pane is not focused")
	}
}

func TestPassageClickScrollsCounterpart(t *testing.T) {
	v, ctrl, docs := setup(t)
	shared := "the two towns face each other"
	a, b := docs[0], docs[1]
	sa := strings.Index(a.Text, shared)
	sb := strings.Index(b.Text, shared)
	ctrl.SetPassages(func(open []*document.Document) []state.SharedPassage {
		return []state.SharedPassage{{ID: "p1", DocA: a, DocB: b,
			A: document.Span{Start: sa, End: sa + len(shared)}, B: document.Span{Start: sb, End: sb + len(shared)}}}
	})
	ctrl.Open(a, b)
	pa, pb := v.Panes()[0], v.Panes()[1]
	if !hasKind(pa.Text().Layer(LayerPassages), textview.Passage) || !hasKind(pb.Text().Layer(LayerPassages), textview.Passage) {
		t.Fatal("passages not marked in both panes")
	}
	// b's counterpart is near its top; scroll b away first.
	pb.ScrollToOffset(len(b.Text) - 1)
	if pb.Text().OffsetVisible(sb) {
		t.Fatal("test setup: passage still visible in b")
	}
	h, ok := pa.Text().HighlightAt(sa + 3)
	if !ok || h.ID != "p1" {
		t.Fatalf("HighlightAt in a = %+v %v", h, ok)
	}
	pa.Text().OnHighlightTapped(h)
	if !pb.Text().OffsetVisible(sb) {
		t.Error("clicking the passage in a did not scroll b to its counterpart")
	}
	if f := pb.Text().LastFlash(); f.Start != sb {
		t.Errorf("b flashed %+v, want the counterpart at %d", f, sb)
	}
	// And back the other way.
	pa.ScrollToOffset(len(a.Text) - 1)
	pb.Text().OnHighlightTapped(h)
	if !pa.Text().OffsetVisible(sa) {
		t.Error("clicking the passage in b did not scroll a")
	}
	// Hiding highlights removes the marks; showing brings them back.
	v.SetHighlightsShown(false)
	if len(pa.Text().Layer(LayerPassages)) != 0 {
		t.Error("passages still marked with highlights hidden")
	}
	v.SetHighlightsShown(true)
	if len(pa.Text().Layer(LayerPassages)) == 0 {
		t.Error("passages not marked again")
	}
}

func TestHighlightLayerFromController(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	ctrl.SetHighlightLayer("entities", func(d *document.Document) []textview.Highlight {
		i := strings.Index(d.Text, "Officials")
		return []textview.Highlight{{Start: i, End: i + 9, Kind: textview.Entity, ColorIndex: 2, ID: "officials"}}
	})
	for _, p := range v.Panes() {
		if hs := p.Text().Layer("entities"); len(hs) != 1 || hs[0].ID != "officials" {
			t.Errorf("pane %s entities = %+v", p.Doc().Path, hs)
		}
	}
	ctrl.SetHighlightLayer("entities", nil)
	for _, p := range v.Panes() {
		if hs := p.Text().Layer("entities"); len(hs) != 0 {
			t.Errorf("pane %s kept entities after the layer was removed", p.Doc().Path)
		}
	}
}

func TestFindBarNextPrevious(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	v.Focus(v.Panes()[1])
	v.ShowFind()
	fb := v.FindBar()
	if !fb.Visible() {
		t.Fatal("find bar hidden after ShowFind")
	}
	fb.SetQuery("OFFICIALS")
	want := strings.Count(docs[1].Text, "Officials")
	if got := fb.Status(); got != "1 of "+itoa(want) {
		t.Errorf("status = %q, want 1 of %d", got, want)
	}
	fb.Next()
	if got := fb.Status(); got != "2 of "+itoa(want) {
		t.Errorf("after Next: %q", got)
	}
	fb.Previous()
	fb.Previous()
	if got := fb.Status(); got != itoa(want)+" of "+itoa(want) {
		t.Errorf("after Previous twice (wrapping): %q", got)
	}
	if cur, _ := v.Panes()[0].Text().FindState(); cur != -1 {
		t.Error("find ran in the pane without focus")
	}
	fb.SetQuery("nothing like this")
	if got := fb.Status(); got != "No matches" {
		t.Errorf("status = %q", got)
	}
	fb.Close()
	if fb.Visible() || len(v.Panes()[1].Text().Layer(textview.LayerFind)) != 0 {
		t.Error("closing the bar left it open or left marks")
	}
}

func TestBoilerplateToggleReachesPanes(t *testing.T) {
	v, ctrl, docs := setup(t)
	docs[0].Boilerplate = []document.Span{{Start: 0, End: 14}}
	ctrl.Open(docs[0], docs[1])
	v.SetBoilerplateHidden(true)
	for _, p := range v.Panes() {
		if !p.Text().BoilerplateHidden() {
			t.Errorf("pane %s shows boilerplate", p.Doc().Path)
		}
	}
	// A pane opened later follows the setting.
	ctrl.Open(docs[2])
	if !v.Panes()[0].Text().BoilerplateHidden() {
		t.Error("new pane ignores the boilerplate setting")
	}
}

func TestRendersCompareView(t *testing.T) {
	test.NewTempApp(t)
	ctrl := state.New()
	v := New(ctrl)
	w := test.NewTempWindow(t, v.Object())
	w.Resize(fyne.NewSize(800, 360))
	test.AssertRendersToMarkup(t, "compare_empty.xml", w.Canvas())
	a := doc("a.txt", "North Wire", "2024-03-01", "Crossing reopens", "The crossing reopened at dawn.\n\nTraders waited on both banks.")
	b := doc("b.txt", "South Ledger", "2024-03-02", "Guards return", "Guards returned to the crossing.\n\nNobody said for how long.")
	ctrl.SetProject(&state.Project{Docs: []*document.Document{a, b}})
	ctrl.Open(a, b)
	v.Panes()[0].SetHighlights([]textview.Highlight{{Start: 4, End: 12, Kind: textview.Entity, ColorIndex: 0, ID: "crossing"}})
	test.AssertRendersToMarkup(t, "compare_two.xml", w.Canvas())
}

func hasKind(hs []textview.Highlight, k textview.Kind) bool {
	for _, h := range hs {
		if h.Kind == k {
			return true
		}
	}
	return false
}

func paths(docs []*document.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Path
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestAnnotateFromPaneHeaderAndContextMenu(t *testing.T) {
	v, ctrl, docs := setup(t)
	var got []*Pane
	v.OnAnnotate = func(p *Pane) { got = append(got, p) }
	ctrl.Open(docs[0], docs[1])
	p := v.Panes()[1]
	// The context menu offers Annotate only with a selection.
	m := p.contextMenu()
	if len(m.Items) != 8 || m.Items[1].Label != "Annotate Selection…" || !m.Items[1].Disabled {
		t.Fatalf("menu without selection = %v", labels(m))
	}
	p.Text().Select(0, 10)
	m = p.contextMenu()
	if m.Items[1].Disabled {
		t.Fatal("Annotate should be enabled with a selection")
	}
	m.Items[1].Action()
	if len(got) != 1 || got[0] != p || v.Focused() != p {
		t.Errorf("OnAnnotate got %v; focused %v", got, v.Focused())
	}
	// Without OnAnnotate the menu has no Annotate entry.
	v.OnAnnotate = nil
	if m := p.contextMenu(); len(m.Items) != 7 || m.Items[1].Label != "" {
		t.Errorf("menu without OnAnnotate = %v", labels(m))
	}
}

func labels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Label)
	}
	return out
}

// The pane's context menu moves and closes the pane too (its header drops
// those buttons when narrow); moving is disabled at either end.
func TestPaneContextMenuMovesAndCloses(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	item := func(p *Pane, label string) *fyne.MenuItem {
		for _, it := range p.contextMenu().Items {
			if it.Label == label {
				return it
			}
		}
		t.Fatalf("no %q in %v", label, labels(p.contextMenu()))
		return nil
	}
	first := v.Panes()[0]
	if !item(first, "Move Pane Left").Disabled || item(first, "Move Pane Right").Disabled {
		t.Error("the first pane should move right only")
	}
	item(first, "Move Pane Right").Action()
	if v.Panes()[1] != first {
		t.Fatal("Move Pane Right did not move the first pane")
	}
	item(first, "Close Pane").Action()
	if len(v.Panes()) != 1 || v.Panes()[0].Doc() != docs[1] {
		t.Errorf("after Close Pane: %d panes", len(v.Panes()))
	}
}

// A narrow pane header drops the move buttons before the close button,
// keeping room for the outlet; a wide one shows them all.
func TestPaneHeaderToolsGiveWay(t *testing.T) {
	lead := widget.NewLabel("Outlet")
	a, b, c := widget.NewButton("<", nil), widget.NewButton(">", nil), widget.NewButton("x", nil)
	row := container.New(&toolsLayout{}, lead, a, b, c)
	bw := a.MinSize().Width
	if min := row.MinSize().Width; min != lead.MinSize().Width+theme.Padding()+c.MinSize().Width {
		t.Errorf("min width %v, want the outlet's and the close button's", min)
	}
	row.Resize(fyne.NewSize(minLead+3*(bw+theme.Padding())+2, 36))
	if !a.Visible() || !b.Visible() || !c.Visible() {
		t.Error("wide: a button is hidden")
	}
	if c.Position().X+c.Size().Width > row.Size().Width || lead.Size().Width < minLead {
		t.Errorf("wide: close at %v, outlet %v wide", c.Position(), lead.Size().Width)
	}
	row.Resize(fyne.NewSize(minLead+bw+theme.Padding()+10, 36))
	if a.Visible() || b.Visible() || !c.Visible() {
		t.Errorf("narrow: visible %v %v %v, want only close", a.Visible(), b.Visible(), c.Visible())
	}
	if lead.Size().Width < minLead {
		t.Errorf("narrow: outlet %v wide", lead.Size().Width)
	}
}

func TestPaneReadingPosition(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	p := v.Panes()[1]
	target := strings.Index(docs[1].Text, "As they say")
	p.SetTopOffset(target)
	top := p.TopOffset()
	if top > target || !p.Text().OffsetVisible(target) {
		t.Errorf("top %d, target %d visible %v", top, target, p.Text().OffsetVisible(target))
	}
	if f := p.ScrollFraction(); f <= 0 || f > 1 {
		t.Errorf("fraction = %v", f)
	}
	p.SetScrollFraction(0)
	if p.TopOffset() != 0 {
		t.Errorf("top after fraction 0 = %d", p.TopOffset())
	}
}

func TestPaneWidths(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs...)
	even := v.PaneWidths()
	if len(even) != 3 || math.Abs(even[0]-1.0/3) > 1e-9 || math.Abs(even[2]-1.0/3) > 1e-9 {
		t.Fatalf("three new panes have widths %v, want a third each", even)
	}
	v.SetPaneWidths([]float64{0.5, 0.3, 0.2})
	got := v.PaneWidths()
	for i, want := range []float64{0.5, 0.3, 0.2} {
		if math.Abs(got[i]-want) > 1e-9 {
			t.Fatalf("widths after setting = %v", got)
		}
	}
	// Widths that do not fit the panes leave the dividers alone.
	v.SetPaneWidths([]float64{0.5, 0.5})
	v.SetPaneWidths([]float64{0.5, 0, 0.5})
	if again := v.PaneWidths(); math.Abs(again[0]-0.5) > 1e-9 || math.Abs(again[1]-0.3) > 1e-9 {
		t.Errorf("bad widths changed the dividers: %v", again)
	}
}

// The pane's menu forces the text's direction and says which one is set;
// the window hears of the change (to save it with the workspace).
func TestPaneDirectionMenu(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	p := v.Panes()[0]
	var changed []*Pane
	v.OnDirectionChanged = func(p *Pane) { changed = append(changed, p) }
	sub := func() *fyne.Menu {
		for _, it := range p.contextMenu().Items {
			if it.Label == "Text Direction" {
				return it.ChildMenu
			}
		}
		t.Fatalf("no Text Direction in %v", labels(p.contextMenu()))
		return nil
	}
	if m := sub(); !m.Items[0].Checked || m.Items[2].Checked {
		t.Errorf("a new pane's direction is not Automatic: %v", labels(m))
	}
	sub().Items[2].Action()
	if p.Direction() != textdir.RTL || p.Text().Direction() != textdir.RTL {
		t.Errorf("after Right to Left: %v", p.Direction())
	}
	if len(changed) != 1 || changed[0] != p {
		t.Errorf("OnDirectionChanged got %v", changed)
	}
	if m := sub(); !m.Items[2].Checked || m.Items[0].Checked {
		t.Error("the menu does not check Right to Left")
	}
	sub().Items[0].Action()
	if p.Direction() != textdir.Auto {
		t.Errorf("after Automatic: %v", p.Direction())
	}
}

// An Arabic outlet and title in a pane header are drawn by script labels
// (reading order, the Arabic face), the plain labels hidden; the pane's
// text reads right to left.
func TestArabicPaneHeader(t *testing.T) {
	v, ctrl, _ := setup(t)
	ar := doc("ar.txt", "وكالة أنباء الرافدين", "2026-05-04", "الوزراء يتفقون على تقاسم مياه النهر",
		"قال المتحدث إن الاجتماع عقد في عام 2020 في طهران.")
	ctrl.SetProject(&state.Project{Dir: "/tmp/x", Docs: []*document.Document{ar}, Stance: func(*document.Document) string { return "" }})
	ctrl.Open(ar)
	p := v.Panes()[0]
	if !p.scriptOutlet.Visible() || p.outlet.Visible() || !p.scriptTitle.Visible() || p.title.Visible() {
		t.Fatal("the Arabic outlet and title are not shown by script labels")
	}
	if p.scriptOutlet.Text() != "وكالة أنباء الرافدين" || p.scriptTitle.Text() != ar.Name() {
		t.Errorf("header shows %q / %q", p.scriptOutlet.Text(), p.scriptTitle.Text())
	}
	if outlet, _, title := p.Header(); outlet != "وكالة أنباء الرافدين" || title != ar.Name() {
		t.Errorf("Header() = %q, %q", outlet, title)
	}
	if p.Direction() != textdir.Auto {
		t.Errorf("direction %v", p.Direction())
	}
}

// After the project is replaced by a new snapshot, a pane shows the new
// value of its document (same text, other metadata) and its header says
// so; a document the lookup does not know stays.
func TestRepointShowsNewSnapshot(t *testing.T) {
	v, ctrl, docs := setup(t)
	ctrl.Open(docs[0], docs[1])
	na := *docs[0]
	na.Meta.Outlet.Value = "North Wire Edited"
	v.Repoint(func(path string) *document.Document {
		if path == "a.txt" {
			return &na
		}
		return nil
	})
	panes := v.Panes()
	if panes[0].Doc() != &na || panes[1].Doc() != docs[1] {
		t.Fatalf("panes show %v, %v", panes[0].Doc().Path, panes[1].Doc().Path)
	}
	if o, _, _ := panes[0].Header(); o != "North Wire Edited" {
		t.Errorf("header outlet %q", o)
	}
	if docs[0].Meta.Outlet.Value != "North Wire" {
		t.Error("the old value changed")
	}
}
