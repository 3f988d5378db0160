// Package textnorm derives the matching form of a text: NFKC-compatible,
// case-folded, without diacritics, with quote/dash/apostrophe variants unified
// and with look-alike letters from other scripts inside Latin words replaced
// by their Latin prototype (UTS #39 confusables). Every folded byte keeps the
// offset of the original byte it came from, so matches found on folded text
// map back to exact spans of the original.
package textnorm

//go:generate go run ./internal/genconfusables -out confusables_table.go

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded is the matching form of an original text.
type Folded struct {
	// Text is the folded text.
	Text string
	// Offsets has len(Text)+1 entries: Offsets[i] is the byte offset in the
	// original text of the character that produced folded byte i, and the last
	// entry is the original's length.
	Offsets []int32
}

// Original maps the folded byte span [start,end) to the span of the original
// text it was folded from.
func (f Folded) Original(start, end int) (int, int) {
	if len(f.Offsets) == 0 {
		return 0, 0
	}
	start = clamp(start, 0, len(f.Offsets)-1)
	end = clamp(end, start, len(f.Offsets)-1)
	os, oe := int(f.Offsets[start]), int(f.Offsets[end])
	// A span ending inside the output of one original character (e.g. the
	// first "s" of a folded "ß") must still cover that character.
	if end > start && oe <= int(f.Offsets[end-1]) {
		oe = nextDifferent(f.Offsets, end-1)
	}
	return os, oe
}

// FoldedStart maps an original byte offset to the first folded byte produced
// at or after it.
func (f Folded) FoldedStart(orig int) int {
	lo, hi := 0, len(f.Offsets)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if int(f.Offsets[mid]) < orig {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

func nextDifferent(offs []int32, i int) int {
	v := offs[i]
	for j := i + 1; j < len(offs); j++ {
		if offs[j] != v {
			return int(offs[j])
		}
	}
	return int(offs[len(offs)-1])
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// Fold returns the folded form of s with its offset map. Invalid UTF-8 bytes
// fold to U+FFFD.
func Fold(s string) Folded {
	out := make([]byte, 0, len(s)+len(s)/16)
	offs := make([]int32, 0, len(s)+len(s)/16+1)
	var buf [utf8.UTFMax * 4]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				out = append(out, c)
				offs = append(offs, int32(i))
				i++
				continue
			}
			// Most words are plain ASCII: fold them without decoding runes.
			j := i
			for j < len(s) && isASCIIAlnum(s[j]) {
				j++
			}
			if j == len(s) || s[j] < utf8.RuneSelf {
				for ; i < j; i++ {
					out = append(out, lowerASCII(s[i]))
					offs = append(offs, int32(i))
				}
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			folded := foldRune(r, false, buf[:0])
			for range folded {
				offs = append(offs, int32(i))
			}
			out = append(out, folded...)
			i += size
			continue
		}
		end, disguised := scanWord(s, i)
		for i < end {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r < utf8.RuneSelf {
				out = append(out, lowerASCII(byte(r)))
				offs = append(offs, int32(i))
				i += size
				continue
			}
			folded := foldRune(r, disguised, buf[:0])
			for range folded {
				offs = append(offs, int32(i))
			}
			out = append(out, folded...)
			i += size
		}
	}
	offs = append(offs, int32(len(s)))
	return Folded{Text: string(out), Offsets: offs}
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// String folds s without keeping the offset map.
func String(s string) string { return Fold(s).Text }

// foldRune appends the folded form of the non-ASCII rune r to dst.
// inLatinWord says r stands in a word that also has Latin letters, where a
// look-alike from another script is a disguise and folds to its prototype.
func foldRune(r rune, inLatinWord bool, dst []byte) []byte {
	if inLatinWord {
		if c, ok := asciiConfusables[r]; ok {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			return append(dst, c)
		}
	}
	if p, ok := punctuationFold(r); ok {
		return append(dst, p...)
	}
	if unicode.IsSpace(r) {
		return append(dst, ' ')
	}
	if r == utf8.RuneError || unicode.Is(unicode.Cf, r) && r != '\u200d' {
		// Format characters (soft hyphen, zero-width space, BOM) are invisible:
		// drop them so "con\u00adtrol" matches "control".
		if r == utf8.RuneError {
			return utf8.AppendRune(dst, r)
		}
		return dst
	}
	start := len(dst)
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if p, ok := punctuationFold(d); ok {
			dst = append(dst, p...)
			continue
		}
		dst = appendLower(dst, d)
	}
	if len(dst) == start {
		return dst
	}
	return dst
}

func appendLower(dst []byte, r rune) []byte {
	switch r {
	case 'ß', 'ẞ':
		return append(dst, 's', 's')
	case 'ς':
		r = 'σ'
	case 'ı':
		return append(dst, 'i')
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// punctuationFold unifies the quote, apostrophe and dash variants that
// outlets and word processors swap freely.
func punctuationFold(r rune) (string, bool) {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '\u02bb', '\u02b9', '\u0060', '\u00b4', '\uff07':
		return "'", true
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb', '\uff02':
		return "\"", true
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return "-", true
	case '\u2026':
		return "...", true
	}
	return "", false
}

// word is a run of letters of s; mixed marks runs that mix Latin with a
// look-alike from another script.
type word struct {
	start, end int
	mixed      bool
}

// scanWord returns the end of the word starting at i and whether it is a
// disguised Latin word: one that mixes Latin letters with confusable letters
// of another script ("cοntrοl"), or one made only of such look-alikes that
// stands between Latin words (a lone Cyrillic "а" in an English sentence).
func scanWord(s string, i int) (end int, disguised bool) {
	start := i
	var latin, foreign, other bool
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		switch {
		case r < utf8.RuneSelf || unicode.Is(unicode.Latin, r):
			latin = latin || unicode.IsLetter(r)
		case unicode.IsLetter(r):
			if _, ok := asciiConfusables[r]; ok {
				foreign = true
			} else {
				other = true
			}
		}
		i += size
	}
	if latin {
		return i, foreign
	}
	return i, foreign && !other && latinNeighbours(s, start, i)
}

// latinNeighbours reports whether the words around s[start:end] are Latin:
// the nearest word before and after (where there is one) has a Latin letter
// and at least one such word exists.
func latinNeighbours(s string, start, end int) bool {
	prev, next := neighbourScript(s, start, -1), neighbourScript(s, end, +1)
	if prev == noWord && next == noWord {
		return false
	}
	return prev != foreignWord && next != foreignWord
}

type wordScript int

const (
	noWord wordScript = iota
	latinWord
	foreignWord
)

// neighbourScript looks from i in direction dir (-1 back, +1 forward) for
// the nearest letter, within a short distance, and tells its script.
func neighbourScript(s string, i, dir int) wordScript {
	const reach = 24 // bytes of spaces and punctuation to look across
	for n := 0; n < reach; {
		var r rune
		var size int
		if dir < 0 {
			if i <= 0 {
				return noWord
			}
			r, size = utf8.DecodeLastRuneInString(s[:i])
			i -= size
		} else {
			if i >= len(s) {
				return noWord
			}
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n += size
		switch {
		case r < utf8.RuneSelf && isASCIIAlnum(byte(r)) && !('0' <= r && r <= '9'):
			return latinWord
		case unicode.Is(unicode.Latin, r):
			return latinWord
		case unicode.IsLetter(r):
			if _, ok := asciiConfusables[r]; ok {
				continue // another look-alike of the same run of disguise
			}
			return foreignWord
		}
	}
	return noWord
}

// scanWords lists the disguised words of s (see scanWord).
func scanWords(s string) []word {
	var words []word
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf && !isASCIIAlnum(s[i]) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		end, disguised := scanWord(s, i)
		if disguised {
			words = append(words, word{start: i, end: end, mixed: true})
		}
		i = end
	}
	return words
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Span is a byte span [Start,End) of an original text.
type Span struct {
	Start, End int
}

// MixedScript describes the words of a text that mix Latin letters with
// look-alikes from another script, the usual sign of a disguised copy.
type MixedScript struct {
	Words      []Span // the disguised words
	Characters int    // look-alike characters inside them
}

// FindMixedScript lists the words of s that mix Latin letters with
// confusable letters of another script (Greek "ο" in "cοntrοl").
func FindMixedScript(s string) MixedScript {
	var m MixedScript
	for _, w := range scanWords(s) {
		if !w.mixed {
			continue
		}
		m.Words = append(m.Words, Span{w.start, w.end})
		for _, r := range s[w.start:w.end] {
			if r >= utf8.RuneSelf && !unicode.Is(unicode.Latin, r) {
				if _, ok := asciiConfusables[r]; ok {
					m.Characters++
				}
			}
		}
	}
	return m
}
