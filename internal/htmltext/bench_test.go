package htmltext

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// BenchmarkExtract extracts every page of the html-dev corpus per
// iteration and reports MB/s, beside the MB/s of plain html.Parse of the
// same pages measured in the same run (the baseline) and their ratio.
func BenchmarkExtract(b *testing.B) {
	pages := loadCorpus(b)
	var total int64
	for _, p := range pages {
		total += int64(len(p.source))
	}
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Extract(p.source, ""); err != nil && strings.Contains(err.Error(), "internal error") {
				b.Fatal(err)
			}
		}
	}
	extract := b.Elapsed()
	b.StopTimer()
	n := b.N
	start := time.Now()
	for range n {
		for _, p := range pages {
			if _, err := html.Parse(strings.NewReader(string(p.source))); err != nil {
				b.Fatal(err)
			}
		}
	}
	parse := time.Since(start)
	mb := float64(total) * float64(n) / 1e6
	b.ReportMetric(mb/extract.Seconds(), "extract-MB/s")
	b.ReportMetric(mb/parse.Seconds(), "parse-MB/s")
	b.ReportMetric(parse.Seconds()/extract.Seconds(), "speed-vs-parse")
}
