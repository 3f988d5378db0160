package engine

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/heappeak"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// benchStores are the stores the warm and incremental benchmarks run on.
var benchStores = map[string]func(b *testing.B, dir string) store.Store{
	"memory": func(*testing.B, string) store.Store { return memstore.New() },
	// a fresh database file for each run, beside (not in) the project
	"sqlite": func(b *testing.B, _ string) store.Store {
		st, err := sqlitestore.OpenFile(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		return st
	},
}

// BenchmarkStoreAnalysis measures, in one run on the first 1,000 and on
// all 10,000 articles of news-bench-10k: a cold analysis without a store
// (the baseline), the first analysis with a store (extracting and keeping
// everything), a warm one (read back), and the one after a file was
// changed (one document extracted, the project-level steps recomputed).
// Times are of Analyse on an opened project; the warm open (Open +
// Analyse, as a CLI command pays it) is reported apart. Each is reported
// as wall seconds and CPU seconds of the process (the machines these run
// on are shared: CPU time is the steadier figure), and as a ratio of CPU
// time to the cold analysis' of the same run; peak-MB is the highest live
// heap sampled during each. Run with -benchtime=1x.
func BenchmarkStoreAnalysis(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for name, newStore := range benchStores {
			b.Run(fmt.Sprintf("%s/%dk", name, n/1000), func(b *testing.B) {
				dir := benchProject(b, n)
				for b.Loop() {
					benchStoreOnce(b, dir, newStore(b, dir))
				}
			})
		}
	}
}

func benchStoreOnce(b *testing.B, dir string, st store.Store) {
	defer st.Close()
	ctx := context.Background()
	open := func(opts Options) *Project {
		p, err := Open(ctx, dir, opts)
		if err != nil {
			b.Fatalf("Open: %v", err)
		}
		return p
	}
	measure := func(what string, fn func() *Analysis) (*Analysis, float64) {
		runtime.GC()
		stop := heappeak.Start(100 * time.Millisecond)
		t0, c0 := time.Now(), cputime.Process()
		a := fn()
		secs := time.Since(t0).Seconds()
		cpu := (cputime.Process() - c0).Seconds()
		peak := stop()
		b.ReportMetric(secs, what+"-s")
		b.ReportMetric(cpu, what+"-cpu-s")
		b.ReportMetric(float64(peak)/(1<<20), what+"-peak-MB")
		return a, cpu
	}
	analyse := func(p *Project, opts Options) *Analysis {
		a, err := Analyse(ctx, p, opts)
		if err != nil {
			b.Fatalf("Analyse: %v", err)
		}
		return a
	}
	p := open(Options{})
	_, cold := measure("cold", func() *Analysis { return analyse(p, Options{}) })
	with := Options{Store: st}
	_, first := measure("first", func() *Analysis { return analyse(p, with) })
	a, warm := measure("warm", func() *Analysis { return analyse(p, with) })
	if !a.Kept.Warm {
		b.Fatalf("the warm analysis was computed: %+v %q", a.Kept, a.Warnings)
	}
	p = nil
	a, warmOpen := measure("warm-open", func() *Analysis { return analyse(open(with), with) })
	if !a.Kept.Warm {
		b.Fatalf("the warm open was computed: %+v", a.Kept)
	}
	// one file changed: a sentence added to the first article
	doc := a.Project.Docs[0].Path
	a = nil
	path := filepath.Join(dir, filepath.FromSlash(doc))
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(path, orig, 0o644)
	if err := os.WriteFile(path, append(append([]byte(nil), orig...), "\nAnalyst Corvin Hale said the figures were revised.\n"...), 0o644); err != nil {
		b.Fatal(err)
	}
	p = open(with)
	a, incr := measure("incremental", func() *Analysis { return analyse(p, with) })
	if a.Kept.Warm || a.Kept.Extracted != 1 {
		b.Fatalf("incremental: %+v, want one document extracted", a.Kept)
	}
	// a term added to the project lexicon: the entities and passages
	// kept are reused, the framing is computed again
	lexFile := filepath.Join(dir, filepath.FromSlash(framing.ProjectLexicon))
	if _, err := framing.AddProjectTerm(dir, framing.Entry{Term: "revised figures", Category: "bench"}); err != nil {
		b.Fatal(err)
	}
	p = open(with)
	a, lexChanged := measure("lexicon", func() *Analysis { return analyse(p, with) })
	if err := os.Remove(lexFile); err != nil {
		b.Fatal(err)
	}
	if a.Kept.Warm || !a.Kept.Entities || !a.Kept.Passages {
		b.Fatalf("lexicon changed: %+v, want the entities and passages reused", a.Kept)
	}
	a = nil
	b.ReportMetric(lexChanged/cold, "lexicon/cold")
	stages := stageTimes(b, with, dir, path, orig)
	for _, s := range stages {
		b.ReportMetric(s.secs, "incr-"+s.name+"-s")
	}
	b.ReportMetric(first/cold, "first/cold")
	b.ReportMetric(warm/cold, "warm/cold")
	b.ReportMetric(warmOpen/cold, "warm-open/cold")
	b.ReportMetric(incr/cold, "incremental/cold")
}

type stageTime struct {
	name string
	secs float64
}

// stageTimes runs one more incremental analysis (the file changed back)
// and times its stages from the progress reports, to show which
// project-level steps an incremental update pays for.
func stageTimes(b *testing.B, opts Options, dir, path string, orig []byte) []stageTime {
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		b.Fatal(err)
	}
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var out []stageTime
	last, t0 := Stage(""), time.Now()
	var passagesDone time.Duration
	opts.Progress = func(pr Progress) {
		if pr.Stage == StagePassages {
			if pr.Done == pr.Total {
				passagesDone = time.Since(t0)
			}
			return // beside the entities: timed apart
		}
		if pr.Stage != last {
			out = append(out, stageTime{string(pr.Stage), time.Since(t0).Seconds()})
			last = pr.Stage
		}
	}
	a, err := Analyse(context.Background(), p, opts)
	if err != nil || a.Kept.Extracted != 1 {
		b.Fatalf("incremental: %v %+v", err, a.Kept)
	}
	total := time.Since(t0).Seconds()
	// each stage's time is until the next one started
	for i := range out {
		end := total
		if i+1 < len(out) {
			end = out[i+1].secs
		}
		out[i].secs = end - out[i].secs
	}
	return append(out, stageTime{"passages", passagesDone.Seconds()})
}

// benchProject returns a project folder of the first n articles of
// news-bench-10k (in path order) with their rows of the sidecar table,
// made once under the temporary folder and reused: the extraction cache
// it keeps makes every open after the first a warm one.
func benchProject(b *testing.B, n int) string {
	src := testcorpus.Corpus(b, "news-bench-10k")
	dir := filepath.Join(os.TempDir(), "parallax-engine-store-bench", fmt.Sprintf("news-%d", n))
	if _, err := os.Stat(filepath.Join(dir, ".made")); err == nil {
		return dir
	}
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".parallax" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") {
			rel, _ := filepath.Rel(src, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(files)
	if len(files) < n {
		b.Skipf("news-bench-10k has %d articles, fewer than %d", len(files), n)
	}
	files = files[:n]
	keep := map[string]bool{}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		keep[f] = true
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(f)))
		if err != nil {
			b.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	// the sidecar rows of the articles kept
	in, err := os.Open(filepath.Join(src, "index.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	var rows strings.Builder
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		line := sc.Text()
		if file, _, _ := strings.Cut(line, "\t"); first || keep[file] {
			rows.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.tsv"), []byte(rows.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	// the corpus's extraction cache, when it has one (entries are keyed by
	// content), then extract once, so that every measured open reads it
	cache := filepath.Join(".parallax", "cache", fmt.Sprintf("v%d", project.ExtractorVersion))
	if _, err := os.Stat(filepath.Join(src, cache)); err == nil {
		testcorpus.CopyFiles(b, filepath.Join(src, cache), filepath.Join(dir, cache), nil)
	}
	if _, err := Open(context.Background(), dir, Options{}); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".made"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkStoreWarm times the warm Analyse alone (the project opened and
// the analysis kept beforehand), on the first 1,000 articles.
func BenchmarkStoreWarm(b *testing.B) {
	dir := benchProject(b, 1000)
	ctx := context.Background()
	p, err := Open(ctx, dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Store: memstore.New()}
	if _, err := Analyse(ctx, p, opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		a, err := Analyse(ctx, p, opts)
		if err != nil || !a.Kept.Warm {
			b.Fatalf("%v %+v", err, a.Kept)
		}
	}
}

// BenchmarkStoreIncremental times Analyse after one file of the first
// 1,000 articles changed (two versions alternating, so each iteration
// extracts one document and recomputes the project-level steps); with
// -cpuprofile it shows which of those steps an incremental update pays.
func BenchmarkStoreIncremental(b *testing.B) {
	for name, newStore := range benchStores {
		b.Run(name, func(b *testing.B) {
			dir := benchProject(b, 1000)
			st := newStore(b, dir)
			defer st.Close()
			benchIncremental(b, dir, st)
		})
	}
}

func benchIncremental(b *testing.B, dir string, st store.Store) {
	ctx := context.Background()
	opts := Options{Store: st}
	p, err := Open(ctx, dir, opts)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Analyse(ctx, p, opts); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, filepath.FromSlash(p.Docs[0].Path))
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(path, orig, 0o644)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		text := append(append([]byte(nil), orig...), fmt.Sprintf("\nAnalyst Corvin Hale said the figures were revised %d times.\n", i)...)
		if err := os.WriteFile(path, text, 0o644); err != nil {
			b.Fatal(err)
		}
		if p, err = Open(ctx, dir, opts); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		a, err := Analyse(ctx, p, opts)
		if err != nil || a.Kept.Extracted != 1 {
			b.Fatalf("%v %+v", err, a.Kept)
		}
	}
}
