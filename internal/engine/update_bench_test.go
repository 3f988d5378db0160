package engine

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// BenchmarkUpdateOneFile measures what the app does when one file of an
// analysed project changed on disk: reload the folder by the path the
// watcher reported (Project.Reload) and Update the analysis it has in
// memory, against Open and a full Analyse of the same folder in the same
// iteration (no store in either; the extraction cache
// of .parallax/cache makes both opens warm). Each iteration appends a
// sentence to one article. Reported: wall and CPU seconds of each, the
// ratio of the update's CPU time to the full analysis' (update/full,
// the reload and the open included), and the update's steps: the documents (what is
// proportional to the change) and the three seams, which compute
// everything until the packages' own update paths are wired in. On the
// demo project by default; PARALLAX_BENCH_10K=1: news-bench-10k (a
// private copy of the first 10,000 articles). Run with -benchtime=3x or
// so: each iteration is a full analysis too.
//
// Two edits, each a sub-benchmark: "sentence" appends a sentence naming
// no one (the mention list stays the previous one, so the update takes
// the previous grouping over: groups-kept is the share of iterations that
// did), "name" a sentence naming a person (the grouping is computed
// again; the general case).
func BenchmarkUpdateOneFile(b *testing.B) {
	dir := testcorpus.DemoProjectCopy(b)
	if os.Getenv("PARALLAX_BENCH_10K") != "" {
		dir = filepath.Join(b.TempDir(), "news")
		copyTree(b, benchProject(b, 10000), dir)
	}
	ctx := context.Background()
	opts := Options{Incremental: true}
	p, err := Open(ctx, dir, opts)
	if err != nil {
		b.Fatal(err)
	}
	prev, err := Analyse(ctx, p, opts)
	if err != nil {
		b.Fatal(err)
	}
	target := firstText(b, dir)
	rel, err := filepath.Rel(dir, target)
	if err != nil {
		b.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	for _, edit := range []struct{ name, text string }{
		{"sentence", "\n\nOfficials said the talks would resume next week.\n"},
		{"name", "\n\nLater, Odile Varga met reporters in Kessel.\n"},
	} {
		b.Run(edit.name, func(b *testing.B) {
			prev = benchUpdates(b, ctx, dir, target, rel, edit.text, prev, opts, edit.name == "name")
		})
	}
}

// benchUpdates appends text to target at each iteration and times the
// update from prev against a full analysis; it returns the last update.
// named: the text names someone, so the grouping must be computed again.
func benchUpdates(b *testing.B, ctx context.Context, dir, target, rel, text string, prev *Analysis, opts Options, named bool) *Analysis {
	var open, fullOpen, upd, full, fullCPU, updCPU, docs, group, pass, frame time.Duration
	n, kept := 0, 0
	for b.Loop() {
		n++
		f, err := os.OpenFile(target, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.WriteString(text); err != nil {
			b.Fatal(err)
		}
		f.Close()

		runtime.GC()
		t0, c0 := time.Now(), cputime.Process()
		// the app's path: the folder reloaded by the path the watcher
		// reported
		pu, err := prev.Project().Reload(ctx, []string{rel}, opts)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		next, err := Update(ctx, prev, pu, opts)
		if err != nil {
			b.Fatal(err)
		}
		t2, c2 := time.Now(), cputime.Process()
		open += t1.Sub(t0)
		upd += t2.Sub(t1)
		updCPU += c2 - c0
		u := next.Updated()
		if u.Fallback != "" || u.Extracted != 1 || named && u.GroupsKept {
			b.Fatalf("one file changed: %+v", u)
		}
		if u.GroupsKept {
			kept++
		}
		docs += u.Took.Documents
		group += u.Took.Grouping
		pass += u.Took.Passages
		frame += u.Took.Framing
		prev = next

		runtime.GC()
		t3, c3 := time.Now(), cputime.Process()
		pf, err := Open(ctx, dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		fullOpen += time.Since(t3)
		if _, err := Analyse(ctx, pf, Options{}); err != nil {
			b.Fatal(err)
		}
		full += time.Since(t3)
		fullCPU += cputime.Process() - c3
	}
	per := func(d time.Duration) float64 { return d.Seconds() / float64(n) }
	b.ReportMetric(per(open), "reload-s")
	b.ReportMetric(per(fullOpen), "open-s")
	b.ReportMetric(per(upd), "update-s")
	b.ReportMetric(per(updCPU), "reload+update-cpu-s")
	b.ReportMetric(per(full), "open+full-s")
	b.ReportMetric(per(fullCPU), "open+full-cpu-s")
	if fullCPU > 0 {
		b.ReportMetric(float64(updCPU)/float64(fullCPU), "update/full-cpu")
	}
	b.ReportMetric(float64(open+upd)/float64(full), "update/full-wall")
	b.ReportMetric(float64(prev.inc.approxBytes())/float64(prev.project.NumDocs()), "state-B/doc")
	b.ReportMetric(per(docs), "docs-s")
	b.ReportMetric(per(group), "seam-group-s")
	b.ReportMetric(per(pass), "seam-passages-s")
	b.ReportMetric(per(frame), "seam-framing-s")
	b.ReportMetric(float64(kept)/float64(max(1, n)), "groups-kept")
	return prev
}

// firstText returns the first .txt article of dir in path order.
func firstText(b *testing.B, dir string) string {
	var found string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return fs.SkipAll
		}
		if d.IsDir() && d.Name() == ".parallax" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") {
			found = p
		}
		return nil
	})
	if found == "" {
		b.Fatalf("no .txt article in %s", dir)
	}
	return found
}

// copyTree copies the folder src (its extraction cache included, no
// store database) to dst, so that a benchmark may edit its files.
func copyTree(b *testing.B, src, dst string) {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), "parallax.db") || d.Name() == "lock" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		b.Fatalf("copy %s: %v", src, err)
	}
}
