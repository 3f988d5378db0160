// Package sourcemeta knows where an article comes from: it reads title,
// author, date, outlet and language from the article text (bylines, date
// lines, footers and signatures), reads the project's sidecar table
// (sources.csv / index.tsv) and keeps the analyst's overrides and stances in
// .parallax/sources.json. Every value carries its provenance: the kind of
// source, the exact rule or column, and a confidence. Nothing is invented: a
// value no rule finds stays empty.
package sourcemeta

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang"
)

// Origin is a news agency that the text credits as the origin of the story
// (a "(Reuters) -" dateline, "Copyright … The Associated Press"). It is a
// hint about a republished copy, never the outlet that published the text.
type Origin struct {
	Agency     string  `json:"agency"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// TextFindings is what the text rules found.
type TextFindings struct {
	Meta document.Metadata
	// Origins lists the wire agencies the text credits, strongest first.
	Origins []Origin
}

// FromText reads metadata from an article text; boilerplate are its
// boilerplate spans (footers are looked for there).
func FromText(text string, boilerplate []document.Span) document.Metadata {
	return Analyze(text, boilerplate).Meta
}

// wireAgencies are the news agencies whose name in a text marks a wire copy.
var wireAgencies = map[string]string{
	"reuters": "Reuters", "thomson reuters": "Reuters", "thomson/reuters": "Reuters",
	"associated press": "Associated Press", "the associated press": "Associated Press", "ap": "Associated Press",
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
	"dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS", "itar-tass": "TASS", "ria novosti": "RIA Novosti",
	"ansa": "ANSA", "efe": "EFE", "upi": "UPI", "united press international": "UPI",
	"bloomberg": "Bloomberg", "anadolu agency": "Anadolu Agency", "irna": "IRNA", "kyodo": "Kyodo",
}

const agencyAlt = `Reuters|Thomson Reuters|The Associated Press|Associated Press|AP|AFP|Agence France-Presse|Agence France Presse|dpa|DPA|Xinhua|TASS|ITAR-TASS|RIA Novosti|ANSA|EFE|UPI|Bloomberg|Anadolu Agency|IRNA|Kyodo`

func wireName(s string) string { return wireAgencies[strings.ToLower(strings.TrimSpace(s))] }

// Name patterns. A person is two to five capitalised words, with the usual
// particles; an outlet name is one to seven capitalised words or a domain.
const (
	capWord = `[\p{Lu}][\p{L}\p{M}'’.-]*`
	person  = capWord + `(?:\s+(?:(?:al|el|bin|ibn|de|da|del|van|von|der|den|la|le|di|du|abu|st\.)[- ]?)?` + capWord + `){1,4}`
	persons = person + `(?:\s*(?:,|and|&)\s*` + person + `)*`
	outlet  = `(?:[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:[a-z]{2,})|(?:The\s+)?[\p{Lu}\p{N}][\p{L}\p{N}.&'’/-]*(?:\s+(?:of|the|and|for|&|[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*)){0,6})`
)

var (
	reByline       = regexp.MustCompile(`^(?i:by)\s+(` + persons + `)\s*(?:(?:,\s*(?i:for)|\||,|[-–—])\s*(` + outlet + `))?\s*\.?$`)
	reAuthorLabel  = regexp.MustCompile(`^(?i:author|written by|writer|words|text)\s*:\s*(` + persons + `)\s*(?:[,|]\s*(.{1,120}))?$`)
	rePipeByline   = regexp.MustCompile(`^(` + persons + `)\s*\|\s*(` + outlet + `)$`)
	reRoleOfOutlet = regexp.MustCompile(`^(?:(?:the\s+)?(?:former\s+)?)?(` + outlet + `)\s+(?i:editor[- ]in[- ]chief|chief editor|managing editor|editor|columnist|correspondent|reporter|staff writer)\b`)
	reRoleAt       = regexp.MustCompile(`\b(?:is|was) (?:a|an|the) (?:[a-z-]+ ){0,3}(?i:editor[- ]in[- ]chief|editor|columnist|correspondent|reporter|staff writer|writer) (?:of|at|for|with) (?:the\s+)?(` + outlet + `)`)

	reAllContentBy = regexp.MustCompile(`(?i:all (?:the )?(?:content|contents|materials?|articles?|texts?)(?: published)? (?:by|of|on|from)) (` + outlet + `) (?i:is|are) (?i:licensed|available|published|protected)`)
	reSupportOn    = regexp.MustCompile(`(?i:support|back|join) (` + outlet + `) (?i:on) (?i:patreon|subscribestar|paypal|ko-fi|locals)`)
	reViewsOf      = regexp.MustCompile(`(?i:represent|reflect)s? (?i:the (?:views|opinions|position|policy) of|those of) (` + outlet + `)\s*\.?$`)
	reCopyBefore   = regexp.MustCompile(`(?:^|\s)(` + outlet + `)\s*©\s*(?:19|20)\d\d`)
	reCopyAfter    = regexp.MustCompile(`(?:©|\([cC]\)|(?i:copyright))(?:\s*(?:©|\([cC]\)|(?i:copyright)))*\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?,?\s*(?i:by\s+)?(` + outlet + `)`)

	reByAgency       = regexp.MustCompile(`^(?i:by)\s+(` + agencyAlt + `)\s*$`)
	reDatelineAgency = regexp.MustCompile(`(?m)^[\p{Lu}][\p{Lu}\p{M} .'’-]{1,40}(?:,\s*[\p{L} .]{1,30})?\s*\((` + agencyAlt + `)\)\s*[-–—]`)
	reAgencyAt       = regexp.MustCompile(`^(` + agencyAlt + `)\b`)

	reMDLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// photoCredit marks copyright lines that credit a picture, not the page.
var photoCredit = regexp.MustCompile(`\b(photo|photograph|image|picture|getty|shutterstock|ap photo|afp photo|reuters/|credit)`)

// companySuffix trims legal suffixes from outlet names.
var companySuffix = regexp.MustCompile(`(?i)[,\s]+(?:llc|inc|ltd|limited|plc|gmbh|s\.a|co|corp)\.?$`)

// unit is one line (or sentence of a long boilerplate line) of the text.
type unit struct {
	text string // trimmed, markers removed
	bp   bool   // inside boilerplate
}

// Analyze runs every text rule and returns the metadata and wire origins.
func Analyze(text string, boilerplate []document.Span) TextFindings {
	var f TextFindings
	m := &f.Meta
	head, foot := regions(text, boilerplate)
	detected, known := detectLanguage(text)
	nr := native()

	// Title: the first heading-like line of the body in the head.
	for _, u := range head {
		if u.bp || isBylineOrDate(u.text) {
			continue
		}
		if t := titleOf(u.text); t != "" {
			m.Title.Set(document.Field{Value: t, Source: document.FromText, Rule: "first-heading-line", Confidence: 0.6})
		}
		break
	}

	// Author, outlet and dates from bylines in the head.
	for i, u := range head {
		readByline(u.text, m, &f, 0.85)
		if nr != nil {
			nr.readNativeByline(u.text, m, &f, 0.85)
		}
		if m.Date.Value == "" && utf8.RuneCountInString(u.text) <= 90 {
			if d, ok := parseDateLineIn(u.text, detected.Code); ok {
				m.Date.Set(d)
				// A name alone on the line above the date line is its byline.
				if i > 0 && m.Author.Value == "" && head[i-1].text != m.Title.Value && !head[i-1].bp {
					if name := nameAboveDate(head[i-1].text); name != "" {
						setAuthor(m, &f, name, "byline:name-above-date", 0.5)
					}
				}
			}
		}
	}
	// Footers and signatures: from the end backwards.
	for i := len(foot) - 1; i >= 0; i-- {
		u := foot[i]
		readByline(u.text, m, &f, 0.7)
		readFooter(u.text, m, &f)
	}
	// A dated dateline opening the body: "BEIRUT, June 30, 2021 (AP) — …".
	if m.Date.Value == "" {
		if d, ok := datelineDate(firstLines(text, 12)); ok {
			m.Date.Set(d)
		} else if nr != nil {
			if d, ok := nr.nativeDateline(firstLines(text, 12), detected.Code); ok {
				m.Date.Set(d)
			}
		}
	}
	// Wire agencies credited in the body.
	if head := firstLines(text, 8); strings.Contains(head, ")") {
		if d := reDatelineAgency.FindStringSubmatch(head); d != nil {
			addOrigin(&f, d[1], "dateline-agency", 0.8)
		}
	}
	if a := toldAgency(text); a != "" {
		addOrigin(&f, a, "told-agency", 0.4)
	}
	if known {
		// Text evidence weighs less than a page's declared language.
		m.Language.Set(document.Field{Value: string(detected.Code), Source: document.FromText,
			Rule: "lang.detect:" + detected.Script.String(), Confidence: math.Round(detected.Confidence*85) / 100})
	}
	return f
}

// toldPhrases introduce the agency a source spoke to; each ends with one of
// the anchors searched for.
var toldPhrases = []string{"told", "said to", "spoke to", "speaking to", "talking to", "interview with", "according to"}

// toldAgency finds "told Reuters" and the like: the agency that gathered a
// quote, a sign of a wire story (not of the outlet that published the copy).
func toldAgency(text string) string {
	for _, anchor := range []string{"to ", "told ", "with "} {
		for pos := 0; ; {
			i := strings.Index(text[pos:], anchor)
			if i < 0 {
				break
			}
			i += pos
			pos = i + len(anchor)
			if pos >= len(text) || text[pos] < 'A' || text[pos] > 'Z' {
				continue // agencies are capitalised
			}
			g := reAgencyAt.FindStringSubmatch(text[pos:min(len(text), pos+40)])
			if g == nil {
				continue
			}
			before := text[:i+len(anchor)-1]
			for _, p := range toldPhrases {
				if strings.HasSuffix(before, p) && (len(before) == len(p) || !isWordByte(before[len(before)-len(p)-1])) {
					return g[1]
				}
			}
		}
	}
	return ""
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func addOrigin(f *TextFindings, name, rule string, conf float64) {
	a := wireName(name)
	if a == "" {
		return
	}
	for i, o := range f.Origins {
		if o.Agency == a {
			if conf > o.Confidence {
				f.Origins[i] = Origin{a, rule, conf}
			}
			return
		}
	}
	f.Origins = append(f.Origins, Origin{a, rule, conf})
	for i := len(f.Origins) - 1; i > 0 && f.Origins[i].Confidence > f.Origins[i-1].Confidence; i-- {
		f.Origins[i], f.Origins[i-1] = f.Origins[i-1], f.Origins[i]
	}
}

// regions returns the head (non-blank lines before the first paragraph, at
// most 12) and the foot (the boilerplate pieces and the last lines).
func regions(text string, bp []document.Span) (head, foot []unit) {
	inBP := func(start, end int) bool {
		for _, s := range bp {
			if s.Start <= start && end <= s.End {
				return true
			}
		}
		return false
	}
	pos := 0
	for pos < len(text) && len(head) < 12 {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		raw := text[pos:end]
		t := cleanLine(raw)
		if t != "" {
			if isProse(t) && (len(head) > 0 || utf8.RuneCountInString(t) >= 160) {
				break // the first line may be a long headline
			}
			head = append(head, unit{t, inBP(pos, end)})
		}
		pos = end + 1
	}
	// Boilerplate pieces of the second half, line by line: chrome above the
	// article (an editor's note, a columnist's bio) speaks of the writer,
	// not of the publisher, so it is no footer evidence.
	for _, s := range bp {
		if s.Start < len(text)/2 {
			continue
		}
		for _, l := range strings.Split(text[s.Start:s.End], "\n") {
			if t := cleanLine(l); t != "" {
				foot = append(foot, unit{t, true})
			}
		}
	}
	// The last short lines of the text.
	lines := lastLines(text, 6)
	for _, l := range lines {
		if t := cleanLine(l); t != "" && len(t) <= 300 {
			foot = append(foot, unit{t, false})
		}
	}
	return head, foot
}

func lastLines(text string, n int) []string {
	var out []string
	end := len(text)
	for end > 0 && len(out) < n {
		i := strings.LastIndexByte(text[:end], '\n')
		out = append(out, text[i+1:end])
		end = i
		if i < 0 {
			break
		}
	}
	return out
}

func firstLines(text string, n int) string {
	pos := 0
	for i := 0; i < n; i++ {
		j := strings.IndexByte(text[pos:], '\n')
		if j < 0 {
			return text
		}
		pos += j + 1
	}
	return text[:pos]
}

// cleanLine trims a line and removes list markers, Markdown heading marks,
// emphasis and link syntax, so they never end up in a value.
func cleanLine(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.ContainsRune(s, '[') {
		s = reMDLink.ReplaceAllString(s, "$1")
	}
	s = strings.TrimLeft(s, "#>*•·–—-_ \t")
	s = strings.TrimRight(s, "#*_ \t")
	if strings.ContainsAny(s, "*_`") {
		s = strings.NewReplacer("**", "", "__", "", "*", "", "`", "").Replace(s)
	}
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) })
}

// isProse reports whether a line reads as a body paragraph: long, or a
// sentence of a dozen words or more.
func isProse(s string) bool {
	spaces := strings.Count(s, " ")
	if utf8.RuneCountInString(s) >= 160 && spaces >= 20 {
		return true
	}
	return spaces >= 11 && strings.ContainsAny(s[len(s)-1:], ".!?\"”'’")
}

// titleOf returns s when it reads as a headline.
func titleOf(s string) string {
	if len(s) < 8 || len(s) > 250 {
		return ""
	}
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") && strings.Count(s, ". ") > 0 {
		return "" // a sentence, not a headline
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 35 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"'‘“«¿¡", r) && !unicode.Is(unicode.Arabic, r) && !unicode.Is(unicode.Han, r) {
		return ""
	}
	return s
}

func isBylineOrDate(s string) bool {
	if bylineStart(s) && (reByline.MatchString(s) || reAuthorLabel.MatchString(s)) {
		return true
	}
	_, ok := parseDateLine(s)
	return ok
}

// parseDateLine reads a date line: a line that is a date (with an optional
// time and label) and little else.
func parseDateLine(s string) (document.Field, bool) { return parseDateLineIn(s, lang.Unknown) }

// parseDateLineIn reads a date line of a text in language lc: the English
// forms, then those of every shipped language (see nativeRules.dateAt).
func parseDateLineIn(s string, lc lang.Code) (document.Field, bool) {
	label := reDateLabel.FindString(s)
	rest := strings.TrimSpace(s[len(label):])
	dm, ok := parseDateAt(rest)
	if !ok {
		if nr := native(); nr != nil {
			return nr.nativeDateLine(s, lc)
		}
		return document.Field{}, false
	}
	tail := strings.TrimSpace(rest[dm.n:])
	conf := 0.8
	switch {
	case tail == "" || len(tail) <= 12 && !strings.ContainsAny(tail, ".!?"):
	case label != "" && len(tail) <= 60:
		conf = 0.6
	default:
		return document.Field{}, false // a sentence that starts with a date
	}
	rule := "date-line:" + dm.form
	if label != "" {
		rule = "date-label:" + dm.form
	}
	return document.Field{Value: dm.value, Source: document.FromText, Rule: rule, Confidence: conf}, true
}

// readByline applies the byline rules to one line.
func readByline(s string, m *document.Metadata, f *TextFindings, conf float64) {
	if len(s) > 200 || !bylineStart(s) {
		return
	}
	if g := reByAgency.FindStringSubmatch(s); g != nil {
		addOrigin(f, g[1], "byline-agency", 0.8)
		return
	}
	if g := reByline.FindStringSubmatch(s); g != nil {
		setAuthor(m, f, g[1], "byline:by", conf)
		if g[2] != "" {
			setOutlet(m, f, g[2], "byline:for-outlet", 0.6)
		}
		return
	}
	if g := reAuthorLabel.FindStringSubmatch(s); g != nil {
		setAuthor(m, f, g[1], "byline:author-label", conf)
		if g[2] != "" {
			if o := reRoleOfOutlet.FindStringSubmatch(strings.TrimSpace(g[2])); o != nil {
				setOutlet(m, f, o[1], "signature:role-of-outlet", 0.7)
			}
		}
		return
	}
	if g := rePipeByline.FindStringSubmatch(s); g != nil {
		setAuthor(m, f, g[1], "byline:pipe", conf-0.1)
		setOutlet(m, f, g[2], "byline:pipe-outlet", 0.6)
	}
}

// readFooter applies the footer rules to one line.
func readFooter(s string, m *document.Metadata, f *TextFindings) {
	// Cheap keyword checks keep the regular expressions off most lines.
	low := strings.ToLower(s)
	if strings.Contains(low, "all ") && containsAny(low, "licensed", "available", "published", "protected") {
		if g := reAllContentBy.FindStringSubmatch(s); g != nil {
			setOutlet(m, f, g[1], "footer:all-content-by", 0.9)
		}
	}
	if containsAny(low, "patreon", "subscribestar", "paypal", "ko-fi", "locals") {
		if g := reSupportOn.FindStringSubmatch(s); g != nil {
			setOutlet(m, f, g[1], "footer:support-on-patreon", 0.8)
		}
	}
	if containsAny(low, "represent", "reflect") {
		if g := reViewsOf.FindStringSubmatch(s); g != nil {
			setOutlet(m, f, g[1], "footer:disclaimer-views-of", 0.6)
		}
	}
	if (strings.Contains(s, "©") || strings.Contains(low, "copyright") || strings.Contains(low, "(c)")) && !photoCredit.MatchString(low) {
		if g := reCopyBefore.FindStringSubmatch(s); g != nil && !strings.EqualFold(cleanName(g[1]), "copyright") {
			setOutlet(m, f, g[1], "footer:copyright", 0.8)
		} else if g := reCopyAfter.FindStringSubmatch(s); g != nil {
			setOutlet(m, f, g[1], "footer:copyright", 0.75)
		}
	}
	if containsAny(low, "editor", "columnist", "correspondent", "reporter", "writer") {
		if g := reRoleAt.FindStringSubmatch(s); g != nil {
			setOutlet(m, f, g[1], "signature:role-at-outlet", 0.4)
		}
	}
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// bylineStart reports whether a line can be a byline at all.
func bylineStart(s string) bool {
	if len(s) < 4 {
		return false
	}
	low := strings.ToLower(s[:min(len(s), 12)])
	return strings.HasPrefix(low, "by ") || strings.HasPrefix(low, "author") || strings.HasPrefix(low, "written") ||
		strings.HasPrefix(low, "writer") || strings.HasPrefix(low, "words") || strings.HasPrefix(low, "text") ||
		strings.Contains(s, "|")
}

// notNames are words that bylines and footers put where a name would be.
var notNames = map[string]bool{
	"staff": true, "the staff": true, "editorial board": true, "the editorial board": true, "admin": true,
	"all": true, "the": true, "this": true, "our": true, "us": true, "all rights reserved": true,
}

// reDatelinePlace is the place of a dateline: a capitalised city, an
// optional region, then a separator before the date.
var reDatelinePlace = regexp.MustCompile(`(?m)^\p{Lu}[\p{Lu}\p{M} .'’-]{1,40}(?:,\s*[\p{L}.][\p{L} .]{0,30})?\s*(?:,|—|–|-)\s*`)

// datelineDate reads the date of a dateline ("WASHINGTON, June 30, 2021
// (Reuters) -"); a dateline without a year gives nothing.
func datelineDate(head string) (document.Field, bool) {
	for _, loc := range reDatelinePlace.FindAllStringIndex(head, 4) {
		dm, ok := parseDateAt(head[loc[1]:])
		if !ok {
			continue
		}
		rest := strings.TrimLeft(head[loc[1]+dm.n:], " ")
		// The dateline goes on with an agency or a dash, then the story.
		if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "–") {
			return document.Field{Value: dm.value, Source: document.FromText, Rule: "dateline:" + dm.form, Confidence: 0.6}, true
		}
	}
	return document.Field{}, false
}

// roleWord marks a byline segment that gives a job title, not a name
// ("By Jane Roe, Example Blog Editor").
var roleWord = regexp.MustCompile(`(?i)\b(editor|correspondent|reporter|writer|staff|columnist|contributor|producer|analyst|bureau|chief|director|president|professor)\b`)

func setAuthor(m *document.Metadata, f *TextFindings, name, rule string, conf float64) {
	if parts := strings.Split(name, ","); len(parts) > 1 {
		for i, p := range parts {
			if i > 0 && roleWord.MatchString(p) {
				name = strings.Join(parts[:i], ",")
				break
			}
		}
	}
	name = cleanName(name)
	if name == "" || notNames[strings.ToLower(name)] {
		return
	}
	if a := wireName(name); a != "" {
		addOrigin(f, a, "byline-agency", 0.8)
		return
	}
	m.Author.Set(document.Field{Value: name, Source: document.FromText, Rule: rule, Confidence: conf})
}

func setOutlet(m *document.Metadata, f *TextFindings, name, rule string, conf float64) {
	name = cleanName(companySuffix.ReplaceAllString(cleanName(name), ""))
	if name == "" || notNames[strings.ToLower(name)] || len(name) < 2 {
		return
	}
	if a := wireName(name); a != "" {
		addOrigin(f, a, strings.Replace(rule, "footer:", "wire:", 1), conf)
		return
	}
	m.Outlet.Set(document.Field{Value: name, Source: document.FromText, Rule: rule, Confidence: conf})
}

// cleanName trims spaces and trailing punctuation and connectors.
func cleanName(s string) string {
	// A sentence end inside the match ("The Example Press. All rights").
	// The word before the period must not be an initial or abbreviation
	// ("U.S. News" stays whole).
	for i := 1; i+1 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' {
			continue
		}
		w := s[strings.LastIndexByte(s[:i], ' ')+1 : i]
		if len(w) >= 3 && !strings.Contains(w, ".") {
			s = s[:i]
			break
		}
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(".,;:|-–—!?", r) })
	for _, w := range []string{" and", " of", " the", " for", " &", " The"} {
		s = strings.TrimSuffix(s, w)
	}
	return strings.Join(strings.Fields(s), " ")
}
