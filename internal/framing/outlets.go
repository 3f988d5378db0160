package framing

// Aggregate sums docs per outlet (documents, words, stances, loaded terms,
// voices) and per entity and outlet (forms, descriptors) by the
// computation Analyse uses, for any subset of the documents: a report's
// selection, one document. entities are the entities to gather, with
// their mentions in docs: speakers are resolved to them as Analyse
// resolves them. Every figure the CLI, the report and the panels show on
// framing comes from here, so they agree.
func Aggregate(docs []DocumentFraming, entities []EntityInput, categories []string) *Analysis {
	return &Analysis{
		Documents:  docs,
		Outlets:    aggregateOutletsWith(docs, newSpeakerIndex(entities)),
		Entities:   aggregateEntities(docs, entities),
		Categories: categories,
	}
}
