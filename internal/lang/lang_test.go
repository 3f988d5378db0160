package lang

import "testing"

func TestDominantScript(t *testing.T) {
	cases := []struct {
		in   string
		want Script
	}{
		{"", ScriptNone},
		{"2020 (1398)", ScriptNone},
		{"Damascus", ScriptLatin},
		{"Дамаск, 2020", ScriptCyrillic},
		{"دمشق Damascus دمشق دمشق", ScriptArabic},
		{"Coalitiοn", ScriptLatin}, // one Greek omicron among Latin letters
	}
	for _, c := range cases {
		if got := DominantScript(c.in); got != c.want {
			t.Errorf("DominantScript(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	if !ScriptArabic.RTL() || ScriptCyrillic.RTL() {
		t.Error("RTL: Arabic is right to left, Cyrillic is not")
	}
}

func TestSetReplacesSameCode(t *testing.T) {
	a := &Profile{Code: English, Name: "old", Script: ScriptLatin}
	b := &Profile{Code: English, Name: "new", Script: ScriptLatin}
	s := NewSet(a, b)
	if got := s.Get(English).Name; got != "new" || len(s.Profiles()) != 1 {
		t.Errorf("Get = %q with %d profiles", got, len(s.Profiles()))
	}
	var none *Set
	if none.Get(English) != nil || none.Profiles() != nil {
		t.Error("a nil set covers nothing")
	}
	if (*Profile)(nil).StemWord("дамаске") != "дамаске" {
		t.Error("no profile leaves words unchanged")
	}
}
