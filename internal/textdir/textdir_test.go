package textdir

import (
	"testing"
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
