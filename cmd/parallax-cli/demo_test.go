package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/resources"
)

// demoCopy writes the shipped demo project to a temporary folder.
func demoCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sub, err := fs.Sub(resources.Demo, "demo")
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDemoSearchAcrossScripts is the README's tour: the demo's Russian and
// Persian articles name the event's people and places in their scripts,
// and a search typed in any of the three scripts finds all of them.
func TestDemoSearchAcrossScripts(t *testing.T) {
	dir := demoCopy(t)
	for _, q := range []string{"Rashidi", "Рашиди", "رشیدی", "Marvania", "Марвания"} {
		code, out, errOut := runCLI(t, "search", dir, q)
		if code != 0 {
			t.Fatalf("search %s: exit %d: %s", q, code, errOut)
		}
		for _, doc := range []string{"01_harbor_wire.txt", "09_vestnik_doliny.ru.txt", "10_khabar_darreh.fa.txt"} {
			if !strings.Contains(out, doc) {
				t.Errorf("search %s: no mention in %s:\n%s", q, doc, out)
			}
		}
	}
	code, out, _ := runCLI(t, "entities", dir)
	if code != 0 {
		t.Fatal("entities failed")
	}
	// one entity holds the English, Russian spellings of the town
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Tell al-Hamra") {
			if !strings.Contains(line, "Телль-эль-Хамре") {
				t.Errorf("Tell al-Hamra lacks its Russian forms: %s", line)
			}
			return
		}
	}
	t.Errorf("no entity Tell al-Hamra:\n%s", out)
}
