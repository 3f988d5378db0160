package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case", "Al-QAIM", "al-qaim"},
		{"curly apostrophe", "al-Qa’im", "al-qa'im"},
		{"modifier apostrophe", "al-Qaʼim", "al-qa'im"},
		{"double quotes", "“We’ll fight”", "\"we'll fight\""},
		{"dashes", "Baghdad–Tehran—Damascus", "baghdad-tehran-damascus"},
		{"diacritics", "Mobilisation Forcés Dayr al-Zawr Ḥashd", "mobilisation forces dayr al-zawr hashd"},
		{"ligature", "ﬁghters", "fighters"},
		{"greek omicron in latin word", "cοntrοl Frοm", "control from"},
		{"cyrillic in latin word", "Bаghdаd", "baghdad"},
		{"greek word stays greek", "Αθήνα", "αθηνα"},
		{"cyrillic word stays cyrillic", "Москва", "москва"},
		{"soft hyphen dropped", "con\u00adtrol", "control"},
		{"nbsp to space", "U.S.\u00a0forces", "u.s. forces"},
		{"sharp s", "Straße", "strasse"},
		{"ellipsis", "al-Qaim…", "al-qaim..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldOffsetsMapBack(t *testing.T) {
	orig := "The PMF’s cοntrοl over Straße and “Al-QAIM”."
	f := Fold(orig)
	if len(f.Offsets) != len(f.Text)+1 {
		t.Fatalf("len(Offsets) = %d, want %d", len(f.Offsets), len(f.Text)+1)
	}
	for _, probe := range []struct{ folded, original string }{
		{"control", "cοntrοl"},
		{"pmf's", "PMF’s"},
		{"strasse", "Straße"},
		{"\"al-qaim\"", "“Al-QAIM”"},
		{"stras", "Straß"}, // a span ending inside the output of "ß" still covers it
	} {
		i := strings.Index(f.Text, probe.folded)
		if i < 0 {
			t.Fatalf("folded text %q lacks %q", f.Text, probe.folded)
		}
		s, e := f.Original(i, i+len(probe.folded))
		if got := orig[s:e]; got != probe.original {
			t.Errorf("Original span of %q = %q, want %q", probe.folded, got, probe.original)
		}
	}
}

func TestFoldedStart(t *testing.T) {
	orig := "ab ßc"
	f := Fold(orig) // "ab ssc"
	if got := f.FoldedStart(strings.Index(orig, "c")); f.Text[got:] != "c" {
		t.Errorf("FoldedStart(c) = %d (%q)", got, f.Text[got:])
	}
	if got := f.FoldedStart(len(orig)); got != len(f.Text) {
		t.Errorf("FoldedStart(end) = %d, want %d", got, len(f.Text))
	}
}

func TestFindMixedScript(t *testing.T) {
	tests := []struct {
		in         string
		words      []string
		characters int
	}{
		{"Frοm a desert hillside, cοmmander Muslih", []string{"Frοm", "cοmmander"}, 2},
		{"Bаghdаd and Москва and Αθήνα", []string{"Bаghdаd"}, 2},
		{"plain English text with café and naïve", nil, 0},
		{"", nil, 0},
	}
	for _, tt := range tests {
		m := FindMixedScript(tt.in)
		var got []string
		for _, w := range m.Words {
			got = append(got, tt.in[w.Start:w.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.words, "|") || m.Characters != tt.characters {
			t.Errorf("FindMixedScript(%q) = %q, %d; want %q, %d", tt.in, got, m.Characters, tt.words, tt.characters)
		}
	}
}

func TestConfusablesTableGenerated(t *testing.T) {
	for r, want := range map[rune]byte{'ο': 'o', 'о': 'o', 'а': 'a', 'е': 'e', 'Α': 'A', 'р': 'p', 'с': 'c'} {
		if got := asciiConfusables[r]; got != want {
			t.Errorf("asciiConfusables[%q] = %q, want %q", r, got, want)
		}
	}
	for r := range asciiConfusables {
		if r < utf8.RuneSelf {
			t.Fatalf("ASCII rune %q in the table: ASCII text must fold as itself", r)
		}
	}
}

// checkFolded verifies the invariants every Folded must keep.
func checkFolded(t *testing.T, orig string, f Folded) {
	t.Helper()
	if len(f.Offsets) != len(f.Text)+1 {
		t.Fatalf("len(Offsets) = %d, want len(Text)+1 = %d", len(f.Offsets), len(f.Text)+1)
	}
	if int(f.Offsets[len(f.Offsets)-1]) != len(orig) {
		t.Fatalf("last offset %d, want %d", f.Offsets[len(f.Offsets)-1], len(orig))
	}
	for i := 1; i < len(f.Offsets); i++ {
		if f.Offsets[i] < f.Offsets[i-1] {
			t.Fatalf("offsets decrease at %d: %d < %d", i, f.Offsets[i], f.Offsets[i-1])
		}
		if int(f.Offsets[i]) > len(orig) {
			t.Fatalf("offset %d beyond the original (%d)", f.Offsets[i], len(orig))
		}
	}
	if utf8.ValidString(orig) && !utf8.ValidString(f.Text) {
		t.Fatalf("folding valid UTF-8 gave invalid UTF-8: %q", f.Text)
	}
	s, e := f.Original(0, len(f.Text))
	if s < 0 || e > len(orig) || s > e {
		t.Fatalf("Original(whole) = %d,%d", s, e)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Al-QAIM", "cοntrοl", "Straße “quoted” — dash", "\xff\xfe bad", "ﬁ\u00ad\u200b", "Москва Bаghdаd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		checkFolded(t, s, folded)
		// Whatever the input, ASCII letters fold to themselves lower-cased:
		// folding never invents or drops plain text.
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < utf8.RuneSelf && isASCIIAlnum(c) {
				j := folded.FoldedStart(i)
				if j >= len(folded.Text) || folded.Text[j] != lowerASCII(c) {
					t.Fatalf("ASCII %q at %d folded to %q", c, i, folded.Text[j:])
				}
			}
		}
		FindMixedScript(s)
	})
}

func BenchmarkFold(b *testing.B) {
	text := strings.Repeat("The PMF’s cοntrοl over the al-Qa’im border crossing, said a U.S. official. ", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fold(text)
	}
}

func BenchmarkFoldASCII(b *testing.B) {
	text := strings.Repeat("The PMF control over the al-Qaim border crossing, said a U.S. official in 2019. ", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fold(text)
	}
}
