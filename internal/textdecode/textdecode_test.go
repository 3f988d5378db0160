package textdecode

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Sentences written for these tests, a few per language.
var (
	french     = "Le ministre a déclaré mercredi que la frontière resterait fermée jusqu'à nouvel ordre, malgré les protestations des élus régionaux."
	german     = "Die Behörden prüfen derzeit, ob der Übergang für Lastwagen wieder geöffnet werden kann; die Straße bleibt vorerst gesperrt."
	spanish    = "El portavoz señaló que la situación en el paso fronterizo es estable y que no habrá más cierres durante el año."
	portuguese = "O governo informou que a operação de fiscalização continuará até ao fim do mês, segundo as autoridades locais."
	czech      = "Ministr vnitra řekl, že přechod zůstane uzavřený až do odvolání. Řidiči musí počítat se zdržením na hranici."
	polish     = "Rzecznik straży granicznej powiedział, że przejście zostanie otwarte dopiero w przyszłym tygodniu."
	hungarian  = "A határátkelőt csütörtökön újra megnyitották, de a teherautóknak továbbra is hosszú sorban kell várniuk."
	russianT   = "Министр заявил в среду, что пограничный переход останется закрытым до особого распоряжения."
	russianSh  = "Власти закрыли переход."
	ukrainian  = "Прикордонники повідомили, що пункт пропуску відновить роботу в четвер."
	bulgarian  = "Министърът съобщи, че граничният пункт ще бъде затворен до края на седмицата."
	greek      = "Ο υπουργός δήλωσε ότι η διάβαση των συνόρων θα παραμείνει κλειστή μέχρι νεωτέρας."
	japaneseS  = "国境の検問所は水曜日に閉鎖され、当局は再開の時期を明らかにしていない。トラックの運転手は長い列を作った。"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecodeLegacyRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		enc  encoding.Encoding
		text string
		want string
	}{
		{"french-1252", charmap.Windows1252, french, "windows-1252"},
		{"german-1252", charmap.Windows1252, german, "windows-1252"},
		{"spanish-1252", charmap.Windows1252, spanish, "windows-1252"},
		{"portuguese-1252", charmap.Windows1252, portuguese, "windows-1252"},
		{"french-latin1", charmap.ISO8859_1, french, "windows-1252"},
		{"german-latin1", charmap.ISO8859_1, german, "windows-1252"},
		{"czech-8859-2", charmap.ISO8859_2, czech, "iso-8859-2"},
		{"polish-8859-2", charmap.ISO8859_2, polish, "iso-8859-2"},
		{"hungarian-8859-2", charmap.ISO8859_2, hungarian, "iso-8859-2"},
		{"czech-1250", charmap.Windows1250, czech, "windows-1250"},
		{"polish-1250", charmap.Windows1250, polish, "windows-1250"},
		{"russian-1251", charmap.Windows1251, russianT, "windows-1251"},
		{"russian-koi8r", charmap.KOI8R, russianT, "koi8-r"},
		{"russian-short-1251", charmap.Windows1251, russianSh, "windows-1251"},
		{"russian-short-koi8r", charmap.KOI8R, russianSh, "koi8-r"},
		{"russian-word-koi8r", charmap.KOI8R, "Москва", "koi8-r"},
		{"russian-word-1251", charmap.Windows1251, "Москва", "windows-1251"},
		{"russian-headline-koi8r", charmap.KOI8R, "Новости дня: переход закрыт", "koi8-r"},
		{"russian-headline-1251", charmap.Windows1251, "Новости дня: переход закрыт", "windows-1251"},
		{"english-one-accent-1252", charmap.Windows1252, "The café near the border reopened on Monday, the owner said.", "windows-1252"},
		{"english-quotes-1252", charmap.Windows1252, "He said “no comment” — twice.", "windows-1252"},
		{"russian-8859-5", charmap.ISO8859_5, russianT, "iso-8859-5"},
		{"ukrainian-1251", charmap.Windows1251, ukrainian, "windows-1251"},
		{"bulgarian-1251", charmap.Windows1251, bulgarian, "windows-1251"},
		{"greek-8859-7", charmap.ISO8859_7, greek, "iso-8859-7"},
		{"japanese-sjis", japanese.ShiftJIS, japaneseS, "shift_jis"},
		{"russian-1251-long", charmap.Windows1251, strings.Repeat(russianT+" ", 20), "windows-1251"},
		{"russian-koi8r-long", charmap.KOI8R, strings.Repeat(russianT+" ", 20), "koi8-r"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decode(encode(t, c.enc, c.text))
			if err != nil {
				t.Fatal(err)
			}
			if got.Encoding != c.want {
				t.Errorf("encoding = %q, want %q (text %q)", got.Encoding, c.want, got.Text)
			}
			if got.Text != c.text {
				t.Errorf("text = %q, want %q", got.Text, c.text)
			}
		})
	}
}

// Greek in windows-1253 and ISO-8859-7 differs only in a few bytes; either
// name is right when the text comes out right.
func TestDecodeGreekText(t *testing.T) {
	for _, enc := range []encoding.Encoding{charmap.Windows1253, charmap.ISO8859_7} {
		got, err := Decode(encode(t, enc, greek))
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != greek {
			t.Errorf("%v: text = %q (%s)", enc, got.Text, got.Encoding)
		}
	}
}

func TestDecodeUnicode(t *testing.T) {
	utf16le := func(s string, bom bool) []byte {
		p := unicode.IgnoreBOM
		if bom {
			p = unicode.UseBOM
		}
		return encode(t, unicode.UTF16(unicode.LittleEndian, p), s)
	}
	utf16be := func(s string, bom bool) []byte {
		p := unicode.IgnoreBOM
		if bom {
			p = unicode.UseBOM
		}
		return encode(t, unicode.UTF16(unicode.BigEndian, p), s)
	}
	mixed := "Grenzübergang — " + russianT + " " + greek
	cases := []struct {
		name     string
		in       []byte
		wantText string
		wantEnc  string
	}{
		{"empty", nil, "", "utf-8"},
		{"ascii", []byte("plain text\n"), "plain text\n", "utf-8"},
		{"utf8", []byte(mixed), mixed, "utf-8"},
		{"utf8-bom", append([]byte{0xEF, 0xBB, 0xBF}, mixed...), mixed, "utf-8-bom"},
		{"utf8-bom-only", []byte{0xEF, 0xBB, 0xBF}, "", "utf-8-bom"},
		{"utf16le-bom", utf16le(mixed, true), mixed, "utf-16le"},
		{"utf16be-bom", utf16be(mixed, true), mixed, "utf-16be"},
		{"utf16le-nobom", utf16le(french, false), french, "utf-16le"},
		{"utf16be-nobom", utf16be(german, false), german, "utf-16be"},
		{"utf16le-nobom-cyrillic", utf16le(russianT, false), russianT, "utf-16le"},
		{"utf16le-odd-byte", append(utf16le("ab", true), 'c'), "ab\uFFFD", "utf-16le"},
		{"utf8-few-broken", append([]byte(strings.Repeat(french, 3)), 0xFF), strings.Repeat(french, 3) + "\uFFFD", "utf-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decode(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != c.wantText || got.Encoding != c.wantEnc {
				t.Errorf("got (%q, %q), want (%q, %q)", got.Text, got.Encoding, c.wantText, c.wantEnc)
			}
		})
	}
}

func TestDecodeInvalidUTF8AlwaysValidOutput(t *testing.T) {
	inputs := [][]byte{
		{0xFF, 0xFE, 0xFF},          // BOM then an odd byte
		{0xEF, 0xBB, 0xBF, 0xC3},    // BOM then a truncated sequence
		{0xC3, 0x28, 0xA0, 0xA1},    // invalid sequences
		{0x81, 0x8D, 0x8F, 0x90},    // undefined in windows-1252
		{'a', 0xE9, 'b', 0xF0, 'c'}, // Latin-1 é and a lone lead byte
	}
	for _, in := range inputs {
		got, err := Decode(in)
		if err != nil {
			t.Errorf("Decode(% x): %v", in, err)
			continue
		}
		if !utf8.ValidString(got.Text) {
			t.Errorf("Decode(% x) = %q: not valid UTF-8", in, got.Text)
		}
	}
}

func TestDecodeBinary(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00")
	if _, err := Decode(png); !errors.Is(err, ErrBinary) {
		t.Errorf("PNG header: err = %v, want ErrBinary", err)
	}
	zeros := make([]byte, 4096)
	if _, err := Decode(zeros); !errors.Is(err, ErrBinary) {
		t.Errorf("zeros: err = %v, want ErrBinary", err)
	}
	if _, err := DecodeWithHint(zeros, "windows-1252"); !errors.Is(err, ErrBinary) {
		t.Errorf("zeros with hint: err = %v, want ErrBinary", err)
	}
	// One stray NUL in a long text is not binary.
	text := []byte(strings.Repeat(french+"\n", 10) + "\x00")
	if r, err := Decode(text); err != nil || r.Encoding != "utf-8" {
		t.Errorf("text with one NUL: %v, %q", err, r.Encoding)
	}
}

func TestDecodeWithHint(t *testing.T) {
	cases := []struct {
		name     string
		in       []byte
		declared string
		wantText string
		wantEnc  string
	}{
		{"declared-1251", encode(t, charmap.Windows1251, russianSh), "windows-1251", russianSh, "windows-1251"},
		{"declared-alias-cp1251", encode(t, charmap.Windows1251, russianSh), "CP1251", russianSh, "windows-1251"},
		{"declared-koi8r", encode(t, charmap.KOI8R, russianSh), `"KOI8-R"`, russianSh, "koi8-r"},
		{"declared-latin1", encode(t, charmap.ISO8859_1, french), "ISO-8859-1", french, "windows-1252"},
		{"declared-latin2", encode(t, charmap.ISO8859_2, hungarian), "iso-8859-2", hungarian, "iso-8859-2"},
		{"declared-utf8-valid", []byte(german), "utf-8", german, "utf-8"},
		{"declared-utf8-but-1252", encode(t, charmap.Windows1252, french), "UTF-8", french, "windows-1252"},
		{"declared-1252-but-utf8", []byte(french), "windows-1252", french, "utf-8"},
		{"declared-1252-ascii", []byte("plain"), "windows-1252", "plain", "windows-1252"},
		{"unknown-label", encode(t, charmap.Windows1251, russianT), "no-such-charset", russianT, "windows-1251"},
		{"empty-label", []byte(german), "", german, "utf-8"},
		{"bom-wins", append([]byte{0xEF, 0xBB, 0xBF}, russianT...), "koi8-r", russianT, "utf-8-bom"},
		{"declared-latin1-but-1251", encode(t, charmap.Windows1251, russianT), "iso-8859-1", russianT, "windows-1251"},
		{"declared-1252-but-koi8r", encode(t, charmap.KOI8R, russianSh), "windows-1252", russianSh, "koi8-r"},
		{"declared-1252-hungarian-honoured", encode(t, charmap.Windows1252, "Több mint ötven teherautó várt."), "windows-1252", "Több mint ötven teherautó várt.", "windows-1252"},
		{"declared-8859-2-french-honoured", encode(t, charmap.ISO8859_2, "Le président a été réélu."), "iso-8859-2", "Le président a été réélu.", "iso-8859-2"},
		{"declared-sjis", encode(t, japanese.ShiftJIS, japaneseS), "Shift_JIS", japaneseS, "shift_jis"},
		{"declared-sjis-but-1252", encode(t, charmap.Windows1252, french), "shift_jis", french, "windows-1252"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := DecodeWithHint(c.in, c.declared)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != c.wantText || got.Encoding != c.wantEnc {
				t.Errorf("got (%q, %q), want (%q, %q)", got.Text, got.Encoding, c.wantText, c.wantEnc)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("plain ascii"))
	f.Add([]byte(french))
	f.Add([]byte{0xEF, 0xBB, 0xBF, 'a'})
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte{0xFE, 0xFF, 0, 'a', 0xD8})
	for _, s := range []string{russianT, czech, greek} {
		for _, enc := range []encoding.Encoding{charmap.Windows1251, charmap.KOI8R, charmap.ISO8859_2, charmap.Windows1253} {
			if b, err := enc.NewEncoder().Bytes([]byte(s)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, hint := range []string{"", "utf-8", "windows-1251", "shift_jis"} {
			r, err := DecodeWithHint(b, hint)
			if err != nil {
				if !errors.Is(err, ErrBinary) {
					t.Fatalf("hint %q: unexpected error %v", hint, err)
				}
				continue
			}
			if !utf8.ValidString(r.Text) {
				t.Fatalf("hint %q: invalid UTF-8 output %q", hint, r.Text)
			}
			if r.Encoding == "" {
				t.Fatalf("hint %q: empty encoding name", hint)
			}
		}
		r, err := Decode(b)
		if err == nil && !utf8.ValidString(r.Text) {
			t.Fatalf("invalid UTF-8 output %q", r.Text)
		}
	})
}
