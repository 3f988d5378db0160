package framing

import (
	"reflect"
	"testing"
)

// TestVoicesAddUpPerEntity: the speakers a grouping made one person count
// as one voice per outlet, whatever the speaker phrase; speakers no
// entity covers keep their own voice, and a place in the phrase is not
// the voice.
func TestVoicesAddUpPerEntity(t *testing.T) {
	text := "Vice President Mike Pence said it. Pence said more. Marvania's envoy Lena Ortiz said no. Karen Pence said yes."
	at := func(s string) (int, int) {
		for i := 0; i+len(s) <= len(text); i++ {
			if text[i:i+len(s)] == s {
				return i, i + len(s)
			}
		}
		t.Fatalf("%q not in text", s)
		return 0, 0
	}
	mention := func(form string, from int) MentionInput {
		s, e := at(form)
		if from > s {
			for i := from; i+len(form) <= len(text); i++ {
				if text[i:i+len(form)] == form {
					s, e = i, i+len(form)
					break
				}
			}
		}
		return MentionInput{Path: "a", Start: s, End: e, Form: form}
	}
	pence1 := mention("Mike Pence", 0)
	pence2 := mention("Pence", pence1.End)
	ks, _ := at("Karen Pence")
	pence3 := mention("Pence", ks) // a gazetteer read "Pence" in "Karen Pence"
	entities := []EntityInput{
		{ID: "e-mike-pence", Name: "Mike Pence", Kind: "person", Mentions: []MentionInput{pence1, pence2, pence3,
			{Path: "b", Start: 0, End: 5, Form: "Pence"}}},
		{ID: "e-marvania", Name: "Marvania", Kind: "place", Mentions: []MentionInput{mention("Marvania", 0)}},
		{ID: "e-lena-ortiz", Name: "Lena Ortiz", Kind: "person", Mentions: []MentionInput{mention("Lena Ortiz", 0)}},
	}
	span := func(s string, from int) (int, int) {
		for i := from; i+len(s) <= len(text); i++ {
			if text[i:i+len(s)] == s {
				return i, i + len(s)
			}
		}
		t.Fatalf("%q not in text", s)
		return 0, 0
	}
	s1, e1 := span("Vice President Mike Pence", 0)
	s2, e2 := span("Pence", e1)
	s3, e3 := span("Marvania's envoy Lena Ortiz", 0)
	s4, e4 := span("Karen Pence", 0)
	docs := []DocumentFraming{
		{Path: "a", Outlet: "O", Sources: []Attribution{
			{Speaker: "Vice President Mike Pence", SpeakerStart: s1, SpeakerEnd: e1, Direct: true},
			{Speaker: "Pence", SpeakerStart: s2, SpeakerEnd: e2},
			{Speaker: "he", Resolved: "Mike Pence"},
			{Speaker: "Marvania's envoy Lena Ortiz", SpeakerStart: s3, SpeakerEnd: e3},
			{Speaker: "a spokesman"},
			{Speaker: "Karen Pence", SpeakerStart: s4, SpeakerEnd: e4},
		}},
		{Path: "b", Outlet: "O", Sources: []Attribution{{Speaker: "Pence"}, {Speaker: "critics of Mike Pence"}}},
	}
	o := aggregateOutletsWith(docs, newSpeakerIndex(entities))[0]
	got := map[string]Voice{}
	for _, v := range o.Voices {
		got[v.Speaker] = v
	}
	if v := got["Mike Pence"]; v.Count != 4 || v.Direct != 1 || v.Documents != 2 {
		t.Errorf("Mike Pence = %+v, want 4 quotes (1 direct) in 2 documents; voices %+v", v, o.Voices)
	}
	if got["Lena Ortiz"].Count != 1 || got["Marvania"].Count != 0 {
		t.Errorf("voices = %+v: the envoy speaks, not her country", o.Voices)
	}
	if got["a spokesman"].Count != 1 || got["Karen Pence"].Count != 1 || got["critics of Mike Pence"].Count != 1 || len(o.Voices) != 5 {
		t.Errorf("voices = %+v, want Mike Pence, Lena Ortiz, Karen Pence, critics of Mike Pence and a spokesman", o.Voices)
	}
	// without entities the phrases stay apart as before
	if n := len(aggregateOutlets(docs)[0].Voices); n < 3 {
		t.Errorf("without entities %d voices", n)
	}
}

// plainSpeakerIndex is the speaker index built mention by mention, with
// no run held: newSpeakerIndex must build the same.
func plainSpeakerIndex(entities []EntityInput) *speakerIndex {
	x := &speakerIndex{entities: entities, spans: map[string][]entitySpan{},
		docForms: map[string]map[string]int{}, forms: map[string]int{}}
	note := func(m map[string]int, form string, e int) {
		if prev, ok := m[form]; ok && prev != e {
			m[form] = -1
			return
		}
		m[form] = e
	}
	for i, e := range entities {
		for _, m := range e.Mentions {
			if m.Form == "" {
				continue
			}
			f := speakerKey(m.Form)
			x.spans[m.Path] = append(x.spans[m.Path], entitySpan{int32(m.Start), int32(m.End), int32(i), f})
			if x.docForms[m.Path] == nil {
				x.docForms[m.Path] = map[string]int{}
			}
			note(x.docForms[m.Path], f, i)
			note(x.forms, f, i)
		}
	}
	return x
}

func TestSpeakerIndexRuns(t *testing.T) {
	m := func(path string, start int, form string) MentionInput {
		return MentionInput{Path: path, Start: start, End: start + len(form), Form: form}
	}
	for _, c := range []struct {
		name string
		ents []EntityInput
	}{
		{"runs and returns", []EntityInput{
			{ID: "a", Kind: "person", Mentions: []MentionInput{m("1", 0, "Ann Lee"), m("1", 10, "Lee"), m("2", 0, "Lee"), m("1", 30, "Ann Lee"), m("2", 9, "")}},
			{ID: "b", Kind: "person", Mentions: []MentionInput{m("2", 20, "Lee"), m("2", 30, "Bo"), m("1", 40, "Bo"), m("3", 0, "the Bo")}},
			{ID: "c", Mentions: []MentionInput{m("3", 5, "Bo"), m("3", 9, "Bo"), m("1", 50, "Cy")}},
		}},
		{"a folded form empty", []EntityInput{
			{ID: "a", Mentions: []MentionInput{m("1", 0, "the"), m("1", 4, "The"), m("2", 0, "the")}},
			{ID: "b", Mentions: []MentionInput{m("1", 9, "the")}},
		}},
	} {
		got, want := newSpeakerIndex(c.ents), plainSpeakerIndex(c.ents)
		if !reflect.DeepEqual(got.spans, want.spans) || !reflect.DeepEqual(got.docForms, want.docForms) || !reflect.DeepEqual(got.forms, want.forms) {
			t.Errorf("%s: the index differs:\n got %v %v %v\nwant %v %v %v", c.name, got.spans, got.docForms, got.forms, want.spans, want.docForms, want.forms)
		}
	}
	// and on the update tests' entities
	docs := keptDocs()
	ents := findEntities(docs, updEntities())
	got, want := newSpeakerIndex(ents), plainSpeakerIndex(ents)
	if !reflect.DeepEqual(got.spans, want.spans) || !reflect.DeepEqual(got.docForms, want.docForms) || !reflect.DeepEqual(got.forms, want.forms) {
		t.Errorf("the index of the update tests' entities differs")
	}
}
