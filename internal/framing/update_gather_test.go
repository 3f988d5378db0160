package framing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// TestGatherMentionsRuns checks that the mention pass split into runs
// of entities gives each document exactly the lists, and the project
// exactly the speaker forms, one serial pass gives: mentions of one
// entity in several documents and of several entities in one document,
// forms shared by entities (-1) or by runs, mentions of unknown paths,
// bad spans and empty forms, entities without mentions.
func TestGatherMentionsRuns(t *testing.T) {
	forms := []string{"Osman", "Tarek Osman", "Varga", "Lena Varga", "Петров", "", "Reuters", "OSMAN"}
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 7))
		docs := make([]*document.Document, 1+r.IntN(12))
		byPath := map[string]int{}
		for i := range docs {
			docs[i] = &document.Document{Path: fmt.Sprintf("d%02d.txt", i), Text: string(make([]byte, 50+r.IntN(200)))}
			byPath[docs[i].Path] = i
		}
		ents := make([]EntityInput, r.IntN(40))
		for e := range ents {
			ents[e].ID = fmt.Sprint(e)
			for range r.IntN(30) {
				path := fmt.Sprintf("d%02d.txt", r.IntN(len(docs)+2)) // some unknown
				if r.IntN(4) > 0 && len(ents[e].Mentions) > 0 {
					path = ents[e].Mentions[len(ents[e].Mentions)-1].Path // runs of one document
				}
				s := r.IntN(260) - 5
				ents[e].Mentions = append(ents[e].Mentions, MentionInput{Path: path, Start: s, End: s + r.IntN(12) - 1, Form: forms[r.IntN(len(forms))]})
			}
		}
		ctx := context.Background()
		want := make([]docWork, len(docs))
		wantForms, err := gatherMentions(ctx, docs, byPath, ents, want, 1, gatherMinRun, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, procs := range []int{2, 3, 5} {
			got := make([]docWork, len(docs))
			gotForms, err := gatherMentions(ctx, docs, byPath, ents, got, procs, 1, 5)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotForms, wantForms) {
				t.Fatalf("seed %d, %d runs: forms %v, want %v", seed, procs, gotForms, wantForms)
			}
			for di := range docs {
				if !reflect.DeepEqual(got[di].ms, want[di].ms) || !reflect.DeepEqual(got[di].spans, want[di].spans) {
					t.Fatalf("seed %d, %d runs, document %d: mentions %v spans %v, want %v %v",
						seed, procs, di, got[di].ms, got[di].spans, want[di].ms, want[di].spans)
				}
			}
		}
	}
}

// TestLinkKeyEntities checks that the link key, which writes a mention's
// entity as its slot or, outside the slots, once in full, still tells
// apart every change of what ties a document to the entities: another
// entity for a mention (in the slots or not), another name or kind of an
// entity outside the slots, mentions of one unslotted entity taken as
// two different ones.
func TestLinkKeyEntities(t *testing.T) {
	ents := []EntityInput{
		{ID: "a", Name: "Osman", Kind: "person"}, {ID: "b", Name: "Varga", Kind: "person"},
		{ID: "c", Name: "Reuters", Kind: "org"}, {ID: "d", Name: "Basra", Kind: "place"},
	}
	slots, slotOf := []int{1, 0}, map[int]int{1: 0, 0: 1}
	base := []entitySpan{{0, 5, 0, "osman"}, {10, 15, 2, "reuters"}, {20, 25, 1, "varga"}, {30, 37, 2, "reuters"}}
	key := func(ents []EntityInput, spans []entitySpan) string {
		return string(linkKey(nil, slots, slotOf, spans, ents))
	}
	with := func(k int, e int32) []entitySpan {
		s := slices.Clone(base)
		s[k].entity = e
		return s
	}
	renamed := slices.Clone(ents)
	renamed[2].Name = "Reuters News"
	rekinded := slices.Clone(ents)
	rekinded[2].Kind = "person"
	want := key(ents, base)
	if key(slices.Clone(ents), slices.Clone(base)) != want {
		t.Fatal("the same link gives another key")
	}
	for name, got := range map[string]string{
		"a slotted mention's entity":          key(ents, with(0, 1)),
		"an unslotted mention to a slot":      key(ents, with(1, 0)),
		"an unslotted entity for another":     key(ents, with(3, 3)),
		"a slotted mention to an unslotted":   key(ents, with(2, 3)),
		"an unslotted entity's name":          key(renamed, base),
		"an unslotted entity's kind":          key(rekinded, base),
		"both unslotted mentions another one": key(ents, with(1, 3)[:3]),
		"a mention fewer":                     key(ents, base[:3]),
	} {
		if got == want {
			t.Errorf("%s changed: the same key", name)
		}
	}
}
