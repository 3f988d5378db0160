package alias

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

func suggested(res *Result, a, b, reason string) bool {
	for _, s := range res.Suggestions {
		if (s.FormA == a && s.FormB == b || s.FormA == b && s.FormB == a) && s.Reason == reason {
			return true
		}
	}
	return false
}

// TestLaterRules covers the rules added after reading text the grouping
// was not written on. Names are made up.
func TestLaterRules(t *testing.T) {
	gaz := defaultGazetteer(t)
	cases := []struct {
		name    string
		ms      []entity.Mention
		a, b    string
		merge   bool
		suggest string // reason of the suggestion wanted, "" for none
	}{
		{"surname with its article, unique in the corpus",
			[]entity.Mention{m("1", "Hadi al-Tamimi", P, "title:Commander"), m("2", "al-Tamimi", X, "")},
			"Hadi al-Tamimi", "al-Tamimi", true, ""},
		{"surname with its article, two full names",
			[]entity.Mention{m("1", "Hadi al-Tamimi", P, "title:Commander"), m("3", "Omar al-Tamimi", P, "title:Colonel"), m("2", "al-Tamimi", X, "")},
			"Hadi al-Tamimi", "al-Tamimi", false, ""},
		{"one full name far more frequent than another with the surname",
			[]entity.Mention{m("1", "Nora Hallam", P, "verb:said"), m("2", "Nora Hallam", P, "verb:said"), m("3", "Nora Hallam", P, "verb:said"),
				m("4", "Nora Hallam", P, "verb:said"), m("1", "Garbled Hallam", P, "title:Speaker"), m("5", "Hallam", P, "verb:said"), m("1", "Hallam", P, "verb:said")},
			"Nora Hallam", "Hallam", true, ""},
		{"two full names about as frequent",
			[]entity.Mention{m("1", "Nora Hallam", P, "verb:said"), m("2", "Nora Hallam", P, "verb:said"), m("1", "Ben Hallam", P, "verb:said"),
				m("3", "Ben Hallam", P, "verb:said"), m("5", "Hallam", P, "verb:said"), m("1", "Hallam", P, "verb:said")},
			"Nora Hallam", "Hallam", false, ""},
		{"a person's full name wins over one of unknown kind",
			[]entity.Mention{m("1", "Moira Tessel", P, "verb:said"), m("1", "Odd Tessel", X, ""), m("1", "Tessel", P, "verb:said")},
			"Moira Tessel", "Tessel", true, ""},
		{"a person's surname joins a full name of unknown kind",
			[]entity.Mention{m("1", "Pim Vanter", X, ""), m("1", "Vanter", P, "verb:said"), m("2", "Vanter", P, "verb:said")},
			"Pim Vanter", "Vanter", true, ""},
		{"a word of unknown kind does not join a name of unknown kind",
			[]entity.Mention{m("1", "Bright Vanter", X, ""), m("1", "Vanter", X, "")},
			"Bright Vanter", "Vanter", false, ""},
		{"a head noun refers back to the one longer name",
			[]entity.Mention{m("1", "Coastal Guards", O, "head:Guards"), m("1", "Guards", X, ""), m("2", "Coastal Guards", O, "head:Guards"), m("2", "Guards", X, "")},
			"Coastal Guards", "Guards", false, ReasonHeadNoun},
		{"a head noun with two longer names beside it",
			[]entity.Mention{m("1", "Coastal Guards", O, "head:Guards"), m("1", "Highland Guards", O, "head:Guards"), m("1", "Guards", X, "")},
			"Coastal Guards", "Guards", false, ""},
		{"a demonym is only suggested, with its reason",
			[]entity.Mention{m("1", "Veldora", L, "prep:in"), m("2", "Veldoran", X, "")},
			"Veldora", "Veldoran", false, ReasonDemonym},
		{"a rare surname one letter from a common one is a typo",
			[]entity.Mention{m("1", "Petrakis", P, "verb:said"), m("1", "Petrakis", P, "verb:said"), m("2", "Petrakis", P, "verb:said"),
				m("2", "Petrakis", P, "verb:said"), m("2", "Petrakis", P, "verb:said"), m("2", "Petarkis", P, "verb:said")},
			"Petrakis", "Petarkis", true, ""},
		{"two common surnames one letter apart are two people",
			[]entity.Mention{m("1", "Brandel", P, "verb:said"), m("1", "Brandel", P, "verb:said"), m("2", "Bransel", P, "verb:said"), m("2", "Bransel", P, "verb:said")},
			"Brandel", "Bransel", false, ReasonEdit},
		{"a plural is no demonym",
			[]entity.Mention{m("1", "Republican", X, ""), m("2", "Republicans", X, "")},
			"Republican", "Republicans", false, ReasonEdit},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Group(c.ms, gaz, nil)
			if got := together(res, c.a, c.b); got != c.merge {
				t.Errorf("together(%q, %q) = %v, want %v", c.a, c.b, got, c.merge)
			}
			if c.suggest != "" && !suggested(res, c.a, c.b, c.suggest) {
				t.Errorf("no suggestion %q ~ %q (%s) in %+v", c.a, c.b, c.suggest, res.Suggestions)
			}
			if c.suggest == "" {
				for _, s := range res.Suggestions {
					if s.Reason == ReasonHeadNoun || s.Reason == ReasonDemonym {
						t.Errorf("unexpected suggestion %+v", s)
					}
				}
			}
		})
	}
}

func TestLearnedGivenNames(t *testing.T) {
	gaz := defaultGazetteer(t)
	cases := []struct {
		name string
		ms   []entity.Mention
		form string
		want entity.Kind
	}{
		{"first word opening two people's names",
			[]entity.Mention{m("1", "Orla Venn", P, "verb:said"), m("2", "Orla Brisk", P, "apposition:teacher"), m("3", "Orla Tamsin", X, "")},
			"Orla Tamsin", P},
		{"first word of one person's name only",
			[]entity.Mention{m("1", "Orla Venn", P, "verb:said"), m("3", "Orla Tamsin", X, "")},
			"Orla Tamsin", X},
		{"first word that is a place",
			[]entity.Mention{m("1", "Iraq Venn", P, "verb:said"), m("2", "Iraq Brisk", P, "verb:said"), m("3", "Iraq Tamsin", X, "")},
			"Iraq Tamsin", X},
		{"a name with a connector",
			[]entity.Mention{m("1", "Orla Venn", P, "verb:said"), m("2", "Orla Brisk", P, "verb:said"), m("3", "Orla of Tamsin", X, "")},
			"Orla of Tamsin", X},
		{"last word that is a head word",
			[]entity.Mention{m("1", "Orla Venn", P, "verb:said"), m("2", "Orla Brisk", P, "verb:said"), m("3", "Orla Institute", X, "")},
			"Orla Institute", X},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := Group(c.ms, gaz, nil).EntityOf(c.form)
			if e == nil || e.Kind != c.want {
				t.Fatalf("%q: %+v, want kind %s", c.form, e, c.want)
			}
		})
	}
}
