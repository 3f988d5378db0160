package textdir

import (
	"testing"

	"golang.org/x/text/unicode/bidi"
)

func TestFirstStrong(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Dir
	}{
		{"Reuters reported", LTR},
		{"2020 قال", RTL},
		{"«گزارش» Tehran", RTL},
		{"(1398) Tehran قال", LTR},
		{"123 — 456", Auto},
		{"", Auto},
		{"Москва", LTR},
	} {
		if got := FirstStrong(c.in); got != c.want {
			t.Errorf("FirstStrong(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestParagraphLevel(t *testing.T) {
	for _, c := range []struct {
		in   string
		d    Dir
		want uint8
	}{
		{"قال Reuters", Auto, 1},
		{"Reuters قال", Auto, 0},
		{"123", Auto, 0},
		{"قال Reuters", LTR, 0},
		{"Reuters", RTL, 1},
	} {
		if got := ParagraphLevel(c.in, c.d); got != c.want {
			t.Errorf("ParagraphLevel(%q, %v) = %d, want %d", c.in, c.d, got, c.want)
		}
	}
}

// The expected strings are the lines as they appear from left to right on
// screen (UAX #9 resolved by hand for each case).
func TestVisual(t *testing.T) {
	for _, c := range []struct {
		name, in string
		d        Dir
		want     string
	}{
		{"latin only", "plain text (here)", Auto, "plain text (here)"},
		{"arabic word in english", "abc ابج def", Auto, "abc جبا def"},
		{"arabic phrase with a number in english", "ابج 2020 دهو xyz", LTR, "وهد 2020 جبا xyz"},
		{"persian year in brackets", "عام (1398) شمسی", Auto, "یسمش (1398) ماع"},
		{"latin word in arabic", "قال Reuters إن", Auto, "نإ Reuters لاق"},
		{"latin in brackets in arabic", "ابج (abc) دهو", Auto, "وهد (abc) جبا"},
		{"arabic in brackets in english", "see (ابج) now", Auto, "see (جبا) now"},
		{"number with separators", "قيمة 1,234.5", Auto, "1,234.5 ةميق"},
		{"percent after an arabic number stays right-to-left", "نسبة 45% من", Auto, "نم %45 ةبسن"},
		{"arabic-indic digits", "سنة ١٣٩٨ هـ", Auto, "ـه ١٣٩٨ ةنس"},
		{"two latin words in arabic", "قال New York Times إن", Auto, "نإ New York Times لاق"},
		{"forced rtl on latin", "abc def", RTL, "abc def"},
		{"forced ltr on arabic", "ابج دهو", LTR, "وهد جبا"},
		{"guillemets in persian", "گفت «سلام» به", Auto, "هب «مالس» تفگ"},
	} {
		if got := Visual(c.in, c.d); got != c.want {
			t.Errorf("%s: Visual(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestLevels(t *testing.T) {
	s := "ابج 2020 x"
	lv := Levels(s, 0, nil)
	if len(lv) != len(s) {
		t.Fatalf("%d levels for %d bytes", len(lv), len(s))
	}
	want := map[int]uint8{0: 1, len("ابج "): 2, len("ابج 2020 "): 0}
	for i, w := range want {
		if lv[i] != w {
			t.Errorf("level at byte %d (%q) = %d, want %d", i, s[i:], lv[i], w)
		}
	}
	// Invalid UTF-8 keeps one level per byte.
	if got := Levels("a\xffb", 0, nil); len(got) != 3 {
		t.Errorf("Levels of invalid UTF-8: %d levels for 3 bytes", len(got))
	}
}

func TestVisualRunsTrailingSpace(t *testing.T) {
	s := "ابج  "
	runs := VisualRuns(s, Levels(s, 0, nil), 0, nil)
	if len(runs) != 2 || runs[0].Start != 0 || !runs[0].RTL() || runs[1].Level != 0 {
		t.Fatalf("runs %+v: want the Arabic run first and the trailing spaces at level 0 after it", runs)
	}
	// In a right-to-left paragraph trailing spaces go to the left end.
	runs = VisualRuns(s, Levels(s, 1, nil), 1, nil)
	if len(runs) != 1 || runs[0].Level != 1 {
		t.Fatalf("runs %+v: want one right-to-left run", runs)
	}
}

func TestIsRTL(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"English", false}, {"السلام", true}, {"2020 خبر", true}, {"(1398) Reuters خبر", false}, {"", false}, {"123", false},
	} {
		if got := IsRTL(c.in); got != c.want {
			t.Errorf("IsRTL(%q) = %v", c.in, got)
		}
	}
}

// TestClassLevelsWithoutBrackets checks that nil runes skip N0: the
// closing bracket of "ا (ج) b" in a left-to-right paragraph takes the
// direction of the pair (right to left) with N0, and the paragraph's
// embedding level (between R and L, N2) without it.
func TestClassLevelsWithoutBrackets(t *testing.T) {
	s := []rune("ا (ج) b")
	cls := func() []bidi.Class {
		out := make([]bidi.Class, len(s))
		for i, r := range s {
			out[i] = class(r)
		}
		return out
	}
	// Positions: 0 ا, 1 space, 2 (, 3 ج, 4 ), 5 space, 6 b.
	with := ClassLevels(cls(), s, 0)
	without := ClassLevels(cls(), nil, 0)
	if with[2] != 1 || with[4] != 1 {
		t.Errorf("with N0: levels %v, want both brackets at 1", with)
	}
	if without[2] != 1 || without[4] != 0 {
		t.Errorf("without N0: levels %v, want ( at 1 and ) at 0", without)
	}
	// A removed character (BN) takes the level of the one before it.
	bn := []bidi.Class{bidi.R, bidi.BN, bidi.L}
	if got := ClassLevels(bn, nil, 0); got[1] != 1 {
		t.Errorf("BN after R: level %d, want 1", got[1])
	}
}

func TestReorder(t *testing.T) {
	type item struct {
		s string
		l uint8
	}
	for _, c := range []struct {
		name string
		in   []item
		want string
	}{
		{"all ltr", []item{{"a", 0}, {"b", 0}}, "ab"},
		{"rtl run in ltr", []item{{"a", 0}, {"1", 1}, {"2", 1}, {"b", 0}}, "a21b"},
		{"number inside rtl", []item{{"x", 1}, {"1", 2}, {"2", 2}, {"y", 1}}, "y12x"},
		{"empty", nil, ""},
	} {
		items := append([]item(nil), c.in...)
		Reorder(items, func(i item) uint8 { return i.l })
		got := ""
		for _, i := range items {
			got += i.s
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestNeedsBidi(t *testing.T) {
	for in, want := range map[string]bool{"plain": false, "Москва 2020": false, "x ا": true, "١": true, "": false} {
		if got := NeedsBidi(in); got != want {
			t.Errorf("NeedsBidi(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseDir(t *testing.T) {
	for _, d := range []Dir{Auto, LTR, RTL} {
		if ParseDir(d.String()) != d {
			t.Errorf("ParseDir(%q) != %v", d.String(), d)
		}
	}
	if ParseDir("sideways") != Auto {
		t.Error("an unknown name is not Auto")
	}
}
