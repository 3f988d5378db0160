// Package wordscan is the one name tokenizer of entity, framing and
// boilerplate: Scanner splits a text into words, punctuation and line
// breaks with their byte spans and kinds, and tells where sentences end,
// with one rule for the stop after an initial, dotted initials or an
// abbreviation ("J. Smith", "Washington D.C. Then", "Plan B. The"). It
// also holds what that rule rests on: which runes make up a word, which
// join words or cut off a possessive, the one table of abbreviations
// whose full stop does not end a sentence ("Mr.", "Gen.", "Jan.", "Inc.")
// and the words that open sentences.
//
// Each package keeps its own token type (they carry different fields)
// and builds it from the Scanner's tokens, over original or folded text.
package wordscan

import (
	"unicode"
	"unicode/utf8"
)

// IsWordRune reports whether r is part of a word: a letter, a digit or a
// combining mark. ASCII takes a fast path with the same answer.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// IsApostrophe reports whether r is written as an apostrophe in article
// text: the ASCII one, the typographic ones, the modifier letter, and the
// grave and acute accents that stand in for it.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02bc', '\u2018', '`', '\u00b4':
		return true
	}
	return false
}

// IsHyphen reports whether r joins the parts of a compound: the ASCII
// hyphen-minus and the Unicode hyphens (not the dashes).
func IsHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// IsAbbreviation reports whether word, written without its final full stop
// and in any case ("Gen", "gen", "GEN"), is an abbreviation whose stop
// does not end a sentence. Dotted initials ("U.S") are told by
// DottedInitials, not here.
func IsAbbreviation(word string) bool {
	if len(word) > maxAbbrev {
		return false
	}
	var b [maxAbbrev]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c >= utf8.RuneSelf {
			return false // every entry is ASCII
		}
		b[i] = c
	}
	return abbreviations[string(b[:len(word)])]
}

// DottedInitials reports whether word is single letters joined by full
// stops, with or without the last stop: "U.S", "u.s.", "D.C". One letter
// alone is not.
func DottedInitials(word string) bool {
	letters := 0
	want := true // a letter is due
	for _, r := range word {
		switch {
		case want && unicode.IsLetter(r):
			letters++
			want = false
		case !want && r == '.':
			want = true
		default:
			return false
		}
	}
	return letters >= 2
}
