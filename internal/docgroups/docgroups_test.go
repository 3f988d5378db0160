package docgroups

import (
	"slices"
	"testing"
)

func TestSort(t *testing.T) {
	labels := []string{"state", " independent", "", "state ", "  ", "exile"}
	g := Sort(len(labels), func(i int) string { return labels[i] })
	if want := []string{"exile", "independent", "state"}; !slices.Equal(g.Names, want) {
		t.Errorf("names %q, want %q", g.Names, want)
	}
	if want := []int{2, 1, -1, 2, -1, 0}; !slices.Equal(g.Of, want) {
		t.Errorf("groups of the documents %v, want %v", g.Of, want)
	}
	if want := []int{1, 1, 2}; !slices.Equal(g.Documents, want) {
		t.Errorf("documents per group %v, want %v", g.Documents, want)
	}
	if g.Ungrouped != 2 {
		t.Errorf("%d ungrouped, want 2", g.Ungrouped)
	}
	if g.Find(" state") != 2 || g.Find("none") != -1 || g.Find("") != -1 {
		t.Errorf("Find: state %d, none %d, empty %d", g.Find(" state"), g.Find("none"), g.Find(""))
	}
}

func TestSortEmpty(t *testing.T) {
	g := Sort(0, func(int) string { return "x" })
	if len(g.Names) != 0 || len(g.Of) != 0 || g.Ungrouped != 0 {
		t.Errorf("no documents gave %+v", g)
	}
}
