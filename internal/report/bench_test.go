package report

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// benchProject copies the first n articles of news-bench-10k's index, with
// their index rows as the project's sidecar table, into a temporary folder.
func benchProject(b *testing.B, n int) string {
	b.Helper()
	src := testcorpus.Corpus(b, "news-bench-10k")
	idx, err := os.ReadFile(filepath.Join(src, "index.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	dst := b.TempDir()
	lines := strings.Split(strings.TrimRight(string(idx), "\n"), "\n")
	out := []string{lines[0]}
	for _, l := range lines[1:] {
		if len(out) > n {
			break
		}
		rel := strings.SplitN(l, "\t", 2)[0]
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.FromSlash(rel)), data, 0o644); err != nil {
			b.Fatal(err)
		}
		out = append(out, l)
	}
	if err := os.WriteFile(filepath.Join(dst, "index.tsv"), []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return dst
}

// benchReport measures Build+WritePDF (and Build+WriteHTML) against the
// baseline engine.Analyse of the same, already opened, project.
func benchReport(b *testing.B, dir string) {
	ctx := context.Background()
	p, err := engine.Open(ctx, dir, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var a *engine.Analysis
	const baseRuns = 3
	start, startCPU := time.Now(), cputime.Process()
	for i := 0; i < baseRuns; i++ {
		if a, err = engine.Analyse(ctx, p, engine.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	base := time.Since(start) / baseRuns
	baseCPU := (cputime.Process() - startCPU) / baseRuns
	for _, format := range []string{"pdf", "html"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			var size int64
			cpu0 := cputime.Process()
			for i := 0; i < b.N; i++ {
				r, err := Build(ctx, a, nil, Options{Now: testNow})
				if err != nil {
					b.Fatal(err)
				}
				w := &countWriter{w: bufio.NewWriter(io.Discard)}
				if format == "pdf" {
					err = r.WritePDF(w)
				} else {
					err = r.WriteHTML(w)
				}
				if err != nil {
					b.Fatal(err)
				}
				size = w.n
			}
			per := b.Elapsed() / time.Duration(b.N)
			// CPU time is what a busy shared machine distorts least.
			if perCPU := (cputime.Process() - cpu0) / time.Duration(b.N); perCPU > 0 && baseCPU > 0 {
				b.ReportMetric(float64(perCPU.Microseconds())/1000, "report-cpu-ms")
				b.ReportMetric(float64(perCPU)/float64(baseCPU), "report/analyse-cpu")
			}
			b.ReportMetric(float64(per.Milliseconds()), "report-ms")
			b.ReportMetric(float64(base.Milliseconds()), "analyse-ms")
			b.ReportMetric(float64(per)/float64(base), "report/analyse")
			b.ReportMetric(float64(size)/1024, "KB")
			b.ReportMetric(float64(a.Project().NumDocs()), "docs")
		})
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func BenchmarkReportSample(b *testing.B) {
	benchReport(b, testcorpus.SampleProjectCopy(b))
}

func BenchmarkReport200(b *testing.B) {
	benchReport(b, benchProject(b, 200))
}

// BenchmarkReportScripts measures the report of testdata/rtl (Arabic,
// Persian, Russian and English articles), whose PDF shapes right-to-left
// text. The folder is copied by this file alone so that the benchmark also
// runs on older trees for a before/after ratio (BENCHMARKS.md).
func BenchmarkReportScripts(b *testing.B) {
	src := filepath.Join("testdata", "rtl")
	ents, err := os.ReadDir(src)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	benchReport(b, dir)
}
