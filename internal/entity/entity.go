// Package entity finds the mentions of people, organisations, places and
// other named things in an article's body, without any network service:
// capitalised sequences with their name connectors ("of", "al-", "bin",
// "Abu"), acronyms and acronyms defined in parentheses, and names from a
// shipped, editable gazetteer. Each mention keeps its exact span in the
// original text, its surface form, and a kind with the evidence for it.
// Matching runs on textnorm's folded text, so look-alike letters from other
// scripts ("cοmmander" with a Greek omicron) do not hide a name.
package entity

import (
	"encoding/json"
	"fmt"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// Kind is what a named thing is.
type Kind int

// The kinds of mentions. Other covers events, laws, works and names whose
// kind the text does not tell.
const (
	Other Kind = iota
	Person
	Organisation
	Place
)

var kindNames = [...]string{"other", "person", "organisation", "place"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "other"
	}
	return kindNames[k]
}

// ParseKind reads a kind name ("person", "organisation"/"organization"/"org",
// "place"/"location", "other").
func ParseKind(s string) (Kind, bool) {
	switch s {
	case "person", "per":
		return Person, true
	case "organisation", "organization", "org":
		return Organisation, true
	case "place", "location", "loc", "gpe":
		return Place, true
	case "other", "misc", "":
		return Other, true
	}
	return Other, false
}

// MarshalJSON writes the kind's name.
func (k Kind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads a kind's name.
func (k *Kind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, ok := ParseKind(s)
	if !ok {
		return fmt.Errorf("unknown entity kind %q", s)
	}
	*k = v
	return nil
}

// Mention is one occurrence of a name in a document.
type Mention struct {
	// Doc is the document's Path.
	Doc string `json:"doc"`
	// Span is the mention's byte span in the document's original Text.
	Span document.Span `json:"span"`
	// Text is the surface form as written in the original text.
	Text string `json:"text"`
	// Key is the folded matching key of Text (see Key).
	Key  string `json:"key"`
	Kind Kind   `json:"kind"`
	// Evidence tells why the kind was chosen: "gazetteer:place",
	// "title:Lieutenant General", "head:province", "context:commander",
	// "acronym", "capitalised".
	Evidence string `json:"evidence"`
	// Gazetteer is the canonical name of the gazetteer entry the mention
	// matched, if any.
	Gazetteer string `json:"gazetteer,omitempty"`
	// Expansion is set on an acronym defined in the text right after its
	// expansion ("Popular Mobilization Units (PMU)"): the expansion's text.
	Expansion string `json:"expansion,omitempty"`
	// Acronym is set on such an expansion: the acronym it defines.
	Acronym string `json:"acronym,omitempty"`
	// IsAcronym marks mentions written as an acronym ("PMU", "U.S.").
	IsAcronym bool `json:"acronym_form,omitempty"`
	// Match is set on a mention in Arabic script found because it reads
	// like a name the project's Latin or Cyrillic documents established
	// (CrossScriptMentions): that name's key, with MatchConfidence how sure
	// the reading is. Package alias links the two with that confidence.
	Match           string  `json:"match,omitempty"`
	MatchConfidence float64 `json:"match_confidence,omitempty"`
}

// Strength orders evidence: a kind with stronger evidence wins when the
// mentions of one entity disagree.
func (m Mention) Strength() int {
	return evidenceStrength(m.Evidence)
}

func evidenceStrength(ev string) int {
	for i := 0; i < len(ev); i++ {
		if ev[i] == ':' {
			ev = ev[:i]
			break
		}
	}
	switch ev {
	case "gazetteer":
		return 6
	case "title":
		return 5
	case "acronym-definition", "head", "dateline", "outlet":
		return 4
	case "given-name", "apposition":
		return 3
	case "context", "verb", "surname":
		return 2
	case "prep", "acronym":
		return 1
	}
	return 0
}
