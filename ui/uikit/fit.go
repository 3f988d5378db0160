package uikit

import (
	"fyne.io/fyne/v2"
)

// Fitter cuts labels to a width. Measuring text shapes it, which costs
// (a few hundred outlet names on a timeline, or the visible rows of a
// 10k-document list at each keystroke in its filter, took tens of
// milliseconds of the main goroutine): a Fitter measures each rune once per
// text size and style and adds them up, and measures a whole label only
// when the sum leaves it in doubt. Each widget keeps its own (the zero
// value is ready); it is used on the main goroutine only.
type Fitter struct {
	runes   map[fitKey]float32
	heights map[fitKey]float32
}

type fitKey struct {
	r    rune
	size float32
	st   fyne.TextStyle
}

// fitSlack is how far the sum of runes' widths may be from the width of
// the label shaped whole before the label is measured whole.
const fitSlack = 3

func (f *Fitter) runeWidth(r rune, size float32, st fyne.TextStyle) float32 {
	if f.runes == nil {
		f.runes = map[fitKey]float32{}
	}
	k := fitKey{r, size, st}
	w, ok := f.runes[k]
	if !ok {
		w = fyne.MeasureText(string(r), size, st).Width
		f.runes[k] = w
	}
	return w
}

// Height returns the height of a line of text (the same for every text of
// a size and style).
func (f *Fitter) Height(size float32, st fyne.TextStyle) float32 {
	if f.heights == nil {
		f.heights = map[fitKey]float32{}
	}
	k := fitKey{0, size, st}
	h, ok := f.heights[k]
	if !ok {
		h = fyne.MeasureText("M", size, st).Height
		f.heights[k] = h
	}
	return h
}

// Fits reports whether s is at most w wide.
func (f *Fitter) Fits(s string, w, size float32, st fyne.TextStyle) bool {
	sum := float32(0)
	for _, r := range s {
		sum += f.runeWidth(r, size, st)
	}
	switch {
	case sum <= w-fitSlack:
		return true
	case sum > w+fitSlack:
		return false
	}
	return fyne.MeasureText(s, size, st).Width <= w
}

// FitEnd returns s, cut at its end with an ellipsis to fit width w.
func (f *Fitter) FitEnd(s string, w, size float32, st fyne.TextStyle) string {
	if f.Fits(s, w, size, st) {
		return s
	}
	rs := []rune(s)
	// The longest cut that fits: widths grow with the runes kept.
	lo, hi := 0, len(rs)-1 // rs[:lo]+"…" fits (or lo is 0), rs[:hi+1]+"…" does not
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.Fits(string(rs[:mid])+"…", w, size, st) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return string(rs[:lo]) + "…"
}
