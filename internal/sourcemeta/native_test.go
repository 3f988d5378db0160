package sourcemeta

import (
	"strings"
	"testing"
)

func TestNativeDateLines(t *testing.T) {
	cases := []struct {
		line, want, rule string
	}{
		{"Publié le 5 août 2020 à 18h02", "2020-08-05T18:02", "date-label:day-month-year"},
		{"Publié le mercredi 05 août 2020", "2020-08-05", "date-label:day-month-year"},
		{"Publié le 18.09.2019", "2019-09-18", "date-label:numeric-day-month-year"},
		{"14:08 14 Septembre 2019", "2019-09-14T14:08", "date-line:day-month-year"},
		{"5 августа 2020, 14:35", "2020-08-05T14:35", "date-line:day-month-year"},
		{"17 сентября 2019 г.", "2019-09-17", "date-line:day-month-year"},
		{"Суббота, 14 сентября 2019", "2019-09-14", "date-line:day-month-year"},
		{"14.09.2019, 14:29", "2019-09-14T14:29", "date-line:numeric-day-month-year"},
		{"Субота, 14 вересня 2019", "2019-09-14", "date-line:day-month-year"},
		{"الأربعاء 5 أغسطس 2020", "2020-08-05", "date-line:day-month-year"},
		{"الأربعاء، 05 أغسطس 2020", "2020-08-05", "date-line:day-month-year"},
		{"الثلاثاء ٠٤ أغسطس ٢٠٢٠", "2020-08-04", "date-line:day-month-year"},
		{"الثلاثاء 4 آب 2020", "2020-08-04", "date-line:day-month-year"},
		{"السبت 14 أيلول 2019", "2019-09-14", "date-line:day-month-year"},
		{"الأربعاء ٠٥/أغسطس/٢٠٢٠ ٠٢:١٢ ص", "2020-08-05T02:12", "date-line:day-month-year"},
		{"۱۸ سپتامبر ۲۰۱۹", "2019-09-18", "date-line:day-month-year"},
		// Solar Hijri, converted; the date as written stays in the rule.
		{"چهارشنبه ۱۵ مرداد ۱۳۹۹", "2020-08-05", "date-line:solar-hijri (۱۵ مرداد ۱۳۹۹)"},
		{"تاریخ انتشار : شنبه ۲۳ شهريور ۱۳۹۸ ساعت ۱۰:۳۲", "2019-09-14T10:32", "date-label:solar-hijri (۲۳ شهريور ۱۳۹۸)"},
		{"تاریخ انتشار: ۱۵ مرداد ۱۳۹۹ | کد خبر: ۲۸۸۶۹۸۱۴", "2020-08-05", "date-label:solar-hijri (۱۵ مرداد ۱۳۹۹)"},
		{"۱۵ اسد ۱۳۹۹", "2020-08-05", "date-line:solar-hijri (۱۵ اسد ۱۳۹۹)"}, // Afghan month names
		{"سه شنبه 14 مرداد 1399 - 23:55", "2020-08-04T23:55", "date-line:solar-hijri (14 مرداد 1399)"},
		{"تاریخ انتشار: ۱۳۹۹/۰۵/۱۵ - ۱۸:۳۰", "2020-08-05T18:30", "date-label:solar-hijri (۱۳۹۹/۰۵/۱۵)"},
		{"2020/08/05", "2020-08-05", "date-line:numeric-year-month-day"},
	}
	for _, c := range cases {
		got, ok := parseDateLineIn(c.line, "")
		if !ok || got.Value != c.want || got.Rule != c.rule {
			t.Errorf("parseDateLineIn(%q) = %q %q %v, want %q %q", c.line, got.Value, got.Rule, ok, c.want, c.rule)
		}
	}
	for _, line := range []string{
		"МОСКВА, 16 сен — РИА Новости.", // no year: never guessed
		"31 июня 2020",  // no such day
		"۳۰ اسفند ۱۴۰۲", // 1402 is a common year
		"Le 5 août 2020, deux explosions ont secoué la capitale libanaise et fait des dizaines de morts.", // a sentence
		"Par ailleurs",
	} {
		if got, ok := parseDateLineIn(line, ""); ok {
			t.Errorf("parseDateLineIn(%q) = %+v, want no date", line, got)
		}
	}
	// A slashed date whose day and month could swap is read outside English only.
	if got, ok := parseDateLineIn("05/08/2020", "fr"); !ok || got.Value != "2020-08-05" {
		t.Errorf("French 05/08/2020 = %+v %v", got, ok)
	}
	if got, ok := parseDateLineIn("05/08/2020", "en"); ok {
		t.Errorf("English 05/08/2020 read as %q", got.Value)
	}
}

func TestNativeBylines(t *testing.T) {
	cases := []struct {
		text, author, outlet, rule string
	}{
		{"Titre de l'article sur l'explosion\n\nPar Jean Dupont\nPublié le 5 août 2020 à 18h02\n\n" + frBody, "Jean Dupont", "", "byline:cue"},
		{"Заголовок статьи о взрыве в порту\n\nАвтор: Мария Чиренко\n5 августа 2020, 14:35\n\n" + ruBody, "Мария Чиренко", "", "byline:cue"},
		{"عنوان المقال عن الانفجار في المرفأ\n\nبقلم: أحمد علي\nالأربعاء 5 أغسطس 2020\n\n" + arBody, "أحمد علي", "", "byline:cue"},
		{"عنوان مقاله درباره انفجار در بندر\n\nنویسنده: محمد رضایی\nچهارشنبه ۱۵ مرداد ۱۳۹۹\n\n" + faBody, "محمد رضایی", "", "byline:cue"},
		{"عنوان المقال عن الانفجار في المرفأ\n\nسامي سمعان\nالاثنين 10 أغسطس 2020\n\n" + arBody, "سامي سمعان", "", "byline:name-above-date"},
		{"عنوان مقاله درباره انفجار در بندر\n\nایران وایر - محمد زید مستو\nپنجشنبه ۱۶ مرداد ۱۳۹۹\n\n" + faBody, "محمد زید مستو", "", "byline:name-above-date"},
		{"عنوان مقاله درباره انفجار در بندر\n\nخبرگزاری تسنیم\nچهارشنبه ۱۵ مرداد ۱۳۹۹\n\n" + faBody, "", "خبرگزاری تسنیم", ""},
		// "Par" opening a sentence is no byline.
		{"Titre de l'article sur l'explosion\n\nPar ailleurs, les secours\n\n" + frBody, "", "", ""},
	}
	for _, c := range cases {
		m := analyze(c.text).Meta
		if m.Author.Value != c.author || c.rule != "" && m.Author.Rule != c.rule || m.Outlet.Value != c.outlet {
			t.Errorf("%.40q: author %q (%s), outlet %q; want %q (%s), %q", c.text, m.Author.Value, m.Author.Rule, m.Outlet.Value, c.author, c.rule, c.outlet)
		}
		if strings.Contains(c.text, "2020") && m.Date.Value == "" {
			t.Errorf("%.40q: no date", c.text)
		}
	}
}

const (
	frBody = "Deux fortes explosions ont secoué mardi la capitale libanaise, selon des correspondants de plusieurs médias sur place. Le bilan provisoire fait état de dizaines de morts et de milliers de blessés dans la ville."
	ruBody = "Мощный взрыв произошел во вторник в районе морского порта, поблизости от базы военно-морских сил. По предварительным данным, пострадали десятки человек, которые находились в зданиях рядом с портом."
	arBody = "هز انفجار كبير المرفأ اليوم الثلاثاء، ناتج عن انفجار مواد شديدة مخزنة، ما أدى إلى وقوع دمار كبير في المباني المحيطة بالمرفأ وفي الأحياء القريبة منه، وسقوط عدد من القتلى والجرحى."
	faBody = "دو انفجار بزرگ عصر سه شنبه در بندر رخ داد که تمام بندر و مرکز شهر و اطراف آن را تکان داد و ده ها نفر در این حادثه کشته و هزاران نفر زخمی شدند و خسارت زیادی به بار آمد."
)

func TestLanguageCode(t *testing.T) {
	for in, want := range map[string]string{"ru": "ru", " RU ": "ru", "fa-IR": "fa", "Russian": "ru", "persian": "fa", "Farsi": "fa", "de": "de", "Klingon": "", "r": "", "russe": ""} {
		got, ok := LanguageCode(in)
		if got != want || ok != (want != "") {
			t.Errorf("LanguageCode(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestNativeDateline(t *testing.T) {
	for text, want := range map[string]string{
		"عنوان الخبر\n\nبيروت 4 أغسطس 2020 (شينخوا) أعلن المجلس الأعلى للدفاع بعد اجتماعه أن المدينة منكوبة.":    "2020-08-04",
		"Заголовок\n\nМОСКВА, 16 сентября 2019 — РИА Новости. Мировые цены на нефть выросли более чем на треть.": "2019-09-16",
		"Заголовок\n\nМОСКВА, 16 сен — РИА Новости. Мировые цены на нефть выросли более чем на треть.":           "", // no year
	} {
		m := analyze(text).Meta
		if m.Date.Value != want || want != "" && !strings.HasPrefix(m.Date.Rule, "dateline:") {
			t.Errorf("%.40q: date %q (%s), want %q", text, m.Date.Value, m.Date.Rule, want)
		}
	}
}
