package alias

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// TestTransliterationFamiliesRulesOnly: spellings of real Gulf, Levant and
// Iranian names and places, grouped by the rules alone (the entity lists
// left out, so the gazetteer does not do the work): merged or suggested.
func TestTransliterationFamiliesRulesOnly(t *testing.T) {
	gaz := gazetteerWithout(t, "people.tsv", "organisations.tsv", "places.tsv", "cities.tsv", "capitals.tsv")
	families := []struct {
		kind  entity.Kind
		forms []string
	}{
		{O, []string{"Houthi", "Huthi", "Al-Houthi"}},
		{O, []string{"Hezbollah", "Hizbollah", "Hizballah", "Hizbullah"}},
		{P, []string{"Ali Khamenei", "Ali Khamene'i", "Ali Khameneh'i", "Ali Khamenei"}},
		{P, []string{"Hassan Rouhani", "Hasan Rohani", "Hassan Rowhani"}},
		{P, []string{"Mohammad Javad Zarif", "Mohamad Djavad Zarif", "Mohammed Jawad Zarif"}},
		{O, []string{"Asaib Ahl al-Haq", "Asa'ib Ahl al-Haqq", "Assaib Ahl al-Haq"}},
		{P, []string{"Qais al-Khazali", "Qays al-Khazaali", "Kais Khazali"}},
		{L, []string{"Tell Abyad", "Tal Abyad", "Tel Abiad"}},
		{L, []string{"Al-Hudaydah", "Hodeidah", "Hodeida"}},
		{L, []string{"Sanaa", "Sana'a", "San'a"}},
		{P, []string{"Muqtada al-Sadr", "Moqtada Sadr", "Moktada al-Sadr"}},
		{P, []string{"Ruhollah Khomeini", "Rouhollah Khomeyni"}},
		{L, []string{"Abqaiq", "Abqeiq", "Abquaiq"}},
		{O, []string{"Ansar Allah", "Ansarallah", "Ansarullah"}},
		{P, []string{"Abdel Fattah al-Sisi", "Abdel Fattah el-Sissi", "Abd al-Fattah al-Sisi"}},
		{P, []string{"Mohammed bin Salman", "Mohammad ben Salmane", "Muhammad bin Salman"}},
		{P, []string{"Hajj Qassem Soleimani", "Qasem Soleimani", "Ghasem Soleimani"}},
		{L, []string{"Albu Kamal", "Abu Kamal", "Al-Bukamal"}},
	}
	for _, f := range families {
		var ms []entity.Mention
		for i, form := range f.forms {
			ms = append(ms, m(string(rune('a'+i)), form, f.kind, ""), m("z", form, f.kind, ""))
		}
		res := Group(ms, gaz, nil)
		for _, form := range f.forms[1:] {
			if !together(res, f.forms[0], form) && !suggestedAny(res, f.forms[0], form) {
				t.Errorf("%q and %q neither merged nor suggested", f.forms[0], form)
			}
		}
	}
}
