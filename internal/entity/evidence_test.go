package entity

import "testing"

// TestEvidenceRules: one case per rule of evidencePass and of name
// structure in extraction, each with what must stay. Sentences made up.
func TestEvidenceRules(t *testing.T) {
	x := extractor(t)
	cases := []struct {
		name    string
		text    string
		want    []string
		notWant []string
	}{
		{"a common word capitalised mid-sentence", "Funding for Firearms and Explosives grew, and the Budget passed. Lena Ortiz said so.",
			[]string{"Lena Ortiz"}, []string{"Explosives", "Budget"}},
		{"a word the text also writes in lower case", "Voters want Change now. The change came late.",
			nil, []string{"Change"}},
		{"a word capitalised only where any word is", "Campaign staff left early.\nOffice hours were cut.",
			nil, []string{"Campaign", "Office"}},
		{"a rare word mid-sentence is kept", "Troops entered Veldora overnight.",
			[]string{"Veldora"}, nil},
		{"a letter pair before a dot", "She holds a Ph.D. in law from Veldora University.",
			[]string{"Veldora University"}, []string{"Ph"}},
		{"a handle and a code", "Follow @Lenaortiz and see pic.twitter.com/Xk3Rt9bQ2 for Kestrel news.",
			nil, []string{"Lenaortiz", "Xk3Rt9bQ2"}},
		{"the tail of a hyphenated word", "They met at Mar-a-Lago on Friday with Lena Ortiz.",
			[]string{"Lena Ortiz"}, []string{"Lago"}},
		{"names run together", "Harry Kestrel Harry Mason KestrelThe Memo: a story.",
			nil, []string{"Harry Kestrel Harry Mason KestrelThe Memo"}},
		{"a headline in title case", "Governor Vows To Rethink Water Plan After Drought\n\nThe governor spoke.",
			nil, []string{"Vows To Rethink Water Plan After Drought", "Governor Vows To Rethink Water Plan After Drought"}},
		{"two names run together are split", "Speakers included Kamala Ortiz Cory Vance at the rally.",
			[]string{"Kamala Ortiz", "Cory Vance"}, []string{"Kamala Ortiz Cory Vance"}},
		{"a time zone is no acronym", "The vote closes at 9 p.m. ET on Tuesday in Kestrel.",
			[]string{"Kestrel"}, []string{"ET"}},
		{"an honorific is a title", "Hajj Karim Vance and Sardar Omid Kestrel spoke.",
			[]string{"Karim Vance", "Omid Kestrel"}, []string{"Hajj Karim Vance", "Sardar Omid Kestrel"}},
		{"another person of a known surname", "Melania Trump spoke, and Donald Trump Jr. wrote. Trump left.",
			[]string{"Melania Trump", "Trump"}, []string{"Melania"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := extract(x, c.text)
			for _, s := range c.want {
				if find(ms, s) == nil {
					t.Errorf("no mention %q in %q", s, texts(ms))
				}
			}
			for _, s := range c.notWant {
				if find(ms, s) != nil {
					t.Errorf("unexpected mention %q in %q", s, texts(ms))
				}
			}
		})
	}
}

func TestOddCaseAndGluedCapital(t *testing.T) {
	for w, want := range map[string]bool{"IgFUBDeyK8": true, "Sanders2020": true, "F-16": false, "G7": false, "McDonald": false} {
		if got := oddCase(w); got != want {
			t.Errorf("oddCase(%q) = %v", w, got)
		}
	}
	for w, want := range map[string]bool{"ReidThe": true, "MurkowskiHillicon": true, "McDonald": false, "MacKenzie": false, "DeSantis": false} {
		if got := gluedCapital(w); got != want {
			t.Errorf("gluedCapital(%q) = %v", w, got)
		}
	}
}
