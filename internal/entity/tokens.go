package entity

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
)

// Separators between a token and the one before it.
const (
	sepSpace  = ' ' // spaces or tabs on one line
	sepHyphen = '-' // a single hyphen, no spaces
	sepBreak  = '|' // anything else: punctuation, a new line, a new body span
)

type token struct {
	start, end int    // byte span in the original text
	key        string // folded, dots removed
	cap        bool   // first letter is upper case
	allCaps    bool   // every letter upper case, at least two letters
	dotted     bool   // an acronym with dots ("U.S.")
	digit      bool   // starts with a digit
	possessive bool   // a possessive "'s" followed (and was cut off)
	sep        byte   // separator before the token
	sentStart  bool   // first word of a sentence or a line
	lineStart  bool
	line       int
	parenOpen  bool // "(" right before
	parenClose bool // ")" right after
	used       int  // index+1 of the mention holding it, or usedDemonym, usedChrome
}

// Marks of tokens that no mention may hold.
const (
	usedDemonym = -1 // an adjective of a place: "Iraqi", "Marvanian"
	usedChrome  = -2 // page furniture: "Hide Caption"
	usedTitle   = -3 // a title no name follows: "the commander in Chief,"
)

// tokenize splits the body spans of text into word tokens. It stops with
// ctx's error when ctx is cancelled.
func tokenize(ctx context.Context, text string, spans []document.Span, folded textnorm.Folded) ([]token, error) {
	var toks []token
	line := 0
	lineAt := 0 // byte offset up to which lines have been counted
	for _, sp := range spans {
		first := len(toks)
		i := sp.Start
		for i < sp.End {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !wordscan.IsWordRune(r) {
				i += size
				continue
			}
			if n := elision(text, i, sp.End); n > 0 {
				i += n // French "l’Iran", "d’Arabie": the name starts after the article
			}
			if len(toks)%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			start := i
			end, possessive := scanWord(text, i, sp.End)
			i = end
			if possessive {
				i = end + apostropheLen(text, end) + 1
			}
			line += strings.Count(text[lineAt:start], "\n")
			lineAt = start
			t := token{start: start, end: end, possessive: possessive, line: line}
			fillToken(&t, text, folded)
			t.sep = sepBreak
			if len(toks) > first {
				prev := &toks[len(toks)-1]
				gap := text[prev.end:start]
				t.sep = separator(gap, prev.possessive)
				if t.sep == sepBreak && !prev.possessive && softWrap(text, prev.end, start) {
					t.sep = sepSpace // a line wrapped inside a sentence: "Seren Valley\nWater Commission"
				}
				if t.sep == sepBreak && t.cap && initialGap(gap) && prev.end-prev.start == 1 && prev.cap &&
					len(toks)-first >= 2 && prev.sep == sepSpace && toks[len(toks)-2].cap {
					t.sep = sepSpace // a middle initial: "George W. Bush"
				}
			}
			t.sentStart, t.lineStart = sentenceStart(text, sp.Start, start, toks[first:])
			t.parenOpen = strings.HasSuffix(strings.TrimRight(text[sp.Start:start], " "), "(")
			t.parenClose = strings.HasPrefix(strings.TrimLeft(text[end:sp.End], " "), ")")
			toks = append(toks, t)
		}
	}
	return toks, nil
}

// initialGap reports whether the gap after a one-letter word is the dot of
// an initial and spaces: "W. ".
func initialGap(gap string) bool {
	return len(gap) >= 2 && gap[0] == '.' && strings.Trim(gap[1:], " ") == ""
}

// softWrap reports whether the gap text[from:to] between two words is a
// line wrapped inside a sentence (text extracted from PDFs, hard-wrapped
// plain text): spaces and one line break, after a long line that does not
// end a sentence. A blank line, a short line (a heading, a byline) or a
// line ending in . ! ? : ; is a real break.
func softWrap(text string, from, to int) bool {
	gap := text[from:to]
	nl := strings.IndexByte(gap, '\n')
	if nl < 0 || strings.Count(gap, "\n") != 1 || strings.Trim(gap, " \t\r\n") != "" {
		return false
	}
	nl += from
	ls := strings.LastIndexByte(text[:nl], '\n') + 1
	line := strings.TrimRight(text[ls:nl], " \t\r")
	if utf8.RuneCountInString(line) < 50 || line == "" {
		return false
	}
	switch line[len(line)-1] {
	case '.', '!', '?', ':', ';', '|':
		return false
	}
	return true
}

func apostropheLen(s string, i int) int {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// scanWord returns the end of the word starting at i: letters and digits,
// inner apostrophes ("Kata'ib"), dotted acronyms ("U.S."). A trailing
// possessive "'s" is left out and reported.
func scanWord(s string, i, limit int) (end int, possessive bool) {
	start := i
	singles := true // every segment so far is one letter: "U.S"
	segLen := 0
	for i < limit {
		r, size := utf8.DecodeRuneInString(s[i:])
		if wordscan.IsWordRune(r) {
			i += size
			segLen++
			continue
		}
		if wordscan.IsApostrophe(r) && i+size < limit {
			n, nsize := utf8.DecodeRuneInString(s[i+size:])
			if unicode.IsLetter(n) && i > start {
				// a possessive 's at the end of the word
				if (n == 's' || n == 'S') && (i+size+nsize >= limit || !wordscan.IsWordRune(runeAt(s, i+size+nsize))) {
					return i, true
				}
				i += size
				singles = false
				continue
			}
		}
		if r == '.' && singles && segLen == 1 && i+1 < limit {
			n, nsize := utf8.DecodeRuneInString(s[i+1:])
			if unicode.IsUpper(n) && (i+1+nsize >= limit || !wordscan.IsWordRune(runeAt(s, i+1+nsize))) {
				i++ // the dot; the next letter follows
				segLen = 0
				continue
			}
			if strings.Count(s[start:i], ".") > 0 {
				return i + 1, false // the final dot of "U.S."
			}
		}
		break
	}
	return i, false
}

func runeAt(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func fillToken(t *token, text string, folded textnorm.Folded) {
	word := text[t.start:t.end]
	fs, fe := folded.FoldedStart(t.start), folded.FoldedStart(t.end)
	k := folded.Text[fs:fe]
	if strings.IndexByte(k, '.') >= 0 {
		k = strings.ReplaceAll(k, ".", "")
		t.dotted = true
	}
	t.key = k
	letters, upper := 0, 0
	for n, r := range word {
		if n == 0 {
			t.cap = unicode.IsUpper(r) || unicode.IsTitle(r)
			t.digit = unicode.IsDigit(r)
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	t.allCaps = letters >= 2 && upper == letters
	if t.dotted && !t.allCaps {
		t.dotted = false
	}
}

func separator(gap string, possessive bool) byte {
	if possessive || gap == "" {
		if gap == "" && !possessive {
			return sepSpace
		}
		return sepBreak
	}
	allSpace := true
	for _, r := range gap {
		if r != ' ' && r != '\t' && r != '\u00a0' {
			allSpace = false
			break
		}
	}
	if allSpace {
		return sepSpace
	}
	if r, size := utf8.DecodeRuneInString(gap); size == len(gap) && wordscan.IsHyphen(r) {
		return sepHyphen
	}
	return sepBreak
}

// sentenceStart reports whether the word at pos starts a sentence (after
// . ! ? : ; or at the start of a line or span) and whether it starts a line.
func sentenceStart(text string, spanStart, pos int, prev []token) (sent, line bool) {
	i := pos
	for i > spanStart {
		r, size := utf8.DecodeLastRuneInString(text[spanStart:i])
		switch {
		case r == '\n' && softWrap(text, i-size, pos):
			i -= size // a wrapped line goes on with its sentence
			continue
		case r == '\n' || r == '\r':
			return true, true
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '"' || r == '\u201c' || r == '\u201d' ||
			r == '\u2018' || r == '\u2019' || r == '\'' || r == '(' || r == '[' || r == '*' || r == '\u2022' || r == '-' || r == '\u2013' || r == '\u2014' ||
			r == '#' || r == '>' || r == '_':
			i -= size
			continue
		case r == '.':
			if len(prev) > 0 {
				p := prev[len(prev)-1]
				if p.dotted || wordscan.IsAbbreviation(p.key) || len(p.key) == 1 && p.cap {
					return false, false
				}
			}
			return true, false
		case r == '!' || r == '?' || r == ':' || r == ';' || r == '\u2026' || r == '|':
			return true, false
		default:
			if unicode.IsDigit(r) {
				// "1. Washington": a numbered list item starts a sentence when
				// the number starts the line.
				j := i - size
				for j > spanStart {
					q, qs := utf8.DecodeLastRuneInString(text[spanStart:j])
					if !unicode.IsDigit(q) && q != '.' && q != ')' {
						break
					}
					j -= qs
				}
				if j == spanStart || text[j-1] == '\n' {
					return true, true
				}
			}
			return false, false
		}
	}
	return true, true
}

// elision returns the length of a French elided article or conjunction
// before a capitalised word at i ("l’Iran", "d'Arabie", "qu’Israël",
// "L’Arabie"), or 0. English names with an apostrophe ("D'Angelo",
// "O'Brien") start with another capital and are left whole.
func elision(text string, i, limit int) int {
	for _, p := range []string{"l", "d", "qu", "s", "n", "j", "jusqu", "lorsqu", "puisqu", "L"} {
		if !strings.HasPrefix(text[i:limit], p) {
			continue
		}
		j := i + len(p)
		r, size := utf8.DecodeRuneInString(text[j:limit])
		if !wordscan.IsApostrophe(r) || r == '`' {
			continue
		}
		n, _ := utf8.DecodeRuneInString(text[j+size : limit])
		if unicode.IsUpper(n) {
			return j + size - i
		}
	}
	return 0
}
