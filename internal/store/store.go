// Package store keeps what Parallax derives from a project and what the
// analyst decides about it, so that a second run reads it instead of
// computing it again, and so that several analysts can share one project.
//
// Two implementations share this interface and one test suite
// (store/storetest): an embedded SQLite database in <project>/.parallax/
// (the default, nothing to install) and a PostgreSQL server for teams and
// corpora too large for a laptop. Open chooses by URL.
//
// What is kept:
//   - Blobs: results of one input, keyed by what they were computed from
//     (an extracted document by its file's content hash and the extractor's
//     version; one document's mentions by the same plus the analysis'
//     version). They never change once written: a new input is a new key.
//   - The analysis: the latest project-level analysis, written whole in one
//     transaction with its fingerprint (a hash of everything it was
//     computed from), as named parts, with its entity names and shared
//     passages also as rows for server-side search.
//   - State: the analyst's decisions (alias merges, source overrides and
//     stances, workspaces, annotations, the project lexicon) as named
//     documents, each change a transaction that keeps the version before it
//     in a history, so concurrent changes by several analysts lose none.
package store

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned for a state key or part that is not kept.
var ErrNotFound = errors.New("not in the store")

// Store is one project's store. Its methods are safe for concurrent use.
type Store interface {
	// Kind is "sqlite" or "postgres".
	Kind() string
	// Location names the store for messages: a file path, or the server's
	// URL without its password.
	Location() string
	Close() error

	// GetBlobs returns the blobs of kind kept under keys; keys not kept
	// are absent from the map.
	GetBlobs(ctx context.Context, kind string, keys []string) (map[string][]byte, error)
	// PutBlobs keeps blobs of kind (key → data); a key already kept is
	// left as it is (a key names its content).
	PutBlobs(ctx context.Context, kind string, blobs map[string][]byte) error
	// PruneBlobs drops the blobs of kind whose keys are not in keep and
	// returns how many it dropped.
	PruneBlobs(ctx context.Context, kind string, keep []string) (int, error)

	// Analysis returns the parts of the kept analysis when its fingerprint
	// is fingerprint (names nil: every part); ok is false when no analysis
	// or another one is kept.
	Analysis(ctx context.Context, fingerprint string, names []string) (parts map[string][]byte, ok bool, err error)
	// PutAnalysis replaces the kept analysis, its names and its passages
	// in one transaction.
	PutAnalysis(ctx context.Context, a AnalysisRecord) error
	// SearchNames finds the kept analysis' entity names like query
	// (trigram similarity, case and diacritics folded), best first.
	SearchNames(ctx context.Context, query string, limit int) ([]NameHit, error)
	// SearchPassages finds the kept analysis' shared passages containing
	// the words of query (full-text search), best first.
	SearchPassages(ctx context.Context, query string, limit int) ([]PassageHit, error)

	// State returns the current version of the state document key, or
	// ErrNotFound.
	State(ctx context.Context, key string) (StateVersion, error)
	// UpdateState changes the state document key in one transaction:
	// change gets the current data (nil, false when there is none) and
	// returns the new data, or nil to delete it. Concurrent updates of the
	// same key are serialised, none is lost; the version replaced goes to
	// the history. An error from change leaves the state as it was.
	UpdateState(ctx context.Context, key, author string, change func(cur []byte, exists bool) ([]byte, error)) (StateVersion, error)
	// StateKeys lists the kept state keys with prefix, sorted.
	StateKeys(ctx context.Context, prefix string) ([]string, error)
	// StateHistory lists the versions of key that were replaced or
	// deleted, newest first, then the current one first of all.
	StateHistory(ctx context.Context, key string) ([]StateVersion, error)
}

// AnalysisRecord is a project-level analysis as the store keeps it.
type AnalysisRecord struct {
	Fingerprint string
	// Parts are the analysis' encoded parts by name (entities, framing,
	// passages, coverage…); the store does not read them.
	Parts    map[string][]byte
	Names    []NameRow
	Passages []PassageRow
}

// NameRow is one name of an entity: its canonical name or one of its forms.
type NameRow struct {
	Entity   string // the entity's ID in the analysis
	Name     string // as written
	Key      string // folded for matching
	Kind     string // person, organisation, place…
	Mentions int    // how many mentions use this form
}

// NameHit is a name found by SearchNames.
type NameHit struct {
	NameRow
	Similarity float64 // 0–1
}

// PassageRow is one shared passage of the analysis.
type PassageRow struct {
	ID   int
	Text string
	Docs []string // the paths of the documents sharing it
}

// PassageHit is a passage found by SearchPassages.
type PassageHit struct {
	PassageRow
	Rank float64
}

// StateVersion is one version of a state document.
type StateVersion struct {
	Key     string
	Version int64 // 1 for the first, +1 for each change
	Data    []byte
	Author  string
	At      time.Time
	Deleted bool
}
