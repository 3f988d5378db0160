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

// tokenize splits the body spans of text into word tokens with wordscan's
// tokenizer. It stops with ctx's error when ctx is cancelled.
func tokenize(ctx context.Context, text string, spans []document.Span, folded textnorm.Folded) ([]token, error) {
	var toks []token
	line := 0
	lineAt := 0 // byte offset up to which lines have been counted
	for _, sp := range spans {
		first := len(toks)
		stopEnded := false // the previous word's own stop ended its sentence: "D.C. The"
		sc := wordscan.NewScanner(text, sp.Start, sp.End, wordscan.Options{})
		for {
			w, ok := sc.Next()
			if !ok {
				break
			}
			if w.Kind == wordscan.Punct || w.Kind == wordscan.Break {
				continue
			}
			if len(toks)%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			start, end := w.Start, w.End
			if w.Stop && w.Kind == wordscan.Initial && strings.IndexByte(text[start:end], '.') >= 0 {
				end++ // the final dot of "U.S."
			}
			capital, allCaps := w.Capital, w.AllCaps
			if n := elision(text, start, end); n > 0 {
				// French "l’Iran", "d’Arabie": the name starts after the article.
				start += n
				capital, allCaps = wordscan.CaseOf(text[start:end])
			}
			line += strings.Count(text[lineAt:start], "\n")
			lineAt = start
			t := token{start: start, end: end, possessive: w.Possessive > 0, line: line, cap: capital, allCaps: allCaps}
			fillToken(&t, text, folded)
			t.sep = sepBreak
			if len(toks) > first {
				prev := &toks[len(toks)-1]
				gap := text[prev.end:start]
				t.sep = separator(gap, prev.possessive)
				if stopEnded {
					t.sep = sepBreak
				}
				if t.sep == sepBreak && !prev.possessive && softWrap(text, prev.end, start) {
					t.sep = sepSpace // a line wrapped inside a sentence: "Seren Valley\nWater Commission"
				}
				if t.sep == sepBreak && t.cap && initialGap(gap) && prev.end-prev.start == 1 && prev.cap &&
					len(toks)-first >= 2 && prev.sep == sepSpace && toks[len(toks)-2].cap {
					t.sep = sepSpace // a middle initial: "George W. Bush"
				}
			}
			t.sentStart, t.lineStart = sentenceStart(text, sp.Start, start, w.SentStart)
			t.parenOpen = strings.HasSuffix(strings.TrimRight(text[sp.Start:start], " "), "(")
			t.parenClose = strings.HasPrefix(strings.TrimLeft(text[end:sp.End], " "), ")")
			toks = append(toks, t)
			stopEnded = w.Stop && w.SentEnd
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

// fillToken sets t's key (folded, dots removed), digit and dotted; the
// case comes from the tokenizer.
func fillToken(t *token, text string, folded textnorm.Folded) {
	fs, fe := folded.FoldedStart(t.start), folded.FoldedStart(t.end)
	k := folded.Text[fs:fe]
	if strings.IndexByte(k, '.') >= 0 {
		k = strings.ReplaceAll(k, ".", "")
		t.dotted = t.allCaps // an acronym with dots: "U.S.", not "e.g."
	}
	t.key = k
	r, _ := utf8.DecodeRuneInString(text[t.start:t.end])
	t.digit = unicode.IsDigit(r)
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
// . ! ? : ; or at the start of a line or span) and whether it starts a line:
// a place where a capital is no evidence of a name. afterStop is the
// tokenizer's judgement of a full stop before the word (wordscan's one
// rule for initials and abbreviations).
func sentenceStart(text string, spanStart, pos int, afterStop bool) (sent, line bool) {
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
			return afterStop, false
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
