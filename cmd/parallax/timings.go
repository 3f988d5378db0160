package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// The timing log is for measuring the real window (docs/benchmarks/ui.md):
//
//	PARALLAX_TIMINGS=1 parallax DIR 2>timings.log
//
// It logs, to stderr, lines starting with "timing": launch to the first
// frame, to the documents table shown and painted ("usable"), to the
// analysis done; how late a main-goroutine heartbeat every 10 ms ran, per
// phase (loading, analysing, idle); and for every keystroke in the document
// filter or the header's entity search field, how long its handler took
// and how long until the frame showing it was painted. Optional:
// PARALLAX_TIMINGS_FOCUS=filter|search|table focuses that field once the project
// is shown (for typing from a script), PARALLAX_HEAPPROFILE=FILE writes a
// heap profile once the analysis is done, PARALLAX_TRACE=FILE writes an
// execution trace from the project shown to the analysis done (from the
// launch with PARALLAX_TRACE_FROM=launch, to see the end of the load),
// PARALLAX_CPUPROFILE=FILE a CPU profile of the whole run (its samples
// also land in the trace, by goroutine).

// heartbeatEvery is the heartbeat's period.
const heartbeatEvery = 10 * time.Millisecond

// timings collects the measurements of one app run. Its fields are used
// on the main goroutine only.
type timings struct {
	out      io.Writer
	launched time.Time
	phase    string
	late     map[string][]time.Duration
	keys     map[string][]time.Duration // keystroke to painted frame, by field
	handlers map[string][]time.Duration // keystroke handler alone, by field
	first    bool
	// stopTrace ends the execution trace of the analysis, when one runs.
	stopTrace func()
}

// startTimings turns the timing log on when PARALLAX_TIMINGS is set.
func startTimings(w *ui.Workbench, launched time.Time) {
	if os.Getenv("PARALLAX_TIMINGS") == "" {
		return
	}
	t := &timings{out: os.Stderr, launched: launched, phase: "start",
		late: map[string][]time.Duration{}, keys: map[string][]time.Duration{}, handlers: map[string][]time.Duration{}}
	t.logf("launch→window-created %s", time.Since(launched))
	if path := os.Getenv("PARALLAX_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			w.OnQuit(func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if os.Getenv("PARALLAX_TRACE_FROM") == "launch" {
		t.stopTrace = startTrace(os.Getenv("PARALLAX_TRACE"), t)
	}
	bridge.Heartbeat(heartbeatEvery, t.beat)
	w.OnProjectOpened(func(p *state.Project) {
		t.endPhase()
		t.phase = "analysing"
		t.logf("launch→project-shown %s docs=%d", time.Since(launched), len(p.Docs))
		bridge.AfterFrame(func() {
			t.logf("launch→usable %s (table of %d rows painted)", time.Since(launched), len(w.Documents().Rows()))
		})
		t.instrument(w)
		if t.stopTrace == nil {
			t.stopTrace = startTrace(os.Getenv("PARALLAX_TRACE"), t)
		}
	})
	w.OnAnalysed(func(a *engine.Analysis, err error) {
		t.endPhase()
		t.phase = "idle"
		t.logf("launch→analysed %s err=%v %s", time.Since(launched), err, memLine())
		if stop := t.stopTrace; stop != nil {
			// A while after: the frames that show the results are what
			// the trace is for.
			t.stopTrace = nil
			bridge.AfterFunc(2*time.Second, stop)
		}
		if path := os.Getenv("PARALLAX_HEAPPROFILE"); path != "" && a != nil {
			safego.Go("write the heap profile", func() { writeHeapProfile(path, t) }, nil)
		}
	})
	w.OnQuit(func() { t.endPhase(); t.summary() })
}

func (t *timings) logf(format string, args ...any) {
	fmt.Fprintf(t.out, "timing "+format+"\n", args...)
}

// beat records one heartbeat. The first one waited for the main loop to
// start: for the GL window's creation and first paint, before which there
// is no window to be unresponsive; it is logged as start-up time, not as a
// stall.
func (t *timings) beat(late time.Duration) {
	if !t.first {
		t.first = true
		t.logf("launch→main-loop %s (waited %s for the window's creation)", time.Since(t.launched), late.Round(time.Millisecond))
		if t.phase == "start" {
			t.phase = "loading"
		}
		return
	}
	t.late[t.phase] = append(t.late[t.phase], late)
	if late > 100*time.Millisecond {
		t.logf("stall %s during %s (ended %s after launch)", late.Round(time.Millisecond), t.phase, time.Since(t.launched).Round(time.Millisecond))
	}
}

// endPhase logs the heartbeat figures of the phase that ends.
func (t *timings) endPhase() {
	t.logf("phase %s heartbeat %s", t.phase, stats(t.late[t.phase]))
	for field, ds := range t.keys {
		t.logf("phase %s keystroke→frame %s: %s; handler %s", t.phase, field, stats(ds), stats(t.handlers[field]))
	}
	t.keys = map[string][]time.Duration{}
	t.handlers = map[string][]time.Duration{}
}

func (t *timings) summary() {
	t.logf("end %s", memLine())
}

// instrument wraps the OnChanged of the document filter and of the
// header's search fields to time every keystroke.
func (t *timings) instrument(w *ui.Workbench) {
	t.wrap("filter", w.Documents().FilterBox())
	var search *widget.Entry
	walkContainers(w.Window().Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && search == nil {
			search = e
		}
	})
	if search != nil {
		t.wrap("search", search)
	}
	if open := w.Documents().OnOpen; open != nil {
		w.Documents().OnOpen = func(docs []*document.Document) {
			start := time.Now()
			open(docs)
			handler := time.Since(start)
			bridge.AfterFrame(func() {
				words := 0
				for _, d := range docs {
					words += document.CountWords(d.Text)
				}
				t.logf("open %d docs (%d words) handler %s, to painted frame %s", len(docs), words,
					handler.Round(100*time.Microsecond), time.Since(start).Round(100*time.Microsecond))
			})
		}
	}
	focus := map[string]fyne.Focusable{"filter": w.Documents().FilterBox()}
	if search != nil {
		focus["search"] = search
	}
	switch name := os.Getenv("PARALLAX_TIMINGS_FOCUS"); {
	case name == "table":
		w.Documents().Focus()
	case focus[name] != nil:
		w.Window().Canvas().Focus(focus[name])
	}
}

func (t *timings) wrap(field string, e *widget.Entry) {
	next := e.OnChanged
	if next == nil {
		return
	}
	e.OnChanged = func(s string) {
		start := time.Now()
		next(s)
		t.handlers[field] = append(t.handlers[field], time.Since(start))
		bridge.AfterFrame(func() {
			d := time.Since(start)
			t.keys[field] = append(t.keys[field], d)
			t.logf("key %s %q handler+frame %s", field, s, d.Round(100*time.Microsecond))
		})
	}
}

// walkContainers calls f for every object reachable through containers
// from o (it does not look inside widgets).
func walkContainers(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			walkContainers(x, f)
		}
	}
}

// stats formats the count, p50, p99 and max of ds, and how many are over
// 100 ms.
func stats(ds []time.Duration) string {
	if len(ds) == 0 {
		return "n=0"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	over := 0
	for _, d := range s {
		if d > 100*time.Millisecond {
			over++
		}
	}
	r := func(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }
	return fmt.Sprintf("n=%d p50=%s p99=%s max=%s over100ms=%d", len(s), r(at(0.5)), r(at(0.99)), r(s[len(s)-1]), over)
}

// memLine reports the Go heap and the process's peak resident size.
func memLine() string {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	hwm := ""
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM:") || strings.HasPrefix(l, "VmRSS:") {
				hwm += " " + strings.Join(strings.Fields(l), "")
			}
		}
	}
	return fmt.Sprintf("heap=%dMB sys=%dMB gc=%d pause-total=%s%s", m.HeapAlloc>>20, m.Sys>>20, m.NumGC,
		time.Duration(m.PauseTotalNs).Round(time.Millisecond), hwm)
}

func writeHeapProfile(path string, t *timings) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(t.out, "timing heap profile:", err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fmt.Fprintln(t.out, "timing heap profile:", err)
	}
}

// startTrace starts an execution trace into path; it returns nil when
// path is empty or the trace cannot start.
func startTrace(path string, t *timings) (stop func()) {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		t.logf("trace: %v", err)
		return nil
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		t.logf("trace: %v", err)
		return nil
	}
	return func() {
		trace.Stop()
		f.Close()
	}
}
