package framing

import (
	"sort"
	"strings"
	"testing"
)

func TestDescriptors(t *testing.T) {
	tests := []struct {
		name, text string
		ents       []ent
		id         string
		want       []string // sorted "relation:key"
	}{
		{"apposition", "Hezbollah, a Lebanese Shi'ite movement, said it would respond.",
			[]ent{{"hez", "org", []string{"Hezbollah"}}}, "hez",
			[]string{"apposition:lebanese shi'ite movement"}},
		{"apposition with a relative clause", "He met Jane Roe, a veteran negotiator who knows the region.",
			[]ent{{"roe", "person", []string{"Jane Roe"}}}, "roe",
			[]string{"apposition:veteran negotiator"}},
		{"a clause is no apposition", "Asked about the PMF, a coalition spokesman said nothing.",
			[]ent{{"pmf", "org", []string{"PMF"}}}, "pmf", nil},
		{"list is no apposition", "Talks with Iran, Russia and Turkey went on.",
			[]ent{{"iran", "place", []string{"Iran"}}}, "iran", nil},
		{"-backed premodifier and group head", "Fighters of the Iran-backed Kataib Hezbollah group moved in.",
			[]ent{{"kh", "org", []string{"Kataib Hezbollah"}}}, "kh",
			[]string{"head:group", "premodifier:iran-backed"}},
		{"title chain", "The strike killed senior Hamas official Saleh Arouri in Beirut.",
			[]ent{{"arouri", "person", []string{"Saleh Arouri"}}}, "arouri",
			[]string{"premodifier:senior hamas official"}},
		{"so-called", "Officials said the so-called Islamic State was weakened.",
			[]ent{{"is", "org", []string{"Islamic State"}}}, "is",
			[]string{"premodifier:so-called"}},
		{"a verb before a name is no descriptor", "Rebels warily eye Damascus from the hills.",
			[]ent{{"dam", "place", []string{"Damascus"}}}, "dam", nil},
		{"words before a modified noun describe the noun", "The biggest U.S. military bases are nearby.",
			[]ent{{"us", "place", []string{"U.S."}}}, "us", nil},
		{"lower-case common words are not descriptors", "Every time Hamas fighters moved, drones followed.",
			[]ent{{"hamas", "org", []string{"Hamas"}}}, "hamas", []string{"head:fighters"}},
		{"a verb is no premodifier of a modifying name", "They want to prevent Daesh fighters from crossing.",
			[]ent{{"is", "org", []string{"Daesh"}}}, "is", []string{"head:fighters"}},
		{"an introductory phrase has no apposition", "In Syria, the coalition supports Kurdish-led forces who hold the east.",
			[]ent{{"syria", "place", []string{"Syria"}}}, "syria", nil},
		{"a loaded verb after to is no premodifier", "The move reveals a desire to occupy Iraq and stay.",
			[]ent{{"iraq", "place", []string{"Iraq"}}}, "iraq", nil},
		{"an adjective after a verb still describes", "They want a sovereign Iraq.",
			[]ent{{"iraq", "place", []string{"Iraq"}}}, "iraq", []string{"premodifier:sovereign"}},
		{"pre-apposition", "Thanks to the group's founder, Ali Hassan, the party grew.",
			[]ent{{"ali", "person", []string{"Ali Hassan"}}}, "ali",
			[]string{"pre-apposition:group's founder"}},
		{"time is no pre-apposition", "For many years, Iraq and Syria fought the group.",
			[]ent{{"iraq", "place", []string{"Iraq"}}}, "iraq", nil},
		{"of-phrase before the name", "They killed the deputy chief of the PMU Abu Mehdi al-Muhandis on Friday.",
			[]ent{{"pmu", "org", []string{"PMU"}}, {"amm", "person", []string{"Abu Mehdi al-Muhandis"}}}, "amm",
			[]string{"premodifier:deputy chief of the pmu"}},
		{"the of-phrase is not the complement's own", "He was the deputy chief of Iraq's PMU until 2020.",
			[]ent{{"pmu", "org", []string{"PMU"}}}, "pmu",
			[]string{"premodifier:iraq's"}},
		{"a first name is no descriptor", "Commanders trusted Qassem Soleimani and Soleimani trusted them.",
			[]ent{{"qs", "person", []string{"Soleimani"}}}, "qs", nil},
		{"designation tied to the group", "Hezbollah, a Lebanese militia, fired rockets. Iran-backed fighters crossed the border.",
			[]ent{{"hez", "org", []string{"Hezbollah"}}}, "hez",
			[]string{"apposition:lebanese militia", "designation:iran-backed fighters"}},
		{"a group listed beside the entity is another group", "Hezbollah, a Lebanese militia, fired. Kurdish fighters and Hezbollah moved; Iraqi fighters, Hezbollah and others left.",
			[]ent{{"hez", "org", []string{"Hezbollah"}}}, "hez",
			[]string{"apposition:lebanese militia"}},
		{"no designation without a group described so", "Hezbollah fired rockets. Iran-backed fighters crossed the border.",
			[]ent{{"hez", "org", []string{"Hezbollah"}}}, "hez", nil},
		{"no designation for people", "John Doe, a militia commander, spoke. Iran-backed fighters crossed the border.",
			[]ent{{"jd", "person", []string{"John Doe"}}}, "jd",
			[]string{"apposition:militia commander"}},
		// wordscan's one rule for stops: the stop of an initial or a title
		// does not end the sentence (it did in framing before).
		{"an initial's stop is no sentence end", "Trey Gowdy (R., S.C.), a respected former prosecutor, spoke.",
			[]ent{{"tg", "person", []string{"Trey Gowdy"}}}, "tg",
			[]string{"apposition:respected former prosecutor"}},
		{"a title glued to the name", "Obama picked Sen.Joe Biden for the ticket.",
			[]ent{{"jb", "person", []string{"Joe Biden"}}}, "jb",
			[]string{"premodifier:sen."}},
		{"a poll figure is no apposition", "Rubio came third behind Mr. Roe, 10.9 percent, in the poll.",
			[]ent{{"roe", "person", []string{"Roe"}}}, "roe", []string{"premodifier:mr."}},
		{"disguised text", "Hezbοllah, a Lebanese Shi'ite mοvement, said nο.", // Greek omicrons
			[]ent{{"hez", "org", []string{"Hezbοllah"}}}, "hez",
			[]string{"apposition:lebanese shi'ite movement"}},
	}
	lex := mustLexicon(t, "militia\tdelegitimising\noccupy\tdelegitimising\nsovereign\tvalorising\n")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := analyseText(t, tc.text, lex, tc.ents...)
			got := descKeys(d, tc.id)
			sort.Strings(got)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%q\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestDescriptorSpansAndCategories(t *testing.T) {
	text := "Qais al-Khazali, a powerful militia leader, spoke. Later Qais al-Khazali, a powerful militia leader, left."
	lex := mustLexicon(t, "militia\tdelegitimising\n")
	d := analyseText(t, text, lex, ent{"qk", "person", []string{"Qais al-Khazali"}})
	if len(d.Entities) != 1 || len(d.Entities[0].Descriptors) != 1 {
		t.Fatalf("entities = %+v", d.Entities)
	}
	ds := d.Entities[0].Descriptors[0]
	if ds.Count != 2 || len(ds.Spans) != 2 || ds.Text != "a powerful militia leader" {
		t.Errorf("descriptor = %+v", ds)
	}
	for _, sp := range ds.Spans {
		if text[sp.Start:sp.End] != "a powerful militia leader" {
			t.Errorf("span %v holds %q", sp, text[sp.Start:sp.End])
		}
	}
	if strings.Join(ds.Categories, ",") != "delegitimising" {
		t.Errorf("categories = %v", ds.Categories)
	}
	if e := d.Entities[0]; e.Mentions != 2 || len(e.Forms) != 1 || e.Forms[0] != (FormCount{"Qais al-Khazali", 2}) {
		t.Errorf("forms = %+v", e)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Popular Mobilisatiοn Fοrces": "Popular Mobilisation Forces", // Greek omicrons
		"ΟΝ  the\nline":               "ΟΝ the line",                 // an all-Greek word is no disguise
		"plain":                       "plain",
		"cοMMΑNDER":                   "coMMANDER", // Greek capital alpha
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
