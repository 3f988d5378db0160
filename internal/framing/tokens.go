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
	sentEnd    bool // a sentence ends with it (wordscan's rule for stops)
	possessive bool // ends in "'s"
}

// isSentenceEnd reports whether t closes a sentence.
func (t token) isSentenceEnd() bool {
	return t.kind == tokBreak || t.sentEnd
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

// tokenize splits the folded text f into tokens with wordscan's tokenizer,
// reading capitalisation from the original text orig. Words keep their
// possessive "'s" and the stop of an abbreviation or dotted initials
// ("sen.", "u.s."); the stop of a single initial ("j.") is a token of its
// own, as any other full stop.
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
	sc := wordscan.NewScanner(s, 0, len(s), wordscan.Options{
		Hyphens: true,
		Case:    func(i, j int) (bool, bool) { return caseOf(f, orig, i, j) },
	})
	for {
		if stopped() {
			return nil
		}
		w, ok := sc.Next()
		if !ok {
			break
		}
		switch w.Kind {
		case wordscan.Break:
			toks = append(toks, token{start: w.Start, end: w.End, text: "\n", kind: tokBreak})
			continue
		case wordscan.Punct:
			toks = append(toks, token{start: w.Start, end: w.End, text: s[w.Start:w.End], kind: tokPunct, sentEnd: w.SentEnd})
			continue
		}
		end := w.End
		single := w.Stop && w.Kind == wordscan.Initial && !strings.Contains(s[w.Start:w.End], ".")
		if w.Stop && !single {
			end++ // "u.s.", "sen."
		}
		end += w.Possessive
		t := token{start: w.Start, end: end, text: s[w.Start:end], kind: tokWord, sentStart: w.SentStart,
			capital: w.Capital, acronym: w.AllCaps, possessive: w.Possessive > 0, sentEnd: w.SentEnd && !single}
		if !t.capital {
			if h := strings.IndexByte(t.text, '-'); h > 0 && nameParticles[t.text[:h]] {
				// "al-Maliki": the name starts after the particle.
				t.capital, _ = caseOf(f, orig, w.Start+h+1, end)
			}
		}
		toks = append(toks, t)
		if single {
			toks = append(toks, token{start: w.End, end: w.End + 1, text: ".", kind: tokPunct, sentEnd: w.SentEnd})
		}
	}
	return toks
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
