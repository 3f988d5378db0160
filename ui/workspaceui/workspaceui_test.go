package workspaceui

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/internal/workspace"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/doctable"
	"github.com/parallaxworkbench/parallax/ui/entitysearch"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

func docPaths(docs []*document.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

// middleOffset returns the start of a line about half way down the pane's
// text (a line start, so that it comes back as it is).
func middleOffset(t *testing.T, text string) int {
	t.Helper()
	i := strings.Index(text[len(text)/2:], "\n")
	if i < 0 {
		t.Fatal("no line break in the second half")
	}
	return len(text)/2 + i + 1
}

func TestSaveCloseReopenRestoresTheWindow(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	if len(p.Docs) < 3 {
		t.Fatalf("sample has %d documents", len(p.Docs))
	}
	if h.m.Workspace() == nil || h.m.Workspace().Name != "Untitled" {
		t.Fatalf("a new project should start an Untitled workspace, got %+v", h.m.Workspace())
	}
	ctrl, cv := h.wb.Controller(), h.wb.Compare()
	// Two documents, in an order that is not the table's.
	ctrl.Open(p.Docs[2], p.Docs[0])
	panes := cv.Panes()
	if len(panes) != 2 {
		t.Fatalf("%d panes", len(panes))
	}
	cv.SetPaneWidths([]float64{0.65, 0.35})
	want0, want1 := middleOffset(t, p.Docs[2].Text), 0
	panes[0].SetTopOffset(want0)
	if got := panes[0].TopOffset(); got != want0 {
		t.Fatalf("pane 0 scrolled to %d, want %d", got, want0)
	}
	panes[1].SetTopOffset(middleOffset(t, p.Docs[0].Text))
	panes[1].SetDirection(textdir.RTL)
	cv.Focus(panes[1])
	cv.SetBoilerplateHidden(true)
	h.wb.Documents().SetFilter("border")
	h.wb.Documents().SortBy(doctable.ColDate, true)
	h.m.panel.notesBox.SetText("Compare the casualty figures.")
	// What the window shows now, after every change, is what must return.
	want0, want1 = panes[0].TopOffset(), panes[1].TopOffset()
	if !h.m.Dirty() {
		t.Fatal("the changes should make the workspace dirty")
	}
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	if h.m.Dirty() {
		t.Error("dirty right after saving")
	}
	file := filepath.Join(dir, ".parallax", "workspaces", "Untitled.json")
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("workspace file: %v", err)
	}

	h.wb.CloseProject()
	if h.m.Workspace() != nil {
		t.Fatal("the workspace should close with the project")
	}
	p = h.open(dir)
	ws := h.m.Workspace()
	if ws == nil || ws.Name != "Untitled" {
		t.Fatalf("reopened workspace = %+v", ws)
	}
	got := docPaths(ctrl.OpenDocs())
	want := []string{p.Docs[2].Path, p.Docs[0].Path}
	if !slices.Equal(got, want) {
		t.Fatalf("panes = %v, want %v", got, want)
	}
	panes = cv.Panes()
	for i, pn := range panes {
		if pn.Text().LineCount() == 0 {
			t.Fatalf("pane %d is not laid out", i)
		}
	}
	if !panes[0].Text().OffsetVisible(want0) || panes[0].Text().OffsetVisible(0) {
		t.Errorf("pane 0 does not show offset %d (top %d)", want0, panes[0].TopOffset())
	}
	if panes[0].TopOffset() != want0 || panes[1].TopOffset() != want1 {
		t.Errorf("scroll offsets = %d, %d; want %d, %d", panes[0].TopOffset(), panes[1].TopOffset(), want0, want1)
	}
	if cv.Focused() != panes[1] {
		t.Error("the second pane should have the focus again")
	}
	if w := cv.PaneWidths(); len(w) != 2 || math.Abs(w[0]-0.65) > 0.001 {
		t.Errorf("pane widths = %v, want 0.65 and 0.35 as left", w)
	}
	if !cv.BoilerplateHidden() {
		t.Error("boilerplate toggle not restored")
	}
	if panes[0].Direction() != textdir.Auto || panes[1].Direction() != textdir.RTL {
		t.Errorf("directions = %v, %v; want auto, rtl", panes[0].Direction(), panes[1].Direction())
	}
	if f := h.wb.Documents().Filter(); f != "border" {
		t.Errorf("filter = %q", f)
	}
	if c, desc := h.wb.Documents().Sort(); c != doctable.ColDate || !desc {
		t.Errorf("sort = %v desc=%v", c, desc)
	}
	if n := h.m.panel.notes(); n != "Compare the casualty figures." {
		t.Errorf("notes = %q", n)
	}
	if h.m.Dirty() {
		t.Error("a restored window should equal its saved workspace")
	}
	if h.m.BannerText() != "" {
		t.Errorf("no banner expected, got %q", h.m.BannerText())
	}
}

func TestClosingTheProjectSavesChanges(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	h.wb.Controller().Open(p.Docs[1])
	h.wb.CloseProject() // no explicit Save: the closing hook saves
	store, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.Load("Untitled")
	if err != nil {
		t.Fatalf("autosaved workspace: %v", err)
	}
	if len(ws.Panes) != 1 || ws.Panes[0].Path != p.Docs[1].Path {
		t.Errorf("saved panes = %+v", ws.Panes)
	}
	if last, _ := store.Last(); last != "Untitled" {
		t.Errorf("last workspace = %q", last)
	}
}

func TestUntouchedWorkspaceIsNotWritten(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	h.open(dir)
	h.wb.CloseProject()
	if _, err := os.Stat(filepath.Join(dir, ".parallax", "workspaces", "Untitled.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an unchanged new workspace should not be written (stat: %v)", err)
	}
}

func TestAnnotateSelectionListsAndPersists(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	doc := p.Docs[0]
	h.wb.Controller().Open(doc)
	pane := h.wb.Compare().Panes()[0]
	start := strings.Index(doc.Text, "border")
	if start < 0 {
		t.Fatal("no 'border' in the first document")
	}
	// A drag that starts and ends inside the word: the annotation takes
	// the whole word.
	pane.Text().Select(start+2, start+len("border")-1)
	quote := "border"

	h.m.AnnotateSelection(nil) // as Ctrl+M does
	win := h.wb.Window()
	if !strings.Contains(overlayTexts(win), quote) {
		t.Fatalf("the annotation form should quote the selection; shows %q", overlayTexts(win))
	}
	var entries []*widget.Entry
	walk(win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 2 {
		t.Fatalf("form has %d entries, want note and tags", len(entries))
	}
	entries[0].SetText("Named differently by each outlet.")
	entries[1].SetText("naming, #geography, naming")
	add := overlayButton(win, "Add")
	if add == nil {
		t.Fatal("no Add button")
	}
	test.Tap(add)

	rows := h.m.AnnotationRows()
	if len(rows) != 1 {
		t.Fatalf("%d annotations listed", len(rows))
	}
	a := rows[0]
	if a.Quote != quote || a.Note != "Named differently by each outlet." || !slices.Equal(a.Tags, []string{"naming", "geography"}) {
		t.Errorf("annotation = %+v", a)
	}
	if _, sel := pane.Text().Selection(); sel {
		t.Error("the selection should give way to the annotation's mark")
	}
	hs := pane.Text().Layer(LayerAnnotations)
	if len(hs) != 1 || hs[0].Kind != textview.Annotation || hs[0].Start != start {
		t.Errorf("annotation layer = %+v", hs)
	}

	h.wb.CloseProject()
	h.open(dir)
	rows = h.m.AnnotationRows()
	if len(rows) != 1 || rows[0].Quote != quote || rows[0].Orphaned {
		t.Fatalf("after reopening: %+v", rows)
	}
	// Edit and delete.
	if err := h.m.EditAnnotation(rows[0].ID, "Edited.", []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if r := h.m.AnnotationRows(); r[0].Note != "Edited." {
		t.Errorf("edited note = %q", r[0].Note)
	}
	if err := h.m.DeleteAnnotation(rows[0].ID); err != nil {
		t.Fatal(err)
	}
	if len(h.m.AnnotationRows()) != 0 {
		t.Error("annotation not deleted")
	}
	if err := h.m.DeleteAnnotation("nope"); err == nil {
		t.Error("deleting an unknown annotation should fail")
	}
}

func TestAnnotateWithoutSelectionExplains(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	h.wb.Controller().Open(p.Docs[0])
	h.m.AnnotateSelection(nil)
	if !strings.Contains(overlayTexts(h.wb.Window()), "Select a passage") {
		t.Errorf("dialog says %q", overlayTexts(h.wb.Window()))
	}
	if len(h.m.AnnotationRows()) != 0 {
		t.Error("no annotation expected")
	}
}

func TestEditedDocumentOrphansAnnotationAndReportsIt(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	doc := p.Docs[1]
	start := len(doc.Text) / 3
	if _, err := h.m.AddAnnotation(doc, document.Span{Start: start, End: start + 40}, "note", nil); err != nil {
		t.Fatal(err)
	}
	h.wb.Controller().Open(doc, p.Docs[0])
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	h.wb.CloseProject()
	// Replace the annotated document's text and delete the other one.
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(doc.Path)), []byte("Completely new text.\n\nNothing of the old article is left here."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p.Docs[0].Path))); err != nil {
		t.Fatal(err)
	}
	h.open(dir)
	rows := h.m.AnnotationRows()
	if len(rows) != 1 || !rows[0].Orphaned {
		t.Fatalf("annotation should be kept and orphaned: %+v", rows)
	}
	banner := h.m.BannerText()
	if !strings.Contains(banner, "1 missing") || !strings.Contains(banner, "1 changed") || !strings.Contains(banner, "orphaned") {
		t.Errorf("banner = %q", banner)
	}
	// The missing document's pane is kept in the workspace.
	h.m.Capture()
	var paths []string
	for _, pn := range h.m.Workspace().Panes {
		paths = append(paths, pn.Path)
	}
	if !slices.Contains(paths, p.Docs[0].Path) {
		t.Errorf("missing document dropped from the panes: %v", paths)
	}
	h.m.ForgetMissing()
	h.m.Capture()
	if len(h.m.Workspace().Panes) != 1 {
		t.Errorf("panes after Close Missing = %+v", h.m.Workspace().Panes)
	}
	// Opened again, the change is known: only the orphan is still listed.
	h.wb.CloseProject()
	h.open(dir)
	banner = h.m.BannerText()
	if strings.Contains(banner, "changed") || strings.Contains(banner, "missing") || !strings.Contains(banner, "orphaned") {
		t.Errorf("banner at the second opening = %q", banner)
	}
	if rows := h.m.AnnotationRows(); len(rows) != 1 || !rows[0].Orphaned {
		t.Errorf("orphan lost at the second opening: %+v", rows)
	}
}

func TestCorruptWorkspaceIsReportedAndNotOverwritten(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	store, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := workspace.New("Broken", testNow)
	ws.Notes = "first version"
	if err := store.Save(ws, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	ws.Notes = "second version"
	if err := store.Save(ws, workspace.SaveOptions{}); err != nil { // the first becomes the backup
		t.Fatal(err)
	}
	if err := store.SetLast("Broken"); err != nil {
		t.Fatal(err)
	}
	file := store.File("Broken")
	damaged := []byte("{\"version\": 2, \"panes\": [ {\"path\": 12} ")
	if err := os.WriteFile(file, damaged, 0o644); err != nil {
		t.Fatal(err)
	}

	h := newHarness(t, false)
	p := h.open(dir)
	win := h.wb.Window()
	msg := overlayTexts(win)
	if !strings.Contains(msg, file) || !strings.Contains(msg, "Broken") || !strings.Contains(msg, "Problem") {
		t.Fatalf("error dialog should name the file and the problem: %q", msg)
	}
	if h.m.Workspace() == nil || h.m.Workspace().Name == "Broken" {
		t.Fatalf("a new workspace should take the damaged one's place, got %+v", h.m.Workspace())
	}
	// Work goes on and is saved elsewhere; the damaged file stays as it is.
	h.wb.Controller().Open(p.Docs[0])
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, damaged) {
		t.Fatal("the damaged file was overwritten")
	}
	if err := h.m.Open("Broken"); err == nil {
		t.Fatal("opening the damaged workspace should fail")
	}
	backup := overlayButton(win, "Open Backup")
	if backup == nil {
		t.Fatalf("the dialog should offer the backup: %q", overlayTexts(win))
	}
	test.Tap(backup)
	if ws := h.m.Workspace(); ws == nil || ws.Name != "Broken" || h.m.panel.notes() != "first version" {
		t.Fatalf("backup not opened: %+v notes %q", ws, h.m.panel.notes())
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, damaged) {
		t.Fatal("opening the backup overwrote the damaged file")
	}
	if !strings.Contains(h.m.BannerText(), "backup") {
		t.Errorf("banner = %q", h.m.BannerText())
	}
	// Saving the backup (asked) keeps the damaged file beside it.
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	kept, _ := filepath.Glob(file + ".damaged*")
	if len(kept) != 1 {
		t.Errorf("damaged copies kept: %v", kept)
	} else if b, _ := os.ReadFile(kept[0]); !bytes.Equal(b, damaged) {
		t.Error("the kept copy is not the damaged file")
	}
	if h.m.BannerText() != "" {
		t.Errorf("banner after saving = %q", h.m.BannerText())
	}
	closeOverlays(win)
}

func TestConflictOffersReloadOrSaveAs(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	h.wb.Controller().Open(p.Docs[0])
	if err := h.m.SaveAs("Shared"); err != nil {
		t.Fatal(err)
	}
	// Another instance saves the same workspace.
	other, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws2, err := other.Load("Shared")
	if err != nil {
		t.Fatal(err)
	}
	ws2.Notes = "from the other window"
	if err := other.Save(ws2, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	theirs, _ := os.ReadFile(other.File("Shared"))

	h.m.panel.notesBox.SetText("mine")
	if err := h.m.Save(); !errors.Is(err, workspace.ErrConflict) {
		t.Fatalf("save over another window's save: err = %v, want ErrConflict", err)
	}
	h.m.SaveFromMenu()
	win := h.wb.Window()
	if overlayButton(win, "Reload") == nil || overlayButton(win, "Save As…") == nil {
		t.Fatalf("conflict dialog should offer Reload and Save As: %q", overlayTexts(win))
	}
	// Autosave leaves the other window's file alone.
	h.m.autosave()
	if b, _ := os.ReadFile(other.File("Shared")); !bytes.Equal(b, theirs) {
		t.Fatal("the other window's save was overwritten")
	}
	if !strings.Contains(h.m.BannerText(), "changed on disk") {
		t.Errorf("banner = %q", h.m.BannerText())
	}
	test.Tap(overlayButton(win, "Reload"))
	if got := h.m.panel.notes(); got != "from the other window" {
		t.Errorf("after Reload notes = %q", got)
	}
	if err := h.m.Save(); err != nil {
		t.Errorf("save after reload: %v", err)
	}
	closeOverlays(win)
}

func TestQuitAfterConflictKeepsBothVersions(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	h.open(dir)
	if err := h.m.SaveAs("Shared"); err != nil {
		t.Fatal(err)
	}
	other, _ := workspace.OpenStore(dir, workspace.Options{})
	ws2, err := other.Load("Shared")
	if err != nil {
		t.Fatal(err)
	}
	ws2.Notes = "theirs"
	if err := other.Save(ws2, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	theirs, _ := os.ReadFile(other.File("Shared"))
	h.m.panel.notesBox.SetText("mine")
	h.m.autosave() // finds the conflict
	if !h.m.conflict {
		t.Fatal("autosave should have found the conflict")
	}
	closeOverlays(h.wb.Window())
	h.m.quit()
	if b, _ := os.ReadFile(other.File("Shared")); !bytes.Equal(b, theirs) {
		t.Fatal("quitting overwrote the other window's save")
	}
	mine, err := other.Load("Shared (unsaved changes)")
	if err != nil {
		t.Fatalf("the changes made here should be kept as a new workspace: %v", err)
	}
	if mine.Notes != "mine" {
		t.Errorf("kept notes = %q", mine.Notes)
	}
	if last, _ := other.Last(); last != "Shared (unsaved changes)" {
		t.Errorf("last workspace = %q: the project should reopen with the changes made here", last)
	}
}

func TestNewerVersionOpensReadOnly(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	store, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := workspace.New("Future", testNow)
	if err := store.Save(ws, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(store.File("Future"))
	future := bytes.Replace(b, []byte(`"version": 2`), []byte(`"version": 99`), 1)
	if bytes.Equal(future, b) {
		t.Fatalf("no version field in %s", b)
	}
	if err := os.WriteFile(store.File("Future"), future, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := store.SetLast("Future"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, false)
	p := h.open(dir)
	if ws := h.m.Workspace(); ws == nil || !ws.ReadOnly {
		t.Fatalf("workspace = %+v, want read-only", ws)
	}
	if !strings.Contains(h.m.BannerText(), "newer version") {
		t.Errorf("banner = %q", h.m.BannerText())
	}
	if !strings.Contains(h.m.HeaderText(), "read-only") {
		t.Errorf("header = %q", h.m.HeaderText())
	}
	h.wb.Controller().Open(p.Docs[0])
	if err := h.m.Save(); !errors.Is(err, workspace.ErrReadOnly) {
		t.Fatalf("save: %v, want ErrReadOnly", err)
	}
	h.m.SaveFromMenu()
	if overlayButton(h.wb.Window(), "Save As…") == nil {
		t.Errorf("Save should offer Save As: %q", overlayTexts(h.wb.Window()))
	}
	h.wb.CloseProject()
	if got, _ := os.ReadFile(store.File("Future")); !bytes.Equal(got, future) {
		t.Error("the newer workspace was overwritten")
	}
}

func TestMenuActionsNewRenameDuplicateDelete(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	if err := h.m.NewWorkspace("Reuters vs Mehr"); err != nil {
		t.Fatal(err)
	}
	h.wb.Controller().Open(p.Docs[0], p.Docs[1])
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	if err := h.m.NewWorkspace("reuters VS mehr"); !errors.Is(err, workspace.ErrExists) {
		t.Errorf("a name taken ignoring case: err = %v", err)
	}
	if err := h.m.NewWorkspace("../escape"); err == nil {
		t.Error("a name with a path should be refused")
	}
	if err := h.m.Rename("All coverage"); err != nil {
		t.Fatal(err)
	}
	if err := h.m.Duplicate("All coverage 2"); err != nil {
		t.Fatal(err)
	}
	if h.m.Workspace().Name != "All coverage 2" || len(h.wb.Controller().OpenDocs()) != 2 {
		t.Errorf("after Duplicate: %s with %d panes", h.m.Workspace().Name, len(h.wb.Controller().OpenDocs()))
	}
	if err := h.m.Delete(); err != nil {
		t.Fatal(err)
	}
	list, err := h.m.Store().List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"All coverage"}) {
		t.Errorf("workspaces = %v", names)
	}
	if err := h.m.Open("All coverage"); err != nil {
		t.Fatal(err)
	}
	if got := docPaths(h.wb.Controller().OpenDocs()); len(got) != 2 {
		t.Errorf("opened panes = %v", got)
	}
}

func TestParseTags(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a, b", []string{"a", "b"}},
		{"#naming; Naming, , geography", []string{"naming", "geography"}},
		{"  spaced tag  ,x", []string{"spaced tag", "x"}},
	}
	for _, tc := range tests {
		if got := ParseTags(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("ParseTags(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSnapToWords(t *testing.T) {
	text := "The Al Bukamal crossing’s gate, reopened.  Then"
	tests := []struct {
		s, e int
		want string
	}{
		{5, 12, "Al Bukamal"},            // from inside "Al" to inside "Bukamal"
		{4, 14, "Al Bukamal"},            // exact
		{3, 16, "Al Bukamal crossing’s"}, // leading space trimmed, end widened
		{15, 30, "crossing’s gate"},      // widened to the end of "gate", not the comma
		{15, 33, "crossing’s gate,"},     // a comma selected stays
		{43, 45, ""},                     // only spaces: unchanged
	}
	for _, tc := range tests {
		got := SnapToWords(text, document.Span{Start: tc.s, End: tc.e})
		if tc.want == "" {
			if got != (document.Span{Start: tc.s, End: tc.e}) {
				t.Errorf("span of spaces changed to %v", got)
			}
			continue
		}
		if s := text[got.Start:got.End]; s != tc.want {
			t.Errorf("SnapToWords(%d,%d) = %q, want %q", tc.s, tc.e, s, tc.want)
		}
	}
}

func TestSearchAndEntityRestoredAfterAnalysis(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h, panel := newSearchHarness(t)
	h.open(dir)
	h.waitAnalysis()
	panel.SetQuery("Bukamal")
	hits := panel.Hits()
	if len(hits) == 0 {
		t.Fatal("no entity found for Bukamal in the sample")
	}
	entity := panel.Chosen()
	if entity == "" {
		panel.Choose(0)
		entity = panel.Chosen()
	}
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	if s := h.m.Workspace().Search; s.Query != "Bukamal" || s.Entity != entity {
		t.Fatalf("saved search = %+v, want Bukamal / %s", s, entity)
	}
	h.wb.CloseProject()
	panel.SetQuery("")
	h.open(dir)
	h.waitAnalysis()
	if q := panel.Entry().Text; q != "Bukamal" {
		t.Errorf("query after reopening = %q", q)
	}
	if got := panel.Chosen(); got != entity {
		t.Errorf("entity after reopening = %q, want %q", got, entity)
	}
	if h.m.Dirty() {
		t.Error("restored search should equal the saved one")
	}
}

func TestAutosaveAfterAChange(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	// The planned functions by delay: saves, and the header's refresh.
	planned := map[time.Duration][]func(){}
	stopped := map[time.Duration]int{}
	h := newHarnessWith(t, false, func(_ *ui.Workbench, o *Options) {
		o.AutosaveDelay = 1500 * time.Millisecond
		o.After = func(d time.Duration, f func()) func() {
			planned[d] = append(planned[d], f)
			return func() { stopped[d]++ }
		}
	})
	p := h.open(dir)
	if len(planned) != 0 {
		t.Fatalf("opening a workspace is no change, yet %d functions were planned", len(planned))
	}
	file := filepath.Join(dir, ".parallax", "workspaces", "Untitled.json")
	h.wb.Controller().Open(p.Docs[3], p.Docs[1])
	saves, refreshes := planned[1500*time.Millisecond], planned[refreshDelay]
	if len(saves) == 0 || len(refreshes) == 0 || len(planned) != 2 {
		t.Fatalf("after opening documents: %d saves and %d header refreshes planned (%d delays)", len(saves), len(refreshes), len(planned))
	}
	if stopped[1500*time.Millisecond] != len(saves)-1 || stopped[refreshDelay] != len(refreshes)-1 {
		t.Errorf("every change should replace what was planned before: stopped %v of %d saves, %d refreshes", stopped, len(saves), len(refreshes))
	}
	// The header tells of the change once the pause has passed.
	if strings.HasSuffix(h.m.HeaderText(), "•") {
		t.Error("the header was refreshed at the change")
	}
	refreshes[len(refreshes)-1]()
	if !strings.HasSuffix(h.m.HeaderText(), "•") {
		t.Errorf("header after the pause = %q, want it marked changed", h.m.HeaderText())
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("saved before the delay")
	}
	saves[len(saves)-1]() // the delay has passed
	b, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(b, []byte(p.Docs[3].Path)) || !bytes.Contains(b, []byte(p.Docs[1].Path)) {
		t.Fatalf("not autosaved: %v", err)
	}
	if strings.HasSuffix(h.m.HeaderText(), "•") {
		t.Errorf("header after the save = %q", h.m.HeaderText())
	}
	// A second run with nothing new writes nothing.
	st, _ := os.Stat(file)
	saves[len(saves)-1]()
	if st2, _ := os.Stat(file); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("an autosave without changes rewrote the file")
	}
}

func TestEntityHighlightsAndChosenEntityRestored(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h, panel := newSearchHarness(t)
	h.open(dir)
	h.waitAnalysis()
	a := h.wb.Controller().Analysis()
	qaim, pmu := a.Entities().EntityOf("al-Qaim"), a.Entities().EntityOf("PMU")
	if qaim == nil || pmu == nil {
		t.Fatal("sample entities missing")
	}
	// The analyst turns al-Qaim's highlight off, keeps the PMU's on, and
	// reads the PMU's mentions while the query lists something else.
	panel.SetHighlighted(qaim.ID, false)
	panel.SetHighlighted(pmu.ID, true)
	panel.SetQuery("Baghdad")
	if !panel.ChooseEntity(pmu.ID) {
		t.Fatal("ChooseEntity refused an existing entity")
	}
	if err := h.m.Save(); err != nil {
		t.Fatal(err)
	}
	saved := h.m.Workspace().Highlights
	if saved.Entities[qaim.ID] || !saved.Entities[pmu.ID] || !saved.All {
		t.Fatalf("saved highlights = %+v", saved)
	}

	h.wb.CloseProject()
	panel.SetQuery("")
	h.open(dir)
	h.waitAnalysis()
	if panel.Highlighted(qaim.ID) || !panel.Highlighted(pmu.ID) {
		t.Errorf("after reopening: al-Qaim highlighted %v, PMU %v; want off, on",
			panel.Highlighted(qaim.ID), panel.Highlighted(pmu.ID))
	}
	if got := panel.Chosen(); got != pmu.ID {
		t.Errorf("chosen entity after reopening = %q, want the PMU (%s) although the query lists other entities", got, pmu.ID)
	}
	if h.m.Dirty() {
		t.Error("the restored window should equal the saved workspace")
	}
}

// The last workspace is read and resolved while the project loads (off
// the main goroutine) and restored when it is shown; a project set
// without a load reads it on the spot. Either way the window gets the
// saved panes back and the header shows it unchanged.
func TestWorkspaceRestoredWithAndWithoutLoad(t *testing.T) {
	for _, viaLoad := range []bool{true, false} {
		name := "set without load"
		if viaLoad {
			name = "loaded"
		}
		t.Run(name, func(t *testing.T) {
			dir := testcorpus.SampleProjectCopy(t)
			h := newHarness(t, false)
			p := h.open(dir)
			h.wb.Controller().Open(p.Docs[2])
			h.wb.CloseProject() // saves the workspace with its pane

			want := p.Docs[2].Path
			if viaLoad {
				h.open(dir)
			} else {
				h.wb.SetProject(p)
				h.m.projectOpened(p) // what the load's end would call
			}
			open := docPaths(h.wb.Controller().OpenDocs())
			if len(open) != 1 || open[0] != want {
				t.Errorf("open documents after reopening = %v, want [%s]", open, want)
			}
			if h.m.Dirty() || strings.HasSuffix(h.m.HeaderText(), "•") {
				t.Errorf("restored workspace counts as changed (header %q)", h.m.HeaderText())
			}
			if h.m.opening != nil {
				t.Error("prepared workspace kept after the project was opened")
			}
		})
	}
}

// newSearchHarness is a harness whose window has the entity search panel,
// saved and restored by the workspace.
func newSearchHarness(t *testing.T) (*harness, *entitysearch.Panel) {
	t.Helper()
	var panel *entitysearch.Panel
	h := newHarnessWith(t, true, func(wb *ui.Workbench, o *Options) {
		panel = entitysearch.New(wb.Controller())
		wb.AddPanel(panel.Panel())
		o.Search = EntitySearch(panel)
	})
	return h, panel
}

// Another window's save of the open workspace is noticed when the folder
// watcher reports it, not at the next save; this window's own saves are
// reported too and cause nothing.
func TestWorkspaceChangedOnDiskOffersReloadAtOnce(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	h := newHarness(t, false)
	p := h.open(dir)
	h.wb.Controller().Open(p.Docs[0])
	if err := h.m.SaveAs("Shared"); err != nil {
		t.Fatal(err)
	}
	rel := workspacesPrefix + "Shared.json"
	h.wb.Controller().StateFilesChanged([]string{rel})
	if h.m.conflict || strings.Contains(h.m.BannerText(), "changed on disk") {
		t.Fatalf("the window's own save was taken for another writer's: %q", h.m.BannerText())
	}

	other, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws2, err := other.Load("Shared")
	if err != nil {
		t.Fatal(err)
	}
	ws2.Notes = "from the other window"
	if err := other.Save(ws2, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	h.wb.Controller().StateFilesChanged([]string{".parallax/aliases.json"})
	if h.m.conflict {
		t.Fatal("a change of another state file was taken for the workspace's")
	}
	h.wb.Controller().StateFilesChanged([]string{rel})
	if got := h.m.BannerText(); !strings.Contains(got, "changed on disk") || strings.HasPrefix(got, "Not saved") {
		t.Fatalf("banner after another window's save = %q", got)
	}
	theirs, _ := os.ReadFile(other.File("Shared"))
	h.m.panel.notesBox.SetText("mine")
	h.m.autosave()
	if b, _ := os.ReadFile(other.File("Shared")); !bytes.Equal(b, theirs) {
		t.Fatal("autosave overwrote the other window's save")
	}
	if got := h.m.BannerText(); !strings.HasPrefix(got, "Not saved") {
		t.Errorf("banner with unsaved changes = %q", got)
	}
	if err := h.m.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := h.m.panel.notes(); got != "from the other window" || h.m.conflict {
		t.Errorf("after Reload notes = %q, conflict = %v", got, h.m.conflict)
	}
}
