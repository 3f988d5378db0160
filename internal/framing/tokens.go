package framing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
)

// tokKind is the kind of a token of folded text.
type tokKind uint8

const (
	tokWord  tokKind = iota
	tokPunct         // one punctuation character: , . ; : ( ) " …
	tokBreak         // a line break (headline and paragraph ends)
)

// token is a word or punctuation mark of the folded text.
type token struct {
	start, end int    // folded byte offsets
	text       string // folded text
	kind       tokKind
	capital    bool // the original starts with an upper-case letter
	acronym    bool // two or more letters in the original, all upper case
	sentStart  bool // first word of a sentence, line or quotation
	possessive bool // ends in "'s"
}

// isSentenceEnd reports whether t closes a sentence.
func (t token) isSentenceEnd() bool {
	if t.kind == tokBreak {
		return true
	}
	return t.kind == tokPunct && (t.text == "." || t.text == "!" || t.text == "?")
}

// proper reports whether t is capitalised where capitals mean something:
// not the first word of a sentence, or an acronym.
func (t token) proper() bool {
	return t.kind == tokWord && (t.acronym || t.capital && !t.sentStart)
}

// base is the word without a possessive "'s".
func (t token) base() string {
	if t.possessive {
		return t.text[:len(t.text)-2]
	}
	return t.text
}

// tokenize splits the folded text f into tokens, reading capitalisation from
// the original text orig.
func tokenize(f textnorm.Folded, orig string, stopped func() bool) []token {
	return tokenizeInto(nil, f, orig, stopped)
}

// tokenizeInto is tokenize appending to buf[:0], so that one worker reuses
// one token array for all its documents instead of leaving one per
// document to the collector.
func tokenizeInto(buf []token, f textnorm.Folded, orig string, stopped func() bool) []token {
	s := f.Text
	toks := buf[:0]
	if cap(toks) < len(s)/5 {
		toks = make([]token, 0, len(s)/5)
	}
	atStart := true
	for i := 0; i < len(s); {
		if stopped() {
			return nil
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case wordscan.IsWordRune(r):
			j := scanWord(s, i)
			t := token{start: i, end: j, text: s[i:j], kind: tokWord, sentStart: atStart}
			t.possessive = len(t.text) > 2 && strings.HasSuffix(t.text, "'s")
			t.capital, t.acronym = caseOf(f, orig, i, j)
			if !t.capital {
				if h := strings.IndexByte(t.text, '-'); h > 0 && nameParticles[t.text[:h]] {
					// "al-Maliki": the name starts after the particle.
					t.capital, _ = caseOf(f, orig, i+h+1, j)
				}
			}
			atStart = false
			toks = append(toks, t)
			i = j
		case r == '\n' || r == '\r':
			j := i
			for j < len(s) && (s[j] == '\n' || s[j] == '\r' || s[j] == ' ' || s[j] == '\t') {
				j++
			}
			toks = append(toks, token{start: i, end: j, text: "\n", kind: tokBreak})
			atStart = true
			i = j
		case unicode.IsSpace(r):
			i += size
		default:
			t := token{start: i, end: i + size, text: s[i : i+size], kind: tokPunct}
			toks = append(toks, t)
			if t.isSentenceEnd() {
				atStart = true
			}
			i += size
		}
	}
	return toks
}

// scanWord returns the end of the word starting at i: letters and digits with
// inner apostrophes and hyphens, and abbreviations with inner full stops
// ("u.s.").
func scanWord(s string, i int) int {
	j := i
	dotted := false
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if wordscan.IsWordRune(r) {
			j += size
			continue
		}
		if (r == '\'' || r == '-' || r == '.') && j+1 < len(s) {
			n, _ := utf8.DecodeRuneInString(s[j+1:])
			if wordscan.IsWordRune(n) {
				if r == '.' {
					// Only single letters joined by dots form an abbreviation.
					if !singleLetterBefore(s, i, j) {
						break
					}
					dotted = true
				}
				j++
				continue
			}
		}
		if r == '.' && (dotted && singleLetterBefore(s, i, j) || wordscan.IsAbbreviation(s[i:j])) {
			j++ // the final dot of "u.s.", "sen."
		}
		break
	}
	return j
}

func singleLetterBefore(s string, start, j int) bool {
	if j-1 < start {
		return false
	}
	_, size := utf8.DecodeLastRuneInString(s[start:j])
	k := j - size
	if k == start {
		return true
	}
	p, _ := utf8.DecodeLastRuneInString(s[start:k])
	return p == '.'
}

// caseOf reads the capitalisation of the original text behind folded [i,j).
func caseOf(f textnorm.Folded, orig string, i, j int) (capital, acronym bool) {
	os, oe := f.Original(i, j)
	if os >= oe || oe > len(orig) {
		return false, false
	}
	if c := orig[os]; c < utf8.RuneSelf && !('A' <= c && c <= 'Z') && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))) {
		return false, false // the common case: a lower-case ASCII word
	}
	letters, upper := 0, 0
	first := true
	for _, r := range orig[os:oe] {
		if !unicode.IsLetter(r) {
			continue
		}
		if first {
			capital = unicode.IsUpper(r) || unicode.IsTitle(r)
			first = false
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return capital, letters >= 2 && upper == letters
}

// tokenAt returns the index of the first token ending after folded offset
// pos, or len(toks).
func tokenAt(toks []token, pos int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].end <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
