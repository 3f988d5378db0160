package engine

import (
	"strings"
	"testing"
)

// The demo's Arabic (08) and Persian (10) articles name the places and
// people its English and Russian ones name: they must come out as forms of
// the same entities, and the words that once came out as names must not.
func TestDemoArabicScriptEntities(t *testing.T) {
	a := openDemo(t, Options{})
	byForm := map[string]string{} // Arabic-script form → entity name
	for _, e := range a.ents.Entities {
		for _, f := range e.Forms {
			byForm[strings.ReplaceAll(f.Text, "\n", " ")] = e.Name
		}
	}
	for form, want := range map[string]string{
		"تل الحمراء":   "Tell al-Hamra",
		"مارفانيا":     "Marvania",
		"ماروانیا":     "Marvania",
		"المارفانية":   "Marvania",
		"تولوس":        "Tolos",
		"يوسف الراشدي": "Yusuf al-Rashidi",
		"یوسف الرشیدی": "Yusuf al-Rashidi",
	} {
		if got, ok := byForm[form]; !ok || got != want {
			t.Errorf("%q: entity %q (found %v), want %q", form, got, ok, want)
		}
	}
	for _, bad := range []string{"ريم", "الجماعة يوسف", "أم لأربعة", "لتبرير", "الوادي"} {
		if name, ok := byForm[bad]; ok {
			t.Errorf("%q is a form of entity %q", bad, name)
		}
	}
}
