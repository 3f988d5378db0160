package doctable

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/document"
)

func paths(docs []*document.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

// An index prepared off the main goroutine shows the same list as SetDocs,
// in every sort order and under a filter.
func TestSetIndexedMatchesSetDocs(t *testing.T) {
	stance := func(d *document.Document) string {
		if d.Path == "a.html" {
			return "critical"
		}
		return ""
	}
	tests := []struct {
		name   string
		col    Column
		desc   bool
		filter string
	}{
		{"title", ColTitle, false, ""},
		{"title descending", ColTitle, true, ""},
		{"date", ColDate, false, ""},
		{"words descending", ColWords, true, ""},
		{"filtered by stance", ColTitle, false, "critical"},
		{"filtered by folded outlet", ColTitle, false, "north"},
		{"filter matching nothing", ColTitle, false, "zzz"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			plain, indexed := New(), New()
			for _, tb := range []*Table{plain, indexed} {
				test.NewTempWindow(t, tb.Object()).Resize(fyne.NewSize(900, 500))
				tb.SortBy(tc.col, tc.desc)
			}
			plain.SetDocs(fixture(), stance)
			indexed.SetIndexed(NewIndex(fixture(), stance))
			plain.SetFilter(tc.filter)
			indexed.SetFilter(tc.filter)
			got, want := paths(indexed.Rows()), paths(plain.Rows())
			if !slices.Equal(got, want) {
				t.Errorf("indexed rows %v, SetDocs rows %v", got, want)
			}
			if tc.filter == "zzz" && len(got) != 0 {
				t.Errorf("rows %v for a filter that matches nothing", got)
			}
			if tc.filter == "" && len(got) != 4 {
				t.Errorf("%d rows, want 4", len(got))
			}
		})
	}
}
