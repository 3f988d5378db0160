// Package textshape prepares text for writers that place characters by code
// point (the PDF report): it replaces what the embedded fonts cannot draw
// with a visible mark, picks the font for each character, orders a line's
// runs for display (Unicode bidi), and shapes Arabic and Persian into the
// presentation forms the font draws, keeping the logical text beside them for
// the PDF's text layer.
package textshape

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s with every character the fonts cannot draw replaced by a
// visible mark, so that nothing becomes an empty box or crashes a writer:
//   - a byte that is not UTF-8 becomes "[0xNN]";
//   - a character no font covers (emoji, any character above U+FFFF, CJK)
//     and a control or format character becomes "[U+XXXX]";
//   - tabs and carriage returns become spaces; newlines stay;
//   - bidi controls, variation selectors, soft hyphens, zero-width spaces
//     and byte order marks are dropped: they draw nothing in any renderer,
//     and the line order is computed from the letters.
//
// The result holds only characters that Covered accepts, plus '\n'.
func (s *Shaper) Clean(str string) string {
	if Plain(str) {
		return str
	}
	if c, ok := s.cleaned[str]; ok {
		return c
	}
	c := s.clean(str)
	s.cleaned[str] = c
	return c
}

func (s *Shaper) clean(str string) string {
	var b strings.Builder
	b.Grow(len(str))
	for i := 0; i < len(str); {
		r, n := utf8.DecodeRuneInString(str[i:])
		if r == utf8.RuneError && n <= 1 {
			fmt.Fprintf(&b, "[0x%02X]", str[i])
			i++
			continue
		}
		i += n
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t' || r == '\r':
			b.WriteByte(' ')
		case dropped(r):
		case unicode.IsControl(r) || !s.Covered(r) || (unicode.Is(unicode.Cf, r) && !joinControl(r)):
			fmt.Fprintf(&b, "[U+%04X]", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Plain reports whether str is printable ASCII (newlines allowed): it needs
// no cleaning, and Noto Sans draws it as it is.
func Plain(str string) bool {
	for i := 0; i < len(str); i++ {
		if c := str[i]; c < 0x20 && c != '\n' || c >= 0x7f {
			return false
		}
	}
	return true
}

// dropped are the invisible characters Clean removes: bidi embeddings,
// overrides, isolates and marks, and variation selectors.
func dropped(r rune) bool {
	switch {
	case r == 0x200E || r == 0x200F || r == 0x061C:
		return true
	case r == 0x00AD || r == 0x200B || r == 0x2060 || r == 0xFEFF:
		return true // soft hyphen, zero-width space, word joiner, BOM
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// joinControl is ZWNJ or ZWJ, which Persian writes inside words: they steer
// the shaping and are kept.
func joinControl(r rune) bool { return r == 0x200C || r == 0x200D }

// Uncovered lists the characters of str, in order of first appearance, that
// no embedded font covers ('\n' aside). After Clean it is always empty; the
// report writers check it so that a gap in the fonts is an error, never a
// silent box.
func (s *Shaper) Uncovered(str string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range str {
		if r == '\n' || seen[r] {
			continue
		}
		seen[r] = true
		if !s.Covered(r) {
			out = append(out, r)
		}
	}
	return out
}

// Covered reports whether an embedded font has a glyph for r. Characters
// above U+FFFF never are: the PDF writer addresses glyphs with two bytes.
func (s *Shaper) Covered(r rune) bool {
	if r > 0xFFFF || r < 0x20 {
		return false
	}
	return s.fonts[Latin].covers(r) || s.fonts[Arabic].covers(r)
}

// CoveredBy reports whether the family's font has a glyph for r.
func (s *Shaper) CoveredBy(f Family, r rune) bool {
	return r <= 0xFFFF && s.fonts[f].covers(r)
}
