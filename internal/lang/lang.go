// Package lang names the languages Parallax analyses and what each needs:
// its script and direction, and the word lists and rules that the analyses
// (dates and bylines, entities, framing, distinctive terms) read from a
// Profile instead of hard-coding English. Adding a language is adding a
// profile's data (resources/lang/<code>/) and, where a rule needs code (a
// stemmer), a small function registered in package profiles: no analysis is
// edited.
//
// A language nobody wrote a profile for is not guessed at: Set.Get returns
// nil, and each analysis says "not covered" for it rather than showing a zero.
package lang

import (
	"unicode"
	"unicode/utf8"
)

// Code is an ISO 639-1 language code ("en", "ru", "ar", "fa", "fr"); the
// empty code means unknown.
type Code string

// The languages Parallax ships profiles for.
const (
	Unknown Code = ""
	English Code = "en"
	Russian Code = "ru"
	Arabic  Code = "ar"
	Persian Code = "fa"
	French  Code = "fr"
)

// Script is a writing system, as far as the analyses need to tell them apart.
type Script uint8

// The scripts Parallax distinguishes. ScriptNone is a text without letters.
const (
	ScriptNone Script = iota
	ScriptLatin
	ScriptCyrillic
	ScriptArabic
	ScriptGreek
	ScriptHebrew
	ScriptOther
)

var scriptNames = [...]string{"none", "latin", "cyrillic", "arabic", "greek", "hebrew", "other"}

func (s Script) String() string {
	if int(s) < len(scriptNames) {
		return scriptNames[s]
	}
	return "other"
}

// RTL reports whether the script is written right to left.
func (s Script) RTL() bool { return s == ScriptArabic || s == ScriptHebrew }

// ScriptOf returns the script of a letter; non-letters are ScriptNone.
func ScriptOf(r rune) Script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return ScriptLatin
		}
		return ScriptNone
	case !unicode.IsLetter(r):
		return ScriptNone
	case unicode.Is(unicode.Latin, r):
		return ScriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return ScriptCyrillic
	case unicode.Is(unicode.Arabic, r):
		return ScriptArabic
	case unicode.Is(unicode.Greek, r):
		return ScriptGreek
	case unicode.Is(unicode.Hebrew, r):
		return ScriptHebrew
	}
	return ScriptOther
}

// DominantScript returns the script most letters of s are written in, or
// ScriptNone when s has no letters.
func DominantScript(s string) Script {
	var counts [len(scriptNames)]int
	for _, r := range s {
		counts[ScriptOf(r)]++
	}
	best := ScriptNone
	for sc := ScriptLatin; int(sc) < len(counts); sc++ {
		if counts[sc] > counts[best] || best == ScriptNone && counts[sc] > 0 {
			best = sc
		}
	}
	return best
}

// Profile is what Parallax knows of one language. Word lists hold words in
// lower case as written (accents and native letters kept); an empty list
// means the language has no rule of that kind, which the analysis reports as
// not covered.
type Profile struct {
	Code   Code
	Name   string // the language's English name: "Russian"
	Script Script
	// Letters are letters that mark this language among others of its script
	// (Persian پ چ ژ گ against Arabic, French é è ç against English); they
	// weigh in language detection.
	Letters string

	// Stopwords are the most frequent function words: they tell languages
	// apart in detection, and no name is one.
	Stopwords map[string]bool
	// TermStopwords are Stopwords and the more function words the term
	// analyses leave out (words shared across languages or found in names,
	// which Stopwords leaves out so as not to mislead detection and names).
	TermStopwords map[string]bool
	// Stem reduces an inflected word (lower case) to the form the analyses
	// compare ("дамаске" → "дамаск"); nil leaves words as they are.
	Stem func(word string) string

	// Dates and bylines.
	Months map[string]int // month name or abbreviation → 1..12
	// SolarMonths are the months of the Solar Hijri calendar ("مرداد" → 5),
	// whose dates are converted to Gregorian.
	SolarMonths map[string]int
	Weekdays    []string
	BylineCues  []string // "by", "автор:", "par", "بقلم"
	// DateLabels precede a date line ("published", "publié le",
	// "تاریخ انتشار").
	DateLabels []string
	// OutletCues begin the name of an agency or outlet on a line of its own
	// ("خبرگزاری", "وكالة", "агентство").
	OutletCues []string

	// Entities.
	PersonTitles  []string // "президент", "الرئيس", "سردار"
	OrgTriggers   []string // head words of organisations: "министерство", "وزارة"
	PlaceTriggers []string // "город", "مدينة"
	// Prefixes and Suffixes are clitics that attach to a word without being
	// part of a name ("و", "ب", "ل", "ال" in Arabic; "ی" in Persian), longest
	// first.
	Prefixes []string
	Suffixes []string
	// CommonWords are frequent nouns, verbs, adjectives and numbers of a
	// language without capitals (Arabic, Persian): after a title or head
	// word they are no name ("قائد الجماعة", the group's commander).
	CommonWords []string

	// Framing.
	AttributionVerbs []string    // "said", "заявил", "قال", "گفت"
	QuoteMarks       [][2]string // opening and closing marks: « », „ “
}

// RTL reports whether the language is written right to left.
func (p *Profile) RTL() bool { return p != nil && p.Script.RTL() }

// StemWord returns p.Stem(word), or word when the profile has no stemmer.
func (p *Profile) StemWord(word string) string {
	if p == nil || p.Stem == nil {
		return word
	}
	return p.Stem(word)
}

// Set is the languages an analysis knows, by code. A Set is not changed
// after NewSet, so it is safe to share between goroutines.
type Set struct {
	byCode map[Code]*Profile
	order  []*Profile
}

// NewSet returns a set of the given profiles; a later profile with the same
// code replaces an earlier one.
func NewSet(profiles ...*Profile) *Set {
	s := &Set{byCode: map[Code]*Profile{}}
	for _, p := range profiles {
		if _, dup := s.byCode[p.Code]; !dup {
			s.order = append(s.order, p)
		} else {
			for i, q := range s.order {
				if q.Code == p.Code {
					s.order[i] = p
				}
			}
		}
		s.byCode[p.Code] = p
	}
	return s
}

// Get returns the profile of c, or nil when the set has none (the language is
// not covered).
func (s *Set) Get(c Code) *Profile {
	if s == nil {
		return nil
	}
	return s.byCode[c]
}

// Profiles lists the set's profiles in the order they were given.
func (s *Set) Profiles() []*Profile {
	if s == nil {
		return nil
	}
	return s.order
}

// Detection is a detected language with how sure the detection is (0–1).
type Detection struct {
	Code       Code
	Script     Script
	Confidence float64
}

// detectBytes is how much of a text detection reads: enough words for stop
// words to tell languages apart, bounded so detection costs the same on a
// book as on a brief.
const detectBytes = 8000

// Detect guesses the language of text among the set's profiles: the text's
// dominant script narrows the candidates, and stop words and the profiles'
// marking letters choose among them. A text in a script no profile covers, or
// too short to tell, gives Unknown with its script.
func (s *Set) Detect(text string) Detection {
	if len(text) > detectBytes {
		cut := detectBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	script := DominantScript(text)
	var candidates []*Profile
	for _, p := range s.Profiles() {
		if p.Script == script {
			candidates = append(candidates, p)
		}
	}
	d := Detection{Script: script}
	if len(candidates) == 0 {
		return d
	}
	scores := make([]float64, len(candidates))
	words := 0
	forEachWord(text, func(w []byte) {
		words++
		for i, p := range candidates {
			if p.Stopwords[string(w)] { // no allocation: the map is indexed by the bytes
				scores[i]++
			}
		}
	})
	for _, r := range text {
		if r < utf8.RuneSelf {
			continue // marking letters are never ASCII: most of an English text
		}
		for i, p := range candidates {
			if p.Letters != "" && containsRune(p.Letters, r) {
				scores[i] += 0.5
			}
		}
	}
	best, second := 0, -1
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[best] {
			best = i
		}
	}
	for i := range scores {
		if i != best && (second < 0 || scores[i] > scores[second]) {
			second = i
		}
	}
	if len(candidates) == 1 {
		// The script alone tells the language; stop words say how much of
		// the text looks like it.
		if words < 3 {
			return d
		}
		d.Code = candidates[0].Code
		d.Confidence = clamp01(0.5 + scores[0]/float64(words))
		return d
	}
	top := scores[best]
	var runnerUp float64
	if second >= 0 {
		runnerUp = scores[second]
	}
	// A text of another language of the script (German among English and
	// French) shares a few short words with them; the text's own language
	// uses its stop words for a good part of its words.
	if words < 5 || top < 2 || top < 1.3*runnerUp || top < 0.12*float64(words) {
		return d
	}
	d.Code = candidates[best].Code
	d.Confidence = clamp01(0.4 + (top-runnerUp)/top*0.5)
	return d
}

// forEachWord calls fn with each word of s in lower case: runs of letters and
// combining marks. The word is only valid during the call.
func forEachWord(s string, fn func([]byte)) {
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

func clamp01(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return float64(int(v*100+0.5)) / 100
}
