package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
)

// TestFramingLanguages runs `framing` on a folder of articles written for
// this test in Russian, Arabic and German: the Russian and Arabic outlets
// show their loaded terms and voices, the German one "not covered" rather
// than zeros, in the table and in the JSON.
func TestFramingLanguages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"ru.txt": "Обстрел города\n\nМинистр обороны Сергей Ковалёв заявил, что боевики обстреляли город ночью и что жертв много.\n\n" +
			"«Это террористический режим», — сказал он журналистам. По словам представителя властей, ракеты упали у рынка.\n",
		"ar.txt": "قصف المدينة\n\nوقال المتحدث باسم الحكومة إن الاحتلال شن غارات على المدينة ليلا وإن الضحايا كثيرون. " +
			"وأضاف أن «الشهداء سقطوا بالقصف». وبحسب مصادر محلية، فإن الميليشيات انسحبت من الحي.\n",
		"de.txt": "Angriff auf die Stadt\n\nDer Sprecher der Regierung sagte, die Milizen hätten die Stadt in der Nacht beschossen. " +
			"Nach Angaben der Behörden gab es viele Opfer, und die Lage ist weiterhin sehr unübersichtlich für die Menschen.\n",
		"sources.csv": "file,outlet,language\nru.txt,Vesti Test,ru\nar.txt,Akhbar Test,ar\nde.txt,Zeitung Test,de\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"framing", dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	lines := map[string][]string{}
	for _, l := range strings.Split(out.String(), "\n") {
		for _, o := range []string{"Vesti Test", "Akhbar Test", "Zeitung Test"} {
			if strings.Contains(l, o) {
				lines[o] = append(lines[o], l)
			}
		}
	}
	checks := []struct {
		outlet string
		want   []string
	}{
		{"Vesti Test", []string{"violence", "delegitimising", "Сергей Ковалёв"}},
		{"Akhbar Test", []string{"violence", "المتحدث باسم الحكومة", "مصادر محلية"}},
		{"Zeitung Test", []string{"not covered (language: de)"}},
	}
	for _, c := range checks {
		got := strings.Join(lines[c.outlet], "\n")
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", c.outlet, w, out.String())
			}
		}
	}
	if strings.Contains(strings.Join(lines["Zeitung Test"], "\n"), "0.0") {
		t.Errorf("the German outlet shows a rate:\n%s", out.String())
	}

	out.Reset()
	if code := run(context.Background(), []string{"framing", dir, "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var a framing.Analysis
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	for _, d := range a.Documents {
		covered := d.Language != "de"
		if d.TermsCovered != covered || d.SourcesCovered != covered || (d.NotCovered == "") != covered {
			t.Errorf("%s (%s): terms %v sources %v note %q", d.Path, d.Language, d.TermsCovered, d.SourcesCovered, d.NotCovered)
		}
	}
}
