package store

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// fakeRows yields rows of values, each scanned into the destinations by
// assignment, then err.
type fakeRows struct {
	rows    [][]any
	i       int
	scanErr error
	err     error
}

func (f *fakeRows) Next() bool {
	f.i++
	return f.i <= len(f.rows)
}

func (f *fakeRows) Scan(dest ...any) error {
	if f.scanErr != nil {
		return f.scanErr
	}
	for j, v := range f.rows[f.i-1] {
		reflect.ValueOf(dest[j]).Elem().Set(reflect.ValueOf(v))
	}
	return nil
}

func (f *fakeRows) Err() error { return f.err }

func TestCollectBytes(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		rows    *fakeRows
		want    map[string][]byte
		wantErr error
	}{
		{"empty data kept apart from missing", &fakeRows{rows: [][]any{{"a", []byte(nil)}, {"b", []byte("x")}}},
			map[string][]byte{"a": {}, "b": []byte("x")}, nil},
		{"scan error", &fakeRows{rows: [][]any{{"a", []byte("x")}}, scanErr: boom}, map[string][]byte{}, boom},
		{"rows error", &fakeRows{err: boom}, map[string][]byte{}, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string][]byte{}
			err := CollectBytes(tt.rows, got)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if a, ok := got["a"]; ok && a == nil {
				t.Error("empty data read as nil")
			}
		})
	}
}

func TestCollectStrings(t *testing.T) {
	boom := errors.New("boom")
	got, err := CollectStrings(&fakeRows{rows: [][]any{{"k1"}, {"k2"}}})
	if err != nil || !reflect.DeepEqual(got, []string{"k1", "k2"}) {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := CollectStrings(&fakeRows{err: boom}); !errors.Is(err, boom) {
		t.Errorf("error %v, want %v", err, boom)
	}
}

func TestCollectVersions(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	rows := &fakeRows{rows: [][]any{
		{int64(2), []byte(nil), "ann", t0.UnixNano(), false},
		{int64(1), []byte(nil), "bob", t0.Add(-time.Hour).UnixNano(), true},
	}}
	var at int64
	got, err := CollectVersions(rows, "k", &at, func() time.Time { return time.Unix(0, at) })
	if err != nil {
		t.Fatal(err)
	}
	want := []StateVersion{
		{Key: "k", Version: 2, Data: []byte{}, Author: "ann", At: t0},
		{Key: "k", Version: 1, Author: "bob", At: t0.Add(-time.Hour), Deleted: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got[0].At.Location() != time.UTC {
		t.Errorf("time in %v, want UTC", got[0].At.Location())
	}
	boom := errors.New("boom")
	if _, err := CollectVersions(&fakeRows{rows: [][]any{{}}, scanErr: boom}, "k", &at, func() time.Time { return time.Unix(0, at) }); !errors.Is(err, boom) {
		t.Errorf("error %v, want %v", err, boom)
	}
}

func TestNextVersion(t *testing.T) {
	boom := errors.New("boom")
	set := func(d string) func([]byte, bool) ([]byte, error) {
		return func([]byte, bool) ([]byte, error) { return []byte(d), nil }
	}
	del := func([]byte, bool) ([]byte, error) { return nil, nil }
	tests := []struct {
		name       string
		cur        StateVersion
		found      bool
		change     func([]byte, bool) ([]byte, error)
		wantSeen   []byte
		wantExists bool
		want       StateVersion
		wantWrite  bool
		wantErr    error
	}{
		{"first version", StateVersion{Key: "k"}, false, set("a"), nil, false,
			StateVersion{Key: "k", Version: 1, Data: []byte("a"), Author: "ann"}, true, nil},
		{"change sees the current data, empty not nil", StateVersion{Key: "k", Version: 3, Data: nil}, true, set("b"), []byte{}, true,
			StateVersion{Key: "k", Version: 4, Data: []byte("b"), Author: "ann"}, true, nil},
		{"delete", StateVersion{Key: "k", Version: 3, Data: []byte("x")}, true, del, []byte("x"), true,
			StateVersion{Key: "k", Version: 4, Author: "ann", Deleted: true}, true, nil},
		{"delete what was never kept writes nothing", StateVersion{Key: "k"}, false, del, nil, false,
			StateVersion{Key: "k", Deleted: true}, false, nil},
		{"delete what is deleted writes nothing", StateVersion{Key: "k", Version: 5, Deleted: true}, true, del, nil, false,
			StateVersion{Key: "k", Version: 5, Deleted: true}, false, nil},
		{"recreate after delete", StateVersion{Key: "k", Version: 5, Data: []byte("old"), Deleted: true}, true, set("c"), nil, false,
			StateVersion{Key: "k", Version: 6, Data: []byte("c"), Author: "ann"}, true, nil},
		{"change fails", StateVersion{Key: "k", Version: 2, Data: []byte("x")}, true,
			func([]byte, bool) ([]byte, error) { return nil, boom }, []byte("x"), true, StateVersion{}, false, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen []byte
			var exists bool
			change := func(cur []byte, ex bool) ([]byte, error) {
				seen, exists = cur, ex
				return tt.change(cur, ex)
			}
			got, write, err := NextVersion(tt.cur, tt.found, "ann", change)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(seen, tt.wantSeen) || exists != tt.wantExists {
				t.Errorf("change saw %q, %v; want %q, %v", seen, exists, tt.wantSeen, tt.wantExists)
			}
			if write != tt.wantWrite || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, write %v; want %+v, write %v", got, write, tt.want, tt.wantWrite)
			}
		})
	}
}

func TestSearchKey(t *testing.T) {
	tests := []struct {
		row  NameRow
		want string
	}{
		{NameRow{Name: "Zürich", Key: "ZÜRICH"}, "zurich"},
		{NameRow{Name: "Zürich"}, "zurich"},
		{NameRow{Name: "A", Key: "b"}, "b"},
	}
	for _, tt := range tests {
		if got := tt.row.SearchKey(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.row, got, tt.want)
		}
	}
}
