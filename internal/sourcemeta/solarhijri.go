package sourcemeta

import "time"

// solarDayNumber counts days in the Solar Hijri calendar with the 33-year
// arithmetic cycle of leap years (8 leap years in every 33), which agrees
// with the Iranian calendar for the years news is dated in (1300–1500).
// Months 1–6 have 31 days, 7–11 have 30, the 12th 29 or 30.
func solarDayNumber(y, m, d int) int {
	y += 1595
	n := 365*y + y/33*8 + (y%33+3)/4 + d
	if m < 7 {
		return n + (m-1)*31
	}
	return n + (m-7)*30 + 186
}

// solarAnchor is 1 Farvardin 1399, Nowruz of 20 March 2020.
var solarAnchor = time.Date(2020, time.March, 20, 0, 0, 0, 0, time.UTC)

// solarToGregorian converts the Solar Hijri date y/m/d to the Gregorian
// calendar; it reports false for a date that does not exist (31 Mehr, 30
// Esfand of a common year) or a year outside 1200–1600.
func solarToGregorian(y, m, d int) (time.Time, bool) {
	if y < 1200 || y > 1600 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	days := 31
	switch {
	case m >= 7 && m <= 11:
		days = 30
	case m == 12:
		days = solarDayNumber(y+1, 1, 1) - solarDayNumber(y, 12, 1)
	}
	if d > days {
		return time.Time{}, false
	}
	return solarAnchor.AddDate(0, 0, solarDayNumber(y, m, d)-solarDayNumber(1399, 1, 1)), true
}
