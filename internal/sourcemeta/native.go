package sourcemeta

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// nativeRules are the date and byline words of every shipped language,
// read from the language profiles and folded (textnorm) so that spelling
// variants match: "août" and "aout", Persian and Arabic yeh ("شهريور",
// "شهریور"), Arabic-Indic and Persian digits.
type nativeRules struct {
	set      *lang.Set
	months   map[string]int // folded month name → 1..12 (Gregorian)
	solar    map[string]int // folded Solar Hijri month name → 1..12
	weekdays map[string]bool
	labels   []string // folded date labels, longest first
	bylines  []string // folded byline cues, longest first
	outlets  []string // folded outlet cues, longest first
}

// loadNative builds the rules once from the shipped profiles: they are
// embedded data, read-only after this.
var loadNative = sync.OnceValues(func() (*nativeRules, error) {
	set, err := profiles.Default()
	if err != nil {
		return nil, err
	}
	return newNativeRules(set), nil
})

// native returns the shipped rules, or nil when the profiles cannot be read
// (then only the English rules run).
func native() *nativeRules {
	nr, err := loadNative()
	if err != nil {
		return nil
	}
	return nr
}

func newNativeRules(set *lang.Set) *nativeRules {
	nr := &nativeRules{set: set, months: map[string]int{}, solar: map[string]int{}, weekdays: map[string]bool{}}
	var labels, bylines, outlets []string
	for _, p := range set.Profiles() {
		for name, m := range p.Months {
			nr.months[foldKey(name)] = m
		}
		for name, m := range p.SolarMonths {
			nr.solar[foldKey(name)] = m
		}
		for _, w := range p.Weekdays {
			nr.weekdays[foldKey(w)] = true
		}
		labels = append(labels, p.DateLabels...)
		bylines = append(bylines, p.BylineCues...)
		outlets = append(outlets, p.OutletCues...)
	}
	nr.labels = foldedCues(labels)
	nr.bylines = foldedCues(bylines)
	nr.outlets = foldedCues(outlets)
	return nr
}

// foldKey is the matching form of a word list entry: folded, without a
// trailing colon or period, spaces single.
func foldKey(s string) string {
	s = strings.Join(strings.Fields(textnorm.String(s)), " ")
	return strings.TrimRight(s, ":. ")
}

func foldedCues(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range list {
		if k := foldKey(c); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

// detectSample is how much of a text language detection reads: a few
// hundred words, which stop words decide (Detect itself would read 8,000
// bytes, four times the cost on every opened document for no better answer
// on the multilingual-dev corpus).
const detectSample = 2000

// detectLanguage detects the language of an article text with the shipped
// profiles, on the text with its look-alike letters undisguised: a Russian
// text written with Latin "о" and "с" uses Russian stop words all the same.
func detectLanguage(text string) (lang.Detection, bool) {
	nr := native()
	if nr == nil {
		return lang.Detection{}, false
	}
	if len(text) > detectSample {
		cut := detectSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if mayBeDisguised(text) {
		text = textnorm.Undisguise(text)
	}
	d := nr.set.Detect(text)
	return d, d.Code != lang.Unknown
}

// mayBeDisguised reports whether text holds Greek or Cyrillic letters (UTF-8
// lead bytes 0xCE–0xD1), the look-alikes a disguise mixes with Latin ones:
// most texts have none and skip the word-by-word look.
func mayBeDisguised(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0xCE && c <= 0xD1 {
			return true
		}
	}
	return false
}

// token is a word, a number or a punctuation character of a line.
type token struct {
	kind       byte   // 'w' word, 'n' number, 'p' punctuation
	text       string // folded word, ASCII digits, or the punctuation
	start, end int    // bytes of the line
}

// tokenize splits a line into words (letters, combining marks, joiners),
// numbers (digits of any script, as ASCII) and single punctuation
// characters; at most max tokens.
func tokenize(s string, max int) []token {
	var toks []token
	for i := 0; i < len(s) && len(toks) < max; {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case digitValue(r) >= 0:
			j := i
			var b []byte
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				v := digitValue(r)
				if v < 0 {
					break
				}
				b = append(b, byte('0'+v))
				j += size
			}
			toks = append(toks, token{'n', string(b), i, j})
			i = j
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '\u200c' && r != '\u200d' && r != '\u0640' {
					break
				}
				j += size
			}
			toks = append(toks, token{'w', textnorm.String(s[i:j]), i, j})
			i = j
		default:
			toks = append(toks, token{'p', s[i : i+size], i, i + size})
			i += size
		}
	}
	return toks
}

// digitValue returns the value of an ASCII, Arabic-Indic or Persian digit,
// or -1.
func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case 0x0660 <= r && r <= 0x0669:
		return int(r - 0x0660)
	case 0x06F0 <= r && r <= 0x06F9:
		return int(r - 0x06F0)
	}
	return -1
}

// wordsAt returns how many word tokens from k (one or two: "كانون الثاني",
// "سه شنبه") form a key of table, longest first, and the key's value.
func wordsAt[V any](toks []token, k int, table map[string]V) (int, V) {
	var zero V
	if k >= len(toks) || toks[k].kind != 'w' {
		return 0, zero
	}
	if k+1 < len(toks) && toks[k+1].kind == 'w' {
		if v, ok := table[toks[k].text+" "+toks[k+1].text]; ok {
			return 2, v
		}
	}
	if v, ok := table[toks[k].text]; ok {
		return 1, v
	}
	return 0, zero
}

func isPunct(t token, set string) bool { return t.kind == 'p' && strings.Contains(set, t.text) }

// nativeDate is a date read by the language-profile rules.
type nativeDate struct {
	dateMatch
	solar string // the Solar Hijri date as written, when it was converted
}

// dateAt reads a date line's date at the start of s in any shipped
// language: an optional weekday, then day month year ("5 août 2020",
// "الثلاثاء ٠٤ أغسطس ٢٠٢٠", "۱۵ مرداد ۱۳۹۹" in the Solar Hijri calendar),
// month day year, or a numeric day.month.year ("14.09.2019", "05/08/2020";
// a slashed date whose day and month could swap is read only outside
// English), with an optional clock time before or after ("14:08 14
// Septembre 2019", "à 18h02", "ساعت ۱۰:۳۲", "٠٢:١٢ ص").
func (nr *nativeRules) dateAt(s string, lc lang.Code) (nativeDate, bool) {
	toks := tokenize(s, 24)
	k := 0
	if n, _ := wordsAt(toks, k, nr.weekdays); n > 0 {
		k += n
		for k < len(toks) && isPunct(toks[k], ",،-–—|") {
			k++
		}
	}
	var hour, minute string
	if k+3 < len(toks) && toks[k].kind == 'n' && isPunct(toks[k+1], ":") && toks[k+2].kind == 'n' {
		hour, minute = toks[k].text, toks[k+2].text
		k += 3
	}
	d, end, ok := nr.dayMonthYear(s, toks, k, lc)
	if !ok {
		return nativeDate{}, false
	}
	if hour == "" {
		var n int
		hour, minute, d.ampm, n = clockAt(toks, end)
		end += n
	}
	var value string
	if d.solarYear {
		t, ok := solarToGregorian(d.year, d.month, d.day)
		if !ok {
			return nativeDate{}, false
		}
		value, ok = buildDate(strconv.Itoa(t.Year()), t.Month(), strconv.Itoa(t.Day()), hour, minute, d.ampm)
		if !ok {
			return nativeDate{}, false
		}
		d.form = "solar-hijri"
	} else if value, ok = buildDate(strconv.Itoa(d.year), time.Month(d.month), strconv.Itoa(d.day), hour, minute, d.ampm); !ok {
		return nativeDate{}, false
	}
	nd := nativeDate{dateMatch: dateMatch{value: value, form: d.form, n: toks[end-1].end}}
	if d.solarYear {
		nd.solar = strings.TrimSpace(s[toks[d.first].start:toks[d.last].end])
	}
	return nd, true
}

// ymd is a date's parts as read.
type ymd struct {
	year, month, day int
	solarYear        bool
	form, ampm       string
	first, last      int // the tokens of the date
}

// dayMonthYear reads the date proper at token k and returns it with the
// index of the token after it.
func (nr *nativeRules) dayMonthYear(s string, toks []token, k int, lc lang.Code) (ymd, int, bool) {
	at := func(i int) token {
		if i < len(toks) {
			return toks[i]
		}
		return token{}
	}
	num := func(i, maxLen int) (int, bool) {
		t := at(i)
		if t.kind != 'n' || len(t.text) > maxLen {
			return 0, false
		}
		v, err := strconv.Atoi(t.text)
		return v, err == nil
	}
	year := func(i int) (int, int, bool) { // value, tokens used (with a suffix: "г.", "م")
		t := at(i)
		if t.kind != 'n' || len(t.text) != 4 {
			return 0, 0, false
		}
		v, _ := strconv.Atoi(t.text)
		n := 1
		if w := at(i + 1); w.kind == 'w' && (w.text == "г" || w.text == "года" || w.text == "гг" || w.text == "م" || w.text == "р") {
			n++
			if isPunct(at(i+2), ".") {
				n++
			}
		}
		return v, n, true
	}
	var d ymd
	d.first = k
	// day month year
	if day, ok := num(k, 2); ok {
		i := k + 1
		if isPunct(at(i), "./-") {
			i++
		}
		n, m := wordsAt(toks, i, nr.months)
		solar := false
		if n == 0 {
			n, m = wordsAt(toks, i, nr.solar)
			solar = n > 0
		}
		if n > 0 {
			i += n
			if isPunct(at(i), ".") {
				i++
			}
			if isPunct(at(i), "/") { // "14 أيلول/سبتمبر 2019"
				if n2, _ := wordsAt(toks, i+1, nr.months); n2 > 0 {
					i += 1 + n2
				}
			}
			if isPunct(at(i), ",،/-") {
				i++
			}
			if y, used, ok := year(i); ok {
				d.year, d.month, d.day, d.form = y, m, day, "day-month-year"
				d.solarYear = solar
				d.last = i
				return d, i + used, true
			}
		}
		// numeric: day.month.year
		if sep := at(k + 1); sep.kind == 'p' && strings.Contains("./-", sep.text) {
			if month, ok := num(k+2, 2); ok && isPunct(at(k+3), sep.text) {
				if y, used, ok := year(k + 4); ok {
					if sep.text == "/" && (lc == lang.English || lc == lang.Unknown) {
						if day > 12 || month > 12 {
							if month > 12 {
								day, month = month, day // the US order
							}
						} else {
							return ymd{}, 0, false // 05/08/2020: which is the month?
						}
					}
					d.year, d.month, d.day, d.form = y, month, day, "numeric-day-month-year"
					d.solarYear = y >= 1200 && y < 1600
					d.last = k + 4
					return d, k + 4 + used, true
				}
			}
		}
	}
	// numeric year/month/day: "۱۳۹۹/۰۵/۱۵", "2020/08/05" (year-month-day
	// with dashes is the ISO form, read before)
	if y, _, ok := year(k); ok && isPunct(at(k+1), "/.") {
		sep := at(k + 1).text
		if month, ok := num(k+2, 2); ok && isPunct(at(k+3), sep) {
			if day, ok := num(k+4, 2); ok {
				d.year, d.month, d.day, d.form = y, month, day, "numeric-year-month-day"
				d.solarYear = y >= 1200 && y < 1600
				d.last = k + 4
				return d, k + 5, true
			}
		}
	}
	// month day year
	if n, m := wordsAt(toks, k, nr.months); n > 0 {
		i := k + n
		if isPunct(at(i), ".") {
			i++
		}
		if day, ok := num(i, 2); ok {
			i++
			if isPunct(at(i), ",،") {
				i++
			}
			if y, used, ok := year(i); ok {
				d.year, d.month, d.day, d.form, d.last = y, m, day, "month-day-year", i
				return d, i + used, true
			}
		}
	}
	return ymd{}, 0, false
}

// clockAt reads an optional clock time at token k ("14:35", ", 14:35", "à
// 18h02", "ساعت ۱۰:۳۲", "٠٢:١٢ ص") and returns it with the tokens used.
func clockAt(toks []token, k int) (hour, minute, ampm string, n int) {
	i := k
	if i < len(toks) && isPunct(toks[i], ",،-–—|") {
		i++
	}
	if i < len(toks) && toks[i].kind == 'w' {
		switch toks[i].text {
		case "a", "at", "в", "о", "ساعت", "الساعه", "ساعه":
			i++
		}
	}
	if i+2 >= len(toks) || toks[i].kind != 'n' || toks[i+2].kind != 'n' || len(toks[i].text) > 2 || len(toks[i+2].text) != 2 {
		return "", "", "", 0
	}
	if !isPunct(toks[i+1], ":") && !(toks[i+1].kind == 'w' && toks[i+1].text == "h") {
		return "", "", "", 0
	}
	hour, minute = toks[i].text, toks[i+2].text
	i += 3
	if i < len(toks) && toks[i].kind == 'w' {
		switch toks[i].text {
		case "ص", "am", "a":
			ampm = "a"
			i++
		case "م", "pm", "p":
			ampm = "p"
			i++
		}
	}
	return hour, minute, ampm, i - k
}

// labelLen returns the length in bytes of s's leading date label in any
// shipped language ("Publié le", "تاریخ انتشار :"), with the colon and
// spaces after it, or 0.
func (nr *nativeRules) labelLen(s string) int {
	return cueLen(s, nr.labels)
}

// cueLen returns the length of the first of cues (folded, longest first)
// that starts s as whole words, with the colons, dashes and spaces after
// it, or 0.
func cueLen(s string, cues []string) int {
	if s == "" {
		return 0
	}
	f := textnorm.Fold(s[:min(len(s), 120)])
	for _, c := range cues {
		if !strings.HasPrefix(f.Text, c) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(f.Text[len(c):]); len(f.Text) > len(c) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue // "le" is no label of "lecture"
		}
		n := f.Offset(len(c))
		for n < len(s) {
			r, size := utf8.DecodeRuneInString(s[n:])
			if !unicode.IsSpace(r) && !strings.ContainsRune(":：-–—", r) {
				break
			}
			n += size
		}
		return n
	}
	return 0
}

// nativeDateLine reads a date line in any shipped language: an optional
// label, then a date, then at most a short tail.
func (nr *nativeRules) nativeDateLine(s string, lc lang.Code) (document.Field, bool) {
	if !hasDigit(s) {
		return document.Field{}, false // most lines: no date without a number
	}
	label := nr.labelLen(s)
	rest := s[label:]
	d, ok := nr.dateAt(rest, lc)
	if !ok {
		return document.Field{}, false
	}
	tail := strings.TrimSpace(rest[d.n:])
	conf := 0.8
	switch n := utf8.RuneCountInString(tail); {
	case tail == "" || n <= 12 && !strings.ContainsAny(tail, ".!?"):
	case label > 0 && n <= 60:
		conf = 0.6
	default:
		return document.Field{}, false
	}
	rule := "date-line:" + d.form
	if label > 0 {
		rule = "date-label:" + d.form
	}
	if d.solar != "" {
		rule += " (" + d.solar + ")" // the date as written, before conversion
	}
	return document.Field{Value: d.value, Source: document.FromText, Rule: rule, Confidence: conf}, true
}

// readNativeByline reads a byline introduced by a cue of any shipped
// language ("Par Jean Dupont", "Автор: Мария Чиренко", "بقلم: أحمد
// علي", "نویسنده: محمد رضایی") and an outlet line ("خبرگزاری تسنیم",
// "وكالة الأنباء السعودية").
func (nr *nativeRules) readNativeByline(s string, m *document.Metadata, f *TextFindings, conf float64) {
	if s == "" || utf8.RuneCountInString(s) > 80 {
		return
	}
	if n := cueLen(s, nr.bylines); n > 0 && n < len(s) {
		if name := nameOf(s[n:]); name != "" {
			setAuthor(m, f, name, "byline:cue", conf)
		}
		return
	}
	if n := cueLen(s, nr.outlets); n > 0 && n < len(s) {
		if name := strings.TrimSpace(s); plainWords(name, 2, 6) {
			setOutlet(m, f, name, "outlet-line", 0.6)
		}
	}
}

// nameOf returns s as a person's name when it reads as one: one to five
// words of letters (capitalised where the script has capitals), without
// stop words or digits; a trailing outlet after a comma, dash or bar is cut.
func nameOf(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",،|–—"); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if i := strings.Index(s, " - "); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.TrimRight(s, ".:;")
	if !plainWords(s, 1, 5) {
		return ""
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !particle[strings.ToLower(w)] {
			return "" // "par ailleurs, …": a sentence, not a name
		}
	}
	return s
}

// particle are the lower-case words inside names.
var particle = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "van": true, "von": true, "al": true, "el": true, "bin": true, "ibn": true, "d'": true}

// plainWords reports whether s is lo to hi words of letters (with hyphens,
// apostrophes and periods of initials), none of them a stop word of the
// shipped languages.
func plainWords(s string, lo, hi int) bool {
	words := strings.Fields(s)
	if len(words) < lo || len(words) > hi {
		return false
	}
	nr := native()
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune("-'’.\u200c", r) {
				return false
			}
		}
		if nr != nil && len(words) > 1 && nr.isStopword(w) {
			return false
		}
	}
	return true
}

func (nr *nativeRules) isStopword(w string) bool {
	w = strings.ToLower(w)
	for _, p := range nr.set.Profiles() {
		if p.Stopwords[w] && !particle[w] {
			return true
		}
	}
	return false
}

// nameAboveDate reads the author of a line that is only a name and stands
// right above the date line ("سامي سمعان" over "الاثنين 10 أغسطس 2020"),
// or the name after an outlet and a dash ("ایران وایر - محمد زید مستو"):
// two to four words, capitalised where the script has capitals.
func nameAboveDate(s string) string {
	if nr := native(); nr != nil && cueLen(s, nr.outlets) > 0 {
		return "" // an outlet line ("خبرگزاری تسنیم")
	}
	if i := strings.LastIndex(s, " - "); i > 0 {
		s = s[i+3:]
	} else if i := strings.LastIndex(s, " – "); i > 0 {
		s = s[i+len(" – "):]
	}
	s = strings.TrimSpace(s)
	if !plainWords(s, 2, 4) {
		return ""
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !particle[strings.ToLower(w)] {
			return ""
		}
	}
	return s
}

// LanguageCode reads a language as an analyst writes it in a sidecar table
// or the source panel: an ISO 639-1 code ("ru", "RU", "fa-IR") or the
// English name of a shipped language ("Russian", "Farsi"). It reports false
// for anything else.
func LanguageCode(v string) (string, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(v, "-_"); i == 2 {
		v = v[:2]
	}
	if len(v) == 2 && 'a' <= v[0] && v[0] <= 'z' && 'a' <= v[1] && v[1] <= 'z' {
		return v, true
	}
	if v == "farsi" {
		return string(lang.Persian), true
	}
	if nr := native(); nr != nil {
		for _, p := range nr.set.Profiles() {
			if strings.EqualFold(p.Name, v) {
				return string(p.Code), true
			}
		}
	}
	return "", false
}

// nativeDateline reads the date of a dateline opening a paragraph in any
// shipped language: a place of one to three words, then a date with its
// year, then the agency in parentheses or a dash ("بيروت 4 أغسطس 2020
// (شينخوا) أعلن …", "МОСКВА, 16 сентября 2019 — РИА Новости"). A dateline
// without a year gives nothing.
func (nr *nativeRules) nativeDateline(head string, lc lang.Code) (document.Field, bool) {
	for _, line := range strings.Split(head, "\n") {
		line = strings.TrimSpace(line)
		if !hasDigit(line[:min(len(line), 100)]) {
			continue // the date stands within the first few words
		}
		toks := tokenize(line, 6)
		for k, words := 0, 0; k < len(toks) && words <= 3; k++ {
			t := toks[k]
			if t.kind == 'n' {
				if words == 0 {
					break
				}
				d, ok := nr.dateAt(line[t.start:], lc)
				if !ok {
					break
				}
				rest := strings.TrimSpace(line[t.start+d.n:])
				if r, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune("(-–—", r) && rest != "" {
					rule := "dateline:" + d.form
					if d.solar != "" {
						rule += " (" + d.solar + ")"
					}
					return document.Field{Value: d.value, Source: document.FromText, Rule: rule, Confidence: 0.6}, true
				}
				break
			}
			if t.kind == 'w' {
				words++
			} else if !isPunct(t, ",.") {
				break
			}
		}
	}
	return document.Field{}, false
}

// hasDigit reports whether s holds an ASCII, Arabic-Indic or Persian digit.
func hasDigit(s string) bool {
	for _, r := range s {
		if digitValue(r) >= 0 {
			return true
		}
	}
	return false
}
