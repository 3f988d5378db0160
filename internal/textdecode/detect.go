package textdecode

import (
	"math"
	"sort"
	"unicode"

	"github.com/wlynxg/chardet"
	"golang.org/x/text/encoding/htmlindex"
)

// baseCandidates are the single-byte code pages always weighed against
// chardet's guesses: chardet has no model for Central European languages and
// is unreliable on short Cyrillic texts.
var baseCandidates = []string{
	"windows-1252", "iso-8859-2", "windows-1250",
	"windows-1251", "koi8-r", "iso-8859-5", "ibm866", "windows-1254",
	// Told apart by the language models (langmodel.go): Ukrainian KOI8,
	// Arabic, and the Western table with € and œ.
	"koi8-u", "windows-1256", "iso-8859-6", "iso-8859-15",
}

// detectLegacy names the most plausible legacy encoding of s, which is not
// valid UTF-8, and returns the score of every single-byte candidate weighed.
// Chardet proposes candidates; every candidate is decoded and scored on how
// natural its non-ASCII letters look (see plausibility); a chardet guess
// gets a bonus by its confidence. A confident multi-byte guess is returned
// without scores.
func detectLegacy(s []byte) (string, map[string]float64) {
	bonus := map[string]float64{}
	var multi string
	var multiConf float64
	for i, g := range chardet.DetectAll(s) {
		name := canonicalName(g.Encoding)
		if name == "" || name == UTF8 || name == UTF16LE || name == UTF16BE {
			continue
		}
		if name == "macintosh" || name == "x-mac-cyrillic" {
			// chardet proposes the Mac code pages for most English text
			// with curly quotes; files in them are rare.
			continue
		}
		if !isSingleByte(name) {
			if i == 0 && g.Confidence > multiConf {
				multi, multiConf = name, g.Confidence
			}
			continue
		}
		if _, seen := bonus[name]; !seen {
			bonus[name] = 0.3 * g.Confidence
		}
	}
	// A confident multi-byte guess (Shift_JIS, GBK, EUC-KR, Big5) that decodes
	// without errors is taken as is.
	if multi != "" && multiConf >= 0.6 {
		if r, err := decodeWith(s, multi); err == nil && replacementRatio(r.Text) < 0.01 {
			return multi, nil
		}
	}
	hasC1 := false
	for _, c := range s {
		if c >= 0x80 && c < 0xA0 {
			hasC1 = true
			break
		}
	}
	cands := append([]string(nil), baseCandidates...)
	for name := range bonus {
		cands = append(cands, name)
	}
	sort.Strings(cands[len(baseCandidates):]) // deterministic ties
	best, bestScore := "windows-1252", math.Inf(-1)
	scores := map[string]float64{}
	seen := map[string]bool{}
	for _, name := range cands {
		if seen[name] {
			continue
		}
		seen[name] = true
		// Without bytes 0x80–0x9F nothing tells windows-1250 from
		// ISO-8859-2, which leaves that range unused: prefer the ISO table.
		if name == "windows-1250" && !hasC1 {
			continue
		}
		enc, err := htmlindex.Get(name)
		if err != nil {
			continue
		}
		out, err := enc.NewDecoder().Bytes(s)
		if err != nil {
			continue
		}
		score := plausibility(string(out)) + bonus[name] + evidenceWeight*languageEvidence(string(out))
		if name == "windows-1252" {
			score += 0.05 // the most common legacy code page wins ties
		}
		scores[name] = score
		if score > bestScore {
			best, bestScore = name, score
		}
	}
	return westernTable(s, best), scores
}

func replacementRatio(s string) float64 {
	bad, n := 0, 0
	for _, r := range s {
		n++
		if r == '\uFFFD' {
			bad++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}

// plausibility scores decoded text by its non-ASCII characters, the only ones
// that differ between candidate code pages. It adds two means over those
// characters: a context score, which penalises words mixing scripts, lower
// case followed by upper case inside a word, symbols inside words,
// replacement characters and C1 controls; and a letter score under the
// language profile that fits the letters best, so that the letters must also
// go together (ő with á and é is Hungarian; ő with ă and ç is nobody's).
func plausibility(s string) float64 {
	const maxScored = 3000 // non-ASCII characters weighed, plenty to decide
	rs := []rune(s)
	ctx, n := 0.0, 0
	upper, letters, lone := 0, 0, 0
	counts := map[rune]int{}
	for i, r := range rs {
		if r < 0x80 {
			continue
		}
		if n == maxScored {
			break
		}
		n++
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		ctx += contextScore(r, prev, next)
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
			counts[unicode.ToLower(r)]++
			if sc := scriptOf(r); sc != scriptLatin && scriptOf(prev) != sc && scriptOf(next) != sc {
				lone++
			}
		}
	}
	if n == 0 {
		return 0
	}
	score := ctx / float64(n)
	if letters > 0 {
		best := math.Inf(-1)
		for _, p := range append(profiles[:len(profiles):len(profiles)], modelProfiles...) {
			sum := 0.0
			for r, c := range counts {
				sum += float64(c) * p.letterScore(r)
			}
			best = math.Max(best, sum)
		}
		score += best / float64(n)
	}
	// Letters of a non-Latin script come in words of that script; a
	// decoding that scatters lone Cyrillic or Greek letters among Latin
	// words has turned spaces or punctuation into letters.
	if letters > 0 && lone*2 > letters {
		score -= 3 * float64(lone) / float64(letters)
	}
	// Running text is mostly lower case; a decoding that turns most
	// non-ASCII letters into capitals swapped the cases (KOI8-R read as
	// windows-1251 and back).
	if letters >= 8 && upper*10 > letters*6 {
		score -= 1.5 * float64(upper) / float64(letters)
	}
	return score
}

func contextScore(r, prev, next rune) float64 {
	if r == '\uFFFD' || r < 0xA0 {
		return -5
	}
	if unicode.IsLetter(r) {
		sc := 0.0
		script := scriptOf(r)
		for _, nb := range [2]rune{prev, next} {
			if unicode.IsLetter(nb) && scriptOf(nb) != script {
				sc -= 3
			}
		}
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			sc -= 2
		}
		if script == scriptLatin && prev >= 0x80 && next >= 0x80 && unicode.IsLetter(prev) && unicode.IsLetter(next) {
			// three accented letters in a row: Cyrillic read as Latin
			sc--
		}
		return sc
	}
	inWord := unicode.IsLetter(prev) && unicode.IsLetter(next)
	afterWord := unicode.IsLetter(prev) || unicode.IsDigit(prev) || unicode.IsPunct(prev)
	beforeWord := unicode.IsLetter(next) || unicode.IsDigit(next)
	switch r {
	case '’':
		// an apostrophe (don’t) or a closing quote
		if inWord || afterWord && !beforeWord {
			return 1.5
		}
		return 0
	case '‘', '“', '„', '«':
		if !afterWord && beforeWord {
			return 1.5
		}
		return 0
	case '”', '»':
		if afterWord && !beforeWord {
			return 1.5
		}
		return 0
	case '–', '—':
		if unicode.IsSpace(prev) && unicode.IsSpace(next) || inWord {
			return 1
		}
		return 0
	case '…':
		if afterWord {
			return 1
		}
		return 0
	case '\u00A0', '\u202F':
		return 0.5 // between words, numbers and units
	case '•', '·', '°', '€', '£', '©', '®', '™', '§', '¡', '¿', '№', '′', '″':
		if inWord && r != '·' {
			return -3
		}
		return 0
	}
	if inWord {
		return -3
	}
	return -1
}

type script int

const (
	scriptOther script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
)

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return scriptLatin
		}
		return scriptOther
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	}
	return scriptOther
}

// profile is a language's non-ASCII lower-case letters with their rough
// frequency in per cent of all letters of running text. Letters outside the
// profile are foreign to the language.
type profile struct {
	lang string
	freq map[rune]float64
}

// foreignLetter is the score of a letter the language does not use.
const foreignLetter = -4

func (p profile) letterScore(r rune) float64 {
	f, ok := p.freq[r]
	if !ok {
		return foreignLetter
	}
	return math.Max(-2, math.Min(2, math.Log(f/0.3)))
}

func freqs(pairs string, values ...float64) map[rune]float64 {
	m := map[rune]float64{}
	i := 0
	for _, r := range pairs {
		m[r] = values[i]
		i++
	}
	return m
}

// russian is also the base of the other Cyrillic profiles.
var russian = freqs("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
	10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81,
	2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48,
	0.36, 0.32, 0.26, 0.04, 0.2)

func derive(base map[rune]float64, drop string, add map[rune]float64) map[rune]float64 {
	m := map[rune]float64{}
	for r, f := range base {
		m[r] = f
	}
	for _, r := range drop {
		delete(m, r)
	}
	for r, f := range add {
		m[r] = f
	}
	return m
}

// profiles are rough letter frequencies of the languages written in the
// single-byte code pages this package detects.
var profiles = []profile{
	{lang: "fr", freq: freqs("éèêàâçîïôùûëœÿ", 1.9, 0.27, 0.22, 0.49, 0.05, 0.09, 0.05, 0.01, 0.03, 0.06, 0.06, 0.01, 0.02, 0.01)},
	{lang: "de", freq: freqs("äöüßé", 0.58, 0.44, 0.99, 0.31, 0.02)},
	{lang: "es", freq: freqs("áéíóúñü", 0.5, 0.43, 0.73, 0.83, 0.17, 0.31, 0.02)},
	{lang: "pt", freq: freqs("áàâãçéêíóôõúü", 0.5, 0.07, 0.3, 0.7, 0.5, 0.34, 0.45, 0.13, 0.3, 0.2, 0.1, 0.2, 0.01)},
	{lang: "it", freq: freqs("àèéìòù", 0.6, 0.26, 0.1, 0.03, 0.1, 0.17)},
	{lang: "ca", freq: freqs("àèéíïòóúüç", 0.6, 0.3, 0.3, 0.3, 0.1, 0.3, 0.4, 0.1, 0.05, 0.3)},
	{lang: "nl", freq: freqs("ëéèïöü", 0.05, 0.05, 0.02, 0.02, 0.02, 0.02)},
	{lang: "sv", freq: freqs("åäöé", 1.3, 1.8, 1.3, 0.02)},
	{lang: "da", freq: freqs("æøåé", 0.9, 0.9, 1.2, 0.02)},
	{lang: "fi", freq: freqs("äöå", 3.6, 0.4, 0.01)},
	{lang: "is", freq: freqs("áðéíóúýþæö", 1.8, 4.4, 0.6, 1.6, 1.0, 0.6, 0.9, 1.4, 0.9, 0.7)},
	{lang: "cs", freq: freqs("áčďéěíňóřšťúůýž", 2.2, 0.46, 0.02, 1.3, 1.2, 1.6, 0.08, 0.03, 0.38, 0.69, 0.04, 0.05, 0.2, 1.0, 0.72)},
	{lang: "sk", freq: freqs("áäčďéíĺľňóôŕšťúýž", 2.1, 0.1, 1, 0.1, 0.6, 1.6, 0.05, 0.3, 0.1, 0.1, 0.2, 0.02, 0.8, 0.3, 0.7, 1.5, 0.8)},
	{lang: "pl", freq: freqs("ąćęłńóśźż", 0.99, 0.4, 1.11, 1.82, 0.2, 0.85, 0.66, 0.06, 0.83)},
	{lang: "hu", freq: freqs("áéíóöőúüű", 3.4, 3.3, 0.6, 1.0, 1.0, 0.9, 0.3, 0.5, 0.1)},
	{lang: "ro", freq: freqs("ăâîșțşţ", 2.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0)},
	{lang: "hr", freq: freqs("čćđšž", 1.0, 0.5, 0.2, 0.8, 0.7)},
	{lang: "sl", freq: freqs("čšž", 1.0, 0.8, 0.7)},
	{lang: "tr", freq: freqs("çğıöşüâî", 1.2, 1.1, 5.1, 0.8, 1.8, 1.9, 0.1, 0.1)},
	{lang: "ru", freq: russian},
	{lang: "uk", freq: derive(russian, "ыэъё", freqs("іїєґ", 5.0, 0.6, 0.4, 0.1))},
	{lang: "be", freq: derive(russian, "иъщ", freqs("іў", 5.0, 1.0))},
	{lang: "bg", freq: derive(russian, "ыэё", freqs("ъ", 2.6))},
	{lang: "sr", freq: derive(russian, "ыэъёщй", freqs("јљњћђџ", 2.0, 0.5, 0.5, 0.8, 0.1, 0.1))},
	{lang: "el", freq: freqs("αοιετνσςηρπκυμλωδγθχφβξζψάέήίόύώϊϋΐΰ",
		11, 9, 8, 8, 8, 7, 4, 3, 4, 4.5, 4, 4, 4, 3, 3, 2, 2, 2, 1.3, 1, 0.8, 0.7, 0.4, 0.4, 0.2,
		1.8, 1.5, 1, 1.5, 1.5, 1, 0.8, 0.1, 0.05, 0.02, 0.01)},
}
