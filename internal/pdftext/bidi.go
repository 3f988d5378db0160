package pdftext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"

	"github.com/parallaxworkbench/parallax/internal/textdir"
)

// Right-to-left text. PDF producers draw glyphs in visual order, left to
// right: an Arabic, Persian or Hebrew line comes out of the content stream
// reversed. Each line holding right-to-left letters is put back in logical
// (reading) order by resolving its bidi levels (internal/textdir, without
// explicit embeddings, which PDFs do not carry) and applying rule L2. The reordering is its own
// inverse for the lines producers draw, so applied to the visual order it
// gives the logical one, as pdf.js does. A character keeps its marks: a
// base letter and the combining marks after it move as one unit, so
// tanween stays on its letter.

// hasRTL reports whether s holds a right-to-left letter (Hebrew, Arabic,
// Syriac, Thaana, NKo and their presentation forms). A quick byte test
// comes first: all of them are encoded from 0xD6 (U+0590) on.
func hasRTL(s string) bool {
	i := 0
	for i < len(s) && s[i] < 0xd6 {
		i++
	}
	if i == len(s) {
		return false
	}
	for _, r := range s[i:] {
		if isRTLRune(r) {
			return true
		}
	}
	return false
}

func isRTLRune(r rune) bool {
	if r < 0x590 {
		return false
	}
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// isPresentationForm reports whether r is an Arabic (or Hebrew)
// presentation form, which NFKC maps back to base letters.
func isPresentationForm(r rune) bool {
	return r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff
}

// glyphTextForLine prepares one glyph's text for a line still in visual
// order: Arabic presentation forms become base letters (NFKC), and a glyph
// standing for several right-to-left characters (the lam-alef ligature
// "لا") has them reversed, so that reversing the line restores them.
func glyphTextForLine(s string) string {
	if s == "" || s[0] < 0xd6 && len(s) == 1 {
		return s
	}
	changed := false
	for _, r := range s {
		if isPresentationForm(r) {
			changed = true
			break
		}
	}
	if changed {
		var b strings.Builder
		for _, r := range s {
			if isPresentationForm(r) {
				b.WriteString(norm.NFKC.String(string(r)))
			} else {
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	if utf8.RuneCountInString(s) > 1 && hasRTL(s) {
		rs := []rune(s)
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		return string(rs)
	}
	return s
}

// unit is a base character with its combining marks, in logical order:
// buf[start:end] of the line's units.
type unit struct {
	start, end int
	class      bidi.Class
	level      uint8
}

// clusters splits a visual-order line into units, writing their runes to
// one buffer. In visual order a mark on a right-to-left letter comes
// before it (the shaper reversed the whole run), a mark on a left-to-right
// letter after it: a mark joins the next character when that is a
// right-to-left letter, else the previous one.
func clusters(rs []rune) ([]unit, []rune) {
	out := make([]unit, 0, len(rs))
	buf := make([]rune, 0, len(rs))
	var pending []rune
	for i, r := range rs {
		c := bidi.L
		if r >= 0x80 || !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			p, _ := bidi.LookupRune(r)
			c = p.Class()
		}
		if c == bidi.NSM {
			if i+1 < len(rs) && isRTLRune(rs[i+1]) || len(out) == 0 {
				pending = append(pending, r)
			} else {
				buf = append(buf, r) // the last unit ends at the buffer's end
				out[len(out)-1].end = len(buf)
			}
			continue
		}
		u := unit{start: len(buf), class: c}
		buf = append(buf, r)
		// Marks are written after their base in logical order; when
		// several, in their visual order reversed.
		for j := len(pending) - 1; j >= 0; j-- {
			buf = append(buf, pending[j])
		}
		pending = pending[:0]
		u.end = len(buf)
		out = append(out, u)
	}
	if len(pending) > 0 {
		u := unit{start: len(buf), class: bidi.ON}
		buf = append(buf, pending...)
		u.end = len(buf)
		out = append(out, u)
	}
	return out, buf
}

// logicalLine returns a visual-order line in logical order. Lines without
// right-to-left letters are returned as they are. pageRTL says whether the
// page is mostly right-to-left, which decides lines with as many words of
// either direction.
func logicalLine(line string, pageRTL bool) string {
	forceRTL := false
	if !hasRTL(line) {
		// A left-to-right sentence in a right-to-left paragraph ends at
		// the left: its final stop is drawn first (`."the last one`).
		if !pageRTL || line == "" || !strings.ContainsRune(".,:;!?", rune(line[0])) {
			return line
		}
		forceRTL = true
	}
	us, buf := clusters([]rune(line))
	// Base direction: the majority of words by their first strong letter.
	// First-strong for the line (rule P2) does not apply: in visual order
	// the first letter of a right-to-left line is at its end.
	var nl, nr int
	inWord := false
	for _, u := range us {
		switch u.class {
		case bidi.L, bidi.R, bidi.AL:
			if !inWord {
				if u.class == bidi.L {
					nl++
				} else {
					nr++
				}
			}
			inWord = true
		case bidi.WS, bidi.S, bidi.B:
			inWord = false
		}
	}
	base := uint8(0)
	if nr > nl || pageRTL && 2*nr >= nl || forceRTL {
		base = 1
	}
	resolveLevels(us, buf, base)
	textdir.Reorder(us, func(u unit) uint8 { return u.level })
	out := make([]rune, 0, len(buf))
	for _, u := range us {
		out = append(out, buf[u.start:u.end]...)
	}
	balanceBrackets(out)
	return string(out)
}

// balanceBrackets swaps the paired brackets of a reordered line when they
// come out closing before opening. Producers disagree on whether the
// Unicode of a mirrored glyph is the character drawn or the character
// meant; the order tells which.
func balanceBrackets(rs []rune) {
	for _, pair := range [][2]rune{{'(', ')'}, {'[', ']'}, {'{', '}'}, {'«', '»'}} {
		depth, bad, seen := 0, false, false
		for _, r := range rs {
			switch r {
			case pair[0]:
				depth++
				seen = true
			case pair[1]:
				depth--
				seen = true
				if depth < 0 {
					bad = true
				}
			}
		}
		if !seen || !bad || depth != 0 {
			continue
		}
		for i, r := range rs {
			switch r {
			case pair[0]:
				rs[i] = pair[1]
			case pair[1]:
				rs[i] = pair[0]
			}
		}
	}
}

// resolveLevels gives every unit of a line, still in visual order, its
// level under base level base (the weak, neutral and implicit rules of
// textdir, without bracket pairs, which visual order does not keep), then
// applies L1 to the whitespace at the line's end.
func resolveLevels(us []unit, buf []rune, base uint8) {
	cls := make([]bidi.Class, len(us))
	for i, u := range us {
		c := u.class
		switch c {
		// PDFs carry no explicit embeddings; a stray one, or an invisible
		// joiner, is a neutral like any other in the line.
		case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI, bidi.BN, bidi.Control:
			c = bidi.ON
		case bidi.B, bidi.S:
			c = bidi.WS
		}
		cls[i] = c
	}
	for i, l := range textdir.ClassLevels(cls, nil, base) {
		us[i].level = l
	}
	// L1: trailing white space takes the base level.
	for i := len(us) - 1; i >= 0 && us[i].end-us[i].start == 1 && unicode.IsSpace(buf[us[i].start]); i-- {
		us[i].level = base
	}
}

// logicalOrder puts every line of a page's text in logical order.
func logicalOrder(text string) string {
	if !hasRTL(text) {
		return text
	}
	var nl, nr int
	for _, r := range text {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				nl++
			}
		case isRTLRune(r):
			nr++
		case unicode.IsLetter(r):
			nl++
		}
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = logicalLine(l, nr > nl)
	}
	return strings.Join(lines, "\n")
}
