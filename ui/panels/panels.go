// Package panels assembles the analysis panels that plug into the
// Parallax window: entity search (sidebar, Ctrl+K), alias review
// (sidebar), source framing (inspector), coverage, timeline and compare
// by group (bottom row). The window adds them with one call:
//
//	set := panels.New(w.Controller())
//	for _, p := range set.All() {
//		w.AddPanel(p)
//	}
//	w.AddHeaderTool(set.SearchField())
package panels

import (
	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/ui/aliasreview"
	"github.com/parallaxworkbench/parallax/ui/coverageview"
	"github.com/parallaxworkbench/parallax/ui/entitysearch"
	"github.com/parallaxworkbench/parallax/ui/groupview"
	"github.com/parallaxworkbench/parallax/ui/sourcepanel"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Set is the analysis panels of one window.
type Set struct {
	Search   *entitysearch.Panel
	Aliases  *aliasreview.Panel
	Source   *sourcepanel.Panel
	Coverage *coverageview.View
	Groups   *groupview.View
}

// New creates the panels, following c.
func New(c *state.Controller) *Set {
	return &Set{
		Search:   entitysearch.New(c),
		Aliases:  aliasreview.New(c),
		Source:   sourcepanel.New(c),
		Coverage: coverageview.New(c),
		Groups:   groupview.New(c),
	}
}

// All returns the panels in the order they are added: entity search and
// alias review in the sidebar, the source panel in the inspector, coverage
// and timeline and the compare-by-group view below the compare view.
func (s *Set) All() []state.Panel {
	out := []state.Panel{s.Search.Panel(), s.Aliases.Panel(), s.Source.Panel()}
	out = append(out, s.Coverage.Panels()...)
	return append(out, s.Groups.Panel())
}

// SearchField returns the always-visible entity search field for the
// window's header bar; it types into the entity search panel.
func (s *Set) SearchField() fyne.CanvasObject { return s.Search.HeaderField() }

// All creates the panels for c and returns them (when the header search
// field is not wanted).
func All(c *state.Controller) []state.Panel { return New(c).All() }
