package alias

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
	"github.com/parallaxworkbench/parallax/internal/entity"
)

// DecisionsFile is where the analyst's alias decisions live, relative to
// the project folder.
const DecisionsFile = ".parallax/aliases.json"

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
}

// LoadDecisions reads <projectDir>/.parallax/aliases.json. A missing file
// gives empty decisions; a corrupt one an error (the file is left alone).
func LoadDecisions(projectDir string) (*Decisions, error) {
	p := filepath.Join(projectDir, filepath.FromSlash(DecisionsFile))
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return &Decisions{Version: DecisionsVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read alias decisions: %w", err)
	}
	var d Decisions
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("alias decisions %s are corrupt (fix or remove the file): %w", p, err)
	}
	if d.Version < 1 || d.Version > DecisionsVersion {
		return nil, fmt.Errorf("alias decisions %s: unsupported version %d", p, d.Version)
	}
	return &d, nil
}

// Save writes the decisions to <projectDir>/.parallax/aliases.json
// atomically, keeping the previous file as a backup.
func (d *Decisions) Save(projectDir string) error {
	d.Version = DecisionsVersion
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("encode alias decisions: %w", err)
	}
	p := filepath.Join(projectDir, filepath.FromSlash(DecisionsFile))
	if err := atomicfile.Write(p, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("save alias decisions: %w", err)
	}
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
