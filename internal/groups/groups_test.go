package groups

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/reuse"
)

func TestCompare(t *testing.T) {
	in := Input{
		Docs:  []coverage.Doc{{Path: "l1", Outlet: "L"}, {Path: "l2", Outlet: "L"}, {Path: "r1", Outlet: "R"}, {Path: "x", Outlet: "X"}},
		Group: map[string]string{"l1": "left", "l2": "left", "r1": "right"},
		Entities: []coverage.EntityMentions{
			{ID: "e-both", Name: "Both", Docs: map[string]int{"l1": 2, "r1": 1}},
			{ID: "e-left", Name: "LeftOnly", Docs: map[string]int{"l1": 1, "l2": 3}},
			{ID: "e-right", Name: "RightOnly", Docs: map[string]int{"r1": 1, "x": 5}}, // x is ungrouped
			{ID: "e-none", Name: "Nobody", Docs: map[string]int{"x": 1}},
		},
		Passages: []reuse.Passage{
			{ID: "p-left", Spans: []reuse.Span{{Path: "l1"}, {Path: "l2"}}},
			{ID: "p-cross", Spans: []reuse.Span{{Path: "l1"}, {Path: "r1"}}},
			{ID: "p-ungrouped", Spans: []reuse.Span{{Path: "l1"}, {Path: "x"}}},
		},
		Framing: &framing.Analysis{Documents: []framing.DocumentFraming{
			{Path: "l1", Entities: []framing.DocEntity{{ID: "e-both", Mentions: 2, Forms: []framing.FormCount{{Form: "the Regime", Count: 2}}}}},
			{Path: "r1", Entities: []framing.DocEntity{{ID: "e-both", Mentions: 1, Forms: []framing.FormCount{{Form: "the Government", Count: 1}},
				Descriptors: []framing.Descriptor{{Text: "elected", Count: 1}}}}},
		}},
	}
	res := Compare(in, Options{})
	if res.Ungrouped != 1 || len(res.Groups) != 2 {
		t.Fatalf("%+v", res)
	}
	left, right := res.Groups[0], res.Groups[1]
	if left.Group != "left" || left.Documents != 2 || len(left.Entities) != 1 || left.Entities[0].ID != "e-left" ||
		left.Entities[0].Mentions != 4 || len(left.Entities[0].Docs) != 2 {
		t.Errorf("left %+v", left)
	}
	if len(right.Entities) != 1 || right.Entities[0].ID != "e-right" || right.Entities[0].Mentions != 1 {
		t.Errorf("right %+v (mentions of ungrouped documents must not count)", right)
	}
	if len(left.Passages) != 1 || left.Passages[0].ID != "p-left" || len(right.Passages) != 0 {
		t.Errorf("passages left %+v right %+v", left.Passages, right.Passages)
	}
	if len(res.Coverage) == 0 || res.Coverage[0].ID != "e-left" {
		t.Fatalf("coverage %+v", res.Coverage)
	}
	for _, row := range res.Coverage {
		if row.ID == "e-both" && (row.Groups[0].Share != 0.5 || row.Groups[1].Share != 1) {
			t.Errorf("coverage of Both %+v", row.Groups)
		}
	}
	if len(res.Naming) != 1 || res.Naming[0].ID != "e-both" {
		t.Fatalf("naming %+v", res.Naming)
	}
	n := res.Naming[0].Groups
	if n[0].Forms[0].Form != "the Regime" || n[1].Forms[0].Form != "the Government" || n[1].Descriptors[0].Form != "elected" {
		t.Errorf("naming %+v", n)
	}
	// one group: nothing is a blind spot
	in.Group = map[string]string{"l1": "left", "r1": "left"}
	if res := Compare(in, Options{}); len(res.Groups) != 1 || len(res.Groups[0].Entities) != 0 {
		t.Errorf("one group: %+v", res.Groups)
	}
}
