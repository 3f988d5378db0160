package boilerplate_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/boilerplate"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// newsBenchRows returns the header and the first n rows of news-bench's
// index.tsv (a fixed sample: the table is in random order).
func newsBenchRows(t *testing.T, dir string, n int) (string, []string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header string
	var rows []string
	for sc.Scan() && len(rows) < n {
		if header == "" {
			header = sc.Text()
			continue
		}
		rows = append(rows, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return header, rows
}

// TestNewsBenchKeepsHeadlines runs Detect over every news-bench article: the
// first line (the headline) is never marked, and no more than a handful of
// articles lose most of their text.
func TestNewsBenchKeepsHeadlines(t *testing.T) {
	dir := testcorpus.Corpus(t, "news-bench-10k")
	_, rows := newsBenchRows(t, dir, 1<<30)
	heavy, total, marked := 0, 0, 0
	for _, row := range rows {
		rel, _, _ := strings.Cut(row, "\t")
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		doc := &document.Document{Text: text, Boilerplate: boilerplate.Detect(text)}
		title := strings.TrimSpace(strings.SplitN(text, "\n", 2)[0])
		if i := strings.Index(text, title); title != "" && (doc.InBoilerplate(i) || doc.InBoilerplate(i+len(title)-1)) {
			t.Errorf("%s: headline %q marked", rel, title)
		}
		n := doc.BoilerplateChars()
		total += len(text)
		marked += n
		if 2*n > len(text) {
			heavy++
		}
	}
	t.Logf("%d articles: %.2f%% of the text marked, %d lose more than half", len(rows), 100*float64(marked)/float64(total), heavy)
	if heavy > len(rows)/500 {
		t.Errorf("%d of %d articles lose more than half their text", heavy, len(rows))
	}
	if 20*marked > total {
		t.Errorf("%d of %d bytes marked", marked, total)
	}
}

// maxSpansPerPassage bounds how many places one shared passage may have in
// the 2,000-article sample. Before the furniture rules the largest passage
// (a newsletter box) had 71 spans and five had 24 or more; genuine reuse
// (stock phrases, wire background) stays around ten.
const maxSpansPerPassage = 20

// furnitureCues are words of prompts that a large shared passage must not
// contain: such a passage is a sign-up box or a link card, not reuse.
var furnitureCues = []string{"your inbox", "sign up", "signing up", "subscribe", "newsletter", linkMore}

// linkMore ends a related-headline card.
const linkMore = " MORE"

// TestNewsBenchSharedPassagesNotFurniture opens 2,000 news-bench articles as
// a project (hard links, or copies, and the matching index.tsv rows in a
// temporary folder), finds their shared passages, and checks that the
// largest clusters are no longer page furniture.
func TestNewsBenchSharedPassagesNotFurniture(t *testing.T) {
	if testing.Short() {
		t.Skip("opens 2,000 articles")
	}
	src := testcorpus.Corpus(t, "news-bench-10k")
	header, rows := newsBenchRows(t, src, 2000)
	dir := t.TempDir()
	var index strings.Builder
	index.WriteString(header + "\n")
	for _, row := range rows {
		rel, _, _ := strings.Cut(row, "\t")
		from, to := filepath.Join(src, filepath.FromSlash(rel)), filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Link(from, to); err != nil {
			b, rerr := os.ReadFile(from)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if err := os.WriteFile(to, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		index.WriteString(row + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "index.tsv"), []byte(index.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := project.Open(ctx, dir, project.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.NumDocs() != len(rows) {
		t.Fatalf("%d documents of %d", p.NumDocs(), len(rows))
	}
	folded := make([]textnorm.Folded, p.NumDocs())
	for i, d := range p.Docs() {
		folded[i] = textnorm.Fold(d.Text)
	}
	ps, err := reuse.Find(ctx, p.Docs(), folded, reuse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortStableFunc(ps, func(a, b reuse.Passage) int { return len(b.Spans) - len(a.Spans) })
	for i, q := range ps[:min(10, len(ps))] {
		t.Logf("top %2d: %3d spans, %3d words: %s", i+1, len(q.Spans), q.Words, excerpt(q.Spans[0].Text, 70))
	}
	for _, q := range ps {
		if len(q.Spans) > maxSpansPerPassage {
			t.Errorf("passage in %d places (> %d): %s", len(q.Spans), maxSpansPerPassage, excerpt(q.Spans[0].Text, 100))
		}
		if len(q.Spans) < 5 {
			continue
		}
		lower := strings.ToLower(q.Spans[0].Text)
		for _, c := range furnitureCues {
			in := lower
			if c == linkMore {
				in = q.Spans[0].Text // the card's link is in capitals
			}
			if strings.Contains(in, c) {
				t.Errorf("furniture passage in %d places (%q): %s", len(q.Spans), c, excerpt(q.Spans[0].Text, 100))
			}
		}
	}
	// The outlet pass marked something, and only with its rule.
	repeated := 0
	for _, d := range p.Docs() {
		for _, m := range p.RepeatedInOutlet(d.Path) {
			if m.Rule != project.RepeatedRule {
				t.Fatalf("rule %q", m.Rule)
			}
			repeated++
		}
	}
	if repeated == 0 {
		t.Error("no paragraph marked as repeated in its outlet")
	}
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return fmt.Sprintf("%s…", string(r[:n]))
	}
	return s
}
