package search

import (
	"sort"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// multiIndex indexes made-up documents in four languages.
func multiIndex(t testing.TB, texts map[string]string) *Index {
	t.Helper()
	gaz, err := entity.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	x := entity.NewExtractor(gaz)
	var docs []*document.Document
	var ms []entity.Mention
	for path, text := range texts {
		d := &document.Document{Path: path, Text: text}
		docs = append(docs, d)
		ms = append(ms, x.Extract(d, textnorm.Fold(text))...)
	}
	return NewIndex(docs, nil, alias.Group(ms, gaz, nil))
}

var multiTexts = map[string]string{
	"en.txt": "Commander Qassem Soleimani was killed near Baghdad. Soleimani led the Quds Force. " +
		"Colonel Tarik Vashenko said the unit left.",
	"ru.txt": "Генерал Касем Сулеймани погиб под Багдадом. Сулеймани руководил силами. Полковник Тарик Вашенко заявил об отходе.",
	"ar.txt": "قتل اللواء قاسم سليماني قرب بغداد. وقاد سليماني فيلق القدس. وقال العقيد طارق فاشينكو إن الوحدة انسحبت.",
	"fa.txt": "سردار قاسم سلیمانی در بغداد کشته شد. سرهنگ طارق واشنکو گفت که یگان عقب نشست.",
}

func docsOf(rows []Row) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if !seen[r.Path] {
			seen[r.Path] = true
			out = append(out, r.Path)
		}
	}
	sort.Strings(out)
	return out
}

func TestSearchAcrossScripts(t *testing.T) {
	ix := multiIndex(t, multiTexts)
	all := []string{"ar.txt", "en.txt", "fa.txt", "ru.txt"}
	cases := []struct {
		q    string
		want []string
	}{
		{"Soleimani", all},
		{"Qassem Soleimani", all},
		{"سليماني", all},   // Arabic letters
		{"سلیمانی", all},   // Persian keyboard: ی
		{"Сулеймани", all}, // Cyrillic
		{"Soliemani", all}, // a typo still works
		{"Vashenko", []string{"ar.txt", "en.txt", "ru.txt"}},
		{"Вашенко", []string{"ar.txt", "en.txt", "ru.txt"}},
		{"فاشينكو", []string{"ar.txt", "en.txt", "ru.txt"}},
		// names that only share consonants find nothing
		{"Salman", nil},
		{"سلمان", nil},
	}
	for _, c := range cases {
		r := ix.Query(c.q, 10)
		got := docsOf(r.Mentions)
		missing := []string{}
		for _, w := range c.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				missing = append(missing, w)
			}
		}
		if len(c.want) == 0 && len(got) > 0 {
			t.Errorf("Query(%q) found %v, want nothing", c.q, got)
		}
		if len(missing) > 0 || r.Phrase && len(c.want) > 0 {
			var names []string
			for _, h := range r.Entities {
				names = append(names, h.Name+"|"+h.Form+"|"+h.Via)
			}
			t.Errorf("Query(%q): documents %v, missing %v (phrase %v, hits %q)", c.q, got, missing, r.Phrase, names)
		}
	}
}

func TestPhraseFoldsPersianLetters(t *testing.T) {
	ix := multiIndex(t, map[string]string{"ar.txt": "وصل الوفد إلى كرمان أمس.", "fa.txt": "هیئت به کرمان رسید."})
	rows := ix.Phrase("کرمان رسید", 0) // Persian ک: finds the Persian text
	if len(rows) != 1 || rows[0].Text != "کرمان رسید" {
		t.Errorf("Persian phrase: %+v", rows)
	}
	rows = ix.Phrase("كرمان", 0) // Arabic ك finds both spellings
	if got := docsOf(rows); len(got) != 2 {
		t.Errorf("Arabic-letter phrase found %v, want both documents", got)
	}
	for _, r := range rows {
		if r.Text != "كرمان" && r.Text != "کرمان" {
			t.Errorf("span %q is not the name as written", r.Text)
		}
	}
}
