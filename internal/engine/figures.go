package engine

import (
	"github.com/parallaxworkbench/parallax/internal/framing"
)

// This file is where the CLI, the report and the panels get the figures
// they show on framing: each is computed once, here or in the package
// behind it, and the callers only render.

// OutletFraming returns the framing of each outlet (documents, words,
// stances, loaded terms, who it quotes) over the documents keep accepts,
// every document when keep is nil. Without a framing analysis it is nil.
func (a *Analysis) OutletFraming(keep func(path string) bool) []framing.OutletFraming {
	if a == nil || a.Framing == nil {
		return nil
	}
	if keep == nil {
		return a.Framing.Outlets
	}
	var docs []framing.DocumentFraming
	for _, d := range a.Framing.Documents {
		if keep(d.Path) {
			docs = append(docs, d)
		}
	}
	return framing.Outlets(docs)
}

// DocumentFraming returns the framing of the document at path, or nil.
func (a *Analysis) DocumentFraming(path string) *framing.DocumentFraming {
	if a == nil || a.Framing == nil {
		return nil
	}
	for i := range a.Framing.Documents {
		if a.Framing.Documents[i].Path == path {
			return &a.Framing.Documents[i]
		}
	}
	return nil
}

// DocumentVoices returns who the document at path quotes or cites, counted
// and merged as the outlets' voices are (a surname joins the full name
// the document also uses), most often first.
func (a *Analysis) DocumentVoices(path string) []framing.Voice {
	df := a.DocumentFraming(path)
	if df == nil {
		return nil
	}
	outs := framing.Outlets([]framing.DocumentFraming{*df})
	if len(outs) == 0 {
		return nil
	}
	return outs[0].Voices
}
