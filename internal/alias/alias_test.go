package alias

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

const (
	P = entity.Person
	O = entity.Organisation
	L = entity.Place
	X = entity.Other
)

// m builds a mention as the extractor would.
func m(doc, text string, kind entity.Kind, evidence string) entity.Mention {
	return entity.Mention{Doc: doc, Text: text, Key: entity.Key(text), Kind: kind, Evidence: evidence,
		IsAcronym: strings.ToUpper(text) == text && !strings.Contains(text, " ")}
}

func together(res *Result, a, b string) bool {
	x, y := res.EntityOf(a), res.EntityOf(b)
	return x != nil && x == y
}

func reasonFor(res *Result, form string) string {
	e := res.EntityOf(form)
	if e == nil {
		return ""
	}
	for _, mg := range e.Merges {
		if mg.Form == form || mg.Into == form {
			return mg.Reason
		}
	}
	return ""
}

func TestRules(t *testing.T) {
	gaz := defaultGazetteer(t)
	cases := []struct {
		name   string
		ms     []entity.Mention
		useGaz bool
		a, b   string
		merge  bool
		reason string
	}{
		{"same folded key", []entity.Mention{m("1", "Al-QAIM", X, ""), m("2", "al Qaim", X, "")}, false, "Al-QAIM", "al Qaim", true, ReasonSameKey},
		{"skeleton Dayr/Deir", []entity.Mention{m("1", "Dayr al-Zawr", L, "head:province"), m("2", "Deir ez-Zor", L, "")}, false, "Dayr al-Zawr", "Deir ez-Zor", true, ReasonSkeleton},
		{"skeleton without article", []entity.Mention{m("1", "Dayr-Zawr", X, ""), m("1", "Dayr al-Zawr", L, "")}, false, "Dayr-Zawr", "Dayr al-Zawr", true, ReasonSkeleton},
		{"skeleton apostrophe", []entity.Mention{m("1", "al-Qaim", X, ""), m("2", "al-Qa'im", X, "")}, false, "al-Qaim", "al-Qa'im", true, ReasonSkeleton},
		{"skeleton: English names stay apart", []entity.Mention{m("1", "Khan", P, ""), m("2", "Kaine", P, "")}, false, "Khan", "Kaine", false, ""},
		{"skeleton: Al Gore is not an article", []entity.Mention{m("1", "Al Gore", P, ""), m("2", "Grey", P, "")}, false, "Al Gore", "Grey", false, ""},
		{"skeleton: different places", []entity.Mention{m("1", "al-Turki", P, ""), m("2", "Turkey", L, "")}, false, "al-Turki", "Turkey", false, ""},
		{"spelling variant", []entity.Mention{m("1", "Popular Mobilisation Committees", O, ""), m("2", "Popular Mobilization Committees", O, "")}, false,
			"Popular Mobilisation Committees", "Popular Mobilization Committees", true, ReasonSpelling},
		{"spelling: -our", []entity.Mention{m("1", "Labour Council", O, ""), m("2", "Labor Council", O, "")}, false, "Labour Council", "Labor Council", true, ReasonSpelling},
		{"acronym defined in text", []entity.Mention{
			{Doc: "1", Text: "NRF", Key: "nrf", Kind: O, IsAcronym: true, Expansion: "National Reform Front"},
			m("1", "National Reform Front", O, "")}, false, "NRF", "National Reform Front", true, ReasonDefined},
		{"acronym initials in one document", []entity.Mention{m("1", "NRA", O, "acronym"), m("1", "National Rifle Association", O, "")}, false,
			"NRA", "National Rifle Association", true, ReasonInitials},
		{"acronym initials: a person is no expansion", []entity.Mention{m("1", "CDC", O, "acronym"), m("1", "Chris Dodd Carter", P, "")}, false,
			"CDC", "Chris Dodd Carter", false, ""},
		{"acronym initials: two letters stay apart", []entity.Mention{m("1", "IS", O, "acronym"), m("1", "Iraqi Senate", O, "")}, false,
			"IS", "Iraqi Senate", false, ""},
		{"gazetteer alias", []entity.Mention{m("1", "PMF", O, ""), m("2", "Hashd al-Shaabi", O, ""), m("3", "Popular Mobilisation Forces", O, "")}, true,
			"PMF", "Hashd al-Shaabi", true, ReasonGazetteer},
		{"gazetteer: Daesh is ISIS", []entity.Mention{m("1", "Daesh", O, ""), m("2", "ISIS", O, "")}, true, "Daesh", "ISIS", true, ReasonGazetteer},
		{"gazetteer: Iran and Iraq stay apart", []entity.Mention{m("1", "Iran", L, ""), m("1", "Iraq", L, "")}, true, "Iran", "Iraq", false, ""},
		{"gazetteer: Austria and Australia stay apart", []entity.Mention{m("1", "Austria", L, ""), m("1", "Australia", L, "")}, true, "Austria", "Australia", false, ""},
		{"short form", []entity.Mention{m("1", "Qassem Soleimani", P, "title:General"), m("1", "Soleimani", X, "")}, false,
			"Soleimani", "Qassem Soleimani", true, ReasonShortForm},
		{"short form with a typo", []entity.Mention{m("1", "Abu Mehdi al-Muhandis", P, ""), m("1", "al-Muhamdis", P, "context:commander")}, false,
			"al-Muhamdis", "Abu Mehdi al-Muhandis", true, ReasonShortForm},
		{"short form: ambiguous surname", []entity.Mention{m("1", "Laura Bush", P, ""), m("1", "George Bush", P, ""), m("1", "Bush", X, "")}, false,
			"Bush", "Laura Bush", false, ""},
		{"short form: not across unrelated documents", []entity.Mention{m("1", "Angela Davis", P, ""), m("2", "Davis", X, ""), m("3", "Davis", X, "")}, false,
			"Davis", "Angela Davis", false, ""},
		{"short form: a place is no surname", []entity.Mention{m("1", "George Washington", P, ""), m("1", "Washington", L, "")}, false,
			"Washington", "George Washington", false, ""},
		{"short form: Hezbollah is not Kata'ib Hezbollah", []entity.Mention{m("1", "Kata'ib Hezbollah", O, ""), m("1", "Hezbollah", O, "")}, false,
			"Hezbollah", "Kata'ib Hezbollah", false, ""},
		{"edit distance", []entity.Mention{m("1", "Volodymyr Zelensky", P, ""), m("2", "Volodymyr Zelenskiy", P, "")}, false,
			"Volodymyr Zelensky", "Volodymyr Zelenskiy", true, ReasonEdit},
		{"edit distance: Abu Mehdi al-Muhandis vs Adel Abdul Mehdi", []entity.Mention{m("1", "Abu Mehdi al-Muhandis", P, ""), m("1", "Adel Abdul Mehdi", P, "")}, false,
			"Abu Mehdi al-Muhandis", "Adel Abdul Mehdi", false, ""},
		{"edit distance: short names", []entity.Mention{m("1", "Bob Carey", P, ""), m("1", "Bob Casey", P, "")}, false, "Bob Carey", "Bob Casey", false, ""},
		{"edit distance: inflections", []entity.Mention{m("1", "Alaska", L, ""), m("1", "Alaskan", L, "")}, false, "Alaska", "Alaskan", false, ""},
		{"edit distance: initials", []entity.Mention{m("1", "George H", P, ""), m("1", "George W", P, "")}, false, "George H", "George W", false, ""},
		{"edit distance: unknown words", []entity.Mention{m("1", "Resolution", X, ""), m("2", "Revolution", X, "")}, false, "Resolution", "Revolution", false, ""},
		{"edit distance: kinds differ", []entity.Mention{m("1", "Jordan Peterson", P, ""), m("1", "Jordan Petersen", L, "")}, false,
			"Jordan Peterson", "Jordan Petersen", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var g *entity.Gazetteer
			if c.useGaz {
				g = gaz
			}
			res := Group(c.ms, g, nil)
			if got := together(res, c.a, c.b); got != c.merge {
				t.Fatalf("%q + %q together = %v, want %v", c.a, c.b, got, c.merge)
			}
			if c.merge && c.reason != "" {
				e := res.EntityOf(c.a)
				found := false
				for _, mg := range e.Merges {
					found = found || mg.Reason == c.reason
				}
				if !found {
					t.Errorf("no merge with reason %q: %+v", c.reason, e.Merges)
				}
			}
		})
	}
}

func TestSuggestionsAndDecisions(t *testing.T) {
	ms := []entity.Mention{
		m("1", "Hadi Amiri", P, ""), m("2", "Hadi Ameri", P, ""), m("1", "Badr Brigade", O, ""),
		m("3", "Abu Mehdi al-Muhandis", P, ""), m("3", "Adel Abdul Mehdi", P, ""),
	}
	res := Group(ms, nil, nil)
	if together(res, "Hadi Amiri", "Hadi Ameri") {
		t.Fatal("a one-letter change in a short word was applied, not suggested")
	}
	var sug *Suggestion
	for i, s := range res.Suggestions {
		if s.FormA+s.FormB == "Hadi AmeriHadi Amiri" || s.FormA+s.FormB == "Hadi AmiriHadi Ameri" {
			sug = &res.Suggestions[i]
		}
	}
	if sug == nil {
		t.Fatalf("no suggestion: %+v", res.Suggestions)
	}
	dir := t.TempDir()
	dec, err := LoadDecisions(dir)
	if err != nil || len(dec.Merges) != 0 {
		t.Fatalf("empty decisions: %v", err)
	}
	dec.Accept(*sug)
	dec.Merge("Abu Mehdi al-Muhandis", "Badr Brigade") // a manual merge, wrong on purpose
	dec.RenameEntity("Hadi Amiri", "Hadi al-Amiri")
	if err := dec.Save(dir); err != nil {
		t.Fatal(err)
	}
	dec2, err := LoadDecisions(dir)
	if err != nil {
		t.Fatal(err)
	}
	res = Group(ms, nil, dec2)
	if !together(res, "Hadi Amiri", "Hadi Ameri") {
		t.Error("accepted suggestion not applied")
	}
	if e := res.EntityOf("Hadi Ameri"); e == nil || e.Name != "Hadi al-Amiri" {
		t.Errorf("rename: %+v", e)
	}
	if !together(res, "Abu Mehdi al-Muhandis", "Badr Brigade") || reasonFor(res, "Badr Brigade") != ReasonAnalyst {
		t.Error("manual merge not applied with its reason")
	}
	for _, s := range res.Suggestions {
		if s.ID == sug.ID {
			t.Error("accepted suggestion still suggested")
		}
	}
	// a rejection and a split win over automatic merges
	ms2 := []entity.Mention{m("1", "Qassem Soleimani", P, ""), m("1", "Soleimani", X, ""), m("2", "al-Qaim", X, ""), m("2", "al-Qa'im", X, "")}
	dec3 := &Decisions{Version: 1}
	dec3.Reject(Suggestion{FormA: "Soleimani", FormB: "Qassem Soleimani"})
	dec3.SplitForm("al-Qa'im")
	res = Group(ms2, nil, dec3)
	if together(res, "Soleimani", "Qassem Soleimani") {
		t.Error("rejected pair merged")
	}
	if together(res, "al-Qaim", "al-Qa'im") {
		t.Error("split form merged")
	}
}

func TestDecisionsFileErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".parallax", "aliases.json")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte("{not json"), 0o644)
	if _, err := LoadDecisions(dir); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("corrupt file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "{not json" {
		t.Error("corrupt file was changed")
	}
	os.WriteFile(p, []byte(`{"version": 99}`), 0o644)
	if _, err := LoadDecisions(dir); err == nil || !strings.Contains(err.Error(), "version") {
		t.Errorf("future version: %v", err)
	}
}

func TestEntityJSON(t *testing.T) {
	res := Group([]entity.Mention{m("a.txt", "Qassem Soleimani", P, ""), m("a.txt", "Soleimani", X, "")}, nil, nil)
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Entities []map[string]any `json:"entities"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	e := out.Entities[0]
	for _, k := range []string{"id", "name", "kind", "mentions", "documents", "forms", "merges"} {
		if _, ok := e[k]; !ok {
			t.Errorf("missing %q in %s", k, b)
		}
	}
	if e["mentions"].(float64) != 2 || e["kind"] != "person" || e["id"] != "e-qassem-soleimani" {
		t.Errorf("entity json: %s", b)
	}
}

func TestSkeleton(t *testing.T) {
	same := [][2]string{{"dayr al zawr", "deir ez zor"}, {"al qaim", "al qa'im"}, {"dayr zawr", "deir ez zor"}}
	for _, p := range same {
		if Skeleton(p[0]) != Skeleton(p[1]) {
			t.Errorf("%q %q: %q vs %q", p[0], p[1], Skeleton(p[0]), Skeleton(p[1]))
		}
	}
	for _, p := range [][2]string{{"iran", "iraq"}, {"austria", "australia"}} {
		if Skeleton(p[0]) == Skeleton(p[1]) {
			t.Errorf("%q %q share %q", p[0], p[1], Skeleton(p[0]))
		}
	}
}

// A capital named in the documents that name its country is suggested as a
// name for it (never merged on its own); accepted, it joins the country,
// which keeps its name. A capital in other documents only is no suggestion.
func TestCapitalSuggestedForItsCountry(t *testing.T) {
	gaz, err := entity.LoadGazetteer(fstest.MapFS{
		"places.tsv":   {Data: []byte("place\tMarvania\t\tMarvanian\nplace\tTessaly\t\t\n")},
		"cities.tsv":   {Data: []byte("place\tOrsk City\tOrsk\t\nplace\tVel\t\t\n")},
		"capitals.tsv": {Data: []byte("Orsk City\tMarvania\nVel\tTessaly\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ms := []entity.Mention{
		m("1", "Marvania", L, ""), m("1", "Orsk", L, ""), m("2", "Orsk", L, ""),
		m("2", "Tessaly", L, ""), m("3", "Vel", L, ""),
	}
	res := Group(ms, gaz, nil)
	if together(res, "Orsk", "Marvania") {
		t.Fatal("a capital was merged into its country without the analyst")
	}
	var sug *Suggestion
	for i, s := range res.Suggestions {
		switch {
		case s.Reason == ReasonCapital && s.FormA+"|"+s.FormB == "Marvania|Orsk" && s.AName == "Marvania":
			sug = &res.Suggestions[i] // the country first
		case s.Reason == ReasonCapital:
			t.Errorf("unexpected suggestion %+v (Vel and Tessaly share no document)", s)
		}
	}
	if sug == nil {
		t.Fatalf("no capital suggestion: %+v", res.Suggestions)
	}
	dec := &Decisions{Version: 1}
	dec.Accept(*sug)
	res = Group(ms, gaz, dec)
	e := res.EntityOf("Orsk")
	if e == nil || e != res.EntityOf("Marvania") || e.Name != "Marvania" || len(e.Mentions) != 3 {
		t.Fatalf("after accepting: %+v", e)
	}
	if reasonFor(res, "Orsk") != ReasonAnalyst {
		t.Errorf("merge reason %q, want the analyst's", reasonFor(res, "Orsk"))
	}
}

// An entity written only with look-alike letters ("Coalitiοn" with a Greek
// omicron, as in a disguised copy) is named in plain Latin letters; its
// form keeps the letters as written.
func TestDisguisedNameShownPlain(t *testing.T) {
	res := Group([]entity.Mention{m("1", "Coalitiοn", X, ""), m("1", "Coalitiοn", X, "")}, nil, nil)
	e := res.EntityOf("Coalitiοn")
	if e == nil || e.Name != "Coalition" {
		t.Fatalf("entity %+v", e)
	}
	if len(e.Forms) != 1 || e.Forms[0].Text != "Coalitiοn" {
		t.Errorf("forms %+v", e.Forms)
	}
}
