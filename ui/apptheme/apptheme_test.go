package apptheme

import (
	"bytes"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
)

func newTheme(t *testing.T) *Theme {
	t.Helper()
	th, err := New(fynetheme.DefaultTheme())
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func TestFontRoles(t *testing.T) {
	th := newTheme(t)
	base := fynetheme.DefaultTheme()
	tests := []struct {
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{fyne.TextStyle{}, th.regular},
		{fyne.TextStyle{Bold: true}, th.bold},
		{fyne.TextStyle{Italic: true}, base.Font(fyne.TextStyle{Italic: true})},
		{fyne.TextStyle{Bold: true, Italic: true}, base.Font(fyne.TextStyle{Bold: true, Italic: true})},
		{fyne.TextStyle{Monospace: true}, base.Font(fyne.TextStyle{Monospace: true})},
		{fyne.TextStyle{Symbol: true}, base.Font(fyne.TextStyle{Symbol: true})},
	}
	for _, tt := range tests {
		if got := th.Font(tt.style); got.Name() != tt.want.Name() {
			t.Errorf("Font(%+v) = %s, want %s", tt.style, got.Name(), tt.want.Name())
		}
	}
}

// sizes measures a line of text and the minimum heights of a label and an
// entry holding it under theme th.
func sizes(t *testing.T, th fyne.Theme, text string, st fyne.TextStyle) (measured fyne.Size, label, entry float32) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(th)
	measured = fyne.MeasureText(text, th.Size(fynetheme.SizeNameText), st)
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, st)
	e := widget.NewEntry()
	e.SetText(text)
	e.TextStyle = st
	return measured, l.MinSize().Height, e.MinSize().Height
}

// Labels and entries must not grow: the merged font keeps Noto Sans's
// line height. (Distinct strings per theme keep Fyne's text size cache,
// keyed by text and style but not by font, from answering for the other.)
func TestLatinHeightsUnchanged(t *testing.T) {
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		oldM, oldL, oldE := sizes(t, fynetheme.DefaultTheme(), "Reuters reported Friday, gypsy", st)
		newM, newL, newE := sizes(t, newTheme(t), "Reuters reported Friday, gypsy.", st)
		for _, c := range []struct {
			what     string
			old, new float32
		}{{"measured text", oldM.Height, newM.Height}, {"label", oldL, newL}, {"entry", oldE, newE}} {
			if math.Abs(float64(c.new-c.old)) > 1 {
				t.Errorf("bold=%v %s height %v with Parallax Sans, %v with Fyne's theme", st.Bold, c.what, c.new, c.old)
			}
		}
	}
}

// Arabic and Persian in an entry or label are as tall as Latin text: one
// face draws all of them, so no fallback face sets another line height.
func TestArabicHeightsEqualLatin(t *testing.T) {
	th := newTheme(t)
	latin, _, latinEntry := sizes(t, th, "Tehran Times editorial", fyne.TextStyle{})
	arabic, _, arabicEntry := sizes(t, th, "گزارش خبرگزاری ایران قال المتحدث", fyne.TextStyle{})
	if latin.Height != arabic.Height || latinEntry != arabicEntry {
		t.Errorf("Arabic text %v tall (entry %v), Latin %v (entry %v)", arabic.Height, arabicEntry, latin.Height, latinEntry)
	}
}

// Every character an analyst may type or open in an entry is in the font
// the theme gives the entry, so Fyne never falls back to a system font
// (which may be missing) for it.
func TestEntryFontCoversScripts(t *testing.T) {
	th := newTheme(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(th)
	samples := map[string]string{
		"latin":    "Reuters reported 2020, «quoted» — (x) ‘y’ … é ç ß",
		"greek":    "Αθήνα ελληνικά",
		"cyrillic": "Москва сообщила ёж",
		"arabic":   "قال المتحدث إن ٢٠٢٠ لا، ؟ عبدالله الحسيني",
		"persian":  "گزارش خبرگزاری ایران ۱۳۹۸ پژوهش چ ک ی «» می\u200cشود",
	}
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		for name, s := range samples {
			e := widget.NewEntry()
			e.TextStyle = st
			e.SetText(s)
			res := fyne.CurrentApp().Settings().Theme().Font(e.TextStyle)
			f, err := font.ParseTTF(bytes.NewReader(res.Content()))
			if err != nil {
				t.Fatalf("parse %s: %v", res.Name(), err)
			}
			for _, r := range e.Text {
				if _, ok := f.NominalGlyph(r); !ok {
					t.Errorf("bold=%v %s: %s has no glyph for %q (U+%04X)", st.Bold, name, res.Name(), r, r)
				}
			}
		}
	}
}
