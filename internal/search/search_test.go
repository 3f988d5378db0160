package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func sampleIndex(t testing.TB) *Index {
	t.Helper()
	dir := testcorpus.SampleProject(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	gaz, err := entity.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	x := entity.NewExtractor(gaz)
	var docs []*document.Document
	var folded []textnorm.Folded
	var ms []entity.Mention
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := &document.Document{Path: filepath.Base(f), Text: string(b)}
		d.Meta.Outlet.Value = "outlet-" + d.Path[:3]
		fo := textnorm.Fold(d.Text)
		docs = append(docs, d)
		folded = append(folded, fo)
		ms = append(ms, x.Extract(d, fo)...)
	}
	return NewIndex(docs, folded, alias.Group(ms, gaz, nil))
}

func TestSampleQueries(t *testing.T) {
	ix := sampleIndex(t)
	cases := []struct {
		query, entity string // entity: a form of the expected best entity
	}{
		{"qaim", "al-Qaim"},
		{"Qa'im", "al-Qaim"},
		{"QAIM", "al-Qaim"},
		{"qaιm", "al-Qaim"}, // Greek iota inside a Latin word
		{"pmf", "PMU"},
		{"popular mobilisation", "PMU"},
		{"deir ezzor", "Dayr al-Zawr"},
		{"dayr zawr", "Deir ez-Zor"},
		{"soliemani", "Qassem Soleimani"},
		{"Muhandes", "Abu Mehdi al-Muhandis"},
		{"daesh", "Islamic State"},
		{"khadhimi", "Mustafa al-Khadhimi"},
	}
	res := func(form string) string {
		for _, e := range ix.entities {
			for _, f := range e.Forms {
				if entity.Key(f.Text) == entity.Key(form) {
					return e.ID
				}
			}
		}
		return ""
	}
	for _, c := range cases {
		hits := ix.Entities(c.query, 5)
		want := res(c.entity)
		if want == "" {
			t.Fatalf("no entity holds %q", c.entity)
		}
		if len(hits) == 0 || hits[0].ID != want {
			t.Errorf("%q: best hit %v, want %s", c.query, hits, want)
			continue
		}
		// the matched positions lie inside the form and highlight letters
		h := hits[0]
		for _, p := range h.Matched {
			if p < 0 || p >= len(h.Form) {
				t.Errorf("%q: position %d outside %q", c.query, p, h.Form)
			}
		}
		r := ix.Query(c.query, 5)
		if r.Phrase || len(r.Mentions) == 0 {
			t.Errorf("%q: want the entity's mentions, got phrase=%v %d rows", c.query, r.Phrase, len(r.Mentions))
		}
	}
	// negative: a query naming nothing finds no good entity
	if hits := ix.Entities("zzyzx", 5); len(hits) > 0 && hits[0].Good {
		t.Errorf("zzyzx: unexpected %v", hits)
	}
}

func TestPhraseFindsDisguisedText(t *testing.T) {
	ix := sampleIndex(t)
	r := ix.Query("control", 5)
	if !r.Phrase {
		t.Fatalf("control: want phrase hits, got entities %v", r.Entities)
	}
	var in004 int
	for _, row := range r.Mentions {
		d := ix.docs[row.Path]
		if d.Text[row.Start:row.End] != row.Text {
			t.Errorf("row text %q is not the original span", row.Text)
		}
		if strings.HasPrefix(row.Path, "004") {
			in004++
			if row.Text == "control" {
				t.Errorf("004 should hold the disguised spelling, got plain %q", row.Text)
			}
		}
	}
	if in004 < 3 {
		t.Errorf("control: %d hits in 004, want the disguised ones (≥3)", in004)
	}
	// a phrase of two words, and no hit inside a word
	if rows := ix.Phrase("border crossing", 0); len(rows) < 5 {
		t.Errorf("border crossing: %d rows", len(rows))
	}
	for _, row := range ix.Phrase("ontrol", 0) {
		t.Errorf("ontrol matched inside a word: %+v", row)
	}
}

func TestMentionsKWIC(t *testing.T) {
	ix := sampleIndex(t)
	hits := ix.Entities("soleimani", 1)
	if len(hits) == 0 {
		t.Fatal("no hit")
	}
	rows := ix.Mentions(hits[0].ID)
	if len(rows) < 4 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		if strings.ContainsAny(r.Left+r.Right, "\n") {
			t.Errorf("context spans lines: %+v", r)
		}
		if len(r.Left) > Context || len(r.Right) > Context {
			t.Errorf("context too long: %+v", r)
		}
		if i > 0 && (rows[i-1].Outlet > r.Outlet || rows[i-1].Outlet == r.Outlet && rows[i-1].Path == r.Path && rows[i-1].Start > r.Start) {
			t.Errorf("rows not grouped by outlet and document")
		}
	}
	groups := GroupRows(rows)
	n := 0
	for _, g := range groups {
		for _, d := range g.Documents {
			n += len(d.Rows)
		}
	}
	if n != len(rows) {
		t.Errorf("groups hold %d rows of %d", n, len(rows))
	}
	b, err := json.Marshal(ix.Query("soleimani", 3))
	if err != nil || !strings.Contains(string(b), `"left"`) || !strings.Contains(string(b), `"score"`) {
		t.Errorf("json: %s %v", b, err)
	}
}

func TestSessionNarrowsLikeFreshSearch(t *testing.T) {
	var items []Item
	for _, s := range []string{"Al Qaim", "al-Qa’im", "Qassem Soleimani", "Qatar", "Iraq", "Iran", "Muqtada al-Sadr", "Kata'ib Hezbollah", "Popular Mobilization Units"} {
		items = append(items, Item{Text: s, Weight: 1})
	}
	n := NewNames(items)
	s := n.NewSession()
	q := ""
	for _, c := range "qaim" {
		q += string(c)
		got := s.Find(q, 10)
		want := n.Find(q, 10)
		if len(got) != len(want) {
			t.Fatalf("%q: session %d matches, fresh %d", q, len(got), len(want))
		}
		for i := range got {
			if got[i].Item != want[i].Item {
				t.Errorf("%q: rank %d differs", q, i)
			}
		}
	}
	// deleting a letter starts over
	if got := s.Find("ira", 10); len(got) < 2 {
		t.Errorf("ira after qaim: %d matches", len(got))
	}
	// highlight positions are original bytes: "al-Qa’im" has a 3-byte quote
	for _, m := range n.Find("qaim", 10) {
		it := n.Item(m.Item)
		if it.Text == "al-Qa’im" {
			last := m.Positions[len(m.Positions)-1]
			if it.Text[last:last+1] != "m" {
				t.Errorf("last highlight at %d (%q)", last, it.Text[last:])
			}
		}
	}
}

// One Searcher typing, backspacing and retyping in three scripts answers
// every keystroke as a one-shot search does (the panel uses the former, the
// CLI the latter).
func TestSearcherTypingAnswersAsOneShot(t *testing.T) {
	ix := sampleIndex(t)
	s := ix.NewSearcher()
	var typed []string
	for _, q := range []string{"soliemani", "Сулеймани", "سليماني", "qaim", "deir ezzor", "popular mob"} {
		rs := []rune(q)
		for i := 1; i <= len(rs); i++ {
			typed = append(typed, string(rs[:i]))
		}
		// two backspaces, then the last letter again
		for i := len(rs) - 1; i >= max(1, len(rs)-2); i-- {
			typed = append(typed, string(rs[:i]))
		}
		typed = append(typed, q)
	}
	for _, q := range typed {
		got, err := json.Marshal(s.Entities(q, 8))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(ix.Entities(q, 8))
		if string(got) != string(want) {
			t.Errorf("%q: typed %s\none-shot %s", q, got, want)
		}
	}
}
