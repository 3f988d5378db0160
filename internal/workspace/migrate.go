package workspace

import (
	"fmt"
	"sort"
	"time"
)

// v1File is the first workspace layout (version 1): open documents as a
// list, scroll positions as fractions by path, one tag per annotation and
// annotations anchored by span and quote only.
type v1File struct {
	Version   int                `json:"version"`
	Documents []string           `json:"documents"`
	Scroll    map[string]float64 `json:"scroll"`
	Highlight struct {
		Entities    []string `json:"entities"`
		Boilerplate bool     `json:"boilerplate"`
	} `json:"highlight"`
	Query       string         `json:"query"`
	Entity      string         `json:"entity"`
	Notes       string         `json:"notes"`
	Annotations []v1Annotation `json:"annotations"`
	Saved       time.Time      `json:"saved"`
}

type v1Annotation struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Note  string `json:"note"`
	Tag   string `json:"tag"`
}

// migrateV1 reads a version 1 file into the current layout. Scroll
// offsets are unknown (-1, the fraction is used); annotations get IDs
// "v1-N" and no hash, so they are re-anchored by their quote.
func migrateV1(data []byte) (*Workspace, error) {
	var old v1File
	if err := strictUnmarshal(data, &old); err != nil {
		le := jsonError(data, err)
		le.Problem = "version 1 file: " + le.Problem
		return nil, le
	}
	ws := &Workspace{
		Version:  Version,
		Created:  old.Saved,
		Saved:    old.Saved,
		Search:   Search{Query: old.Query, Entity: old.Entity},
		Notes:    old.Notes,
		Report:   ReportSettings{Paper: PaperA4},
		Warnings: []string{fmt.Sprintf("migrated from workspace version 1; saving writes version %d", Version)},
	}
	for _, p := range old.Documents {
		ws.Panes = append(ws.Panes, Pane{Path: p, Scroll: Scroll{Offset: -1, Fraction: old.Scroll[p]}})
	}
	// Version 1 listed the highlighted entities; the others were off.
	ws.Highlights.Boilerplate = old.Highlight.Boilerplate
	if len(old.Highlight.Entities) > 0 {
		ws.Highlights.Entities = map[string]bool{}
		for _, id := range old.Highlight.Entities {
			ws.Highlights.Entities[id] = true
		}
	}
	for i, a := range old.Annotations {
		na := Annotation{
			ID:       fmt.Sprintf("v1-%d", i+1),
			Path:     a.Doc,
			Span:     spanOf(a.Start, a.End),
			Quote:    a.Text,
			Note:     a.Note,
			Created:  old.Saved,
			Modified: old.Saved,
		}
		if a.Tag != "" {
			na.Tags = []string{a.Tag}
		}
		ws.Annotations = append(ws.Annotations, na)
	}
	// Scroll positions of documents that are not open were kept by v1 but
	// mean nothing now; say so rather than drop them silently.
	var stray []string
	for p := range old.Scroll {
		found := false
		for _, d := range old.Documents {
			found = found || d == p
		}
		if !found {
			stray = append(stray, p)
		}
	}
	if len(stray) > 0 {
		sort.Strings(stray)
		ws.Warnings = append(ws.Warnings, fmt.Sprintf("scroll positions of documents not open were dropped: %v", stray))
	}
	return ws, nil
}
