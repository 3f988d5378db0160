package entity

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return NewExtractor(g)
}

func extract(x *Extractor, text string) []Mention {
	d := &document.Document{Path: "t.txt", Text: text}
	return x.Extract(d, textnorm.Fold(text))
}

func find(ms []Mention, text string) *Mention {
	for i := range ms {
		if ms[i].Text == text {
			return &ms[i]
		}
	}
	return nil
}

func TestExtract(t *testing.T) {
	x := extractor(t)
	cases := []struct {
		name    string
		text    string
		want    map[string]string // surface → kind:evidence prefix
		notWant []string          // surfaces that must not be mentions
	}{
		{"title before a name", "Iraqi officials met Lieutenant General Karim Haddad in the capital.",
			map[string]string{"Karim Haddad": "person:title:Lieutenant General"}, []string{"Lieutenant General", "Iraqi"}},
		{"role word before a name", "The fighters were led by commander Salim Odeh near the border.",
			map[string]string{"Salim Odeh": "person:context:commander"}, nil},
		{"head word inside", "Rockets hit the Tawfiq Air Base on Monday.",
			map[string]string{"Tawfiq Air Base": "place:head:Air Base"}, []string{"Monday"}},
		{"head word after", "Strikes continued in Hamra province for days.",
			map[string]string{"Hamra": "place:head:province"}, nil},
		{"organisation head", "A statement by the Northern Resistance Brigades said otherwise.",
			map[string]string{"Resistance Brigades": "organisation:head:Brigades"}, nil},
		{"gazetteer", "Officials in Baghdad and Tehran spoke to the United Nations.",
			map[string]string{"Baghdad": "place:gazetteer", "Tehran": "place:gazetteer", "United Nations": "organisation:gazetteer"}, nil},
		{"connectors al- and Abu", "He met Abu Salem al-Rawi and Hadi bin Nasser at dawn.",
			map[string]string{"Abu Salem al-Rawi": "", "Hadi bin Nasser": ""}, nil},
		{"two names joined by hyphens", "the al-Hamra-al-Zuhur road was closed",
			map[string]string{"al-Hamra": "", "al-Zuhur": ""}, []string{"al-Hamra-al-Zuhur"}},
		{"acronym defined", "the National Reform Front (NRF) said the NRF would vote.",
			map[string]string{"National Reform Front": "organisation", "NRF": "organisation"}, nil},
		{"lower-case expansion", "the popular reform committees (PRC) held a rally.",
			map[string]string{"popular reform committees": "organisation:acronym-definition:prc"}, nil},
		{"lower-case gazetteer name", "they fought the islamic state in the north.",
			map[string]string{"islamic state": "organisation:gazetteer"}, nil},
		{"dotted acronym", "The U.S. envoy and the UN met.",
			map[string]string{"U.S.": "place:gazetteer", "UN": "organisation:gazetteer"}, []string{"The"}},
		{"capitals-only alias", "This is what IS fighters want, and it is said so.",
			map[string]string{"IS": "organisation:gazetteer"}, []string{"is"}},
		{"sentence-initial common words", "However, the talks failed. According to reports, Many left. Some stayed. Liberating towns took time.",
			nil, []string{"However", "According", "Many", "Some", "Liberating"}},
		{"headline capitals", "Business Groups See Loss of Sway Over Budget\n\nThe budget passed.",
			nil, []string{"Business Groups See Loss", "Sway Over Budget", "Business Groups", "Budget"}},
		{"months and days", "On Tuesday, March 3, the vote was held. In January it failed.",
			nil, []string{"Tuesday", "March", "January"}},
		{"shouting is no acronym", "China SLAMS Japan over trade.", map[string]string{"China": "place"}, []string{"SLAMS"}},
		{"possessive", "Iraq’s Supreme Court ruled.", map[string]string{"Iraq": "place", "Supreme Court": ""}, []string{"Iraq’s"}},
		{"demonyms are not entities", "Syrian and Iranian officials met Shi’ite clerics.", nil, []string{"Syrian", "Iranian", "Shi’ite"}},
		{"sentence-initial As is no article", "As Mueller testified, the panel listened to Mueller.",
			map[string]string{"Mueller": ""}, []string{"As Mueller"}},
		{"an English at is no article", "wrote William Saletan at Slate yesterday.",
			map[string]string{"William Saletan": "person"}, []string{"William Saletan at Slate"}},
		{"of joins only after a head word", "Senator Mike Braun of Indiana met the Bank of England.",
			map[string]string{"Mike Braun": "person:title:Senator", "Bank of England": "organisation"}, []string{"Mike Braun of Indiana"}},
		{"title inside a name", "said House Majority Leader Eric Cantor on Friday.",
			map[string]string{"Eric Cantor": "person:title"}, []string{"House Majority Leader Eric Cantor"}},
		{"homoglyph disguise", "A cοmmander named Farid Aziz said the Coalitiοn left Washingtοn.",
			map[string]string{"Farid Aziz": "person", "Washingtοn": "place:gazetteer"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := extract(x, c.text)
			for surface, want := range c.want {
				m := find(ms, surface)
				if m == nil {
					t.Errorf("no mention %q in %v", surface, texts(ms))
					continue
				}
				got := m.Kind.String() + ":" + m.Evidence
				if !strings.HasPrefix(got, want) {
					t.Errorf("%q: got %s, want %s", surface, got, want)
				}
				if c.text[m.Span.Start:m.Span.End] != m.Text {
					t.Errorf("%q: span %v does not hold the surface", surface, m.Span)
				}
			}
			for _, s := range c.notWant {
				if find(ms, s) != nil {
					t.Errorf("unexpected mention %q in %v", s, texts(ms))
				}
			}
		})
	}
}

func texts(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

func TestAcronymLinks(t *testing.T) {
	x := extractor(t)
	ms := extract(x, "Fighters of the Popular Mobilization Units (PMU) advanced.")
	acr := find(ms, "PMU")
	if acr == nil || acr.Expansion != "Popular Mobilization Units" {
		t.Fatalf("PMU: %+v", acr)
	}
	if exp := find(ms, "Popular Mobilization Units"); exp == nil || exp.Acronym != "PMU" {
		t.Errorf("expansion: %+v", exp)
	}
	// negative: initials that do not spell the acronym
	ms = extract(x, "Members of the Central Party (XYZ) voted.")
	if m := find(ms, "XYZ"); m != nil && m.Expansion != "" {
		t.Errorf("XYZ linked to %q", m.Expansion)
	}
}

func TestBoilerplateIgnored(t *testing.T) {
	x := extractor(t)
	text := "Officials in Baghdad spoke.\nAll Content by Mehr News Agency is licensed."
	d := &document.Document{Path: "b.txt", Text: text, Boilerplate: []document.Span{{Start: 28, End: len(text)}}}
	for _, m := range x.Extract(d, textnorm.Fold(text)) {
		if m.Span.Start >= 28 {
			t.Errorf("mention in boilerplate: %+v", m)
		}
	}
}

func TestSampleDisguise(t *testing.T) {
	dir := testcorpus.SampleProject(t)
	b, err := os.ReadFile(filepath.Join(dir, "004_b37ff82c4dbbe2a9.txt"))
	if err != nil {
		t.Fatal(err)
	}
	x := extractor(t)
	ms := extract(x, string(b))
	for _, want := range []string{"Popular Mobilisatiοn Fοrces", "John Boltοn", "Qasim Muslih", "Al-QAIM"} {
		m := find(ms, want)
		if m == nil {
			t.Errorf("004: no mention %q", want)
			continue
		}
		if string(b)[m.Span.Start:m.Span.End] != want {
			t.Errorf("%q: span does not hold the original", want)
		}
	}
	if m := find(ms, "John Boltοn"); m != nil && m.Key != "john bolton" {
		t.Errorf("folded key %q", m.Key)
	}
}

func TestConcurrentExtract(t *testing.T) {
	x := extractor(t)
	text := "Officials in Baghdad met Prime Minister Mustafa al-Kadhimi and the PMU."
	want := len(extract(x, text))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if n := len(extract(x, text)); n != want {
					t.Errorf("got %d mentions, want %d", n, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestGazetteerFiles(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries()) < 300 {
		t.Errorf("%d entries", len(g.Entries()))
	}
	for alias, name := range map[string]string{
		"PMF": "Popular Mobilization Forces", "Popular Mobilisation Forces": "Popular Mobilization Forces",
		"Hashd al-Shaabi": "Popular Mobilization Forces", "Daesh": "Islamic State", "ISIL": "Islamic State",
		"NATO": "North Atlantic Treaty Organization", "Nato": "North Atlantic Treaty Organization",
		"al-Qaida": "al-Qaeda", "Hizballah": "Hezbollah", "Taleban": "Taliban", "U.S.": "United States",
	} {
		e, ok := g.Lookup(alias)
		if !ok || e.Name != name {
			t.Errorf("%s: got %q %v, want %s", alias, e.Name, ok, name)
		}
	}
	if !g.IsDemonym("Iraqi") || g.IsDemonym("Iraq") {
		t.Error("demonyms")
	}
	// capitals, by any of their names; a country is no capital
	capital := func(name string) string {
		if c, ok := g.CapitalOf(g.EntryIndex(Key(name), false)); ok {
			return g.Entries()[c].Name
		}
		return ""
	}
	if capital("Washington") != "United States" || capital("Teheran") != "Iran" || capital("Iran") != "" || capital("Basra") != "" {
		t.Errorf("capitals: Washington %q, Teheran %q, Iran %q, Basra %q", capital("Washington"), capital("Teheran"), capital("Iran"), capital("Basra"))
	}
	_, err = LoadGazetteer(fstest.MapFS{"a.tsv": {Data: []byte("place\tA\n")}, "capitals.tsv": {Data: []byte("A\tAtlantis\n")}})
	if err == nil || !strings.Contains(err.Error(), "capitals.tsv") || !strings.Contains(err.Error(), "Atlantis") {
		t.Errorf("capital of an unknown country: %v", err)
	}
	// broken lines are errors with the file and line
	_, err = LoadGazetteer(fstest.MapFS{"x.tsv": {Data: []byte("# c\nplace\tA\nplanet\tB\n")}})
	if err == nil || !strings.Contains(err.Error(), "x.tsv") || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("bad kind: %v", err)
	}
}

func TestProjectAliases(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// no file: the same gazetteer
	if g2, err := g.WithProject(dir); err != nil || g2 != g {
		t.Fatalf("no project file: %v", err)
	}
	os.MkdirAll(filepath.Join(dir, ".parallax"), 0o755)
	data := "# project aliases\norganisation\tSaraya Awliya al-Dam\tAwliya al-Dam|SAD\t\nplace\tIraq\tMesopotamia\t\n"
	if err := os.WriteFile(filepath.Join(dir, ".parallax", "aliases.tsv"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	g2, err := g.WithProject(dir)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := g2.Lookup("Awliya al-Dam"); !ok || e.Name != "Saraya Awliya al-Dam" {
		t.Errorf("project entry: %+v %v", e, ok)
	}
	if e, ok := g2.Lookup("Mesopotamia"); !ok || e.Name != "Iraq" {
		t.Errorf("project alias extends Iraq: %+v", e)
	}
	if _, ok := g.Lookup("Mesopotamia"); ok {
		t.Error("the shipped gazetteer was changed")
	}
	ms := NewExtractor(g2).Extract(&document.Document{Path: "p", Text: "Fighters of Awliya al-Dam left."}, textnorm.Fold("Fighters of Awliya al-Dam left."))
	if m := find(ms, "Awliya al-Dam"); m == nil || m.Kind != Organisation {
		t.Errorf("project alias not used: %v", texts(ms))
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"U.S.": "us", "Al-QAIM": "al qaim", "al-Qa’im": "al qa'im", "Iraq’s": "iraq", "The Pentagon": "pentagon",
		"Popular Mobilisatiοn Fοrces": "popular mobilisation forces", "Kata'ib Hezbollah": "kata'ib hezbollah",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}
