package entity

import (
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func TestOutletNamed(t *testing.T) {
	x := extractor(t)
	text := "The minister told Coastal Wire the port would open, and Coastal Times agreed."
	d := &document.Document{Path: "o.txt", Text: text}
	d.Meta.Outlet.Value = "The Coastal Wire"
	ms := x.Extract(d, textnorm.Fold(text))
	if m := find(ms, "Coastal Wire"); m == nil || m.Kind != Organisation || m.Evidence != "outlet" {
		t.Errorf("the document's outlet: %+v", m)
	}
	// another name of the same shape is not the outlet
	if m := find(ms, "Coastal Times"); m == nil || m.Evidence == "outlet" {
		t.Errorf("another name: %+v", m)
	}
}

// TestGeneralRules covers the rules added after reading text the
// extractor was not written on: each with a case that must hold and one
// that must not. All sentences are made up.
func TestGeneralRules(t *testing.T) {
	x := extractor(t)
	long := "Officials from both coastal provinces met this week to settle the dispute over the"
	cases := []struct {
		name    string
		text    string
		want    map[string]string // surface → kind:evidence prefix
		notWant []string
	}{
		{"a title that no name follows names nobody",
			"Their orders come from the commander in Chief, the prime minister, and the Acting Deputy Attorney General agreed.",
			map[string]string{}, []string{"Chief", "commander in Chief", "Acting Deputy", "Attorney General", "Acting Deputy Attorney General"}},
		{"a title before a name still leads to the person",
			"Commander in Chief Arno Pelt said the talks would resume.",
			map[string]string{"Arno Pelt": "person"}, []string{"Chief"}},
		{"for joins an organisation name",
			"said a fellow at the Northbridge Institute for Maritime Studies in a note.",
			map[string]string{"Northbridge Institute for Maritime Studies": "organisation:head:Institute"}, []string{"Maritime Studies"}},
		{"on joins a council, not a day",
			"The Harbour Council on Fisheries met. The Harbour Commission on Tuesday agreed.",
			map[string]string{"Harbour Council on Fisheries": "organisation", "Harbour Commission": "organisation"},
			[]string{"Harbour Commission on Tuesday", "Fisheries"}},
		{"of the after a head word",
			"Officials at the Department of the Interior and the Bank of the Coast met.",
			map[string]string{"Department of the Interior": "organisation", "Bank of the Coast": "organisation"}, []string{"Interior", "Coast"}},
		{"of the after a plain word",
			"Many of the Senators stayed home.",
			nil, []string{"Many of the Senators"}},
		{"a possessive organisation is no country",
			"In the end Harbor Trust's president resigned.",
			map[string]string{"Harbor Trust": "other"}, nil},
		{"a place word opening a longer name",
			"Aides in the West Wing and fans of the Boston Harriers were told.",
			map[string]string{"West Wing": "", "Boston Harriers": ""}, []string{"Wing", "Harriers"}},
		{"a place word before a name of its own",
			"Voters in Nevada Kessler would not win. Kessler said so.",
			map[string]string{"Nevada": "place"}, []string{"Nevada Kessler"}},
		{"a connector after a title is no person",
			"said the Director of National Intelligence on Monday.",
			nil, []string{"of National Intelligence:person", "National Intelligence:person"}},
		{"a wrapped line goes on with its name",
			long + " Lakeshore Valley\nWater Commission and its budget for the next three years.",
			map[string]string{"Lakeshore Valley\nWater Commission": "organisation:head:Commission"}, []string{"Water Commission", "Water"}},
		{"a short line is a real break",
			"Harbour Report\nWater Commission members met on Monday.",
			nil, []string{"Harbour Report\nWater Commission"}},
		{"upper-case dateline with country and date",
			"PORT ELLIS, Veldora, June 2, 2024 (Coastal Wire) - Officials said the port was shut.",
			map[string]string{"PORT ELLIS": "place:dateline"}, []string{"PORT", "ELLIS"}},
		{"upper-case dateline with a dash",
			"PORT ELLIS - Officials said the port was shut.",
			map[string]string{"PORT ELLIS": "place:dateline"}, nil},
		{"capitals inside a line are no dateline",
			"The report, titled NEW DAWN, said little.",
			nil, []string{"NEW DAWN"}},
		{"apposition with a role",
			"\"We will stay,\" said Lena Marsh, a nurse at the clinic.",
			map[string]string{"Lena Marsh": "person"}, nil},
		{"apposition with a role, no verb",
			"Among them was Oren Talby, a teacher from the north.",
			map[string]string{"Oren Talby": "person:apposition:teacher"}, nil},
		{"apposition with a place head word",
			"Trucks reached Brindle, a fishing village on the coast.",
			map[string]string{"Brindle": "place:apposition:village"}, nil},
		{"apposition without a role tells nothing",
			"Shares of Silver Maple, a company from the coast, fell.",
			map[string]string{"Silver Maple": "other"}, nil},
		{"a speech verb before a full name",
			"\"It is over,\" said Tomas Varenko after the vote.",
			map[string]string{"Tomas Varenko": "person:verb:said"}, nil},
		{"told is said to someone",
			"The minister told Coastal Wire the port would open.",
			map[string]string{"Coastal Wire": "other"}, nil},
		{"an adjective of a place in the text is no entity",
			"Troops entered Veldora overnight. Veldoran officials denied it.",
			map[string]string{"Veldora": ""}, []string{"Veldoran"}},
		{"the adjective inside a longer name stays",
			"Veldora closed its airspace. Veldoran Airlines cancelled flights.",
			map[string]string{"Veldoran Airlines": ""}, nil},
		{"a country's organs",
			"Reports say Veldora's defence ministry denied it, and that Kestrel-backed militias advanced.",
			map[string]string{"Veldora": "place:context:'s defence", "Kestrel": "place:context:-backed"}, nil},
		{"a possessive before a common noun tells nothing",
			"In the end Veldora's song won the contest.",
			map[string]string{"Veldora": "other"}, nil},
		{"upper-case head words do not count in lower case",
			"Kestrel forces advanced. Boats left the Kestrel bank of the river.",
			nil, nil},
		{"a surname standing alone with a speech verb",
			"Tomas Brandt chaired the meeting. Later, Brandt said the vote would wait.",
			map[string]string{"Tomas Brandt": "person:surname:Brandt"}, nil},
		{"a day standing alone is no surname",
			"Super Tuesday came. On Tuesday said voters little.",
			nil, []string{"Super Tuesday:person"}},
		{"two names joined by a hyphen",
			"Talks on the Veldora-Kestrel border stalled. Veldora and Kestrel blamed each other.",
			map[string]string{"Veldora": "", "Kestrel": ""}, []string{"Veldora-Kestrel"}},
		{"a hyphenated name stays whole",
			"Fighting reached Dayr-Zawr on Monday.",
			map[string]string{"Dayr-Zawr": ""}, []string{"Dayr", "Zawr"}},
		{"page furniture",
			"The court met. Hide Caption 3 of 10 Photos: The court met again. Read our Privacy Policy today.",
			nil, []string{"Hide Caption", "Photos", "Privacy Policy", "Hide", "Caption"}},
		{"a demonym of two words",
			"Talks with South Korean officials went on in South Korea.",
			map[string]string{"South Korea": "place:gazetteer"}, []string{"South Korean", "South", "Korean"}},
		{"a compass word before a name that is no demonym",
			"Rain fell on South Dorvik all week.",
			map[string]string{"South Dorvik": ""}, nil},
		{"a read-more link",
			"Advertisement Continue reading the main story. Crews left.",
			nil, []string{"Continue", "Continue Reading"}},
		{"a party and state tag is no name",
			"Senator Ann Holt (D-Ore.) said no. Representative Bo Lund (R-Texas) agreed.",
			map[string]string{"Ann Holt": "person", "Bo Lund": "person"}, []string{"D-Ore", "D", "R-Texas", "R", "Ore"}},
		{"a middle initial",
			"Harold T. Mercer spoke to the board.",
			map[string]string{"Harold T. Mercer": ""}, []string{"T", "Mercer"}},
		{"contractions are no names",
			"I'd say the port is safe. We're sure of it.",
			nil, []string{"I'd", "We're"}},
		{"a markdown heading starts a sentence",
			"# Water crisis deepens\n\nThe water ran out in the town.",
			nil, []string{"Water"}},
		{"the village of",
			"Aid reached the village of Brindle late.",
			map[string]string{"Brindle": "place:head:village of"}, nil},
		{"an acronym opening a longer name",
			"He told XBC News on Monday. XBC reported it first.",
			map[string]string{"XBC News": "organisation:head:News", "XBC": "organisation"}, []string{"News"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := extract(x, c.text)
			for surface, want := range c.want {
				m := find(ms, surface)
				if m == nil {
					t.Errorf("no mention %q in %q", surface, texts(ms))
					continue
				}
				if got := m.Kind.String() + ":" + m.Evidence; !strings.HasPrefix(got, want) {
					t.Errorf("%q: got %s, want %s", surface, got, want)
				}
				if c.text[m.Span.Start:m.Span.End] != m.Text {
					t.Errorf("%q: span %v does not hold the surface", surface, m.Span)
				}
			}
			for _, s := range c.notWant {
				surface, kind, _ := strings.Cut(s, ":")
				if m := find(ms, surface); m != nil && (kind == "" || m.Kind.String() == kind) {
					t.Errorf("unexpected mention %q (%s) in %q", surface, m.Kind, texts(ms))
				}
			}
			if c.name == "upper-case head words do not count in lower case" {
				for _, m := range ms {
					if m.Text == "Kestrel" && m.Kind == Organisation {
						t.Errorf("Kestrel told an organisation by %s", m.Evidence)
					}
				}
			}
		})
	}
}
