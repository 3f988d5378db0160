package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/advtext"
	"github.com/parallaxworkbench/parallax/internal/cputime"
)

// adversarialProject writes a project of docs adversarial texts of size
// bytes each (different seeds, so they share names and sentences but not
// every passage) and opens it.
func adversarialProject(tb testing.TB, docs, size int) *Project {
	tb.Helper()
	dir := tb.TempDir()
	for i := range docs {
		name := filepath.Join(dir, fmt.Sprintf("adv%02d.txt", i))
		if err := os.WriteFile(name, []byte(advtext.Text(size, uint64(i+1))), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return p
}

// BenchmarkAdversarialAnalyse analyses two adversarial documents of 1 and
// of 4 MB each and reports the CPU time per MB of each and their ratio (1
// when every step is linear).
func BenchmarkAdversarialAnalyse(b *testing.B) {
	sizes := []int{1_000_000, 4_000_000}
	projects := make([]*Project, len(sizes))
	for i, n := range sizes {
		projects[i] = adversarialProject(b, 2, n)
	}
	perMB := make([]time.Duration, len(sizes))
	b.ResetTimer()
	for range b.N {
		for i, p := range projects {
			before := cputime.Process()
			if _, err := Analyse(context.Background(), p, Options{}); err != nil {
				b.Fatal(err)
			}
			perMB[i] += (cputime.Process() - before) * 1_000_000 / time.Duration(2*sizes[i])
		}
	}
	for i, n := range sizes {
		b.ReportMetric(perMB[i].Seconds()/float64(b.N), fmt.Sprintf("cpu-s/MB@2x%dMB", n/1_000_000))
	}
	b.ReportMetric(float64(perMB[1])/float64(perMB[0]), "ratio-4MB/1MB")
}

// Cancelling an analysis of a large adversarial project makes Analyse
// return soon, whatever step it is in: the test cancels at several points
// and logs the worst latency (measured 2026-12: see BENCHMARKS.md). The
// bound asserted is generous so that a busy machine does not fail it.
func TestAnalyseCancelsQuickly(t *testing.T) {
	if testing.Short() {
		t.Skip("a 2 × 2 MB project is analysed several times")
	}
	p := adversarialProject(t, 2, 2_000_000)
	start := time.Now()
	if _, err := Analyse(context.Background(), p, Options{}); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	var worst time.Duration
	for _, frac := range []float64{0.05, 0.3, 0.6, 0.85} {
		ctx, cancel := context.WithCancel(context.Background())
		after := time.Duration(frac * float64(full))
		timer := time.AfterFunc(after, cancel)
		var cancelled time.Time
		done := make(chan error, 1)
		go func() {
			_, err := Analyse(ctx, p, Options{})
			done <- err
		}()
		<-ctx.Done()
		cancelled = time.Now()
		err := <-done
		latency := time.Since(cancelled)
		timer.Stop()
		cancel()
		if err == nil {
			// finished before the cancellation took: nothing to measure
			continue
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled at %v: %v, want context.Canceled", after, err)
		}
		worst = max(worst, latency)
		t.Logf("cancelled at %v of %v: returned %v later", after.Round(time.Millisecond), full.Round(time.Millisecond), latency.Round(time.Millisecond))
		if latency > 2*time.Second {
			t.Errorf("cancelled at %v: Analyse returned %v later", after, latency)
		}
	}
	t.Logf("worst latency %v (full analysis %v)", worst.Round(time.Millisecond), full.Round(time.Millisecond))
}
