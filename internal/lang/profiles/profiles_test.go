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
