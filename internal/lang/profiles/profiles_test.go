package profiles

import (
	"testing"
	"testing/fstest"

	"github.com/parallaxworkbench/parallax/internal/lang"
)

func TestDefaultLoadsEveryShippedLanguage(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want := map[lang.Code]lang.Script{
		lang.English: lang.ScriptLatin, lang.French: lang.ScriptLatin,
		lang.Russian: lang.ScriptCyrillic, lang.Arabic: lang.ScriptArabic, lang.Persian: lang.ScriptArabic,
	}
	for code, script := range want {
		p := set.Get(code)
		if p == nil {
			t.Errorf("no profile for %s", code)
			continue
		}
		if p.Script != script || p.Name == "" || len(p.Stopwords) < 20 {
			t.Errorf("%s: script %s name %q, %d stop words", code, p.Script, p.Name, len(p.Stopwords))
		}
	}
	if set.Get("xx") != nil {
		t.Error("a language without a profile must not be covered")
	}
}

func TestDetect(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text string
		want lang.Code
	}{
		{"The minister said on Tuesday that the strikes on the border crossing were a response to the attacks of the week before.", lang.English},
		{"Le ministre a déclaré mardi que les frappes sur le poste frontière étaient une réponse aux attaques de la semaine dernière.", lang.French},
		{"Министр заявил во вторник, что удары по пограничному переходу были ответом на нападения на прошлой неделе.", lang.Russian},
		{"وقال الوزير يوم الثلاثاء إن الضربات على المعبر الحدودي كانت ردا على الهجمات التي وقعت في الأسبوع الماضي.", lang.Arabic},
		{"وزیر روز سه\u200cشنبه گفت که حمله\u200cها به گذرگاه مرزی پاسخی به حمله\u200cهای هفته گذشته بود و این کار ادامه خواهد یافت.", lang.Persian},
		{"Міністр сказав у вівторок, що удари по прикордонному переходу були відповіддю на напади минулого тижня.", "uk"},
		{"Der Minister sagte am Dienstag, dass die Angriffe auf den Grenzübergang eine Antwort auf die Angriffe der vergangenen Woche waren.", lang.Unknown},
		// Spanish and Dutch share "de", "la", "que", "en" with French: the
		// words of stopwords_terms.txt must not count in detection.
		{"El ministro dijo el martes que los ataques contra el paso fronterizo fueron una respuesta a los ataques de la semana anterior.", lang.Unknown},
		{"De minister zei dinsdag dat de aanvallen op de grensovergang een antwoord waren op de aanvallen van de week ervoor.", lang.Unknown},
		{"12 3 4", lang.Unknown},
		{"Ὁ ὑπουργὸς εἶπε τὴν Τρίτη", lang.Unknown}, // Greek: no profile
	}
	for _, c := range cases {
		got := set.Detect(c.text)
		if got.Code != c.want {
			t.Errorf("Detect(%.30q) = %q (%.2f), want %q", c.text, got.Code, got.Confidence, c.want)
		}
		if got.Code != lang.Unknown && (got.Confidence <= 0 || got.Confidence > 1) {
			t.Errorf("Detect(%.30q) confidence %.2f out of (0,1]", c.text, got.Confidence)
		}
	}
}

// TermStopwords hold the detection stop words and stopwords_terms.txt.
func TestTermStopwords(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Profiles() {
		for w := range p.Stopwords {
			if !p.TermStopwords[w] {
				t.Errorf("%s: stop word %q is no term stop word", p.Code, w)
			}
		}
	}
	for code, words := range map[lang.Code][]string{
		lang.English: {"the", "about", "may"},
		lang.French:  {"le", "de", "depuis"},
	} {
		p := set.Get(code)
		for _, w := range words {
			if !p.TermStopwords[w] {
				t.Errorf("%s: %q is no term stop word", code, w)
			}
		}
	}
	if p := set.Get(lang.English); p.Stopwords["may"] {
		t.Error(`"may" is a detection stop word: "Theresa May" would be refused as a name`)
	}
	fsys := fstest.MapFS{
		"lang/xx/profile.txt":         {Data: []byte("name\tX\nscript\tlatin\n")},
		"lang/xx/stopwords.txt":       {Data: []byte("Alpha\n")},
		"lang/xx/stopwords_terms.txt": {Data: []byte("# comment\nBeta\n")},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	x := s.Get("xx")
	if !x.Stopwords["alpha"] || x.Stopwords["beta"] || !x.TermStopwords["alpha"] || !x.TermStopwords["beta"] || len(x.TermStopwords) != 2 {
		t.Errorf("stop words %v, term stop words %v", x.Stopwords, x.TermStopwords)
	}
}

func TestLoadRejectsBrokenProfiles(t *testing.T) {
	cases := map[string]fstest.MapFS{
		"no script": {"lang/xx/profile.txt": {Data: []byte("name\tX\n")}},
		"bad month": {"lang/xx/profile.txt": {Data: []byte("name\tX\nscript\tlatin\n")}, "lang/xx/months.txt": {Data: []byte("jan\t13\n")}},
		"no tab":    {"lang/xx/profile.txt": {Data: []byte("name X\n")}},
	}
	for name, fsys := range cases {
		if _, err := Load(fsys); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}
