package alias

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// A cancelled grouping returns the context's error and leaves the mentions
// as they were (they are reordered only in the last, uninterrupted step).
func TestGroupInPlaceContextCancelled(t *testing.T) {
	var ms []entity.Mention
	for i := range 10000 {
		ms = append(ms, m(fmt.Sprint(i%7), fmt.Sprintf("Name%d Surname", i%300), entity.Person, ""))
	}
	before := slices.Clone(ms)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := GroupInPlaceContext(ctx, ms, nil, nil)
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("GroupInPlaceContext = %v, %v; want context.Canceled", res, err)
	}
	for i := range ms {
		if ms[i].Key != before[i].Key || ms[i].Doc != before[i].Doc {
			t.Fatalf("mention %d changed: %+v, was %+v", i, ms[i], before[i])
		}
	}
	res, err = GroupInPlaceContext(context.Background(), ms, nil, nil)
	if err != nil || len(res.Entities) != 300 {
		t.Fatalf("uncancelled: %v, %d entities, want 300", err, len(res.Entities))
	}
}
