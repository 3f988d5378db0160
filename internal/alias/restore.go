package alias

// KeyIndex returns the folded keys EntityOf resolves, each with its
// entity: what a kept analysis must keep to answer EntityOf alike. The map
// is a copy.
func (r *Result) KeyIndex() map[string]*Entity {
	out := make(map[string]*Entity, len(r.byKey))
	for k, e := range r.byKey {
		out[k] = e
	}
	return out
}

// Restore rebuilds a grouping kept elsewhere (an analysis read back from
// the store): its entities and suggestions as they were, keys as KeyIndex
// gave them. The entities are used as given, not copied.
func Restore(entities []*Entity, suggestions []Suggestion, keys map[string]*Entity) *Result {
	res := &Result{Entities: entities, Suggestions: suggestions, byID: make(map[string]*Entity, len(entities)), byKey: keys}
	if res.byKey == nil {
		res.byKey = map[string]*Entity{}
	}
	for _, e := range entities {
		res.byID[e.ID] = e
	}
	return res
}
