package uikit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pieces returns the texts a ScriptLine draws, from left to right.
func pieces(l *ScriptLine) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range test.WidgetRenderer(l).Objects() {
		out = append(out, o.(*canvas.Text))
	}
	return out
}

// A right-to-left label is cut at its logical end: it keeps its first
// words, and the ellipsis shows on the left; it is aligned to the right.
func TestFitLabelRightToLeft(t *testing.T) {
	test.NewTempApp(t)
	var fit Fitter
	l := NewFitLabel(&fit, fyne.TextStyle{})
	title := "وكالة الأنباء الإيرانية الرسمية تنشر تقريرا عن الاجتماع"
	l.SetText(title)
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(160, 40))
	l.Resize(fyne.NewSize(150, 36))
	shown := l.Shown()
	if !strings.HasSuffix(shown, "…") || !strings.HasPrefix(title, strings.TrimSuffix(shown, "…")) {
		t.Fatalf("Shown = %q, want the title's start with an ellipsis at its logical end", shown)
	}
	s := l.Script()
	if s == nil || s.Hidden || !l.label.Hidden {
		t.Fatal("an Arabic title is not shown by its script line")
	}
	ps := pieces(s)
	if len(ps) < 2 {
		t.Fatalf("%d pieces", len(ps))
	}
	if first := strings.TrimPrefix(ps[0].Text, "\u200f"); first != "…" {
		t.Errorf("leftmost piece %q, want the ellipsis", first)
	}
	last := ps[len(ps)-1]
	if right := last.Position().X + last.Size().Width; right < 150-theme.InnerPadding()-1 || right > 150-theme.InnerPadding()+1 {
		t.Errorf("text ends at x=%.1f, want the right inset %.1f", right, 150-theme.InnerPadding())
	}
	if !strings.Contains(last.Text, "وكالة") {
		t.Errorf("rightmost piece %q, want the title's first word", last.Text)
	}
	// Back to a Latin title: the plain label again.
	l.SetText("Reuters")
	if !s.Hidden || l.label.Hidden || l.Shown() != "Reuters" {
		t.Error("a Latin title after an Arabic one is not shown by the label")
	}
}

func TestFitLabelLowImportanceColour(t *testing.T) {
	test.NewTempApp(t)
	var fit Fitter
	l := NewFitLabel(&fit, fyne.TextStyle{})
	l.Label().Importance = widget.LowImportance
	l.SetText("گزارش")
	test.NewTempWindow(t, l).Resize(fyne.NewSize(200, 40))
	for _, p := range pieces(l.Script()) {
		if p.Color != theme.Color(theme.ColorNamePlaceHolder) {
			t.Errorf("piece %q drawn in %v, want the placeholder colour of low importance", p.Text, p.Color)
		}
	}
}

// A mixed line shows the Latin name between the Arabic words in reading
// order, and Arabic with the embedded face.
func TestScriptLineMixed(t *testing.T) {
	test.NewTempApp(t)
	var fit Fitter
	l := NewScriptLine(fit.scriptFonts(), fyne.TextStyle{})
	l.SetText("نقلت Reuters عن المتحدث")
	test.NewTempWindow(t, l).Resize(fyne.NewSize(300, 40))
	var order []string
	for _, p := range pieces(l) {
		order = append(order, strings.TrimSpace(strings.TrimPrefix(p.Text, "\u200f")))
		if strings.Contains(p.Text, "نقلت") && p.FontSource == nil {
			t.Error("Arabic piece drawn without the embedded face")
		}
	}
	if got := strings.Join(order, "|"); got != "عن المتحدث|Reuters|نقلت" {
		t.Errorf("pieces from left to right %q", got)
	}
	if !l.RTL() {
		t.Error("RTL() is false for an Arabic line")
	}
}

// A long Arabic paragraph wraps to its width, every line aligned to the
// right, the first words on the first line.
func TestScriptTextWrapsRightToLeft(t *testing.T) {
	test.NewTempApp(t)
	var fit Fitter
	text := strings.TrimSpace(strings.Repeat("وكالة الأنباء تنشر تقريرا عن الاجتماع ", 4))
	st := NewScriptText(fit.Fonts(), text, fyne.TextStyle{Bold: true})
	w := test.NewTempWindow(t, st)
	w.Resize(fyne.NewSize(220, 300))
	st.Resize(fyne.NewSize(200, 200))
	r := test.WidgetRenderer(st).(*scriptTextRenderer)
	if len(r.lines) < 3 {
		t.Fatalf("%d lines, want the paragraph wrapped", len(r.lines))
	}
	var words []string
	for i, ln := range r.lines {
		if !ln.RTL || ln.Width > 200-2*theme.InnerPadding() {
			t.Errorf("line %d: rtl=%v width=%.0f", i, ln.RTL, ln.Width)
		}
		for j := len(ln.Pieces) - 1; j >= 0; j-- {
			words = append(words, strings.Fields(strings.TrimPrefix(ln.Pieces[j].Text, "\u200f"))...)
		}
	}
	if got := strings.Join(words, " "); got != text {
		t.Errorf("words read right to left, line by line: %q, want %q", got, text)
	}
	if h := st.MinSize().Height; h < float32(len(r.lines))*r.height {
		t.Errorf("MinSize height %.0f for %d lines", h, len(r.lines))
	}
	// The right edge of each line is at the right inset.
	objs := r.Objects()
	right := float32(0)
	for _, o := range objs {
		right = max(right, o.Position().X+o.Size().Width)
	}
	if d := right - (200 - theme.InnerPadding()); d > 1 || d < -1 {
		t.Errorf("lines end at %.1f, want %.1f", right, 200-theme.InnerPadding())
	}
}

func TestScriptPieces(t *testing.T) {
	test.NewTempApp(t)
	var fit Fitter
	pos := fyne.NewPos(10, 5)
	if ps := ScriptPieces(&fit, "Coastal Herald", pos, 200, 12, fyne.TextStyle{}, theme.Color(theme.ColorNameForeground)); ps != nil {
		t.Errorf("a Latin label gave %d pieces, want nil (drawn as before)", len(ps))
	}
	ps := ScriptPieces(&fit, "خبرگزاری پارسیان", pos, 200, 12, fyne.TextStyle{Bold: true}, theme.Color(theme.ColorNameForeground))
	if len(ps) == 0 {
		t.Fatal("no pieces for a Persian label")
	}
	last := ps[len(ps)-1].(*canvas.Text)
	if right := last.Position().X + last.Size().Width; right < 209 || right > 211 {
		t.Errorf("Persian label ends at x=%.1f, want the box's right edge 210", right)
	}
	for _, o := range ps {
		if tx := o.(*canvas.Text); tx.FontSource == nil || !tx.TextStyle.Bold || tx.TextSize != 12 {
			t.Errorf("piece %q: font %v, style %+v, size %v", tx.Text, tx.FontSource, tx.TextStyle, tx.TextSize)
		}
	}
}

// SetText and SetColor, shared by ScriptLine and ScriptText, redraw the
// widget they are called on.
func TestScriptTextSetTextAndColor(t *testing.T) {
	test.NewTempApp(t)
	var fit Fitter
	st := NewScriptText(fit.Fonts(), "short", fyne.TextStyle{})
	w := test.NewTempWindow(t, st)
	w.Resize(fyne.NewSize(220, 300))
	st.Resize(fyne.NewSize(200, 200))
	r := test.WidgetRenderer(st).(*scriptTextRenderer)
	if len(r.lines) != 1 {
		t.Fatalf("%d lines for one word", len(r.lines))
	}
	text := strings.TrimSpace(strings.Repeat("وكالة الأنباء تنشر تقريرا عن الاجتماع ", 4))
	st.SetText(text)
	if st.Text() != text || len(r.lines) < 3 || !r.lines[0].RTL {
		t.Errorf("after SetText: text %q, %d lines, first rtl=%v", st.Text(), len(r.lines), len(r.lines) > 0 && r.lines[0].RTL)
	}
	st.SetColor(theme.ColorNameError)
	if len(r.texts) == 0 || r.texts[0].Color != theme.Color(theme.ColorNameError) {
		t.Error("SetColor did not recolour the pieces")
	}
}
