package textnorm

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
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
		// Arabic and Persian letter variants fold together.
		{"persian and arabic yeh and kaf", "یک کشور يك كشور", "يك كشور يك كشور"},
		{"alef maksura", "مستشفى", "مستشفي"},
		{"teh marbuta and heh", "جلسة جلسه", "جلسه جلسه"},
		{"alef variants", "أحمد إسلام آب ٱلله", "احمد اسلام اب الله"},
		{"hamza on waw and yeh", "مؤسسة رئيس", "موسسه رييس"},
		{"kurdish oe", "کۆبانی", "كوباني"},
		{"harakat and superscript alef", "جَلْسَةٌ هٰذا", "جلسه هذا"},
		{"tatweel", "كــبير", "كبير"},
		{"zero-width non-joiner", "می\u200cگویند", "ميگويند"},
		{"arabic-indic and persian digits", "٠٥/٠٨/٢٠٢٠ ۱۳۹۹", "05/08/2020 1399"},
		{"presentation forms", "ﻛﺘﺎﺏ", "كتاب"},
		{"cyrillic yo", "Ёлка, ещё", "елка, еще"},
		// Look-alikes fold into the word's dominant script.
		{"latin in cyrillic word", "Мoсквa", "москва"},
		{"latin capitals in cyrillic word", "CAMOЛЕТ", "самолет"},
		{"greek in cyrillic word", "Мοсква", "москва"},
		{"latin look-alike word between cyrillic words", "взрыв co склада", "взрыв со склада"},
		{"latin acronym in cyrillic text stays", "сообщает BBC и CNN", "сообщает bbc и cnn"},
		{"look-alikes only, cyrillic around", "назвать eгo имя", "назвать его имя"},
		{"look-alikes only, latin around", "the аce of", "the ace of"},
		{"latin word in cyrillic text stays", "компании Saudi Aramco в", "компании saudi aramco в"},
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
	if offs := f.AppendOffsets(nil); len(offs) != len(f.Text)+1 {
		t.Fatalf("len(Offsets) = %d, want %d", len(offs), len(f.Text)+1)
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

func TestRussianDisguisedWithLatinFoldsAsClean(t *testing.T) {
	clean := "Министр сказал, что переговоры о его отставке продолжатся. Со склада в порту вывезли опасный груз, " +
		"а спасатели работали всю ночь: «Это очень сложная операция», — сообщил представитель службы Абу Омар."
	disguised := strings.NewReplacer("а", "a", "е", "e", "о", "o", "р", "p", "с", "c", "х", "x",
		"А", "A", "Е", "E", "О", "O", "Р", "P", "С", "C", "Х", "X").Replace(clean)
	if got, want := String(disguised), String(clean); got != want {
		t.Errorf("disguised folds to\n%q\nclean to\n%q", got, want)
	}
	if m := FindMixedScript(disguised); len(m.Words) < 15 || m.Characters < 30 {
		t.Errorf("mixed-script words %d, characters %d: the disguise must be reported", len(m.Words), m.Characters)
	}
	if m := FindMixedScript(clean); len(m.Words) != 0 {
		t.Errorf("clean Russian reported as mixed: %d words", len(m.Words))
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
		{"Взрыв в пoртy Бейрутa", []string{"пoртy", "Бейрутa"}, 3},
		{"Взрыв co склада", []string{"co"}, 2},
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

func TestUndisguise(t *testing.T) {
	for in, want := range map[string]string{
		"Coalitiοn":                          "Coalition", // Greek omicron
		"Washingtοn Institute fοr Near East": "Washington Institute for Near East",
		"ΟPEC and Bаghdаd":                   "OPEC and Baghdad",      // capital omicron, Cyrillic a
		"Москва and Αθήνα stay":              "Москва and Αθήνα stay", // whole words of their own script
		"Мoсквa и Бeйрут":                    "Москва и Бейрут",       // Latin o, a, e in Cyrillic words
		"café, naïve, al-Qa’im":              "café, naïve, al-Qa’im",
		"":                                   "",
	} {
		if got := Undisguise(in); got != want {
			t.Errorf("Undisguise(%q) = %q, want %q", in, got, want)
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

// checkFolded verifies the invariants every Folded must keep, and that the
// compact map gives, byte by byte, the offsets of the plain per-byte fold.
func checkFolded(t *testing.T, orig string, f Folded) {
	t.Helper()
	if !f.Mapped() {
		t.Fatal("Fold result carries no offset map")
	}
	offs := f.AppendOffsets(nil)
	if len(offs) != len(f.Text)+1 {
		t.Fatalf("len(Offsets) = %d, want len(Text)+1 = %d", len(offs), len(f.Text)+1)
	}
	if int(offs[len(offs)-1]) != len(orig) {
		t.Fatalf("last offset %d, want %d", offs[len(offs)-1], len(orig))
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			t.Fatalf("offsets decrease at %d: %d < %d", i, offs[i], offs[i-1])
		}
		if int(offs[i]) > len(orig) {
			t.Fatalf("offset %d beyond the original (%d)", offs[i], len(orig))
		}
	}
	if utf8.ValidString(orig) && !utf8.ValidString(f.Text) {
		t.Fatalf("folding valid UTF-8 gave invalid UTF-8: %q", f.Text)
	}
	s, e := f.Original(0, len(f.Text))
	if s < 0 || e > len(orig) || s > e {
		t.Fatalf("Original(whole) = %d,%d", s, e)
	}

	ref := referenceFold(orig)
	if f.Text != ref.text {
		t.Fatalf("Fold(%q).Text = %q, per-byte fold %q", orig, f.Text, ref.text)
	}
	for i, want := range ref.offs {
		if offs[i] != want || f.Offset(i) != int(want) {
			t.Fatalf("Fold(%q): offset of folded byte %d = %d (Offset %d), per-byte fold %d", orig, i, offs[i], f.Offset(i), want)
		}
	}
	for start := 0; start <= len(f.Text); start++ {
		for end := start; end <= len(f.Text) && end <= start+8; end++ {
			gs, ge := f.Original(start, end)
			ws, we := ref.original(start, end)
			if gs != ws || ge != we {
				t.Fatalf("Fold(%q).Original(%d,%d) = %d,%d, per-byte fold %d,%d", orig, start, end, gs, ge, ws, we)
			}
		}
	}
	for o := -1; o <= len(orig)+1; o++ {
		if got, want := f.FoldedStart(o), ref.foldedStart(o); got != want {
			t.Fatalf("Fold(%q).FoldedStart(%d) = %d, per-byte fold %d", orig, o, got, want)
		}
	}
}

// perByte is the plain form of the offset map, one entry per folded byte,
// with the lookups written the obvious way: the reference the compact map
// must agree with.
type perByte struct {
	text string
	offs []int32
}

// referenceFold folds s character by character, recording every folded
// byte's original offset.
func referenceFold(s string) perByte {
	var out []byte
	var offs []int32
	var buf [utf8.UTFMax * 4]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var folded []byte
		switch {
		case r < utf8.RuneSelf && !isASCIIAlnum(byte(r)):
			folded = []byte{byte(r)}
		case !isWordRune(r):
			folded = foldRune(r, notDisguised, buf[:0])
		default:
			end, disguised := scanWord(s, i)
			for j := i; j < end; {
				r, size := utf8.DecodeRuneInString(s[j:])
				folded = foldWordRune(r, disguised, buf[:0])
				for range folded {
					offs = append(offs, int32(j))
				}
				out = append(out, folded...)
				j += size
			}
			i = end
			continue
		}
		for range folded {
			offs = append(offs, int32(i))
		}
		out = append(out, folded...)
		i += size
	}
	offs = append(offs, int32(len(s)))
	return perByte{text: string(out), offs: offs}
}

func (p perByte) original(start, end int) (int, int) {
	os, oe := int(p.offs[start]), int(p.offs[end])
	if end > start && oe <= int(p.offs[end-1]) {
		oe = int(p.offs[len(p.offs)-1])
		for j := end; j < len(p.offs); j++ {
			if p.offs[j] != p.offs[end-1] {
				oe = int(p.offs[j])
				break
			}
		}
	}
	return os, oe
}

func (p perByte) foldedStart(orig int) int {
	// the offsets never decrease: the first at or after orig
	i := sort.Search(len(p.offs), func(i int) bool { return int(p.offs[i]) >= orig })
	return min(i, len(p.offs)-1)
}

func TestFoldedCompactMap(t *testing.T) {
	for _, s := range []string{
		"", "a", "plain ascii text, nothing else.", "Straße", "ßß", "“Al-QAIM”", "café naïve",
		"Αθήνα and Москва", "cοntrοl", "con\u00adtrol", "a\u200bb", "ﬁ…—", "\xff\xfe bad", "日本語のテキスト",
		"end with é", "é", "ß", "x\u00ad", "\u00ad",
		"یک کشور يك كشور", "كــبير", "جَلْسَةٌ", "می\u200cگویند", "٠٥/٠٨/٢٠٢٠ ۱۳۹۹", "ﻛﺘﺎﺏ", "ـ", "aـb",
		"Мoсквa", "CAMOЛЕТ", "взрыв co склада", "co", "Ёлка ещё", "Мοсква", "a Мoсквa b", "сообщает BBC и CNN",
	} {
		checkFolded(t, s, Fold(s))
	}
	var zero Folded
	if zero.Mapped() || zero.Offset(3) != 0 || zero.FoldedStart(5) != 0 || len(zero.AppendOffsets(nil)) != 0 {
		t.Error("the zero Folded must have no map")
	}
	if s, e := zero.Original(0, 3); s != 0 || e != 0 {
		t.Errorf("zero Original = %d,%d", s, e)
	}
}

func TestFoldedASCIIIsOneRun(t *testing.T) {
	f := Fold("The PMF control over the al-Qaim border crossing, said a U.S. official in 2019.")
	if len(f.runAt) != 1 {
		t.Errorf("ASCII text folded to %d runs, want 1", len(f.runAt))
	}
	g := Fold("The PMF’s control") // the curly apostrophe shortens: a run for it, one after
	if len(g.runAt) != 2 {
		t.Errorf("text with one curly apostrophe folded to %d runs, want 2", len(g.runAt))
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Al-QAIM", "cοntrοl", "Straße “quoted” — dash", "\xff\xfe bad", "ﬁ\u00ad\u200b", "Москва Bаghdаd", "Мoсквa co", "كــبير ۱۳۹۹ ی"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		checkFolded(t, s, folded)
		// Whatever the input, ASCII letters fold to themselves lower-cased,
		// or, as look-alikes inside a Cyrillic word, to the Cyrillic letter
		// they imitate: folding never invents or drops plain text.
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < utf8.RuneSelf && isASCIIAlnum(c) {
				j := folded.FoldedStart(i)
				if j >= len(folded.Text) {
					t.Fatalf("ASCII %q at %d dropped", c, i)
				}
				if folded.Text[j] == lowerASCII(c) {
					continue
				}
				if r, _ := utf8.DecodeRuneInString(folded.Text[j:]); cyrillicConfusables[c] == 0 || r != unicode.ToLower(cyrillicConfusables[c]) {
					t.Fatalf("ASCII %q at %d folded to %q", c, i, folded.Text[j:])
				}
			}
		}
		// scanWords' shortcut for plain ASCII words must find the words
		// scanWord finds when asked about every word.
		var want []word
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
			end, d := scanWord(s, i)
			if d != notDisguised {
				want = append(want, word{i, end, d})
			}
			i = end
		}
		if got := scanWords(s); !slices.Equal(got, want) {
			t.Fatalf("scanWords(%q) = %v, word by word %v", s, got, want)
		}
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
