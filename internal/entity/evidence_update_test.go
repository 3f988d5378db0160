package entity

import (
	"maps"
	"testing"
)

// Evidence.Update gives the counts CountEvidence gives over the new
// project, and exactly the keys whose counts moved.
func TestEvidenceUpdate(t *testing.T) {
	held := func(names []string, heldKeys ...string) Held {
		h := Held{NameKeys: names}
		for _, k := range heldKeys {
			h.Mentions = append(h.Mentions, Mention{Key: k}, Mention{Key: k}) // twice: counted once
		}
		return h
	}
	a := held([]string{"vela", "orin"}, "kessel")
	b := held([]string{"vela"}, "orin")
	c := held([]string{"kessel"})
	d := held(nil, "vela")
	cases := []struct {
		name                string
		before, gone, added []Held
		want                []string // keys whose counts moved
	}{
		{"nothing", []Held{a, b}, nil, nil, nil},
		{"one added", []Held{a, b}, nil, []Held{c}, []string{"kessel"}},
		{"one gone", []Held{a, b, c}, []Held{b}, nil, []string{"vela", "orin"}},
		{"changed to the same lists", []Held{a, b}, []Held{b}, []Held{b}, nil},
		{"changed", []Held{a, b}, []Held{b}, []Held{d}, []string{"vela", "orin"}},
		{"the last one gone", []Held{d}, []Held{d}, nil, []string{"vela"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := CountEvidence(tc.before)
			snapshot := &Evidence{using: maps.Clone(before.using), holding: maps.Clone(before.holding)}
			got, moved := before.Update(tc.gone, tc.added)
			// the new project: before, less one of each gone, plus added
			after := append([]Held(nil), tc.before...)
			for _, g := range tc.gone {
				for i := range after {
					if equalHeld(after[i], g) {
						after = append(after[:i], after[i+1:]...)
						break
					}
				}
			}
			want := CountEvidence(append(after, tc.added...))
			if !maps.Equal(got.using, want.using) || !maps.Equal(got.holding, want.holding) {
				t.Errorf("counts %v %v, want %v %v", got.using, got.holding, want.using, want.holding)
			}
			wantMoved := map[string]bool{}
			for _, k := range tc.want {
				wantMoved[k] = true
			}
			if !maps.Equal(moved, wantMoved) {
				t.Errorf("moved %v, want %v", moved, wantMoved)
			}
			if !maps.Equal(before.using, snapshot.using) || !maps.Equal(before.holding, snapshot.holding) {
				t.Error("Update changed the counts it was called on")
			}
		})
	}
}

func equalHeld(a, b Held) bool {
	if len(a.NameKeys) != len(b.NameKeys) || len(a.Mentions) != len(b.Mentions) {
		return false
	}
	for i := range a.NameKeys {
		if a.NameKeys[i] != b.NameKeys[i] {
			return false
		}
	}
	for i := range a.Mentions {
		if a.Mentions[i] != b.Mentions[i] {
			return false
		}
	}
	return true
}
