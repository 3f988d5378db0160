package framing

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func testDocs() []*document.Document {
	mk := func(path, outlet, text string) *document.Document {
		d := &document.Document{Path: path, Text: text}
		d.Meta.Outlet.Value = outlet
		d.Meta.Date.Value = "2020-01-0" + path[:1]
		return d
	}
	return []*document.Document{
		mk("2.txt", "Wire", "The regime said the militia attacked. The regime denied that."),
		mk("1.txt", "Paper", "Martyrs of the resistance fell, the minister said.\nShare this on Facebook: regime regime regime"),
		mk("3.txt", "Wire", "Nothing loaded here, a spokesman said."),
	}
}

func TestAnalyseBoilerplateRatesAndOrder(t *testing.T) {
	docs := testDocs()
	// The footer of 1.txt is boilerplate: its terms and words do not count.
	foot := strings.Index(docs[1].Text, "\nShare")
	docs[1].Boilerplate = []document.Span{{Start: foot, End: len(docs[1].Text)}}
	lex := mustLexicon(t, "regime\tdelegitimising\nmilitia\tdelegitimising\nmartyr\tvalorising\nresistance\tvalorising\n=said\tattribution\n")
	a, err := Analyse(context.Background(), docs, nil, nil, lex, func(d *document.Document) string { return "s-" + d.Meta.Outlet.Value })
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range a.Documents {
		paths = append(paths, d.Path)
	}
	if strings.Join(paths, ",") != "1.txt,2.txt,3.txt" {
		t.Errorf("order = %v", paths)
	}
	p := a.Documents[0]
	if p.Words != 8 || p.Stance != "s-Paper" || p.Date != "2020-01-01" {
		t.Errorf("1.txt: words %d stance %q date %q", p.Words, p.Stance, p.Date)
	}
	if termCount(p.Terms, "delegitimising", "regime") != 0 || termCount(p.Terms, "valorising", "martyr") != 1 {
		t.Errorf("1.txt terms = %+v", p.Terms)
	}
	for _, c := range p.Terms {
		if c.Category == "valorising" && (c.Count != 2 || c.Rate != 250) {
			t.Errorf("valorising = %+v, want 2 at 250 per 1,000", c)
		}
	}
	w := a.Documents[1]
	if termCount(w.Terms, "delegitimising", "regime") != 2 || len(w.Occurrences) != 4 {
		t.Errorf("2.txt terms = %+v, occurrences %d", w.Terms, len(w.Occurrences))
	}
	o := w.Occurrences[1]
	if o.Text != "said" || o.Left != "The regime" || o.Right != "the militia attacked. The regime denied that." {
		t.Errorf("occurrence = %+v", o)
	}
	if len(a.Outlets) != 2 || a.Outlets[1].Outlet != "Wire" || a.Outlets[1].Documents != 2 || a.Outlets[1].Stances[0] != "s-Wire" {
		t.Fatalf("outlets = %+v", a.Outlets)
	}
	wire := a.Outlets[1]
	if wire.Words != w.Words+a.Documents[2].Words || termCount(wire.Terms, "attribution", "=said") != 2 {
		t.Errorf("wire = %+v", wire)
	}
	if len(wire.Voices) != 2 {
		t.Errorf("wire voices = %+v", wire.Voices)
	}
}

func TestAnalyseDeterministic(t *testing.T) {
	lex := mustLexicon(t, "regime\tdelegitimising\n")
	docs := testDocs()
	ents := []EntityInput{{ID: "r", Name: "regime", Mentions: []MentionInput{{Path: "2.txt", Start: 4, End: 10}}}}
	a1, err := Analyse(context.Background(), docs, nil, ents, lex, nil)
	if err != nil {
		t.Fatal(err)
	}
	rev := []*document.Document{docs[2], docs[1], docs[0]}
	folded := []textnorm.Folded{textnorm.Fold(rev[0].Text), textnorm.Fold(rev[1].Text), textnorm.Fold(rev[2].Text)}
	a2, err := Analyse(context.Background(), rev, folded, ents, lex, nil)
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := json.Marshal(a1)
	b2, _ := json.Marshal(a2)
	if string(b1) != string(b2) {
		t.Errorf("order or folding changed the result:\n%s\n%s", b1, b2)
	}
}

func TestAnalyseErrors(t *testing.T) {
	docs := testDocs()
	if _, err := Analyse(context.Background(), docs, []textnorm.Folded{{}}, nil, nil, nil); err == nil {
		t.Error("folded length mismatch: no error")
	}
	wrong := []textnorm.Folded{textnorm.Fold("x"), textnorm.Fold(docs[1].Text), textnorm.Fold(docs[2].Text)}
	if _, err := Analyse(context.Background(), docs, wrong, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "2.txt") {
		t.Errorf("folded from another text: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyse(ctx, docs, nil, nil, nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	// Mentions outside the text or of unknown documents are ignored.
	ents := []EntityInput{{ID: "x", Mentions: []MentionInput{{Path: "2.txt", Start: 5, End: 500}, {Path: "9.txt", Start: 0, End: 1}}}}
	a, err := Analyse(context.Background(), docs, nil, ents, nil, nil)
	if err != nil || len(a.Entities) != 0 || len(a.Documents[1].Entities) != 0 {
		t.Errorf("bad mentions: %v %+v", err, a)
	}
	// An empty input gives an empty, JSON-friendly analysis.
	a, err = Analyse(context.Background(), nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(a)
	if string(b) != `{"documents":[],"outlets":[],"entities":[],"categories":[]}` {
		t.Errorf("empty = %s", b)
	}
}

func TestTokenize(t *testing.T) {
	text := "The U.S.-backed al-Maliki government, PMU's men."
	toks := tokenize(textnorm.Fold(text), text, func() bool { return false })
	var got []string
	for _, tk := range toks {
		s := tk.text
		if tk.proper() {
			s += "^"
		}
		if tk.possessive {
			s += "'"
		}
		got = append(got, s)
	}
	want := "the u.s.^ - backed al-maliki^ government , pmu's^' men ."
	if strings.Join(got, " ") != want {
		t.Errorf("tokens = %q, want %q", strings.Join(got, " "), want)
	}
}

// TestTokenizeAbbreviations checks that the stop of an abbreviation from
// the shared table (wordscan) stays in its word and does not end the
// sentence; "brig" came with the shared table.
func TestTokenizeAbbreviations(t *testing.T) {
	for text, want := range map[string]string{
		"Brig. Gen. Roe spoke.":        "brig. gen.^ roe^ spoke .",
		"Acme Inc. Roe spoke.":         "acme inc.^ roe^ spoke .",
		"They told us. Roe spoke.":     "they told us . roe spoke .",
		"In Washington, D.C. Roe won.": "in washington^ , d.c.^ roe^ won .",
	} {
		var got []string
		for _, tk := range tokenize(textnorm.Fold(text), text, func() bool { return false }) {
			s := tk.text
			if tk.proper() {
				s += "^"
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: tokens = %q, want %q", text, strings.Join(got, " "), want)
		}
	}
}

func TestVoices(t *testing.T) {
	for in, want := range map[string]string{
		"Iraq's Vice President Nouri al-Maliki":             "nouri al-maliki",
		"coalition spokesman Colonel Sean Ryan":             "sean ryan",
		"White House national security adviser John Bolton": "john bolton",
		"The Pentagon":          "pentagon",
		"PMU commanders":        "pmu commanders",
		"a coalition spokesman": "coalition spokesman",
		"Sen. Sherrod Brown":    "sherrod brown",
	} {
		if got := voiceKey(in); got != want {
			t.Errorf("voiceKey(%q) = %q, want %q", in, got, want)
		}
	}
	docs := []DocumentFraming{{Path: "a", Outlet: "O", Sources: []Attribution{
		{Speaker: "Muslih", Direct: true},
		{Speaker: "he", Resolved: "Qasim Muslih"},
		{Speaker: "commander Qasim Muslih"},
		{Speaker: "Smith"}, {Speaker: "John Smith"}, {Speaker: "Jane Smith"}, // ambiguous: kept apart
	}}}
	o := aggregateOutlets(docs)[0]
	got := map[string]int{}
	for _, v := range o.Voices {
		got[v.Speaker] = v.Count
	}
	if got["he"] != 0 || len(o.Voices) != 4 || o.Voices[0].Count != 3 || o.Voices[0].Direct != 1 || got["Smith"] != 1 {
		t.Errorf("voices = %+v", o.Voices)
	}
}
