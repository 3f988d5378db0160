package workspace

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

const article = "BAGHDAD (Reuters) - U.S. forces struck Iran-backed militia sites near the border crossing at Al Qaim on Sunday, officials said.\n\n" +
	"The strikes hit weapons depots, a spokesman said. Iraqi leaders condemned the strikes as a violation of sovereignty.\n\n" +
	"The militia group said five of its fighters were killed. The strikes hit weapons depots again on Monday, residents said.\n"

func annotate(t *testing.T, d *document.Document, quote string, nth int) Annotation {
	t.Helper()
	i := -1
	for k := 0; k <= nth; k++ {
		j := strings.Index(d.Text[i+1:], quote)
		if j < 0 {
			t.Fatalf("%q not in text", quote)
		}
		i += 1 + j
	}
	a, err := NewAnnotation(d, spanOf(i, i+len(quote)), "note on "+quote, []string{"framing"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestNewAnnotation(t *testing.T) {
	d := doc("reuters.txt", article)
	a := annotate(t, d, "Iran-backed militia", 0)
	if a.Path != "reuters.txt" || a.Hash != d.Hash || a.Quote != "Iran-backed militia" || a.ID == "" || a.Orphaned {
		t.Errorf("annotation %+v", a)
	}
	if !strings.HasSuffix(a.Before, "forces struck ") || !strings.HasPrefix(a.After, " sites near") || len(a.Before) > ContextBytes || len(a.After) > ContextBytes {
		t.Errorf("context %q / %q", a.Before, a.After)
	}
	b := annotate(t, d, "Iran-backed militia", 0)
	if a.ID == b.ID {
		t.Error("two annotations got the same ID")
	}
	utf := doc("u.txt", "Élysée said “no”.")
	bad := []document.Span{{Start: -1, End: 3}, {Start: 3, End: 3}, {Start: 5, End: 2}, {Start: 0, End: 100}, {Start: 1, End: 4}}
	for _, sp := range bad {
		if _, err := NewAnnotation(utf, sp, "", nil, t0); err == nil {
			t.Errorf("NewAnnotation accepted span %v", sp)
		}
	}
	if _, err := NewAnnotation(doc("../x.txt", "abc"), spanOf(0, 1), "", nil, t0); err == nil {
		t.Error("NewAnnotation accepted a path outside the project")
	}
	// Context is cut at character boundaries.
	long := doc("l.txt", strings.Repeat("é", 40)+"QUOTE"+strings.Repeat("ü", 40))
	c := annotate(t, long, "QUOTE", 0)
	if !strings.HasPrefix(c.Before, "é") || !strings.HasSuffix(c.After, "ü") {
		t.Errorf("context cut inside a character: %q / %q", c.Before, c.After)
	}
}

func TestReanchor(t *testing.T) {
	orig := doc("reuters.txt", article)
	tests := []struct {
		name   string
		quote  string
		nth    int
		edited string
		method Method
		want   string // the text the new span must cover ("" when orphaned)
		// wantBefore is a bit of text that must come just before the new
		// span, to check the right one of several places was chosen.
		wantBefore string
	}{
		{"unchanged", "Iran-backed militia", 0, article, Kept, "Iran-backed militia", "struck "},
		{"text inserted before", "Iran-backed militia", 0,
			"UPDATED with reaction.\n\n" + article, Exact, "Iran-backed militia", "struck "},
		{"text inserted before, second of two", "The strikes hit weapons depots", 1,
			"Editor's note: corrected.\n" + article, Exact, "The strikes hit weapons depots", "were killed. "},
		{"first of two, after the other moved", "The strikes hit weapons depots", 0,
			strings.Replace(article, "The militia group said five of its fighters were killed. ", "", 1) + "\nThe strikes hit weapons depots, a spokesman said twice.\n", Exact, "The strikes hit weapons depots", "\n\n"},
		{"case and quotes changed", "Iran-backed militia sites", 0,
			strings.Replace(article, "Iran-backed militia sites", "IRAN\u2011BACKED  Militia\nsites", 1), Folded, "IRAN\u2011BACKED  Militia\nsites", "struck "},
		{"word edited inside", "condemned the strikes as a violation of sovereignty", 0,
			strings.Replace(article, "condemned the strikes as a violation", "condemned the air strikes as a clear violation", 1), Fuzzy,
			"condemned the air strikes as a clear violation of sovereignty", "leaders "},
		{"text deleted", "Iraqi leaders condemned the strikes", 0,
			strings.Replace(article, "Iraqi leaders condemned the strikes as a violation of sovereignty.", "", 1), Orphaned, "", ""},
		{"deleted, a similar sentence stays", "The strikes hit weapons depots, a spokesman said.", 0,
			strings.Replace(article, "The strikes hit weapons depots, a spokesman said. ", "", 1), Orphaned, "", ""},
		{"document emptied", "Iran-backed militia", 0, "", Orphaned, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := annotate(t, orig, tt.quote, tt.nth)
			edited := doc("reuters.txt", tt.edited)
			got, m := Reanchor(a, edited)
			if m != tt.method {
				t.Fatalf("method %s, want %s (span %v)", m, tt.method, got.Span)
			}
			// Never lost: the note, tags and ID are always kept.
			if got.ID != a.ID || got.Note != a.Note || len(got.Tags) != 1 {
				t.Errorf("annotation lost its note: %+v", got)
			}
			if tt.method == Orphaned {
				if !got.Orphaned || got.Quote != a.Quote || got.Span != a.Span || got.Hash != a.Hash {
					t.Errorf("orphan changed: %+v", got)
				}
				return
			}
			if got.Orphaned || got.Hash != edited.Hash {
				t.Errorf("orphaned %v, hash %s", got.Orphaned, got.Hash)
			}
			if s := edited.Text[got.Span.Start:got.Span.End]; s != tt.want {
				t.Errorf("span covers %q, want %q", s, tt.want)
			}
			if got.Quote != tt.want {
				t.Errorf("quote %q, want %q", got.Quote, tt.want)
			}
			if !strings.HasSuffix(edited.Text[:got.Span.Start], tt.wantBefore) {
				t.Errorf("wrong place: text before is %q", edited.Text[max(0, got.Span.Start-20):got.Span.Start])
			}
			// Anchored again on the same document it is kept as is.
			again, m2 := Reanchor(got, edited)
			if m2 != Kept || again.Span != got.Span {
				t.Errorf("second reanchor: %s %v", m2, again.Span)
			}
		})
	}
}

func TestReanchorOrphanComesBack(t *testing.T) {
	a := annotate(t, doc("r.txt", article), "Iran-backed militia", 0)
	gone := doc("r.txt", "nothing left here at all")
	o, m := Reanchor(a, gone)
	if m != Orphaned || !o.Orphaned {
		t.Fatalf("%s %+v", m, o)
	}
	back, m := Reanchor(o, doc("r.txt", "restored: "+article))
	if m != Exact || back.Orphaned {
		t.Fatalf("restored text: %s orphaned=%v", m, back.Orphaned)
	}
}

func TestReanchorLongQuote(t *testing.T) {
	para := strings.Repeat("The commander of the units said the crossing was vital to supply lines across the desert. ", 2) +
		"Officials in Baghdad said the militias draw salaries from the state, pensions from the state, and orders from elsewhere, according to documents seen by reporters."
	text := "Intro line.\n" + para + "\nOther story entirely about the weather and the markets today."
	a := annotate(t, doc("x.txt", text), para, 0)
	edited := strings.Replace(text, "Intro line.", "A much longer new introduction paragraph.", 1)
	edited = strings.Replace(edited, "draw salaries from the state", "draw their salaries from the state budget", 1)
	got, m := Reanchor(a, doc("x.txt", edited))
	if m != Fuzzy {
		t.Fatalf("method %s", m)
	}
	want := strings.Replace(para, "draw salaries from the state", "draw their salaries from the state budget", 1)
	if got.Quote != want {
		t.Errorf("long quote re-anchored to %q", got.Quote)
	}
}

func TestReanchorDisguisedCopy(t *testing.T) {
	// A copy with Greek omicron for Latin o is still found, on folded text.
	a := annotate(t, doc("x.txt", "the PMF control of the crossing"), "PMF control", 0)
	got, m := Reanchor(a, doc("x.txt", "now: the PMF c\u03bfntr\u03bfl of the crossing"))
	if m != Folded || got.Quote != "PMF c\u03bfntr\u03bfl" {
		t.Errorf("%s %q", m, got.Quote)
	}
}

// TestReanchorSampleProject annotates sentences of the sample articles,
// inserts text at the top and deletes one sentence, and checks that all
// other annotations follow their text and the deleted one is orphaned.
func TestReanchorSampleProject(t *testing.T) {
	dir := testcorpus.SampleProject(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	if len(files) == 0 {
		t.Skip("no sample files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		d := doc(filepath.Base(f), text)
		var anns []Annotation
		for _, sp := range sentences(text, 8) {
			a, err := NewAnnotation(d, sp, "n", nil, t0)
			if err != nil {
				t.Fatal(err)
			}
			anns = append(anns, a)
		}
		if len(anns) < 3 {
			continue
		}
		victim := anns[len(anns)/2]
		edited := "Inserted editor's note.\n\n" + text[:victim.Span.Start] + text[victim.Span.End:]
		ed := doc(d.Path, edited)
		for _, a := range anns {
			got, m := Reanchor(a, ed)
			if a.ID == victim.ID {
				if strings.Count(edited, a.Quote) == 0 && m != Orphaned {
					t.Errorf("%s: deleted sentence %q anchored by %s to %q", d.Path, a.Quote, m, got.Quote)
				}
				continue
			}
			if m == Orphaned || edited[got.Span.Start:got.Span.End] != a.Quote {
				t.Errorf("%s: %q lost (%s)", d.Path, a.Quote, m)
			}
		}
	}
}

// sentences returns up to n spans of sentences of at least 40 bytes.
func sentences(text string, n int) []document.Span {
	var out []document.Span
	start := 0
	for i := 0; i < len(text) && len(out) < n; i++ {
		if text[i] == '.' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			s := strings.TrimLeft(text[start:i+1], " \n\r\t")
			if len(s) >= 40 {
				b := i + 1 - len(s)
				out = append(out, spanOf(b, i+1))
			}
			start = i + 1
		}
	}
	return out
}

// TestReanchorNewsCorpus edits real articles the way sources change:
// a paragraph inserted at the top, a word added inside a sentence, a
// sentence deleted. Every annotated sentence must follow its text, and a
// deleted one must be orphaned (unless the same words are still there).
func TestReanchorNewsCorpus(t *testing.T) {
	n := 60 // PARALLAX_WORKSPACE_CORPUS_N=2000 for the figures in docs/benchmarks/workspace.md
	if v, err := strconv.Atoi(os.Getenv("PARALLAX_WORKSPACE_CORPUS_N")); err == nil && v > 0 {
		n = v
	}
	files := corpusFiles(t, n)
	// Articles repeat sentences (captions, headlines, pull quotes), so a
	// few edited or deleted sentences may be matched to a near copy: they
	// are counted, and must stay rare.
	checked, fuzzy, followed, lost, misplaced := 0, 0, 0, 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		d := doc("a.txt", text)
		sents := sentences(text, 6)
		if len(sents) < 3 {
			continue
		}
		var anns []Annotation
		for _, sp := range sents {
			a, err := NewAnnotation(d, sp, "n", nil, t0)
			if err != nil {
				t.Fatal(err)
			}
			anns = append(anns, a)
		}
		// Edit: insert at the top, add a word in the middle of sentence 0,
		// delete sentence 1.
		s0, s1 := sents[0], sents[1]
		mid := s0.Start + (s0.End-s0.Start)/2
		for mid < s0.End && text[mid] != ' ' {
			mid++
		}
		edited := "Update: this story has been revised.\n\n" + text[:mid] + " reportedly" + text[mid:s1.Start] + text[s1.End:]
		ed := doc("a.txt", edited)
		for k, a := range anns {
			got, m := Reanchor(a, ed)
			switch k {
			case 0:
				// It must follow the edit; an article that repeats the
				// sentence (captions, headlines) may anchor it to a copy
				// that is as close, which is counted but not an error.
				want := text[s0.Start:mid] + " reportedly" + text[mid:s0.End]
				switch {
				case got.Quote == want:
					followed++
				case m == Orphaned || editDistance(foldKey(a.Quote), foldKey(got.Quote)) > len(a.Quote)/4:
					lost++
					t.Logf("%s: edited sentence: %s %q, want %q", filepath.Base(f), m, got.Quote, want)
				}
				if m == Fuzzy {
					fuzzy++
				}
			case 1:
				// Orphaned, unless (nearly) the same words are still there,
				// as when an article repeats a sentence as a pull quote.
				if m != Orphaned && editDistance(foldKey(a.Quote), foldKey(got.Quote)) > len(a.Quote)/10 {
					misplaced++
					t.Logf("%s: deleted sentence %q anchored by %s to %q", filepath.Base(f), a.Quote, m, got.Quote)
				}
			default:
				if m == Orphaned || edited[got.Span.Start:got.Span.End] != a.Quote {
					t.Errorf("%s: sentence %q lost (%s)", filepath.Base(f), a.Quote, m)
				}
			}
		}
		checked++
	}
	if checked == 0 {
		t.Skip("no usable articles")
	}
	t.Logf("%d articles, %d edited sentences found fuzzily, %d at the edited place", checked, fuzzy, followed)
	t.Logf("%d edited sentences lost, %d deleted ones anchored to other text", lost, misplaced)
	if followed < checked*95/100 || lost > checked/100 || misplaced > checked*2/100 {
		t.Errorf("of %d edited sentences %d followed, %d lost; %d deleted sentences misplaced", checked, followed, lost, misplaced)
	}
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			d := prev[j-1]
			if a[i-1] != b[j-1] {
				d++
			}
			cur[j] = min(d, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
