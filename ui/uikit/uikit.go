// Package uikit holds the small widget helpers the panels share, so each
// panel words and shows its empty states the same way.
package uikit

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Plural counts n of word in English: "1 mention", "3 mentions".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ShowIf shows o when on and hides it otherwise.
func ShowIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// NoAnalysisYet is what a panel that shows an analysis says before it has
// one: that it is coming, or, with no project open (a first project still
// loading), that there is nothing to analyse.
func NoAnalysisYet(projectOpen bool) string {
	if projectOpen {
		return "Analysing…"
	}
	return "No project open."
}

// EmptyLabel is the centred, quiet text of an empty state ("No suggestions").
func EmptyLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Alignment = fyne.TextAlignCenter
	l.Importance = widget.LowImportance
	return l
}

// CentredHint lays out a wrapping hint (an empty state's explanation) at the
// full width it is given, centred in its height. In a centring container a
// wrapping label is given only its own minimum width — a word per line —
// and asks for a window taller than the screen.
func CentredHint(hint fyne.CanvasObject) *fyne.Container {
	return container.New(centredHint{}, hint)
}

type centredHint struct{}

func (centredHint) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height // at this width
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, max(0, (size.Height-h)/2)))
	}
}

func (centredHint) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(fyne.NewSize(0, o.MinSize().Height))
		}
	}
	return s
}
