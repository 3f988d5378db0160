package memstore

import (
	"context"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/store"
)

func TestUpdateState(t *testing.T) {
	ctx := context.Background()
	s := New()
	del := func([]byte, bool) ([]byte, error) { return nil, nil }
	if v, err := s.UpdateState(ctx, "k", "ann", del); err != nil || !v.Deleted || v.Version != 0 {
		t.Fatalf("deleting a key never kept: %+v, %v", v, err)
	}
	if h, _ := s.StateHistory(ctx, "k"); len(h) != 0 {
		t.Errorf("deleting a key never kept left %d versions", len(h))
	}
	v, err := s.UpdateState(ctx, "k", "ann", func([]byte, bool) ([]byte, error) { return []byte{}, nil })
	if err != nil || v.Version != 1 || v.Data == nil || v.Deleted {
		t.Fatalf("empty first version: %+v, %v", v, err)
	}
	var seen []byte
	var existed bool
	if _, err := s.UpdateState(ctx, "k", "bob", func(cur []byte, ex bool) ([]byte, error) {
		seen, existed = cur, ex
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if seen == nil || !existed {
		t.Errorf("change saw %v, %v; want an empty value that exists", seen, existed)
	}
	if _, err := s.State(ctx, "k"); err != store.ErrNotFound {
		t.Errorf("deleted key: %v, want ErrNotFound", err)
	}
	if h, _ := s.StateHistory(ctx, "k"); len(h) != 2 || h[0].Version != 2 || !h[0].Deleted {
		t.Errorf("history %+v, want the deletion (2) then the first version", h)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := New()
	if hits, err := s.SearchNames(ctx, "anything", 5); err != nil || hits != nil {
		t.Fatalf("no analysis: %v, %v", hits, err)
	}
	err := s.PutAnalysis(ctx, store.AnalysisRecord{
		Names: []store.NameRow{{Entity: "e1", Name: "Donald Trump"}, {Entity: "e2", Name: "Donald Tusk"}, {Entity: "e3", Name: "Angela Merkel"}},
		Passages: []store.PassageRow{
			{ID: 1, Text: "The night shift allowance was cut again this year."},
			{ID: 2, Text: "Night shift allowance cut."},
			{ID: 3, Text: "Nothing here."},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		{"donald trump", 5, []string{"e1", "e2"}},
		{"donald trump", 1, []string{"e1"}},
		{"merkel", 0, []string{"e3"}},
		{"zzzz", 5, nil},
	}
	for _, tt := range tests {
		hits, err := s.SearchNames(ctx, tt.query, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Entity)
		}
		if len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
			t.Errorf("SearchNames(%q, %d) = %v, want %v", tt.query, tt.limit, got, tt.want)
		}
	}
	ps, err := s.SearchPassages(ctx, "Night Shift", 1)
	if err != nil || len(ps) != 1 || ps[0].ID != 2 {
		t.Errorf("SearchPassages = %+v, %v; want passage 2 (the shorter) alone", ps, err)
	}
}
