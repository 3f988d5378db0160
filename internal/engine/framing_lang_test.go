package engine

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// multilingualEvents copies each folder of multilingual-dev that has a
// sources.csv (the two events and encodings/; their articles and
// sources.csv, not the _truth/ copies) into a temporary folder and returns
// them with each article's language from sources.csv.
func multilingualEvents(tb testing.TB) ([]string, map[string]string) {
	tb.Helper()
	root := testcorpus.Corpus(tb, "multilingual-dev")
	entries, err := os.ReadDir(root)
	if err != nil {
		tb.Fatal(err)
	}
	langs := map[string]string{}
	var dirs []string
	for _, e := range entries {
		src := filepath.Join(root, e.Name())
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(src, "sources.csv")); err != nil {
			continue // no languages to check against
		}
		dst := filepath.Join(tb.TempDir(), e.Name())
		if err := os.MkdirAll(dst, 0o755); err != nil {
			tb.Fatal(err)
		}
		files, err := os.ReadDir(src)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range files {
			if f.IsDir() || strings.HasSuffix(f.Name(), ".tsv") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(src, f.Name()))
			if err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, f.Name()), data, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		f, err := os.Open(filepath.Join(src, "sources.csv"))
		if err != nil {
			tb.Fatal(err)
		}
		r := csv.NewReader(f)
		head, err := r.Read()
		if err != nil {
			tb.Fatal(err)
		}
		col := -1
		for i, h := range head {
			if h == "language" {
				col = i
			}
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil || col < 0 {
				tb.Fatalf("sources.csv: %v (language column %d)", err, col)
			}
			langs[e.Name()+"/"+rec[0]] = rec[col]
		}
		f.Close()
		dirs = append(dirs, dst)
	}
	if len(dirs) == 0 {
		tb.Skip("multilingual-dev has no event folders")
	}
	return dirs, langs
}

// TestFramingMultilingual checks framing in each language on real
// coverage: loaded terms in at least half of the non-English documents,
// and quotations with speakers in the Arabic and Russian ones.
func TestFramingMultilingual(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a corpus")
	}
	dirs, langs := multilingualEvents(t)
	type tally struct{ docs, terms, sources, direct, covered int }
	per := map[string]*tally{}
	for _, dir := range dirs {
		p, err := Open(context.Background(), dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, err := Analyse(context.Background(), p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range a.Framing().Documents {
			want := langs[filepath.Base(dir)+"/"+d.Path]
			if want == "" {
				continue
			}
			if d.Language != want {
				t.Logf("%s: read as %q, sources.csv says %q", d.Path, d.Language, want)
			}
			tl := per[want]
			if tl == nil {
				tl = &tally{}
				per[want] = tl
			}
			tl.docs++
			if d.TermsCovered && d.SourcesCovered {
				tl.covered++
			}
			if len(d.Occurrences) > 0 {
				tl.terms++
			}
			if len(d.Sources) > 0 {
				tl.sources++
			}
			for _, s := range d.Sources {
				if s.Direct {
					tl.direct++
					break
				}
			}
		}
	}
	var codes []string
	nonEn, nonEnTerms := 0, 0
	for c, tl := range per {
		codes = append(codes, c)
		if c != "en" {
			nonEn += tl.docs
			nonEnTerms += tl.terms
		}
	}
	sort.Strings(codes)
	for _, c := range codes {
		tl := per[c]
		t.Logf("%s: %d documents, %d covered, loaded terms in %d, sources in %d, a direct quotation in %d",
			c, tl.docs, tl.covered, tl.terms, tl.sources, tl.direct)
	}
	t.Logf("non-English: loaded terms in %d of %d documents", nonEnTerms, nonEn)
	if nonEn == 0 || 2*nonEnTerms < nonEn {
		t.Errorf("loaded terms in %d of %d non-English documents, want at least half", nonEnTerms, nonEn)
	}
	for _, c := range []string{"ar", "ru"} {
		tl := per[c]
		if tl == nil || 2*tl.sources < tl.docs || tl.direct == 0 {
			t.Errorf("%s: sources found in too few documents: %+v", c, tl)
		}
	}
	for _, c := range []string{"ar", "fa", "fr", "ru"} {
		if tl := per[c]; tl == nil || tl.covered < tl.docs {
			t.Errorf("%s: not every document covered: %+v", c, tl)
		}
	}
}

// BenchmarkFramingMultilingual times the framing analysis of the
// multilingual-dev articles read in their own languages against the
// English-only path of before (the same documents with the English-only
// lexicon, which leaves the others unmeasured) and against the English
// articles alone, in the same run.
func BenchmarkFramingMultilingual(b *testing.B) {
	dirs, _ := multilingualEvents(b)
	type docSet struct {
		docs   []*document.Document
		folded []textnorm.Folded
	}
	var all, english []docSet
	for _, dir := range dirs {
		p, err := Open(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, docSet{p.Docs(), p.Folded()})
		var en docSet
		for i, d := range p.Docs() {
			if strings.HasPrefix(filepath.Base(d.Path), "en-") {
				en.docs = append(en.docs, d)
				en.folded = append(en.folded, p.FoldedAt(i))
			}
		}
		english = append(english, en)
	}
	withLangs, err := loadLexicon(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	englishOnly, err := framing.LoadLexicon(resources.Lexicon, "")
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, ps []docSet, lex *framing.Lexicon) {
		docs := 0
		for _, p := range ps {
			docs += len(p.docs)
		}
		var cpu time.Duration
		for b.Loop() {
			c0 := cputime.Process()
			for _, p := range ps {
				if _, err := framing.Analyse(context.Background(), p.docs, p.folded, nil, lex, nil); err != nil {
					b.Fatal(err)
				}
			}
			cpu += cputime.Process() - c0
		}
		if cpu > 0 {
			b.ReportMetric(float64(b.N*docs)/cpu.Seconds(), "docs/cpu-s")
		}
		b.ReportMetric(float64(docs), "docs")
	}
	b.Run("all-languages", func(b *testing.B) { run(b, all, withLangs) })
	b.Run("english-only-path", func(b *testing.B) { run(b, all, englishOnly) })
	b.Run("english-articles", func(b *testing.B) { run(b, english, withLangs) })
}
