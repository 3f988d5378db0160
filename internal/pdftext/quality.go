package pdftext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// Text quality. A font whose codes are mapped to the wrong characters
// gives text that looks like text ("WASHI!\"#O! $Reuters% - Speci&l") and
// would flow into every analysis unnoticed. Each page is scored on what
// garbling leaves behind: glyphs without any Unicode value, characters
// with no meaning in text (replacement, private use, controls), and words
// no language writes: punctuation inside words, letters of two scripts in
// one word, long runs without a vowel, case flipping inside a word.

// PageQuality is the text-quality score of one page.
type PageQuality struct {
	Page int // 1-based
	// Words is the number of words scored; Plausible how many of them look
	// like words of their script.
	Words, Plausible int
	// Chars counts the non-space characters, Bad those with no meaning
	// in text (U+FFFD, private use, unassigned).
	Chars, Bad int
	// Glyphs counts the glyphs drawn, Unmapped those whose font gives no
	// Unicode text (dropped from Text).
	Glyphs, Unmapped int
	// Score is 0 (garbage) to 1 (reads like text).
	Score float64
	// Reason says why a garbled page is garbled; empty when it is not.
	Reason string
}

// Quality is the text-quality score of a document.
type Quality struct {
	// Score is the words-weighted mean of the pages' scores (1 when no
	// page has words).
	Score float64
	Pages []PageQuality
}

// Garbled reports whether any page's text looks garbled.
func (q Quality) Garbled() bool {
	for _, p := range q.Pages {
		if p.Reason != "" {
			return true
		}
	}
	return false
}

// Thresholds: a page needs some material before it is judged; below the
// thresholds text of any language we read scores far above them (the
// multilingual-dev PDFs: 0.97-1.00), the garbled LibreOffice output of
// issue 12 scores 0.4-0.6.
const (
	minJudgedWords    = 12
	maxJudgedWords    = 100
	minJudgedGlyphs   = 40
	garbledScore      = 0.85
	garbledBadShare   = 0.1
	garbledUnmapShare = 0.1
)

// scorePage scores the text of one page with its glyph counts.
func scorePage(page int, text string, glyphs, unmapped int, unmappedFont string) PageQuality {
	q := PageQuality{Page: page, Glyphs: glyphs, Unmapped: unmapped}
	math := 0
	for _, r := range text {
		if r < 0x80 {
			switch {
			case r == ' ' || r == '\n' || r == '\t' || r == '\r':
				continue
			case r == '+' || r == '<' || r == '=' || r == '>' || r == '|' || r == '~':
				math++
			case r < 0x20 || r == 0x7f:
				q.Bad++
			}
			q.Chars++
			continue
		}
		if r >= 0x400 && r <= 0x4ff || r >= 0x621 && r <= 0x6ff {
			q.Chars++ // Cyrillic and Arabic letters: the common case, fast
			continue
		}
		if unicode.IsSpace(r) {
			continue
		}
		q.Chars++
		if badRune(r) {
			q.Bad++
		}
		if r >= 0x370 && r <= 0x3ff || unicode.Is(unicode.Sm, r) {
			math++
		}
	}
	// Formulas (symbols, Greek, indices: "κn1 (s) := min κnNor") are not
	// words: a page dense with them is judged on its glyphs only.
	formulas := math > q.Chars/50
	rest := text
	for judged := 0; judged < maxJudgedWords && rest != ""; {
		// The next space-separated word, without allocating.
		i := strings.IndexFunc(rest, unicode.IsSpace)
		w := rest
		if i >= 0 {
			_, n := utf8.DecodeRuneInString(rest[i:])
			w, rest = rest[:i], rest[i+n:]
		} else {
			rest = ""
		}
		w = strings.TrimFunc(w, edgePunct)
		if w == "" || !hasLetter(w) {
			continue
		}
		judged++
		q.Words++
		if plausibleWord(w) {
			q.Plausible++
		}
	}
	q.Score = 1
	if q.Words > 0 {
		q.Score = float64(q.Plausible) / float64(q.Words)
	}
	if q.Chars > 0 {
		q.Score *= 1 - float64(q.Bad)/float64(q.Chars)
	}
	unmapShare := garbledUnmapShare
	if formulas {
		unmapShare *= 3 // math fonts often lack maps for a few symbols
	}
	switch {
	case glyphs >= minJudgedGlyphs && float64(unmapped) > unmapShare*float64(glyphs):
		font := ""
		if unmappedFont != "" {
			font = " " + unmappedFont
		}
		q.Reason = fmt.Sprintf("the font%s has no usable Unicode map (%d of %d glyphs have no character)", font, unmapped, glyphs)
	case q.Chars >= minJudgedGlyphs && float64(q.Bad) > garbledBadShare*float64(q.Chars):
		q.Reason = fmt.Sprintf("%d of %d characters are private-use or unknown: the font has no usable Unicode map", q.Bad, q.Chars)
	case q.Words >= minJudgedWords && q.Score < garbledScore && !formulas:
		q.Reason = fmt.Sprintf("only %d of %d words look like words (punctuation or mixed scripts inside words): the font's Unicode map is wrong", q.Plausible, q.Words)
	}
	return q
}

// documentQuality combines the pages' scores.
func documentQuality(pages []PageQuality) Quality {
	q := Quality{Score: 1, Pages: pages}
	words, sum := 0, 0.0
	for _, p := range pages {
		words += p.Words
		sum += p.Score * float64(p.Words)
	}
	if words > 0 {
		q.Score = sum / float64(words)
	}
	return q
}

// warnings are the garbled pages as Problems-list messages; runs of more
// than a few pages are summed up in one.
func (q Quality) warnings() []string {
	var out []string
	n := 0
	for _, p := range q.Pages {
		if p.Reason == "" {
			continue
		}
		n++
		if n <= 3 {
			out = append(out, document.GarbledWarning(p.Page, p.Reason))
		}
	}
	if n > 3 {
		out = append(out, document.GarbledWarning(0, fmt.Sprintf("%d more pages look garbled too", n-3)))
	}
	return out
}

func badRune(r rune) bool {
	return r == unicode.ReplacementChar || r >= 0xe000 && r <= 0xf8ff || r >= 0xf0000 ||
		unicode.IsControl(r) || !unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r)
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// edgePunct is what may surround a word: quotes, brackets, sentence
// punctuation, currency and percent signs, footnote marks.
func edgePunct(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// inWordPunct is punctuation words do hold between letters: apostrophes,
// hyphens, abbreviation dots, the Arabic comma. Numbers hold more (see
// plausibleWord); URLs and addresses are judged apart.
func inWordPunct(r rune) bool {
	switch r {
	case '\'', '’', '‘', '-', '‐', '‑', '–', '.', '·', '،', '/', '_', '&':
		return true
	}
	return false
}

// plausibleWord reports whether w (edge punctuation trimmed) looks like a
// word of its script.
func plausibleWord(w string) bool {
	if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.Contains(w, "@") {
		return true // a URL or an address: anything goes
	}
	var script *unicode.RangeTable
	letters, vowels, run, maxRun, flips := 0, 0, 0, 0, 0
	lowerSeen := false
	prevUpper, prevLower := false, false
	for i, r := range w {
		switch {
		case isLetter(r):
			s := scriptOf(r)
			if s != nil {
				if script != nil && s != script {
					return false
				}
				script = s
			}
			letters++
			if isVowel(r) {
				vowels++
				run = 0
			} else if s == unicode.Latin || s == unicode.Cyrillic {
				run++
				maxRun = max(maxRun, run)
			}
			up, low := unicode.IsUpper(r), unicode.IsLower(r)
			// lower → upper more than once ("rEuTers") is not a word;
			// one flip is a name ("McDonald", "iPhone").
			if up && prevLower {
				flips++
			}
			if low && prevUpper && lowerSeen {
				flips++
			}
			lowerSeen = lowerSeen || low
			prevUpper, prevLower = up, low
		case unicode.IsMark(r), r == 0x200c || r == 0x200d:
			// Marks, and the joiner and non-joiner of Persian words.
		case unicode.IsDigit(r), r == ',' || r == ':' || r == '%' || r == '+':
			// Digits and number punctuation inside a word of letters
			// ("Ro2ert", "Speci%l") are a wrong map; around letters at
			// its ends ("G7", "2km", "ب10") they are normal.
			if letterBefore(w[:i]) && letterAfter(w[i+utf8.RuneLen(r):]) {
				return false
			}
			run = 0
			prevUpper, prevLower = false, false
		case inWordPunct(r):
			run = 0
			prevUpper, prevLower = false, false
		default:
			return false
		}
	}
	if flips > 2 {
		return false
	}
	if (script == unicode.Latin || script == unicode.Cyrillic) && letters >= 5 && vowels == 0 {
		return false
	}
	return maxRun < 6
}

// letterBefore and letterAfter report whether the nearest character
// before (after) that is not a digit is a letter.
func letterBefore(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !unicode.IsDigit(r) {
			return isLetter(r)
		}
		s = s[:len(s)-n]
	}
	return false
}

func letterAfter(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if !unicode.IsDigit(r) {
			return isLetter(r)
		}
		s = s[n:]
	}
	return false
}

func isLetter(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// scripts holds the scripts told apart inside a word.
var scripts = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Devanagari, unicode.Thai, unicode.Armenian, unicode.Georgian}

func scriptOf(r rune) *unicode.RangeTable {
	// The scripts of the news we read first, by their blocks; the tables
	// for the rest.
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return unicode.Latin
		}
		return nil
	case r >= 0xc0 && r <= 0x24f && r != 0xd7 && r != 0xf7:
		return unicode.Latin
	case r >= 0x400 && r <= 0x52f:
		return unicode.Cyrillic
	case r >= 0x621 && r <= 0x64a || r >= 0x66e && r <= 0x6d3 || r >= 0x6fa && r <= 0x6ff:
		return unicode.Arabic
	case r >= 0x5d0 && r <= 0x5ea:
		return unicode.Hebrew
	case r >= 0x391 && r <= 0x3c9:
		return unicode.Greek
	}
	for _, s := range scripts {
		if unicode.Is(s, r) {
			if s == unicode.Hiragana || s == unicode.Katakana {
				return unicode.Han // Japanese mixes them in a word
			}
			return s
		}
	}
	return nil
}

func isVowel(r rune) bool {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return strings.ContainsRune("aeiouy", r)
	}
	if strings.ContainsRune("аеёиоуыэюяіїєў", r) {
		return true
	}
	// Accented Latin vowels and other letters of Latin-1 and Latin
	// Extended count as vowels: a word of them is not a consonant run.
	return r >= 0xc0 && r <= 0x24f
}
