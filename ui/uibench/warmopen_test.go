//go:build linux

package uibench

import (
	"context"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// BenchmarkOpenWarmNewsBench opens news-bench-10k, its analysis already
// kept in the project's embedded store, in a window with every analysis
// panel, through the app's own loader and analyser (backend.NewLoader,
// backend.NewAnalyser: the store of the app's setting), and reports the
// time from OpenFolder to the analysis shown (the panels' prepared data
// installed and their listeners run: documents list, entities, framing
// panel filled), with its parts. Baseline in the same run: the engine's
// warm Open and Analyse alone through the same store (what a warm
// `parallax-cli entities` does before printing), against which the
// window's time is reported (analysed/engine).
//
//	LANG=en_US.UTF-8 go test -tags ci -run XXX -bench OpenWarmNewsBench -benchtime 3x -timeout 30m ./ui/uibench/
func BenchmarkOpenWarmNewsBench(b *testing.B) {
	src := testcorpus.Corpus(b, "news-bench-10k")
	dir := mirror(b, src)
	ctx := context.Background()
	noProgress := func(state.Progress) {}
	// the project's analysis kept once (cold), as a first opening would
	engineWarm := func() (time.Duration, *engine.Analysis) {
		stores := backend.NewStores(func() string { return "" })
		defer func() {
			if err := stores.Close(); err != nil {
				b.Error(err)
			}
		}()
		start := time.Now()
		p, err := backend.NewLoader(nil, stores)(ctx, dir, noProgress)
		if err != nil {
			b.Fatal(err)
		}
		a, err := backend.NewAnalyser(stores)(ctx, p, noProgress)
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start), a
	}
	if _, a := engineWarm(); len(a.Entities().Entities) == 0 {
		b.Fatal("the cold analysis found no entity")
	}
	b.ResetTimer()
	var engineSum, analysedSum, engineCPU, analysedCPU time.Duration
	for range b.N {
		cpu0 := cputime.Process()
		d, a := engineWarm()
		engineCPU += cputime.Process() - cpu0
		if !a.Kept().Warm {
			b.Fatalf("the analysis was not read from the store: %+v", a.Kept())
		}
		engineSum += d
		wall, cpu := openWarm(b, dir)
		analysedSum += wall
		analysedCPU += cpu
	}
	n := time.Duration(b.N)
	b.ReportMetric(ms(engineSum/n), "ms-engine-warm")
	b.ReportMetric(ms(analysedSum/n), "ms-to-analysis-shown")
	b.ReportMetric(float64(analysedSum)/float64(engineSum), "analysed/engine")
	b.ReportMetric(ms(engineCPU/n), "cpu-ms-engine-warm")
	b.ReportMetric(ms(analysedCPU/n), "cpu-ms-to-analysis-shown")
}

// openWarm opens dir in a new window with the app's store-backed loader
// and analyser and returns the time until the analysis was shown, wall
// clock and the process' CPU time. It waits for the compare-by-group
// panel's comparison, which runs after (not counted), so that the next
// opening has the processor to itself.
func openWarm(b *testing.B, dir string) (wall, cpu time.Duration) {
	stores := backend.NewStores(func() string { return "" })
	defer func() {
		if err := stores.Close(); err != nil {
			b.Error(err)
		}
	}()
	analyse := backend.NewAnalyser(stores)
	var analyseReturned time.Time
	var warm bool
	timed := func(ctx context.Context, p *state.Project, progress func(state.Progress)) (*engine.Analysis, error) {
		a, err := analyse(ctx, p, progress)
		analyseReturned = time.Now()
		if a != nil {
			warm = a.Kept().Warm
		}
		return a, err
	}
	m := newMainLoop()
	s := newSessionWith(b, m, backend.NewLoader(nil, stores), timed)
	compared := make(chan struct{}, 1)
	s.set.Groups.OnComputed(func() {
		select {
		case compared <- struct{}{}:
		default:
		}
	})
	stop := bridge.Heartbeat(10*time.Millisecond, m.beat)
	defer stop()
	cpu0 := cputime.Process()
	s.launched = time.Now()
	m.do("open-folder", func() { s.w.OpenFolder(dir) })
	if err := <-s.loaded; err != nil {
		b.Fatal(err)
	}
	if err := <-s.analyse; err != nil {
		b.Fatal(err)
	}
	cpu = cputime.Process() - cpu0
	if !warm {
		b.Fatal("the window's analysis was not read from the store")
	}
	if got := len(s.w.Documents().Rows()); got != 10000 {
		b.Errorf("the documents list shows %d rows, want 10000", got)
	}
	if a := s.w.Controller().Analysis(); a == nil || len(a.Entities().Entities) == 0 {
		b.Fatal("no analysis shown")
	}
	analysed := s.analysed.Sub(s.launched)
	select {
	case <-compared:
	case <-time.After(5 * time.Minute):
		b.Error("the compare-by-group panel never showed its comparison")
	}
	comparedAfter := time.Since(s.launched)
	m.rec.Lock()
	_, mx := quantiles(m.late["loading"])
	m.rec.Unlock()
	b.ReportMetric(ms(mx), "ms-max-beat")
	b.Logf("project shown after %s, analyser returned after %s, analysis shown after %s (CPU %s); groups compared after %s",
		s.usable.Sub(s.launched).Round(time.Millisecond), analyseReturned.Sub(s.launched).Round(time.Millisecond),
		analysed.Round(time.Millisecond), cpu.Round(time.Millisecond), comparedAfter.Round(time.Millisecond))
	if testing.Verbose() {
		logPreparers(b, s, s.w.Controller().Analysis())
	}
	return analysed, cpu
}

// logPreparers times each panel's OnAnalysisPrepare on a (a diagnosis
// of where the opening's time goes; the results are dropped).
func logPreparers(b *testing.B, s *session, a *engine.Analysis) {
	for i, prepare := range s.w.Controller().AnalysisPreparers() {
		start := time.Now()
		prepare(a)
		b.Logf("preparer %d: %s", i, time.Since(start).Round(time.Millisecond))
	}
	start := time.Now()
	backend.EntityHighlights(a, backend.EntityColors(a))
	b.Logf("entity highlights: %s", time.Since(start).Round(time.Millisecond))
}
