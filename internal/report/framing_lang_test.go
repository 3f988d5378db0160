package report

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
)

// TestTermsNotCovered checks that documents in a language without a
// lexicon neither dilute an outlet's rates nor show as zeros.
func TestTermsNotCovered(t *testing.T) {
	cats := []string{"violence"}
	terms := []framing.CategoryCount{{Category: "violence", Count: 2, Terms: []framing.TermCount{{Term: "attack", Count: 2}}}}
	docs := []framing.DocumentFraming{
		{Path: "a", Outlet: "Mixed", Language: "en", Words: 100, TermsCovered: true, SourcesCovered: true, Terms: terms},
		{Path: "b", Outlet: "Mixed", Language: "de", Words: 900},
		{Path: "c", Outlet: "German", Language: "de", Words: 500},
	}
	// the outlets as the engine aggregates them; the report only lays them out
	outs := framing.Aggregate(docs, nil, cats).Outlets
	got := map[string]OutletTerms{}
	for _, o := range buildTerms(outs, cats) {
		got[o.Outlet] = o
	}
	if m := got["Mixed"]; m.Measured != 1 || m.Words != 100 || m.Rates[0] != 20 || m.NotCovered != "1 of 2 documents not covered (language: de)" {
		t.Errorf("Mixed: %+v", m)
	}
	if g := got["German"]; g.Measured != 0 || g.NotCovered != "not covered (language: de)" {
		t.Errorf("German: %+v", g)
	}
	voices := map[string]OutletVoices{}
	for _, o := range buildVoices(outs, 5) {
		voices[o.Outlet] = o
	}
	if voices["German"].NotCovered != "not covered (language: de)" || voices["Mixed"].NotCovered != "" {
		t.Errorf("voices: %+v", voices)
	}
}
