package textview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// longText builds n paragraphs of made-up prose with a marker word in
// paragraph i written "marker<i>".
func longText(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Paragraph %d opens with marker%d and then runs on for a while so that it wraps "+
			"across several lines of the view when the view is narrow enough to need it.\n\n", i, i)
	}
	return b.String()
}

func newView(t *testing.T, text string, boiler []document.Span) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	v.SetText(text, boiler)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(400, 300))
	return v, w
}

func TestWrapKeepsEveryByteOnce(t *testing.T) {
	text := longText(20)
	v, _ := newView(t, text, nil)
	if v.LineCount() < 40 {
		t.Fatalf("LineCount = %d, want the 20 paragraphs wrapped to many lines", v.LineCount())
	}
	// Lines are in order and cover every non-newline byte of the text.
	covered := 0
	prev := -1
	for _, ln := range v.lines {
		if ln.start < prev {
			t.Fatalf("line %v starts before the previous one", ln)
		}
		prev = ln.end
		covered += ln.end - ln.start
	}
	want := len(text) - strings.Count(text, "\n")
	if covered != want {
		t.Errorf("lines cover %d bytes, want %d", covered, want)
	}
	// No line is wider than the view.
	for _, ln := range v.lines {
		if w := v.measure(strings.TrimRight(text[ln.start:ln.end], " ")); w > v.body.Size().Width {
			t.Errorf("line %q is %.0f wide in a %.0f view", text[ln.start:ln.end], w, v.body.Size().Width)
		}
	}
}

func TestScrollToOffset(t *testing.T) {
	text := longText(200)
	v, _ := newView(t, text, nil)
	target := strings.Index(text, "marker150")
	if v.OffsetVisible(target) {
		t.Fatal("marker150 visible before scrolling")
	}
	v.ScrollToOffset(target)
	if !v.OffsetVisible(target) {
		t.Fatalf("marker150 not visible after ScrollToOffset (top at %d)", v.TopOffset())
	}
	if v.OffsetVisible(0) {
		t.Error("the start is still visible after scrolling far down")
	}
	v.ScrollToOffset(0)
	if !v.OffsetVisible(0) || v.TopOffset() != 0 {
		t.Errorf("back at the start: top = %d", v.TopOffset())
	}
}

func TestResizeKeepsReadingPosition(t *testing.T) {
	text := longText(200)
	v, w := newView(t, text, nil)
	target := strings.Index(text, "marker120")
	v.ScrollToOffset(target)
	w.Resize(fyne.NewSize(700, 300))
	if !v.OffsetVisible(target) {
		t.Errorf("marker120 left the view after widening (top at %d)", v.TopOffset())
	}
}

func TestHighlightsLayersAndPriority(t *testing.T) {
	text := "Al Qaim and Al Bukamal face each other across the border."
	v, _ := newView(t, text, nil)
	v.SetLayer("entities", []Highlight{
		{Start: 0, End: 7, Kind: Entity, ColorIndex: 0, ID: "al-qaim"},
		{Start: 12, End: 22, Kind: Entity, ColorIndex: 1, ID: "al-bukamal"},
	})
	v.SetLayer("passages", []Highlight{{Start: 12, End: 40, Kind: Passage, ID: "p1"}})
	if n := len(v.Highlights()); n != 3 {
		t.Fatalf("Highlights() = %d, want 3", n)
	}
	tests := []struct {
		offset int
		want   string
		ok     bool
	}{
		{2, "al-qaim", true},
		{15, "p1", true}, // a passage wins over an entity: clicking jumps
		{30, "p1", true},
		{45, "", false},
	}
	for _, tc := range tests {
		h, ok := v.HighlightAt(tc.offset)
		if ok != tc.ok || h.ID != tc.want {
			t.Errorf("HighlightAt(%d) = %q,%v, want %q,%v", tc.offset, h.ID, ok, tc.want, tc.ok)
		}
	}
	v.SetLayer("passages", nil)
	if h, _ := v.HighlightAt(15); h.ID != "al-bukamal" {
		t.Errorf("after removing passages HighlightAt(15) = %q", h.ID)
	}
	// Out-of-range spans are clipped, empty ones dropped.
	v.SetLayer("odd", []Highlight{{Start: -5, End: 3}, {Start: 50, End: 9999}, {Start: 4, End: 4}})
	for _, h := range v.Layer("odd") {
		if h.Start < 0 || h.End > len(text) || h.End <= h.Start {
			t.Errorf("kept bad span %+v", h)
		}
	}
	if n := len(v.Layer("odd")); n != 2 {
		t.Errorf("odd layer has %d spans, want 2", n)
	}
}

func TestTapOnHighlightCallsBack(t *testing.T) {
	text := "Some words before the shared passage and some after it."
	v, _ := newView(t, text, nil)
	start := strings.Index(text, "shared")
	v.SetLayer("passages", []Highlight{{Start: start, End: start + 14, Kind: Passage, ID: "p7"}})
	var got []string
	v.OnHighlightTapped = func(h Highlight) { got = append(got, h.ID) }
	focused := 0
	v.OnFocused = func() { focused++ }

	x := v.padLeft() + v.measure(text[:start+3])
	y := v.lineY(0) + v.lineHeight/2
	test.TapAt(v.body, fyne.NewPos(x, y))
	if len(got) != 1 || got[0] != "p7" {
		t.Fatalf("tap on the passage gave %v, want [p7]", got)
	}
	test.TapAt(v.body, fyne.NewPos(v.padLeft()+2, y))
	if len(got) != 1 {
		t.Errorf("tap outside any highlight called back: %v", got)
	}
	if focused == 0 {
		t.Error("OnFocused not called on tap")
	}
}

func TestFindNextPreviousFolded(t *testing.T) {
	// The second "control" hides two Greek omicrons, the third is upper case.
	text := "They took control. Later c\u03bfntr\u03bfl passed on. CONTROL was lost. No match here."
	v, _ := newView(t, text, nil)
	if n := v.Find("control"); n != 3 {
		t.Fatalf("Find = %d, want 3 (case and look-alike letters folded)", n)
	}
	cur, total := v.FindState()
	if cur != 0 || total != 3 {
		t.Fatalf("FindState = %d,%d", cur, total)
	}
	s, _ := v.FindNext()
	if got := text[s.Start:s.End]; got != "c\u03bfntr\u03bfl" {
		t.Errorf("second hit = %q", got)
	}
	s, _ = v.FindNext()
	if got := text[s.Start:s.End]; got != "CONTROL" {
		t.Errorf("third hit = %q", got)
	}
	s, _ = v.FindNext() // wraps
	if s.Start != strings.Index(text, "control") {
		t.Errorf("next after the last did not wrap: %d", s.Start)
	}
	s, _ = v.FindPrevious() // wraps back
	if got := text[s.Start:s.End]; got != "CONTROL" {
		t.Errorf("previous from the first = %q", got)
	}
	current := 0
	for _, h := range v.Layer(LayerFind) {
		if h.Kind == FindCurrent {
			current++
			if text[h.Start:h.End] != "CONTROL" {
				t.Errorf("current mark on %q", text[h.Start:h.End])
			}
		}
	}
	if current != 1 {
		t.Errorf("%d current marks, want 1", current)
	}
	if n := v.Find("absent words"); n != 0 || len(v.Layer(LayerFind)) != 0 {
		t.Errorf("Find(absent) = %d with %d marks", n, len(v.Layer(LayerFind)))
	}
	if _, ok := v.FindNext(); ok {
		t.Error("FindNext without matches reported a match")
	}
}

func TestFindScrollsToMatch(t *testing.T) {
	text := longText(200)
	v, _ := newView(t, text, nil)
	v.Find("marker170")
	if !v.OffsetVisible(strings.Index(text, "marker170")) {
		t.Error("find did not scroll to its match")
	}
}

func TestBoilerplateHidden(t *testing.T) {
	text := "Site menu Home News\nThe article body starts here.\nLeave a comment below"
	b1 := document.Span{Start: 0, End: strings.Index(text, "\n")}
	b2 := document.Span{Start: strings.Index(text, "Leave"), End: len(text)}
	v, _ := newView(t, text, []document.Span{b1, b2})
	shown := v.LineCount()
	v.SetBoilerplateHidden(true)
	if v.LineCount() >= shown {
		t.Fatalf("hiding boilerplate kept %d lines of %d", v.LineCount(), shown)
	}
	for _, ln := range v.lines {
		if inSpans(v.boiler, ln.start) && ln.end > ln.start {
			t.Errorf("hidden boilerplate still on a line: %q", text[ln.start:ln.end])
		}
	}
	if n := v.Find("leave"); n != 0 {
		t.Errorf("find matched hidden boilerplate %d times", n)
	}
	v.SetBoilerplateHidden(false)
	if v.LineCount() != shown {
		t.Errorf("showing boilerplate again gave %d lines, want %d", v.LineCount(), shown)
	}
	if n := v.Find("leave"); n != 1 {
		t.Errorf("find on shown boilerplate = %d, want 1", n)
	}
}

func TestSelectionAndCopy(t *testing.T) {
	text := "Copy exactly this part and not the rest."
	v, w := newView(t, text, nil)
	v.Select(5, 22)
	if got := v.SelectedText(); got != "exactly this part" {
		t.Fatalf("SelectedText = %q", got)
	}
	clip := fyne.CurrentApp().Clipboard()
	v.body.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); got != "exactly this part" {
		t.Errorf("clipboard = %q", got)
	}
	_ = w
	// Dragging selects from where the drag began.
	y := v.lineY(0) + v.lineHeight/2
	from := v.padLeft() + v.measure("Copy ")
	to := v.padLeft() + v.measure("Copy exactly")
	v.body.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(to, y)}, Dragged: fyne.NewDelta(to-from, 0)})
	v.body.DragEnd()
	if got := v.SelectedText(); got != "exactly" && got != "exactl" {
		t.Errorf("drag selected %q", got)
	}
}

func TestFlashMarksSpan(t *testing.T) {
	text := longText(50)
	v, _ := newView(t, text, nil)
	target := strings.Index(text, "marker40")
	v.Reveal(document.Span{Start: target, End: target + 8})
	if !v.OffsetVisible(target) {
		t.Error("Reveal did not scroll")
	}
	if got := v.LastFlash(); got.Start != target || got.End != target+8 {
		t.Errorf("LastFlash = %+v", got)
	}
	// The flash fades and removes its mark (the test driver runs
	// animations to their end at once).
	if fl := v.Layer(LayerFlash); len(fl) != 0 {
		t.Errorf("flash mark left after the animation: %+v", fl)
	}
}

func TestLongDocumentOpensQuickly(t *testing.T) {
	// 20,000+ words: opening lays out only the wrap, never the whole text.
	text := longText(800)
	if n := document.CountWords(text); n < 20000 {
		t.Fatalf("fixture has %d words", n)
	}
	test.NewTempApp(t)
	v := New()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(600, 700))
	start := time.Now()
	v.SetText(text, nil)
	took := time.Since(start)
	t.Logf("SetText of %d words: %s, %d lines", document.CountWords(text), took, v.LineCount())
	r := test.WidgetRenderer(v.body).(*bodyRenderer)
	if n := r.nText; n == 0 || n > 100 {
		t.Errorf("%d text objects drawn for a 700-pixel view, want only the visible lines", n)
	}
}

func BenchmarkSetText20k(b *testing.B) {
	text := longText(800)
	test.NewTempApp(b)
	v := New()
	w := test.NewTempWindow(b, v)
	w.Resize(fyne.NewSize(600, 700))
	// Baseline, in the same run: one pass counting the words of the text.
	start := time.Now()
	const scans = 20
	for i := 0; i < scans; i++ {
		document.CountWords(text)
	}
	scan := time.Since(start) / scans
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.SetText(text, nil)
	}
	b.StopTimer()
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(document.CountWords(text)), "words")
	b.ReportMetric(float64(per)/float64(scan), "x-wordcount")
}

func TestTopOffsetRoundTrip(t *testing.T) {
	text := longText(200)
	v, w := newView(t, text, nil)
	for _, marker := range []string{"marker0 ", "marker37", "marker150"} {
		target := strings.Index(text, marker)
		v.SetTopOffset(target)
		top := v.TopOffset()
		if top > target || !v.OffsetVisible(target) {
			t.Errorf("SetTopOffset(%d): top %d, target visible %v", target, top, v.OffsetVisible(target))
		}
		// The offset read back scrolls to the same place: saving and
		// restoring a position does not drift.
		v.SetTopOffset(top)
		if again := v.TopOffset(); again != top {
			t.Errorf("SetTopOffset(TopOffset()) moved from %d to %d", top, again)
		}
	}
	// Resizing keeps the first line.
	target := strings.Index(text, "marker120")
	v.SetTopOffset(target)
	top := v.TopOffset()
	w.Resize(fyne.NewSize(400, 500))
	if v.TopOffset() != top {
		t.Errorf("a taller window moved the top from %d to %d", top, v.TopOffset())
	}
}

func TestReadingPositionBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	text := longText(200)
	target := strings.Index(text, "marker90")
	v := New()
	v.SetText(text, nil)
	v.SetTopOffset(target) // not laid out yet
	if v.TopOffset() != target {
		t.Fatalf("pending top = %d, want %d", v.TopOffset(), target)
	}
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(400, 300))
	if !v.OffsetVisible(target) || v.OffsetVisible(0) {
		t.Errorf("after layout the top is %d, want near %d", v.TopOffset(), target)
	}

	f := New()
	f.SetText(text, nil)
	f.SetScrollFraction(0.5)
	if f.ScrollFraction() != 0.5 {
		t.Errorf("pending fraction = %v", f.ScrollFraction())
	}
	// The first layout (at the view's minimum size in a test window)
	// applies the fraction; a later resize keeps the line then on top.
	w2 := test.NewTempWindow(t, f)
	if got := f.ScrollFraction(); got < 0.45 || got > 0.55 {
		t.Errorf("fraction after layout = %v, want about 0.5", got)
	}
	top := f.TopOffset()
	if top < strings.Index(text, "marker60") || top > strings.Index(text, "marker140") {
		t.Errorf("half way is at byte %d of %d", top, len(text))
	}
	w2.Resize(fyne.NewSize(400, 300))
	if !f.OffsetVisible(top) {
		t.Errorf("after a resize byte %d left the view; top is %d", top, f.TopOffset())
	}
}

func TestSelectionSpan(t *testing.T) {
	v, _ := newView(t, "Al Qaim and Al Bukamal.", nil)
	if _, ok := v.Selection(); ok {
		t.Fatal("no selection expected at first")
	}
	v.Select(12, 3)
	s, ok := v.Selection()
	if !ok || s != (document.Span{Start: 3, End: 12}) || v.SelectedText() != "Qaim and " {
		t.Errorf("selection = %v %v %q", s, ok, v.SelectedText())
	}
}
