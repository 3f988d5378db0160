package scriptfont

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

func face(t *testing.T, r fyne.Resource) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatalf("parse %s: %v", r.Name(), err)
	}
	return f
}

// Every character of these samples must be in Fyne's default face or in the
// embedded Arabic face, so that no machine draws a box for it.
var samples = map[string]string{
	"latin":    "Reuters reported 2020, «quoted» — (x) ‘y’ … é ç ß",
	"greek":    "Αθήνα ελληνικά",
	"cyrillic": "Москва сообщила ёж",
	"arabic":   "قال المتحدث إن ٢٠٢٠ لا، ؟",
	"persian":  "گزارش خبرگزاری ایران ۱۳۹۸ پژوهش چ ک ی «»",
}

func TestFacesCoverEveryScript(t *testing.T) {
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		fonts, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		latin := fynetheme.DefaultTextFont()
		if st.Bold {
			latin = fynetheme.DefaultTextBoldFont()
		}
		chain := []*font.Face{face(t, latin), face(t, fonts.Arabic(st))}
		for script, s := range samples {
			for _, r := range s {
				found := false
				for _, f := range chain {
					if _, ok := f.NominalGlyph(r); ok {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("bold=%v: %s %q (%U) is in no face", st.Bold, script, r, r)
				}
			}
		}
	}
}

func TestSplit(t *testing.T) {
	fonts, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want string // pieces, Arabic ones in [ ]
	}{
		{"plain text 2020", "plain text 2020"},
		{"قال المتحدث، 2020", "[قال المتحدث، 2020]"},
		{"(كلمة)", "(|[كلمة]|)"},
		{"Reuters قال", "Reuters |[قال]"},
		{"سال ۱۳۹۸", "[سال ۱۳۹۸]"},
		{"year ۱۳۹۸", "year |[۱۳۹۸]"},
		{"Москва", "Москва"},
		{" 12 قال", "[ 12 قال]"},
		{"", ""},
	} {
		var parts []string
		for _, p := range fonts.Split(c.in, nil) {
			s := c.in[p.Start:p.End]
			if p.Arabic {
				s = "[" + s + "]"
			}
			parts = append(parts, s)
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("Split(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var none *Fonts
	if p := none.Split("قال", nil); len(p) != 1 || p[0].Arabic {
		t.Errorf("nil Fonts split into %+v", p)
	}
}

// The Latin characters the Arabic face holds are Noto Sans's own glyphs:
// a space or digit measures the same in either piece.
func TestSharedCharactersSameWidth(t *testing.T) {
	fonts, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ar, latin := face(t, fonts.Arabic(fyne.TextStyle{})), face(t, fynetheme.DefaultTextFont())
	shared := 0
	for r := rune(0x20); r < 0x7f; r++ {
		ga, ok := ar.NominalGlyph(r)
		if !ok {
			continue
		}
		gl, _ := latin.NominalGlyph(r)
		shared++
		if a, l := ar.HorizontalAdvance(ga), latin.HorizontalAdvance(gl); a != l {
			t.Errorf("%q is %v wide in the Arabic face, %v in Noto Sans", r, a, l)
		}
	}
	if shared == 0 {
		t.Fatal("the Arabic face holds no ASCII character: nothing checked")
	}
}

func TestMeasureAndLift(t *testing.T) {
	test.NewTempApp(t)
	fonts, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	st := fyne.TextStyle{}
	if got, want := fonts.Measure("plain", 14, st), fyne.MeasureText("plain", 14, st).Width; got != want {
		t.Errorf("Measure(plain) = %v, want %v", got, want)
	}
	mixed := "Reuters قال"
	w := fonts.Measure(mixed, 14, st)
	parts := fyne.MeasureText("Reuters ", 14, st).Width
	sz, _ := fyne.CurrentApp().Driver().RenderedTextSize("قال", 14, st, fonts.Arabic(st))
	if d := w - (parts + sz.Width); d > 0.01 || d < -0.01 {
		t.Errorf("Measure(%q) = %v, want the sum of its pieces %v", mixed, w, parts+sz.Width)
	}
	if l := fonts.Lift(14, st); l <= 0 {
		t.Errorf("Lift = %v: the Arabic face's baseline is lower in its box, want a positive lift", l)
	}
}

func TestLayout(t *testing.T) {
	test.NewTempApp(t)
	fonts, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	st := fyne.TextStyle{}
	ln := fonts.Layout("تقرير (2020) كامل", 0, 14, st)
	if !ln.RTL {
		t.Fatal("an Arabic line is not right to left")
	}
	var got []string
	x := float32(0)
	for _, p := range ln.Pieces {
		if p.X != x {
			t.Errorf("piece %q at x=%v, want %v (pieces side by side)", p.Text, p.X, x)
		}
		x += p.W
		s := strings.TrimPrefix(p.Text, rlm)
		if p.Source != nil {
			s = "[" + s + "]"
		}
		got = append(got, s)
	}
	// From left to right: the end of the sentence first; the brackets are
	// right-to-left pieces of the theme's face, reversed and mirrored.
	want := "[كامل]| (|2020|)|[تقرير ]"
	if s := strings.Join(got, "|"); s != want {
		t.Errorf("pieces %q, want %q", s, want)
	}
	if x != ln.Width {
		t.Errorf("Width %v, pieces end at %v", ln.Width, x)
	}
	// A Latin name with a year inside an Arabic line is one left-to-right
	// run (the year follows the Latin letters, W7).
	got = got[:0]
	for _, p := range fonts.Layout("تقرير Reuters (2020) كامل", 0, 14, st).Pieces {
		got = append(got, strings.TrimPrefix(p.Text, rlm))
	}
	if s := strings.Join(got, "|"); s != " كامل|Reuters (2020)|تقرير " {
		t.Errorf("pieces %q", s)
	}
	if ln := fonts.Layout("plain (text)", 0, 14, st); ln.RTL || len(ln.Pieces) != 1 || ln.Pieces[0].Text != "plain (text)" {
		t.Errorf("a Latin line: %+v", ln)
	}
}
