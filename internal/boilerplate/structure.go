package boilerplate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// This file holds the structural rules: what makes a stretch of text page
// furniture by its shape rather than by one phrase — sign-up and donation
// forms found by their cues, lists of headlines under a "Related" header or
// standing alone, and related-headline cards flattened into a sentence.

// maxFormLine is the longest line (in bytes) judged as a sign-up or
// donation form, or by its first sentence; longer lines are body.
const maxFormLine = 2500

// railHeads are the headers of related-link lists ("Related:", "More on
// this…", "Read more"), as alternatives of a regexp over a lowercased line.
const railHeads = `read more|read also|also read|see also|also see|read next|what to read next|further reading|` +
	`related( articles| stories| posts| news| content| coverage| reading)?|recommended( for you| stories| reading)?|` +
	`more from [^.]{1,40}|more stories|top stories|you may also like|you might also like|most popular|most read|` +
	`trending( now)?|don'?t miss|(full|more|related) coverage|more on this( story)?`

// railHeader matches a bare header, with nothing after it but punctuation:
// the lines below it are its list.
var railHeader = regexp.MustCompile(`^(` + railHeads + `)\s*([:»|>-]|\.\.\.|…)?$`)

// formCue is one cue of a sign-up or donation form; strong cues address
// the reader or give an order, weak ones only name the topic.
type formCue struct {
	text     string
	strong   bool
	donation bool
}

var formCues = []formCue{
	{"your inbox", true, false}, {"by signing up", true, false}, {"you agree to", true, false},
	{"you can unsubscribe", true, false}, {"unsubscribe at any time", true, false}, {"not a robot", true, false},
	{"please re-enter", true, false}, {"please try again", true, false}, {"thank you for signing up", true, false},
	{"thank you for subscribing", true, false}, {"enter your email", true, false}, {"your email address", true, false},
	{"sign up today", true, false}, {"sign up here", true, false}, {"sign up now", true, false},
	{"subscribe now", true, false}, {"subscribe today", true, false}, {"email sign up", true, false},
	{"chip in", true, true}, {"make a contribution", true, true}, {"making a contribution", true, true},
	{"your financial contribution", true, true}, {"support our journalism", true, true}, {"reader-supported", true, true},
	{"reader supported", true, true}, {"as little as $", true, true}, {"make a donation", true, true},
	{"making a donation", true, true}, {"donate today", true, true}, {"donate now", true, true},
	{"newsletter", false, false}, {"privacy policy", false, false}, {"terms of service", false, false},
	{"recaptcha", false, false}, {"sign up", false, false}, {"subscribe", false, false}, {"promotion", false, false},
	{"special offers", false, false}, {"donat", false, true}, {"please consider", false, true},
	{"your support", false, true}, {"independent journalism", false, true},
}

// formRule scores a line by the form cues among its keys: two different
// cues addressing the reader and four points in all (a strong cue counts
// two) make it a sign-up or donation form. It returns "newsletter",
// "donation-call" or "".
func formRule(keys keySet, size int) string {
	if size < 40 {
		return ""
	}
	score, strong, donation := 0, 0, 0
	for i, c := range formCues {
		if !keys.has(ruleKeys.cues[i]) {
			continue
		}
		score++
		if c.strong {
			score++
			strong++
			if c.donation {
				donation++
			}
		}
	}
	if strong < 2 || score < 4 {
		return ""
	}
	if 2*donation > strong {
		return "donation-call"
	}
	return "newsletter"
}

// firstSentenceEnd returns where the first sentence of s ends (the start
// of the second), or 0 when s is one sentence. Initials ("Jane Q. Roe")
// and common abbreviations do not end a sentence (sentenceStarts).
func firstSentenceEnd(s string) int {
	if starts := sentenceStarts(s); len(starts) > 1 {
		return starts[1]
	}
	return 0
}

// railBelow returns the lines of the headline list that starts at line
// from (blank lines skipped): short headline-like lines or bullets, up to
// the first line that is neither.
func railBelow(ls []line, from int) []int {
	var out []int
	for j := from; j < len(ls) && len(out) < 15; j++ {
		l := &ls[j]
		if l.trim == "" {
			continue
		}
		if !railItem(l) {
			break
		}
		out = append(out, j)
	}
	return out
}

// railItem reports whether l could be one link of a list of headlines.
func railItem(l *line) bool {
	if l.prose || len(l.trim) > 200 {
		return false
	}
	if strings.HasSuffix(l.trim, "?") {
		first, _, _ := strings.Cut(strings.ToLower(trimMarkers(l.trim)), " ")
		if questionWords[strings.ReplaceAll(first, "’", "'")] {
			return false // a question the article asks, under an empty header
		}
	}
	if isTitleLike(l.trim) {
		return true
	}
	t := trimMarkers(l.trim)
	return l.marker && len(t) >= 12 && !strings.HasSuffix(t, ".") && !strings.Contains(t, ". ")
}

// titleRuns returns the runs of three or more consecutive headline lines in
// Title Case after the last body paragraph (blank lines between them
// allowed): a list of links under the article. Inside the article such
// runs are as often lists of names, table headings or a press release's
// header, so they are left alone there.
func titleRuns(ls []line, last int) [][]int {
	var runs [][]int
	var cur []int
	flush := func() {
		if len(cur) >= 3 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	for j := max(last+1, 1); j < len(ls); j++ {
		l := &ls[j]
		if l.trim == "" {
			continue
		}
		if !l.prose && isTitleLike(l.trim) && isTitleCase(l.trim) && readsAsHeadline(l.trim) {
			cur = append(cur, j)
			continue
		}
		flush()
	}
	flush()
	return runs
}

// headlineSmall are the short words a Title Case headline leaves in lower
// case; a line of names and offices ("Governor Jane Roe of Ohio") has
// none of them but "of".
var headlineSmall = map[string]bool{"a": true, "an": true, "the": true, "to": true, "in": true, "for": true, "on": true,
	"at": true, "with": true, "as": true, "is": true, "are": true, "by": true, "from": true, "after": true, "over": true,
	"into": true, "about": true, "but": true, "or": true, "not": true, "be": true, "vs.": true, "amid": true}

// readsAsHeadline reports whether a Title Case line has five words or more
// and one of the small words headlines keep in lower case.
func readsAsHeadline(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 5 {
		return false
	}
	for _, w := range ws[1:] {
		if headlineSmall[w] {
			return true
		}
	}
	return false
}

// questionWords open a question a text asks its reader, not a headline.
var questionWords = map[string]bool{"what": true, "why": true, "how": true, "who": true, "when": true, "where": true,
	"which": true, "do": true, "does": true, "did": true, "don't": true, "doesn't": true, "didn't": true, "is": true,
	"are": true, "was": true, "were": true, "can": true, "could": true, "should": true, "would": true, "will": true}

// isTitleCase reports whether most words of four letters or more start
// with a capital ("Senate Passes The Budget After A Long Night").
func isTitleCase(s string) bool {
	long, upper := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "\"'‘“(«")
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r := firstRune(w); unicode.IsUpper(r) || unicode.IsDigit(r) {
			upper++
		}
	}
	return long >= 2 && 4*upper >= 3*long
}

// maxInlineRail bounds the text between a card's name and its "MORE".
const maxInlineRail = 700

// inlineRails finds related-headline cards that a page flattened into a
// sentence: a person's name, the name again in full glued to the first of
// a few headlines, and an all-caps "MORE" link ("… said Sen. Jane Roe Jane
// Q. RoeSenate passes the budget Floods hit the north MORE (D-Ore.) …").
// The repeated full name and the headlines are marked; the sentence keeps
// its first mention of the name.
func inlineRails(text string, l line) []Match {
	s := text[l.start:l.end]
	if !strings.Contains(s, " MORE") {
		return nil
	}
	var out []Match
	from := 0
	for from < len(s) {
		k := strings.Index(s[from:], " MORE")
		if k < 0 {
			break
		}
		m := from + k + 1
		end := m + len("MORE")
		if r := firstRune(s[end:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			from = end
			continue
		}
		lo := max(from, m-maxInlineRail)
		if st := cardStart(s[lo:m]); st >= 0 && mostlyLower(s[lo+st:m]) {
			out = append(out, Match{document.Span{Start: l.start + lo + st, End: l.start + end}, "link-rail"})
		}
		from = end
	}
	return out
}

// mostlyLower reports whether most letters of s are lower case: headlines
// are, while a text in capitals (a transcript) uses MORE as a word.
func mostlyLower(s string) bool {
	lower, upper := 0, 0
	for _, r := range s {
		if unicode.IsLower(r) {
			lower++
		} else if unicode.IsUpper(r) {
			upper++
		}
	}
	return lower > 2*upper
}

// cardStart returns where a card starts in w, the text before a "MORE"
// link, or -1: the first word glued to a headline ("RoeSenate",
// "Roe2020") whose name part repeats a word shortly before it; the card
// starts after that earlier word ("Jane Roe [Jane Q. RoeSenate …").
func cardStart(w string) int {
	type tok struct {
		s     string
		start int
	}
	var toks []tok
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i
		for j < len(w) {
			r, size := utf8.DecodeRuneInString(w[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		toks = append(toks, tok{w[i:j], i})
		i = j
	}
	// A name repeated in full without a glue ("Jane Roe Jane Quinn Roe
	// Senate passes …"): the same capitalised word twice, with only
	// capitalised words between; of several, the one nearest the link,
	// then the longest ("Roe … Roe" rather than "Jane … Jane").
	fallback, fk, fgap := -1, -1, 0
	for k := 2; k < len(toks); k++ {
		name := strings.TrimRight(toks[k].s, ",.;:")
		if utf8.RuneCountInString(name) < 2 || !unicode.IsUpper(firstRune(name)) {
			continue
		}
		for q := k - 2; q >= 0 && q >= k-6; q-- {
			if strings.TrimRight(toks[q].s, ",.;:'’") != name {
				continue
			}
			between := true
			for _, m := range toks[q+1 : k] {
				if r := firstRune(strings.TrimLeft(m.s, "(")); !unicode.IsUpper(r) {
					between = false
					break
				}
			}
			if between && (k > fk+1 || k-q > fgap) {
				fallback, fk, fgap = toks[q+1].start, k, k-q
			}
			break
		}
	}
	for k, t := range toks {
		for _, g := range gluePoints(t.s) {
			name := strings.TrimLeft(t.s[:g], "(\"'‘“")
			if utf8.RuneCountInString(name) < 2 || !unicode.IsUpper(firstRune(name)) {
				continue
			}
			for q := k - 1; q >= 0 && q >= k-8; q-- {
				if strings.TrimRight(toks[q].s, ",.;:'’") != name {
					continue
				}
				start := toks[q+1].start
				if len(w)-start < 30 {
					return -1
				}
				return start
			}
		}
	}
	if fallback >= 0 && len(w)-fallback >= 30 {
		return fallback
	}
	return -1
}

// gluePoints returns the byte offsets in word where a lower-case letter is
// directly followed by a capital, a digit or an opening quote.
func gluePoints(word string) []int {
	var out []int
	prevLower := false
	for i, r := range word {
		if prevLower && (unicode.IsUpper(r) || unicode.IsDigit(r) || r == '\'' || r == '‘' || r == '“' || r == '"') {
			out = append(out, i)
		}
		prevLower = unicode.IsLower(r)
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
