package sourcepanel

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
)

// sourcesJSON reads the project's .parallax/sources.json.
func sourcesJSON(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ".parallax", "sources.json"))
	if err != nil {
		t.Fatalf("sources.json: %v", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("sources.json does not parse: %v", err)
	}
	return string(b)
}

func TestEditStanceIsSaved(t *testing.T) {
	test.NewTempApp(t)
	dir := paneltest.SampleCopy(t, nil)
	c, a := paneltest.Analysed(t, dir)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 900))
	announced := 0
	c.OnMetadataChanged(func() { announced++ })

	doc := paneltest.Doc(c, "004_b37ff82c4dbbe2a9.txt")
	c.SetFocused(doc)
	if p.Doc() != doc {
		t.Fatal("the panel does not follow the focused document")
	}
	if got := p.Entry("outlet").Text; got != "Altayinform.ru" {
		t.Errorf("outlet field %q", got)
	}
	if got := p.Provenance("outlet"); !strings.Contains(got, "text") {
		t.Errorf("outlet provenance %q, want the text rule", got)
	}

	// A stance for this document only.
	p.ScopeChoice().SetSelected(scopeDocument)
	p.StanceSelect().SetSelected("critical")
	js := sourcesJSON(t, dir)
	if !strings.Contains(js, "004_b37ff82c4dbbe2a9.txt") || !strings.Contains(js, "critical") {
		t.Errorf("sources.json lacks the document's stance:\n%s", js)
	}
	// The edit gives the window a new project snapshot; the published
	// project and analysis stay as they were.
	ep := c.Project().Source.(*engine.Project)
	if label, from := ep.Stance(ep.Doc(doc.Path)); label != "critical" || from != "document" {
		t.Errorf("stance %q from %q", label, from)
	}
	if got := c.Project().StanceOf(c.Project().Doc(doc.Path)); got != "critical" {
		t.Errorf("the window's stance of the document: %q", got)
	}
	if label, _ := a.Project().Stance(doc); label == "critical" || ep == a.Project() {
		t.Error("the stance edit changed the project already published")
	}
	for _, df := range a.Framing().Documents {
		if df.Path == doc.Path && df.Stance == "critical" {
			t.Error("the stance edit changed the analysis already published")
		}
	}
	// The analysis the window rebuilds for the new snapshot shows it.
	na, err := backend.Reanalyse(context.Background(), a, c.Project())
	if err != nil {
		t.Fatal(err)
	}
	for _, df := range na.Framing().Documents {
		if df.Path == doc.Path && df.Stance != "critical" {
			t.Errorf("the rebuilt framing shows stance %q", df.Stance)
		}
	}
	if announced == 0 {
		t.Error("the panels were not told of the change")
	}
	if got := p.Provenance("stance"); !strings.Contains(got, "this document") {
		t.Errorf("stance provenance %q", got)
	}

	// A stance for the outlet reaches its other documents.
	tt := paneltest.Doc(c, "003_36071b8ad8be61a2.txt")
	c.SetFocused(tt)
	p.ScopeChoice().SetSelected(scopeOutlet)
	p.StanceSelect().SetSelected("supportive")
	if js := sourcesJSON(t, dir); !strings.Contains(js, "Tehran Times") || !strings.Contains(js, "supportive") {
		t.Errorf("sources.json lacks the outlet stance:\n%s", js)
	}
	ep = c.Project().Source.(*engine.Project)
	if label, from := ep.Stance(ep.Doc(tt.Path)); label != "supportive" || from != "outlet" {
		t.Errorf("Tehran Times stance %q from %q", label, from)
	}
}

func TestEditFieldsSavedWithProvenance(t *testing.T) {
	test.NewTempApp(t)
	dir := paneltest.SampleCopy(t, nil)
	c, _ := paneltest.Analysed(t, dir)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 900))
	doc := paneltest.Doc(c, "000_8a488919ad26b5b5.txt")
	c.SetFocused(doc)

	// each save gives a new snapshot: the document's newest value
	cur := func() *document.Document {
		d := c.Project().Doc(doc.Path)
		if p.Doc() != d {
			t.Fatal("the panel does not show the newest snapshot of its document")
		}
		return d
	}
	e := p.Entry("outlet")
	if e.Text != "" {
		t.Fatalf("000 has no outlet in its text, field shows %q", e.Text)
	}
	w.Canvas().Focus(e)
	test.Type(e, "Mehr News Agency")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if cur().Meta.Outlet.Value != "Mehr News Agency" {
		t.Fatalf("outlet after Enter: %+v", cur().Meta.Outlet)
	}
	if doc.Meta.Outlet.Value != "" {
		t.Errorf("the published document changed: %+v", doc.Meta.Outlet)
	}
	if got := p.Provenance("outlet"); !strings.Contains(got, "analyst") {
		t.Errorf("provenance %q, want analyst", got)
	}
	if js := sourcesJSON(t, dir); !strings.Contains(js, "Mehr News Agency") {
		t.Errorf("sources.json:\n%s", js)
	}

	// The language is set by a code or an English name, and shown as the
	// analyst's.
	l := p.Entry("language")
	w.Canvas().Focus(l)
	l.SetText("Russian")
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if cur().Meta.Language.Value != "ru" || !strings.Contains(p.Provenance("language"), "analyst") {
		t.Errorf("language after Enter: %+v, %q", cur().Meta.Language, p.Provenance("language"))
	}
	l.SetText("Elvish")
	w.Canvas().Focus(e)
	if p.Error() == "" || cur().Meta.Language.Value != "ru" {
		t.Errorf("unknown language: error %q, language %q", p.Error(), cur().Meta.Language.Value)
	}
	l.SetText("")
	w.Canvas().Focus(e)

	// A date that does not parse is refused with a message, and nothing
	// changes.
	d := p.Entry("date")
	w.Canvas().Focus(d)
	d.SetText("last Tuesday")
	w.Canvas().Focus(e) // leaving the field commits it
	if p.Error() == "" || cur().Meta.Date.Value != "2021-06-30T18:47" {
		t.Errorf("bad date: error %q, date %q", p.Error(), cur().Meta.Date.Value)
	}

	// Clearing the analyst's value brings back the one found.
	e.SetText("")
	w.Canvas().Focus(d)
	if cur().Meta.Outlet.Value != "" || strings.Contains(p.Provenance("outlet"), "analyst") {
		t.Errorf("after clearing: %+v, %q", cur().Meta.Outlet, p.Provenance("outlet"))
	}
}

func TestNamingAgainstOtherOutlets(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p := New(c)
	test.NewTempWindow(t, p.Object())
	c.SetFocused(paneltest.Doc(c, "004_b37ff82c4dbbe2a9.txt"))
	text := strings.Join(labels(p.framing), "\n")
	for _, want := range []string{"PMF ×14", "Mehr News Agency", "PMU", "Iran-backed militia", "delegitimising", "Qasim Muslih"} {
		if !strings.Contains(text, want) {
			t.Errorf("framing lacks %q:\n%s", want, text)
		}
	}
}

func TestEmptyStates(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SmallProject(t))
	p := New(c)
	test.NewTempWindow(t, p.Object())
	if !p.empty.Visible() || p.body.Visible() {
		t.Error("no document focused, yet no empty state")
	}
	c.SetAnalysis(nil)
	c.SetFocused(paneltest.Doc(c, "a_harbor.txt"))
	if text := strings.Join(labels(p.framing), "\n"); !strings.Contains(text, "Analysing…") {
		t.Errorf("framing while analysing: %q", text)
	}
}

func TestRendersSourcePanel(t *testing.T) {
	test.NewTempApp(t)
	c, _ := paneltest.Fixture(t)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(400, 900))
	c.SetFocused(paneltest.Doc(c, "a_harbor.txt"))
	paneltest.Snapshot(t, w.Canvas(), "source")
	test.AssertRendersToMarkup(t, "source_harbor.xml", w.Canvas())
}

func TestSnapshotSample(t *testing.T) {
	paneltest.SkipUnlessSnapshots(t)
	test.NewTempApp(t)
	c, _ := paneltest.Analysed(t, paneltest.SampleCopy(t, nil))
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(320, 1500))
	c.SetFocused(paneltest.Doc(c, "004_b37ff82c4dbbe2a9.txt"))
	paneltest.Snapshot(t, w.Canvas(), "source_sample")
}

// labels returns the texts of the labels under o.
func labels(o fyne.CanvasObject) []string {
	var out []string
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, labels(c)...)
		}
	case *widget.Label:
		out = append(out, v.Text)
	case *widget.RichText:
		out = append(out, v.String())
	}
	return out
}

// An Arabic document's title is a right-to-left script paragraph, and the
// names and forms of its entities are script lines, not labels that would
// draw them in logical order.
func TestArabicTitleAndForms(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	paneltest.WriteFiles(t, dir, map[string]string{
		"ar.txt": "اجتماع وزراء الخارجية في بغداد\n\nقال المتحدث باسم وزارة الخارجية إن الوزراء اجتمعوا في بغداد يوم الاثنين. " +
			"وأضاف أن وزارة الخارجية ستنشر بيانا عن الاجتماع في بغداد.\n",
		"en.txt": "Foreign ministers meet in Baghdad\n\nThe foreign ministry said ministers met in Baghdad on Monday.\n",
	})
	c, _ := paneltest.Analysed(t, dir)
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(400, 900))
	c.SetFocused(paneltest.Doc(c, "ar.txt"))
	if !p.scriptTitle.Visible() || p.title.Visible() {
		t.Fatalf("Arabic title %q not shown as a script paragraph", paneltest.Doc(c, "ar.txt").Name())
	}
	if got := p.scriptTitle.Text(); !strings.Contains(got, "اجتماع") {
		t.Errorf("script title %q", got)
	}
	for _, l := range labels(p.framing) {
		if strings.ContainsAny(l, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
			t.Errorf("Arabic text %q left in a plain label or rich text", l)
		}
	}
	c.SetFocused(paneltest.Doc(c, "en.txt"))
	if p.scriptTitle.Visible() || !p.title.Visible() {
		t.Error("an English title is not shown by the label")
	}
}
