package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

var testNow = time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)

// sampleAnalysis analyses a copy of the sample project (so that the cache
// is written into a temporary folder, never into ../shared).
func sampleAnalysis(t testing.TB) *engine.Analysis {
	t.Helper()
	return analyse(t, testcorpus.SampleProjectCopy(t))
}

func analyse(t testing.TB, dir string) *engine.Analysis {
	t.Helper()
	ctx := context.Background()
	p, err := engine.Open(ctx, dir, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyse(ctx, p, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func docByPrefix(t testing.TB, a *engine.Analysis, prefix string) *document.Document {
	t.Helper()
	for _, d := range a.Project().Docs() {
		if strings.HasPrefix(d.Path, prefix) {
			return d
		}
	}
	t.Fatalf("no document %s*", prefix)
	return nil
}

// Notes in several scripts, to check the embedded font and the text layer.
const testNotes = "Compare how Mehr and Reuters name the PMU. Naïve café façade, Ελληνικά κείμενα, русский текст."

// sampleWorkspace is a workspace on the sample project with notes and an
// annotation on a passage of 004 written with Greek omicrons.
func sampleWorkspace(t testing.TB, a *engine.Analysis) *workspace.Workspace {
	t.Helper()
	ws := workspace.New("Mehr vs Reuters", testNow)
	ws.Notes = testNotes
	ws.Report.Title = "Border crossing: who says what"
	d4 := docByPrefix(t, a, "004")
	d0 := docByPrefix(t, a, "000")
	ws.OpenPane(d0)
	ws.OpenPane(docByPrefix(t, a, "001"))
	ws.OpenPane(d4)
	i := strings.Index(d4.Text, "PMF cοntrοl")
	if i < 0 {
		t.Fatal("004 has no 'PMF cοntrοl'")
	}
	an, err := workspace.NewAnnotation(d4, document.Span{Start: i, End: i + len("PMF cοntrοl")}, "disguised copy of the Reuters story", []string{"homoglyphs"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	ws.Annotations = append(ws.Annotations, an)
	return ws
}

func pdfText(t *testing.T, pdf []byte, extra ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	f := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{}, extra...), f, "-")
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return spaces.ReplaceAllString(s, " ") }

func buildPDF(t *testing.T, a *engine.Analysis, ws *workspace.Workspace, opts Options) (*Report, []byte) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	r, err := Build(context.Background(), a, ws, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	return r, buf.Bytes()
}

// sectionText cuts the extracted text of a section: from its heading's
// second occurrence (the first is in the contents) to the next section's.
func sectionText(t *testing.T, text string, s Section) string {
	t.Helper()
	start := nthIndex(text, s.Heading(), 2)
	if start < 0 {
		t.Fatalf("section %q missing", s.Heading())
	}
	end := len(text)
	all := AllSections()
	for i, x := range all {
		if x == s && i+1 < len(all) {
			if e := nthIndex(text, all[i+1].Heading(), 2); e > start {
				end = e
			}
		}
	}
	return text[start:end]
}

func nthIndex(s, sub string, n int) int {
	off := 0
	for ; n > 0; n-- {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return -1
		}
		if n == 1 {
			return off + i
		}
		off += i + len(sub)
	}
	return -1
}

func TestPDFSampleProject(t *testing.T) {
	a := sampleAnalysis(t)
	ws := sampleWorkspace(t, a)
	r, pdf := buildPDF(t, a, ws, Options{})
	text := squash(pdfText(t, pdf))

	for _, want := range []string{"Border crossing: who says what", "Mehr vs Reuters", "Contents", "21 November 2026", testNotes} {
		if !strings.Contains(text, want) {
			t.Errorf("title page: %q missing", want)
		}
	}
	for _, s := range AllSections() {
		if strings.Count(text, s.Heading()) < 2 { // contents and section
			t.Errorf("section %q missing (contents and body)", s.Heading())
		}
	}
	sources := sectionText(t, text, SectionSources)
	for _, want := range []string{"Mehr News Agency", "Tehran Times", "The Duran", "Altayinform.ru",
		"Mohammad Ghaderi", "2020-01-01 10:38", "2021-06-30 18:47", "text: byline", "000_8a488919ad26b5b5.txt"} {
		if !strings.Contains(sources, want) {
			t.Errorf("sources section: %q missing", want)
		}
	}
	for _, d := range r.Documents {
		if d.Title != "" && !strings.Contains(text, squash(d.Title)) {
			t.Errorf("title of %s missing: %q", d.Path, d.Title)
		}
	}
	timeline := sectionText(t, text, SectionTimeline)
	for _, want := range []string{"Dated documents", "Undated documents", "2020-01-01", "Tehran Times"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("timeline section: %q missing", want)
		}
	}
	if r.charts == nil || r.charts.timeline == nil || r.charts.terms == nil {
		t.Error("a chart is missing")
	}
	if cov := sectionText(t, text, SectionCoverage); !strings.Contains(cov, "Popular Mobilization Forces") || !strings.Contains(cov, "Baghdad") {
		t.Error("coverage heat map: entity rows missing")
	}
	naming := sectionText(t, text, SectionNaming)
	for _, want := range []string{"PMF (", "Popular Mobilisation Forces", "PMU (", "Iran-backed militia", "Altayinform.ru", "Mehr News Agency"} {
		if !strings.Contains(naming, want) {
			t.Errorf("naming section: %q missing", want)
		}
	}
	terms := sectionText(t, text, SectionTerms)
	for _, want := range []string{"delegitimising", "valorising", "Most frequent terms per outlet", "Tehran Times"} {
		if !strings.Contains(terms, want) {
			t.Errorf("terms section: %q missing", want)
		}
	}
	if voices := sectionText(t, text, SectionVoices); !strings.Contains(voices, "Qasim Muslih") {
		t.Error("voices section: Qasim Muslih (quoted by Altayinform.ru) missing")
	}
	passages := sectionText(t, text, SectionPassages)
	for _, want := range []string{"receive their paychecks from Baghdad, their pensions from Baghdad", "all roads lead to the al Bukamal",
		"D1", "D2 · Mehr News Agency"} {
		if !strings.Contains(passages, want) {
			t.Errorf("passages section: %q missing", want)
		}
	}
	ann := sectionText(t, text, SectionAnnotations)
	for _, want := range []string{"PMF cοntrοl", "disguised copy of the Reuters story", "homoglyphs"} {
		if !strings.Contains(ann, want) {
			t.Errorf("annotations section: %q missing (Greek omicrons must survive extraction)", want)
		}
	}
	app := sectionText(t, text, SectionAppendix)
	for _, d := range r.Documents {
		if !strings.Contains(app, d.Path) {
			t.Errorf("appendix: %s missing", d.Path)
		}
	}
	if !strings.Contains(app, "Problems") {
		t.Error("appendix: problems missing")
	}
	m := regexp.MustCompile(`Page 3 of (\d+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal("no page numbers")
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 {
		t.Errorf("only %d pages", n)
	}
	checkPages(t, pdf)
	checkMargins(t, pdf)
}

// The naming difference for the PMU: Reuters' copy (004) says PMF and
// Popular Mobilisation Forces, Mehr's texts say PMU.
func TestNamingPMU(t *testing.T) {
	a := sampleAnalysis(t)
	r, err := Build(context.Background(), a, nil, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]string{}
	for _, e := range r.Naming {
		for _, o := range e.Outlets {
			for _, f := range o.Forms {
				if f.Form == "PMF" || f.Form == "PMU" || f.Form == "Popular Mobilisation Forces" {
					forms[o.Outlet+"/"+f.Form] = e.Name
				}
			}
		}
	}
	for _, k := range []string{"Altayinform.ru/PMF", "Altayinform.ru/Popular Mobilisation Forces", "Mehr News Agency/PMU"} {
		if forms[k] == "" {
			t.Errorf("naming: %s missing (got %v)", k, forms)
		}
	}
	if forms["Mehr News Agency/PMF"] != "" || forms["Altayinform.ru/PMU"] != "" {
		t.Errorf("naming mixes the outlets' forms: %v", forms)
	}
	if forms["Altayinform.ru/PMF"] != forms["Mehr News Agency/PMU"] {
		t.Errorf("PMF and PMU are not one entity: %v", forms)
	}
}

// checkPages renders every page and fails on a page with nothing on it
// between the running header and the footer.
func checkPages(t *testing.T, pdf []byte) {
	t.Helper()
	ink := pageInk(t, pdf)
	if ink == nil {
		return
	}
	for i, n := range ink {
		if n < minInk {
			t.Errorf("page %d looks blank (%d dark pixels in the body)", i+1, n)
		}
	}
}

// minInk is the fewest dark pixels a page's body has at 30 dpi: a few words.
const minInk = 150

// pageInk renders the pages at 30 dpi and counts each one's dark pixels
// between header and footer; nil when pdftoppm is not installed.
func pageInk(t *testing.T, pdf []byte) []int {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Log("pdftoppm not installed: pages not rendered")
		return nil
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "30", "-png", f, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(pngs) == 0 {
		t.Fatal("no page rendered")
	}
	sort.Strings(pngs) // pdftoppm pads the numbers
	ink := make([]int, len(pngs))
	for i, p := range pngs {
		ink[i] = inkedPixels(t, p)
	}
	return ink
}

// The blank-page check sees a page that has only its header and footer.
func TestBlankPageDetected(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 9)
	f.SetFooterFunc(func() {
		f.SetXY(marginX, 280)
		f.CellFormat(100, 4, fmt.Sprintf("Page %d", f.PageNo()), "", 0, "L", false, 0, "")
	})
	f.AddPage()
	for i := 0; i < 5; i++ {
		f.CellFormat(170, 6, "A line of text in the body of the page, as a report has.", "", 1, "L", false, 0, "")
	}
	f.AddPage() // blank but for the footer
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	ink := pageInk(t, buf.Bytes())
	if ink == nil {
		t.Skip("pdftoppm not installed")
	}
	if len(ink) != 2 || ink[0] < minInk || ink[1] >= minInk {
		t.Errorf("ink per page %v: want the first inked, the second blank", ink)
	}
}

func inkedPixels(t *testing.T, path string) int {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	n := 0
	// The body: below the running header, above the footer.
	for y := b.Min.Y + b.Dy()*8/100; y < b.Max.Y-b.Dy()*7/100; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0xe000 {
				n++
			}
		}
	}
	return n
}

// checkMargins fails when a word of the text layer lies outside the page's
// margins (text overflowing a column or the page).
func checkMargins(t *testing.T, pdf []byte) {
	t.Helper()
	out := pdfText(t, pdf, "-bbox")
	page := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	var w float64
	bad := 0
	for _, line := range strings.Split(out, "\n") {
		if m := page.FindStringSubmatch(line); m != nil {
			w, _ = strconv.ParseFloat(m[1], 64)
			continue
		}
		m := word.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		x0, _ := strconv.ParseFloat(m[1], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		margin := marginX / ptToMM
		if x0 < margin-2 || x1 > w-margin+2 {
			bad++
			if bad <= 5 {
				t.Errorf("word %q at x %.1f–%.1f outside the margins (page width %.1f)", m[5], x0, x1, w)
			}
		}
	}
}

func TestLongTextWrapsAndRepeatsHeaders(t *testing.T) {
	a := sampleAnalysis(t)
	ws := workspace.New("long", testNow)
	var b strings.Builder
	for i := 0; i < 900; i++ {
		fmt.Fprintf(&b, "word%d ", i)
		if i%97 == 0 {
			b.WriteString("an-extraordinarily-long-hyphenated-identifier-that-cannot-fit-on-one-line-of-any-column-whatsoever-at-all ")
		}
	}
	ws.Notes = b.String()
	d := docByPrefix(t, a, "001")
	// Many annotations: a table over several pages.
	for i := 0; i < 60; i++ {
		start := (i * 97) % (len(d.Text) - 200)
		for start > 0 && (d.Text[start]&0xC0) == 0x80 {
			start--
		}
		an, err := workspace.NewAnnotation(d, document.Span{Start: start, End: start + 120}, fmt.Sprintf("note number %d", i), nil, testNow)
		if err != nil {
			t.Fatal(err)
		}
		ws.Annotations = append(ws.Annotations, an)
	}
	_, pdf := buildPDF(t, a, ws, Options{Sections: []Section{SectionAnnotations}})
	text := squash(pdfText(t, pdf))
	for i := 0; i < 900; i++ {
		if !strings.Contains(text, fmt.Sprintf("word%d ", i)) && !strings.HasSuffix(text, fmt.Sprintf("word%d", i)) {
			t.Fatalf("notes cut: word%d missing", i)
		}
	}
	for i := 0; i < 60; i++ {
		if !strings.Contains(text, fmt.Sprintf("note number %d ", i)) {
			t.Errorf("annotation %d missing", i)
		}
	}
	// The table header repeats on every page the table spans.
	pages := strings.Split(pdfText(t, pdf), "\f")
	withRows, withHeader := 0, 0
	for _, p := range pages {
		if strings.Contains(p, "note number") {
			withRows++
			if strings.Contains(p, "Quoted text") {
				withHeader++
			}
		}
	}
	if withRows < 2 || withHeader != withRows {
		t.Errorf("annotation table over %d pages, header on %d", withRows, withHeader)
	}
	checkPages(t, pdf)
	checkMargins(t, pdf)
}

func TestSectionsPaperAndOpenOnly(t *testing.T) {
	a := sampleAnalysis(t)
	ws := sampleWorkspace(t, a)
	ws.Report.Paper = PaperLetter
	ws.Report.Sections = map[string]bool{string(SectionVoices): false}

	r, pdf := buildPDF(t, a, ws, Options{})
	if r.Has(SectionVoices) || !r.Has(SectionNaming) {
		t.Errorf("workspace settings not applied: %v", r.Sections)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("not Letter paper")
	}
	text := pdfText(t, pdf)
	if strings.Contains(text, SectionVoices.Heading()) {
		t.Error("a section turned off is in the report")
	}
	checkPages(t, pdf)
	checkMargins(t, pdf)

	// Options win over the workspace.
	r, pdf = buildPDF(t, a, ws, Options{Paper: "a4", Sections: []Section{SectionPassages, SectionSources}, OpenOnly: true})
	if len(r.Sections) != 2 || r.Sections[0] != SectionSources {
		t.Errorf("sections %v", r.Sections)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("not A4 paper")
	}
	if len(r.Documents) != 3 {
		t.Errorf("open only: %d documents, want the 3 open", len(r.Documents))
	}
	if len(r.Passages) == 0 {
		t.Error("open only: the passages of 000 and 001 are missing")
	}

	ws.Panes = nil
	if _, err := Build(context.Background(), a, ws, Options{OpenOnly: true}); !errors.Is(err, ErrNoOpenDocuments) {
		t.Errorf("no open documents: err %v", err)
	}
	if _, err := Build(context.Background(), a, nil, Options{Paper: "a5"}); err == nil {
		t.Error("paper a5 accepted")
	}
}

func TestBuildProgressAndCancel(t *testing.T) {
	a := sampleAnalysis(t)
	last, calls := 0, 0
	_, err := Build(context.Background(), a, nil, Options{Progress: func(done, total int, stage string) {
		calls++
		if done < last || done > total || stage == "" {
			t.Errorf("progress %d/%d %q after %d", done, total, stage, last)
		}
		last = done
		if done == total && stage != "ready" {
			t.Errorf("last stage %q", stage)
		}
	}})
	if err != nil || calls == 0 || last != buildSteps {
		t.Fatalf("err %v, %d calls, last %d", err, calls, last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Build(ctx, a, nil, Options{Progress: func(done, total int, stage string) {
		if done == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: err %v", err)
	}
}

func TestHTMLSampleProject(t *testing.T) {
	a := sampleAnalysis(t)
	ws := sampleWorkspace(t, a)
	r, err := Build(context.Background(), a, ws, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, s := range AllSections() {
		if !strings.Contains(page, "<h2>"+s.Heading()) && !strings.Contains(page, "<h2>"+strings.ReplaceAll(s.Heading(), "'", "&#39;")) {
			t.Errorf("section %q missing", s.Heading())
		}
	}
	for _, want := range []string{"Mehr News Agency", "Tehran Times", "The Duran", "Altayinform.ru", "2020-01-01 10:38",
		"receive their paychecks from Baghdad, their pensions from Baghdad", "PMF</bdi> (", "Popular Mobilisation Forces", "PMU</bdi> (",
		"PMF cοntrοl", "Ελληνικά κείμενα, русский текст", "data:image/png;base64,", "@media print", "<mark class="} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML: %q missing", want)
		}
	}
	// Self-contained: nothing to fetch.
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:|//)|url\(\s*["']?(https?:|//)|@import|<link\b|<script\b`).FindString(page); m != "" {
		t.Errorf("HTML refers to something outside: %q", m)
	}
}

func TestEmptyProject(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("%PDF-1.4 nothing"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := analyse(t, dir)
	r, pdf := buildPDF(t, a, nil, Options{})
	if len(r.Documents) != 0 || len(r.Problems) == 0 {
		t.Fatalf("documents %d problems %d", len(r.Documents), len(r.Problems))
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "broken.pdf") {
		t.Error("the problem file is not listed")
	}
	checkPages(t, pdf)
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil || !strings.Contains(buf.String(), "broken.pdf") {
		t.Errorf("html: %v", err)
	}
}

// TestGarbledTextInAppendix: a PDF whose text reads as garbage is listed in
// the appendix's problems once, with the page and the reason.
func TestGarbledTextInAppendix(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "pdftext", "testdata", "garbled", "vowels-as-punctuation.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "garbled.pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	a := analyse(t, dir)
	r, _ := buildPDF(t, a, nil, Options{})
	n := 0
	for _, p := range r.Problems {
		if strings.Contains(p.Detail, "looks garbled") {
			n++
			if p.Path != "garbled.pdf" || p.Kind != "garbled" || !strings.HasPrefix(p.Detail, "text of page 1 looks garbled: ") {
				t.Errorf("problem row %+v", p)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d garbled-text rows, want 1: %+v", n, r.Problems)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil || !strings.Contains(buf.String(), "looks garbled") {
		t.Errorf("html: %v", err)
	}
}
