// Package textnorm derives the matching form of a text: NFKC-compatible,
// case-folded, without diacritics, with quote/dash/apostrophe variants unified
// and with look-alike letters from other scripts inside Latin words replaced
// by their Latin prototype (UTS #39 confusables). Every folded byte keeps the
// offset of the original byte it came from, so matches found on folded text
// map back to exact spans of the original.
package textnorm

//go:generate go run ./internal/genconfusables -out confusables_table.go

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded is the matching form of an original text.
//
// Every folded byte i has an original offset, Offset(i): the byte offset in
// the original text of the character that produced it; Offset(len(Text)) is
// the original's length. The map is stored compactly, as runs: inside a run
// of plain text the offset grows by one per byte (an ASCII word folds to
// itself, byte for byte), and the bytes folded from one multi-byte character
// share one offset, so an English article needs a few runs where a table of
// every byte's offset would take four bytes per byte.
type Folded struct {
	// Text is the folded text.
	Text string
	// runAt[k] is the folded byte where run k starts (runAt[0] == 0);
	// runOrig[k] the original offset of that byte, with flatRun set when
	// every byte of the run has that same offset (the bytes folded from one
	// character) rather than one more per byte. Both are nil when the
	// Folded was not made by Fold.
	runAt   []int32
	runOrig []uint32
}

// flatRun marks a run of runOrig whose bytes share one original offset.
const flatRun = 1 << 31

// Mapped reports whether f carries an offset map, as every result of Fold
// does (the zero Folded does not).
func (f Folded) Mapped() bool { return len(f.runAt) > 0 }

// Offset returns the offset in the original text of the character that
// produced folded byte i, for 0 <= i <= len(f.Text): Offset(len(f.Text)) is
// the original's length. It is 0 when f is not Mapped; i is clamped to the
// folded text.
func (f Folded) Offset(i int) int {
	if len(f.runAt) == 0 {
		return 0
	}
	i = clamp(i, 0, len(f.Text))
	return f.offsetIn(f.run(i), i)
}

// run returns the run holding folded byte i.
func (f Folded) run(i int) int {
	// the last run starting at or before i
	lo, hi := 0, len(f.runAt)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if int(f.runAt[mid]) <= i {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

func (f Folded) offsetIn(k, i int) int {
	o := f.runOrig[k]
	if o&flatRun != 0 {
		return int(o &^ flatRun)
	}
	return int(o) + i - int(f.runAt[k])
}

// AppendOffsets appends the offset of every folded byte and then the
// original's length (len(f.Text)+1 entries, Offset(0) … Offset(len(f.Text)))
// to dst, for callers that walk the whole map.
func (f Folded) AppendOffsets(dst []int32) []int32 {
	if len(f.runAt) == 0 {
		return dst
	}
	for k := range f.runAt {
		end := len(f.Text) + 1
		if k+1 < len(f.runAt) {
			end = int(f.runAt[k+1])
		}
		o := f.runOrig[k]
		for i := int(f.runAt[k]); i < end; i++ {
			if o&flatRun != 0 {
				dst = append(dst, int32(o&^flatRun))
			} else {
				dst = append(dst, int32(int(o)+i-int(f.runAt[k])))
			}
		}
	}
	return dst
}

// Original maps the folded byte span [start,end) to the span of the original
// text it was folded from.
func (f Folded) Original(start, end int) (int, int) {
	if len(f.runAt) == 0 {
		return 0, 0
	}
	start = clamp(start, 0, len(f.Text))
	end = clamp(end, start, len(f.Text))
	ks := f.run(start)
	ke := f.runFrom(ks, end)
	os, oe := f.offsetIn(ks, start), f.offsetIn(ke, end)
	// A span ending inside the output of one original character (e.g. the
	// first "s" of a folded "ß") must still cover that character.
	if end > start {
		kl := ke
		if int(f.runAt[kl]) > end-1 {
			kl--
		}
		if oe <= f.offsetIn(kl, end-1) {
			oe = f.nextDifferent(end - 1)
		}
	}
	return os, oe
}

// runFrom returns the run holding folded byte i, which is in run k or a
// later one: spans are short, so it is usually k or the next few.
func (f Folded) runFrom(k, i int) int {
	for range 4 {
		if k+1 == len(f.runAt) || int(f.runAt[k+1]) > i {
			return k
		}
		k++
	}
	lo, hi := k, len(f.runAt)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if int(f.runAt[mid]) <= i {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// nextDifferent returns the first original offset after folded byte i's
// that differs from it, or the original's length.
func (f Folded) nextDifferent(i int) int {
	k := f.run(i)
	v := f.offsetIn(k, i)
	if f.runOrig[k]&flatRun == 0 && (k+1 == len(f.runAt) || i+1 < int(f.runAt[k+1])) && i+1 <= len(f.Text) {
		return v + 1
	}
	for j := k + 1; j < len(f.runAt); j++ {
		if o := f.offsetIn(j, int(f.runAt[j])); o != v {
			return o
		}
	}
	return f.Offset(len(f.Text))
}

// FoldedStart maps an original byte offset to the first folded byte produced
// at or after it.
func (f Folded) FoldedStart(orig int) int {
	if len(f.runAt) == 0 {
		return 0
	}
	// the first run starting at an offset >= orig
	lo, hi := 0, len(f.runAt)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if f.offsetIn(mid, int(f.runAt[mid])) < orig {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo > 0 {
		// orig may fall inside the run before, which grows by one per byte
		k := lo - 1
		if first := f.offsetIn(k, int(f.runAt[k])); f.runOrig[k]&flatRun == 0 {
			end := len(f.Text) + 1
			if lo < len(f.runAt) {
				end = int(f.runAt[lo])
			}
			if last := first + end - 1 - int(f.runAt[k]); orig <= last {
				return int(f.runAt[k]) + orig - first
			}
		}
	}
	if lo == len(f.runAt) {
		return len(f.Text)
	}
	return int(f.runAt[lo])
}

// runBuilder collects the runs of an offset map as Fold emits bytes.
type runBuilder struct {
	at   []int32
	orig []uint32
}

// add records that the n folded bytes from folded position at all come from
// the character at original offset o (n == 1 for a byte of plain text).
func (b *runBuilder) add(at, o, n int) {
	if n <= 0 {
		return
	}
	if k := len(b.at) - 1; k >= 0 && b.orig[k]&flatRun == 0 && int(b.orig[k])+at-int(b.at[k]) == o {
		if n == 1 {
			return // continues the run
		}
	}
	if n == 1 {
		b.at = append(b.at, int32(at))
		b.orig = append(b.orig, uint32(o))
		return
	}
	b.at = append(b.at, int32(at))
	b.orig = append(b.orig, uint32(o)|flatRun)
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
	var runs runBuilder
	var buf [utf8.UTFMax * 4]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				runs.add(len(out), i, 1)
				out = append(out, c)
				i++
				continue
			}
			// Most words are plain ASCII: fold them without decoding runes.
			j := i
			for j < len(s) && isASCIIAlnum(s[j]) {
				j++
			}
			if j == len(s) || s[j] < utf8.RuneSelf {
				runs.add(len(out), i, 1) // the rest of the word continues the run
				for ; i < j; i++ {
					out = append(out, lowerASCII(s[i]))
				}
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			folded := foldRune(r, false, buf[:0])
			runs.add(len(out), i, len(folded))
			out = append(out, folded...)
			i += size
			continue
		}
		end, disguised := scanWord(s, i)
		for i < end {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r < utf8.RuneSelf {
				runs.add(len(out), i, 1)
				out = append(out, lowerASCII(byte(r)))
				i += size
				continue
			}
			folded := foldRune(r, disguised, buf[:0])
			runs.add(len(out), i, len(folded))
			out = append(out, folded...)
			i += size
		}
	}
	runs.add(len(out), len(s), 1)
	return Folded{Text: string(out), runAt: shrink(runs.at), runOrig: shrink(runs.orig)}
}

// shrink returns s without its spare capacity, copying it when that spare
// is worth the copy: the map is kept as long as the document.
func shrink[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/8+4 {
		return s[:len(s):len(s)]
	}
	return append(make([]T, 0, len(s)), s...)
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

// Undisguise returns s with the look-alike letters of its disguised words
// replaced by the Latin letters they imitate ("Coalitiοn" with a Greek
// omicron becomes "Coalition"), case kept; other text is left as it is. It
// is for names shown to the analyst; the forms as written stay evidence.
func Undisguise(s string) string {
	words := scanWords(s)
	if len(words) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, w := range words {
		b.WriteString(s[last:w.start])
		for _, r := range s[w.start:w.end] {
			if c, ok := lookAlike(r); ok {
				b.WriteByte(c)
			} else {
				b.WriteRune(r)
			}
		}
		last = w.end
	}
	b.WriteString(s[last:])
	return b.String()
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
			if _, ok := lookAlike(r); ok {
				m.Characters++
			}
		}
	}
	return m
}

// lookAlike returns the ASCII letter or digit that r, a letter of another
// script than Latin, imitates in a disguised word.
func lookAlike(r rune) (byte, bool) {
	if r < utf8.RuneSelf || unicode.Is(unicode.Latin, r) {
		return 0, false
	}
	c, ok := asciiConfusables[r]
	return c, ok
}
