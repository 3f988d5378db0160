package sourcepanel

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
)

// TestFramingInOtherLanguages shows a Russian document's loaded terms and
// voices, and "not covered" for a German one rather than "none".
func TestFramingInOtherLanguages(t *testing.T) {
	test.NewTempApp(t)
	dir := filepath.Join(t.TempDir(), "langs")
	paneltest.WriteFiles(t, dir, map[string]string{
		"sources.csv": "file,outlet,language\nru.txt,Vesti Test,ru\nde.txt,Zeitung Test,de\n",
		"ru.txt": "Обстрел города\n\nМинистр обороны Сергей Ковалёв заявил, что боевики обстреляли город ночью.\n\n" +
			"«Это террористический режим», — сказал он журналистам.\n",
		"de.txt": "Angriff auf die Stadt\n\nDer Sprecher der Regierung sagte, die Milizen hätten die Stadt in der Nacht beschossen.\n",
	})
	c, _ := paneltest.Analysed(t, dir)
	p := New(c)
	test.NewTempWindow(t, p.Object())

	c.SetFocused(paneltest.Doc(c, "ru.txt"))
	text := strings.Join(labels(p.framing), "\n")
	// the speaker as the engine resolves him: the person, his title apart
	for _, want := range []string{"delegitimising", "violence", "Сергей Ковалёв"} {
		if !strings.Contains(text, want) {
			t.Errorf("Russian framing lacks %q:\n%s", want, text)
		}
	}
	c.SetFocused(paneltest.Doc(c, "de.txt"))
	text = strings.Join(labels(p.framing), "\n")
	if strings.Count(text, "Not covered (language: de)") != 2 || strings.Contains(text, "None of the lexicon") {
		t.Errorf("German framing:\n%s", text)
	}
}
