package uikit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FitEnd keeps a label that fits, and otherwise cuts it to the longest
// prefix that fits with its ellipsis, as measuring it whole would.
func TestFitEnd(t *testing.T) {
	test.NewTempApp(t)
	var f Fitter
	size, bold := float32(14), fyne.TextStyle{Bold: true}
	measure := func(s string, st fyne.TextStyle) float32 { return fyne.MeasureText(s, size, st).Width }
	cases := []struct {
		s  string
		w  float32
		st fyne.TextStyle
	}{
		{"Reuters", 150, fyne.TextStyle{}},
		{"The Washington Times and its weekly supplement", 150, fyne.TextStyle{}},
		{"The Washington Times and its weekly supplement", 150, bold},
		{"Agence France-Presse", 60, fyne.TextStyle{}},
		{"WWWWWWWWWWWWWWWWWWWW", 40, bold},
		{"iiiiiiiiiiiiiiiiiiii", 40, fyne.TextStyle{}},
		{"Mehr", 5, fyne.TextStyle{}},
	}
	for _, c := range cases {
		got := f.FitEnd(c.s, c.w, size, c.st)
		// The longest fitting cut, found by measuring every one.
		want := ""
		if measure(c.s, c.st) <= c.w {
			want = c.s
		} else {
			rs := []rune(c.s)
			for n := len(rs) - 1; n > 0; n-- {
				if cut := string(rs[:n]) + "…"; measure(cut, c.st) <= c.w {
					want = cut
					break
				}
			}
		}
		if got != want {
			t.Errorf("FitEnd(%q, %v) = %q, want %q", c.s, c.w, got, want)
		}
		if got != c.s && got != "" && !strings.HasSuffix(got, "…") {
			t.Errorf("FitEnd(%q) cut without an ellipsis: %q", c.s, got)
		}
	}
	if h := f.Height(size, fyne.TextStyle{}); h != fyne.MeasureText("Any label", size, fyne.TextStyle{}).Height {
		t.Errorf("line height %v", h)
	}
}

// A FitLabel shows its text cut to the width it is laid out at, whole when
// it fits, and is as high as a label.
func TestFitLabel(t *testing.T) {
	test.NewTempApp(t)
	var f Fitter
	bold := fyne.TextStyle{Bold: true}
	l := NewFitLabel(&f, bold)
	text := "Popular Mobilization Forces of the Iraqi state"
	if !l.SetText(text) || l.SetText(text) {
		t.Error("SetText should report a change once")
	}
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(150, 60))
	avail := l.Size().Width - 2*theme.InnerPadding()
	if !strings.HasSuffix(l.Shown(), "…") || fyne.MeasureText(l.Shown(), theme.TextSize(), bold).Width > avail {
		t.Errorf("at %v: shown %q", l.Size().Width, l.Shown())
	}
	if l.Text() != text {
		t.Errorf("Text() = %q", l.Text())
	}
	w.Resize(fyne.NewSize(900, 60))
	if l.Shown() != text {
		t.Errorf("wide: shown %q", l.Shown())
	}
	l.SetText("al-Qaim")
	if l.Shown() != "al-Qaim" {
		t.Errorf("after SetText: shown %q", l.Shown())
	}
	if got, want := l.MinSize().Height, widget.NewLabelWithStyle("al-Qaim", fyne.TextAlignLeading, bold).MinSize().Height; got != want {
		t.Errorf("min height %v, a label's %v", got, want)
	}
	if l.MinSize().Width > 40 {
		t.Errorf("min width %v: the label should give way", l.MinSize().Width)
	}
}

// FitStart keeps the longest tail that fits with its ellipsis, as measuring
// every tail whole would.
func TestFitStart(t *testing.T) {
	test.NewTempApp(t)
	var f Fitter
	size := float32(14)
	for _, c := range []struct {
		s string
		w float32
	}{
		{"said the commander", 300},
		{"the strikes hit bases of the Popular Mobilization Forces near", 150},
		{"ααααααα βββββββ γγγγγγγ", 60},
		{"x", 2},
	} {
		got := f.FitStart(c.s, c.w, size, fyne.TextStyle{})
		want := ""
		if fyne.MeasureText(c.s, size, fyne.TextStyle{}).Width <= c.w {
			want = c.s
		} else {
			rs := []rune(c.s)
			for n := len(rs) - 1; n > 0; n-- {
				if cut := "…" + string(rs[len(rs)-n:]); fyne.MeasureText(cut, size, fyne.TextStyle{}).Width <= c.w {
					want = cut
					break
				}
			}
		}
		if got != want {
			t.Errorf("FitStart(%q, %v) = %q, want %q", c.s, c.w, got, want)
		}
	}
}
