package search

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
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

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// load1 is the machine's load average over the last minute (0 where
// /proc is missing): the benchmarks report it beside their latencies.
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	return f
}

// sameMatches reports whether two results list the same items with the
// same scores, flags and highlights.
func sameMatches(a, b []Match) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Item != y.Item || x.Score != y.Score || x.Typo != y.Typo || x.Distance != y.Distance || x.Good != y.Good ||
			!slices.Equal(x.Positions, y.Positions) {
			return false
		}
	}
	return true
}

// benchTyping types the sessions through one search Session (the panel's
// way), and in the same run, as baselines, through a fresh search per
// keystroke (a full scan of the index each time) and, on every
// fuzzyEvery-th keystroke, through a plain fuzzy.Find over the same names.
// Each keystroke's session result is checked against the fresh one.
func benchTyping(b *testing.B, items []Item, texts []string, typed [][]keystroke, fuzzyEvery int) {
	loadBefore := load1()
	t0 := time.Now()
	n := NewNames(items)
	build := time.Since(t0)
	runtime.GC()
	b.ResetTimer()
	var ours, oursCPU, backs []time.Duration
	var got [][]Match
	for i := 0; i < b.N; i++ {
		got = got[:0]
		s := n.NewSession()
		for _, ks := range typed {
			s.Find("", 20) // the box cleared
			for _, k := range ks {
				t, c := time.Now(), cputime.Process()
				m := s.Find(k.query, 20)
				d := time.Since(t)
				ours = append(ours, d)
				oursCPU = append(oursCPU, cputime.Process()-c)
				if k.backspace {
					backs = append(backs, d)
				}
				got = append(got, m)
			}
		}
	}
	b.StopTimer()
	var fresh, freshCPU, base []time.Duration
	i := 0
	for _, ks := range typed {
		for _, k := range ks {
			t, c := time.Now(), cputime.Process()
			m := n.Find(k.query, 20)
			fresh = append(fresh, time.Since(t))
			freshCPU = append(freshCPU, cputime.Process()-c)
			if !sameMatches(got[i], m) {
				b.Fatalf("keystroke %d %q: the session found %v, a fresh search %v", i, k.query, got[i], m)
			}
			if fuzzyEvery > 0 && i%fuzzyEvery == 0 {
				t := time.Now()
				_ = fuzzy.Find(k.query, texts)
				base = append(base, time.Since(t))
			}
			i++
		}
	}
	b.ReportMetric(float64(len(fresh)), "keystrokes")
	b.ReportMetric(float64(len(backs)), "backspaces")
	b.ReportMetric(ms(percentile(ours, 0.5)), "p50-ms")
	b.ReportMetric(ms(percentile(ours, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(oursCPU, 0.5)), "cpu-p50-ms")
	b.ReportMetric(ms(percentile(oursCPU, 0.99)), "cpu-p99-ms")
	b.ReportMetric(ms(percentile(backs, 0.99)), "backspace-p99-ms")
	b.ReportMetric(ms(percentile(fresh, 0.5)), "rescan-p50-ms")
	b.ReportMetric(ms(percentile(fresh, 0.99)), "rescan-p99-ms")
	b.ReportMetric(ms(percentile(freshCPU, 0.99)), "rescan-cpu-p99-ms")
	b.ReportMetric(float64(percentile(fresh, 0.99))/float64(percentile(ours, 0.99)), "x-rescan-p99")
	if len(base) > 0 {
		b.ReportMetric(ms(percentile(base, 0.5)), "fuzzy-p50-ms")
		b.ReportMetric(float64(percentile(base, 0.5))/float64(percentile(ours, 0.5)), "x-fuzzy-p50")
	}
	b.ReportMetric(float64(len(items)), "names")
	b.ReportMetric(build.Seconds(), "index-build-s")
	b.ReportMetric(loadBefore, "load1-before")
	b.ReportMetric(load1(), "load1-after")
	b.ReportMetric(0, "ns/op")
}

// realShapedBench builds about size real-shaped names (with the entity
// names of news-bench-10k among the parts when ../shared is present) and
// types 160 names into them, over 1,000 keystrokes.
func realShapedBench(b *testing.B, size int) {
	var extra []string
	if dir, err := testcorpus.Unpack("news-bench-10k"); err == nil {
		for _, e := range extractNames(b, dir) {
			extra = append(extra, e.forms...)
		}
	} else {
		b.Logf("names from the shipped resources only: %v", err)
	}
	ents := realShapedEntities(1, size, extra)
	items, texts := realShapedItems(ents)
	typed := typedSessions(2, ents, 160)
	benchTyping(b, items, texts, typed, 40)
}

// Benchmark1MRealShaped is the keystroke benchmark of issue 18: 1M names
// recombined from real ones with spelling variants, ordered as the app
// orders them, typed with typos and backspaces.
func Benchmark1MRealShaped(b *testing.B) { realShapedBench(b, 1_000_000) }

// Benchmark100kRealShaped is the same at 100k names.
func Benchmark100kRealShaped(b *testing.B) { realShapedBench(b, 100_000) }

// corpusEntities keeps the entities of news-bench-10k once extracted: the
// benchmarks of one run share them.
var corpusEntities struct {
	once sync.Once
	ents []realEntity
}

// extractNames extracts and groups the articles of the news-bench-10k
// folder dir (once per run) and returns its entities, most mentioned
// first, each with its name and forms.
func extractNames(b *testing.B, dir string) []realEntity {
	corpusEntities.once.Do(func() { corpusEntities.ents = extractEntities(b, dir) })
	return corpusEntities.ents
}

func extractEntities(b *testing.B, dir string) []realEntity {
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
	var out []realEntity
	for _, e := range res.Entities {
		seen := map[string]bool{}
		re := realEntity{mentions: len(e.Mentions)}
		for _, s := range append([]string{e.Name}, formTexts(e)...) {
			if k := MatchKey(s); !seen[k] {
				seen[k] = true
				re.forms = append(re.forms, s)
			}
		}
		out = append(out, re)
	}
	return out
}

func formTexts(e *alias.Entity) []string {
	var out []string
	for _, f := range e.Forms {
		out = append(out, f.Text)
	}
	return out
}

// BenchmarkCorpus10kNames types into the entity names of news-bench-10k.
func BenchmarkCorpus10kNames(b *testing.B) {
	ents := extractNames(b, testcorpus.Corpus(b, "news-bench-10k"))
	items, texts := realShapedItems(ents)
	benchTyping(b, items, texts, typedSessions(3, ents, 120), 4)
}
