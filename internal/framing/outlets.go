package framing

// Outlets aggregates docs per outlet (documents, words, stances, loaded
// terms, voices) by the computation Analyse uses for Analysis.Outlets, for
// any subset of the documents: a report's selection, one document. Every
// figure of who an outlet quotes comes from here, so the CLI, the report
// and the panels agree.
func Outlets(docs []DocumentFraming) []OutletFraming {
	return aggregateOutlets(docs)
}
