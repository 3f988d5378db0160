package reuse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// babble returns n made-up words: text that shares nothing with any other
// babble by chance.
func babble(rng *rand.Rand, n int) string {
	syl := []string{"ka", "lo", "mi", "ne", "tu", "ra", "so", "vi", "de", "pu", "go", "ze", "bi", "fa", "ho", "ju"}
	var b strings.Builder
	for i := range n {
		if i > 0 {
			if rng.IntN(12) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
	}
	return b.String()
}

func doc(path, text string) *document.Document {
	return &document.Document{Path: path, Format: document.FormatText, Text: text}
}

func find(t *testing.T, docs []*document.Document, o Options) []Passage {
	t.Helper()
	ps, err := Find(context.Background(), docs, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

const story = `The committee voted on Tuesday to release the report, which describes how the agency spent ` +
	`money meant for flood defences on consultants and travel. "We were told the work was finished," ` +
	`said one member, who asked not to be named. The agency has until the end of the month to reply, ` +
	`and its director is expected to appear before the committee again in the spring.`

func TestFindSynthetic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b := func(n int) string { return babble(rng, n) }
	common := "the United States said in a statement"
	tests := []struct {
		name     string
		docs     []*document.Document
		passages int      // passages expected
		spans    []int    // spans of each, in order
		contains []string // text each passage's spans must hold
	}{
		{
			name: "common phrases are not passages",
			docs: []*document.Document{
				doc("a.txt", b(80)+" "+common+" "+b(50)+" the United States "+b(40)),
				doc("b.txt", b(60)+" "+common+" "+b(70)+" said in a statement "+b(40)),
				doc("c.txt", b(90)+" the United States "+b(30)+" "+common+" "+b(40)),
			},
			passages: 0,
		},
		{
			name: "an overlap under the minimum is ignored",
			docs: []*document.Document{
				doc("a.txt", b(80)+" one two three four five six seven eight nine "+b(50)),
				doc("b.txt", b(70)+" One two three four five six seven eight nine "+b(60)),
			},
			passages: 0,
		},
		{
			name: "an overlap at the minimum is found",
			docs: []*document.Document{
				doc("a.txt", b(80)+" one two three four five six seven eight nine ten "+b(50)),
				doc("b.txt", b(70)+" One two three four five six seven eight nine ten "+b(60)),
			},
			passages: 1, spans: []int{2}, contains: []string{"eight nine ten"},
		},
		{
			name: "disguise, quotes, case and punctuation",
			docs: []*document.Document{
				doc("a.txt", b(50)+"\n\n"+story+"\n\n"+b(50)),
				doc("b.txt", b(30)+"\n\n"+
					"THE CΟMMITTEE vоted on Tuesday tο releаse the rеpοrt - which describes how the agency spent "+
					"money meant for flood defenses on consultants and travel. “We were told the work was finished”, "+
					"said one member who asked not to be named; the agency has until the end of the month to reply "+
					"and its director is expected to appear before the committee again in the spring."+"\n\n"+b(60)),
			},
			passages: 1, spans: []int{2}, contains: []string{"director is expected"},
		},
		{
			name: "a word inserted, dropped and changed",
			docs: []*document.Document{
				doc("a.txt", b(50)+" "+story+" "+b(50)),
				doc("b.txt", b(40)+" "+strings.NewReplacer(
					"voted on Tuesday", "voted late on Tuesday",
					"who asked not", "who not",
					"the end of the month", "the end of the year",
				).Replace(story)+" "+b(40)),
			},
			passages: 1, spans: []int{2}, contains: []string{"agency spent"},
		},
		{
			name: "a standalone look-alike word between Latin words",
			docs: []*document.Document{
				doc("a.txt", b(50)+" "+story+" "+b(50)),
				doc("b.txt", b(40)+" "+strings.ReplaceAll(story, " a ", " а ")+" "+b(40)),
			},
			passages: 1, spans: []int{2}, contains: []string{"committee"},
		},
		{
			name: "unrelated documents",
			docs: []*document.Document{
				doc("a.txt", b(300)), doc("b.txt", b(300)), doc("c.txt", b(300)),
			},
			passages: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := find(t, tt.docs, Options{})
			if len(ps) != tt.passages {
				t.Fatalf("got %d passages, want %d: %+v", len(ps), tt.passages, ps)
			}
			for i, p := range ps {
				if len(p.Spans) != tt.spans[i] {
					t.Errorf("passage %d: %d spans, want %d", i, len(p.Spans), tt.spans[i])
				}
				for _, s := range p.Spans {
					if !strings.Contains(plainWords(s.Text), plainWords(tt.contains[i])) {
						t.Errorf("passage %d span %s: %q lacks %q", i, s.Path, s.Text, tt.contains[i])
					}
				}
			}
		})
	}
}

func TestSpansMapToOriginal(t *testing.T) {
	pre := "Ünïcode «prefix» — text "
	a := doc("a.txt", pre+story)
	b := doc("b.txt", "Other words entirely. "+strings.ReplaceAll(story, "o", "ο")+" The end.")
	ps := find(t, []*document.Document{a, b}, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1", len(ps))
	}
	for _, s := range ps[0].Spans {
		d := a
		if s.Path == "b.txt" {
			d = b
		}
		if d.Text[s.Start:s.End] != s.Text {
			t.Errorf("%s: span [%d,%d) is not its text", s.Path, s.Start, s.End)
		}
		if !strings.HasPrefix(s.Text, "The committee") && !strings.HasPrefix(s.Text, "The cοmmittee") {
			t.Errorf("%s: span starts %q", s.Path, s.Text[:20])
		}
		if !strings.HasSuffix(s.Text, "spring") {
			t.Errorf("%s: span ends %q", s.Path, s.Text[len(s.Text)-20:])
		}
	}
	if ps[0].Words != document.CountWords(story) || ps[0].Similarity != 1 {
		t.Errorf("words %d similarity %v, want %d and 1", ps[0].Words, ps[0].Similarity, document.CountWords(story))
	}
}

func TestBoilerplateIgnored(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	footer := "Copyright the Example Gazette. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."
	var docs []*document.Document
	for i := range 3 {
		text := babble(rng, 120) + "\n\n" + footer
		d := doc(fmt.Sprintf("%d.txt", i), text)
		d.Boilerplate = []document.Span{{Start: len(text) - len(footer), End: len(text)}}
		docs = append(docs, d)
	}
	if ps := find(t, docs, Options{}); len(ps) != 0 {
		t.Errorf("boilerplate footer found as %d passages", len(ps))
	}
	docs[0].Boilerplate = nil
	docs[1].Boilerplate = nil
	ps := find(t, docs, Options{})
	if len(ps) != 1 || len(ps[0].Spans) != 2 {
		t.Fatalf("footer outside boilerplate: got %+v, want one passage in 2 documents", ps)
	}
}

func TestCluster(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	long := story + " " + strings.ReplaceAll(story, "committee", "panel") + " " + babble(rand.New(rand.NewPCG(9, 9)), 60)
	var docs []*document.Document
	for i := range 6 {
		copied := disguise(rng, long, 5)
		docs = append(docs, doc(fmt.Sprintf("copy%d.txt", i), babble(rng, 40+10*i)+"\n\n"+copied+"\n\n"+babble(rng, 50)))
	}
	docs = append(docs, doc("other.txt", babble(rng, 400)))
	ps := find(t, docs, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1", len(ps))
	}
	if len(ps[0].Spans) != 6 {
		t.Fatalf("got %d spans, want 6", len(ps[0].Spans))
	}
	for i, s := range ps[0].Spans {
		if want := fmt.Sprintf("copy%d.txt", i); s.Path != want {
			t.Errorf("span %d in %s, want %s", i, s.Path, want)
		}
		if s.Words < document.CountWords(long)*9/10 {
			t.Errorf("span %d has %d words, want about %d", i, s.Words, document.CountWords(long))
		}
	}
}

func TestSyndicated(t *testing.T) {
	// A wire story in more documents than HubDocFreq: pairs go through a
	// hub, and the passage is still one cluster with a span in each.
	rng := rand.New(rand.NewPCG(15, 16))
	var docs []*document.Document
	for i := range 80 {
		docs = append(docs, doc(fmt.Sprintf("w%02d.txt", i), babble(rng, 30)+"\n\n"+disguise(rng, story, 5)+"\n\n"+babble(rng, 30)))
	}
	for _, o := range []Options{{}, {HubDocFreq: 100}} {
		ps := find(t, docs, o)
		if len(ps) != 1 || len(ps[0].Spans) != len(docs) {
			t.Fatalf("HubDocFreq %d: got %d passages (first with %d spans), want 1 with %d", o.HubDocFreq, len(ps), len(ps[0].Spans), len(docs))
		}
	}
	// The same story unchanged in 80 documents.
	for i, d := range docs {
		d.Text = fmt.Sprintf("%s x%dx\n\n%s\n\nx%dx %s", babble(rng, 30), i, story, i, babble(rng, 30))
	}
	if ps := find(t, docs, Options{}); len(ps) != 1 || len(ps[0].Spans) != len(docs) {
		t.Errorf("exact copies: got %d passages, want 1 with %d spans", len(ps), len(docs))
	}
}

func TestQuoted(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	quote := "we will not accept any agreement that leaves the people of the valley without water for the summer"
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"both quote it", `The minister said: "` + quote + `," and left.`, `"` + quote + `", she told reporters.`, true},
		{"curly and single quotes", "He said, “" + quote + ".”", "She repeated it: ‘" + quote + "’ on Monday.", true},
		{"one copies without quotes", `The minister said: "` + quote + `," and left.`, "Indeed " + quote + ", it seems.", false},
		{"neither quotes it", "Indeed " + quote + " and more.", "So " + quote + " again.", false},
		{"quote closed before the passage", `"Yes," he said, ` + quote + `.`, `"No," she said, ` + quote + `.`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []*document.Document{
				doc("a.txt", babble(rng, 30)+"\n\n"+tt.a+"\n\n"+babble(rng, 30)),
				doc("b.txt", babble(rng, 30)+"\n\n"+tt.b+"\n\n"+babble(rng, 30)),
			}
			ps := find(t, docs, Options{})
			if len(ps) != 1 {
				t.Fatalf("got %d passages, want 1", len(ps))
			}
			if ps[0].Quoted != tt.want {
				t.Errorf("quoted = %v, want %v (spans %+v)", ps[0].Quoted, tt.want, ps[0].Spans)
			}
		})
	}
}

func TestDeterministicAndJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var docs []*document.Document
	for i := range 12 {
		docs = append(docs, doc(fmt.Sprintf("d%02d.txt", i), babble(rng, 100)+" "+disguise(rng, story, 5)+" "+babble(rng, 100)))
	}
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	one, err := Find(context.Background(), docs, folded, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	four := find(t, docs, Options{Workers: 4})
	if !reflect.DeepEqual(one, four) {
		t.Fatal("results differ with the number of workers or with folding done by Find")
	}
	raw, err := json.Marshal(map[string]any{"passages": one})
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Passages []struct {
			ID         string  `json:"id"`
			Words      int     `json:"words"`
			Similarity float64 `json:"similarity"`
			Quoted     *bool   `json:"quoted"`
			Spans      []struct {
				Path       string `json:"path"`
				Start, End int
				Text       string `json:"text"`
			} `json:"spans"`
		} `json:"passages"`
	}
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Passages) != 1 || back.Passages[0].ID == "" || back.Passages[0].Quoted == nil ||
		len(back.Passages[0].Spans) != 12 || back.Passages[0].Spans[0].End <= back.Passages[0].Spans[0].Start {
		t.Errorf("JSON shape: %s", raw[:min(len(raw), 400)])
	}
}

func TestCancelAndProgress(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var docs []*document.Document
	for i := range 50 {
		docs = append(docs, doc(fmt.Sprintf("d%02d.txt", i), babble(rng, 200)+" "+story))
	}
	stages := map[string]bool{}
	_, err := Find(context.Background(), docs, nil, Options{Progress: func(p Progress) {
		if p.Done > p.Total {
			t.Errorf("progress %+v", p)
		}
		stages[p.Stage] = true
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"words", "index", "align", "cluster"} {
		if !stages[s] {
			t.Errorf("no progress for stage %q", s)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Find(ctx, docs, nil, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	withNil := append([]*document.Document{nil}, docs[:3]...)
	if ps, err := Find(context.Background(), withNil, nil, Options{}); err != nil || len(ps) != 1 || len(ps[0].Spans) != 3 {
		t.Errorf("with a nil document: %v, %d passages", err, len(ps))
	}
	if _, err := Find(context.Background(), docs, make([]textnorm.Folded, 3), Options{}); err == nil {
		t.Error("mismatched folded texts accepted")
	}
}

func TestDiff(t *testing.T) {
	aText := "Before. The quick brown fox jumps over the lazy dog near the river bank today."
	bText := "After! the QUICK brοwn fox leaps over the dog near the old river bank today"
	a := Span{Path: "a", Start: 8, End: len(aText), Text: aText[8:]}
	b := Span{Path: "b", Start: 7, End: len(bText), Text: bText[7:]}
	runs := Diff(a, b)
	type run struct {
		op   Op
		a, b string
	}
	var got []run
	for _, r := range runs {
		got = append(got, run{r.Op, aText[r.AStart:r.AEnd], bText[r.BStart:r.BEnd]})
	}
	want := []run{
		{Equal, "The quick brown fox", "the QUICK brοwn fox"},
		{Changed, "jumps", "leaps"},
		{Equal, "over the", "over the"},
		{Deleted, "lazy", ""},
		{Equal, "dog near the", "dog near the"},
		{Inserted, "", "old"},
		{Equal, "river bank today", "river bank today"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff:\n got %q\nwant %q", got, want)
	}
	if r := Diff(a, a); len(r) != 1 || r[0].Op != Equal || r[0].AWords != 14 {
		t.Errorf("Diff of a span with itself: %+v", r)
	}
	if r := Diff(Span{}, b); len(r) != 1 || r[0].Op != Inserted {
		t.Errorf("Diff from an empty span: %+v", r)
	}
}
