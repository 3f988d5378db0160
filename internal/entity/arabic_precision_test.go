package entity

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// The texts below are made up for these tests; the names are fictional.

func TestArabicScriptNamesNeedEvidence(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		want    []nativeWant
		notWant []string
	}{
		{"construct title", "وقال قائد الجماعة سليم العبيدي إن مقاتليه انسحبوا.",
			[]nativeWant{{"سليم العبيدي", "person", "title:قائد", ""}},
			[]string{"الجماعة سليم", "الجماعة"}},
		{"name wrapped over a line", "ونفى قائد الجماعة سليم\nالعبيدي ذلك.",
			[]nativeWant{{"سليم\nالعبيدي", "person", "title:قائد", ""}},
			[]string{"الجماعة سليم"}},
		{"weekday after a wrapped name", "وقال العميد سامر\nالأربعاء إن القوات انسحبت.",
			[]nativeWant{{"سامر", "person", "title:العميد", ""}},
			[]string{"سامر\nالأربعاء"}},
		{"kunya, not a number", "وقالت أم خالد، وهي أم لخمسة أطفال، إنها تنتظر.",
			[]nativeWant{{"أم خالد", "person", "pattern:", ""}},
			[]string{"أم لخمسة", "لخمسة"}},
		{"verbal noun after a place head", "واتهم الجيش بقصف المنطقة لتسهيل هجوم جديد. وقصفت الطائرات المدينة لتبرير الهجوم.",
			nil, []string{"لتسهيل", "لتبرير الهجوم", "لتبرير"}},
		{"head with a name", "ووصل الوفد إلى مدينة زهران صباحا.",
			[]nativeWant{{"زهران", "place", "head:", ""}}, nil},
		{"clitic ka on a given name", "بقلم كريم منصور\nوصل الوفد أمس.",
			nil, []string{"ريم"}},
		{"common word in the gazetteer", "ويعيش سكان الوادي في خوف منذ الهجوم.",
			nil, []string{"الوادي"}},
		{"function word with clitics", "وقال المتحدث باسم الوزارة بأنه سيرد قريبا.",
			nil, []string{"بأنه"}},
		{"no pronoun after the article", "وحضر الاجتماع وزراء الاقتصاد والمالية والعدل.",
			nil, []string{"المالية", "مالي", "ووزراء"}},
		{"titles in a row", "برئاسة رئيس البلاد ورئيس الوزراء ووزراء الدفاع والخارجية.",
			nil, []string{"البلاد ورئيس", "ورئيس الوزراء", "ووزراء الدفاع"}},
		{"Persian: a place's adjective after a title", "وزیر دفاع سعودی گفت که سخنگوی امنیتی وزارت پاسخ می\u200cدهد.",
			nil, []string{"سعودی", "امنیتی"}},
		{"Persian: no name after a demonstrative", "فرمانده این گروه اتهام را رد کرد و گفت نیروهایش آنجا نبودند.",
			nil, []string{"این گروه", "گروه"}},
	}
	for _, c := range cases {
		ms := checkNative(t, c.name, c.text, c.want, c.notWant)
		for _, m := range ms {
			if m.Gazetteer == "Rome" {
				t.Errorf("%s: %q read as Rome", c.name, m.Text)
			}
		}
	}
}

func TestPreposedVerbalNoun(t *testing.T) {
	for w, want := range map[string]bool{
		"لتبرير": true, "وبتسهيل": true, "باستخدام": true, "لبنان": false, "بيروت": false, "تبرير": false, "ليبيا": false,
	} {
		if got := preposedVerbalNoun(w); got != want {
			t.Errorf("preposedVerbalNoun(%q) = %v, want %v", w, got, want)
		}
	}
}

// crossProject extracts the mentions of a small project and runs the
// cross-script pass over it.
func crossProject(t *testing.T, texts map[string]string) ([]*document.Document, [][]Mention) {
	t.Helper()
	x := extractor(t)
	var docs []*document.Document
	var per [][]Mention
	for _, p := range []string{"en.txt", "ru.txt", "ar.txt", "fa.txt"} {
		text, ok := texts[p]
		if !ok {
			continue
		}
		d := &document.Document{Path: p, Text: text}
		docs = append(docs, d)
		per = append(per, x.Extract(d, textnorm.Fold(text)))
	}
	if err := x.CrossScriptMentions(context.Background(), docs, per); err != nil {
		t.Fatal(err)
	}
	return docs, per
}

const crossEnglish = "Shelling hit Qasr Zahran overnight, hours after troops crossed into Velmaria. Velmarian forces blamed the Ostrava Brigade.\n" +
	"Commander Idris al-Mansouri denied it. \"We were nowhere near Qasr Zahran,\" al-Mansouri said. Velmaria has asked for inspectors.\n" +
	"Residents of Mantiqa, a village nearby, fled to Mantiqa school."

func TestCrossScriptMentionsFindProjectNames(t *testing.T) {
	texts := map[string]string{
		"en.txt": crossEnglish,
		"ar.txt": "واتهمت فلماريا اللواء بقصف قصر زهران. ونفى إدريس المنصوري ذلك، وقال إن القوات الفلمارية قصفت المنطقة بنفسها.",
		"fa.txt": "مقام\u200cهای ولماریا گفتند قصر زهران بمباران شد. ادریس المنصوری این اتهام را رد کرد و گفت در منطقه نبودند.",
	}
	docs, per := crossProject(t, texts)
	want := map[string]map[string]string{ // doc → form → the Latin name's key
		"ar.txt": {"فلماريا": "velmaria", "قصر زهران": "qasr zahran", "إدريس المنصوري": "idris al mansouri", "الفلمارية": "velmaria"},
		"fa.txt": {"ولماریا": "velmaria", "قصر زهران": "qasr zahran", "ادریس المنصوری": "idris al mansouri"},
	}
	for i, d := range docs {
		w, ok := want[d.Path]
		if !ok {
			continue
		}
		got := map[string]Mention{}
		for _, m := range per[i] {
			got[m.Text] = m
			if d.Text[m.Span.Start:m.Span.End] != m.Text {
				t.Errorf("%s: span of %q does not hold it", d.Path, m.Text)
			}
			if m.Text == "المنطقة" || m.Text == "منطقه" || m.Text == "منطقة" {
				t.Errorf("%s: common word %q matched %q", d.Path, m.Text, m.Match)
			}
		}
		for form, key := range w {
			m, ok := got[form]
			if !ok {
				var all []string
				for _, m := range per[i] {
					all = append(all, m.Text+"→"+m.Match)
				}
				t.Errorf("%s: %q not found; got %q", d.Path, form, all)
				continue
			}
			if m.Match != "" && !strings.Contains(m.Match, key) && !strings.Contains(key, m.Match) {
				t.Errorf("%s: %q matched %q, want %q", d.Path, form, m.Match, key)
			}
			if m.Match != "" && (m.MatchConfidence <= 0 || !strings.HasPrefix(m.Evidence, "cross-script match to ")) {
				t.Errorf("%s: %q has confidence %v, evidence %q", d.Path, form, m.MatchConfidence, m.Evidence)
			}
		}
	}
}

func TestCrossScriptMentionsNeedLatinNames(t *testing.T) {
	// no Latin or Cyrillic document: nothing to read Arabic text against
	texts := map[string]string{"ar.txt": "واتهمت فلماريا اللواء بقصف قصر زهران."}
	_, per := crossProject(t, texts)
	for _, m := range per[0] {
		if m.Match != "" {
			t.Errorf("%q matched %q without any Latin document", m.Text, m.Match)
		}
	}
	x := extractor(t)
	if err := x.CrossScriptMentions(context.Background(), make([]*document.Document, 2), nil); err == nil {
		t.Error("mismatched documents and mention lists accepted")
	}
}

func TestSameStrongH(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"طهران", "tehran", true},
		{"طيران", "tehran", false},   // flight
		{"محاصره", "masirah", false}, // siege
		{"مسيره", "masirah", true},
		{"تل الحمراء", "tell al hamra", true},
		{"كريم حداد", "karim haddad", true},
		{"تولوس", "tolos", true},
	} {
		if got := sameStrongH(c.a, c.b); got != c.want {
			t.Errorf("sameStrongH(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCrossScriptLeavesGazetteerNamesToTheGazetteer(t *testing.T) {
	texts := map[string]string{
		"en.txt": "Officials in Tehran said the drones came from the south. Tehran denied any role.",
		"ar.txt": "وقالت مصادر إن الطائرات المسيرة أغلقت المجال أمام الطيران المدني وحركة لطيران الشحن.",
	}
	docs, per := crossProject(t, texts)
	for i, d := range docs {
		for _, m := range per[i] {
			if d.Path == "ar.txt" && m.Match != "" {
				t.Errorf("%q matched %q", m.Text, m.Match)
			}
		}
	}
}

func TestInitialAynAgrees(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"عباس", "abbas", true},
		{"العملاقه", "al-maliki", false}, // the giant
		{"عمر", "omar", true},
		{"عمر", "Омар", true}, // Cyrillic: left to Compare
		{"مروان عبود", "marwan abboud", true},
	} {
		if got := initialAynAgrees(c.a, c.b); got != c.want {
			t.Errorf("initialAynAgrees(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCrossScriptSkipsAgreeingAdjectives(t *testing.T) {
	texts := map[string]string{
		"en.txt": "Troops reached Nadira at dawn. Residents of Nadira fled. Spokesman Turki al-Maliki said Aramco was hit.",
		"ar.txt": "ووصلت القوات إلى نادرة فجرا، وهي من الحالات النادرة. وأصيبت شركة أرامكو السعودية العملاقة.",
	}
	docs, per := crossProject(t, texts)
	for i, d := range docs {
		if d.Path != "ar.txt" {
			continue
		}
		var found bool
		for _, m := range per[i] {
			switch m.Text {
			case "نادرة":
				found = m.Match != ""
			case "النادرة":
				t.Errorf("the adjective %q (rare) matched %q", m.Text, m.Match)
			case "العملاقة":
				t.Errorf("%q (the giant) matched %q", m.Text, m.Match)
			}
		}
		if !found {
			t.Errorf("the town was not matched: %+v", per[i])
		}
	}
}

func TestCrossScriptMentionsFromCyrillicNames(t *testing.T) {
	texts := map[string]string{
		"ru.txt": "Жители города Тарсин бежали на север. Вечером в Тарсине снова стреляли.",
		"ar.txt": "وفر سكان تارسين إلى الشمال، وعاد القصف مساء إلى تارسين.",
	}
	docs, per := crossProject(t, texts)
	for i, d := range docs {
		if d.Path != "ar.txt" {
			continue
		}
		var got []string
		for _, m := range per[i] {
			if m.Match != "" {
				got = append(got, m.Text)
			}
		}
		if !slices.Contains(got, "تارسين") {
			t.Errorf("Arabic forms matched to Cyrillic names: %q, want تارسين", got)
		}
	}
}
