package distinctive

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// token is one word of a document's body: its span in Document.Text, the
// hash of its lowercased form, and whether a phrase may not run across the
// gap before it (punctuation, a number, a paragraph break, boilerplate).
type token struct {
	start, end  int32
	hash        uint64
	breakBefore bool
	stop        bool
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString hashes a lowercased word the way the tokeniser does.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	var buf [utf8.UTFMax]byte
	for _, r := range s {
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * fnvPrime
		}
	}
	return h
}

// combine hashes a phrase from the hash of its first words and the next one.
func combine(a, b uint64) uint64 {
	a ^= b + 0x9e3779b97f4a7c15 + (a << 6) + (a >> 2)
	// a final mix so that phrases and words do not share structure
	a ^= a >> 33
	a *= 0xff51afd7ed558ccd
	a ^= a >> 33
	return a
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenize appends the words of doc's body (boilerplate left out) to toks.
// Words are runs of letters, marks and digits (any script), with inner
// hyphens kept ("Iran-backed"); apostrophes split words ("l'armée" →
// "l", "armée"). Words without a letter (numbers) are not tokens but break
// phrases.
func tokenize(doc *document.Document, stops map[uint64]bool, toks []token) []token {
	text := doc.Text
	for _, sp := range doc.BodySpans() {
		brk := true // nothing joins across boilerplate
		newlines := 0
		i := sp.Start
		for i < sp.End {
			if text[i] == ' ' {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				switch {
				case r == '\n':
					newlines++
					if newlines >= 2 {
						brk = true
					}
				case r == '\'' || r == '’' || unicode.IsSpace(r):
				default:
					brk = true
				}
				i += size
				continue
			}
			// a word: letters, marks, digits and inner hyphens
			start := i
			h := uint64(fnvOffset)
			letters, ascii, runes := 0, 0, 0
			var buf [utf8.UTFMax]byte
			for i < sp.End {
				if c := text[i]; c < utf8.RuneSelf {
					// ASCII fast path
					switch {
					case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
						letters++
						ascii++
						runes++
						h = (h ^ uint64(c|0x20)) * fnvPrime
						i++
						continue
					case '0' <= c && c <= '9':
						ascii++
						runes++
						h = (h ^ uint64(c)) * fnvPrime
						i++
						continue
					}
				}
				r, size := utf8.DecodeRuneInString(text[i:])
				if isHyphen(r) {
					nr, _ := utf8.DecodeRuneInString(text[i+size:])
					if i+size < sp.End && isWordRune(nr) && runes > 0 {
						h = (h ^ '-') * fnvPrime
						i += size
						continue
					}
					break
				}
				if !isWordRune(r) {
					break
				}
				if unicode.IsLetter(r) {
					letters++
				}
				if !unicode.IsMark(r) {
					runes++
				}
				n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, b := range buf[:n] {
					h = (h ^ uint64(b)) * fnvPrime
				}
				i += size
			}
			newlines = 0
			if ascii > 0 && ascii < runes {
				// a Latin word disguised with look-alike letters of another
				// script ("sаid" with a Cyrillic а) counts as the word it imitates
				h = hashString(textnorm.Undisguise(text[start:i]))
			}
			if letters == 0 {
				brk = true
				continue
			}
			toks = append(toks, token{start: int32(start), end: int32(i), hash: h, breakBefore: brk,
				stop: runes < 2 || stops[h]})
			brk = false
		}
	}
	return toks
}

// grams calls fn with the hash and token range [i, j) of every term the
// tokens hold: each non-stop word, and each phrase of 2..maxN words within
// a clause that neither starts nor ends with a stop word.
func grams(toks []token, maxN int, fn func(h uint64, i, j int)) {
	for i := range toks {
		if toks[i].stop {
			continue
		}
		fn(toks[i].hash, i, i+1)
		h := toks[i].hash
		for n := 2; n <= maxN && i+n <= len(toks); n++ {
			t := toks[i+n-1]
			if t.breakBefore {
				break
			}
			h = combine(h, t.hash)
			if !t.stop {
				fn(h, i, i+n)
			}
		}
	}
}

// termText is the lowercased text of tokens [i, j), joined by spaces.
func termText(text string, toks []token, i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			// "d'occupation", "militia's attack": an apostrophe between
			// two words stays; any other gap is one space
			if gap := strings.TrimSpace(text[toks[k-1].end:toks[k].start]); gap == "'" || gap == "’" {
				b.WriteString(gap)
			} else {
				b.WriteByte(' ')
			}
		}
		for _, r := range textnorm.Undisguise(text[toks[k].start:toks[k].end]) {
			if isHyphen(r) {
				r = '-'
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Stopwords are stop-word lists by language (ISO 639-1 code), taken from
// the language profiles, the one source of stop words: their
// TermStopwords (resources/lang/<code>/stopwords.txt and
// stopwords_terms.txt).
type Stopwords struct {
	byLang map[string]map[uint64]bool
	all    map[uint64]bool
}

// StopwordsFrom hashes the term stop words of every profile of langs.
func StopwordsFrom(langs *lang.Set) *Stopwords {
	sw := &Stopwords{byLang: map[string]map[uint64]bool{}, all: map[uint64]bool{}}
	for _, p := range langs.Profiles() {
		set := make(map[uint64]bool, len(p.TermStopwords))
		// TermStopwords holds Stopwords in a loaded profile; a profile
		// built by hand may fill only Stopwords.
		for _, words := range []map[string]bool{p.Stopwords, p.TermStopwords} {
			for w := range words {
				set[hashString(strings.ReplaceAll(w, "‐", "-"))] = true
			}
		}
		sw.byLang[strings.ToLower(string(p.Code))] = set
		for h := range set {
			sw.all[h] = true
		}
	}
	return sw
}

// For returns the stop words of a language ("en", "fr-FR"); for a language
// without a list, or none, every list's words together.
func (sw *Stopwords) For(lang string) map[uint64]bool {
	if sw == nil {
		return nil
	}
	lang = strings.ToLower(strings.TrimSpace(lang))
	if len(lang) > 2 {
		lang = lang[:2]
	}
	if set, ok := sw.byLang[lang]; ok {
		return set
	}
	return sw.all
}

// Languages lists the languages with a stop-word list.
func (sw *Stopwords) Languages() []string {
	var out []string
	for l := range sw.byLang {
		out = append(out, l)
	}
	return out
}
