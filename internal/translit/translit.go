// Package translit compares names across scripts: Latin, Cyrillic and
// Arabic (Arabic and Persian). It folds names with textnorm (Persian ی/ک
// against Arabic ي/ك, ё/е: see Key), romanises Cyrillic (BGN/PCGN with
// the common English spellings), and reduces a name in any of the three
// scripts to a sound-class string so that "Soleimani", "Сулеймани" and
// "سليماني" can be compared. Arabic script omits short vowels, so a name in
// it is compared by its consonants and the long vowels it writes, aligned
// against the Latin or Cyrillic reading (Compare).
package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Key folds a name for matching across the variants of its script:
// textnorm's fold (case, diacritics, look-alikes, ё, the Arabic and Persian
// letter variants, harakat, tatweel, Arabic-Indic and Persian digits, the
// zero-width non-joiner) with the zero-width joiner, which textnorm keeps
// for emoji sequences, dropped too.
func Key(s string) string {
	f := textnorm.String(s)
	if !strings.ContainsRune(f, '\u200d') {
		return f
	}
	return strings.ReplaceAll(f, "\u200d", "")
}

// Script is the script of a name, as far as comparing names needs.
type Script uint8

// The scripts of names.
const (
	Other Script = iota
	Latin
	Cyrillic
	Arabic
)

// ScriptOf returns the script most letters of s are written in.
func ScriptOf(s string) Script {
	var n [4]int
	for _, r := range s {
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				n[Latin]++
			}
		case unicode.Is(unicode.Cyrillic, r):
			n[Cyrillic]++
		case unicode.Is(unicode.Arabic, r):
			if unicode.IsLetter(r) {
				n[Arabic]++
			}
		case unicode.Is(unicode.Latin, r):
			n[Latin]++
		}
	}
	best := Other
	for s := Latin; s <= Arabic; s++ {
		if n[s] > n[best] {
			best = s
		}
	}
	return best
}

// cyrLatin is BGN/PCGN romanisation of Russian (with the Ukrainian letters),
// written without diacritics as English newspapers do.
var cyrLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}

// Romanise writes a Cyrillic name in Latin letters (BGN/PCGN without
// diacritics, lower case, the adjectival "-ий"/"-ый" as "-y" the way English
// news writes "Zelensky"); other letters are kept as they are.
func Romanise(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		end := i+1 == len(rs) || !unicode.IsLetter(rs[i+1])
		if (r == 'и' || r == 'ы') && i+1 < len(rs) && rs[i+1] == 'й' && (i+2 == len(rs) || !unicode.IsLetter(rs[i+2])) {
			b.WriteByte('y')
			i++
			continue
		}
		if r == 'е' && (i == 0 || !unicode.IsLetter(rs[i-1]) || isCyrVowel(rs[i-1])) && !end {
			b.WriteString("ye") // word-initial and after a vowel: "Yelena"
			continue
		}
		if l, ok := cyrLatin[r]; ok {
			b.WriteString(l)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isCyrVowel(r rune) bool { return strings.ContainsRune("аеёиоуыэюяіїє", r) }

// russianEndings are the case endings of Russian nouns and adjectives,
// longest first, as folded (textnorm folds й to и: "-ий" is "ии"). Nouns
// in "-ия" lose the "и" too, so that "Россия" and "России" meet. "-ов" and "-ин" are left alone: they end surnames in the
// nominative (Лавров, Путин).
var russianEndings = []string{
	"ыми", "ими", "ами", "ями", "ого", "его", "ому", "ему", "иеи", "иям", "ию", "ия",
	"ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ии", "ыи", "ои",
	"ом", "ем", "ам", "ям", "ах", "ях", "а", "я", "у", "ю", "е", "ы", "и", "ь",
}

// RussianNameStem cuts the case ending of a folded Russian name word, so
// that every case of a name meets: "дамаске", "дамаска" → "дамаск";
// "путина", "путину" → "путин"; "саудовской", "саудовская" → "саудовск";
// "йемен", "йемене" → "йемен". At least three letters stay. Snowball's
// Russian stemmer is made for Russian words, and cuts foreign names
// unevenly ("йемен" → "йем" but "йемене" → "йемен"), so names use this.
func RussianNameStem(w string) string {
	r := []rune(w)
	for _, e := range russianEndings {
		n := utf8.RuneCountInString(e)
		if len(r)-n >= 3 && strings.HasSuffix(w, e) {
			return string(r[:len(r)-n])
		}
	}
	return w
}
