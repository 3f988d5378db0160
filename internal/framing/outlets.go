package framing

// Aggregate sums docs per outlet (documents, words, stances, loaded terms,
// voices) and per entity and outlet (forms, descriptors) by the
// computation Analyse uses, for any subset of the documents: a report's
// selection, one document. entities names the entities to gather (only
// their ID, Name and Kind are read). Every figure the CLI, the report and
// the panels show on framing comes from here, so they agree.
func Aggregate(docs []DocumentFraming, entities []EntityInput, categories []string) *Analysis {
	return &Analysis{
		Documents:  docs,
		Outlets:    aggregateOutlets(docs),
		Entities:   aggregateEntities(docs, entities),
		Categories: categories,
	}
}
