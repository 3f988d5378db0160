package workspaceui

import "github.com/parallaxworkbench/parallax/ui/entitysearch"

// EntitySearch adapts the entity search panel to SearchPanel. The panel
// exposes its query and chosen entity; an entity is chosen again only when
// it is among the entities the query lists.
func EntitySearch(p *entitysearch.Panel) SearchPanel { return entitySearch{p} }

type entitySearch struct{ p *entitysearch.Panel }

func (s entitySearch) Query() string  { return s.p.Entry().Text }
func (s entitySearch) Entity() string { return s.p.Chosen() }

func (s entitySearch) Restore(query, entity string) {
	s.p.SetQuery(query)
	if entity == "" || s.p.Chosen() == entity {
		return
	}
	for i, h := range s.p.Hits() {
		if h.ID == entity {
			s.p.Choose(i)
			return
		}
	}
}
