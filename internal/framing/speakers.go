package framing

import "strings"

// speakerIndex resolves the speakers of "who is quoted" to the project's
// entities, so that "Pence", "Mike Pence" and "Vice President Mike Pence"
// add up as one voice: a speaker phrase holding a mention of an entity is
// that entity; else a phrase ending in a form of exactly one entity named
// in the same document, or in the project, is that one.
type speakerIndex struct {
	entities []EntityInput
	spans    map[string][]entitySpan // document → mention spans
	docForms map[string]map[string]int
	forms    map[string]int // folded form → entity, -1 when two share it
}

// entitySpan is one mention in the index: int32 fields, since the index
// holds every mention of the project at once.
type entitySpan struct {
	start, end, entity int32
	form               string // folded as speakerKey folds
}

func newSpeakerIndex(entities []EntityInput) *speakerIndex {
	x := &speakerIndex{entities: entities, spans: map[string][]entitySpan{},
		docForms: map[string]map[string]int{}, forms: map[string]int{}}
	note := noteForm
	// A form recurs in thousands of mentions: fold each once. An
	// entity's mentions come in runs of one document and one form, so
	// the document's spans and the last form noted are held while the
	// run lasts: a note of the same form for the same entity changes
	// nothing, and the maps are read once a run, not once a mention
	// (they were most of an update's time at 10k documents).
	keys := map[string]string{}
	lastRaw, lastKey := "", ""
	for i, e := range entities {
		var (
			path              string
			spans             []entitySpan
			df                map[string]int
			open              bool // spans and df are path's
			docNoted, noted   bool
			docLast, lastForm string
		)
		for _, m := range e.Mentions {
			if m.Form == "" {
				continue // no form to compare a speaker with
			}
			f := lastKey
			if m.Form != lastRaw || lastRaw == "" {
				var ok bool
				if f, ok = keys[m.Form]; !ok {
					f = speakerKey(m.Form)
					keys[m.Form] = f
				}
				lastRaw, lastKey = m.Form, f
			}
			if !open || m.Path != path {
				if open {
					x.spans[path] = spans
				}
				path, spans, open, docNoted = m.Path, x.spans[m.Path], true, false
				if df = x.docForms[path]; df == nil {
					df = map[string]int{}
					x.docForms[path] = df
				}
			}
			spans = append(spans, entitySpan{int32(m.Start), int32(m.End), int32(i), f})
			if !docNoted || docLast != f {
				note(df, f, i)
				docNoted, docLast = true, f
			}
			if !noted || lastForm != f {
				note(x.forms, f, i)
				noted, lastForm = true, f
			}
		}
		if open {
			x.spans[path] = spans
		}
	}
	return x
}

// noteForm notes that form names entity e: -1 once two entities share it.
func noteForm(m map[string]int, form string, e int) {
	if prev, ok := m[form]; ok && prev != e {
		m[form] = -1
		return
	}
	m[form] = e
}

// resolve returns the entity a speaker of the document at path is, if any.
func (x *speakerIndex) resolve(path string, a Attribution) (EntityInput, bool) {
	if x == nil || len(x.entities) == 0 {
		return EntityInput{}, false
	}
	key := voiceKey(a.Who())
	if nameAfterPreposition(a.Who(), key) {
		return EntityInput{}, false // "critics of Donald Trump" are not Trump
	}
	if a.Resolved == "" && a.SpeakerEnd > a.SpeakerStart {
		// a mention that is the whole name at the end of the phrase:
		// "Iraq's Vice President Nouri al-Maliki" is al-Maliki, not Iraq;
		// "Melania Trump" is not the "Trump" a gazetteer may have read
		// in it
		for _, s := range x.spans[path] {
			if int(s.start) >= a.SpeakerStart && int(s.end) <= a.SpeakerEnd && x.person(int(s.entity)) && s.form == key {
				return x.entities[s.entity], true
			}
		}
	}
	for _, k := range []string{key, speakerKey(a.Who())} {
		if e, ok := x.docForms[path][k]; ok && e >= 0 && x.person(e) {
			return x.entities[e], true
		}
		if e, ok := x.forms[k]; ok && e >= 0 && x.person(e) {
			return x.entities[e], true
		}
	}
	return EntityInput{}, false
}

// person reports whether an entity may speak: a person, or of a kind the
// grouping left open. Places and organisations named in a speaker phrase
// ("Iraq's", "the ministry") are not its voice.
func (x *speakerIndex) person(e int) bool {
	k := strings.ToLower(x.entities[e].Kind)
	return k == "" || k == "person" || k == "other"
}

// voiceOf returns the grouping key and the name shown for a speaker.
func (x *speakerIndex) voiceOf(path string, a Attribution) (key, name string) {
	if e, ok := x.resolve(path, a); ok {
		return "entity:" + e.ID, e.Name
	}
	who := a.Who()
	return voiceKey(who), who
}

// speakerPrepositions, before the name ending a speaker phrase, make the
// name the object of another speaker: "critics of Donald Trump", "a
// spokesman for Lena Ortiz".
var speakerPrepositions = map[string]bool{
	"of": true, "for": true, "to": true, "from": true, "against": true, "about": true, "with": true, "close": true,
}

// nameAfterPreposition reports whether the name key ends the phrase who
// after a preposition.
func nameAfterPreposition(who, key string) bool {
	words := strings.Fields(who)
	n := len(strings.Fields(key))
	if len(words) <= n {
		return false
	}
	return speakerPrepositions[strings.ToLower(words[len(words)-n-1])]
}
