package sourcemeta

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// TestMultilingualDevTruth reads the date, language and byline of every
// plain-text article of multilingual-dev (English, French, Russian, Arabic,
// Persian; the legacy-encoded ones from their UTF-8 copies) and compares
// them with sources.csv. A date found must be the true one (a wrong date is
// worse than none); most dates and every language must be found. Authors
// are counted: the corpus credits agencies and outlets as authors, which
// the rules report as origins and outlets.
func TestMultilingualDevTruth(t *testing.T) {
	root := testcorpus.Corpus(t, "multilingual-dev")
	type doc struct{ path, date, author, language string }
	var docs []doc
	for _, dir := range []string{"beirut-port-explosion-2020", "abqaiq-khurais-attack-2019", "encodings"} {
		f, err := os.Open(filepath.Join(root, dir, "sources.csv"))
		if err != nil {
			t.Skipf("no sources.csv in %s: %v", dir, err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s/sources.csv: %v", dir, err)
		}
		col := map[string]int{}
		for i, c := range rows[0] {
			col[c] = i
		}
		for _, r := range rows[1:] {
			name := r[col["file"]]
			p := filepath.Join(root, dir, name)
			switch {
			case dir == "encodings":
				p = filepath.Join(root, dir, "_utf8", name)
			case strings.HasSuffix(name, ".pdf"):
				p = filepath.Join(root, dir, "_truth", strings.TrimSuffix(name, ".pdf")+".txt")
			case !strings.HasSuffix(name, ".txt"):
				continue // HTML pages: their metadata is htmltext's
			}
			docs = append(docs, doc{p, r[col["date"]], r[col["author"]], r[col["language"]]})
		}
	}
	var dates, wrongDates, langs, authors, withAuthor int
	for _, d := range docs {
		b, err := os.ReadFile(d.path)
		if err != nil {
			t.Fatal(err)
		}
		m := Analyze(string(b), nil).Meta
		name := filepath.Base(d.path)
		switch got := m.Date.Value; {
		case got == "":
			t.Logf("%s: no date (true %s)", name, d.date)
		case got[:10] == d.date:
			dates++
		default:
			wrongDates++
			t.Errorf("%s: date %s by %s, true %s", name, got, m.Date.Rule, d.date)
		}
		if m.Language.Value == d.language {
			langs++
		} else {
			t.Errorf("%s: language %q, true %q", name, m.Language.Value, d.language)
		}
		if d.author != "" {
			withAuthor++
			if m.Author.Value != "" && (strings.Contains(d.author, m.Author.Value) || strings.Contains(m.Author.Value, d.author)) {
				authors++
			}
		} else if m.Author.Value != "" {
			t.Errorf("%s: author %q by %s, but the page credits nobody", name, m.Author.Value, m.Author.Rule)
		}
	}
	t.Logf("%d documents: date %d (wrong %d), language %d, author %d of %d credited", len(docs), dates, wrongDates, langs, authors, withAuthor)
	if len(docs) < 40 {
		t.Fatalf("read %d documents, want the corpus' plain texts and PDF sources", len(docs))
	}
	if dates*10 < len(docs)*8 {
		t.Errorf("dates for %d of %d documents, want at least 80%%", dates, len(docs))
	}
}
