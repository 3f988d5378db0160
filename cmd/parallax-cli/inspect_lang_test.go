package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestInspectLanguagesEncodingsDates inspects a folder of articles written
// for this test: an Arabic one in windows-1256, a Persian one dated in the
// Solar Hijri calendar, a French one with its byline, and a Russian one
// disguised with Latin look-alikes. Each gets its language, encoding, date
// and byline; the disguise is counted as mixed-script words.
func TestInspectLanguagesEncodingsDates(t *testing.T) {
	dir := t.TempDir()
	arabic := "عنوان الخبر عن الانفجار\n\nبقلم: أحمد علي\nالأربعاء 5 أغسطس 2020\n\n" +
		"هز انفجار كبير المرفأ اليوم الثلاثاء، ناتج عن انفجار مواد شديدة مخزنة، ما أدى إلى وقوع دمار كبير في المباني المحيطة بالمرفأ وفي الأحياء القريبة منه، وسقوط عدد من القتلى والجرحى.\n"
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(arabic))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"ar.txt": b,
		"fa.txt": []byte("عنوان خبر درباره انفجار\n\nچهارشنبه ۱۵ مرداد ۱۳۹۹\n\n" +
			"دو انفجار بزرگ عصر سه شنبه در بندر رخ داد که تمام بندر و مرکز شهر و اطراف آن را تکان داد و ده ها نفر در این حادثه کشته و هزاران نفر زخمی شدند.\n"),
		"fr.txt": []byte("Deux explosions au port\n\nPar Jean Dupont\nPublié le 5 août 2020 à 18h02\n\n" +
			"Deux fortes explosions ont secoué mardi la capitale libanaise, selon des correspondants de plusieurs médias sur place. Le bilan provisoire fait état de dizaines de morts.\n"),
		"ru.txt": []byte("Взрыв в порту\n\n5 августа 2020, 14:35\n\n" + strings.NewReplacer("а", "a", "о", "o", "е", "e", "р", "p", "с", "c").Replace(
			"Мощный взрыв произошел во вторник в районе морского порта, поблизости от базы военно-морских сил. По предварительным данным, пострадали десятки человек.\n")),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI(t, "inspect", dir, "--json", "--no-cache")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Documents []inspectDoc `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ lang, enc, date, author string }{
		"ar.txt": {"ar", "windows-1256", "2020-08-05", "أحمد علي"},
		"fa.txt": {"fa", "utf-8", "2020-08-05", ""},
		"fr.txt": {"fr", "utf-8", "2020-08-05T18:02", "Jean Dupont"},
		"ru.txt": {"ru", "utf-8", "2020-08-05T14:35", ""},
	}
	if len(res.Documents) != len(want) {
		t.Fatalf("%d documents, want %d", len(res.Documents), len(want))
	}
	for _, d := range res.Documents {
		w := want[d.Path]
		if d.Language != w.lang || d.Encoding != w.enc || d.Date != w.date || d.Author != w.author {
			t.Errorf("%s: language %q encoding %q date %q author %q; want %+v", d.Path, d.Language, d.Encoding, d.Date, d.Author, w)
		}
		if p := d.Provenance["language"]; p.Rule == "" || p.Confidence <= 0 {
			t.Errorf("%s: language without provenance: %+v", d.Path, p)
		}
		if d.Path == "ru.txt" && d.MixedScriptWords < 10 {
			t.Errorf("ru.txt: %d mixed-script words, want the disguised ones", d.MixedScriptWords)
		}
		if d.Path != "ru.txt" && d.MixedScriptWords != 0 {
			t.Errorf("%s: %d mixed-script words", d.Path, d.MixedScriptWords)
		}
		if p := d.Provenance["date"]; d.Path == "fa.txt" && !strings.Contains(p.Rule, "۱۵ مرداد ۱۳۹۹") {
			t.Errorf("fa.txt: the Solar Hijri date as written is not in the rule %q", p.Rule)
		}
	}
}
