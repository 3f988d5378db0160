// Package memstore is a store.Store held in memory, for tests of code
// written against the interface (the engine's warm and incremental
// analyses) without a database. Nothing survives Close. Its name and
// passage searches are plain scans, fine for test-sized analyses.
package memstore

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/trigram"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Store is an in-memory store.Store. The zero value is not ready: use New.
type Store struct {
	mu       sync.Mutex
	blobs    map[string]map[string][]byte
	analysis *store.AnalysisRecord
	state    map[string][]store.StateVersion // key → versions, oldest first
	// Calls counts the calls by method name, for tests that check what
	// was read or written.
	calls map[string]int
}

// New returns an empty store.
func New() *Store {
	return &Store{blobs: map[string]map[string][]byte{}, state: map[string][]store.StateVersion{}, calls: map[string]int{}}
}

var _ store.Store = (*Store)(nil)

// Kind is "memory".
func (s *Store) Kind() string { return "memory" }

// Location is "memory".
func (s *Store) Location() string { return "memory" }

// Close does nothing.
func (s *Store) Close() error { return nil }

// Calls returns how many times the method name was called.
func (s *Store) Calls(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[name]
}

func (s *Store) count(name string) { s.calls[name]++ }

// GetBlobs implements store.Store.
func (s *Store) GetBlobs(ctx context.Context, kind string, keys []string) (map[string][]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("GetBlobs")
	out := map[string][]byte{}
	for _, k := range keys {
		if b, ok := s.blobs[kind][k]; ok {
			out[k] = append([]byte(nil), b...)
		}
	}
	return out, nil
}

// PutBlobs implements store.Store.
func (s *Store) PutBlobs(ctx context.Context, kind string, blobs map[string][]byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("PutBlobs")
	m := s.blobs[kind]
	if m == nil {
		m = map[string][]byte{}
		s.blobs[kind] = m
	}
	for k, b := range blobs {
		if _, ok := m[k]; !ok {
			m[k] = append([]byte(nil), b...)
		}
	}
	return nil
}

// SetBlob replaces a blob whatever it held, for tests that corrupt one.
func (s *Store) SetBlob(kind, key string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.blobs[kind] == nil {
		s.blobs[kind] = map[string][]byte{}
	}
	s.blobs[kind][key] = data
}

// BlobKeys lists the keys kept of kind, sorted.
func (s *Store) BlobKeys(kind string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k := range s.blobs[kind] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PruneBlobs implements store.Store.
func (s *Store) PruneBlobs(ctx context.Context, kind string, keep []string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("PruneBlobs")
	kept := map[string]bool{}
	for _, k := range keep {
		kept[k] = true
	}
	n := 0
	for k := range s.blobs[kind] {
		if !kept[k] {
			delete(s.blobs[kind], k)
			n++
		}
	}
	return n, nil
}

// Analysis implements store.Store.
func (s *Store) Analysis(ctx context.Context, fingerprint string, names []string) (map[string][]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("Analysis")
	if s.analysis == nil || s.analysis.Fingerprint != fingerprint {
		return nil, false, nil
	}
	out := map[string][]byte{}
	for n, b := range s.analysis.Parts {
		if names == nil || contains(names, n) {
			out[n] = append([]byte(nil), b...)
		}
	}
	return out, true, nil
}

// SetPart replaces one part of the kept analysis, for tests that corrupt
// one.
func (s *Store) SetPart(name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.analysis != nil {
		s.analysis.Parts[name] = data
	}
}

// Record returns a copy of the kept analysis record, or nil.
func (s *Store) Record() *store.AnalysisRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.analysis == nil {
		return nil
	}
	rec := *s.analysis
	return &rec
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// PutAnalysis implements store.Store.
func (s *Store) PutAnalysis(ctx context.Context, a store.AnalysisRecord) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("PutAnalysis")
	rec := store.AnalysisRecord{Fingerprint: a.Fingerprint, Parts: map[string][]byte{}}
	for n, b := range a.Parts {
		rec.Parts[n] = append([]byte(nil), b...)
	}
	rec.Names = append(rec.Names, a.Names...)
	rec.Passages = append(rec.Passages, a.Passages...)
	s.analysis = &rec
	return nil
}

// SearchNames implements store.Store with a scan, by the trigram
// similarity the real stores rank names by.
func (s *Store) SearchNames(ctx context.Context, query string, limit int) ([]store.NameHit, error) {
	q := trigram.Trigrams(trigram.Fold(query))
	var hits []store.NameHit
	err := s.scanAnalysis(ctx, func(a *store.AnalysisRecord) {
		for _, n := range a.Names {
			if sim := trigram.Similarity(q, trigram.Trigrams(n.SearchKey())); sim >= trigram.Threshold {
				hits = append(hits, store.NameHit{NameRow: n, Similarity: sim})
			}
		}
	})
	return best(hits, func(h store.NameHit) float64 { return h.Similarity }, limit), err
}

// SearchPassages implements store.Store: passages holding every word of
// query, folded, the shorter first.
func (s *Store) SearchPassages(ctx context.Context, query string, limit int) ([]store.PassageHit, error) {
	words := strings.Fields(fold(query))
	var hits []store.PassageHit
	err := s.scanAnalysis(ctx, func(a *store.AnalysisRecord) {
		for _, p := range a.Passages {
			text := fold(p.Text)
			all := len(words) > 0
			for _, w := range words {
				if !strings.Contains(text, w) {
					all = false
					break
				}
			}
			if all {
				hits = append(hits, store.PassageHit{PassageRow: p, Rank: 1 / float64(1+len(text))})
			}
		}
	})
	return best(hits, func(h store.PassageHit) float64 { return h.Rank }, limit), err
}

// scanAnalysis calls scan with the kept analysis under the lock; not at
// all when none is kept.
func (s *Store) scanAnalysis(ctx context.Context, scan func(*store.AnalysisRecord)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.analysis != nil {
		scan(s.analysis)
	}
	return nil
}

// best orders hits by score, highest first (ties kept in order), and keeps
// the first limit (all when limit <= 0).
func best[H any](hits []H, score func(H) float64, limit int) []H {
	sort.SliceStable(hits, func(i, j int) bool { return score(hits[i]) > score(hits[j]) })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

func fold(s string) string { return strings.ToLower(textnorm.Fold(s).Text) }

// State implements store.Store.
func (s *Store) State(ctx context.Context, key string) (store.StateVersion, error) {
	if err := ctx.Err(); err != nil {
		return store.StateVersion{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	vs := s.state[key]
	if len(vs) == 0 || vs[len(vs)-1].Deleted {
		return store.StateVersion{}, store.ErrNotFound
	}
	return vs[len(vs)-1], nil
}

// UpdateState implements store.Store.
func (s *Store) UpdateState(ctx context.Context, key, author string, change func(cur []byte, exists bool) ([]byte, error)) (store.StateVersion, error) {
	if err := ctx.Err(); err != nil {
		return store.StateVersion{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	vs := s.state[key]
	cur := store.StateVersion{Key: key}
	if len(vs) > 0 {
		cur = vs[len(vs)-1]
		// change may keep or alter what it is given: a copy, as a
		// database would give.
		cur.Data = append([]byte(nil), cur.Data...)
	}
	v, write, err := store.NextVersion(cur, len(vs) > 0, author, change)
	if err != nil || !write {
		return v, err
	}
	if v.Data != nil {
		v.Data = append([]byte{}, v.Data...)
	}
	v.At = time.Now().UTC()
	s.state[key] = append(vs, v)
	return v, nil
}

// StateKeys implements store.Store.
func (s *Store) StateKeys(ctx context.Context, prefix string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, vs := range s.state {
		if strings.HasPrefix(k, prefix) && len(vs) > 0 && !vs[len(vs)-1].Deleted {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out, nil
}

// StateHistory implements store.Store.
func (s *Store) StateHistory(ctx context.Context, key string) ([]store.StateVersion, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	vs := s.state[key]
	out := make([]store.StateVersion, 0, len(vs))
	for i := len(vs) - 1; i >= 0; i-- {
		out = append(out, vs[i])
	}
	return out, nil
}
