package engine

import (
	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
)

// This file is where the CLI, the report and the panels get the figures
// they show on framing: each is computed once, in the framing package,
// and the callers only render.

// FramingOf returns the framing of the documents keep accepts (every
// document when keep is nil): per document, per outlet (terms, who it
// quotes) and per entity and outlet (forms, descriptors), by the one
// computation of the framing analysis. Without a framing analysis it is
// nil.
func (a *Analysis) FramingOf(keep func(path string) bool) *framing.Analysis {
	if a == nil {
		return nil
	}
	fr := a.framing.get()
	if fr == nil {
		return nil
	}
	if keep == nil {
		return fr
	}
	var docs []framing.DocumentFraming
	for _, d := range fr.Documents {
		if keep(d.Path) {
			docs = append(docs, d)
		}
	}
	return framing.Aggregate(docs, a.framingInputIn(keep), fr.Categories)
}

// framingInputIn lists the entities for framing.Aggregate with their
// mentions in the kept documents only (speakers are resolved to them).
func (a *Analysis) framingInputIn(keep func(path string) bool) []framing.EntityInput {
	if a.ents == nil {
		return nil
	}
	out := make([]framing.EntityInput, len(a.ents.Entities))
	for i, e := range a.ents.Entities {
		in := framing.EntityInput{ID: e.ID, Name: e.Name, Kind: kindName(e.Kind)}
		for _, m := range e.Mentions {
			if keep(m.Doc) {
				in.Mentions = append(in.Mentions, framing.MentionInput{Path: m.Doc, Start: m.Span.Start, End: m.Span.End, Form: m.Text})
			}
		}
		out[i] = in
	}
	return out
}

// DocumentFraming returns the framing of the document at path, or nil.
func (a *Analysis) DocumentFraming(path string) *framing.DocumentFraming {
	if a == nil {
		return nil
	}
	fr := a.framing.get()
	if fr == nil {
		return nil
	}
	for i := range fr.Documents {
		if fr.Documents[i].Path == path {
			return &fr.Documents[i]
		}
	}
	return nil
}

// DocumentVoices returns who the document at path quotes or cites, counted
// and merged as the outlets' voices are (a surname joins the full name
// the document also uses), most often first.
func (a *Analysis) DocumentVoices(path string) []framing.Voice {
	f := a.FramingOf(func(p string) bool { return p == path })
	if f == nil || len(f.Outlets) == 0 {
		return nil
	}
	return f.Outlets[0].Voices
}

// Timeline returns the documents' timeline by outlet (dated documents by
// day, the undated counted apart): the one computation behind the
// analysis' Timeline, the report's and the timeline panel's, which can be
// drawn before the analysis ends.
func Timeline(docs []*document.Document) coverage.Timeline {
	return coverage.NewTimeline(coverage.DocsOf(docs))
}
