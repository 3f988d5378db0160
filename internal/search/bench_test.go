package search

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/sahilm/fuzzy"
)

// syntheticNames makes n deterministic names shaped like those of news
// entities: people with articles and particles, places, organisations,
// acronyms, a few with diacritics and curly apostrophes.
func syntheticNames(n int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	syl := []string{"ba", "da", "ka", "ma", "na", "ra", "sa", "ta", "za", "qa", "ha", "la", "mi", "ri", "si", "ti",
		"lo", "no", "ro", "so", "mu", "nu", "ru", "su", "be", "de", "ke", "le", "me", "ne", "re", "se", "an", "el",
		"or", "ul", "ir", "ad", "am", "in", "on", "ez", "sh", "kh", "gh", "th", "ya", "wa", "jo", "vi", "é", "ö"}
	word := func() string {
		var b strings.Builder
		k := 2 + r.IntN(3)
		for i := 0; i < k; i++ {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	heads := []string{"Forces", "Units", "Party", "Province", "City", "Brigades", "Agency", "Council", "Front", "Base"}
	out := make([]string, n)
	for i := range out {
		switch r.IntN(6) {
		case 0:
			out[i] = word() + " " + word()
		case 1:
			out[i] = word() + " al-" + word()
		case 2:
			out[i] = "Abu " + word() + " al-" + word()
		case 3:
			out[i] = word() + " " + word() + " " + heads[r.IntN(len(heads))]
		case 4:
			out[i] = word() + "’" + strings.ToLower(word())
		default:
			a := make([]byte, 2+r.IntN(3))
			for j := range a {
				a[j] = byte('A' + r.IntN(26))
			}
			out[i] = string(a)
		}
	}
	return out
}

// typing returns the prefixes of each query, one letter at a time.
func typing(queries []string) []string {
	var out []string
	for _, q := range queries {
		rs := []rune(q)
		for i := 1; i <= len(rs); i++ {
			out = append(out, string(rs[:i]))
		}
	}
	return out
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// benchKeystrokes types the queries one letter at a time through a session
// and, as the baseline, through a plain fuzzy.Find over the same names.
func benchKeystrokes(b *testing.B, names []string, queries []string, baselineQueries int) {
	items := make([]Item, len(names))
	for i, s := range names {
		items[i] = Item{Text: s, Ref: i, Weight: len(names) - i}
	}
	t0 := time.Now()
	n := NewNames(items)
	build := time.Since(t0)
	runtime.GC()
	b.ResetTimer()
	var ours, oursCPU []time.Duration
	for i := 0; i < b.N; i++ {
		for _, q := range queries {
			s := n.NewSession()
			for _, p := range typing([]string{q}) {
				t, c := time.Now(), cputime.Process()
				s.Find(p, 20)
				ours = append(ours, time.Since(t))
				oursCPU = append(oursCPU, cputime.Process()-c)
			}
		}
	}
	b.StopTimer()
	var base, baseCPU []time.Duration
	for _, p := range typing(queries[:min(baselineQueries, len(queries))]) {
		t, c := time.Now(), cputime.Process()
		_ = fuzzy.Find(p, names)
		base = append(base, time.Since(t))
		baseCPU = append(baseCPU, cputime.Process()-c)
	}
	b.ReportMetric(ms(percentile(oursCPU, 0.5)), "cpu-p50-ms")
	b.ReportMetric(ms(percentile(oursCPU, 0.99)), "cpu-p99-ms")
	b.ReportMetric(ms(percentile(baseCPU, 0.5)), "fuzzy-cpu-p50-ms")
	b.ReportMetric(ms(percentile(baseCPU, 0.99)), "fuzzy-cpu-p99-ms")
	b.ReportMetric(ms(percentile(ours, 0.5)), "p50-ms")
	b.ReportMetric(ms(percentile(ours, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(base, 0.5)), "fuzzy-p50-ms")
	b.ReportMetric(ms(percentile(base, 0.99)), "fuzzy-p99-ms")
	b.ReportMetric(float64(percentile(base, 0.5))/float64(percentile(ours, 0.5)), "speedup-p50")
	b.ReportMetric(float64(percentile(base, 0.99))/float64(percentile(ours, 0.99)), "speedup-p99")
	b.ReportMetric(float64(len(names)), "names")
	b.ReportMetric(build.Seconds(), "index-build-s")
}

func pickQueries(names []string, k int) []string {
	r := rand.New(rand.NewPCG(3, 5))
	var qs []string
	for len(qs) < k {
		s := names[r.IntN(len(names))]
		rs := []rune(s)
		if len(rs) > 10 {
			rs = rs[:10]
		}
		qs = append(qs, string(rs))
	}
	return qs
}

func Benchmark1MSynthetic(b *testing.B) {
	names := syntheticNames(1_000_000)
	qs := append(pickQueries(names, 8), "soliemani", "muhandes")
	benchKeystrokes(b, names, qs, 2)
}

func Benchmark100kSynthetic(b *testing.B) {
	names := syntheticNames(100_000)
	qs := append(pickQueries(names, 8), "soliemani", "muhandes")
	benchKeystrokes(b, names, qs, 4)
}

// corpusNames extracts and groups news-bench-10k and returns the names and
// forms of its entities.
func corpusNames(b *testing.B) []string {
	dir := testcorpus.Corpus(b, "news-bench-10k")
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var docs []*document.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if cols[0] == "file" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(cols[0])))
		if err == nil {
			docs = append(docs, &document.Document{Path: cols[0], Text: string(data)})
		}
	}
	gaz, err := entity.DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	x := entity.NewExtractor(gaz)
	per := make([][]entity.Mention, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i] = x.Extract(docs[i], textnorm.Fold(docs[i].Text))
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var all []entity.Mention
	for _, p := range per {
		all = append(all, p...)
	}
	res := alias.Group(all, gaz, nil)
	var names []string
	for _, e := range res.Entities {
		seen := map[string]bool{}
		for _, s := range append([]string{e.Name}, formTexts(e)...) {
			if k := MatchKey(s); !seen[k] {
				seen[k] = true
				names = append(names, s)
			}
		}
	}
	return names
}

func formTexts(e *alias.Entity) []string {
	var out []string
	for _, f := range e.Forms {
		out = append(out, f.Text)
	}
	return out
}

func BenchmarkCorpus10kNames(b *testing.B) {
	names := corpusNames(b)
	qs := append(pickQueries(names, 12), "soliemani", "muhandes", "qaim", "deir ezzor", "pmf")
	benchKeystrokes(b, names, qs, len(qs))
	fmt.Fprintf(os.Stderr, "corpus names: %d\n", len(names))
}
