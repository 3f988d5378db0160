package alias

import (
	"slices"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

func TestParseName(t *testing.T) {
	gaz := defaultGazetteer(t)
	cases := []struct {
		key    string
		hyph   bool
		want   nameParts
		titled bool
	}{
		{"secretary of state mike pompeo", false, nameParts{titles: 3, given: "mike", surname: "pompeo"}, true},
		{"michael r pompeo", false, nameParts{given: "michael", middle: "r", mids: "r", surname: "pompeo"}, false},
		{"george h w bush", false, nameParts{given: "george", middle: "hw", mids: "h w", surname: "bush"}, false},
		{"sheikh hamad bin khalifa", false, nameParts{titles: 1, given: "hamad", surname: "khalifa"}, true},
		{"hajj ahmad al rashidi", false, nameParts{titles: 1, given: "ahmad", surname: "rashidi"}, true},
		{"sardar qasem soleimani", false, nameParts{titles: 1, given: "qasem", surname: "soleimani"}, true},
		{"sayyed hassan nasrallah", false, nameParts{titles: 1, given: "hassan", surname: "nasrallah"}, true},
		{"martin luther king jr", false, nameParts{given: "martin", middle: "l", mids: "luther", surname: "king", suffix: "jr"}, false},
		{"ana garcia lozano", true, nameParts{given: "ana", surname: "lozano", first: "garcia"}, false},
		{"ursula von der leyen", false, nameParts{given: "ursula", surname: "leyen"}, false},
		{"senator warren", false, nameParts{titles: 1, surname: "warren"}, true},
		{"pompeo", false, nameParts{surname: "pompeo"}, false},
	}
	for _, c := range cases {
		got := parseName(c.key, c.hyph, gaz)
		if got != c.want {
			t.Errorf("parseName(%q) = %+v, want %+v", c.key, got, c.want)
		}
		if (got.titles > 0) != c.titled {
			t.Errorf("parseName(%q) titled = %v", c.key, got.titles > 0)
		}
	}
}

func TestHyphenatedSurname(t *testing.T) {
	for s, want := range map[string]bool{
		"Ana García-Lozano": true, "Jean-Marc Ayrault": false, "Bashar al-Assad": false,
		"Ibrahim Abu-Khalil": false, "Lozano": false, "Mary Smith-": false,
	} {
		if got := hyphenatedSurname(s); got != want {
			t.Errorf("hyphenatedSurname(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestNameVariants: must-merge and must-not-merge pairs of people's names,
// each in a small project of its own.
func TestNameVariants(t *testing.T) {
	gaz := defaultGazetteer(t)
	cases := []struct {
		name   string
		ms     []entity.Mention
		a, b   string
		merge  bool
		reason string
	}{
		{"title split off", []entity.Mention{m("1", "Defense Secretary Lloyd Pennock", X, ""), m("2", "Lloyd Pennock", P, "given-name")},
			"Defense Secretary Lloyd Pennock", "Lloyd Pennock", true, ReasonTitle},
		{"honorific split off", []entity.Mention{m("1", "Sayyed Tamim Winterbourne", X, ""), m("2", "Tamim Winterbourne", P, "")},
			"Sayyed Tamim Winterbourne", "Tamim Winterbourne", true, ReasonTitle},
		{"middle initial", []entity.Mention{m("1", "Dorothy K. Vance", P, ""), m("2", "Dorothy Vance", P, "")},
			"Dorothy K. Vance", "Dorothy Vance", true, ReasonInitial},
		{"middle name and its initial", []entity.Mention{m("1", "Dorothy Kay Vance", P, ""), m("2", "Dorothy K. Vance", P, "")},
			"Dorothy Kay Vance", "Dorothy K. Vance", true, ReasonInitial},
		{"nickname", []entity.Mention{m("1", "Bob Haldane", P, ""), m("2", "Robert Haldane", P, "")},
			"Bob Haldane", "Robert Haldane", true, ReasonNickname},
		{"nickname and initial", []entity.Mention{m("1", "Kate Ormsby", P, ""), m("2", "Katherine J. Ormsby", P, "")},
			"Kate Ormsby", "Katherine J. Ormsby", true, ReasonNickname},
		{"double surname and its first half", []entity.Mention{m("1", "Lucía Ferrer-Blanco", P, ""), m("2", "Lucía Ferrer", P, "")},
			"Lucía Ferrer-Blanco", "Lucía Ferrer", true, ReasonDoubleSurname},
		{"two middle initials: two people", []entity.Mention{m("1", "Harold J. Winslow", P, ""), m("2", "Harold T. Winslow", P, "")},
			"Harold J. Winslow", "Harold T. Winslow", false, ""},
		{"father and son", []entity.Mention{m("1", "Curtis Mabry Jr.", P, ""), m("2", "Curtis Mabry", P, "")},
			"Curtis Mabry Jr.", "Curtis Mabry", false, ""},
		{"different given names", []entity.Mention{m("1", "Robert Haldane", P, ""), m("2", "Richard Haldane", P, "")},
			"Robert Haldane", "Richard Haldane", false, ""},
		{"two double surnames with one half", []entity.Mention{m("1", "Lucía Ferrer-Blanco", P, ""), m("2", "Lucía Pardo-Blanco", P, "")},
			"Lucía Ferrer-Blanco", "Lucía Pardo-Blanco", false, ""},
		{"two women of one surname", []entity.Mention{m("1", "Christina Vance", P, ""), m("2", "Katherine Vance", P, "")},
			"Christina Vance", "Katherine Vance", false, ""},
		{"no given name: a headline word", []entity.Mention{m("1", "Credible Pennock", X, ""), m("2", "Lloyd Pennock", P, "")},
			"Credible Pennock", "Lloyd Pennock", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Group(c.ms, gaz, nil)
			if got := together(res, c.a, c.b); got != c.merge {
				t.Fatalf("together(%q, %q) = %v, want %v", c.a, c.b, got, c.merge)
			}
			if c.reason != "" && reasonFor(res, c.b) != c.reason && reasonFor(res, c.a) != c.reason {
				t.Errorf("reason %q/%q, want %q", reasonFor(res, c.a), reasonFor(res, c.b), c.reason)
			}
		})
	}
}

// TestTitledNameShownWithoutTitle: the entity is named by the plain name.
func TestTitledNameShownWithoutTitle(t *testing.T) {
	ms := []entity.Mention{
		m("1", "Secretary of State Lloyd Pennock", X, ""), m("2", "Secretary of State Lloyd Pennock", X, ""),
		m("3", "Lloyd Pennock", P, ""), m("3", "Pennock", P, ""), m("3", "Secretary Pennock", P, "title:Secretary"),
	}
	res := Group(ms, defaultGazetteer(t), nil)
	e := res.EntityOf("Pennock")
	if e == nil || e.Name != "Lloyd Pennock" || len(e.Mentions) != 5 {
		t.Fatalf("entity of Pennock = %+v, want Lloyd Pennock with 5 mentions", e)
	}
	if want := []string{"Secretary", "Secretary of State"}; !slices.Equal(e.Titles, want) {
		t.Errorf("Titles = %q, want %q kept as descriptors", e.Titles, want)
	}
}

// TestVariantsOfOnePersonMakeOneShortForm: a surname whose full names are
// variants of one person is that person's, not ambiguous.
func TestVariantsOfOnePersonMakeOneShortForm(t *testing.T) {
	ms := []entity.Mention{
		m("1", "Michael Pennock", P, ""), m("1", "Pennock", P, "verb"),
		m("2", "Mike Pennock", P, ""), m("2", "Pennock", P, "verb"),
		m("3", "Michael T. Pennock", P, ""), m("3", "Pennock", P, "verb"),
	}
	res := Group(ms, defaultGazetteer(t), nil)
	for _, f := range []string{"Mike Pennock", "Michael T. Pennock", "Pennock"} {
		if !together(res, "Michael Pennock", f) {
			t.Errorf("%q apart from Michael Pennock", f)
		}
	}
}

// TestSharedSurnameIsAmbiguous: two brothers named alike in the coverage;
// the bare surname joins neither and is attached per document only where
// one of them is named.
func TestSharedSurnameIsAmbiguous(t *testing.T) {
	ms := []entity.Mention{
		m("a", "Karim Haddadi", P, ""), m("a", "Haddadi", P, "verb"),
		m("b", "Omid Haddadi", P, ""), m("b", "Haddadi", P, "verb"),
		m("c", "Karim Haddadi", P, ""), m("c", "Omid Haddadi", P, ""), m("c", "Haddadi", P, "verb"),
		m("d", "Karim Haddadi", P, ""),
	}
	res := Group(ms, defaultGazetteer(t), nil)
	if together(res, "Haddadi", "Karim Haddadi") || together(res, "Haddadi", "Omid Haddadi") {
		t.Fatal("a surname two people share was merged into one of them")
	}
	e := res.EntityOf("Haddadi")
	if len(e.Ambiguous) != 2 {
		t.Fatalf("Ambiguous = %v, want both brothers", e.Ambiguous)
	}
	karim, omid := res.EntityOf("Karim Haddadi").ID, res.EntityOf("Omid Haddadi").ID
	want := []Attachment{{"a", karim}, {"b", omid}}
	if len(e.Attached) != len(want) || e.Attached[0] != want[0] || e.Attached[1] != want[1] {
		t.Errorf("Attached = %v, want %v (document c names both)", e.Attached, want)
	}
	if len(e.Mentions) != 1 || e.Mentions[0].Doc != "c" {
		t.Errorf("ambiguous mentions = %v, want only document c's", e.Mentions)
	}
}

// TestSharedSurnameAttached: a bare surname joins the one person its
// document names; in a document naming both or neither it stays ambiguous.
// Mentions, documents, forms and merge reasons follow, grouped in place or
// copied.
func TestSharedSurnameAttached(t *testing.T) {
	build := func() []entity.Mention {
		return []entity.Mention{
			m("only-hillary", "Hillary Clinton", P, ""), m("only-hillary", "Clinton", P, "verb"), m("only-hillary", "Clinton", P, "verb"),
			m("only-bill", "Bill Clinton", P, ""), m("only-bill", "Clinton", P, "verb"),
			m("both", "Hillary Clinton", P, ""), m("both", "Bill Clinton", P, ""), m("both", "Clinton", P, "verb"),
			m("neither", "Clinton", P, "verb"),
			m("more", "Hillary Clinton", P, ""), m("more", "Bill Clinton", P, ""),
		}
	}
	gaz := defaultGazetteer(t)
	for _, inPlace := range []bool{false, true} {
		res := group(build(), gaz, nil, inPlace)
		hillary, bill := res.EntityOf("Hillary Clinton"), res.EntityOf("Bill Clinton")
		if hillary == nil || bill == nil || hillary == bill {
			t.Fatalf("inPlace=%v: Hillary %v, Bill %v, want two people", inPlace, hillary, bill)
		}
		amb := res.EntityOf("Clinton")
		if amb == nil || amb == hillary || amb == bill {
			t.Fatalf("inPlace=%v: the shared surname is %v, want its own entity", inPlace, amb)
		}
		docsOf := func(e *Entity, form string) []string {
			var d []string
			for _, mn := range e.Mentions {
				if mn.Text == form {
					d = append(d, mn.Doc)
				}
			}
			return d
		}
		cases := []struct {
			e    *Entity
			want []string
		}{
			{hillary, []string{"only-hillary", "only-hillary"}},
			{bill, []string{"only-bill"}},
			{amb, []string{"both", "neither"}},
		}
		for _, c := range cases {
			if got := docsOf(c.e, "Clinton"); !slices.Equal(got, c.want) {
				t.Errorf("inPlace=%v: %s holds Clinton in %v, want %v", inPlace, c.e.Name, got, c.want)
			}
		}
		if len(hillary.Mentions) != 5 || len(bill.Mentions) != 4 || len(amb.Mentions) != 2 {
			t.Errorf("inPlace=%v: mentions %d/%d/%d, want 5/4/2", inPlace, len(hillary.Mentions), len(bill.Mentions), len(amb.Mentions))
		}
		if !slices.Equal(amb.Documents, []string{"both", "neither"}) {
			t.Errorf("inPlace=%v: ambiguous documents %v", inPlace, amb.Documents)
		}
		if want := []Form{{"Hillary Clinton", 3}, {"Clinton", 2}}; !slices.Equal(hillary.Forms, want) {
			t.Errorf("inPlace=%v: Hillary's forms %v, want %v", inPlace, hillary.Forms, want)
		}
		found := false
		for _, mg := range bill.Merges {
			if mg.Form == "Clinton" && mg.Reason == ReasonSurnameInDoc && mg.Confidence == AttachConfidence {
				found = true
			}
		}
		if !found {
			t.Errorf("inPlace=%v: Bill's merges %v lack the attachment's reason", inPlace, bill.Merges)
		}
		want := []Attachment{{"only-bill", bill.ID}, {"only-hillary", hillary.ID}}
		if !slices.Equal(amb.Attached, want) {
			t.Errorf("inPlace=%v: Attached = %v, want %v", inPlace, amb.Attached, want)
		}
		if got, want := amb.Ambiguous, []string{bill.ID, hillary.ID}; !slices.Equal(got, want) {
			t.Errorf("inPlace=%v: Ambiguous = %v, want %v", inPlace, got, want)
		}
		if inPlace {
			total := 0
			for _, e := range res.Entities {
				total += len(e.Mentions)
			}
			if total != 11 {
				t.Errorf("in place: %d mentions across entities, want 11", total)
			}
		}
	}
}

// TestSharedSurnameAllAttached: when every mention of the shared surname
// is in a document naming one of the people, no ambiguous entity is left.
func TestSharedSurnameAllAttached(t *testing.T) {
	ms := []entity.Mention{
		m("a", "Karim Haddadi", P, ""), m("a", "Haddadi", P, "verb"),
		m("b", "Omid Haddadi", P, ""), m("b", "Haddadi", P, "verb"),
		m("c", "Karim Haddadi", P, ""), m("c", "Omid Haddadi", P, ""),
	}
	res := GroupInPlace(ms, defaultGazetteer(t), nil)
	if len(res.Entities) != 2 {
		t.Fatalf("%d entities, want the two brothers only: %v", len(res.Entities), res.Entities)
	}
	for _, e := range res.Entities {
		if len(e.Mentions) != 3 || len(e.Ambiguous) != 0 {
			t.Errorf("%s: %d mentions, ambiguous %v; want 3 and none", e.Name, len(e.Mentions), e.Ambiguous)
		}
	}
	if e := res.EntityOf("Haddadi"); e != nil {
		t.Errorf("Haddadi still found as %s", e.Name)
	}
}

// TestSurnameOnceInCapitals: a surname a headline once wrote in capitals
// is still a surname, not an acronym.
func TestSurnameOnceInCapitals(t *testing.T) {
	ms := []entity.Mention{
		m("1", "Marek Halvorsen", P, "given-name:Marek"), m("1", "Halvorsen", P, "verb:said"),
		m("2", "Halvorsen", P, "verb:said"), m("2", "Marek Halvorsen", P, ""),
		m("3", "HALVORSEN", O, "acronym"),
	}
	res := Group(ms, defaultGazetteer(t), nil)
	if !together(res, "HALVORSEN", "Marek Halvorsen") {
		t.Error("a surname once in capitals was kept apart as an acronym")
	}
}
