package alias

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecisions: any aliases.json is parsed without a panic; one that
// parses survives a save round trip, and merging no change into it, or
// merging it into nothing, keeps every decision.
func FuzzDecisions(f *testing.F) {
	f.Add([]byte(`{"version":1,"merges":[{"a":"A","b":"B"}],"rejects":[{"a":"C","b":"D"}],"splits":[{"form":"E"}],"renames":[{"form":"F","name":"G"}]}`))
	f.Add([]byte(`{"version":3}`))
	f.Add([]byte(`{"version":1,"merges":null,"rejects":[{"a":"A","b":"A"},{"a":"A","b":"A"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDecisions(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseDecisions(b)
		if err != nil {
			t.Fatalf("saved decisions do not parse: %v", err)
		}
		if !reflect.DeepEqual(lists(again), lists(d)) {
			t.Errorf("round trip changed the decisions")
		}
		if m := mergeDecisions(d.base, d, d); !reflect.DeepEqual(lists(m), lists(d)) {
			t.Errorf("merging no change changed the decisions:\n%+v\n%+v", lists(m), lists(d))
		}
		empty := &Decisions{Version: DecisionsVersion}
		m := mergeDecisions(nil, d, empty)
		for _, x := range d.Renames {
			if !contains(m.Renames, x) {
				t.Errorf("rename %+v lost merging into nothing", x)
			}
		}
	})
}

type decisionLists struct {
	M, R []Pair
	S    []Split
	N    []Rename
}

func lists(d *Decisions) decisionLists {
	return decisionLists{nilIfEmpty(d.Merges), nilIfEmpty(d.Rejects), nilIfEmpty(d.Splits), nilIfEmpty(d.Renames)}
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func contains[T comparable](s []T, x T) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
