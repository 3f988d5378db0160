package workspaceui

import "github.com/parallaxworkbench/parallax/ui/entitysearch"

// EntitySearch adapts the entity search panel to SearchPanel.
func EntitySearch(p *entitysearch.Panel) SearchPanel { return entitySearch{p} }

type entitySearch struct{ p *entitysearch.Panel }

func (s entitySearch) Query() string  { return s.p.Entry().Text }
func (s entitySearch) Entity() string { return s.p.Chosen() }

func (s entitySearch) Highlights() (bool, map[string]bool) { return s.p.HighlightState() }

func (s entitySearch) Restore(query, entity string, all bool, entities map[string]bool) {
	s.p.SetQuery(query)
	if entity != "" && s.p.Chosen() != entity {
		s.p.ChooseEntity(entity)
	}
	if entities != nil { // saved by a window whose analysis was in
		s.p.SetHighlightState(all, entities)
	}
}
