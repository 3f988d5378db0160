package alias

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// DecisionsFile is where the analyst's alias decisions live, relative to
// the project folder.
const DecisionsFile = statedoc.Aliases

// DecisionsVersion is the version of the decisions file this code writes.
const DecisionsVersion = 1

// Pair names two forms (any spelling that folds alike).
type Pair struct {
	A    string `json:"a"`
	B    string `json:"b"`
	Note string `json:"note,omitempty"`
}

// Split takes a form out of whatever entity it would join automatically.
type Split struct {
	Form string `json:"form"`
}

// Rename gives the entity holding Form the name Name.
type Rename struct {
	Form string `json:"form"`
	Name string `json:"name"`
}

// Decisions are the analyst's alias decisions. They refer to forms, not to
// entity IDs, so they survive changes in the corpus.
type Decisions struct {
	Version int      `json:"version"`
	Merges  []Pair   `json:"merges"`  // accepted suggestions and manual merges
	Rejects []Pair   `json:"rejects"` // rejected suggestions: never together
	Splits  []Split  `json:"splits"`
	Renames []Rename `json:"renames"`

	// base is the content as loaded or last saved (shared by copies, never
	// modified): Save applies only the changes from base onto the file as
	// it is on disk, so two writers never lose each other's decisions.
	base *Decisions
}

// LoadDecisions reads <projectDir>/.parallax/aliases.json. A missing file
// gives empty decisions; a corrupt one an error (the file is left alone).
func LoadDecisions(projectDir string) (*Decisions, error) {
	return LoadDecisionsFrom(context.Background(), statedoc.Folder(projectDir))
}

// LoadDecisionsFrom reads the decisions from the project's state documents
// (its folder or its store). None gives empty decisions; corrupt ones an
// error (they are left alone).
func LoadDecisionsFrom(ctx context.Context, docs statedoc.Docs) (*Decisions, error) {
	data, ok, err := docs.Read(ctx, DecisionsFile)
	if err != nil {
		return nil, fmt.Errorf("read alias decisions: %w", err)
	}
	if !ok {
		d := &Decisions{Version: DecisionsVersion}
		d.base = d.snapshot()
		return d, nil
	}
	d, err := ParseDecisions(data)
	if err != nil {
		return nil, fmt.Errorf("alias decisions %s in %s: %w", DecisionsFile, docs.Where(), err)
	}
	return d, nil
}

// ParseDecisions reads the bytes of an aliases.json file.
func ParseDecisions(data []byte) (*Decisions, error) {
	var d Decisions
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("corrupt (fix or remove the file): %w", err)
	}
	if d.Version < 1 || d.Version > DecisionsVersion {
		return nil, fmt.Errorf("unsupported version %d", d.Version)
	}
	d.base = d.snapshot()
	return &d, nil
}

// snapshot copies the decisions' lists.
func (d *Decisions) snapshot() *Decisions {
	return &Decisions{Version: d.Version, Merges: slices.Clone(d.Merges), Rejects: slices.Clone(d.Rejects),
		Splits: slices.Clone(d.Splits), Renames: slices.Clone(d.Renames)}
}

// Save writes the decisions to <projectDir>/.parallax/aliases.json
// atomically, keeping the previous file as a backup. Under the project's
// lock it re-reads the file and applies this writer's changes (since d was
// loaded or last saved) to it; d then holds the merged whole.
func (d *Decisions) Save(projectDir string) error {
	return d.SaveTo(context.Background(), statedoc.Folder(projectDir))
}

// SaveTo is Save into the project's state documents (its folder or its
// store): in one step that no other writer interleaves with, this writer's
// changes are applied to the decisions as they are now.
func (d *Decisions) SaveTo(ctx context.Context, docs statedoc.Docs) error {
	var merged *Decisions
	err := docs.Update(ctx, DecisionsFile, func(cur []byte, exists bool) ([]byte, error) {
		merged = d.snapshot()
		if exists {
			// Decisions that do not parse are replaced (a file is kept as
			// the backup, a store's version in its history).
			if disk, perr := ParseDecisions(cur); perr == nil {
				merged = mergeDecisions(d.base, d, disk)
			}
		}
		merged.Version = DecisionsVersion
		data, err := json.MarshalIndent(merged, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("encode alias decisions: %w", err)
		}
		return append(data, '\n'), nil
	})
	if err != nil {
		return fmt.Errorf("save alias decisions: %w", err)
	}
	merged.base = merged.snapshot()
	*d = *merged
	return nil
}

// The recording methods keep the decisions consistent: the latest word on
// a pair of forms wins, as the analyst expects when they change their mind.

// Accept records an accepted suggestion as a merge of its two forms.
func (d *Decisions) Accept(s Suggestion) { d.Merge(s.FormA, s.FormB) }

// Reject records a rejected suggestion: its two forms never join. It
// replaces an earlier merge of the same two forms.
func (d *Decisions) Reject(s Suggestion) {
	d.Merges = dropPairs(d.Merges, func(p Pair) bool { return samePair(p, s.FormA, s.FormB) })
	d.Rejects = append(d.Rejects, Pair{A: s.FormA, B: s.FormB})
}

// Merge records a manual merge of the entities holding forms a and b. It
// replaces an earlier rejection of the same two forms.
func (d *Decisions) Merge(a, b string) {
	d.Rejects = dropPairs(d.Rejects, func(p Pair) bool { return samePair(p, a, b) })
	d.Merges = append(d.Merges, Pair{A: a, B: b})
}

// SplitForm records that a form stands apart from the automatic grouping,
// and undoes earlier manual merges that named it.
func (d *Decisions) SplitForm(form string) {
	k := entity.Key(form)
	d.Merges = dropPairs(d.Merges, func(p Pair) bool { return entity.Key(p.A) == k || entity.Key(p.B) == k })
	d.Splits = append(d.Splits, Split{Form: form})
}

func samePair(p Pair, a, b string) bool {
	x, y, ka, kb := entity.Key(p.A), entity.Key(p.B), entity.Key(a), entity.Key(b)
	return x == ka && y == kb || x == kb && y == ka
}

func dropPairs(ps []Pair, drop func(Pair) bool) []Pair {
	out := ps[:0]
	for _, p := range ps {
		if !drop(p) {
			out = append(out, p)
		}
	}
	return out
}

// RenameEntity records a new name for the entity holding form.
func (d *Decisions) RenameEntity(form, name string) {
	d.Renames = append(d.Renames, Rename{Form: form, Name: name})
}

// prepare marks splits and rejections in the grouper.
func (d *Decisions) prepare(g *grouper) {
	if d == nil {
		return
	}
	for _, s := range d.Splits {
		if n, ok := g.idx[entity.Key(s.Form)]; ok {
			g.nodes[n].split = true
		}
	}
	for _, r := range d.Rejects {
		a, okA := g.idx[entity.Key(r.A)]
		b, okB := g.idx[entity.Key(r.B)]
		if okA && okB {
			g.reject = append(g.reject, [2]int{a, b})
		}
	}
}

func (d *Decisions) rejected(a, b string) bool {
	if d == nil {
		return false
	}
	for _, r := range d.Rejects {
		x, y := entity.Key(r.A), entity.Key(r.B)
		if x == a && y == b || x == b && y == a {
			return true
		}
	}
	return false
}

// RejectedSuggestion returns the rejected pair whose suggestion had the ID
// id, so that a script can take a rejection back by the ID it rejected
// (the suggestion itself is no longer made).
func (d *Decisions) RejectedSuggestion(id string) (Suggestion, bool) {
	if d == nil {
		return Suggestion{}, false
	}
	for _, r := range d.Rejects {
		if suggestionID(entity.Key(r.A), entity.Key(r.B)) == id {
			return Suggestion{ID: id, FormA: r.A, FormB: r.B}, true
		}
	}
	return Suggestion{}, false
}
