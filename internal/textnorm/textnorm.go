// Package textnorm derives the matching form of a text: NFKC-compatible,
// case-folded, without diacritics, with quote/dash/apostrophe variants unified
// and with look-alike letters from other scripts inside Latin words replaced
// by their Latin prototype (UTS #39 confusables), and Latin look-alikes
// inside Cyrillic words by their Cyrillic letter. Arabic and Persian letter
// variants, tatweel and harakat, and Arabic-Indic and Persian digits fold
// too (see foldArabic). Every folded byte keeps the offset of the original
// byte it came from, so matches found on folded text map back to exact spans
// of the original.
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
	// Only a text with Cyrillic letters can hide a Cyrillic word behind
	// Latin look-alikes; plain English skips the test for every word.
	cyr := hasCyrillic(s)
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
			if (j == len(s) || s[j] < utf8.RuneSelf) && !(cyr && maybeCyrillicWord(s, i, j)) {
				runs.add(len(out), i, 1) // the rest of the word continues the run
				for ; i < j; i++ {
					out = append(out, lowerASCII(s[i]))
				}
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			folded := foldRune(r, notDisguised, buf[:0])
			runs.add(len(out), i, len(folded))
			out = append(out, folded...)
			i += size
			continue
		}
		end, disguised := scanWord(s, i)
		for i < end {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r < utf8.RuneSelf && (disguised != asCyrillic || cyrillicConfusables[r] == 0) {
				runs.add(len(out), i, 1)
				out = append(out, lowerASCII(byte(r)))
				i += size
				continue
			}
			folded := foldWordRune(r, disguised, buf[:0])
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

// foldWordRune appends the folded form of the letter or digit r of a word
// disguised as d to dst: foldRune, and for a Latin look-alike inside a
// Cyrillic word, the Cyrillic letter it imitates.
func foldWordRune(r rune, d disguise, dst []byte) []byte {
	if r < utf8.RuneSelf {
		if d == asCyrillic {
			if c := cyrillicConfusables[r]; c != 0 {
				return utf8.AppendRune(dst, unicode.ToLower(c))
			}
		}
		return append(dst, lowerASCII(byte(r)))
	}
	return foldRune(r, d, dst)
}

// foldRune appends the folded form of the non-ASCII rune r to dst. d says
// how the word r stands in is disguised: in a Latin word a look-alike from
// another script folds to its Latin prototype; in a Cyrillic word a
// look-alike from another script (Greek ο) folds to the Cyrillic letter.
func foldRune(r rune, d disguise, dst []byte) []byte {
	switch d {
	case asLatin:
		if c, ok := asciiConfusables[r]; ok {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			return append(dst, c)
		}
	case asCyrillic:
		if c, ok := cyrillicOf(r); ok {
			return utf8.AppendRune(dst, unicode.ToLower(c))
		}
	}
	if f, ok := foldArabic(r); ok {
		if f == 0 {
			return dst
		}
		return utf8.AppendRune(dst, f)
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
		if f, ok := foldArabic(d); ok { // presentation forms decompose to these
			if f != 0 {
				dst = utf8.AppendRune(dst, f)
			}
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

// disguise is what a word's look-alike letters hide.
type disguise uint8

const (
	notDisguised disguise = iota
	// asLatin: a Latin word with look-alikes from other scripts ("cοntrοl").
	asLatin
	// asCyrillic: a Cyrillic word with Latin (or Greek) look-alikes
	// ("Мoсквa" with Latin o and a).
	asCyrillic
)

// word is a run of letters of s disguised as d.
type word struct {
	start, end int
	d          disguise
}

// scanWord returns the end of the word starting at i and how it is
// disguised. The word's dominant script decides which way look-alikes fold:
// a word with Latin letters is Latin and its look-alikes from other scripts
// fold to Latin ("cοntrοl"), unless every non-Cyrillic letter of it imitates
// a Cyrillic one and the word has letters only Cyrillic has (or more
// Cyrillic letters than others): then it is a Cyrillic word and they fold to
// Cyrillic ("Мoсквa"). A word made only of look-alikes is disguised when the
// words around it are of the script it imitates: a lone Cyrillic "а" in an
// English sentence, a Latin "co" in a Russian one.
func scanWord(s string, i int) (end int, d disguise) {
	start := i
	var latin, foreign, other bool
	// Counts for the Cyrillic test: Cyrillic letters, those of them that
	// only Cyrillic has, and letters of other scripts, with whether each
	// of those imitates a Cyrillic letter.
	var cyr, cyrOwn, nonCyr int
	allCyrLike, lower, marks := true, false, false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
		if !unicode.IsLetter(r) {
			marks = true
			continue
		}
		lower = lower || unicode.IsLower(r)
		if r >= utf8.RuneSelf && unicode.Is(unicode.Cyrillic, r) {
			cyr++
			if _, ok := asciiConfusables[r]; !ok {
				cyrOwn++
				other = true
			} else {
				foreign = true
			}
			continue
		}
		nonCyr++
		if _, ok := cyrillicOf(r); !ok {
			allCyrLike = false
		}
		switch {
		case r < utf8.RuneSelf || unicode.Is(unicode.Latin, r):
			latin = true
		default:
			if _, ok := asciiConfusables[r]; ok {
				foreign = true
			} else {
				other = true
			}
		}
	}
	switch {
	case cyr > 0 && nonCyr > 0 && allCyrLike && (cyrOwn > 0 || cyr > nonCyr):
		return i, asCyrillic
	case cyr > 0 && nonCyr > 0 && allCyrLike && !other && scriptNeighbours(s, start, i, cyrillicWord):
		// Every letter imitates one of the other script ("eгo"): the
		// words around tell which script it is written in.
		return i, asCyrillic
	case latin && foreign:
		return i, asLatin
	case latin && cyr == 0 && allCyrLike && lower && !marks && !foreign && !other:
		// Only letters, as cyrillicLookAlikeWord, which keeps Fold's ASCII
		// path in step with this.
		if scriptNeighbours(s, start, i, cyrillicWord) {
			return i, asCyrillic
		}
		return i, notDisguised
	case latin:
		return i, notDisguised
	}
	if foreign && !other && scriptNeighbours(s, start, i, latinWord) {
		return i, asLatin
	}
	return i, notDisguised
}

// cyrillicOf returns the letter of the Cyrillic alphabet that r, a letter
// of another script, imitates (Latin "o", Greek "ο" → "о").
func cyrillicOf(r rune) (rune, bool) {
	if r < utf8.RuneSelf {
		c := cyrillicConfusables[r]
		return c, c != 0
	}
	if unicode.Is(unicode.Cyrillic, r) {
		return 0, false
	}
	if a, ok := asciiConfusables[r]; ok && a < utf8.RuneSelf {
		c := cyrillicConfusables[a]
		return c, c != 0
	}
	return 0, false
}

// hasCyrillic reports whether s may hold a letter of the Cyrillic blocks
// U+0400–U+052F (UTF-8 lead bytes 0xD0–0xD4), the letters neighbourScript
// calls Cyrillic.
func hasCyrillic(s string) bool {
	for c := byte(0xD0); c <= 0xD4; c++ {
		if strings.IndexByte(s, c) >= 0 { // a vectorised scan each: plain text costs little
			return true
		}
	}
	return false
}

// isCyrillicLetter reports whether r is a letter of U+0400–U+052F (Cyrillic
// and its supplement).
func isCyrillicLetter(r rune) bool { return r >= 0x0400 && r <= 0x052F && unicode.IsLetter(r) }

// cyrillicLookAlikeWord reports whether the ASCII word w is made only of
// letters that imitate Cyrillic ones, one of them lower case: the words a
// disguised Russian text can hold whole ("co", "ceca").
func cyrillicLookAlikeWord(w string) bool {
	lower := false
	for i := 0; i < len(w); i++ {
		if cyrillicConfusables[w[i]] == 0 {
			return false
		}
		lower = lower || 'a' <= w[i] && w[i] <= 'z'
	}
	return lower
}

// maybeCyrillicWord reports whether the plain ASCII word s[i:j] may be a
// Cyrillic word written in Latin look-alikes (see scanWord): it is made of
// them and no Latin word stands next to it. Most English words next to a
// Russian quotation fail the first or the second test without scanWord's
// closer look.
func maybeCyrillicWord(s string, i, j int) bool {
	return cyrillicLookAlikeWord(s[i:j]) && neighbourScript(s, i, -1) != latinWord && neighbourScript(s, j, +1) != latinWord
}

// scriptNeighbours reports whether the words around s[start:end] are of
// script want: the nearest word before and after (where there is one) is,
// and at least one such word exists.
func scriptNeighbours(s string, start, end int, want wordScript) bool {
	prev, next := neighbourScript(s, start, -1), neighbourScript(s, end, +1)
	if prev == noWord && next == noWord {
		return false
	}
	return (prev == noWord || prev == want) && (next == noWord || next == want)
}

type wordScript int

const (
	noWord wordScript = iota
	latinWord
	cyrillicWord
	foreignWord
)

// neighbourScript looks from i in direction dir (-1 back, +1 forward) for
// the nearest letter, within a short distance, and tells its script.
// Look-alikes are skipped: they belong to the same run of disguise.
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
			if cyrillicConfusables[r] != 0 && 'a' <= r && r <= 'z' {
				continue // may be a look-alike of the same run of disguise
			}
			return latinWord
		case unicode.Is(unicode.Latin, r):
			return latinWord
		case unicode.IsLetter(r):
			if _, ok := asciiConfusables[r]; ok {
				continue // another look-alike of the same run of disguise
			}
			if isCyrillicLetter(r) {
				return cyrillicWord
			}
			return foreignWord
		}
	}
	return noWord
}

// scanWords lists the disguised words of s (see scanWord).
func scanWords(s string) []word {
	var words []word
	cyr := hasCyrillic(s)
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			if !isASCIIAlnum(s[i]) {
				i++
				continue
			}
			// A word of plain ASCII is disguised only as a Cyrillic word
			// of look-alikes, in a text with Cyrillic (as in Fold).
			j := i
			for j < len(s) && isASCIIAlnum(s[j]) {
				j++
			}
			if (j == len(s) || s[j] < utf8.RuneSelf) && !(cyr && maybeCyrillicWord(s, i, j)) {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		end, d := scanWord(s, i)
		if d != notDisguised {
			words = append(words, word{start: i, end: end, d: d})
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
// replaced by the letters they imitate, in the word's own script
// ("Coalitiοn" with a Greek omicron becomes "Coalition", "Мoсквa" with Latin
// o and a becomes "Москва"), case kept; other text is left as it is. It is
// for names shown to the analyst; the forms as written stay evidence.
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
			if c, ok := lookAlike(r, w.d); ok {
				b.WriteRune(c)
			} else {
				b.WriteRune(r)
			}
		}
		last = w.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// MixedScript describes the words of a text that mix their script's letters
// with look-alikes from another script (Greek or Cyrillic in a Latin word,
// Latin in a Cyrillic one), the usual sign of a disguised copy.
type MixedScript struct {
	Words      []Span // the disguised words
	Characters int    // look-alike characters inside them
}

// FindMixedScript lists the disguised words of s: Latin words with
// confusable letters of another script (Greek "ο" in "cοntrοl") and
// Cyrillic words with Latin look-alikes ("Мoсквa").
func FindMixedScript(s string) MixedScript {
	var m MixedScript
	for _, w := range scanWords(s) {
		m.Words = append(m.Words, Span{w.start, w.end})
		for _, r := range s[w.start:w.end] {
			if _, ok := lookAlike(r, w.d); ok {
				m.Characters++
			}
		}
	}
	return m
}

// lookAlike returns the letter that r imitates in a word disguised as d: the
// ASCII letter or digit for a letter of another script than Latin in a Latin
// word, the Cyrillic letter for a letter of another script in a Cyrillic
// word.
func lookAlike(r rune, d disguise) (rune, bool) {
	switch d {
	case asLatin:
		if r < utf8.RuneSelf || unicode.Is(unicode.Latin, r) {
			return 0, false
		}
		c, ok := asciiConfusables[r]
		return rune(c), ok
	case asCyrillic:
		return cyrillicOf(r)
	}
	return 0, false
}

// foldArabic folds the Arabic-script variants that keyboards and outlets
// swap for one another, so that a query typed on a Persian keyboard finds
// Arabic-spelled text and the reverse: Persian and Arabic yeh (ی ي ى) and
// kaf (ک ك); heh, teh marbuta and ae (ه ة ە ۀ ھ ہ); alef with hamza or madda
// and alef wasla (أ إ آ ٱ) to bare alef; hamza on waw and yeh (ؤ ئ) and
// the Kurdish oe (ۆ) to waw and yeh; Arabic-Indic and Persian digits to ASCII. Tatweel (the
// stretching ـ) folds to nothing (reported as 0, true). Harakat, the
// superscript alef and other combining marks are dropped with every
// diacritic by foldRune; the zero-width non-joiner with the format
// characters, so "می‌گویند" matches the common "میگویند".
func foldArabic(r rune) (rune, bool) {
	if r < 0x0622 || r > 0x06FF {
		return 0, false
	}
	switch {
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660, true
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0, true
	}
	switch r {
	case 0x0649, 0x06CC, 0x0626, 0x06D0: // ى ی ئ ې
		return 0x064A, true // ي
	case 0x06A9, 0x06AA: // ک ڪ
		return 0x0643, true // ك
	case 0x0629, 0x06D5, 0x06C0, 0x06BE, 0x06C1, 0x06C2: // ة ە ۀ ھ ہ ۂ
		return 0x0647, true // ه
	case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: // آ أ إ ٱ ٲ ٳ
		return 0x0627, true // ا
	case 0x0624, 0x06C6: // ؤ ۆ
		return 0x0648, true // و
	case 0x0640: // tatweel
		return 0, true
	}
	return 0, false
}
