package benchcorpus

import (
	"slices"
	"strings"
	"testing"
)

func TestIsNameWord(t *testing.T) {
	for _, tc := range []struct {
		w    string
		want bool
	}{
		{"Newsom", true},
		{"Ostrova", true},
		{"Łukasz", true},
		{"Al", false},     // too short to tell from an abbreviation
		{"NATO", false},   // acronym
		{"McCain", false}, // inner capital: left alone rather than mangled
		{"newsom", false},
		{"O'Brien", false},
		{"2020", false},
		{"", false},
	} {
		if got := isNameWord(tc.w); got != tc.want {
			t.Errorf("isNameWord(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}

func TestTokensRoundTrip(t *testing.T) {
	for _, s := range []string{"", "a", "  ", "Gavin Newsom’s plan—a “fix”, he said.", "x-ray 3.5 O'Brien\n\n"} {
		var b strings.Builder
		toks := tokens(s)
		for i, tk := range toks {
			b.WriteString(tk.s)
			if i > 0 && toks[i-1].word == tk.word {
				t.Errorf("%q: two %v runs in a row", s, tk.word)
			}
		}
		if b.String() != s {
			t.Errorf("tokens(%q) joined back to %q", s, b.String())
		}
	}
}

func TestCountNamesRoles(t *testing.T) {
	counts := map[string]*[roles]int{}
	countNames("Yesterday the mayor Lena Ostrova met Halloran. Ostrova left. Later, Lena Ostrova spoke in Kellow.", counts)
	want := map[string][roles]int{
		"Lena":     {0, 2, 0},
		"Ostrova":  {0, 0, 2}, // the sentence-initial one is not counted
		"Halloran": {1, 0, 0},
		"Kellow":   {1, 0, 0},
	}
	for w, c := range want {
		got := counts[w]
		if got == nil || *got != c {
			t.Errorf("%s: roles %v, want %v", w, got, c)
		}
	}
	for _, w := range []string{"Yesterday", "Later"} {
		if counts[w] != nil {
			t.Errorf("sentence-initial %s was counted", w)
		}
	}
}

func testPool() *names {
	counts := map[string]*[roles]int{
		"Lena": {0, 9, 0}, "Dana": {0, 7, 1}, "Marek": {0, 6, 0},
		"Ostrova": {0, 0, 8}, "Whitcombe": {1, 0, 6}, "Halloran": {0, 0, 5},
		"Kellow": {9, 0, 0}, "Alder": {7, 0, 0}, "Rare": {1, 0, 0},
	}
	return buildNames(counts, 3)
}

func TestVarierKeepsRolesAndConsistency(t *testing.T) {
	pool := testPool()
	if pool.size() != 8 {
		t.Fatalf("pool holds %d words, want 8 (Rare is below the count)", pool.size())
	}
	text := "Lena Ostrova met Marek Halloran at Kellow. Later Lena Ostrova and Marek Halloran left Kellow for Alder."
	changed := false
	for key := uint64(0); key < 40; key++ {
		v := newVarier(pool, 1, 0, key, 1) // every known name replaced
		got := v.text(text)
		if got != text {
			changed = true
		}
		// same word, same replacement within one copy
		for w, r := range v.names {
			if role, ok := pool.role[w]; ok && !slices.Contains(pool.byRole[role], r) {
				t.Errorf("key %d: %s (role %d) became %s of another role", key, w, role, r)
			}
		}
		f := strings.Fields(got)
		if f[0] != f[8] || f[1] != f[9] || f[3] != f[11] || f[4] != f[12] {
			t.Errorf("key %d: %q names the same people differently", key, got)
		}
		if v2 := newVarier(pool, 1, 0, key, 2); v2.text(text) != got {
			t.Errorf("key %d: the same renaming key renamed differently in another document", key)
		}
	}
	if !changed {
		t.Error("no key changed any name")
	}
	if got := newVarier(pool, 0, 0, 5, 5).text(text); got != text {
		t.Errorf("rates 0 changed the text: %q", got)
	}
}

func TestVarierSwapsOnlyLowerCaseNeighbours(t *testing.T) {
	text := "The Council met in Alder on 3 May, and the mayor said the plan was sound."
	v := newVarier(testPool(), 0, 1, 9, 9) // every eligible pair swaps
	got := v.text(text)
	if got == text {
		t.Fatal("no swap at rate 1")
	}
	if !slices.Equal(sortedWords(got), sortedWords(text)) {
		t.Errorf("swaps changed the words: %q", got)
	}
	for _, keep := range []string{"The Council ", " Alder on 3 May, "} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost %q", got, keep)
		}
	}
}

func sortedWords(s string) []string {
	var w []string
	for _, tk := range tokens(s) {
		if tk.word {
			w = append(w, tk.s)
		}
	}
	slices.Sort(w)
	return w
}

func TestShiftDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		days int
		want string
	}{
		{"2020-03-14", 20, "2020-04-03"},
		{"2020-03-14", -14, "2020-02-29"},
		{"2019-12-25T10:00:00Z", 7, "2020-01-01T10:00:00Z"},
		{"14/03/2020", 5, "14/03/2020"}, // unknown format: kept, never guessed
		{"", 5, ""},
	} {
		if got := shiftDate(tc.in, tc.days); got != tc.want {
			t.Errorf("shiftDate(%q, %d) = %q, want %q", tc.in, tc.days, got, tc.want)
		}
	}
}
