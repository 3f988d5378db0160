package engine

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
)

// TestFramingInputRuns checks that FramingInput, split into runs of
// entities on several goroutines, lists every entity in order with all
// its mentions, as one loop over the groups does: entity sizes uneven
// (one entity larger than a run), entities without mentions.
func TestFramingInputRuns(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, sizes := range [][]int{
		{0, 3, 1},                   // one run
		{30000, 1, 0, 25000, 40000}, // three runs, one entity past a run
		{10, 90000, 0, 0, 7, 12000, 5},
	} {
		res := &alias.Result{}
		kinds := []entity.Kind{entity.Person, entity.Organisation, entity.Place, entity.Other}
		for k, n := range sizes {
			e := &alias.Entity{ID: fmt.Sprint("e", k), Name: fmt.Sprint("Name ", k), Kind: kinds[k%len(kinds)]}
			for i := range n {
				e.Mentions = append(e.Mentions, entity.Mention{Doc: fmt.Sprint("d", i%97, ".txt"),
					Span: document.Span{Start: i, End: i + 1 + k}, Text: fmt.Sprint("form", k, i%3)})
			}
			res.Entities = append(res.Entities, e)
		}
		want := make([]framing.EntityInput, 0, len(sizes))
		for _, e := range res.Entities {
			in := framing.EntityInput{ID: e.ID, Name: e.Name, Kind: kindName(e.Kind), Mentions: []framing.MentionInput{}}
			for _, m := range e.Mentions {
				in.Mentions = append(in.Mentions, framing.MentionInput{Path: m.Doc, Start: m.Span.Start, End: m.Span.End, Form: m.Text})
			}
			want = append(want, in)
		}
		if got := FramingInput(res); !reflect.DeepEqual(got, want) {
			t.Errorf("sizes %v: the entities differ from one loop's", sizes)
		}
	}
}
