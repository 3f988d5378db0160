package wordscan

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzScanner checks what every caller relies on, for any text and span:
// tokens in order inside the span, never empty, on rune boundaries; a
// stop or possessive that stays inside the span; words that start with a
// word rune; a scan that ends.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		"J. Smith met Gen. Roe in Washington D.C. Then Plan B. The end.",
		"Iraq’s U.S.-backed forces rose 3.5 percent\nNext", "S.U.V.s. That", "l’Iran d'Arabie",
		"x.", "U.", "a.b.c.", "'s", "e.g. this", "…", "\r\n\t", "3.", "Ο.Σ. Αθήνα", "ب. الحسن",
	} {
		f.Add(s, 0, len(s), false)
		f.Add(s, 1, len(s)-1, true)
	}
	f.Fuzz(func(t *testing.T, text string, start, end int, hyphens bool) {
		if !utf8.ValidString(text) || start < 0 || end > len(text) || start > end {
			return
		}
		for start < end && !utf8.RuneStart(text[start]) {
			start++
		}
		for end > start && end < len(text) && !utf8.RuneStart(text[end]) {
			end--
		}
		s := NewScanner(text, start, end, Options{Hyphens: hyphens})
		last := start
		for n := 0; ; n++ {
			if n > len(text)+1 {
				t.Fatalf("%q: more tokens than bytes", text)
			}
			tok, ok := s.Next()
			if !ok {
				break
			}
			if tok.Start < last || tok.End <= tok.Start || tok.End > end {
				t.Fatalf("%q [%d,%d): token %+v after %d", text, start, end, tok, last)
			}
			if !utf8.RuneStart(text[tok.Start]) || tok.End < len(text) && !utf8.RuneStart(text[tok.End]) {
				t.Fatalf("%q: token %+v off a rune boundary", text, tok)
			}
			next := tok.End + tok.Possessive
			if tok.Stop {
				if tok.Possessive > 0 || text[tok.End] != '.' {
					t.Fatalf("%q: stop %+v", text, tok)
				}
				next++
			}
			if next > end {
				t.Fatalf("%q: token %+v runs past the span end %d", text, tok, end)
			}
			if tok.Kind != Punct && tok.Kind != Break {
				r, _ := utf8.DecodeRuneInString(text[tok.Start:])
				if !IsWordRune(r) {
					t.Fatalf("%q: word %+v starts with %q", text, tok, r)
				}
				if tok.Kind == Initial && !strings.Contains(text[tok.Start:tok.End], ".") && utf8.RuneCountInString(text[tok.Start:tok.End]) != 1 {
					t.Fatalf("%q: initial %+v", text, tok)
				}
			}
			last = next
		}
	})
}
