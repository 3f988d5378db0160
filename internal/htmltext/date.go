package htmltext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// isoDate matches ISO 8601 / RFC 3339 dates and date-times as pages write
// them: "2015-07-24T05:36:09+01:00", "2017-11-03 03:01:00.000000",
// "2019-01-03T07:00:02.000Z", "2024-06-25", "20150724".
var isoDate = regexp.MustCompile(`^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{3,4})?$`)

// textLayouts are the written-out forms meta tags carry.
var textLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04",
	"January 2, 2006 3:04 PM", "January 2, 2006 15:04", "January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006",
	"2 January 2006 15:04", "2 January 2006", "2 Jan 2006", "Monday, January 2, 2006",
	"2006/01/02 15:04:05", "2006/01/02 15:04", "2006/01/02",
}

// NormaliseDate turns a date as a page writes it into "YYYY-MM-DD" or
// "YYYY-MM-DDThh:mm", keeping the local time as written (a zone offset is
// dropped, not applied). A time of exactly midnight is taken as a date
// placeholder and dropped. Anything else, or an impossible date, gives "".
func NormaliseDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return ""
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if m[4] == "" {
			return format(y, mo, d, -1, 0)
		}
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		sec, _ := strconv.Atoi(m[6])
		if h == 0 && mi == 0 && sec == 0 {
			h = -1
		}
		return format(y, mo, d, h, mi)
	}
	for _, layout := range textLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		h := t.Hour()
		if !strings.Contains(layout, "15") && !strings.Contains(layout, "3:04") || h == 0 && t.Minute() == 0 && t.Second() == 0 {
			h = -1
		}
		return format(t.Year(), int(t.Month()), t.Day(), h, t.Minute())
	}
	return ""
}

// format writes a checked date; h < 0 leaves the time out.
func format(y, mo, d, h, mi int) string {
	if y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 {
		return ""
	}
	if time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return "" // 31 April, 29 February of a common year
	}
	if h < 0 {
		return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi)
}
