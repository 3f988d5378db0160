package alias

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// TestTransliterationFamilies: spellings of one Arabic or Persian name in
// Latin letters (English and French conventions) end up together, merged
// or suggested; the must-not-merge pairs stay apart. Every family is made
// up for the test: none comes from the gazetteer.
func TestTransliterationFamilies(t *testing.T) {
	gaz := gazetteerWithout(t, "people.tsv", "organisations.tsv", "places.tsv", "cities.tsv", "capitals.tsv")
	families := []struct {
		kind  entity.Kind
		forms []string
	}{
		{P, []string{"Abu Jaafar al-Mouhandiss", "Abou Jaafar al-Muhandis", "Abu Jafar al-Muhandes"}},
		{P, []string{"Qassem Sulaymani", "Ghassem Soleimani", "Kassem Souleimani", "Qasem Soleymani"}},
		{O, []string{"Harakat al-Shabab", "Harakat al-Chabab", "Harakat ash-Shabaab"}},
		{L, []string{"Albu Hardan", "Abu Hardan", "Al-Buhardan"}},
		{O, []string{"Kata'ib Sayyid al-Shuhada", "Kataib Sayyed al-Shohada", "Kataeb Sayed Shuhada"}},
		{L, []string{"Dhahiriya", "Zahiriya", "Al-Dhahiriyah"}},
		{P, []string{"Sheikh Naim Qabalan", "Naim Kabalan", "Na'im Qabalan"}},
		{L, []string{"al-Mayadeen", "Mayadin", "El Mayadine"}},
		{O, []string{"al-Hashd al-Watani", "Hachd al-Watani", "el-Hachd el-Watani"}},
		{P, []string{"Mohammed bin Rashad", "Mohamed ben Rachad", "Muhammad ibn Rashad"}},
		{P, []string{"Abdul Karim Zuhairi", "Abdel Karim el-Zouheiri", "Abd al-Karim Zuhayri"}},
	}
	for _, f := range families {
		var ms []entity.Mention
		for i, form := range f.forms {
			ms = append(ms, m(string(rune('a'+i)), form, f.kind, ""), m("z", form, f.kind, ""))
		}
		res := Group(ms, gaz, nil)
		for _, s := range res.Suggestions {
			if s.Reason == "" {
				t.Errorf("suggestion %s ~ %s without a reason", s.FormA, s.FormB)
			}
		}
		for _, form := range f.forms[1:] {
			if !together(res, f.forms[0], form) && !suggestedAny(res, f.forms[0], form) {
				t.Errorf("%q and %q neither merged nor suggested", f.forms[0], form)
			}
		}
	}
}

// suggestedAny reports whether the entities of a and b are suggested as
// one, for any reason.
func suggestedAny(res *Result, a, b string) bool {
	x, y := res.EntityOf(a), res.EntityOf(b)
	if x == nil || y == nil {
		return false
	}
	for _, s := range res.Suggestions {
		if s.A == x.ID && s.B == y.ID || s.A == y.ID && s.B == x.ID {
			return true
		}
	}
	return false
}

// TestTransliterationApart: names whose skeletons meet but that are not
// one name stay apart (neither merged nor suggested).
func TestTransliterationApart(t *testing.T) {
	gaz := gazetteerWithout(t, "people.tsv", "organisations.tsv", "places.tsv", "cities.tsv", "capitals.tsv")
	pairs := [][2]string{
		{"Abu Hardan", "Abu Hamdan"},
		{"Karim Zuhairi", "Karim Zahran"},
		{"Gary Cole", "Cary Cole"},
		{"Mohammed bin Rashad", "Mohammed bin Salman"},
		{"Chad Miller", "Shad Miller"},
		{"Hashd al-Watani", "Hashd al-Shaabi"},
		{"Sarah Allen", "Sarah Allan"}, // suggested at most: no mark of transliteration
		{"Mark Hanson", "Mark Hansen"},
	}
	for _, p := range pairs {
		ms := []entity.Mention{m("a", p[0], P, ""), m("b", p[1], P, ""), m("c", p[0], P, ""), m("c", p[1], P, "")}
		res := Group(ms, gaz, nil)
		if together(res, p[0], p[1]) {
			t.Errorf("%q and %q merged", p[0], p[1])
		}
	}
}

// TestKnownNameIsNoAcronymExpansion: a country's name in French ("Etats
// Unis") is not suggested for the acronym of its initials ("EU").
func TestKnownNameIsNoAcronymExpansion(t *testing.T) {
	gaz := defaultGazetteer(t)
	ms := []entity.Mention{
		m("a", "Etats-Unis", L, "gazetteer:place"), m("a", "EU", O, "acronym"),
		m("b", "Etats-Unis", L, "gazetteer:place"), m("b", "EU", O, "acronym"),
		m("b", "Marvanian Water Authority", O, "head:Authority"), m("b", "MWA", O, "acronym"),
		m("c", "U.S.", L, "gazetteer:place"), m("c", "Untold Story", X, ""),
		m("d", "KRB", O, "acronym"), m("e", "Kestrel River Board", O, "head:Board"),
	}
	res := Group(ms, gaz, nil)
	if together(res, "EU", "Etats-Unis") || suggestedAny(res, "EU", "Etats-Unis") {
		t.Error("Etats-Unis offered as the expansion of EU")
	}
	if suggestedAny(res, "KRB", "Kestrel River Board") || together(res, "KRB", "Kestrel River Board") {
		t.Error("initials met only in different articles offered as one")
	}
	if suggestedAny(res, "U.S.", "Untold Story") {
		t.Error("a known acronym offered another expansion")
	}
	if !together(res, "MWA", "Marvanian Water Authority") && !suggestedAny(res, "MWA", "Marvanian Water Authority") {
		t.Error("an unknown name is no longer offered for its initials")
	}
}
