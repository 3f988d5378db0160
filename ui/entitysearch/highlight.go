package entitysearch

import (
	"reflect"
	"sort"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// LayerEntities is the name of the highlight layer of entity mentions; the
// panel installs it in place of the window's default one.
const LayerEntities = "entities"

// marks is the "entities" highlight layer: one colour per entity, each
// entity toggled on its own, and all of them on or off at once.
type marks struct {
	colors map[string]int  // entity ID → palette index
	on     map[string]bool // entities toggled on
	all    bool            // the master switch
	next   int             // the next palette index to hand out
	byDoc  map[string][]mark
}

// mark is one mention of an entity in a document.
type mark struct {
	id   string
	span document.Span
}

func newMarks() *marks {
	return &marks{all: true, colors: map[string]int{}, on: map[string]bool{}, byDoc: map[string][]mark{}}
}

// reset takes a new analysis: every entity named in more than one document
// gets a colour (most mentioned first) and is on, as in the window's
// default layer; toggles of entities that still exist are kept.
func (m *marks) reset(a *engine.Analysis) {
	old := m.on
	m.colors, m.on, m.byDoc, m.next = map[string]int{}, map[string]bool{}, map[string][]mark{}, 0
	if a == nil || a.Entities == nil {
		return
	}
	type ranked struct {
		id string
		n  int
	}
	var rs []ranked
	for _, e := range a.Entities.Entities {
		for _, mn := range e.Mentions {
			m.byDoc[mn.Doc] = append(m.byDoc[mn.Doc], mark{e.ID, mn.Span})
		}
		if len(e.Documents) > 1 {
			rs = append(rs, ranked{e.ID, len(e.Mentions)})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].n != rs[j].n {
			return rs[i].n > rs[j].n
		}
		return rs[i].id < rs[j].id
	})
	for _, r := range rs {
		m.colors[r.id] = m.next % textview.PaletteSize
		m.next++
		on, known := old[r.id]
		m.on[r.id] = on || !known
	}
	for id, on := range old {
		if on && a.Entities.Entity(id) != nil {
			m.set(id, true)
		}
	}
}

// color returns an entity's palette index, handing one out when it has
// none yet.
func (m *marks) color(id string) int {
	c, ok := m.colors[id]
	if !ok {
		c = m.next % textview.PaletteSize
		m.next++
		m.colors[id] = c
	}
	return c
}

// set toggles one entity.
func (m *marks) set(id string, on bool) {
	if on {
		m.color(id)
	}
	m.on[id] = on
}

// highlights returns the highlights of d: the mentions of the entities
// that are on.
func (m *marks) highlights(d *document.Document) []textview.Highlight {
	if !m.all || d == nil {
		return nil
	}
	var out []textview.Highlight
	for _, k := range m.byDoc[d.Path] {
		if m.on[k.id] {
			out = append(out, textview.Highlight{Start: k.span.Start, End: k.span.End,
				Kind: textview.Entity, ColorIndex: m.colors[k.id], ID: k.id})
		}
	}
	return out
}

// sameFunc reports whether f and g are the same function literal or method
// (closures of one literal compare equal). The window installs its own
// default "entities" layer once an analysis is done; the panel tells it
// from its own this way and installs its layer again.
func sameFunc(f, g state.HighlightFunc) bool {
	if f == nil || g == nil {
		return f == nil && g == nil
	}
	return reflect.ValueOf(f).Pointer() == reflect.ValueOf(g).Pointer()
}
