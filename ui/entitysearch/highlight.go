package entitysearch

import (
	"reflect"

	"github.com/parallaxworkbench/parallax/internal/document"
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
	// touched are the entities the analyst toggled (or chose) themselves:
	// what a workspace saves, rather than every entity's default.
	touched map[string]bool
	next    int // the next palette index to hand out
	byDoc   map[string][]mark
}

// mark is one mention of an entity in a document.
type mark struct {
	id   string
	span document.Span
}

func newMarks() *marks {
	return &marks{all: true, colors: map[string]int{}, on: map[string]bool{}, byDoc: map[string][]mark{}, touched: map[string]bool{}}
}

// install takes a new analysis, prepared by prepareAnalysis: every entity
// named in more than one document has a colour (most mentioned first) and
// is on, as in the window's default layer; toggles of entities that still
// exist are kept. The prepared maps become the marks' own. It costs one
// step per entity toggled before, not per entity.
func (m *marks) install(pr *prepared) {
	old := m.on
	m.colors, m.on, m.byDoc, m.next = pr.colors, pr.on, pr.byDoc, pr.next
	pr.colors, pr.on, pr.byDoc = nil, nil, nil
	if m.colors == nil {
		m.colors, m.on, m.byDoc = map[string]int{}, map[string]bool{}, map[string][]mark{}
	}
	a := pr.a
	if a == nil || a.Entities() == nil {
		return
	}
	for id, on := range old {
		if _, ranked := m.on[id]; ranked {
			m.on[id] = on
		} else if on && a.Entities().Entity(id) != nil {
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
