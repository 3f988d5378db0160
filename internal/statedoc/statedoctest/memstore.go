// Package statedoctest is an in-memory store for the tests of packages
// that keep state documents: the state part of store.Store with the
// stores' rules (one change of a key at a time, versions, authors,
// history). The real stores have their own conformance suite.
package statedoctest

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/store"
)

// Store keeps state in memory. Its blob and analysis methods fail: it is
// for state only.
type Store struct {
	mu      sync.Mutex
	cur     map[string]store.StateVersion
	history map[string][]store.StateVersion // replaced versions, oldest first
	clock   time.Time
}

// New returns an empty store.
func New() *Store {
	return &Store{cur: map[string]store.StateVersion{}, history: map[string][]store.StateVersion{},
		clock: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)}
}

var errNotHere = errors.New("statedoctest keeps state only")

func (m *Store) Kind() string     { return "memory" }
func (m *Store) Location() string { return "memory" }
func (m *Store) Close() error     { return nil }
func (m *Store) GetBlobs(context.Context, string, []string) (map[string][]byte, error) {
	return nil, errNotHere
}
func (m *Store) PutBlobs(context.Context, string, map[string][]byte) error { return errNotHere }
func (m *Store) PruneBlobs(context.Context, string, []string) (int, error) {
	return 0, errNotHere
}
func (m *Store) Analysis(context.Context, string, []string) (map[string][]byte, bool, error) {
	return nil, false, errNotHere
}
func (m *Store) PutAnalysis(context.Context, store.AnalysisRecord) error { return errNotHere }
func (m *Store) SearchNames(context.Context, string, int) ([]store.NameHit, error) {
	return nil, errNotHere
}
func (m *Store) SearchPassages(context.Context, string, int) ([]store.PassageHit, error) {
	return nil, errNotHere
}

func (m *Store) State(_ context.Context, key string) (store.StateVersion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.cur[key]
	if !ok || v.Deleted {
		return store.StateVersion{}, store.ErrNotFound
	}
	return v, nil
}

func (m *Store) UpdateState(_ context.Context, key, author string, change func([]byte, bool) ([]byte, error)) (store.StateVersion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, ok := m.cur[key]
	exists := ok && !old.Deleted
	var cur []byte
	if exists {
		cur = append([]byte(nil), old.Data...)
	}
	data, err := change(cur, exists)
	if err != nil {
		return store.StateVersion{}, err
	}
	m.clock = m.clock.Add(time.Second)
	v := store.StateVersion{Key: key, Version: old.Version + 1, Data: data, Author: author, At: m.clock, Deleted: data == nil}
	if ok {
		m.history[key] = append(m.history[key], old)
	}
	m.cur[key] = v
	return v, nil
}

func (m *Store) StateKeys(_ context.Context, prefix string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var keys []string
	for k, v := range m.cur {
		if strings.HasPrefix(k, prefix) && !v.Deleted {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys, nil
}

func (m *Store) StateHistory(_ context.Context, key string) ([]store.StateVersion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.cur[key]
	if !ok {
		return nil, store.ErrNotFound
	}
	out := []store.StateVersion{v}
	h := m.history[key]
	for i := len(h) - 1; i >= 0; i-- {
		out = append(out, h[i])
	}
	return out, nil
}
