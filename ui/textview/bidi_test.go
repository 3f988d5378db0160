package textview

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/textdir"
)

// Test sentences written for these tests: an Arabic line with a year, an
// agency name in Latin letters and a Persian year in brackets; a Persian
// line with Persian digits; an English line.
const (
	arabicLine  = "قال المتحدث في عام 2020 إن وكالة Reuters نشرت التقرير (1398) كاملا."
	persianLine = "خبرگزاری ایرنا در سال ۱۳۹۸ گزارش داد که نشست برگزار شد."
	englishLine = "The agency said in 2020 that the meeting took place."
)

const rlm = "\u200f"

// newBidiView is newView with the app's fonts, so Arabic is measured and
// drawn with the embedded Noto Sans Arabic whatever the machine has.
func newBidiView(t *testing.T, text string, width float32) *View {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	v.SetText(text, nil)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(width, 300))
	return v
}

func renderer(v *View) *bodyRenderer {
	r := test.WidgetRenderer(v.body).(*bodyRenderer)
	r.Refresh()
	return r
}

// drawnText returns the text object drawn for text[start:end], without the
// mark that sets a right-to-left run's direction.
func drawnText(t *testing.T, v *View, s string) *canvas.Text {
	t.Helper()
	r := renderer(v)
	for _, tx := range r.texts[:r.nText] {
		if strings.TrimPrefix(tx.Text, rlm) == s {
			return tx
		}
	}
	var got []string
	for _, tx := range r.texts[:r.nText] {
		got = append(got, tx.Text)
	}
	t.Fatalf("no text object drawn for %q; drawn: %q", s, got)
	return nil
}

func TestArabicLineRunsInVisualOrder(t *testing.T) {
	v := newBidiView(t, arabicLine, 900)
	if v.LineCount() != 1 {
		t.Fatalf("%d lines, want the sentence on one line", v.LineCount())
	}
	runs, rtl := v.layoutLine(v.lines[0])
	if !rtl {
		t.Fatal("the Arabic paragraph is not right to left")
	}
	var got []string
	for _, r := range runs {
		dir := "L"
		if r.rtl {
			dir = "R"
		}
		got = append(got, dir+":"+arabicLine[r.start:r.end])
	}
	// From left to right on screen: the end of the sentence first.
	want := []string{
		"R:) كاملا.", "L:1398", "R: نشرت التقرير (", "L:Reuters", "R: إن وكالة ", "L:2020", "R:قال المتحدث في عام ",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("runs from left to right:\n got %q\nwant %q", got, want)
	}
	// Right-aligned: the last run ends at the right margin.
	last := runs[len(runs)-1]
	if right := v.body.Size().Width - v.padLeft(); abs(last.x+last.w-right) > 0.5 {
		t.Errorf("line ends at x=%.1f, want the right margin %.1f", last.x+last.w, right)
	}
	// Drawn as one object per run, in that order, the Arabic ones marked
	// right to left so that the shaper joins and mirrors them.
	prev := float32(-1)
	for _, s := range []string{"1398", "Reuters", "2020", "قال المتحدث في عام "} {
		tx := drawnText(t, v, s)
		if tx.Position().X <= prev {
			t.Errorf("%q drawn at x=%.1f, not right of the run before it (%.1f)", s, tx.Position().X, prev)
		}
		prev = tx.Position().X
	}
	if tx := drawnText(t, v, "قال المتحدث في عام "); !strings.HasPrefix(tx.Text, rlm) {
		t.Errorf("Arabic run drawn as %q, without the right-to-left mark", tx.Text)
	}
	if tx := drawnText(t, v, "2020"); strings.HasPrefix(tx.Text, rlm) {
		t.Error("the number is drawn as a right-to-left run")
	}
	// Arabic is drawn with the embedded face, whatever fonts the machine
	// has; Latin with the theme's.
	if tx := drawnText(t, v, "قال المتحدث في عام "); tx.FontSource == nil || tx.FontSource != v.fonts.Arabic(fyne.TextStyle{}) {
		t.Errorf("Arabic run drawn with font %v, want the embedded Arabic face", tx.FontSource)
	}
	if tx := drawnText(t, v, "Reuters"); tx.FontSource != nil {
		t.Errorf("Latin run drawn with font %v, want the theme's", tx.FontSource.Name())
	}
}

func TestEnglishLineStaysLeftAligned(t *testing.T) {
	v := newBidiView(t, englishLine+"\n\n"+persianLine, 900)
	if v.levels == nil {
		t.Fatal("a text with a Persian paragraph keeps no levels")
	}
	runs, rtl := v.layoutLine(v.lines[0])
	if rtl || len(runs) != 1 || runs[0].x != v.padLeft() {
		t.Errorf("English paragraph: rtl=%v runs=%+v, want one run at the left margin", rtl, runs)
	}
	pl := v.lines[len(v.lines)-1]
	if v.text[pl.start:pl.end] != persianLine {
		t.Fatalf("last line %q", v.text[pl.start:pl.end])
	}
	runs, rtl = v.layoutLine(pl)
	if !rtl || len(runs) != 3 || runs[1].rtl || v.text[runs[1].start:runs[1].end] != "۱۳۹۸" {
		t.Errorf("Persian line: rtl=%v runs=%+v, want the digits as a left-to-right run between two right-to-left ones", rtl, runs)
	}
}

func TestForcedDirection(t *testing.T) {
	v := newBidiView(t, englishLine, 900)
	if v.levels != nil {
		t.Error("an English text keeps bidi levels")
	}
	v.SetDirection(textdir.RTL)
	runs, rtl := v.layoutLine(v.lines[0])
	last := runs[len(runs)-1]
	if !rtl || abs(last.x+last.w-(v.body.Size().Width-v.padLeft())) > 0.5 {
		t.Errorf("forced right to left: rtl=%v, line ends at %.1f", rtl, last.x+last.w)
	}
	v.SetText(arabicLine, nil)
	v.SetDirection(textdir.LTR)
	runs, rtl = v.layoutLine(v.lines[0])
	// The Arabic clause with its year is one right-to-left block at the
	// left, so the run drawn first is its end.
	if rtl || runs[0].x != v.padLeft() || !strings.Contains(arabicLine[runs[0].start:runs[0].end], "وكالة") {
		t.Errorf("forced left to right: rtl=%v, first run %q at %.1f", rtl, arabicLine[runs[0].start:runs[0].end], runs[0].x)
	}
	if v.Direction() != textdir.LTR {
		t.Error("Direction does not report the forced direction")
	}
}

// Clicking in the middle of a character's glyph gives that character's
// offset: exactly at the start of every word and in left-to-right text,
// within one character inside an Arabic word (where the edges come from
// prefixes measured alone).
func TestHitTestRoundTrip(t *testing.T) {
	for _, text := range []string{arabicLine, persianLine, englishLine} {
		v := newBidiView(t, text, 900)
		ln := v.lines[0]
		runs, _ := v.layoutLine(ln)
		y := v.lineY(0) + v.lineHeight/2
		for _, rn := range runs {
			prev := ' '
			for i, r := range text[rn.start:rn.end] {
				a := rn.start + i
				b := a + len(string(r))
				wordStart := prev == ' ' || i == 0
				prev = r
				if r == ' ' {
					continue
				}
				x := (v.xAt(rn, a) + v.xAt(rn, b)) / 2
				got := v.offsetAt(fyne.NewPos(x, y))
				if got == a {
					continue
				}
				if wordStart || !rn.rtl {
					t.Errorf("%.12q…: click at x=%.1f on %q (offset %d) gives offset %d (%q)", text, x, r, a, got, text[got:])
					continue
				}
				if n := utf8.RuneCountInString(text[min(a, got):max(a, got)]); n > 1 {
					t.Errorf("%.12q…: click at x=%.1f on %q (offset %d) gives offset %d, %d characters away", text, x, r, a, got, n)
				}
			}
		}
	}
}

func TestHitTestBesideRightToLeftLine(t *testing.T) {
	v := newBidiView(t, persianLine, 900)
	y := v.lineY(0) + v.lineHeight/2
	// Right of the line: its logical start; left of it: its end.
	if got := v.offsetAt(fyne.NewPos(v.body.Size().Width-1, y)); got != 0 {
		t.Errorf("right of the line: offset %d, want 0", got)
	}
	if got := v.offsetAt(fyne.NewPos(1, y)); got != len(persianLine) {
		t.Errorf("left of the line: offset %d, want %d", got, len(persianLine))
	}
}

// rectsOver returns the rectangles drawn with highlight colour c.
func highlightRects(v *View, k Kind) []*canvas.Rectangle {
	r := renderer(v)
	c := background(Highlight{Kind: k}, fyne.CurrentApp().Settings().ThemeVariant())
	var out []*canvas.Rectangle
	for _, rc := range r.rects[:r.nRect] {
		if rc.FillColor == c {
			out = append(out, rc)
		}
	}
	return out
}

func TestHighlightsOnTheRightGlyphs(t *testing.T) {
	v := newBidiView(t, arabicLine, 900)
	first := strings.Index(arabicLine, "قال")
	year := strings.Index(arabicLine, "2020")
	v.SetLayer("find", []Highlight{
		{Start: first, End: first + len("قال"), Kind: FindHit},
		{Start: year, End: year + 4, Kind: FindCurrent},
	})
	// The year's mark covers the year's text object.
	cur := highlightRects(v, FindCurrent)
	tx := drawnText(t, v, "2020")
	if len(cur) != 1 {
		t.Fatalf("%d marks for the year, want 1", len(cur))
	}
	if x, w := cur[0].Position().X, cur[0].Size().Width; abs(x-(tx.Position().X-1)) > 0.5 || abs(w-(tx.Size().Width+2)) > 0.5 {
		t.Errorf("year marked at x=%.1f w=%.1f, drawn at x=%.1f w=%.1f", x, w, tx.Position().X, tx.Size().Width)
	}
	// The first word of the sentence is at the right end of the line.
	hit := highlightRects(v, FindHit)
	if len(hit) != 1 {
		t.Fatalf("%d marks for the first word, want 1", len(hit))
	}
	right := v.body.Size().Width - v.padLeft()
	if end := hit[0].Position().X + hit[0].Size().Width - 1; abs(end-right) > 0.5 {
		t.Errorf("first word's mark ends at %.1f, want the right margin %.1f", end, right)
	}
	if hit[0].Position().X <= tx.Position().X+tx.Size().Width {
		t.Error("first word's mark is not right of the year")
	}
}

func TestSelectionAcrossDirections(t *testing.T) {
	v := newBidiView(t, arabicLine, 900)
	from := strings.Index(arabicLine, "عام")
	to := strings.Index(arabicLine, "2020") + 4
	v.Select(from, to)
	if got := v.SelectedText(); got != "عام 2020" {
		t.Fatalf("SelectedText = %q", got)
	}
	// Two marks: the Arabic word and the number, the word right of it.
	sel := highlightRects(v, Selection)
	if len(sel) != 2 {
		t.Fatalf("%d selection marks, want 2 (one per run)", len(sel))
	}
	num, word := sel[0], sel[1]
	if tx := drawnText(t, v, "2020"); abs(num.Size().Width-(tx.Size().Width+2)) > 0.5 {
		t.Errorf("the leftmost selection mark is %.1f wide, want the number's %.1f", num.Size().Width, tx.Size().Width+2)
	}
	if word.Position().X <= num.Position().X {
		t.Errorf("the word's mark (x=%.1f) is not right of the number's (x=%.1f)", word.Position().X, num.Position().X)
	}
	// Dragging from the right edge leftwards selects from the start.
	y := v.lineY(0) + v.lineHeight/2
	runs, _ := v.layoutLine(v.lines[0])
	start := v.body.Size().Width - v.padLeft() - 0.5
	var yearRun vrun
	for _, rn := range runs {
		if arabicLine[rn.start:rn.end] == "2020" {
			yearRun = rn
		}
	}
	end := yearRun.x + yearRun.w/2 // in the middle of "2020": between "20" and "20"
	v.body.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(end, y)}, Dragged: fyne.NewDelta(end-start, 0)})
	v.body.DragEnd()
	if got := v.SelectedText(); got != "قال المتحدث في عام 20" && got != "قال المتحدث في عام 2" {
		t.Errorf("drag from the right edge selected %q", got)
	}
	clip := fyne.CurrentApp().Clipboard()
	v.body.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); !strings.HasPrefix(got, "قال المتحدث") {
		t.Errorf("copied %q, want the logical text", got)
	}
}

func TestFindInArabic(t *testing.T) {
	v := newBidiView(t, arabicLine+"\n"+arabicLine, 900)
	if n := v.Find("التقرير"); n != 2 {
		t.Fatalf("Find = %d, want 2", n)
	}
	cur := highlightRects(v, FindCurrent)
	if len(cur) != 1 {
		t.Fatalf("%d marks for the current match", len(cur))
	}
	tx := drawnText(t, v, " نشرت التقرير ")
	// The word is inside its run's text object, at its left (it is the
	// run's last word read right to left).
	if x := cur[0].Position().X; x < tx.Position().X-1.5 || x > tx.Position().X+tx.Size().Width {
		t.Errorf("match marked at x=%.1f, outside its run drawn at %.1f–%.1f", x, tx.Position().X, tx.Position().X+tx.Size().Width)
	}
}

func TestBidiGoldenMarkup(t *testing.T) {
	test.NewTempApp(t)
	v := New()
	text := englishLine + "\n" + arabicLine + "\n" + persianLine
	v.SetText(text, nil)
	year := strings.Index(text, "2020 إن")
	v.SetHighlights([]Highlight{{Start: year, End: year + 4, Kind: Entity, ColorIndex: 1}})
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(420, 240))
	test.AssertRendersToMarkup(t, "bidi_mixed.xml", w.Canvas())
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// A bracket whose pair is on another line is a right-to-left piece without
// letters: it is drawn mirrored, so that it opens towards its content.
func TestWrappedBracketMirrored(t *testing.T) {
	text := "وكانت المحادثات قد توقفت مرتين منذ عام 2020 (1398 هجري شمسي). ويحمّل المزارعون في أسفل النهر السد"
	v := newBidiView(t, text, 260)
	r := renderer(v)
	var got []string
	for _, tx := range r.texts[:r.nText] {
		got = append(got, tx.Text)
	}
	joined := strings.Join(got, "|")
	// The opening bracket (between 2020 and 1398 on screen) shows as ")",
	// the closing one on the next line as "(".
	if !strings.Contains(joined, "|) |") || !strings.Contains(joined, "| .(|") {
		t.Errorf("drawn pieces %q: want the brackets mirrored", got)
	}
}
