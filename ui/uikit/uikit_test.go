package uikit

import (
	"testing"

	"fyne.io/fyne/v2"
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
