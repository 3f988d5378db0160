package sourcemeta

import "testing"

func TestSolarToGregorian(t *testing.T) {
	// Pairs from Iranian calendars: Nowruz of several years, the last day
	// of a leap and of a common year, and dates of news in 1398 and 1399.
	cases := []struct {
		y, m, d int
		want    string
	}{
		{1399, 1, 1, "2020-03-20"},
		{1398, 1, 1, "2019-03-21"},
		{1403, 1, 1, "2024-03-20"},
		{1404, 1, 1, "2025-03-21"},
		{1375, 1, 1, "1996-03-20"},
		{1300, 1, 1, "1921-03-21"},
		{1398, 6, 23, "2019-09-14"},
		{1398, 6, 27, "2019-09-18"},
		{1399, 5, 15, "2020-08-05"},
		{1399, 5, 16, "2020-08-06"},
		{1357, 11, 22, "1979-02-11"},
		{1403, 12, 30, "2025-03-20"}, // 1403 is a leap year
		{1402, 12, 29, "2024-03-19"},
		{1399, 10, 11, "2020-12-31"},
		{1399, 10, 12, "2021-01-01"},
	}
	for _, c := range cases {
		got, ok := solarToGregorian(c.y, c.m, c.d)
		if !ok || got.Format("2006-01-02") != c.want {
			t.Errorf("solarToGregorian(%d/%d/%d) = %s %v, want %s", c.y, c.m, c.d, got.Format("2006-01-02"), ok, c.want)
		}
	}
	for _, bad := range [][3]int{{1402, 12, 30}, {1399, 7, 31}, {1399, 13, 1}, {1399, 0, 5}, {99, 1, 1}} {
		if got, ok := solarToGregorian(bad[0], bad[1], bad[2]); ok {
			t.Errorf("solarToGregorian(%v) = %s, want no date", bad, got.Format("2006-01-02"))
		}
	}
}
