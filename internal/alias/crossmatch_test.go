package alias

import (
	"context"
	"slices"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Made-up documents with fictional names: the Latin one establishes the
// names, the Arabic and Persian ones write them without any cue the
// extractor knows.
func TestCrossScriptMatchesGroupWithTheirLatinNames(t *testing.T) {
	gaz := defaultGazetteer(t)
	texts := []struct{ path, text string }{
		{"en.txt", "Shelling hit Qasr Zahran overnight, hours after troops crossed into Velmaria. Velmarian forces blamed the Ostrava Brigade.\n" +
			"Commander Idris al-Mansouri denied it. \"We were nowhere near Qasr Zahran,\" al-Mansouri said. Velmaria has asked for inspectors."},
		{"ar.txt", "واتهمت فلماريا اللواء بقصف قصر زهران. ونفى إدريس المنصوري ذلك، وقال إن القوات الفلمارية قصفت المنطقة بنفسها."},
		{"fa.txt", "مقام\u200cهای ولماریا گفتند قصر زهران بمباران شد. ادریس المنصوری این اتهام را رد کرد."},
	}
	x := entity.NewExtractor(gaz)
	var docs []*document.Document
	var per [][]entity.Mention
	for _, d := range texts {
		doc := &document.Document{Path: d.path, Text: d.text}
		docs = append(docs, doc)
		per = append(per, x.Extract(doc, textnorm.Fold(d.text)))
	}
	if err := x.CrossScriptMentions(context.Background(), docs, per); err != nil {
		t.Fatal(err)
	}
	var ms []entity.Mention
	for _, p := range per {
		ms = append(ms, p...)
	}
	res := Group(ms, gaz, nil)
	byForm := map[string]*Entity{}
	for _, e := range res.Entities {
		for _, f := range e.Forms {
			byForm[f.Text] = e
		}
	}
	for latin, others := range map[string][]string{
		"Velmaria":          {"فلماريا", "الفلمارية", "ولماریا"},
		"Qasr Zahran":       {"قصر زهران"},
		"Idris al-Mansouri": {"إدريس المنصوري", "ادریس المنصوری"},
	} {
		e := byForm[latin]
		if e == nil {
			t.Errorf("no entity with the form %q", latin)
			continue
		}
		for _, o := range others {
			if byForm[o] != e {
				var forms []string
				for _, f := range e.Forms {
					forms = append(forms, f.Text)
				}
				t.Errorf("%q is not in the entity of %q (%q)", o, latin, forms)
				continue
			}
			i := slices.IndexFunc(e.Merges, func(m Merge) bool { return m.Form == o || m.Into == o })
			if i < 0 || e.Merges[i].Confidence <= 0 || e.Merges[i].Confidence > 1 {
				t.Errorf("%q: no merge with a confidence in %+v", o, e.Merges)
			}
		}
	}
	// the common word "المنطقة" (the area) is no entity
	if e := byForm["المنطقة"]; e != nil {
		t.Errorf("common word grouped as %q", e.Name)
	}
}

// A cross-script match merges from Threshold and is suggested below it,
// with its own confidence either way.
func TestCrossScriptMatchConfidenceDecides(t *testing.T) {
	gaz := defaultGazetteer(t)
	for _, c := range []struct {
		conf    float64
		merged  bool
		suggest bool
	}{{0.85, true, false}, {0.6, false, true}, {0.3, false, false}} {
		ms := []entity.Mention{
			{Doc: "en.txt", Text: "Velmaria", Key: entity.Key("Velmaria"), Kind: entity.Place, Evidence: "prep:into"},
			{Doc: "en.txt", Text: "Velmaria", Key: entity.Key("Velmaria"), Kind: entity.Place, Evidence: "prep:into"},
			{Doc: "ar.txt", Text: "زقزق", Key: "زقزق", Kind: entity.Place, Evidence: "cross-script match to Velmaria",
				Match: entity.Key("Velmaria"), MatchConfidence: c.conf},
		}
		res := Group(ms, gaz, nil)
		merged := false
		for _, e := range res.Entities {
			if len(e.Forms) == 2 {
				merged = true
				if len(e.Merges) != 1 || e.Merges[0].Reason != ReasonCrossScriptMatch || e.Merges[0].Confidence != c.conf {
					t.Errorf("conf %v: merges %+v", c.conf, e.Merges)
				}
			}
		}
		suggested := false
		for _, s := range res.Suggestions {
			if s.Reason == ReasonCrossScriptMatch && s.Confidence == c.conf {
				suggested = true
			}
		}
		if merged != c.merged || suggested != c.suggest {
			t.Errorf("conf %v: merged %v suggested %v, want %v %v", c.conf, merged, suggested, c.merged, c.suggest)
		}
	}
}
