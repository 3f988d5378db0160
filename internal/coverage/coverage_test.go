package coverage

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

var docs = []Doc{
	{Path: "a.txt", Outlet: "Reuters", Date: "2020-01-03"},
	{Path: "b.txt", Outlet: "reuters ", Date: "2020-01-01T09:30"},
	{Path: "c.txt", Outlet: "Mehr News", Date: "2020-01-02"},
	{Path: "d.txt", Outlet: "Mehr News", Date: ""},
	{Path: "e.txt", Outlet: "", Date: "2019-12-31"},
	{Path: "f.txt", Outlet: "The Duran", Date: "31/12/2019"},
}

var ents = []EntityMentions{
	{ID: "pmf", Name: "Popular Mobilization Forces", Kind: "org", Docs: map[string]int{"a.txt": 3, "b.txt": 1, "c.txt": 5}},
	{ID: "kh", Name: "Kata'ib Hezbollah", Kind: "org", Docs: map[string]int{"a.txt": 2, "b.txt": 2}},
	{ID: "sol", Name: "Qassem Soleimani", Kind: "person", Docs: map[string]int{"c.txt": 1, "d.txt": 4}},
	{ID: "qaim", Name: "Al Qaim", Kind: "place", Docs: map[string]int{"c.txt": 1, "e.txt": 1}},
	{ID: "duran", Name: "Patreon", Kind: "org", Docs: map[string]int{"f.txt": 1}},
	{ID: "ghost", Name: "Nobody", Docs: map[string]int{"zzz.txt": 7, "a.txt": 0}},
}

func TestMatrix(t *testing.T) {
	m := NewMatrix(docs, ents)
	if len(m.Docs) != len(docs) {
		t.Fatalf("%d columns, want %d", len(m.Docs), len(docs))
	}
	var ids []string
	for _, r := range m.Rows {
		ids = append(ids, r.ID)
	}
	// By total mentions, ties by name; "ghost" has no mention in docs.
	if want := []string{"pmf", "sol", "kh", "qaim", "duran"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("rows %v, want %v", ids, want)
	}
	pmf := m.Rows[0]
	if want := []int{3, 1, 5, 0, 0, 0}; !reflect.DeepEqual(pmf.Counts, want) || pmf.Total != 9 || pmf.Documents != 3 {
		t.Errorf("pmf row %+v", pmf)
	}
	if want := []string{"Mehr News", "Reuters"}; !reflect.DeepEqual(pmf.Outlets, want) {
		t.Errorf("pmf outlets %v, want %v", pmf.Outlets, want)
	}
	if q := m.Rows[3]; !reflect.DeepEqual(q.Outlets, []string{"Mehr News"}) {
		t.Errorf("unknown outlet listed: %v", q.Outlets)
	}
}

func TestExclusives(t *testing.T) {
	got := Exclusives(docs, ents)
	type pair struct{ outlet, id string }
	var flat []pair
	for _, x := range got {
		for _, e := range x.Entities {
			flat = append(flat, pair{x.Outlet, e.ID})
		}
	}
	// kh: only Reuters (both spellings of the outlet); sol: only Mehr News;
	// Patreon: only The Duran; pmf is shared; qaim is also in a document of
	// unknown outlet.
	want := []pair{{"Mehr News", "sol"}, {"Reuters", "kh"}, {"The Duran", "duran"}}
	if !reflect.DeepEqual(flat, want) {
		t.Fatalf("exclusives %v, want %v", flat, want)
	}
	if e := got[1].Entities[0]; e.Mentions != 4 || !reflect.DeepEqual(e.Docs, []string{"a.txt", "b.txt"}) {
		t.Errorf("kh: %+v", e)
	}
	one := []Doc{{Path: "a.txt", Outlet: "Reuters"}, {Path: "b.txt", Outlet: "Reuters"}}
	if got := Exclusives(one, ents); len(got) != 0 {
		t.Errorf("one outlet: %v, want nothing", got)
	}
}

func TestTimeline(t *testing.T) {
	tl := NewTimeline(docs)
	type lane struct {
		outlet string
		paths  string
	}
	var got []lane
	for _, l := range tl.Lanes {
		var ps []string
		for _, d := range l.Docs {
			ps = append(ps, d.Path)
		}
		got = append(got, lane{l.Outlet, strings.Join(ps, ",")})
	}
	want := []lane{{"Mehr News", "c.txt"}, {"Reuters", "b.txt,a.txt"}, {"", "e.txt"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lanes %v, want %v", got, want)
	}
	var undated []string
	for _, d := range tl.Undated {
		undated = append(undated, d.Path)
	}
	if want := []string{"d.txt", "f.txt"}; !reflect.DeepEqual(undated, want) {
		t.Errorf("undated %v, want %v", undated, want)
	}
	if tl.First != "2019-12-31" || tl.Last != "2020-01-03" {
		t.Errorf("range %s..%s", tl.First, tl.Last)
	}
	empty := NewTimeline(nil)
	raw, _ := json.Marshal(empty)
	if string(raw) != `{"lanes":[],"undated":[]}` {
		t.Errorf("empty timeline JSON %s", raw)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2021-06-30", true},
		{"2021-06-30T18:47", true},
		{" 2021-06-30T18:47:05 ", true},
		{"2021-06-30 18:47", true},
		{"", false},
		{"June 30, 2021", false},
		{"2021-13-01", false},
		{"2021-06", false},
	}
	for _, tt := range tests {
		if _, ok := ParseDate(tt.in); ok != tt.ok {
			t.Errorf("ParseDate(%q) ok = %v, want %v", tt.in, ok, tt.ok)
		}
	}
}

func TestDocsOf(t *testing.T) {
	d := &document.Document{Path: "x.txt"}
	d.Meta.Outlet = document.Field{Value: " Reuters ", Source: document.FromSidecar}
	d.Meta.Date = document.Field{Value: "2020-01-01"}
	got := DocsOf([]*document.Document{d, nil})
	if want := []Doc{{Path: "x.txt", Outlet: "Reuters", Date: "2020-01-01"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("DocsOf = %+v, want %+v", got, want)
	}
}
