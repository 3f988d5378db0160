package wordscan

import (
	"unicode"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

const (
	// Word is a word whose first letter is not upper case (or a script
	// without case).
	Word Kind = iota
	// Capitalised is a word whose first letter is upper or title case.
	Capitalised
	// Initial is one capital letter with its full stop ("J."), or single
	// letters joined by full stops ("U.S.", "D.C", "e.g.").
	Initial
	// Abbreviation is a word of the abbreviation table with its full stop
	// ("Gen.", "Inc.", "Jan.").
	Abbreviation
	// Number is a word that starts with a digit ("2019", "3.5", "10th").
	Number
	// Punct is one punctuation or symbol character.
	Punct
	// Break is a line break with the blank space around it.
	Break
)

// Token is one token of a scanned text.
type Token struct {
	// Start and End are the byte span of the token in the scanned text. A
	// word's span leaves out its possessive "'s" and its full stop.
	Start, End int
	Kind       Kind
	// Capital: the first letter is upper or title case. AllCaps: two
	// letters or more, all upper case.
	Capital, AllCaps bool
	// Stop: a full stop right after End belongs to the word (an initial
	// or an abbreviation); it was consumed and is no Punct token.
	Stop bool
	// Possessive is the byte length of a possessive "'s" cut off after
	// End (and consumed), 0 when there is none.
	Possessive int
	// SentStart: the first word of a sentence: the first of the text,
	// the first after a line break or after a sentence end. Only words
	// carry it.
	SentStart bool
	// SentEnd: a sentence ends with this token: a "." that is no part of
	// a word, "!", "?" or "؟", or an initial or abbreviation whose stop ends
	// the sentence too (see Scanner).
	SentEnd bool
}

// Options tune a Scanner to the text it reads.
type Options struct {
	// Hyphens joins hyphenated compounds ("al-Maliki", "ex-minister")
	// into one word; without it the hyphen is a Punct token.
	Hyphens bool
	// Case reports the case of the word at [start, end) when the scanned
	// text is not the original (folded text has lost its capitals). Nil
	// reads the scanned text.
	Case func(start, end int) (capital, allCaps bool)
}

// Scanner is the one word tokenizer of entity, framing and boilerplate.
// It splits text into words (letters, digits and combining marks, with
// inner apostrophes, zero-width non-joiners, dotted initials and decimal
// points), punctuation and line breaks, and tells where sentences end.
//
// The rule for a full stop: after an ordinary word or a number it ends
// the sentence, even with no space after it (texts lose it). After
// an initial ("J."), dotted initials ("D.C.") or an abbreviation of the
// table ("Gen.") it ends the sentence only when what follows is the end of
// the line or text, or a capitalised word that opens sentences and does
// not open names ("The", "Then", "He"): "J. Smith" and "Gen. Smith" are
// one sentence, "in Washington D.C. Then" and "Plan B. The" are two.
// Lower-case dotted initials ("a.m.", "p.m.", "i.e.") end it before any
// capitalised word: "at 5 p.m. Guests include" is two.
type Scanner struct {
	text     string
	pos, end int
	opt      Options
	atStart  bool
}

// NewScanner returns a Scanner of text[start:end]; token offsets are
// offsets into text.
func NewScanner(text string, start, end int, opt Options) *Scanner {
	return &Scanner{text: text, pos: start, end: end, opt: opt, atStart: true}
}

// Next returns the next token, false at the end.
func (s *Scanner) Next() (Token, bool) {
	for s.pos < s.end {
		c := s.text[s.pos]
		if c == ' ' || c == '\t' {
			s.pos++
			continue
		}
		if c == '\n' || c == '\r' {
			j := s.pos
			for j < s.end && (s.text[j] == '\n' || s.text[j] == '\r' || s.text[j] == ' ' || s.text[j] == '\t') {
				j++
			}
			t := Token{Start: s.pos, End: j, Kind: Break}
			s.pos = j
			s.atStart = true
			return t, true
		}
		r, size := utf8.DecodeRuneInString(s.text[s.pos:])
		switch {
		case IsWordRune(r):
			return s.word(), true
		case unicode.IsSpace(r):
			s.pos += size
		default:
			t := Token{Start: s.pos, End: s.pos + size, Kind: Punct}
			s.pos += size
			// A stop glued to the next word still ends the sentence:
			// texts lose the space after it ("this month.Currently").
			t.SentEnd = r == '.' || r == '!' || r == '?' || r == '\u061f' // Arabic question mark
			if t.SentEnd {
				s.atStart = true
			}
			return t, true
		}
	}
	return Token{}, false
}

// word scans the word starting at s.pos.
func (s *Scanner) word() Token {
	text, start, limit := s.text, s.pos, s.end
	i := start
	singles := true // every segment so far is one letter: "U.S"
	segLen := 0     // runes in the current segment
	dotted := false
	digits := true // every rune so far is a digit
	poss := 0
	for i < limit {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if IsWordRune(r) {
			i += size
			segLen++
			if r < '0' || r > '9' {
				digits = false
			}
			continue
		}
		if i+size >= limit || !(r == '.' || IsApostrophe(r) || r == '\u200c' || s.opt.Hyphens && IsHyphen(r)) {
			break
		}
		n, nsize := utf8.DecodeRuneInString(text[i+size:])
		if IsApostrophe(r) && unicode.IsLetter(n) {
			after := i + size + nsize
			if (n == 's' || n == 'S') && (after >= limit || !IsWordRune(s.runeAt(after))) {
				poss = size + nsize // a possessive "'s" ends the word
				break
			}
			i += size
			singles, digits = false, false
			continue
		}
		if r == '\u200c' && unicode.IsLetter(n) {
			i += size // a zero-width non-joiner inside a word: Persian "رئیس‌جمهور"
			singles, digits = false, false
			continue
		}
		if s.opt.Hyphens && IsHyphen(r) && IsWordRune(n) {
			i += size
			singles, digits = false, false
			continue
		}
		if r == '.' {
			if digits && '0' <= n && n <= '9' {
				i++ // a decimal point: "3.5"
				continue
			}
			if singles && segLen == 1 && !digits && unicode.IsLetter(n) &&
				(i+1+nsize >= limit || !IsWordRune(s.runeAt(i+1+nsize))) &&
				s.sameCase(start, i+1, i+1+nsize) {
				i++ // dotted initials: the next single letter follows
				segLen = 0
				dotted = true
				continue
			}
		}
		break
	}
	t := Token{Start: start, End: i, Possessive: poss}
	t.Capital, t.AllCaps = s.caseOf(start, i)
	stop := poss == 0 && i < limit && text[i] == '.'
	first, _ := utf8.DecodeRuneInString(text[start:])
	switch {
	case unicode.IsDigit(first):
		t.Kind = Number
	case dotted:
		t.Kind, t.Stop = Initial, stop
	case stop && t.Capital && segLen == 1 && singles && unicode.IsLetter(first):
		t.Kind, t.Stop = Initial, true
	case stop && IsAbbreviation(text[start:i]):
		t.Kind, t.Stop = Abbreviation, true
	case t.Capital:
		t.Kind = Capitalised
	}
	s.pos = i + poss
	if t.Stop {
		s.pos++
		// Lower-case dotted initials ("a.m.", "p.m.", "i.e.") start no
		// name: any capital after them opens a sentence.
		t.SentEnd = s.stopEnds(s.pos, t.Kind == Initial && !t.Capital)
	}
	t.SentStart = s.atStart
	s.atStart = t.SentEnd
	return t
}

// stopEnds reports whether the stop of an initial or abbreviation, ending
// before i, ends the sentence too: the line or text ends after it, or a
// capitalised sentence opener follows ("Plan B. The", "D.C. Then"); with
// anyCapital, any capitalised word ("5 p.m. Guests include").
func (s *Scanner) stopEnds(i int, anyCapital bool) bool {
	if i < s.end && IsWordRune(s.runeAt(i)) {
		return false // "J.Smith"
	}
	for i < s.end {
		r, size := utf8.DecodeRuneInString(s.text[i:])
		switch {
		case r == '\n' || r == '\r':
			return true
		case r == ' ' || r == '\t' || unicode.IsSpace(r) || isQuote(r):
			i += size
			continue
		case IsWordRune(r):
			j := i
			for j < s.end {
				q, qs := utf8.DecodeRuneInString(s.text[j:])
				if !unicode.IsLetter(q) {
					break
				}
				j += qs
			}
			if j == i || j < s.end && s.text[j] == '.' {
				return false // a number, or another initial: "J. R. R."
			}
			capital, _ := s.caseOf(i, j)
			return capital && (anyCapital || isOpener(s.text[i:j]))
		default:
			return false // "Inc.)", "U.S.,"
		}
	}
	return true
}

// sameCase reports whether the letter at [j, k) has the case of the first
// letter of the word at start: "U.S.", "e.g.", not "S.U.V.s".
func (s *Scanner) sameCase(start, j, k int) bool {
	_, size := utf8.DecodeRuneInString(s.text[start:])
	a, _ := s.caseOf(start, start+size)
	b, _ := s.caseOf(j, k)
	return a == b
}

func (s *Scanner) caseOf(start, end int) (capital, allCaps bool) {
	if s.opt.Case != nil {
		return s.opt.Case(start, end)
	}
	return CaseOf(s.text[start:end])
}

func (s *Scanner) runeAt(i int) rune {
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	return r
}

// CaseOf reports whether word's first rune is upper or title case and
// whether it has two letters or more, all upper case.
func CaseOf(word string) (capital, allCaps bool) {
	if word == "" {
		return false, false
	}
	if c := word[0]; 'a' <= c && c <= 'z' {
		return false, false // the common case: a lower-case ASCII word
	}
	letters, upper := 0, 0
	for n, r := range word {
		if n == 0 {
			capital = unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return capital, letters >= 2 && upper == letters
}

// isQuote reports whether r opens or closes a quotation or a bracket.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb', '(', ')', '[', ']':
		return true
	}
	return false
}
