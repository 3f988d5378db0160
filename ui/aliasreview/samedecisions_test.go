package aliasreview

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
)

func TestSameDecisions(t *testing.T) {
	ab, cd := alias.Pair{A: "a", B: "b"}, alias.Pair{A: "c", B: "d"}
	tests := []struct {
		name string
		a, b alias.Decisions
		want bool
	}{
		{"both empty", alias.Decisions{}, alias.Decisions{Merges: []alias.Pair{}}, true},
		{"same", alias.Decisions{Merges: []alias.Pair{ab}}, alias.Decisions{Merges: []alias.Pair{ab}}, true},
		{"a merge more", alias.Decisions{Merges: []alias.Pair{ab}}, alias.Decisions{Merges: []alias.Pair{ab, cd}}, false},
		{"order", alias.Decisions{Merges: []alias.Pair{ab, cd}}, alias.Decisions{Merges: []alias.Pair{cd, ab}}, false},
		{"reject", alias.Decisions{}, alias.Decisions{Rejects: []alias.Pair{ab}}, false},
		{"split", alias.Decisions{}, alias.Decisions{Splits: []alias.Split{{Form: "a"}}}, false},
		{"rename", alias.Decisions{Renames: []alias.Rename{{Form: "a", Name: "x"}}}, alias.Decisions{Renames: []alias.Rename{{Form: "a", Name: "y"}}}, false},
	}
	for _, tt := range tests {
		if got := SameDecisions(&tt.a, &tt.b); got != tt.want {
			t.Errorf("%s: SameDecisions = %v, want %v", tt.name, got, tt.want)
		}
	}
}
