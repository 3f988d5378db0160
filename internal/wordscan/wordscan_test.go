package wordscan

import "testing"

func TestIsAbbreviation(t *testing.T) {
	for _, c := range []struct {
		word string
		want bool
	}{
		{"Mr", true}, {"mr", true}, {"MR", true}, {"Gen", true}, {"gens", true},
		{"Brig", true}, {"Inc", true}, {"Jan", true}, {"Sept", true}, {"St", true},
		{"no", true}, {"vs", true},
		{"us", false}, {"in", false}, {"am", false}, {"said", false}, {"", false},
		{"General", false}, {"Mr.", false}, {"U.S", false}, {"mé", false},
	} {
		if got := IsAbbreviation(c.word); got != c.want {
			t.Errorf("IsAbbreviation(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

func TestDottedInitials(t *testing.T) {
	for _, c := range []struct {
		word string
		want bool
	}{
		{"U.S", true}, {"u.s.", true}, {"D.C", true}, {"U.K.", true}, {"É.U", true},
		{"U", false}, {"U.", false}, {"US", false}, {"U..S", false}, {".U.S", false},
		{"Gen", false}, {"U.S-", false}, {"", false}, {"1.2", false},
	} {
		if got := DottedInitials(c.word); got != c.want {
			t.Errorf("DottedInitials(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

func TestRuneClasses(t *testing.T) {
	for _, c := range []struct {
		r                  rune
		word, apos, hyphen bool
	}{
		{'a', true, false, false}, {'Z', true, false, false}, {'7', true, false, false},
		{'é', true, false, false}, {'ب', true, false, false}, {'\u064e', true, false, false}, // Arabic fatha (Mn)
		{'٣', true, false, false}, {'_', false, false, false}, {' ', false, false, false},
		{'\'', false, true, false}, {'’', false, true, false}, {'ʼ', true, true, false}, // modifier letter: a letter too
		{'-', false, false, true}, {'\u2010', false, false, true}, {'–', false, false, false},
	} {
		if got := IsWordRune(c.r); got != c.word {
			t.Errorf("IsWordRune(%q) = %v", c.r, got)
		}
		if got := IsApostrophe(c.r); got != c.apos {
			t.Errorf("IsApostrophe(%q) = %v", c.r, got)
		}
		if got := IsHyphen(c.r); got != c.hyphen {
			t.Errorf("IsHyphen(%q) = %v", c.r, got)
		}
	}
}

// TestTableASCII keeps IsAbbreviation's fast path honest: every entry is
// lower-case ASCII letters and fits maxAbbrev.
func TestTableASCII(t *testing.T) {
	for w := range abbreviations {
		if len(w) == 0 || len(w) > maxAbbrev {
			t.Errorf("%q: length %d outside 1..%d", w, len(w), maxAbbrev)
		}
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				t.Errorf("%q: not lower-case ASCII", w)
			}
		}
	}
}
