package project

import (
	"context"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/boilerplate"
	"github.com/parallaxworkbench/parallax/internal/document"
)

// furniture is a made-up outlet sign-off that no line rule knows.
const furniture = "The Harbour Desk team checks every figure in these pages twice before they run."

var towns = []string{"Alderby", "Brackwater", "Cindermoor", "Dunhollow", "Eastmere", "Fallowford", "Greystoke", "Hartwell"}

// article is a document with a headline, two paragraphs of its own and,
// when withFurniture, the sign-off between them.
func article(i int, withFurniture bool) string {
	town := towns[i%len(towns)]
	a := fmt.Sprintf("Officials in %s said on day %d that the ferry plan would cost %d million and take until the autumn to finish, after a long dispute with the unions.", town, i, 10+i)
	b := fmt.Sprintf("Residents of %s told the council at meeting %d that the old quay should be kept, and the mayor promised a vote before the %d budget is set.", town, i, 2030+i)
	parts := []string{fmt.Sprintf("Ferry plan divides %s", town), a}
	if withFurniture {
		parts = append(parts, furniture)
	}
	return strings.Join(append(parts, b), "\n\n") + "\n"
}

// doc is one file of a test project with its sidecar row.
type doc struct {
	name, outlet, date, text string
}

func openDocs(t *testing.T, docs []doc) (*Project, string) {
	t.Helper()
	dir := t.TempDir()
	index := "file\toutlet\tdate\n"
	for _, d := range docs {
		write(t, dir, d.name, []byte(d.text))
		index += d.name + "\t" + d.outlet + "\t" + d.date + "\n"
	}
	write(t, dir, "index.tsv", []byte(index))
	p, err := Open(context.Background(), dir, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.docs) != len(docs) {
		t.Fatalf("%d documents, want %d (problems %v)", len(p.docs), len(docs), p.problems)
	}
	return p, dir
}

// furnitureMarked reports whether the sign-off of d is wholly boilerplate.
func furnitureMarked(d *document.Document) bool {
	i := strings.Index(d.Text, furniture)
	return i >= 0 && d.InBoilerplate(i) && d.InBoilerplate(i+len(furniture)-1)
}

func TestRepeatedInOutlet(t *testing.T) {
	dated := func(n int, outlet func(i int) string, date func(i int) string, with func(i int) bool) []doc {
		var out []doc
		for i := range n {
			out = append(out, doc{fmt.Sprintf("a%02d.txt", i), outlet(i), date(i), article(i, with(i))})
		}
		return out
	}
	one := func(int) string { return "Example Daily" }
	days := func(i int) string { return fmt.Sprintf("2024-03-%02d", i+1) }
	always := func(int) bool { return true }
	cases := []struct {
		name string
		docs []doc
		want bool // the sign-off is marked where it appears
	}{
		{"five documents of one outlet", dated(5, one, days, always), true},
		{"many documents, some without the sign-off", dated(8, one, days, func(i int) bool { return i%4 != 3 }), true},
		{"undated documents", dated(5, one, func(int) string { return "" }, always), true},
		{"only four documents", dated(4, one, days, always), false},
		{"two outlets sharing it (wire copy)", dated(8, func(i int) string { return []string{"Example Daily", "Sample Times"}[i%2] }, days, always), false},
		{"no outlet known", dated(6, func(int) string { return "" }, days, always), false},
		{"updates of one story on two days", dated(6, one, func(i int) string { return fmt.Sprintf("2024-03-0%d", 1+i%2) }, always), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, _ := openDocs(t, c.docs)
			for _, d := range p.docs {
				has := strings.Contains(d.Text, furniture)
				if got := furnitureMarked(d); got != (c.want && has) {
					t.Errorf("%s: sign-off marked %v, want %v", d.Path, got, c.want && has)
				}
				ms := p.RepeatedInOutlet(d.Path)
				if c.want && has {
					if len(ms) != 1 || ms[0].Rule != RepeatedRule || d.Text[ms[0].Start:ms[0].End] != furniture {
						t.Errorf("%s: matches %+v", d.Path, ms)
					}
				} else if len(ms) != 0 {
					t.Errorf("%s: unexpected matches %+v", d.Path, ms)
				}
				// Headlines and the articles' own paragraphs stay body.
				if strings.Contains(d.Body(), "Officials in") == false || strings.Contains(d.Body(), "Ferry plan divides") == false {
					t.Errorf("%s: body lost: %q", d.Path, d.Body())
				}
			}
		})
	}
}

// TestRepeatedCopiesKeepText: five copies of one article share every
// paragraph; they are copies, not furniture, and keep their text.
func TestRepeatedCopiesKeepText(t *testing.T) {
	var docs []doc
	for i := range 5 {
		docs = append(docs, doc{fmt.Sprintf("c%d.txt", i), "Example Daily", fmt.Sprintf("2024-04-%02d", 3*i+1), article(1, true)})
	}
	p, _ := openDocs(t, docs)
	for _, d := range p.docs {
		if len(p.RepeatedInOutlet(d.Path)) != 0 || furnitureMarked(d) {
			t.Errorf("%s: copy marked as furniture: %v", d.Path, d.Boilerplate)
		}
	}
}

// TestRepeatedFollowsReload: the pass runs again on Reload from the
// documents' own boilerplate; a file removed below the threshold unmarks
// the others, and running it twice changes nothing.
func TestRepeatedFollowsReload(t *testing.T) {
	var docs []doc
	for i := range 5 {
		docs = append(docs, doc{fmt.Sprintf("r%d.txt", i), "Example Daily", fmt.Sprintf("2024-05-%02d", i+1), article(i, true)})
	}
	p, dir := openDocs(t, docs)
	before := map[string][]document.Span{}
	for _, d := range p.docs {
		if !furnitureMarked(d) {
			t.Fatalf("%s: not marked after Open", d.Path)
		}
		before[d.Path] = append([]document.Span(nil), d.Boilerplate...)
	}
	if err := p.markRepeatedInOutlet(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, d := range p.docs {
		if !reflect.DeepEqual(d.Boilerplate, before[d.Path]) {
			t.Errorf("%s: second pass changed %v to %v", d.Path, before[d.Path], d.Boilerplate)
		}
	}
	if err := os.Remove(filepath.Join(dir, "r4.txt")); err != nil {
		t.Fatal(err)
	}
	old := p
	p, err := p.Reload(context.Background(), []string{"r4.txt"}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	// The project Reload started from is a published value: unchanged.
	for _, d := range old.docs {
		if !reflect.DeepEqual(d.Boilerplate, before[d.Path]) {
			t.Errorf("%s: the old project's boilerplate changed to %v", d.Path, d.Boilerplate)
		}
	}
	if len(p.docs) != 4 {
		t.Fatalf("%d documents after removing one", len(p.docs))
	}
	for _, d := range p.docs {
		if furnitureMarked(d) || len(p.RepeatedInOutlet(d.Path)) != 0 {
			t.Errorf("%s: still marked with four documents", d.Path)
		}
		if want := boilerplate.Detect(d.Text); !reflect.DeepEqual(d.Boilerplate, want) {
			t.Errorf("%s: boilerplate %v, want the line rules' %v", d.Path, d.Boilerplate, want)
		}
	}
	write(t, dir, "r4.txt", []byte(docs[4].text))
	if p, err = p.Reload(context.Background(), []string{"r4.txt"}, Options{NoCache: true}); err != nil {
		t.Fatal(err)
	}
	for _, d := range p.docs {
		if !reflect.DeepEqual(d.Boilerplate, before[d.Path]) {
			t.Errorf("%s: after the file came back %v, want %v", d.Path, d.Boilerplate, before[d.Path])
		}
	}
}

func TestParagraphsSkipHeadlineAndShortLines(t *testing.T) {
	text := "Headline that repeats across the outlet\n\nBy Jane Roe\n\n" + furniture + "\n  \n" + para + "\n"
	ps := paragraphs(maphash.MakeSeed(), text, 0)
	if len(ps) != 2 {
		t.Fatalf("paragraphs %+v", ps)
	}
	if got := text[ps[0].span.Start:ps[0].span.End]; got != furniture {
		t.Errorf("first paragraph %q", got)
	}
}
