package project

import (
	"maps"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// Read accessors. A published Project is never changed (see ARCHITECTURE.md,
// "Snapshots"), so its fields are unexported: the small slices and maps are
// handed out as copies, the documents as a copy of the list or one at a time.

// Dir returns the project folder.
func (p *Project) Dir() string { return p.dir }

// Docs returns the articles, sorted by Path: a new slice each call (the
// documents themselves are shared and must not be written). In loops prefer
// NumDocs and DocAt, which copy nothing.
func (p *Project) Docs() []*document.Document { return slices.Clone(p.docs) }

// NumDocs returns the number of articles.
func (p *Project) NumDocs() int { return len(p.docs) }

// DocAt returns the i-th article in Path order; it panics when i is out of
// range, like an index.
func (p *Project) DocAt(i int) *document.Document { return p.docs[i] }

// Problems returns a copy of the files that could not be read and of those
// read whose text looks garbled (Kind document.ProblemGarbled; these are in
// Docs too), sorted by Path.
func (p *Project) Problems() []document.Problem { return slices.Clone(p.problems) }

// Skipped returns a copy of the files that are not articles (unknown
// types, special files), relative to Dir with /, sorted.
func (p *Project) Skipped() []string { return slices.Clone(p.skipped) }

// SkipReasons returns a copy of why a skipped path was not read, for those
// that are not merely of an unknown file type (a symbolic link, a FIFO, a
// device).
func (p *Project) SkipReasons() map[string]string { return maps.Clone(p.skipReasons) }

// Sidecar returns the project's metadata table, or nil. It is shared: read
// it, never write it.
func (p *Project) Sidecar() *sourcemeta.Sidecar { return p.sidecar }

// Stances returns the stances the sidecar table gives (nil without a stance
// column); see StanceOf. Its lists are read-only.
func (p *Project) Stances() *sourcemeta.SidecarStances { return p.stances }

// Origins returns a copy of the wire agencies each document's text credits
// (by Path): hints about republished copies, not outlets.
func (p *Project) Origins() map[string][]sourcemeta.Origin {
	if p.origins == nil {
		return nil
	}
	out := make(map[string][]sourcemeta.Origin, len(p.origins))
	for k, v := range p.origins {
		out[k] = slices.Clone(v)
	}
	return out
}

// OriginsOf returns a copy of the wire agencies the text of the document at
// path credits.
func (p *Project) OriginsOf(path string) []sourcemeta.Origin { return slices.Clone(p.origins[path]) }

// Warnings returns a copy of the project-level notes: sidecar rows that
// could not be used, a cache that could not be written.
func (p *Project) Warnings() []string { return slices.Clone(p.warnings) }

// FromCache returns how many documents of the last Open or Reload were
// served from the cache.
func (p *Project) FromCache() int { return p.fromCache }
