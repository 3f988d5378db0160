package framing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
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
		wantForms, err := gatherMentions(ctx, docs, byPath, ents, want, 1, gatherMinRun)
		if err != nil {
			t.Fatal(err)
		}
		for _, procs := range []int{2, 3, 5} {
			got := make([]docWork, len(docs))
			gotForms, err := gatherMentions(ctx, docs, byPath, ents, got, procs, 1)
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
