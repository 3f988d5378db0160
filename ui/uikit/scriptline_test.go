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
