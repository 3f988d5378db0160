package sourcemeta

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/boilerplate"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

const body = "The ministry said on Tuesday that the talks, which began last week in the capital, would continue until both sides agreed on a timetable for the withdrawal of the remaining troops from the area."

func TestParseDate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"June 30, 2021 - 18:47", "2021-06-30T18:47"},
		{"January 1, 2020", "2020-01-01"},
		{"Jan. 20, 2009", "2009-01-20"},
		{"Tuesday, March 3rd, 2020 at 6:05 pm", "2020-03-03T18:05"},
		{"30 June 2021", "2021-06-30"},
		{"1st of May, 2019 12:00 am", "2019-05-01T00:00"},
		{"2021-06-30", "2021-06-30"},
		{"2021-06-30T18:47:00Z", "2021-06-30T18:47"},
		{"2021-06-30 08:05", "2021-06-30T08:05"},
		{"Published: 4 July 2016", "2016-07-04"},
		{"Updated on June 2, 2015", "2015-06-02"},
	}
	for _, c := range cases {
		got, ok := ParseDate(c.in)
		if !ok || got != c.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "June 30", "31 June 2021", "2021-13-01", "yesterday", "06/30/2021", "Mayday 2021", "in 2020"} {
		if got, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) = %q, want failure (never guess)", bad, got)
		}
	}
}

func analyze(text string) TextFindings {
	return Analyze(text, boilerplate.Detect(text))
}

func TestFromTextRules(t *testing.T) {
	cases := []struct {
		name, text   string
		field, value string
		rule         string
	}{
		{"title first line", "Troops leave the border town\n\n" + body, "title", "Troops leave the border town", "first-heading-line"},
		{"markdown heading", "# Troops *leave* the [border](http://x.example) town\n\n" + body, "title", "Troops leave the border town", "first-heading-line"},
		{"title after byline", "* By Jane Roe\n\nTroops leave the border town\n\n" + body, "title", "Troops leave the border town", "first-heading-line"},
		{"byline by", "Troops leave\n\n* By Jane Roe\n\n" + body, "author", "Jane Roe", "byline:by"},
		{"byline two authors", "Troops leave\n\nBy Jane Roe and John Doe\n\n" + body, "author", "Jane Roe and John Doe", "byline:by"},
		{"byline with role", "Troops leave\n\nBy Jane Roe, Example Blog Editor\n\n" + body, "author", "Jane Roe", "byline:by"},
		{"byline for outlet", "Troops leave\n\nBy Jane Roe, for ExampleDaily\n\n" + body, "outlet", "ExampleDaily", "byline:for-outlet"},
		{"author label signature", "Troops leave\n\n" + body + "\n\n* Author: Jane Roe , Example Times editor in chief\n", "author", "Jane Roe", "byline:author-label"},
		{"signature outlet", "Troops leave\n\n" + body + "\n\n* Author: Jane Roe , Example Times editor in chief\n", "outlet", "Example Times", "signature:role-of-outlet"},
		{"pipe byline", "Troops leave\n\nJane Roe | Example Post\n\n" + body, "author", "Jane Roe", "byline:pipe"},
		{"date line with time", "Troops leave\n\nJune 30, 2021 - 18:47\n\n" + body, "date", "2021-06-30T18:47", "date-line:month-day-year"},
		{"date line plain", "Troops leave\n\nJanuary 1, 2020\n\n" + body, "date", "2020-01-01", "date-line:month-day-year"},
		{"date day month", "Troops leave\n\n30 June 2021\n\n" + body, "date", "2021-06-30", "date-line:day-month-year"},
		{"iso date", "Troops leave\n\n2021-06-30\n\n" + body, "date", "2021-06-30", "date-line:iso"},
		{"labelled date", "Troops leave\n\nPublished: 4 July 2016 | Updated\n\n" + body, "date", "2016-07-04", "date-label:day-month-year"},
		{"dateline with date", "Troops leave\n\nBEIRUT, June 30, 2021 (Reuters) - " + body, "date", "2021-06-30", "dateline:month-day-year"},
		{"dateline with region and dash", "Troops leave\n\nAL-QAIM, Iraq — 30 June 2021 — " + body, "date", "2021-06-30", "dateline:day-month-year"},
		{"all content by", body + "\n\nAll Content by Example News Agency is licensed under a Creative Commons Attribution 4.0 International License.", "outlet", "Example News Agency", "footer:all-content-by"},
		{"all content by in one long line", strings.Repeat(body+" ", 30) + "All Content by Example News Agency is licensed under a Creative Commons Attribution 4.0 International License.", "outlet", "Example News Agency", "footer:all-content-by"},
		{"patreon", body + "\n\nHelp us grow. Support The Example Review on Patreon!", "outlet", "The Example Review", "footer:support-on-patreon"},
		{"copyright before", body + "\n\nExampleinform.ru © 2020 Business, wealth, other.", "outlet", "Exampleinform.ru", "footer:copyright"},
		{"copyright after", body + "\n\n© 2021 Example Post", "outlet", "Example Post", "footer:copyright"},
		{"copyright llc", body + "\n\nCopyright © 2019 The Example Times, LLC. Click here for reprint permission.", "outlet", "The Example Times", "footer:copyright"},
		{"disclaimer views of", body + "\n\nThe views expressed are the author's and do not necessarily represent those of Example Weekly.", "outlet", "Example Weekly", "footer:disclaimer-views-of"},
		{"language english", "Troops leave\n\n" + body + " " + body, "language", "en", "lang.detect:latin"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := analyze(c.text).Meta
			f := m.Fields()[c.field]
			if f.Value != c.value || f.Rule != c.rule || f.Source != document.FromText || f.Confidence <= 0 {
				t.Errorf("%s = %+v, want %q by %s", c.field, *f, c.value, c.rule)
			}
		})
	}
}

func TestFromTextNegative(t *testing.T) {
	cases := []struct{ name, text, field string }{
		{"no byline", "Troops leave\n\n" + body, "author"},
		{"by in a sentence", "Troops leave\n\nBy the end of the week the talks had failed.\n\n" + body, "author"},
		{"by staff", "Troops leave\n\nBy Staff\n\n" + body, "author"},
		{"told reuters is no outlet", "Troops leave\n\n" + body + "\n\nThe commander told Reuters the unit would stay.", "outlet"},
		{"reuters dateline is no outlet", "Troops leave\n\nWASHINGTON (Reuters) - " + body, "outlet"},
		{"wire copyright is no outlet", body + "\n\nCopyright 2019 The Associated Press. All rights reserved.", "outlet"},
		{"photo copyright is no outlet", body + "\n\nPhoto: © Jane Roe", "outlet"},
		{"date inside the body", "Troops leave\n\n" + body + " On June 30, 2021 the troops left.", "date"},
		{"date without year", "Troops leave\n\nJune 30\n\n" + body, "date"},
		{"dateline without year", "Troops leave\n\nBEIRUT, June 30 (Reuters) - " + body, "date"},
		{"capitalised sentence with a date", "Troops leave\n\nNATO, June 30, 2021 was a turning point for the alliance, " + body, "date"},
		{"sentence starting with a date", "Troops leave\n\nJune 30, 2021 was the day the troops finally left the town.\n\n" + body, "date"},
		{"no title when the text is one paragraph", strings.Repeat(body+" ", 5), "title"},
		{"short text has no language", "Troops leave", "language"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := analyze(c.text).Meta
			if f := m.Fields()[c.field]; f.Value != "" {
				t.Errorf("%s = %+v, want empty", c.field, *f)
			}
		})
	}
}

func TestOrigins(t *testing.T) {
	cases := []struct {
		text, agency, rule string
	}{
		{"Troops leave\n\nWASHINGTON (Reuters) - " + body, "Reuters", "dateline-agency"},
		{"Troops leave\n\nBEIRUT, Lebanon (AP) — " + body, "Associated Press", "dateline-agency"},
		{body + " The commander told Reuters the unit would stay.", "Reuters", "told-agency"},
		{body + "\n\nCopyright 2019 The Associated Press. All rights reserved.", "Associated Press", "wire:copyright"},
		{"Troops leave\n\nBy Reuters\n\n" + body, "Reuters", "byline-agency"},
		{body + " The figures were confirmed, according to AFP.", "AFP", "told-agency"},
		{body + " He said in an interview with Reuters that it was over.", "Reuters", "told-agency"},
	}
	for _, c := range cases {
		o := analyze(c.text).Origins
		if len(o) == 0 || o[0].Agency != c.agency || o[0].Rule != c.rule {
			t.Errorf("origins of %q = %+v, want %s by %s", c.text[:30], o, c.agency, c.rule)
		}
	}
	for _, text := range []string{
		"Troops leave\n\n" + body,
		body + " He told reporters that AP and AFP were wrong.",
		body + " The bill was foretold Reuters style.",
	} {
		if o := analyze(text).Origins; len(o) != 0 {
			t.Errorf("origins of %q: %+v", text[len(text)-40:], o)
		}
	}
}

func TestLanguageDetected(t *testing.T) {
	cases := map[string]string{
		"en": body,
		"fr": "Le ministre a dit que les négociations qui ont commencé la semaine dernière dans la capitale vont continuer et que les deux parties sont pour une solution qui est durable pour la région.",
		"ru": "Министр сказал, что переговоры, которые начались на прошлой неделе в столице, будут продолжены, и что войска не уйдут из района, пока стороны не договорятся о графике, и это по его словам важно.",
		"uk": "Міністр сказав, що переговори, які почалися минулого тижня у столиці, будуть продовжені, і що війська не підуть з району, доки сторони не домовляться про графік, і це за його словами важливо.",
		"fa": "وزیر گفت که مذاکرات که هفته گذشته در پایتخت آغاز شد ادامه خواهد یافت و این نیروها از منطقه خارج نمی شوند تا طرفین درباره برنامه به توافق برسند و این را برای منطقه مهم است.",
		"ar": "قال الوزير إن المحادثات التي بدأت في الأسبوع الماضي في العاصمة ستستمر حتى يتفق الطرفان على جدول زمني لانسحاب القوات من المنطقة التي كان فيها القتال على الحدود مع هذا البلد.",
		// German has no profile: not guessed as English or French.
		"": "Der Minister sagte, dass die Gespräche, die in der vergangenen Woche in der Hauptstadt begonnen haben, fortgesetzt werden und die Truppen nicht mit dem Abzug beginnen, bis sich die Seiten auf einen Plan einigen.",
	}
	for want, text := range cases {
		got := analyze(text).Meta.Language
		if got.Value != want {
			t.Errorf("language of %.30q = %q, want %q", text, got.Value, want)
			continue
		}
		if want != "" && (got.Source != document.FromText || !strings.HasPrefix(got.Rule, "lang.detect:") || got.Confidence <= 0 || got.Confidence > 0.85) {
			t.Errorf("language of %s text: provenance %+v", want, got)
		}
	}
	if got := analyze("12345 67890").Meta.Language.Value; got != "" {
		t.Errorf("numbers guessed as %q", got)
	}
}

// TestSampleProject checks the text rules on the five sample articles.
func TestSampleProject(t *testing.T) {
	dir := testcorpus.SampleProject(t)
	want := map[string]map[string]string{
		"000_8a488919ad26b5b5.txt": {"outlet": "", "date": "2021-06-30T18:47", "title": "Why is the U.S. attacking this Iraqi-Syrian border region on a regular basis"},
		"001_fe4119f0101185b7.txt": {"outlet": "Mehr News Agency", "date": ""},
		"002_7f156dedb77d178e.txt": {"outlet": "The Duran", "date": "", "title": "US bombs anti-ISIS Iraqi Shi’a fighters"},
		"003_36071b8ad8be61a2.txt": {"outlet": "Tehran Times", "author": "Mohammad Ghaderi", "date": "2020-01-01T10:38"},
		"004_b37ff82c4dbbe2a9.txt": {"outlet": "Altayinform.ru", "author": "", "date": ""},
	}
	for file, fields := range want {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		f := analyze(string(b))
		for name, v := range fields {
			if got := f.Meta.Fields()[name].Value; got != v {
				t.Errorf("%s: %s = %q, want %q", file, name, got, v)
			}
		}
		if file == "004_b37ff82c4dbbe2a9.txt" && (len(f.Origins) == 0 || f.Origins[0].Agency != "Reuters") {
			t.Errorf("004: want Reuters as an origin hint, got %+v", f.Origins)
		}
	}
}

// TestNewsBenchAgreement compares the text rules with the corpus's index on
// a sample: titles must agree, and an outlet found in the text must name the
// indexed one (allowing a leading "The").
func TestNewsBenchAgreement(t *testing.T) {
	dir := testcorpus.Corpus(t, "news-bench-10k")
	sc, err := LoadSidecar(dir)
	if err != nil || sc == nil {
		t.Fatalf("sidecar: %v", err)
	}
	files := sc.Files()
	titles, titleOK, outlets, outletOK := 0, 0, 0, 0
	for i := 0; i < len(files); i += 20 {
		b, err := os.ReadFile(filepath.Join(dir, files[i]))
		if err != nil {
			t.Fatal(err)
		}
		m := analyze(string(b)).Meta
		want, _ := sc.Lookup(files[i])
		if want.Title.Value != "" {
			titles++
			if m.Title.Value == want.Title.Value {
				titleOK++
			}
		}
		if m.Outlet.Value != "" {
			outlets++
			g := strings.TrimPrefix(strings.ToLower(m.Outlet.Value), "the ")
			if strings.Contains(strings.ToLower(want.Outlet.Value), g) {
				outletOK++
			}
		}
	}
	t.Logf("titles %d/%d, outlets %d/%d", titleOK, titles, outletOK, outlets)
	if float64(titleOK) < 0.95*float64(titles) {
		t.Errorf("titles agree on %d of %d", titleOK, titles)
	}
	if float64(outletOK) < 0.9*float64(outlets) {
		t.Errorf("outlets agree on %d of %d", outletOK, outlets)
	}
}

// FuzzAnalyze checks that the text rules never panic and that a date, when
// found, is always in the contract's form.
func FuzzAnalyze(f *testing.F) {
	f.Add("Troops leave\n\n* By Jane Roe\n\nJune 30, 2021 - 18:47\n\n" + body + "\n\nAll Content by X News is licensed under a Creative Commons licence.")
	f.Add("BEIRUT, June 30, 2021 (Reuters) - " + body)
	f.Add("# [a](b)\n---\n© 2020")
	f.Fuzz(func(t *testing.T, text string) {
		m := analyze(text).Meta
		if d := m.Date.Value; d != "" && len(d) != 10 && len(d) != 16 {
			t.Fatalf("date %q", d)
		}
		for name, fl := range m.Fields() {
			if fl.Value != "" && (fl.Source != document.FromText || fl.Rule == "") {
				t.Fatalf("%s without provenance: %+v", name, *fl)
			}
		}
	})
}
