package search

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
)

// TestPhraseAcrossLetterVariants types queries the way another keyboard or
// outlet spells them: Persian yeh and kaf for Arabic-spelled text and the
// reverse, Arabic-Indic digits for ASCII ones, "е" for "ё", Latin look-alikes
// inside Cyrillic words. Each must find the text as written, span exact.
func TestPhraseAcrossLetterVariants(t *testing.T) {
	docs := []*document.Document{
		{Path: "ar.txt", Text: "وقال رئيس الحكومة حسان دياب إن الانفجار وقع في العنبر رقم 12 في المرفأ."},
		{Path: "fa.txt", Text: "به گزارش خبرگزاری، نخست وزیر لبنان گفت که کشور در خطر است."},
		{Path: "ru.txt", Text: "Пожар на складе потушили, сообщили в МЧС, ещё двое пострадавших в больнице."},
	}
	ix := NewIndex(docs, nil, &alias.Result{})
	cases := []struct{ query, path, want string }{
		{"حسان دیاب", "ar.txt", "حسان دياب"},         // Persian yeh typed
		{"ریيس الحکومه", "ar.txt", "رئيس الحكومة"},   // Persian kaf, heh for teh marbuta, yeh for hamza seat
		{"العنبر رقم ١٢", "ar.txt", "العنبر رقم 12"}, // Arabic-Indic digits typed
		{"كشور", "fa.txt", "کشور"},                   // Arabic kaf for the Persian one
		{"еще двое", "ru.txt", "ещё двое"},           // е for ё
		{"пожap", "ru.txt", "Пожар"},                 // Latin p inside a Cyrillic word
	}
	for _, c := range cases {
		rows := ix.Phrase(c.query, 0)
		if len(rows) != 1 || rows[0].Path != c.path || rows[0].Text != c.want {
			t.Errorf("Phrase(%q) = %+v, want %q in %s", c.query, rows, c.want, c.path)
		}
	}
}
