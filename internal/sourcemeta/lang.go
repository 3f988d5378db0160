package sourcemeta

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// stopwords are a few of the most frequent words of each language the guess
// knows; a text's language is the one whose stop words it uses most.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "are"},
	"fr": {"le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "que", "qui", "pas", "sur"},
	"de": {"der", "die", "und", "das", "nicht", "ist", "mit", "den", "von", "auf", "sich", "dem", "ein", "eine"},
	"es": {"el", "los", "las", "y", "que", "por", "una", "con", "para", "del", "es", "se", "su", "en", "al", "como", "más", "pero", "sus", "hasta"},
	"it": {"il", "di", "che", "della", "per", "non", "sono", "gli", "delle", "una", "nel", "è"},
	"pt": {"o", "os", "as", "e", "que", "do", "da", "não", "uma", "com", "para", "em", "dos"},
	"nl": {"de", "het", "een", "en", "van", "niet", "dat", "is", "op", "zijn", "met", "voor"},
	"ru": {"и", "в", "не", "на", "что", "с", "по", "это", "как", "он", "к", "из", "о"},
	"uk": {"і", "в", "не", "на", "що", "з", "та", "це", "як", "до", "й", "від"},
	"ar": {"في", "من", "على", "أن", "إلى", "التي", "الذي", "عن", "مع", "هذا", "كان"},
	"fa": {"در", "و", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "می"},
	"tr": {"ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi"},
}

// stopIndex maps a stop word to the languages that use it.
var stopIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			idx[w] = append(idx[w], lang)
		}
	}
	return idx
}()

// GuessLanguage guesses the ISO 639-1 language of text from its stop words
// (looking at its first 2,000 bytes) and returns it with a low confidence, or ""
// when the text is too short or unclear.
func GuessLanguage(text string) (string, float64) {
	if len(text) > 2000 {
		text = text[:2000]
	}
	counts := map[string]int{}
	total := 0
	var buf []byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		buf = buf[:0]
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			i += size
		}
		total++
		if len(buf) <= 12 {
			for _, l := range stopIndex[string(buf)] {
				counts[l]++
			}
		}
	}
	best, second := "", 0
	for l, n := range counts {
		if n > counts[best] || n == counts[best] && l < best {
			best = l
		}
	}
	for l, n := range counts {
		if l != best && n > second {
			second = n
		}
	}
	n := counts[best]
	if best == "" || n < 5 || total < 15 || float64(n) < 1.5*float64(second) {
		return "", 0
	}
	share := float64(n) / float64(total)
	conf := 0.3 + share
	if conf > 0.6 {
		conf = 0.6
	}
	return best, math.Round(conf*100) / 100
}
