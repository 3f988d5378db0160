// Package docgroups sorts documents into the named groups a comparison
// runs over (by stance, outlet, language, a column of the sources table):
// the groups in name order, each document's group, the documents per group
// and how many have none. The analyses that compare groups (distinctive
// terms, blind spots) share it so that they agree on what a group is.
package docgroups

import (
	"sort"
	"strings"
)

// Groups is documents sorted into groups.
type Groups struct {
	// Names are the groups, sorted.
	Names []string
	// Of is each document's group, an index into Names; -1 for a document
	// without one.
	Of []int
	// Documents counts each group's documents.
	Documents []int
	// Ungrouped counts the documents without a group.
	Ungrouped int
	index     map[string]int
}

// Sort puts n documents into groups by their labels: label(i) is document
// i's group, trimmed of spaces; an empty label leaves the document out.
func Sort(n int, label func(i int) string) *Groups {
	g := &Groups{Of: make([]int, n), index: map[string]int{}}
	for i := range n {
		l := strings.TrimSpace(label(i))
		if l == "" {
			continue
		}
		if _, ok := g.index[l]; !ok {
			g.index[l] = -1
			g.Names = append(g.Names, l)
		}
	}
	sort.Strings(g.Names)
	for i, l := range g.Names {
		g.index[l] = i
	}
	g.Documents = make([]int, len(g.Names))
	for i := range n {
		k := g.Find(label(i))
		g.Of[i] = k
		if k < 0 {
			g.Ungrouped++
			continue
		}
		g.Documents[k]++
	}
	return g
}

// Find returns the index of the group labelled l (trimmed), or -1.
func (g *Groups) Find(l string) int {
	if k, ok := g.index[strings.TrimSpace(l)]; ok {
		return k
	}
	return -1
}
