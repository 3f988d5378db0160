package pdftext

import (
	"testing"
)

// reverseRunes gives the visual order of a purely right-to-left string.
func reverseRunes(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

func TestLogicalLine(t *testing.T) {
	tests := []struct {
		name, visual, want string
		pageRTL            bool
	}{
		{"latin untouched", "The ferry left at 10:30.", "The ferry left at 10:30.", false},
		{"arabic word", reverseRunes("سليماني"), "سليماني", true},
		{"arabic sentence", reverseRunes("قال الوزير إن"), "قال الوزير إن", true},
		// Numbers stay left to right inside right-to-left text.
		{"numbers kept", "2019 " + reverseRunes("سبتمبر") + " 14 " + reverseRunes("السبت"), "السبت 14 سبتمبر 2019", true},
		{"persian digits", "۱۳۹۸ " + reverseRunes("شهریور"), "شهریور ۱۳۹۸", true},
		// A Latin name inside an Arabic line keeps its own order.
		{"latin inside arabic", reverseRunes("شركة") + " Saudi Aramco " + reverseRunes("قالت"), "قالت Saudi Aramco شركة", true},
		// The same line on an English page reads left to right.
		{"tie on a latin page", reverseRunes("شركة") + " Saudi Aramco " + reverseRunes("قالت"), "شركة Saudi Aramco قالت", false},
		// Arabic inside an English line.
		{"arabic inside latin", "The word " + reverseRunes("سلام") + " means peace", "The word سلام means peace", true},
		// In visual order a mark comes before its letter: it must stay on it.
		{"tanween stays", "ا" + "ً" + "ر" + "ه" + "ظ", "ظهرًا", true},
		{"shadda stays", reverseRunes("من") + " " + "ّ" + "د" + "ح" + "ل" + "ا" + "و", "والحدّ من", true},
		// Brackets come out balanced whichever way the producer mapped them.
		{"brackets", "(" + reverseRunes("درون") + ")", "(درون)", true},
		// A left-to-right sentence in a right-to-left paragraph: its stop
		// is drawn at the left.
		{"latin sentence in rtl paragraph", `."the last one`, `the last one".`, true},
		{"latin line on a latin page", `.5 percent`, `.5 percent`, false},
		{"brackets mirrored", ")" + reverseRunes("درون") + "(", "(درون)", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := logicalLine(tc.visual, tc.pageRTL); got != tc.want {
				t.Errorf("logicalLine(%q) = %q, want %q", tc.visual, got, tc.want)
			}
		})
	}
}

func TestGlyphTextForLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a", "a"},
		{"fi", "fi"},
		// The lam-alef ligature stands for two letters: reversed so that
		// the line's reversal restores them.
		{"لا", "ال"},
		// Presentation forms become base letters (NFKC).
		{"\ufefb", "ال"}, // lam-alef isolated form
		{"\ufe8d", "ا"},
	}
	for _, tc := range tests {
		if got := glyphTextForLine(tc.in); got != tc.want {
			t.Errorf("glyphTextForLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
