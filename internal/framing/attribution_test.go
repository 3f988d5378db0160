package framing

import (
	"fmt"
	"strings"
	"testing"
)

// srcString shows an attribution compactly: who|verb|to|direct|description.
func srcString(a Attribution) string {
	return fmt.Sprintf("%s|%s|%s|%v|%s", a.Who(), a.Verb, a.To, a.Direct, a.Description)
}

func TestAttributions(t *testing.T) {
	tests := []struct {
		name, text string
		ents       []ent
		want       []string
	}{
		{"X said", "The ministry said in a statement that the road was closed.", nil,
			[]string{"The ministry|said||false|"}},
		{"direct quote, pronoun resolved to a titled name",
			"Troops of commander John Doe held the hill.\n\n\u201cWe will not leave,\u201d he said.", nil,
			[]string{"John Doe|said||true|"}},
		{"pronoun resolved to the nearest earlier speaker",
			"A fighter at one outpost said the planes came at night. \u201cThey scare us,\u201d he said.", nil,
			[]string{"A fighter at one outpost|said||false|", "A fighter at one outpost|said||true|"}},
		{"pronoun resolved to a person entity",
			"Maria Lopez arrived late. \"It is over,\" she said.",
			[]ent{{"ml", "person", []string{"Maria Lopez"}}},
			[]string{"Maria Lopez|said||true|"}},
		{"according to", "According to local officials, the road was closed.", nil,
			[]string{"local officials|according to||false|"}},
		{"according to, then a name", "According to then Prime Minister, Adel Mahdi, talks failed.", nil,
			[]string{"Adel Mahdi|according to||false|then Prime Minister"}},
		{"told Reuters with an apposition",
			"Jane Roe, a spokeswoman for the army, told Reuters that the deal was off.", nil,
			[]string{"Jane Roe|told|Reuters|false|a spokeswoman for the army"}},
		{"said X, an analyst", "The ceasefire is fragile, said Tom Poe, an analyst at the Rand Corporation.", nil,
			[]string{"Tom Poe|said||false|an analyst at the Rand Corporation"}},
		{"quote then inverted speaker", "\u201cIt is fragile,\u201d said Tom Poe.", nil,
			[]string{"Tom Poe|said||true|"}},
		{"colon and quote", "A coalition spokesman said: \u201cWe are concerned.\u201d", nil,
			[]string{"A coalition spokesman|said||true|"}},
		{"auxiliaries between", "Sources affiliated to the PMU have said that the game is over.", nil,
			[]string{"Sources affiliated to the PMU|said||false|"}},
		{"who has stated", "He was criticised by Vice President Nouri al-Maliki, who has stated that he wants no bases.", nil,
			[]string{"Vice President Nouri al-Maliki|stated||false|"}},
		{"descriptor, then the name", "One commander, Abu Seif al-Tamimi, said the hills were held.", nil,
			[]string{"Abu Seif al-Tamimi|said||false|One commander"}},
		{"disguised", "A c\u03bfaliti\u03bfn sp\u03bfkesman said: \u201cWe are c\u03bfncerned.\u201d", nil,
			[]string{"A coalition spokesman|said||true|"}},
		{"said inside a word", "The Saidi family and the unsaid words; aforesaid.", nil, nil},
		{"to say", "He refused to say anything about it.", nil, nil},
		{"the United States", "The United States imposed sanctions.", nil, nil},
		{"declared war", "The army declared war on the rebels.", nil, nil},
		{"declared that", "The army declared that the war was over.", nil,
			[]string{"The army|declared||false|"}},
		{"no speaker", "Rumours that claim otherwise spread.", nil, nil},
		{"said U.S. forces will", "In the statement, said U.S. forces will stay.", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := analyseText(t, tc.text, nil, tc.ents...)
			var got []string
			for _, a := range d.Sources {
				got = append(got, srcString(a))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("%q\n got %q\nwant %q", tc.text, got, tc.want)
			}
			for _, a := range d.Sources {
				if foldForTest(tc.text[a.SpeakerStart:a.SpeakerEnd]) != foldForTest(a.Speaker) {
					t.Errorf("speaker span [%d,%d) holds %q, not %q", a.SpeakerStart, a.SpeakerEnd, tc.text[a.SpeakerStart:a.SpeakerEnd], a.Speaker)
				}
			}
		})
	}
}

func TestAttributionQuote(t *testing.T) {
	tests := []struct{ text, quote string }{
		{"A spokesman said: \u201cWe are concerned.\u201d Then he left.", "We are concerned."},
		{"\u201cWe will hold,\u201d Muslih said.", "We will hold,"},
		{"\u201cIt is fragile,\u201d said Tom Poe.", "It is fragile,"},
		{"He further said,\n\n\u201cWe won.\n\nBut no one listens\u201d.\n", "We won. But no one listens"},
		{"The ministry said \u201coutright\u201d war was unlikely.", "outright"},
		{"The ministry said war was unlikely.", ""},
	}
	for _, tc := range tests {
		d := analyseText(t, tc.text, nil)
		if len(d.Sources) != 1 {
			t.Errorf("%q: sources %+v", tc.text, d.Sources)
			continue
		}
		a := d.Sources[0]
		if a.Quote != tc.quote || a.Direct != (tc.quote != "") {
			t.Errorf("%q: quote %q direct %v, want %q", tc.text, a.Quote, a.Direct, tc.quote)
		}
		if a.Quote != "" && clean(tc.text[a.QuoteStart:a.QuoteEnd]) != a.Quote {
			t.Errorf("%q: quote span holds %q", tc.text, tc.text[a.QuoteStart:a.QuoteEnd])
		}
	}
}
