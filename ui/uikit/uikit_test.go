package uikit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 mentions", 1: "1 mention", 2: "2 mentions"} {
		if got := Plural(n, "mention"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestShowIfAndEmptyLabel(t *testing.T) {
	l := EmptyLabel("Nothing yet")
	if l.Alignment != fyne.TextAlignCenter || l.Importance != widget.LowImportance {
		t.Errorf("empty label %+v", l)
	}
	ShowIf(l, false)
	if l.Visible() {
		t.Error("ShowIf(false) left it visible")
	}
	ShowIf(l, true)
	if !l.Visible() {
		t.Error("ShowIf(true) left it hidden")
	}
}

// A wrapping hint takes the width it is given and wraps there, centred in
// the height; it never asks for the word-per-line height.
func TestCentredHint(t *testing.T) {
	test.NewTempApp(t)
	l := widget.NewLabel("Select a passage in a pane and press Ctrl+M to annotate it, or use the pen in the header.")
	l.Wrapping = fyne.TextWrapWord
	hint := CentredHint(l)
	w := test.NewTempWindow(t, hint)
	w.Resize(fyne.NewSize(300, 400))
	if got := l.Size().Width; got != hint.Size().Width {
		t.Errorf("hint %v wide in %v", got, hint.Size().Width)
	}
	oneLine := widget.NewLabel("x").MinSize().Height
	if h := l.Size().Height; h < 2*oneLine-1 || h > 4*oneLine {
		t.Errorf("wrapped at 300 px the hint is %v high, one line is %v", h, oneLine)
	}
	if mid := l.Position().Y + l.Size().Height/2; mid < 190 || mid > 210 {
		t.Errorf("hint centred at %v of %v", mid, hint.Size().Height)
	}
	if min := hint.MinSize(); min.Height > 4*oneLine {
		t.Errorf("min size %v", min)
	}
}
