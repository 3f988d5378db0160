package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/resources"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/doctable"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// result is what OnLoaded reported.
type result struct {
	p   *state.Project
	err error
}

// newWorkbench creates a workbench whose loads report on the returned
// channel.
func newWorkbench(t *testing.T, l state.Loader, demo fstest.MapFS) (*Workbench, chan result) {
	t.Helper()
	return newWorkbenchWith(t, func(o *Options) {
		o.Loader = l
		if demo != nil {
			o.Demo = demo
			o.DemoDir = filepath.Join(t.TempDir(), "demo")
		}
	})
}

// newWorkbenchWith is newWorkbench with the options set by set.
func newWorkbenchWith(t *testing.T, set func(*Options)) (*Workbench, chan result) {
	t.Helper()
	a := test.NewTempApp(t)
	done := make(chan result, 4)
	opts := Options{OnLoaded: func(p *state.Project, err error) { done <- result{p, err} }}
	set(&opts)
	w := New(a, opts)
	w.Window().Resize(fyne.NewSize(1280, 720))
	t.Cleanup(func() { w.Window().Close() })
	return w, done
}

func wait(t *testing.T, done chan result) result {
	t.Helper()
	select {
	case r := <-done:
		return r
	case <-time.After(20 * time.Second):
		t.Fatal("load did not finish")
	}
	return result{}
}

// writeProject writes a small project folder of made-up articles: three
// readable ones, one that is not text, and one file that is not an article.
func writeProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"01_north.txt":    "Crossing reopens at dawn\n\nBy Ana Lind\n\nThe river crossing reopened on Monday after a week of talks.",
		"02_south.txt":    "Guards return to the crossing\n\nGuards returned to the crossing on Tuesday, officials said.",
		"sub/03_notes.md": "# Notes on the crossing\n\nA short note about the crossing and the talks.",
		"04_broken.txt":   "\x00\x01\x02\x03\x00\x00\x00\x04\x05binary\x00\x00\x00\x00\x06\x07",
		"photo.jpg":       "not an article",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOpenFolderListsDocumentsAndProblems(t *testing.T) {
	dir := writeProject(t)
	w, done := newWorkbench(t, backend.Load, nil)
	w.OpenFolder(dir)
	r := wait(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if w.Loading() {
		t.Error("still loading after OnLoaded")
	}
	if w.Shown() != w.workspace {
		t.Error("the workspace is not shown after loading")
	}
	rows := w.Documents().Rows()
	var paths []string
	for _, d := range rows {
		paths = append(paths, d.Path)
	}
	if strings.Join(paths, ",") != "01_north.txt,02_south.txt,sub/03_notes.md" {
		t.Errorf("rows = %v", paths)
	}
	probs := w.problems.Rows()
	if len(probs) != 2 || !strings.HasPrefix(probs[0], "04_broken.txt: ") || !strings.HasPrefix(probs[1], "photo.jpg: skipped") {
		t.Errorf("problems panel = %q", probs)
	}
	if w.probTab.Text != "Problems (2)" {
		t.Errorf("problems tab = %q", w.probTab.Text)
	}
	if got := w.Window().Title(); got != filepath.Base(dir)+" — Parallax" {
		t.Errorf("title = %q", got)
	}
	if rec := recentProjects(w.app); len(rec) == 0 || rec[0] != dir {
		t.Errorf("recent projects = %v", rec)
	}
	// Close returns to the start screen, which lists the project.
	w.CloseProject()
	if w.Shown() != w.start.root || w.Controller().Project() != nil {
		t.Error("CloseProject did not return to the start screen")
	}
	if n := len(w.start.recent.Objects); n != 1 {
		t.Errorf("start screen lists %d recent projects, want 1", n)
	}
}

// The sidebar gives the panes more room the more there are, until the
// analyst moves the divider; closing them all gives the list half again.
func TestSidebarMakesRoomForPanes(t *testing.T) {
	w, done := newWorkbench(t, backend.Load, nil)
	w.OpenFolder(writeProject(t))
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	docs := w.Controller().Project().Docs
	if len(docs) < 3 {
		t.Fatalf("%d documents", len(docs))
	}
	for _, n := range []int{2, 3, 1} {
		w.Controller().Open(docs[:n]...)
		if got := w.split.Offset; got != sidebarShare(n) {
			t.Errorf("%d panes: sidebar share %v, want %v", n, got, sidebarShare(n))
		}
	}
	w.split.SetOffset(0.4) // the analyst drags the divider
	w.Controller().Open(docs[:3]...)
	if got := w.split.Offset; got != 0.4 {
		t.Errorf("a third pane moved the analyst's divider to %v", got)
	}
	w.Controller().Open()
	if got := w.split.Offset; got != splitBrowsing {
		t.Errorf("no panes: sidebar share %v, want %v", got, splitBrowsing)
	}
}

func TestCompareFromTable(t *testing.T) {
	w, done := newWorkbench(t, backend.Load, nil)
	w.OpenFolder(writeProject(t))
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	tb := w.Documents()
	tb.Tap(0, doctable.ColMark, 0)
	tb.Tap(1, doctable.ColMark, 0)
	tb.TypeKey(fyne.KeyReturn)
	panes := w.Compare().Panes()
	if len(panes) != 2 {
		t.Fatalf("%d panes after Compare, want 2", len(panes))
	}
	for i, want := range []string{"01_north.txt", "02_south.txt"} {
		if panes[i].Doc().Path != want {
			t.Errorf("pane %d shows %s, want %s", i, panes[i].Doc().Path, want)
		}
		if _, _, title := panes[i].Header(); title != panes[i].Doc().Name() || title == "" {
			t.Errorf("pane %d title %q", i, title)
		}
	}
	if len(w.Controller().OpenDocs()) != 2 || w.split.Offset != splitComparing {
		t.Error("the list did not make room for the panes")
	}
	// Ctrl+F through the menu's action opens the find bar on the focused pane.
	w.menus.find.Action()
	fb := w.Compare().FindBar()
	fb.SetQuery("crossing")
	if got := fb.Status(); got != "1 of 2" {
		t.Errorf("find status %q, want 1 of 2", got)
	}
	fb.Next()
	if got := fb.Status(); got != "2 of 2" {
		t.Errorf("after next %q", got)
	}
	// View ▸ Hide Boilerplate reaches the panes.
	w.menus.boiler.Action()
	if !panes[0].Text().BoilerplateHidden() || !w.menus.boiler.Checked {
		t.Error("Hide Boilerplate did not reach the panes or the menu")
	}
}

func TestSampleProject(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	w, done := newWorkbench(t, backend.Load, nil)
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	tb := w.Documents()
	if n := len(tb.Rows()); n != 5 {
		t.Fatalf("sample project: %d rows, want 5", n)
	}
	tb.SetFilter("tehran")
	if n := len(tb.Rows()); n != 1 || tb.CellText(0, doctable.ColOutlet) != "Tehran Times" {
		t.Errorf("filter 'tehran': %d rows, outlet %q", n, tb.CellText(0, doctable.ColOutlet))
	}
	tb.SetFilter("")
	// Compare 000 and 004 and find "control" in the Reuters copy, whose
	// omicrons hide the word from a plain search.
	byPath := map[string]int{}
	for i, d := range tb.Rows() {
		byPath[d.Path] = i
	}
	tb.Tap(byPath["000_8a488919ad26b5b5.txt"], doctable.ColMark, 0)
	tb.Tap(byPath["004_b37ff82c4dbbe2a9.txt"], doctable.ColMark, 0)
	if !tb.Compare() {
		t.Fatal("Compare refused")
	}
	panes := w.Compare().Panes()
	if len(panes) != 2 || panes[1].Doc().Path != "004_b37ff82c4dbbe2a9.txt" {
		t.Fatalf("panes = %d", len(panes))
	}
	w.Compare().Focus(panes[1])
	w.Compare().ShowFind()
	w.Compare().FindBar().SetQuery("control")
	cur, total := panes[1].Text().FindState()
	plain := strings.Count(strings.ToLower(panes[1].Doc().Text), "control")
	if cur != 0 || total <= plain {
		t.Errorf("find 'control' in 004: %d matches, plain search finds %d", total, plain)
	}
}

func TestCancelLoading(t *testing.T) {
	started := make(chan struct{})
	blocking := func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		progress(state.Progress{Done: 1, Total: 10, Current: "a.txt"})
		close(started)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	w, done := newWorkbench(t, blocking, nil)
	w.OpenFolder(t.TempDir())
	<-started
	if !w.loading.shown() || w.Shown() != w.workspace {
		t.Fatal("the loading card is not shown over the workspace")
	}
	w.CancelLoad()
	r := wait(t, done)
	if !errors.Is(r.err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", r.err)
	}
	if w.Loading() || w.loading.shown() || w.Shown() != w.start.root {
		t.Error("cancelling did not return to the start screen")
	}
	if w.Controller().Project() != nil {
		t.Error("a cancelled load set a project")
	}
}

func TestLoadProgressShown(t *testing.T) {
	release := make(chan struct{})
	shown := make(chan struct{})
	slow := func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		progress(state.Progress{Done: 3, Total: 4, Current: "c.txt"})
		close(shown)
		<-release
		return &state.Project{Dir: dir}, nil
	}
	w, done := newWorkbench(t, slow, nil)
	w.OpenFolder(t.TempDir())
	<-shown
	// The test driver runs fyne.Do at once, so the progress is painted.
	if got := w.loading.count.Text; got != "3 of 4 files read" {
		t.Errorf("progress text = %q", got)
	}
	if got := w.loading.bar.Value; got != 0.75 {
		t.Errorf("progress bar = %v", got)
	}
	close(release)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	if got := w.status.Text; !strings.HasPrefix(got, "0 documents") {
		t.Errorf("status = %q", got)
	}
}

func TestOpenFolderErrors(t *testing.T) {
	failing := func(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
		return nil, errors.New("disk on fire")
	}
	w, done := newWorkbench(t, failing, nil)
	w.OpenFolder(t.TempDir())
	r := wait(t, done)
	if r.err == nil || w.Shown() != w.start.root {
		t.Errorf("a failed load: err %v, content %T", r.err, w.Shown())
	}
	// A path that is not a folder never starts a load.
	f := filepath.Join(t.TempDir(), "file.txt")
	os.WriteFile(f, []byte("x"), 0o644)
	w.OpenFolder(f)
	if w.Loading() {
		t.Error("started loading a file")
	}
}

func TestDropFolderOpensIt(t *testing.T) {
	dir := writeProject(t)
	w, done := newWorkbench(t, backend.Load, nil)
	w.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(filepath.Join(dir, "01_north.txt"))})
	r := wait(t, done)
	if r.err != nil || r.p.Dir != dir {
		t.Errorf("dropping a file opened %v (%v), want its folder %s", r.p, r.err, dir)
	}
}

func TestOpenDemoCopiesAndOpens(t *testing.T) {
	demo := fstest.MapFS{
		"01_a.txt":    {Data: []byte("A made-up demo article about a bridge.")},
		"sources.csv": {Data: []byte("file,outlet\n01_a.txt,Demo Wire\n")},
	}
	w, done := newWorkbench(t, backend.Load, demo)
	if !w.start.demo.Visible() {
		t.Fatal("demo button hidden though a demo is given")
	}
	w.OpenDemo()
	r := wait(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if _, err := os.Stat(filepath.Join(w.opts.DemoDir, "01_a.txt")); err != nil {
		t.Errorf("demo not copied: %v", err)
	}
	if n := len(w.Documents().Rows()); n != 1 {
		t.Errorf("demo project has %d rows", n)
	}
}

func TestAboutShowsVersion(t *testing.T) {
	meta := fyne.AppMetadata{Name: "Parallax", Version: "0.1.0", Build: 1}
	if got := AboutVersion(meta); got != "Version 0.1.0 (build 1)" {
		t.Errorf("AboutVersion = %q", got)
	}
}

func TestPanelsPlugIntoSlots(t *testing.T) {
	w, _ := newWorkbench(t, backend.Load, nil)
	var shortcutCalled bool
	side := state.Panel{ID: "entities", Title: "Entities", Slot: state.SlotSidebar, Content: container.NewStack(),
		Shortcut: shortcut(fyne.KeyK), OnShortcut: func() { shortcutCalled = true }}
	insp := state.Panel{ID: "framing", Title: "Framing", Slot: state.SlotInspector, Content: container.NewStack()}
	bot := state.Panel{ID: "coverage", Title: "Coverage", Slot: state.SlotBottom, Content: container.NewStack()}
	for _, p := range []state.Panel{side, insp, bot} {
		w.AddPanel(p)
	}
	if n := len(w.sidebar.Items); n != 3 {
		t.Errorf("sidebar has %d tabs, want Documents, Problems, Entities", n)
	}
	if len(w.inspector.Items) != 1 || len(w.bottom.Items) != 1 {
		t.Error("inspector or bottom slot empty")
	}
	w.Controller().ShowPanel("entities")
	if w.sidebar.Selected().Text != "Entities" {
		t.Errorf("ShowPanel selected %q", w.sidebar.Selected().Text)
	}
	w.Controller().ShowPanel("documents")
	w.Window().Canvas().(fyne.Shortcutable).TypedShortcut(shortcut(fyne.KeyK))
	if !shortcutCalled || w.sidebar.Selected().Text != "Entities" {
		t.Error("the panel's shortcut did not show it")
	}
	w.AddMenu(fyne.NewMenu("Report"))
	labels := []string{}
	for _, m := range w.Window().MainMenu().Items {
		labels = append(labels, m.Label)
	}
	if strings.Join(labels, ",") != "File,Edit,View,Report,Help" {
		t.Errorf("menus = %v", labels)
	}
}

func TestRendersStartScreen(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetStringList(prefRecent, nil)
	w := New(a, Options{Loader: backend.Load, Demo: fstest.MapFS{"a.txt": {Data: []byte("x")}},
		Icon: fyne.NewStaticResource("parallax.png", resources.IconPNG)})
	w.Window().Resize(fyne.NewSize(900, 600))
	defer w.Window().Close()
	test.AssertRendersToMarkup(t, "start_screen.xml", w.Window().Canvas())
}

func TestSampleProjectAnalysis(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	a := test.NewTempApp(t)
	loaded := make(chan result, 1)
	analysed := make(chan error, 1)
	w := New(a, Options{Loader: backend.Load, Analyse: backend.Analyse,
		OnLoaded:   func(p *state.Project, err error) { loaded <- result{p, err} },
		OnAnalysed: func(_ *engine.Analysis, err error) { analysed <- err }})
	w.Window().Resize(fyne.NewSize(1280, 720))
	defer w.Window().Close()
	w.OpenFolder(dir)
	if r := wait(t, loaded); r.err != nil {
		t.Fatal(r.err)
	}
	select {
	case err := <-analysed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("analysis did not finish")
	}
	if w.Controller().Analysis() == nil {
		t.Fatal("the controller has no analysis")
	}
	var d000, d001, d004 *document.Document
	for _, d := range w.Controller().Project().Docs {
		switch {
		case strings.HasPrefix(d.Path, "000_"):
			d000 = d
		case strings.HasPrefix(d.Path, "001_"):
			d001 = d
		case strings.HasPrefix(d.Path, "004_"):
			d004 = d
		}
	}
	// 000 and 004 side by side: Al Qaim and Al Bukamal are highlighted in
	// both, each entity in one colour.
	w.Controller().Open(d000, d004)
	panes := w.Compare().Panes()
	for _, p := range panes {
		colors := map[string]map[int]bool{}
		marked := map[string]bool{}
		for _, h := range p.Text().Layer(LayerEntities) {
			if colors[h.ID] == nil {
				colors[h.ID] = map[int]bool{}
			}
			colors[h.ID][h.ColorIndex] = true
			marked[strings.ToLower(p.Doc().Text[h.Start:h.End])] = true
		}
		for id, cs := range colors {
			if len(cs) != 1 {
				t.Errorf("%s: entity %s has %d colours", p.Doc().Path, id, len(cs))
			}
		}
		found := false
		for form := range marked {
			if strings.Contains(form, "qaim") || strings.Contains(form, "qa'im") || strings.Contains(form, "qa’im") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no Al Qaim mention highlighted among %d forms", p.Doc().Path, len(marked))
		}
	}
	// 000 and 001 share passages; clicking one in 000 brings its
	// counterpart in 001 into view.
	w.Controller().Open(d000, d001)
	panes = w.Compare().Panes()
	hs := panes[0].Text().Layer("passages")
	if len(hs) == 0 {
		t.Fatal("no shared passages marked between 000 and 001")
	}
	var counterpart document.Span
	for _, sp := range w.Controller().Passages([]*document.Document{d000, d001}) {
		if sp.ID == hs[len(hs)-1].ID {
			counterpart = sp.B
			if sp.DocB == d000 {
				counterpart = sp.A
			}
		}
	}
	panes[1].ScrollToOffset(0)
	panes[0].Text().OnHighlightTapped(hs[len(hs)-1])
	if !panes[1].Text().OffsetVisible(counterpart.Start) {
		t.Errorf("001 not scrolled to the counterpart at %d", counterpart.Start)
	}
	if got := panes[1].Text().LastFlash(); got != counterpart {
		t.Errorf("001 flashed %+v, want %+v", got, counterpart)
	}
}

func TestUsableAtSmallestSize(t *testing.T) {
	w, done := newWorkbench(t, backend.Load, nil)
	w.OpenFolder(writeProject(t))
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	w.Controller().Open(w.Controller().Project().Docs...)
	min := w.Window().Content().MinSize()
	if min.Width > MinSize.Width || min.Height > MinSize.Height {
		t.Errorf("workspace with three panes needs %v, more than %v", min, MinSize)
	}
	if min := w.start.root.MinSize(); min.Width > MinSize.Width || min.Height > MinSize.Height {
		t.Errorf("start screen needs %v", min)
	}
}

func TestFolderChangeOffersReloadKeepingPanes(t *testing.T) {
	dir := writeProject(t)
	fake, fire, fired := fakeWatcher()
	w, done := newWorkbenchWith(t, func(o *Options) { o.Loader, o.Watch = backend.Load, fake })
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	docs := w.Controller().Project().Docs
	w.Controller().Open(docs[0], docs[2])
	if w.changeBox.Visible() {
		t.Fatal("change notice shown before any change")
	}
	fire <- state.Change{Added: 1, Changed: 2}
	<-fired
	if !w.changeBox.Visible() || w.changeMsg.Text != "Files on disk: 1 added, 2 changed" {
		t.Fatalf("notice = %q visible=%v", w.changeMsg.Text, w.changeBox.Visible())
	}
	os.WriteFile(filepath.Join(dir, "05_new.txt"), []byte("A new made-up report on the crossing."), 0o644)
	w.Reload()
	r := wait(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if n := len(w.Documents().Rows()); n != 4 {
		t.Errorf("after reload %d rows, want 4", n)
	}
	if w.changeBox.Visible() {
		t.Error("notice still shown after reload")
	}
	got := paths(w.Compare().Docs())
	if strings.Join(got, ",") != docs[0].Path+","+docs[2].Path {
		t.Errorf("panes after reload = %v", got)
	}
}

func paths(docs []*document.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Path
	}
	return out
}

func TestMenusCopyFilterAndTheme(t *testing.T) {
	w, done := newWorkbench(t, backend.Load, nil)
	w.OpenFolder(writeProject(t))
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	d := w.Controller().Project().Docs[0]
	w.Controller().Open(d)
	pane := w.Compare().Panes()[0]
	pane.Text().Select(0, 8)
	w.Window().Canvas().Unfocus()
	w.copySelection()
	if got := w.app.Clipboard().Content(); got != d.Text[:8] {
		t.Errorf("Copy put %q on the clipboard, want %q", got, d.Text[:8])
	}
	w.focusFilter()
	if w.Window().Canvas().Focused() != w.Documents().FilterBox() {
		t.Error("Filter Documents did not focus the filter box")
	}
	w.menus.dark.Action()
	if !w.menus.dark.Checked {
		t.Error("Dark not checked after choosing it")
	}
	if got := w.app.Preferences().String(prefTheme); got != "dark" {
		t.Errorf("theme preference = %q", got)
	}
	w.menus.themeSystem.Action()
	if !w.menus.themeSystem.Checked || w.menus.dark.Checked {
		t.Error("menu checks not updated")
	}
	if w.menus.closeProject.Disabled {
		t.Error("Close Project disabled with a project open")
	}
	w.CloseProject()
	if !w.menus.closeProject.Disabled {
		t.Error("Close Project enabled without a project")
	}
}

func TestSourcesChangedOnDiskApplyWithoutReload(t *testing.T) {
	dir := writeProject(t)
	fake, fire, fired := fakeWatcher()
	analysed := make(chan *engine.Analysis, 4)
	w, done := newWorkbenchWith(t, func(o *Options) {
		o.Loader, o.Watch, o.Analyse = backend.Load, fake, backend.Analyse
		o.OnAnalysed = func(a *engine.Analysis, err error) {
			if err != nil {
				t.Errorf("analysis: %v", err)
			}
			analysed <- a
		}
	})
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	first := waitAnalysis(t, analysed)
	doc := w.Controller().Project().Docs[0]
	w.Controller().Open(doc)
	refreshed := 0
	w.Controller().OnMetadataChanged(func() { refreshed++ })

	// A colleague (or another window) sets the outlet in sources.json.
	ov := sourcemeta.NewOverrides()
	if err := ov.SetField(doc.Path, "outlet", "Made-up Gazette"); err != nil {
		t.Fatal(err)
	}
	if err := ov.Save(dir); err != nil {
		t.Fatal(err)
	}
	fire <- state.Change{Metadata: true}
	<-fired
	// A new snapshot of the project: the published document is unchanged,
	// the window shows its new value.
	cur := w.Controller().Project().Doc(doc.Path)
	if got := cur.Meta.Outlet.Value; got != "Made-up Gazette" {
		t.Errorf("outlet after the change on disk = %q, want the analyst's value", got)
	}
	if doc.Meta.Outlet.Value == "Made-up Gazette" || cur == doc {
		t.Error("the change on disk was written into the published document")
	}
	if refreshed != 1 {
		t.Errorf("metadata listeners called %d times, want 1", refreshed)
	}
	if w.changeBox.Visible() {
		t.Errorf("a sources-only change offered a reload: %q", w.changeMsg.Text)
	}
	var found bool
	for _, d := range w.Documents().Rows() {
		found = found || d == cur
	}
	if !found {
		t.Error("the edited document's new value is not in the table")
	}
	if open := w.Controller().OpenDocs(); len(open) != 1 || open[0] != cur {
		t.Errorf("the open pane does not show the new value: %v", open)
	}
	// The analysis is rebuilt for the new snapshot in the background.
	next := waitAnalysis(t, analysed)
	if next == first || w.Controller().Analysis() != next || next.Project() != w.Controller().Project().Source {
		t.Fatal("the analysis was not rebuilt for the new snapshot")
	}
	for _, df := range next.Framing().Documents {
		if df.Path == doc.Path && df.Outlet != "Made-up Gazette" {
			t.Errorf("rebuilt framing shows outlet %q", df.Outlet)
		}
	}
	for _, df := range first.Framing().Documents {
		if df.Path == doc.Path && df.Outlet == "Made-up Gazette" {
			t.Error("the published analysis changed")
		}
	}
}

func waitAnalysis(t *testing.T, c chan *engine.Analysis) *engine.Analysis {
	t.Helper()
	select {
	case a := <-c:
		return a
	case <-time.After(30 * time.Second):
		t.Fatal("analysis did not finish")
	}
	return nil
}

func TestProjectHooksBannerAndQuit(t *testing.T) {
	w, done := newWorkbench(t, backend.Load, nil)
	var events []string
	w.OnProjectOpened(func(p *state.Project) {
		events = append(events, "opened "+filepath.Base(p.Dir)+" panes="+strconv.Itoa(len(w.Controller().OpenDocs())))
	})
	w.OnProjectClosing(func(p *state.Project) {
		// Still open while the hook runs: it can save the panes.
		events = append(events, "closing "+filepath.Base(p.Dir)+" panes="+strconv.Itoa(len(w.Controller().OpenDocs())))
	})
	w.OnQuit(func() { events = append(events, "quit") })
	banner := widget.NewLabel("a banner")
	w.AddBanner(banner)

	dir := writeProject(t)
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	w.Controller().Open(w.Controller().Project().Docs[0])
	w.Reload()
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	w.CloseProject()
	w.runQuitHooks()
	base := filepath.Base(dir)
	want := []string{"opened " + base + " panes=0", "closing " + base + " panes=1", "opened " + base + " panes=1", "closing " + base + " panes=1", "quit"}
	if strings.Join(events, "|") != strings.Join(want, "|") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(events, "\n"), strings.Join(want, "\n"))
	}
	found := false
	for _, o := range w.banners.Objects {
		found = found || o == banner
	}
	if !found {
		t.Error("banner not placed")
	}
	if w.App() == nil {
		t.Error("App() is nil")
	}
}

// fakeWatcher is a folder watcher that reports what the test sends on fire
// and signals fired once the window has handled it.
func fakeWatcher() (state.Watcher, chan<- state.Change, <-chan struct{}) {
	fire := make(chan state.Change)
	fired := make(chan struct{})
	fake := func(ctx context.Context, d string, onChange func(state.Change)) error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case c := <-fire:
				onChange(c)
				fired <- struct{}{}
			}
		}
	}
	return fake, fire, fired
}

// A load ends in two turns of the main loop (the project shown, then the
// listeners, the panes and the analysis): when the project was closed in
// between, the second turn does nothing.
func TestProjectShownSkipsAClosedProject(t *testing.T) {
	w, done := newWorkbench(t, backend.Load, nil)
	opened := 0
	w.OnProjectOpened(func(*state.Project) { opened++ })
	w.OpenFolder(writeProject(t))
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	if opened != 1 {
		t.Fatalf("OnProjectOpened called %d times after a load, want 1", opened)
	}
	p := w.Controller().Project()
	w.CloseProject()
	w.projectShown(p)
	if opened != 1 || w.anaJob != nil {
		t.Errorf("the second turn ran for a closed project (opened %d, analysing %v)", opened, w.anaJob != nil)
	}
	select {
	case r := <-done:
		t.Errorf("OnLoaded called again for a closed project: %v", r)
	default:
	}
}
