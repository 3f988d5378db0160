package framing

// Aggregate sums docs per outlet (documents, words, stances, loaded terms,
// voices) and per entity and outlet (forms, descriptors) by the
// computation Analyse uses, for any subset of the documents: a report's
// selection, one document. entities are the entities to gather, with
// their mentions in docs: speakers are resolved to them as Analyse
// resolves them. Every figure the CLI, the report and the panels show on
// framing comes from here, so they agree.
func Aggregate(docs []DocumentFraming, entities []EntityInput, categories []string) *Analysis {
	a := &Analysis{Documents: docs, Categories: categories}
	a.Outlets, a.Entities = aggregate(docs, entities)
	return a
}

// aggregate sums docs per outlet and per entity. The two sums read the
// same documents and write nothing shared, so they run side by side: at
// tens of thousands of documents each takes seconds on one core.
func aggregate(docs []DocumentFraming, entities []EntityInput) ([]OutletFraming, []EntityNaming) {
	var outlets []OutletFraming
	done := make(chan struct{})
	go func() {
		defer close(done)
		outlets = aggregateOutletsWith(docs, newSpeakerIndex(entities))
	}()
	named := aggregateEntities(docs, entities)
	<-done
	return outlets, named
}
