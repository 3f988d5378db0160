package translit

import (
	"strings"
	"unicode"
)

// Sound classes. Names are reduced to consonant classes (b t d k g s z x
// f l m n r, and a weak h) and three vowel classes (a i u); h, ayn and hamza are dropped,
// since one script writes them where the other does not. Classes are
// coarse on purpose: p/b (Arabic has no p: "بوتين" for Putin), v/f (Arabic
// writes v with ف), j/g/zh (ج ژ گ), q/k/kh (ق ك خ), e/i/y (ي), o/u/w (و).

// Phonetic returns the sound-class string of a name in Latin, Cyrillic or
// Arabic script, its words separated by spaces; Arabic and transliterated
// articles ("al", "el", "ال") are dropped. Letters of other scripts are
// ignored.
func Phonetic(name string) string {
	var out []string
	for _, w := range strings.FieldsFunc(Key(name), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		var p string
		switch ScriptOf(w) {
		case Cyrillic:
			if r := Romanise(w); latinArticles[r] {
				continue // "ар-Рашиди", "аль-Мухандис"
			}
			p = latinClasses(Romanise(russianCaseless(w)))
		case Arabic:
			p = arabicClasses(w)
		case Latin:
			if latinArticles[w] {
				continue
			}
			p = latinClasses(w)
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// russianCaseless cuts a Russian case ending from a word long enough to
// keep a stem ("Хассана" → "Хассан", "Бейрутом" → "Бейрут"): names are
// compared in the nominative, as other scripts write them.
func russianCaseless(w string) string {
	r := []rune(w)
	for _, end := range []string{"ами", "ого", "ому", "ой", "ом", "ым", "ах", "ам", "а", "у", "е", "ы", "ю", "я"} {
		e := []rune(end)
		if len(r)-len(e) >= 4 && strings.HasSuffix(w, end) {
			return string(r[:len(r)-len(e)])
		}
	}
	return w
}

// latinArticles are the transliterated Arabic articles, dropped as words.
var latinArticles = map[string]bool{
	"al": true, "el": true, "ad": true, "ar": true, "as": true, "az": true, "ash": true, "at": true,
	"an": true, "ul": true, "ez": true, "es": true,
}

func isVowelClass(c byte) bool { return c == 'a' || c == 'i' || c == 'u' }

// latinClasses reduces a Latin word (lower case, folded) to sound classes.
// Doubled consonants collapse; vowels are kept one by one (Arabic writes a
// long vowel for some of them).
func latinClasses(w string) string {
	w = strings.ReplaceAll(w, "'", "")
	var b []byte
	emit := func(c byte) {
		if !isVowelClass(c) && len(b) > 0 && b[len(b)-1] == c {
			return
		}
		b = append(b, c)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch c {
		case 'a':
			emit('a')
		case 'e', 'i', 'y':
			emit('i')
		case 'o', 'u':
			emit('u')
		case 'w':
			emit('u')
		case 'b', 'p':
			if next == 'h' {
				emit('f')
				i++
				continue
			}
			emit('b')
		case 'f':
			emit('f')
		case 'v':
			emit('v') // Arabic writes it ف, Persian و: both read it
		case 't':
			switch {
			case next == 'h':
				i++
			case next == 'c' && i+2 < len(w) && w[i+2] == 'h':
				emit('x')
				i += 2
				continue
			}
			emit('t')
		case 'd':
			if next == 'h' {
				i++
			}
			emit('d')
		case 'k', 'q':
			if c == 'k' && next == 'h' {
				// kh: Russian х, Arabic خ, and the Latin h of the same
				// names ("Хассан" for Hassan) are one weak class
				emit('h')
				i++
				continue
			}
			emit('k')
		case 'c':
			switch next {
			case 'h':
				// ch: English tch (چ, تش) or French sh (ش): one class, sh
				emit('x')
				i++
			case 'e', 'i', 'y':
				emit('s')
			case 'k':
				emit('k')
				i++
			default:
				emit('k')
			}
		case 'g':
			if next == 'h' {
				i++
			}
			emit('g')
		case 'j':
			emit('g')
		case 'z':
			if next == 'h' {
				emit('g')
				i++
				continue
			}
			emit('z')
		case 's':
			switch {
			case next == 'h' && i+3 < len(w) && w[i+2] == 'c' && w[i+3] == 'h':
				emit('x') // shch
				i += 3
			case next == 'h':
				emit('x')
				i++
			default:
				emit('s')
			}
		case 'x':
			emit('k')
			emit('s')
		case 'h':
			// weak: one script writes h, ḥ or kh where another may not
			emit('h')
		case 'l', 'm', 'n', 'r':
			emit(c)
		}
	}
	return string(b)
}

// arabicClass maps Arabic and Persian letters (after FoldLetters) to sound
// classes; letters not listed (ع ء) are dropped.
var arabicClass = map[rune]byte{
	'ا': 'a', 'ب': 'b', 'پ': 'b', 'ت': 't', 'ط': 't', 'ث': 't', 'ج': 'g', 'چ': 'x', 'ح': 'h', 'خ': 'h', 'ه': 'h',
	'د': 'd', 'ذ': 'z', 'ر': 'r', 'ز': 'z', 'ژ': 'g', 'س': 's', 'ص': 's', 'ش': 'x', 'ض': 'd',
	'ظ': 'z', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n',
	'و': 'u', 'ي': 'i', 'ڤ': 'f',
}

// arabicClasses reduces an Arabic-script word to sound classes, without
// its article (ال) when the rest is long enough to be a name.
func arabicClasses(w string) string {
	if rest, ok := strings.CutPrefix(w, "ال"); ok && len([]rune(rest)) >= 3 {
		w = rest
	}
	var b []byte
	for _, r := range w {
		c, ok := arabicClass[r]
		if !ok {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c && !isVowelClass(c) {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// Consonants returns the consonant classes of a sound-class string, words
// kept apart: the blocking key of cross-script candidates.
func Consonants(ph string) string { return consonants(ph, 'f') }

// consonants is Consonants with v read as vAs (0 drops it).
func consonants(ph string, vAs byte) string {
	b := make([]byte, 0, len(ph))
	for i := 0; i < len(ph); i++ {
		c := ph[i]
		if c == 'v' {
			if vAs == 0 {
				continue
			}
			c = vAs
		}
		if !isVowelClass(c) && c != 'h' {
			if len(b) > 0 && b[len(b)-1] == c {
				continue
			}
			b = append(b, c)
		}
	}
	return strings.TrimSpace(string(b))
}

// BlockingKeys are the consonant keys under which a name is compared:
// Consonants, and for a name with a v also the key without it (Persian
// writes v with و, which reads as a vowel: "ماروانیا" for Marvania).
func BlockingKeys(name string) []string {
	ph := Phonetic(name)
	keys := []string{Consonants(ph)}
	if strings.IndexByte(ph, 'v') >= 0 {
		if k := consonants(ph, 0); k != keys[0] {
			keys = append(keys, k)
		}
	}
	return keys
}

// CountConsonants counts the consonant classes of a Consonants key.
func CountConsonants(sk string) int {
	n := 0
	for i := 0; i < len(sk); i++ {
		if sk[i] != ' ' {
			n++
		}
	}
	return n
}

// Compare rates how likely two names in different scripts are one name:
// 0 when they cannot be, up to 0.9. Their words must pair up with the same
// consonant classes. A Latin and a Cyrillic name compare by their
// sound-class strings (vowel runs collapsed) within one edit for longer
// words; a name in Arabic script must align with the other reading with
// every letter it writes matched (it omits short vowels, so the other may
// have vowels more, not consonants), and the more of the other's letters
// it covers, the surer. Names of the same script give 0: other rules
// compare those.
func Compare(a, b string) float64 {
	sa, sb := ScriptOf(a), ScriptOf(b)
	if sa == sb || sa == Other || sb == Other {
		return 0
	}
	pa, pb := strings.Fields(Phonetic(a)), strings.Fields(Phonetic(b))
	if len(pa) == 0 || len(pa) != len(pb) {
		return 0
	}
	if sb == Arabic {
		pa, pb, sa, sb = pb, pa, sb, sa
	}
	// Words with two consonant classes or more decide; a short word
	// ("Aoun", "عون") need only align.
	conf, weak, cons := 1.0, 1.0, 0
	for i := range pa {
		ca, cb := Consonants(pa[i]), Consonants(pb[i])
		if ca != cb {
			ca, cb = consonants(pa[i], 0), consonants(pb[i], 0)
		}
		if ca != cb || ca == "" {
			return 0
		}
		cons += max(CountConsonants(ca), weakConsonants(pa[i]), weakConsonants(pb[i]))
		var c float64
		if sa == Arabic {
			c = arabicWordConfidence(pa[i], pb[i])
		} else {
			c = editWordConfidence(pa[i], pb[i])
		}
		if c == 0 {
			return 0
		}
		if weakConsonants(pa[i]) >= 2 || weakConsonants(pb[i]) >= 2 {
			conf = min(conf, c)
		} else {
			weak = min(weak, c)
		}
	}
	if conf == 1 {
		conf = weak // no word decides: the short ones do
	}
	if conf > 0.6 && cons < 3 {
		conf = 0.6 // "Ali" and "علي": too short to be sure
	}
	return conf
}

// weakConsonants counts the consonant classes of a word with its h.
func weakConsonants(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if !isVowelClass(w[i]) {
			n++
		}
	}
	return n
}

// editWordConfidence compares two Latin-class words (one romanised from
// Cyrillic).
func editWordConfidence(a, b string) float64 {
	a, b = collapseVowels(strings.ReplaceAll(a, "h", "")), collapseVowels(strings.ReplaceAll(b, "h", ""))
	n := max(len(a), len(b))
	switch d := osa(a, b); {
	case d == 0:
		return 0.9
	case d == 1 && n >= 5:
		return 0.8
	case d == 1 && n >= 3 && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)):
		return 0.8 // a case ending or a final vowel: "Хамре" for Hamra
	case d == 2 && n >= 8:
		return 0.6
	}
	return 0
}

func collapseVowels(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isVowelClass(s[i]) && len(b) > 0 && isVowelClass(b[len(b)-1]) {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// arabicWordConfidence aligns an Arabic-script word's classes (ar) with a
// fuller reading (lat): every letter of ar must be matched in order, lat's
// vowels may be skipped.
func arabicWordConfidence(ar, lat string) float64 {
	matched := alignArabic(ar, lat)
	if matched < 0 {
		return 0
	}
	switch ratio := float64(matched) / float64(len(lat)); {
	case ratio >= 0.75:
		return 0.85
	case ratio >= 0.6:
		return 0.72
	}
	return 0.55
}

// alignArabic returns how many letters of lat an alignment matching every
// letter of ar covers at best, or -1 when none does.
func alignArabic(ar, lat string) int {
	n, m := len(ar), len(lat)
	// best[i][j]: most letters covered aligning ar[i:] with lat[j:]; -1 none
	best := make([]int, (n+1)*(m+1))
	at := func(i, j int) *int { return &best[i*(m+1)+j] }
	for i := n; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			v := -1
			switch {
			case i == n:
				v = 0
				for k := j; k < m; k++ {
					if !isVowelClass(lat[k]) && lat[k] != 'h' {
						v = -1
						break
					}
				}
			case j == m:
			default:
				if isVowelClass(lat[j]) || lat[j] == 'h' {
					v = *at(i, j+1) // a short vowel or an h Arabic does not write
				}
				if ar[i] == 'h' {
					v = max(v, *at(i+1, j)) // an h (ه, ح) the other does not write
				}
				match := ar[i] == lat[j] || isVowelClass(ar[i]) && isVowelClass(lat[j]) ||
					lat[j] == 'v' && (ar[i] == 'f' || ar[i] == 'u')
				if match {
					if w := *at(i+1, j+1); w >= 0 {
						v = max(v, w+1)
					}
				}
			}
			*at(i, j) = v
		}
	}
	return best[0]
}

// osa is the optimal string alignment distance between two short strings.
func osa(a, b string) int {
	n, m := len(a), len(b)
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[n][m]
}
