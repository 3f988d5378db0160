package engine

import (
	"context"
	"iter"
	"runtime"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Read accessors. A published Project or Analysis is never changed (see
// ARCHITECTURE.md, "Snapshots"), so their fields are unexported and only the
// engine's constructors (Open, Analyse, Regroup, ReloadLexicon, Restance,
// WithProject, ReloadMetadata, EditOverrides) set them. Small slices are
// handed out as copies; the big ones (mentions, folded texts) one element at
// a time or through an iterator, so reading copies nothing and writing is
// impossible. Values behind the pointers returned (the entity groups, the
// search index, the framing, the lists) are shared: read them, never write.

// Folded returns a copy of the folded texts: Folded()[i] is
// textnorm.Fold(DocAt(i).Text). It folds every text not folded yet (on
// all cores): in loops, and for a few documents, prefer FoldedAt.
func (p *Project) Folded() []textnorm.Folded {
	folded, _ := p.folded.all(context.Background(), runtime.GOMAXPROCS(0)) // no context: never fails
	return folded
}

// FoldedAt returns the folded text of the i-th document, folding it the
// first time it is asked for.
func (p *Project) FoldedAt(i int) textnorm.Folded { return p.folded.at(i) }

// Project returns the project snapshot the analysis was derived from.
func (a *Analysis) Project() *Project { return a.project }

// Mentions yields every mention found with its position, ordered entity by
// entity once grouped (each entity's Mentions is a window of this list).
// The mentions are values: changing one changes nothing in a.
func (a *Analysis) Mentions() iter.Seq2[int, entity.Mention] {
	return func(yield func(int, entity.Mention) bool) {
		for i, m := range a.mentions {
			if !yield(i, m) {
				return
			}
		}
	}
}

// NumMentions returns the number of mentions.
func (a *Analysis) NumMentions() int { return len(a.mentions) }

// MentionAt returns the i-th mention (a copy).
func (a *Analysis) MentionAt(i int) entity.Mention { return a.mentions[i] }

// Entities returns the grouped entities and the alias suggestions (shared:
// read only).
func (a *Analysis) Entities() *alias.Result { return a.ents }

// Search returns the search index over the documents and entities, built
// (and every text folded) the first time it is asked for; nil if it could
// not be (Warnings then says why).
func (a *Analysis) Search() *search.Index { return a.search.get() }

// Passages returns a copy of the passages shared between documents (their
// spans copied too).
func (a *Analysis) Passages() []reuse.Passage {
	if a.passages == nil {
		return nil
	}
	out := slices.Clone(a.passages)
	for i := range out {
		out[i].Spans = slices.Clone(out[i].Spans)
	}
	return out
}

// Framing returns the framing analysis (shared: read only). A framing
// read from the store is decoded the first time it is asked for.
func (a *Analysis) Framing() *framing.Analysis { return a.framing.get() }

// Coverage returns the entity × document matrix, built the first time it
// is asked for. Its rows and columns are shared: read only.
func (a *Analysis) Coverage() coverage.Matrix { return a.coverage.get() }

// Exclusive returns a copy of the entities that one outlet names and no
// other does, found the first time they are asked for.
func (a *Analysis) Exclusive() []coverage.Exclusive {
	ex := a.exclusive.get()
	if ex == nil {
		return nil
	}
	out := slices.Clone(ex)
	for i := range out {
		out[i].Entities = slices.Clone(out[i].Entities)
	}
	return out
}

// Timeline returns the documents by outlet and date. Its lanes are shared:
// read only.
func (a *Analysis) Timeline() coverage.Timeline { return a.timeline }

// Gazetteer returns the gazetteer the analysis used: the shipped one with
// the project's own additions.
func (a *Analysis) Gazetteer() *entity.Gazetteer { return a.gazetteer }

// Lexicon returns the framing lexicon the analysis used: the shipped one
// with the project's own additions.
func (a *Analysis) Lexicon() *framing.Lexicon { return a.lexicon }

// Decisions returns the analyst's alias decisions that the grouping
// applied, or nil when aliases.json is unreadable. They are shared: to
// change them, edit a copy and call Regroup.
func (a *Analysis) Decisions() *alias.Decisions { return a.decisions }

// Warnings returns a copy of the project files the analysis could not use
// (a corrupt aliases.json or lexicon): it went on without them. A part
// built when first read (the search index, a framing kept in the store)
// adds its own once it has been read and something went wrong with it.
func (a *Analysis) Warnings() []string {
	w := slices.Clone(a.warnings)
	for _, s := range []string{a.search.warning(), a.framing.warning()} {
		if s != "" {
			w = append(w, s)
		}
	}
	return w
}

// AssembleProject returns a project of p with the given folded texts
// (folded[i] must be textnorm.Fold of p's i-th document): for tests and
// tools that build a project by hand rather than through Open. folded is
// copied.
func AssembleProject(p *project.Project, folded []textnorm.Folded) *Project {
	return &Project{Project: p, folded: givenFolded(p.Docs(), folded)}
}

// Parts are the results an Analysis is assembled from by Assemble.
type Parts struct {
	Project   *Project
	Mentions  []entity.Mention
	Entities  *alias.Result
	Search    *search.Index
	Passages  []reuse.Passage
	Framing   *framing.Analysis
	Coverage  coverage.Matrix
	Exclusive []coverage.Exclusive
	Timeline  coverage.Timeline
	Gazetteer *entity.Gazetteer
	Lexicon   *framing.Lexicon
	Decisions *alias.Decisions
	Warnings  []string
}

// Assemble returns an analysis made of the given parts: for tests and tools
// that build an analysis by hand (hand-marked mentions, a partial analysis)
// rather than through Analyse. The slices are copied, so changing parts
// afterwards does not change the analysis; the values behind the pointers
// are taken as they are and must not be written afterwards.
func Assemble(parts Parts) *Analysis {
	a := &Analysis{
		project:   parts.Project,
		mentions:  slices.Clone(parts.Mentions),
		ents:      parts.Entities,
		search:    ready(parts.Search),
		framing:   ready(parts.Framing),
		timeline:  parts.Timeline,
		gazetteer: parts.Gazetteer,
		lexicon:   parts.Lexicon,
		decisions: parts.Decisions,
		warnings:  slices.Clone(parts.Warnings),
	}
	// Passages and Exclusive copy their inner lists as well.
	a.passages, a.exclusive = parts.Passages, ready(parts.Exclusive)
	a.passages, a.exclusive = a.Passages(), ready(a.Exclusive())
	a.coverage = ready(parts.Coverage)
	return a
}

// Kept tells how Analyse used the store of Options.Store (zero without one).
func (a *Analysis) Kept() StoreUse { return a.kept }
