package statedoc_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/statedoc/statedoctest"
)

func TestFollowReportsOtherWritersChanges(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := statedoctest.New()
	mine, theirs := statedoc.InStore(st, "ada"), statedoc.InStore(st, "bob")
	set := func(d *statedoc.Stored, key, data string) {
		t.Helper()
		if err := d.Update(ctx, key, func([]byte, bool) ([]byte, error) { return []byte(data), nil }); err != nil {
			t.Fatal(err)
		}
	}
	set(mine, statedoc.Aliases, "one") // there before following: not reported
	got := make(chan []string, 8)
	ended := make(chan error, 1)
	go func() { ended <- mine.Follow(ctx, 5*time.Millisecond, func(keys []string) { got <- keys }) }()

	// Wait until the first look has been taken: a change made before it
	// would only be recorded.
	deadline := time.Now().Add(5 * time.Second)
	for {
		set(theirs, statedoc.Lexicon, "probe "+time.Now().String())
		select {
		case keys := <-got:
			if strings.Join(keys, " ") != statedoc.Lexicon {
				t.Fatalf("first report %v, want the lexicon only", keys)
			}
		case <-time.After(50 * time.Millisecond):
			if time.Now().After(deadline) {
				t.Fatal("Follow never reported a change")
			}
			continue
		}
		break
	}
	set(theirs, statedoc.Sources, "x")
	set(theirs, ".parallax/workspaces/w.json", "{}")
	want := ".parallax/sources.json .parallax/workspaces/w.json"
	var seen []string
	for len(seen) < 2 {
		select {
		case keys := <-got:
			seen = append(seen, keys...)
		case <-time.After(5 * time.Second):
			t.Fatalf("reports %v, want %s", seen, want)
		}
	}
	slices.Sort(seen)
	if strings.Join(seen, " ") != want {
		t.Errorf("reports %v, want %s", seen, want)
	}
	cancel()
	if err := <-ended; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow ended with %v, want the context's end", err)
	}
}
