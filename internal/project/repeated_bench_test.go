package project

import (
	"context"
	"testing"
	"time"
)

// BenchmarkRepeatedInOutlet times the repeated-in-outlet pass over the
// opened news-bench-10k project (every paragraph hashed, counted per
// outlet, marked), against reading the same files (`cat`) in the same run.
func BenchmarkRepeatedInOutlet(b *testing.B) {
	dir, size := linkCorpus(b)
	p, err := Open(context.Background(), dir, Options{NoCache: true})
	if err != nil {
		b.Fatal(err)
	}
	cat := catAll(b, dir)
	b.SetBytes(size)
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := p.markRepeatedInOutlet(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(cat), "x-cat")
	marked := 0
	for _, m := range p.repeated {
		marked += len(m.marks)
	}
	b.ReportMetric(float64(marked), "spans")
}
