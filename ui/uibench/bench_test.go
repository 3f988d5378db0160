//go:build linux

package uibench

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/panels"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// The test driver runs fyne.Do inline on the calling goroutine, so it has
// no main goroutine to stall. mainLoop stands in for it: every piece of
// work the desktop driver would run on the main goroutine holds its lock
// (every fyne.Do, through loopDriver: progress repaints, the end of a load
// or an analysis with the listeners it calls; and the keystrokes), and the
// heartbeat every 10 ms (a fyne.Do too) waits for the lock like a tick
// waits for the main goroutine. Painting is not part of it (the test
// driver does not paint): the real-window run (PARALLAX_TIMINGS=1)
// measures that.
type mainLoop struct {
	mu sync.Mutex // the "main goroutine"

	rec   sync.Mutex // guards the fields below
	phase string
	late  map[string][]time.Duration // heartbeat lateness by phase
	work  map[string][]time.Duration // main-goroutine work by kind, wall clock
	cpu   map[string][]time.Duration // the same, CPU time of its thread
	kind  string
	since time.Time
	cpu0  time.Duration
	// label, when set during a piece of work, names it instead of kind.
	label string
}

func newMainLoop() *mainLoop {
	return &mainLoop{phase: "loading", late: map[string][]time.Duration{}, work: map[string][]time.Duration{},
		cpu: map[string][]time.Duration{}}
}

func (m *mainLoop) setPhase(p string) {
	m.rec.Lock()
	m.phase = p
	m.rec.Unlock()
}

// acquire starts a piece of main-goroutine work; release ends it, on the
// same goroutine. The work's goroutine is locked to its thread meanwhile,
// so that the thread's CPU time is the work's: unlike the wall clock, it
// does not grow when other processes load the machine.
func (m *mainLoop) acquire(kind string) {
	m.mu.Lock()
	runtime.LockOSThread()
	m.kind, m.since, m.cpu0, m.label = kind, time.Now(), threadCPU(), ""
}

func (m *mainLoop) release() {
	d, c := time.Since(m.since), threadCPU()-m.cpu0
	runtime.UnlockOSThread()
	kind := m.kind
	if m.label != "" {
		kind = m.label
	}
	m.rec.Lock()
	if kind != "heartbeat" {
		m.work[kind] = append(m.work[kind], d)
		m.cpu[kind] = append(m.cpu[kind], c)
	}
	m.rec.Unlock()
	m.mu.Unlock()
}

// threadCPU returns the CPU time (user and system) of the calling thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rusageThread is RUSAGE_THREAD (Linux).
const rusageThread = 1

func (m *mainLoop) do(kind string, f func()) {
	m.acquire(kind)
	defer m.release()
	f()
}

// beat is the heartbeat: how long the "main goroutine" made it wait. It
// runs inside the lock (it came through fyne.Do).
func (m *mainLoop) beat(late time.Duration) {
	m.label = "heartbeat"
	m.rec.Lock()
	m.late[m.phase] = append(m.late[m.phase], late)
	m.rec.Unlock()
}

// loopApp is the test app with loopDriver as its driver.
type loopApp struct {
	fyne.App
	drv *loopDriver
}

func (a *loopApp) Driver() fyne.Driver { return a.drv }

// loopDriver runs every fyne.Do as one piece of mainLoop work.
type loopDriver struct {
	fyne.Driver
	m *mainLoop
}

func (d *loopDriver) DoFromGoroutine(f func(), _ bool) { d.m.do("fyne.Do", f) }

// mirror hard-links (or copies) the files of src into a new temporary
// folder, so that the project's .parallax cache never lands in src.
func mirror(tb testing.TB, src string) string {
	dst := filepath.Join(tb.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && d.Name() == ".parallax" {
			return filepath.SkipDir
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if os.Link(p, to) == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		tb.Fatalf("mirror %s: %v", src, err)
	}
	return dst
}

// session is one window opening a project, driven like the analyst would.
type session struct {
	m       *mainLoop
	w       *ui.Workbench
	set     *panels.Set
	loaded  chan error
	analyse chan error
	// launched is when OpenFolder was called; usable is when the table
	// was filled and the window took input again; analysed when the
	// analysis reached the panels.
	launched, usable, analysed time.Time
	loadReturned               time.Time
}

func newSession(tb testing.TB, m *mainLoop) *session {
	return newSessionWith(tb, m, backend.Load, backend.Analyse)
}

// newSessionWith is newSession with the window's loader and analyser
// given (the app's own: with the project's store).
func newSessionWith(tb testing.TB, m *mainLoop, load state.Loader, analyse state.Analyser) *session {
	s := &session{m: m, loaded: make(chan error, 1), analyse: make(chan error, 1)}
	test.NewTempApp(tb)
	a := &loopApp{App: fyne.CurrentApp()}
	a.drv = &loopDriver{Driver: a.App.Driver(), m: m}
	fyne.SetCurrentApp(a)
	loader := func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		p, err := load(ctx, dir, progress)
		s.loadReturned = time.Now()
		return p, err
	}
	s.w = ui.New(a, ui.Options{Loader: loader, Analyse: analyse,
		// Both run last in the fyne.Do that ends the load or analysis:
		// they name that piece of work.
		OnLoaded: func(_ *state.Project, err error) {
			m.label = "load-done"
			s.usable = time.Now()
			s.loaded <- err
		},
		OnAnalysed: func(_ *engine.Analysis, err error) {
			m.label = "analysis-done"
			s.analysed = time.Now()
			s.analyse <- err
		}})
	s.set = panels.New(s.w.Controller())
	for _, p := range s.set.All() {
		s.w.AddPanel(p)
	}
	s.w.AddHeaderTool(s.set.SearchField())
	s.w.Window().Resize(fyne.NewSize(1280, 800))
	tb.Cleanup(func() { s.w.Window().Close() })
	return s
}

// searchField returns the header's entity search field.
func (s *session) searchField() *widget.Entry {
	var found *widget.Entry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && found == nil {
			found = e
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
	}
	walk(s.set.SearchField())
	return found
}

// typeInto types each query into e one character at a time and erases it
// again, every keystroke as one piece of main-goroutine work, pausing like
// a fast typist between keys.
func (s *session) typeInto(kind string, e *widget.Entry, queries []string, pause time.Duration) {
	for _, q := range queries {
		for _, r := range q {
			s.m.do(kind, func() { test.Type(e, string(r)) })
			time.Sleep(pause)
		}
		for range q {
			s.m.do(kind, func() { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace}) })
			time.Sleep(pause)
		}
	}
}

var queries = []string{"trump", "white house", "iran"}

// acceptAlias accepts the alias review's first suggested merge and waits
// for the regrouped analysis to reach the panels: that hand-over is
// recorded as "alias-regrouped".
func (s *session) acceptAlias(b *testing.B) {
	if len(s.set.Aliases.Suggestions()) == 0 {
		b.Log("no alias suggestion to accept")
		return
	}
	done := make(chan struct{}, 1)
	var cancel func()
	s.m.do("alias-accept", func() {
		cancel = s.w.Controller().OnAnalysisChanged(func(*engine.Analysis) {
			s.m.label = "alias-regrouped" // the listeners run in the regroup's fyne.Do
			done <- struct{}{}
		})
		s.set.Aliases.Accept(0)
	})
	select {
	case <-done:
	case <-time.After(5 * time.Minute):
		b.Error("the regrouped analysis never came")
	}
	s.m.do("alias-cleanup", cancel)
}

// BenchmarkStallsNewsBench opens news-bench-10k (cold: no cache; warm:
// cached) in a window with the analysis panels, types in the document
// filter while the analysis runs and in both fields after it, and reports
// the heartbeat's lateness per phase and the main-goroutine work per kind
// (p99 and max, ms). Baseline in the same run: the time the loader itself
// took, against which launch-to-usable is reported.
//
//	LANG=en_US.UTF-8 go test -tags ci -run XXX -bench StallsNewsBench -benchtime 1x -timeout 30m ./ui/uibench/
func BenchmarkStallsNewsBench(b *testing.B) {
	src := testcorpus.Corpus(b, "news-bench-10k")
	dir := mirror(b, src)
	for _, mode := range []string{"cold", "warm"} {
		b.Run(mode, func(b *testing.B) {
			for range b.N {
				if mode == "cold" {
					if err := os.RemoveAll(filepath.Join(dir, ".parallax")); err != nil {
						b.Fatal(err)
					}
				}
				runSession(b, dir)
			}
		})
	}
}

func runSession(b *testing.B, dir string) {
	m := newMainLoop()
	s := newSession(b, m)
	stop := bridge.Heartbeat(10*time.Millisecond, m.beat)
	defer stop()
	s.launched = time.Now()
	m.do("open-folder", func() { s.w.OpenFolder(dir) })
	if err := <-s.loaded; err != nil {
		b.Fatal(err)
	}
	m.setPhase("analysing")
	filter := s.w.Documents().FilterBox()
	// Type while the analysis runs (it takes tens of seconds on 10k).
	s.typeInto("filter-key", filter, queries, 80*time.Millisecond)
	if err := <-s.analyse; err != nil {
		b.Fatal(err)
	}
	m.setPhase("idle")
	s.typeInto("filter-key-idle", filter, queries, 40*time.Millisecond)
	s.typeInto("search-key-idle", s.searchField(), queries, 40*time.Millisecond)
	s.acceptAlias(b)
	stop()

	m.rec.Lock()
	defer m.rec.Unlock()
	for _, ph := range []string{"loading", "analysing", "idle"} {
		p99, mx := quantiles(m.late[ph])
		b.ReportMetric(ms(p99), "ms-p99-beat-"+ph)
		b.ReportMetric(ms(mx), "ms-max-beat-"+ph)
	}
	kinds := make([]string, 0, len(m.work))
	for k := range m.work {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		p99, mx := quantiles(m.work[k])
		cp99, cmx := quantiles(m.cpu[k])
		b.ReportMetric(ms(p99), "ms-p99-"+k)
		b.ReportMetric(ms(mx), "ms-max-"+k)
		b.ReportMetric(ms(cmx), "cpu-ms-max-"+k)
		b.Logf("%-18s n=%4d wall p99=%7.1f max=%7.1f ms; CPU p99=%7.1f max=%7.1f ms",
			k, len(m.work[k]), ms(p99), ms(mx), ms(cp99), ms(cmx))
	}
	load := s.loadReturned.Sub(s.launched)
	usable := s.usable.Sub(s.launched)
	b.ReportMetric(ms(usable), "ms-to-usable")
	b.ReportMetric(ms(load), "ms-loader-alone")
	b.ReportMetric(float64(usable)/float64(load), "usable/loader")
	b.ReportMetric(ms(s.analysed.Sub(s.launched)), "ms-to-analysed")
	b.Logf("usable after %s (loader alone %s), analysed after %s", usable.Round(time.Millisecond),
		load.Round(time.Millisecond), s.analysed.Sub(s.launched).Round(time.Millisecond))
}

func quantiles(ds []time.Duration) (p99, maxd time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*99/100)], s[len(s)-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
