package project

import (
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// StanceOf returns doc's stance and where it comes from: the analyst's
// (sources.json) wins over the sidecar table's stance column.
func (p *Project) StanceOf(doc *document.Document) sourcemeta.Stance {
	return sourcemeta.ResolveStance(p.overrides, p.sidecar, p.stances, doc)
}

// StanceLabels lists the stance labels the project uses: the analyst's
// scale, then the sidecar column's labels that are not on it.
func (p *Project) StanceLabels() []string {
	var out []string
	seen := map[string]bool{}
	if p.overrides != nil {
		for _, l := range p.overrides.StanceScale() {
			seen[l] = true
			out = append(out, l)
		}
	}
	for _, l := range p.stances.Labels() {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// warnStanceConflicts notes outlets whose rows in the sidecar disagree on
// a stance: their documents keep their own rows' labels, and documents of
// theirs without a row get none.
func (p *Project) warnStanceConflicts() {
	if p.stances == nil {
		return
	}
	for _, c := range p.stances.Conflicts {
		p.warnings = append(p.warnings, p.stances.Column()+": rows of one outlet disagree, so no outlet-wide stance ("+c+")")
	}
}

// Overrides returns a copy of the analyst's metadata overrides and stances
// (.parallax/sources.json), or nil when that file is corrupt (see
// Problems). Editing the copy changes nothing here: save it and apply it
// with WithOverrides (engine.Project.EditOverrides does both), which gives
// a new project.
func (p *Project) Overrides() *sourcemeta.Overrides { return p.overrides.Clone() }

// Assemble returns a project of documents read elsewhere (test fixtures,
// imports), with the analyst's overrides ov applied (nil for none); docs
// must be sorted by path and are not copied.
func Assemble(dir string, docs []*document.Document, ov *sourcemeta.Overrides) *Project {
	p := &Project{dir: dir, docs: docs, overrides: ov.Clone(), origins: map[string][]sourcemeta.Origin{}, base: map[string]document.Metadata{}}
	for _, d := range docs {
		p.base[d.Path] = d.Meta
	}
	return p
}
