package workspace

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// benchArticle builds a long article of pseudo-random sentences (about n
// bytes) from a small vocabulary, deterministic.
func benchArticle(n int) string {
	words := strings.Fields("the officials said forces border crossing militia strike near town reported " +
		"government spokesman attack killed residents province ministry statement fighters " +
		"weapons depots sovereignty violation condemned leaders security units command region")
	var b strings.Builder
	x := uint32(2463534242)
	next := func() int { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return int(x) }
	for i := 0; b.Len() < n; i++ {
		k := 8 + next()%12
		for j := range k {
			w := words[next()%len(words)]
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if j < k-1 {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, " %d. ", next()%1000)
		if i%6 == 5 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkReanchor measures re-anchoring one annotation in a 50 KB
// article by each method, and reports its cost relative to the exact
// search measured in the same run ("x-exact").
func BenchmarkReanchor(b *testing.B) {
	text := corpusText(b, 50_000)
	i := strings.Index(text, ". ") + 2
	i = i + strings.Index(text[i+25_000:], ". ") + 25_000 + 2 // a sentence in the middle
	quote := text[i : i+90]
	quote = quote[:strings.LastIndexByte(quote, ' ')]
	orig := doc("a.txt", text)
	a, err := NewAnnotation(orig, spanOf(i, i+len(quote)), "n", nil, t0)
	if err != nil {
		b.Fatal(err)
	}
	inserted := doc("a.txt", "New first paragraph.\n"+text)
	j := strings.Index(inserted.Text, quote)
	mid := j + len(quote)/2
	folded := doc("a.txt", inserted.Text[:j]+strings.ToUpper(quote)+inserted.Text[j+len(quote):])
	fuzzy := doc("a.txt", inserted.Text[:mid]+" also "+inserted.Text[mid:])
	deleted := doc("a.txt", inserted.Text[:j]+inserted.Text[j+len(quote):])
	cases := []struct {
		name string
		d    *document.Document
		want Method
	}{
		{"kept", orig, Kept},
		{"exact", inserted, Exact},
		{"folded", folded, Folded},
		{"fuzzy", fuzzy, Fuzzy},
		{"orphaned", deleted, Orphaned},
	}
	// perOp times the exact search on its own, as the baseline.
	perOp := func(d *document.Document) float64 {
		const n = 200
		start := time.Now()
		for range n {
			Reanchor(a, d)
		}
		return float64(time.Since(start)) / n
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if _, m := Reanchor(a, c.d); m != c.want {
				b.Fatalf("method %s, want %s", m, c.want)
			}
			n := 0
			start := time.Now()
			for b.Loop() {
				Reanchor(a, c.d)
				n++
			}
			elapsed := float64(time.Since(start)) / float64(n)
			b.ReportMetric(elapsed/perOp(inserted), "x-exact")
		})
	}
}

// BenchmarkSave measures an atomic save (temporary file, fsync, backup,
// rename) of a workspace with 200 annotations, relative to encoding it
// ("x-encode").
func BenchmarkSave(b *testing.B) {
	s, err := OpenStore(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	ws := fullWorkspace("bench")
	base := ws.Annotations[0]
	ws.Annotations = nil
	for i := range 200 {
		a := base
		a.ID = fmt.Sprintf("a%d", i)
		ws.Annotations = append(ws.Annotations, a)
	}
	if err := s.Save(ws, SaveOptions{}); err != nil {
		b.Fatal(err)
	}
	n := 0
	start := time.Now()
	for b.Loop() {
		if err := s.Save(ws, SaveOptions{}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	elapsed := float64(time.Since(start)) / float64(n)
	const encodes = 50
	encStart := time.Now()
	for range encodes {
		if _, err := Encode(ws); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(elapsed/(float64(time.Since(encStart))/encodes), "x-encode")
}

// corpusText joins real news articles from the news-bench-10k corpus up to
// about n bytes, or builds a synthetic text when the corpus is absent.
func corpusText(tb testing.TB, n int) string {
	s := testcorpus.SharedDir()
	if s == "" {
		return benchArticle(n)
	}
	if _, err := os.Stat(filepath.Join(s, "corpora", "news-bench-10k.tar.gz")); err != nil {
		return benchArticle(n)
	}
	var b strings.Builder
	for _, f := range corpusFiles(tb, 0) {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n\n")
		if b.Len() >= n {
			break
		}
	}
	return b.String()
}

// corpusFiles lists the news-bench-10k articles, sorted, at most max (0:
// all), or skips.
func corpusFiles(tb testing.TB, max int) []string {
	dir := testcorpus.Corpus(tb, "news-bench-10k")
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if max > 0 && len(files) > max {
		step := len(files) / max
		var sample []string
		for i := 0; i < len(files) && len(sample) < max; i += step {
			sample = append(sample, files[i])
		}
		files = sample
	}
	return files
}
