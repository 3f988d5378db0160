package textdecode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Texts written for these tests: a short news paragraph in each language.
const (
	arabicNews    = "أعلن وزير الداخلية يوم الأربعاء أن فرق الإنقاذ تمكنت من السيطرة على الحريق الذي اندلع في المستودع القريب من الميناء، وقال إن التحقيقات ما زالت جارية لمعرفة أسباب الانفجار الذي هز المدينة وأدى إلى إصابة عشرات المواطنين بجروح مختلفة."
	persianNews   = "وزیر کشور روز چهارشنبه گفت که گروه\u200cهای امدادی توانستند آتش\u200cسوزی انبار نزدیک بندر را مهار کنند و افزود که تحقیقات برای یافتن علت انفجار همچنان ادامه دارد و ده\u200cها نفر از مردم شهر زخمی شده\u200cاند."
	russianNews   = "Министр внутренних дел заявил в среду, что спасатели смогли потушить пожар на складе рядом с портом, и добавил, что расследование причин взрыва продолжается, а десятки жителей города получили ранения."
	ukrainianNews = "Міністр внутрішніх справ заявив у середу, що рятувальники змогли загасити пожежу на складі біля порту, і додав, що розслідування причин вибуху триває, а десятки мешканців міста отримали поранення."
	frenchNews    = "Le ministre de l'Intérieur a déclaré mercredi que les secours avaient maîtrisé l'incendie de l'entrepôt proche du port. Au cœur de l'enquête, une cargaison de 2 750 tonnes évaluée à 3 millions d'€ et des œuvres d'art."
)

func TestLegacyEncodingsByLanguageEvidence(t *testing.T) {
	cases := []struct {
		name string
		enc  encoding.Encoding
		text string
		want string
	}{
		{"arabic-1256", charmap.Windows1256, arabicNews, "windows-1256"},
		{"arabic-8859-6", charmap.ISO8859_6, arabicNews, "iso-8859-6"},
		{"persian-1256", charmap.Windows1256, persianNews, "windows-1256"},
		{"russian-1251", charmap.Windows1251, russianNews, "windows-1251"},
		{"russian-koi8r", charmap.KOI8R, russianNews, "koi8-r"},
		{"ukrainian-koi8u", charmap.KOI8U, ukrainianNews, "koi8-u"},
		{"ukrainian-1251", charmap.Windows1251, ukrainianNews, "windows-1251"},
		{"french-8859-15", charmap.ISO8859_15, frenchNews, "iso-8859-15"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := c.text
			if c.enc == charmap.ISO8859_6 || c.enc == charmap.Windows1256 {
				text = withoutPersianMarks(text)
			}
			b, err := c.enc.NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			r, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding != c.want || r.Text != text {
				t.Errorf("decoded as %s (%.40q), want %s", r.Encoding, r.Text, c.want)
			}
		})
	}
}

// withoutPersianMarks writes Persian as the Arabic code pages hold it: the
// Arabic yeh for the Persian one, which they lack, and without the
// zero-width non-joiner, which ISO-8859-6 lacks.
func withoutPersianMarks(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch r {
		case '\u200c':
		case 'ی':
			out = append(out, 'ي')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

func TestLanguageEvidenceRejectsNonsense(t *testing.T) {
	// Arabic bytes of windows-1256 read as KOI8-R: Cyrillic letters in an
	// order no language has.
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(arabicNews))
	if err != nil {
		t.Fatal(err)
	}
	wrong, err := charmap.KOI8R.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	right, wrongScore := languageEvidence(arabicNews), languageEvidence(string(wrong))
	if right < 0.3 || wrongScore > right/2 {
		t.Errorf("evidence: Arabic %.2f, Arabic read as KOI8-R (%.30q) %.2f", right, wrong, wrongScore)
	}
	if languageEvidence("plain ASCII text") != 0 {
		t.Error("text without non-ASCII letters has no language evidence")
	}
}

// TestLegacyTestdataFiles decodes testdata/legacy/LANG.ENCODING.txt, the
// paragraphs above stored in legacy code pages, and checks the encoding
// named in the file name and the text against the .utf8 copy.
func TestLegacyTestdataFiles(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "legacy", "*.txt"))
	if err != nil || len(paths) < 8 {
		t.Fatalf("testdata/legacy: %d files, %v", len(paths), err)
	}
	for _, p := range paths {
		parts := strings.Split(filepath.Base(p), ".")
		want := parts[1]
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(p + ".utf8")
		if err != nil {
			t.Fatal(err)
		}
		r, err := Decode(b)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if r.Encoding != want || r.Text != string(text) {
			t.Errorf("%s: decoded as %s (%.40q), want %s", p, r.Encoding, r.Text, want)
		}
	}
}
