package sourcemeta

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthRe = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

// timeRe is an optional clock time after a date: "- 18:47", "at 6:47 pm",
// ", 10:38".
const timeRe = `(?:\s*(?:[-–—|,@/]|\bat\b)?\s*(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?m\b\.?)?)?`

var (
	reMDY = regexp.MustCompile(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?` + monthRe + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b` + timeRe)
	reDMY = regexp.MustCompile(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?` + monthRe + `\.?,?\s+((?:19|20)\d\d)\b` + timeRe)
	reISO = regexp.MustCompile(`^((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\b`)
	// reDateLabel strips "Published:", "Updated on", "Date:" and the like.
	reDateLabel = regexp.MustCompile(`(?i)^(?:(?:first |last )?(?:published|updated|posted|date|dated|released|modified)\s*(?:on|at)?\s*:?\s*)`)
)

// dateMatch is a date found at the start of a string.
type dateMatch struct {
	value string // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm"
	form  string // "month-day-year", "day-month-year", "iso"
	n     int    // bytes of the input the date used
}

// parseDateAt reads a date at the start of s.
func parseDateAt(s string) (dateMatch, bool) {
	if m := reMDY.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		if v, ok := buildDate(g[3], months[strings.ToLower(g[1])], g[2], g[4], g[5], g[6]); ok {
			return dateMatch{v, "month-day-year", m[1]}, true
		}
	}
	if m := reDMY.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		if v, ok := buildDate(g[3], months[strings.ToLower(g[2])], g[1], g[4], g[5], g[6]); ok {
			return dateMatch{v, "day-month-year", m[1]}, true
		}
	}
	if m := reISO.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		mo, _ := strconv.Atoi(g[2])
		if v, ok := buildDate(g[1], time.Month(mo), g[3], g[4], g[5], ""); ok {
			return dateMatch{v, "iso", m[1]}, true
		}
	}
	return dateMatch{}, false
}

func groups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

// buildDate validates the parts and formats them; a time is kept only when
// it is a valid clock time.
func buildDate(year string, month time.Month, day, hour, minute, ampm string) (string, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 June
		return "", false
	}
	out := t.Format("2006-01-02")
	if hour == "" {
		return out, true
	}
	h, _ := strconv.Atoi(hour)
	mi, _ := strconv.Atoi(minute)
	switch strings.ToLower(ampm) {
	case "p":
		if h < 12 {
			h += 12
		}
	case "a":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 {
		return out, true
	}
	return out + "T" + twoDigits(h) + ":" + twoDigits(mi), true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ParseDate normalises a date written as "June 30, 2021 - 18:47",
// "30 June 2021", "2021-06-30", "2021-06-30T18:47:00Z" (optionally after a
// "Published:" label) to "YYYY-MM-DD" or "YYYY-MM-DDThh:mm". It reports
// false for anything else; it never guesses a missing year.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		// The common case of sidecar tables, without regular expressions.
		mo, err := strconv.Atoi(s[5:7])
		if err == nil {
			if v, ok := buildDate(s[:4], time.Month(mo), s[8:], "", "", ""); ok && s[0] >= '1' && s[0] <= '2' {
				return v, true
			}
		}
	}
	s = reDateLabel.ReplaceAllString(s, "")
	m, ok := parseDateAt(s)
	if !ok {
		return "", false
	}
	return m.value, true
}
