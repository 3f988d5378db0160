// Package workspace keeps an analyst's comparisons of one project folder as
// named workspaces in <project>/.parallax/workspaces/<name>.json: the
// documents open and their panes, scroll positions, highlight toggles, the
// search, the document table's filters, annotations anchored to passages,
// notes and report settings. Files are readable, diffable JSON with a
// version, written atomically with a backup; damaged, foreign or newer files
// are reported, never overwritten unasked.
package workspace

import (
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// Version is the workspace file layout this code writes. Files of older
// versions are migrated on load; newer ones open read-only.
const Version = 2

// Workspace is one saved comparison. The zero value of every field is a
// valid empty setting.
type Workspace struct {
	// Version of the file layout; Save writes Version.
	Version int `json:"version"`
	// AppVersion names the application that last saved the file.
	AppVersion string    `json:"app_version,omitempty"`
	Created    time.Time `json:"created"`
	Saved      time.Time `json:"saved"`

	// Panes are the open documents, left to right.
	Panes []Pane `json:"panes"`
	// Active is the index of the focused pane (0 when there are none).
	Active      int            `json:"active"`
	Highlights  Highlights     `json:"highlights"`
	Search      Search         `json:"search"`
	Table       Table          `json:"table"`
	Annotations []Annotation   `json:"annotations"`
	Notes       string         `json:"notes"`
	Report      ReportSettings `json:"report"`

	// Name is the workspace's name, from its file name; not stored inside.
	Name string `json:"-"`
	// ReadOnly is set when the file was written by a newer version than
	// this code knows: Save refuses it unless forced (or use SaveAs).
	ReadOnly bool `json:"-"`
	// Warnings are non-fatal remarks from loading (newer version, fields
	// ignored, migration done) for the UI to show.
	Warnings []string `json:"-"`

	// disk is what the file looked like when loaded or last saved, to
	// detect another writer.
	disk stamp
}

// Pane is one open document.
type Pane struct {
	// Path is relative to the project, with forward slashes.
	Path string `json:"path"`
	// Hash is the document's hex SHA-256 when the pane was saved, to
	// notice a changed file; empty when unknown.
	Hash   string `json:"hash,omitempty"`
	Scroll Scroll `json:"scroll"`
	// Width is the pane's share of the compare area's width (0 to 1; 0
	// means an even share).
	Width float64 `json:"width,omitempty"`
	// Direction is the text direction the analyst forced on the pane:
	// "ltr" or "rtl"; empty (files from before it was saved too) means
	// each paragraph takes its own from its first letter.
	Direction string `json:"direction,omitempty"`
}

// Scroll is a pane's reading position. Offset survives a change of window
// size or font; Fraction is the fallback when the text changed under it.
type Scroll struct {
	// Offset is the byte offset in Document.Text of the first visible
	// character; -1 when unknown.
	Offset int `json:"offset"`
	// Fraction is the scrolled part of the pane's height, 0 to 1.
	Fraction float64 `json:"fraction"`
}

// Highlights are the pane's highlight toggles.
type Highlights struct {
	// All turns every entity highlight on or off; Entities overrides it
	// per entity ID.
	All      bool            `json:"all"`
	Entities map[string]bool `json:"entities,omitempty"`
	// Boilerplate shows page chrome and footers (dimmed) instead of hiding it.
	Boilerplate bool `json:"boilerplate"`
	// Passages marks shared passages between the open documents.
	Passages bool `json:"passages"`
}

// Search is the search box and the selected entity.
type Search struct {
	Query  string `json:"query"`
	Entity string `json:"entity"` // selected entity ID, "" for none
}

// Table is the document table's view.
type Table struct {
	Filters []Filter  `json:"filters,omitempty"`
	Sort    []SortKey `json:"sort,omitempty"`
}

// Filter keeps the rows whose Column matches Value by Op.
type Filter struct {
	Column string `json:"column"`
	Op     string `json:"op"` // e.g. "contains", "equals", "before", "after"
	Value  string `json:"value"`
}

// SortKey sorts the table by one column; earlier keys win.
type SortKey struct {
	Column string `json:"column"`
	Desc   bool   `json:"desc,omitempty"`
}

// Paper sizes of the report.
const (
	PaperA4     = "a4"
	PaperLetter = "letter"
)

// ReportSettings are the comparison report's options.
type ReportSettings struct {
	Title string `json:"title"`
	Paper string `json:"paper"` // PaperA4 or PaperLetter; "" means A4
	// Sections turns report sections on or off by name; a section not
	// listed uses the report's default.
	Sections map[string]bool `json:"sections,omitempty"`
}

// Annotation is an analyst's note on a passage of a document.
type Annotation struct {
	ID string `json:"id"`
	// Path is the document's path relative to the project.
	Path string `json:"path"`
	// Hash is the hex SHA-256 of the document file the Span refers to.
	Hash string        `json:"hash"`
	Span document.Span `json:"span"`
	// Quote is the annotated text; Before and After are a little of the
	// text around it, to find it again when the file changes.
	Quote  string `json:"quote"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`

	Note     string    `json:"note"`
	Tags     []string  `json:"tags,omitempty"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`

	// Orphaned is set when the quote could no longer be found in its
	// document; the annotation is kept and listed, with its last span.
	Orphaned bool `json:"orphaned,omitempty"`
}

// New returns an empty workspace named name, created now.
func New(name string, now time.Time) *Workspace {
	now = now.UTC().Round(0)
	return &Workspace{
		Version: Version,
		Name:    name,
		Created: now,
		Report:  ReportSettings{Paper: PaperA4},
	}
}

// Documents lists the distinct document paths the workspace refers to, in
// panes and annotations, in first-seen order.
func (ws *Workspace) Documents() []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range ws.Panes {
		add(p.Path)
	}
	for _, a := range ws.Annotations {
		add(a.Path)
	}
	return out
}

// Orphans returns the annotations that could not be re-anchored.
func (ws *Workspace) Orphans() []Annotation {
	var out []Annotation
	for _, a := range ws.Annotations {
		if a.Orphaned {
			out = append(out, a)
		}
	}
	return out
}
