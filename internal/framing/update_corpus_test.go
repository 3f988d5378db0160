package framing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// On a few hundred articles of news-bench-10k, with capitalised names for
// entities (found again after every step, so their order and indexes
// shift as documents come and go), random edits updated step by step
// give the full analysis every time.
func TestUpdateMatchesFullAnalysisOnNews(t *testing.T) {
	if testing.Short() {
		t.Skip("news-bench-10k: a few seconds; -short skips it")
	}
	docs := benchDocs(t, 240) // skips with a reason when ../shared is missing
	for i, d := range docs {
		// a few outlets per year folder, so that outlets are small and many
		d.Meta.Outlet.Value = fmt.Sprintf("%s/%d", d.Meta.Outlet.Value, i%4)
	}
	ctx := context.Background()
	lex := shippedLexicon(t)
	r := rand.New(rand.NewPCG(18, 6))
	stances := map[string]string{}
	sentence := func() string {
		d := docs[r.IntN(len(docs))]
		parts := strings.Split(d.Text, ". ")
		return " " + strings.TrimSpace(parts[r.IntN(len(parts))]) + "."
	}
	var prev *Analysis
	next := 0
	for step := range 14 {
		var did []string
		for range 1 + r.IntN(4) {
			i := r.IntN(len(docs))
			d := docs[i]
			switch r.IntN(9) {
			case 0, 1:
				d.Text += sentence()
				did = append(did, "append to "+d.Path)
			case 2:
				d.Text += fmt.Sprintf(" Karim Nadeem Step%d said the talks failed.", step)
				did = append(did, "a new name in "+d.Path)
			case 3:
				// a name taken out: the first two capitalised words
				f := strings.Fields(d.Text)
				for k := 0; k+1 < len(f); k++ {
					if f[k] != "" && f[k][0] >= 'A' && f[k][0] <= 'Z' && f[k+1] != "" && f[k+1][0] >= 'A' && f[k+1][0] <= 'Z' {
						d.Text = strings.Replace(d.Text, f[k]+" "+f[k+1], "someone", 1)
						break
					}
				}
				did = append(did, "a name out of "+d.Path)
			case 4:
				next++
				c := *d
				c.Path = fmt.Sprintf("new/%03d.txt", next)
				if r.IntN(2) == 0 {
					c.Meta.Outlet.Value = fmt.Sprintf("new outlet %d", next)
				}
				docs = append(docs, &c)
				did = append(did, "copied "+d.Path+" as "+c.Path)
			case 5:
				docs = slices.Delete(docs, i, i+1)
				did = append(did, "removed "+d.Path)
			case 6:
				next++
				c := *d
				c.Path = fmt.Sprintf("renamed/%03d.txt", next)
				docs[i] = &c
				did = append(did, "renamed "+d.Path)
			case 7:
				c := *d
				c.Text, c.Boilerplate = "", nil
				docs[i] = &c
				did = append(did, "emptied "+d.Path)
			case 8:
				d.Meta.Outlet.Value = docs[r.IntN(len(docs))].Meta.Outlet.Value
				stances[d.Path] = []string{"", "left", "right"}[r.IntN(3)]
				did = append(did, "outlet and stance of "+d.Path)
			}
		}
		name := fmt.Sprintf("step %d (%s)", step, strings.Join(did, "; "))
		ents := withForms(docs, capitalEntities(docs))
		opts := Options{Stance: stanceOf(stances)}
		want, err := AnalyseWith(ctx, docs, nil, ents, lex, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Update(ctx, prev, docs, nil, ents, lex, opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameAnalysis(t, name, got, want)
		if st, _ := got.UpdateStats(); prev != nil && (st.Full || st.Framed > 8) {
			t.Errorf("%s: %+v: more framed than the edits touch", name, st)
		} else {
			t.Logf("%s: %+v", name, st)
		}
		prev = got
	}
}

// withForms gives every mention its form as written, as the engine does
// (the speaker index holds only mentions with a form).
func withForms(docs []*document.Document, ents []EntityInput) []EntityInput {
	text := make(map[string]string, len(docs))
	for _, d := range docs {
		text[d.Path] = d.Text
	}
	for i := range ents {
		for k := range ents[i].Mentions {
			m := &ents[i].Mentions[k]
			m.Form = text[m.Path][m.Start:m.End]
		}
	}
	return ents
}

// updateDocs are n documents written for the benchmark: the sentences of
// the update tests, several per document, over a dozen outlets.
func updateDocs(n int) []*document.Document {
	r := rand.New(rand.NewPCG(3, 5))
	docs := make([]*document.Document, n)
	for i := range docs {
		var b strings.Builder
		for range 6 + r.IntN(10) {
			b.WriteString(updSentences[r.IntN(len(updSentences))])
		}
		d := &document.Document{Path: fmt.Sprintf("%05d.txt", i), Text: strings.TrimSpace(b.String())}
		d.Meta.Outlet.Value = fmt.Sprintf("Outlet %d", i%12)
		docs[i] = d
	}
	return docs
}
