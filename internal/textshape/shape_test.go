package textshape

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func newShaper(t *testing.T) *Shaper {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// layer is a line's text layer read left to right.
func layer(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Layer)
	}
	return b.String()
}

func TestClean(t *testing.T) {
	s := newShaper(t)
	for _, c := range []struct{ in, want string }{
		{"plain ASCII", "plain ASCII"},
		{"face 😀!", "face [U+1F600]!"},
		{"𝔐 and 𠜎", "[U+1D510] and [U+2070E]"},
		{"漢字", "[U+6F22][U+5B57]"},
		{"bell\x07 nul\x00 c1\u0085", "bell[U+0007] nul[U+0000] c1[U+0085]"},
		{"tab\there\r", "tab here "},
		{"bidi \u202Eevil\u202C \u2066x\u2069 \u200Fm", "bidi evil x m"},
		{"bad \xff\xfe end \xc3", "bad [0xFF][0xFE] end [0xC3]"},
		{"heart ❤\ufe0f soft\u00adhyphen", "heart [U+2764] softhyphen"},
		{"e\u0301 a\u0308", "e\u0301 a\u0308"},
		{"می\u200cخواهم", "می\u200cخواهم"},
		{"line\nbreak", "line\nbreak"},
	} {
		got := s.Clean(c.in)
		if got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Clean(%q) is not UTF-8", c.in)
		}
		if u := s.Uncovered(got); len(u) > 0 {
			t.Errorf("Clean(%q) leaves uncovered %q", c.in, u)
		}
	}
}

// TestCoverage checks the scripts the reports promise: every letter of
// these alphabets has a glyph in an embedded font.
func TestCoverage(t *testing.T) {
	s := newShaper(t)
	for _, text := range []string{
		"ABCXYZabcxyz0123456789 àéîõüçñßøåæœ ČčŠšŽžĆćĐđŁłŃńŚśŹźŻż ğış",
		"ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ",
		"АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя ЄІЇҐ єіїґ ЎўЈјЉљЊњЋћЏџ",
		"ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئةى ًٌٍَُِّْ ٠١٢٣٤٥٦٧٨٩ ،؛؟",
		"پچژکگی ۰۱۲۳۴۵۶۷۸۹ \u200c",
		"«»“”‘’—–…•·°§€£$%()[]{}",
	} {
		if u := s.Uncovered(text); len(u) > 0 {
			t.Errorf("no glyph for %q", u)
		}
	}
	for _, r := range []rune{0x1F600, 0x10348, 0x6F22, 0x07, 0xFFFF + 1} {
		if s.Covered(r) {
			t.Errorf("U+%04X reported covered", r)
		}
	}
}

// TestLineOrder checks the display order of mixed lines through their text
// layer read left to right (a right-to-left word is reversed there) and
// that Arabic comes out as presentation forms for the eye.
func TestLineOrder(t *testing.T) {
	s := newShaper(t)
	rev := func(w string) string { return string(reverse([]rune(w))) }
	for _, c := range []struct {
		in   string
		rtl  bool
		want string
	}{
		// Latin only: untouched.
		{"Hello, world", false, "Hello, world"},
		// An Arabic phrase in English: words right to left inside it.
		{"see محطة تل حمراء now", false, "see " + rev("محطة تل حمراء") + " now"},
		// A number inside Arabic in an English line keeps its digits
		// left to right and sits between the Arabic words (rule W7/I1).
		{"x السلام 2020 عليكم y", false, "x " + rev("عليكم") + " 2020 " + rev("السلام") + " y"},
		// A right-to-left paragraph with a Latin name and a year.
		{"قال Reuters في 2020", true, "2020 " + rev("في") + " Reuters " + rev("قال")},
		// Persian with Persian digits and ZWNJ.
		{"سال ۱۳۹۸", true, "۱۳۹۸ " + rev("سال")},
	} {
		got := layer(s.Line(s.Clean(c.in), c.rtl))
		if got != c.want {
			t.Errorf("Line(%q, %v) layer = %q, want %q", c.in, c.rtl, got, c.want)
		}
	}
	// Shaping: initial, medial and final forms and the lam-alef ligature.
	ps := s.Line("السلام", true)
	var draw string
	for _, p := range ps {
		draw += p.Draw
	}
	if !strings.ContainsRune(draw, 0xFEFC) { // lam-alef, final
		t.Errorf("no lam-alef ligature in %q", draw)
	}
	if !strings.ContainsRune(draw, 0xFEB4) { // seen, medial
		t.Errorf("no medial seen in %q", draw)
	}
}

// TestLineNeverPanics runs odd input through the whole pipeline.
func TestLineNeverPanics(t *testing.T) {
	s := newShaper(t)
	for _, in := range []string{
		"", " ", "\u0651", "(((", "))) السلام (((", "\u200c\u200d", "ـــ", "٠١٢ abc ١٢٣",
		"a\u0301\u0301\u0301", "[U+1F600]", "\xff\xfe", "\ufeff", "لا", "ﻻ", "\u200f\u200e",
	} {
		for _, rtl := range []bool{false, true} {
			for _, p := range s.Line(s.Clean(in), rtl) {
				if u := s.Uncovered(p.Draw); len(u) > 0 {
					t.Errorf("%q: piece draws uncovered %q", in, u)
				}
			}
		}
	}
}

// FuzzLine feeds any bytes through Clean and Line in both directions: no
// panic, only covered characters drawn, and a text layer holding exactly
// the cleaned line's characters (spaces aside).
func FuzzLine(f *testing.F) {
	for _, seed := range []string{
		"", "plain", "السلام عليكم 2020", "می\u200cخواهم (۱۳۹۸)", "a\u202eb\u202c", "\xff\xfe", "😀 𠜎", "((ب))", "ﻻ", "e\u0301",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	s, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string, rtl bool) {
		clean := s.Clean(in)
		if u := s.Uncovered(clean); len(u) > 0 {
			t.Fatalf("Clean(%q) leaves %q", in, u)
		}
		for _, line := range strings.Split(clean, "\n") {
			ps := s.Line(line, rtl)
			count := map[rune]int{}
			for _, r := range line {
				if r != ' ' {
					count[r]++
				}
			}
			for _, p := range ps {
				for _, r := range p.Draw {
					if !s.CoveredBy(p.Family, r) {
						t.Fatalf("%q: U+%04X drawn from a font without it", line, r)
					}
				}
				for _, r := range p.Layer {
					if r != ' ' {
						count[r]--
					}
				}
			}
			for r, n := range count {
				if n != 0 && !mirrored(r) {
					t.Fatalf("%q: text layer has %d too few %q", line, n, r)
				}
			}
		}
	})
}

// mirrored are characters a right-to-left run may draw as their mirror
// image in the text layer's place (brackets).
func mirrored(r rune) bool { return strings.ContainsRune("()[]{}<>«»‹›", r) }
