// Package textdir decides the direction of text and the order in which its
// runs are shown: a paragraph's direction from its first strong character
// (Unicode bidi rules P2–P3), the embedding level of every character (rules
// W1–W7, N0–N2, I1–I2) and the visual order of the runs of a wrapped line
// (rules L1–L2), for views that draw their own lines.
//
// Character classes come from golang.org/x/text/unicode/bidi, whose
// Paragraph API reports only the direction of runs, not their levels,
// which rule L2 needs (an Arabic phrase with "2020" in an English line reads
// differently from one with an English word in it).
//
// Explicit embeddings and overrides (LRE, RLE, LRO, RLO, PDF) are ignored
// like boundary neutrals and isolates (LRI, RLI, FSI, PDI) are treated as
// other neutrals: news text hardly ever holds them, and a view that meets
// them shows the characters in a readable, if not exact, order.
package textdir

import (
	"unicode/utf8"

	"github.com/go-text/typesetting/unicodedata"
	"golang.org/x/text/unicode/bidi"
)

// Dir is a paragraph direction asked for: found from the text, or forced.
type Dir int

// The directions a paragraph can be given.
const (
	Auto Dir = iota // from the first strong character (P2–P3), left to right when none
	LTR
	RTL
)

// String names d for menus and saved settings.
func (d Dir) String() string {
	switch d {
	case LTR:
		return "ltr"
	case RTL:
		return "rtl"
	}
	return "auto"
}

// ParseDir reads a name written by Dir.String; anything else is Auto.
func ParseDir(s string) Dir {
	switch s {
	case "ltr":
		return LTR
	case "rtl":
		return RTL
	}
	return Auto
}

func class(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// FirstStrong reports the direction of the first strong character of s
// (P2): LTR for a left-to-right letter, RTL for a Hebrew or Arabic one, and
// Auto when s has none.
func FirstStrong(s string) Dir {
	for _, r := range s {
		switch class(r) {
		case bidi.L:
			return LTR
		case bidi.R, bidi.AL:
			return RTL
		}
	}
	return Auto
}

// IsRTL reports whether s, as a paragraph of its own, reads right to left
// (its first strong character is right-to-left).
func IsRTL(s string) bool { return FirstStrong(s) == RTL }

// ParagraphLevel returns the base level of paragraph s under direction d:
// 0 (left to right) or 1 (right to left). Auto follows P2–P3.
func ParagraphLevel(s string, d Dir) uint8 {
	switch d {
	case LTR:
		return 0
	case RTL:
		return 1
	}
	if FirstStrong(s) == RTL {
		return 1
	}
	return 0
}

// NeedsBidi reports whether s holds a character that can make any level
// differ from 0 in a left-to-right paragraph (a right-to-left letter or an
// Arabic number). Text without one needs no reordering unless its
// paragraph is forced right to left.
func NeedsBidi(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch class(r) {
		case bidi.R, bidi.AL, bidi.AN, bidi.RLE, bidi.RLO, bidi.RLI:
			return true
		}
		i += n
	}
	return false
}

// Levels appends to dst the embedding level of every byte of paragraph s
// (all bytes of a character share its level) at base level para, and
// returns it.
func Levels(s string, para uint8, dst []uint8) []uint8 {
	n := utf8.RuneCountInString(s)
	types := make([]bidi.Class, 0, n)
	runes := make([]rune, 0, n)
	for _, r := range s {
		c := class(r)
		switch c {
		case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF:
			c = bidi.BN
		case bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			c = bidi.ON
		case bidi.Control:
			c = bidi.ON
		}
		types = append(types, c)
		runes = append(runes, r)
	}
	lv := ClassLevels(types, runes, para)
	k := 0
	for i := 0; i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		for j := 0; j < size; j++ {
			dst = append(dst, lv[k])
		}
		i += size
	}
	return dst
}

// ClassLevels returns the embedding level of each character of a paragraph
// (or line) given by its bidi class, at base level para, after the weak,
// neutral and implicit rules (W1–W7, N0–N2, I1–I2). Explicit formatting
// characters must already be mapped (BN is removed by X9 and takes the
// level of the character before it). runes, of the same length, are the
// characters themselves, needed only to pair brackets (N0): nil skips N0,
// for text still in visual order where brackets do not pair. cls is
// resolved in place.
func ClassLevels(cls []bidi.Class, runes []rune, para uint8) []uint8 {
	orig := make([]bidi.Class, len(cls))
	copy(orig, cls)
	resolve(cls, orig, runes, para)
	lv := make([]uint8, len(cls))
	for i, t := range cls {
		lv[i] = levelOf(t, para)
	}
	// X9: removed characters take the level of the character before them.
	for i, c := range orig {
		if c == bidi.BN {
			if i > 0 {
				lv[i] = lv[i-1]
			} else {
				lv[i] = para
			}
		}
	}
	return lv
}

// levelOf applies I1–I2 to a resolved type.
func levelOf(t bidi.Class, para uint8) uint8 {
	if para%2 == 0 {
		switch t {
		case bidi.R:
			return para + 1
		case bidi.AN, bidi.EN:
			return para + 2
		}
		return para
	}
	switch t {
	case bidi.L, bidi.EN, bidi.AN:
		return para + 1
	}
	return para
}

// strongOf returns the direction class (L or R) a resolved type counts as
// for the neutral rules, or ON for a neutral.
func strongOf(t bidi.Class) bidi.Class {
	switch t {
	case bidi.L:
		return bidi.L
	case bidi.R, bidi.AL, bidi.EN, bidi.AN:
		return bidi.R
	}
	return bidi.ON
}

func isNI(t bidi.Class) bool {
	switch t {
	case bidi.B, bidi.S, bidi.WS, bidi.ON:
		return true
	}
	return false
}

// resolve applies W1–W7 and N0–N2 to types in place, the whole paragraph
// being one isolating run sequence with sos and eos at the paragraph's
// direction. BN characters are skipped by the rules (X9).
func resolve(types, orig []bidi.Class, runes []rune, para uint8) {
	sos := bidi.L
	if para%2 == 1 {
		sos = bidi.R
	}
	// The indexes of the characters the rules see.
	idx := make([]int, 0, len(types))
	for i, t := range types {
		if t != bidi.BN {
			idx = append(idx, i)
		}
	}
	n := len(idx)
	at := func(k int) bidi.Class { return types[idx[k]] }
	set := func(k int, c bidi.Class) { types[idx[k]] = c }

	// W1: a non-spacing mark takes the type of the character before it.
	for k := 0; k < n; k++ {
		if at(k) == bidi.NSM {
			if k == 0 {
				set(k, sos)
			} else {
				set(k, at(k-1))
			}
		}
	}
	// W2: European numbers after an Arabic letter are Arabic numbers. W3:
	// Arabic letters are R.
	last := sos
	for k := 0; k < n; k++ {
		switch at(k) {
		case bidi.L, bidi.R:
			last = at(k)
		case bidi.AL:
			last = bidi.AL
			set(k, bidi.R)
		case bidi.EN:
			if last == bidi.AL {
				set(k, bidi.AN)
			}
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for k := 1; k+1 < n; k++ {
		p, c, q := at(k-1), at(k), at(k+1)
		switch {
		case c == bidi.ES && p == bidi.EN && q == bidi.EN:
			set(k, bidi.EN)
		case c == bidi.CS && p == bidi.EN && q == bidi.EN:
			set(k, bidi.EN)
		case c == bidi.CS && p == bidi.AN && q == bidi.AN:
			set(k, bidi.AN)
		}
	}
	// W5: terminators next to a European number become European numbers.
	for k := 0; k < n; {
		if at(k) != bidi.ET {
			k++
			continue
		}
		e := k
		for e < n && at(e) == bidi.ET {
			e++
		}
		if (k > 0 && at(k-1) == bidi.EN) || (e < n && at(e) == bidi.EN) {
			for j := k; j < e; j++ {
				set(j, bidi.EN)
			}
		}
		k = e
	}
	// W6: remaining separators and terminators are neutral.
	for k := 0; k < n; k++ {
		switch at(k) {
		case bidi.ES, bidi.ET, bidi.CS:
			set(k, bidi.ON)
		}
	}
	// W7: European numbers after L are L.
	last = sos
	for k := 0; k < n; k++ {
		switch at(k) {
		case bidi.L, bidi.R:
			last = at(k)
		case bidi.EN:
			if last == bidi.L {
				set(k, bidi.L)
			}
		}
	}
	e := sos // the embedding direction
	if runes != nil {
		resolveBrackets(types, orig, runes, idx, sos, e)
	}
	// N1–N2: runs of neutrals between two strong types of one direction
	// take it; other neutrals take the embedding direction.
	for k := 0; k < n; {
		if !isNI(at(k)) {
			k++
			continue
		}
		end := k
		for end < n && isNI(at(end)) {
			end++
		}
		before := sos
		if k > 0 {
			before = strongOf(at(k - 1))
		}
		after := sos // eos
		if end < n {
			after = strongOf(at(end))
		}
		dir := e
		if before == after && before != bidi.ON {
			dir = before
		}
		for j := k; j < end; j++ {
			set(j, dir)
		}
		k = end
	}
}

// resolveBrackets applies N0: paired brackets take the direction of the
// strong text inside them, or of the context when that text is of the other
// direction only.
func resolveBrackets(types, orig []bidi.Class, runes []rune, idx []int, sos, e bidi.Class) {
	type open struct {
		k    int
		pair rune
	}
	type pair struct{ o, c int }
	var stack []open
	var pairs []pair
	for k, i := range idx {
		if types[i] != bidi.ON {
			continue
		}
		p, _ := bidi.LookupRune(runes[i])
		if !p.IsBracket() {
			continue
		}
		if p.IsOpeningBracket() {
			if len(stack) == 63 {
				break // BD16: stop pairing on overflow
			}
			m := []rune(bidi.ReverseString(string(runes[i])))
			stack = append(stack, open{k, m[0]})
			continue
		}
		for j := len(stack) - 1; j >= 0; j-- {
			if stack[j].pair == runes[i] || canonicalBracket(stack[j].pair) == canonicalBracket(runes[i]) {
				pairs = append(pairs, pair{stack[j].k, k})
				stack = stack[:j]
				break
			}
		}
	}
	// Pairs in order of their opening bracket.
	for a := 1; a < len(pairs); a++ {
		for b := a; b > 0 && pairs[b].o < pairs[b-1].o; b-- {
			pairs[b], pairs[b-1] = pairs[b-1], pairs[b]
		}
	}
	at := func(k int) bidi.Class { return types[idx[k]] }
	for _, pr := range pairs {
		inside := bidi.ON
		for k := pr.o + 1; k < pr.c; k++ {
			s := strongOf(at(k))
			if s == e {
				inside = e
				break
			}
			if s != bidi.ON {
				inside = s
			}
		}
		var dir bidi.Class
		switch inside {
		case bidi.ON:
			continue
		case e:
			dir = e
		default:
			before := sos
			for k := pr.o - 1; k >= 0; k-- {
				if s := strongOf(at(k)); s != bidi.ON {
					before = s
					break
				}
			}
			if before == inside {
				dir = inside
			} else {
				dir = e
			}
		}
		for _, k := range []int{pr.o, pr.c} {
			types[idx[k]] = dir
			// Marks after a bracket follow it.
			for j := k + 1; j < len(idx) && orig[idx[j]] == bidi.NSM; j++ {
				types[idx[j]] = dir
			}
		}
	}
}

// canonicalBracket folds the two angle brackets that pair either way.
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// Run is a run of one level in a line: the byte span [Start,End) relative
// to the line, left to right when Level is even.
type Run struct {
	Start, End int
	Level      uint8
}

// RTL reports whether the run reads right to left.
func (r Run) RTL() bool { return r.Level%2 == 1 }

// VisualRuns appends to dst the runs of line s, whose bytes have the given
// levels (from Levels, for this line's part of its paragraph), in the order
// they are shown from left to right, and returns it. Whitespace at the end
// of the line goes back to the paragraph's level (L1) and runs are reversed
// from the highest level down to the lowest odd one (L2).
func VisualRuns(s string, levels []uint8, para uint8, dst []Run) []Run {
	if len(s) == 0 {
		return dst
	}
	lv := make([]uint8, len(levels))
	copy(lv, levels)
	// L1: trailing whitespace, and whitespace before a tab, at para level.
	end := len(s)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		c := class(r)
		if c != bidi.WS && c != bidi.S && c != bidi.BN && c != bidi.LRI && c != bidi.RLI && c != bidi.FSI && c != bidi.PDI {
			break
		}
		end -= size
	}
	for i := end; i < len(s); i++ {
		lv[i] = para
	}
	for i := 0; i < end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if class(r) == bidi.S {
			for j := i; j < i+size; j++ {
				lv[j] = para
			}
			// and the whitespace before it
			for k := i; k > 0; {
				pr, ps := utf8.DecodeLastRuneInString(s[:k])
				if c := class(pr); c != bidi.WS && c != bidi.BN {
					break
				}
				for j := k - ps; j < k; j++ {
					lv[j] = para
				}
				k -= ps
			}
		}
		i += size
	}
	start := len(dst)
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && lv[j] == lv[i] {
			j++
		}
		dst = append(dst, Run{i, j, lv[i]})
		i = j
	}
	Reorder(dst[start:], func(r Run) uint8 { return r.Level })
	return dst
}

// Reorder puts items, given in logical order with their embedding levels,
// in the order they are shown from left to right (rule L2): from the
// highest level down to the lowest odd one, every stretch of items at that
// level or above is reversed. Applied to a line in visual order it gives
// the logical one back, as long as the levels are those of the line.
func Reorder[T any](items []T, level func(T) uint8) {
	hi, lowOdd := uint8(0), uint8(255)
	for _, it := range items {
		l := level(it)
		hi = max(hi, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for l := hi; l >= lowOdd && l > 0; l-- {
		for i := 0; i < len(items); {
			if level(items[i]) < l {
				i++
				continue
			}
			j := i
			for j < len(items) && level(items[j]) >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				items[a], items[b] = items[b], items[a]
			}
			i = j
		}
	}
}

// Visual returns paragraph s, on one line, as it is shown from left to
// right under direction d: runs in visual order, the characters of
// right-to-left runs reversed and mirrored (rule L4). It is for tests
// and plain-text displays; views draw runs in logical order and let the
// shaper reverse them.
func Visual(s string, d Dir) string {
	para := ParagraphLevel(s, d)
	lv := Levels(s, para, nil)
	out := make([]byte, 0, len(s))
	for _, r := range VisualRuns(s, lv, para, nil) {
		if r.RTL() {
			out = append(out, Mirror(s[r.Start:r.End])...)
		} else {
			out = append(out, s[r.Start:r.End]...)
		}
	}
	return string(out)
}

// Mirror returns s reversed with every mirrored character (brackets,
// guillemets, less-than) replaced by its mirror image: a right-to-left
// run of s as it reads from left to right.
func Mirror(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	for i, r := range rs {
		if m, ok := unicodedata.LookupMirrorChar(r); ok {
			rs[i] = m
		}
	}
	return string(rs)
}
