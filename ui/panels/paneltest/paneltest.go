// Package paneltest builds what the panel tests need: a real engine
// analysis of a project folder in a temporary folder (a copy of the sample
// project, or a small made-up one) behind a state.Controller, and records
// of what the panels ask the controller to do.
package paneltest

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// SampleCopy copies the sample project (testcorpus.SampleProjectCopy: so
// nothing the panels save lands in ../shared) and adds extra files (name →
// text) to it. It skips tb without ../shared.
func SampleCopy(tb testing.TB, extra map[string]string) string {
	tb.Helper()
	dir := testcorpus.SampleProjectCopy(tb)
	WriteFiles(tb, dir, extra)
	return dir
}

// WriteFiles writes files (name → text) into dir.
func WriteFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// SmallProject writes a made-up project of four short articles by three
// outlets (a sidecar table gives outlets and dates) and returns its folder.
// Rendering tests use it: no real article text ends up in golden files.
func SmallProject(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "small")
	WriteFiles(tb, dir, map[string]string{
		"sources.csv": "file,outlet,date,author\n" +
			"a_harbor.txt,Harbor Wire,2024-03-02,Ines Varga\n" +
			"b_harbor.txt,Harbor Wire,2024-03-05,\n" +
			"c_ridge.txt,Ridge Daily,2024-03-03,\n" +
			"d_valley.txt,Valley Post,,\n",
		"a_harbor.txt": "Talks reopen at the Nordvik crossing\n\n" +
			"Officials from Marvania and Tessaly met at the Nordvik crossing on Monday. " +
			"The Marvanian delegation was led by Colonel Arno Pelt, who said the talks were useful. " +
			"Tessaly said the Nordvik crossing would stay open.\n",
		"b_harbor.txt": "Crossing stays open after talks\n\n" +
			"The Nordvik crossing stayed open on Thursday. Arno Pelt said Marvania wanted calm. " +
			"Observers from the Border Council watched the crossing.\n",
		"c_ridge.txt": "Ridge view: a fragile calm at Nordvik\n\n" +
			"Residents near the Nordvik crossing fear the militia will return. " +
			"Pelt told reporters that Tessaly had broken its promises. The Border Council was silent.\n",
		"d_valley.txt": "Valley notes on the border\n\n" +
			"Traders in Tessaly complain that the Nordvik crossing is slow. " +
			"Marvania blames the Border Council.\n",
	})
	return dir
}

// Analysed opens dir with the UI's loader and analyses it with the engine,
// and returns a controller holding the project and its analysis.
func Analysed(tb testing.TB, dir string) (*state.Controller, *engine.Analysis) {
	tb.Helper()
	ctx := context.Background()
	p, err := backend.Load(ctx, dir, func(state.Progress) {})
	if err != nil {
		tb.Fatalf("open %s: %v", dir, err)
	}
	a, err := backend.Analyse(ctx, p, func(state.Progress) {})
	if err != nil {
		tb.Fatalf("analyse %s: %v", dir, err)
	}
	c := state.New()
	c.SetProject(p)
	c.SetAnalysis(a)
	return c, a
}

// Requests records the controller's Open and Reveal requests.
type Requests struct {
	List []state.Request
}

// Record starts recording c's requests.
func Record(c *state.Controller) *Requests {
	r := &Requests{}
	c.OnRequest(func(q state.Request) { r.List = append(r.List, q) })
	return r
}

// Last returns the last request, or false when there was none.
func (r *Requests) Last() (state.Request, bool) {
	if len(r.List) == 0 {
		return state.Request{}, false
	}
	return r.List[len(r.List)-1], true
}

// Doc returns the document at path of c's project, or nil.
func Doc(c *state.Controller, path string) *document.Document {
	if c.Project() == nil {
		return nil
	}
	for _, d := range c.Project().Docs {
		if d.Path == path {
			return d
		}
	}
	return nil
}

// Snapshot writes what canvas c shows to $PARALLAX_SNAPSHOTS/name.png when
// that variable is set (for looking at a panel without a display); it does
// nothing otherwise.
func Snapshot(tb testing.TB, c fyne.Canvas, name string) {
	tb.Helper()
	dir := os.Getenv("PARALLAX_SNAPSHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, c.Capture()); err != nil {
		tb.Fatal(err)
	}
}

// Find returns the objects under o (containers and widgets' rendered
// children, as the test driver draws them) for which match is true, in
// drawing order.
func Find(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if match(o) {
			out = append(out, o)
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// Buttons returns the visible buttons under o whose text is text.
func Buttons(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	for _, f := range Find(o, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == text
	}) {
		out = append(out, f.(*widget.Button))
	}
	return out
}

// SkipUnlessSnapshots skips a test that only takes pictures for looking at
// when PARALLAX_SNAPSHOTS is not set.
func SkipUnlessSnapshots(tb testing.TB) {
	tb.Helper()
	if os.Getenv("PARALLAX_SNAPSHOTS") == "" {
		tb.Skip("set PARALLAX_SNAPSHOTS to a folder to take the panel's pictures")
	}
}
