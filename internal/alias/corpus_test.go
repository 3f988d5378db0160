package alias

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// benchDocs reads the first n articles of news-bench-10k (in index order)
// as documents with their outlets.
func benchDocs(t testing.TB, n int) []*document.Document {
	t.Helper()
	dir := testcorpus.Corpus(t, "news-bench-10k")
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var docs []*document.Document
	for sc.Scan() && len(docs) < n {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || cols[0] == "file" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(cols[0])))
		if err != nil {
			continue
		}
		d := &document.Document{Path: cols[0], Text: string(b)}
		d.Meta.Outlet.Value = cols[1]
		docs = append(docs, d)
	}
	return docs
}

func extractAll(docs []*document.Document, x *entity.Extractor) []entity.Mention {
	var all []entity.Mention
	for _, d := range docs {
		all = append(all, x.Extract(d, textnorm.Fold(d.Text))...)
	}
	return all
}

// TestCorpusMerges checks the grouping of a slice of news-bench-10k: every
// merge says why and how sure it is, and no entity holds forms the
// gazetteer knows as two different things. PARALLAX_ALIAS_LOG=1 logs the
// merges for spot checks.
func TestCorpusMerges(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 100
	}
	docs := benchDocs(t, n)
	gaz := defaultGazetteer(t)
	res := Group(extractAll(docs, entity.NewExtractor(gaz)), gaz, nil)
	logAll := os.Getenv("PARALLAX_ALIAS_LOG") != ""
	merged := 0
	for _, e := range res.Entities {
		known := map[int]string{}
		for _, f := range e.Forms {
			if _, idx, ok := gaz.LookupKey(entity.Key(f.Text), strings.ToUpper(f.Text) == f.Text); ok {
				known[idx] = f.Text
			}
		}
		if len(known) > 1 {
			t.Errorf("entity %q holds forms of %d gazetteer entries: %v", e.Name, len(known), known)
		}
		for _, m := range e.Merges {
			if m.Reason == "" || m.Confidence <= 0 || m.Confidence > 1 {
				t.Errorf("entity %q: merge of %q without a reason or with confidence %.2f", e.Name, m.Form, m.Confidence)
			}
			if m.Reason == ReasonSameKey || m.Reason == ReasonGazetteer {
				continue
			}
			merged++
			if logAll {
				t.Logf("%-12s %q → %q (%s %.2f)", e.Kind, m.Form, m.Into, m.Reason, m.Confidence)
			}
		}
	}
	if logAll {
		for _, s := range res.Suggestions {
			t.Logf("suggest %q ~ %q (%s %.2f)", s.FormA, s.FormB, s.Reason, s.Confidence)
		}
		for _, e := range res.Entities[:min(60, len(res.Entities))] {
			t.Logf("top %s [%s] %d mentions %v", e.Name, e.Kind, len(e.Mentions), e.Forms[:min(5, len(e.Forms))])
		}
	}
	t.Logf("%d docs: %d entities, %d rule merges, %d suggestions", len(docs), len(res.Entities), merged, len(res.Suggestions))
}
