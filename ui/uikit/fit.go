package uikit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/ui/scriptfont"
)

// Fitter cuts labels to a width. Measuring text shapes it, which costs
// (a few hundred outlet names on a timeline, or the visible rows of a
// 10k-document list at each keystroke in its filter, took tens of
// milliseconds of the main goroutine): a Fitter measures each rune once per
// text size and style and adds them up, and measures a whole label only
// when the sum leaves it in doubt. Each widget keeps its own (the zero
// value is ready); it is used on the main goroutine only.
//
// Arabic and Persian are measured as the views draw them, with the
// embedded Arabic face (scriptfont), loaded at the first character beyond
// Latin, Greek and Cyrillic.
type Fitter struct {
	runes      map[fitKey]float32
	heights    map[fitKey]float32
	fonts      *scriptfont.Fonts
	fontsTried bool
}

// scriptFonts returns the embedded fonts, loading them once (nil when they
// cannot be read: the theme's fonts measure everything then).
func (f *Fitter) scriptFonts() *scriptfont.Fonts {
	if !f.fontsTried {
		f.fontsTried = true
		fonts, err := scriptfont.Load()
		if err != nil {
			fyne.LogError("fitter: Arabic measured with the theme's fonts", err)
		}
		f.fonts = fonts
	}
	return f.fonts
}

// measure returns the width of s as a ScriptLine or FitLabel draws it.
func (f *Fitter) measure(s string, size float32, st fyne.TextStyle) float32 {
	if !scriptfont.MayNeedArabic(s) {
		return fyne.MeasureText(s, size, st).Width
	}
	return f.scriptFonts().Measure(s, size, st)
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
		w = f.measure(string(r), size, st)
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
	return f.measure(s, size, st) <= w
}

// FitEnd returns s, cut at its end with an ellipsis to fit width w. The
// end is the logical one: a right-to-left text loses its last words, and
// its ellipsis shows on the left.
func (f *Fitter) FitEnd(s string, w, size float32, st fyne.TextStyle) string {
	return f.cut(s, w, size, st, func(rs []rune, n int) string { return string(rs[:n]) + "…" })
}

// FitStart returns s, cut at its start with an ellipsis to fit width w
// (the left context of a keyword).
func (f *Fitter) FitStart(s string, w, size float32, st fyne.TextStyle) string {
	return f.cut(s, w, size, st, func(rs []rune, n int) string { return "…" + string(rs[len(rs)-n:]) })
}

// cut returns s when it fits width w, and otherwise keep(runes, n) for the
// largest n of runes kept that fits ("" when none does).
func (f *Fitter) cut(s string, w, size float32, st fyne.TextStyle, keep func(rs []rune, n int) string) string {
	if f.Fits(s, w, size, st) {
		return s
	}
	rs := []rune(s)
	// Widths grow with the runes kept: keep(lo) fits (or lo is 0), keep(hi+1) does not.
	lo, hi := 0, len(rs)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.Fits(keep(rs, mid), w, size, st) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return keep(rs, lo)
}

// FitLabel is a one-line label cut with an ellipsis to the width it is
// laid out at. A truncating widget.Label shapes its whole text at every
// change to find the cut; list rows refilled at every keystroke of a search
// spent most of their time there. A FitLabel cuts with a Fitter shared by
// the rows of a list. Create it with NewFitLabel.
//
// A text with right-to-left or Arabic-script characters is shown by a
// ScriptLine instead (runs in visual order, aligned right when it reads
// right to left, the embedded Arabic face), in the colour of the label's
// importance.
type FitLabel struct {
	widget.BaseWidget
	text   string
	style  fyne.TextStyle
	label  *widget.Label
	script *ScriptLine
	fit    *Fitter
	width  float32 // the width the shown text was cut for
}

// NewFitLabel returns an empty label in style that cuts with fit.
func NewFitLabel(fit *Fitter, style fyne.TextStyle) *FitLabel {
	l := &FitLabel{style: style, fit: fit, label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, style)}
	l.ExtendBaseWidget(l)
	return l
}

// needsScript reports whether s must be drawn by a ScriptLine.
func (l *FitLabel) needsScript(s string) bool { return l.fit.NeedsScript(s) }

// NeedsScript reports whether s must be drawn by a ScriptLine rather than
// a widget.Label: it has right-to-left or Arabic-script characters.
func (f *Fitter) NeedsScript(s string) bool {
	return scriptfont.MayNeedArabic(s) && (textdir.NeedsBidi(s) || f.scriptFonts().NeedsArabic(s))
}

// Fonts returns the embedded script fonts the Fitter measures with, for a
// ScriptLine beside it (nil when they cannot be read).
func (f *Fitter) Fonts() *scriptfont.Fonts {
	return f.scriptFonts()
}

// Label returns the label that shows the cut text, for its importance.
func (l *FitLabel) Label() *widget.Label { return l.label }

// Text returns the whole text.
func (l *FitLabel) Text() string { return l.text }

// Shown returns the text as shown, cut to the width.
func (l *FitLabel) Shown() string { return l.label.Text }

// NaturalWidth returns the width the whole text takes, uncut, with the
// label's insets.
func (l *FitLabel) NaturalWidth() float32 {
	return l.fit.measure(l.text, theme.TextSize(), l.style) + 2*theme.InnerPadding()
}

// Script returns the line that shows a right-to-left or Arabic-script
// text, or nil while the label shows none.
func (l *FitLabel) Script() *ScriptLine { return l.script }

// SetText sets the whole text and reports whether it changed.
func (l *FitLabel) SetText(s string) bool {
	if s == l.text {
		return false
	}
	l.text = s
	l.cut()
	return true
}

// cut shows the text cut to the width it was last laid out at.
func (l *FitLabel) cut() {
	shown := l.text
	if l.width > 0 {
		shown = l.fit.FitEnd(l.text, l.width-2*theme.InnerPadding(), theme.TextSize(), l.style)
	}
	if shown != l.label.Text {
		l.label.SetText(shown)
	}
	if !l.needsScript(shown) {
		if l.script != nil && !l.script.Hidden {
			l.script.Hide()
			l.label.Show()
		}
		return
	}
	if l.script == nil {
		l.script = NewScriptLine(l.fit.scriptFonts(), l.style)
		l.Refresh() // the renderer takes the new line in
	}
	color := theme.ColorNameForeground
	if l.label.Importance == widget.LowImportance {
		color = theme.ColorNamePlaceHolder
	}
	l.script.SetColor(color)
	l.script.SetText(shown)
	l.script.Show()
	l.label.Hide()
}

// CreateRenderer shows the inner label.
func (l *FitLabel) CreateRenderer() fyne.WidgetRenderer { return &fitLabelRenderer{l} }

type fitLabelRenderer struct{ l *FitLabel }

func (r *fitLabelRenderer) Destroy() {}
func (r *fitLabelRenderer) Objects() []fyne.CanvasObject {
	if r.l.script != nil {
		return []fyne.CanvasObject{r.l.label, r.l.script}
	}
	return []fyne.CanvasObject{r.l.label}
}

func (r *fitLabelRenderer) Refresh() {
	r.l.label.Refresh()
	if r.l.script != nil {
		r.l.script.Resize(r.l.Size())
		r.l.script.Refresh()
	}
}

// MinSize is an ellipsis wide: the label gives way to its neighbours.
func (r *fitLabelRenderer) MinSize() fyne.Size {
	h := r.l.fit.Height(theme.TextSize(), r.l.style) + 2*theme.InnerPadding()
	return fyne.NewSize(r.l.fit.runeWidth('…', theme.TextSize(), r.l.style)+2*theme.InnerPadding(), h)
}

func (r *fitLabelRenderer) Layout(size fyne.Size) {
	r.l.label.Resize(size)
	if r.l.script != nil {
		r.l.script.Resize(size)
	}
	if size.Width != r.l.width {
		r.l.width = size.Width
		r.l.cut()
	}
}
