package uikit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
