package statedoc_test

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/store"
)

// memStore keeps state in memory with the store's rules (one change at a
// time, versions, history), so the state documents' logic is tested
// without a database; the real stores have their own conformance suite.
// Its blob and analysis methods are not used here and fail.
type memStore struct {
	mu      sync.Mutex
	cur     map[string]store.StateVersion
	history map[string][]store.StateVersion // replaced versions, oldest first
	clock   time.Time
}

func newMemStore() *memStore {
	return &memStore{cur: map[string]store.StateVersion{}, history: map[string][]store.StateVersion{},
		clock: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)}
}

var errNotHere = errors.New("not kept by the test store")

func (m *memStore) Kind() string     { return "memory" }
func (m *memStore) Location() string { return "memory" }
func (m *memStore) Close() error     { return nil }
func (m *memStore) GetBlobs(context.Context, string, []string) (map[string][]byte, error) {
	return nil, errNotHere
}
func (m *memStore) PutBlobs(context.Context, string, map[string][]byte) error { return errNotHere }
func (m *memStore) PruneBlobs(context.Context, string, []string) (int, error) {
	return 0, errNotHere
}
func (m *memStore) Analysis(context.Context, string, []string) (map[string][]byte, bool, error) {
	return nil, false, errNotHere
}
func (m *memStore) PutAnalysis(context.Context, store.AnalysisRecord) error { return errNotHere }
func (m *memStore) SearchNames(context.Context, string, int) ([]store.NameHit, error) {
	return nil, errNotHere
}
func (m *memStore) SearchPassages(context.Context, string, int) ([]store.PassageHit, error) {
	return nil, errNotHere
}

func (m *memStore) State(_ context.Context, key string) (store.StateVersion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.cur[key]
	if !ok || v.Deleted {
		return store.StateVersion{}, store.ErrNotFound
	}
	return v, nil
}

func (m *memStore) UpdateState(_ context.Context, key, author string, change func([]byte, bool) ([]byte, error)) (store.StateVersion, error) {
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

func (m *memStore) StateKeys(_ context.Context, prefix string) ([]string, error) {
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

func (m *memStore) StateHistory(_ context.Context, key string) ([]store.StateVersion, error) {
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
