package report

import (
	"bytes"
	"image/png"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textshape"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// rtlProject copies testdata/rtl (Arabic, Persian, Russian and English
// articles with a sidecar table) into a temporary folder and analyses it.
func rtlProject(t testing.TB) *engine.Analysis {
	t.Helper()
	dir := t.TempDir()
	testcorpus.CopyFiles(t, filepath.Join("testdata", "rtl"), dir, nil)
	return analyse(t, dir)
}

// annotate adds an annotation on the first occurrence of quote in doc.
func annotate(t testing.TB, ws *workspace.Workspace, d *document.Document, quote, note string) {
	t.Helper()
	i := strings.Index(d.Text, quote)
	if i < 0 {
		t.Fatalf("%s has no %q", d.Path, quote)
	}
	an, err := workspace.NewAnnotation(d, document.Span{Start: i, End: i + len(quote)}, note, nil, testNow)
	if err != nil {
		t.Fatal(err)
	}
	ws.Annotations = append(ws.Annotations, an)
}

func rtlWorkspace(t testing.TB, a *engine.Analysis) *workspace.Workspace {
	t.Helper()
	ws := workspace.New("RTL", testNow)
	ws.Notes = "مقایسه: الوادي و خبرگزاری دره (2025)."
	annotate(t, ws, docByPrefix(t, a, "03"), "یکسان هستند", "نقل قول رئیس کمیسیون")
	annotate(t, ws, docByPrefix(t, a, "01"), "ضفتي النهر", "same quote as خبرگزاری دره and Вестник долины")
	annotate(t, ws, docByPrefix(t, a, "04"), "одни и те же люди", "цитата")
	return ws
}

// TestPDFArabicPersianRussianRoundTrip checks through pdftotext that the
// outlets, titles, authors, shared passage and quoted words of Arabic,
// Persian and Russian documents come out in their scripts and in the order
// they are written (the PDF draws shaped presentation forms and keeps the
// letters in its text layer).
func TestPDFArabicPersianRussianRoundTrip(t *testing.T) {
	a := rtlProject(t)
	ws := rtlWorkspace(t, a)
	_, pdf := buildPDF(t, a, ws, Options{Title: "گزارش مقایسه — تقرير المقارنة"})
	text := squash(stripBidiMarks(pdfText(t, pdf, "-layout")))
	for _, want := range []string{
		// outlets
		"صحيفة الوادي", "وكالة أنباء الشرق", "خبرگزاری دره", "Вестник долины",
		// authors and a title
		"سلمى حداد", "مریم کاظمی", "Удар по насосной станции",
		// the shared passage, with a lam-alef ligature (الإصلاح)
		"وإن فرق الإصلاح لم تتمكن من الوصول",
		// quoted words of the annotations and the notes
		"یکسان هستند", "ضفتي النهر", "одни и те же люди", "الوادي و خبرگزاری دره",
		// the report's title and Persian inside an English line
		// (poppler drops the space where the direction changes back)
		"تقرير المقارنة", "same quote as خبرگزاری دره", "and Вестник",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	assertCovered(t, text)
	// No presentation form reaches the text layer.
	for _, r := range text {
		if r >= 0xFB50 && r <= 0xFEFC {
			t.Fatalf("text layer holds presentation form U+%04X", r)
		}
	}
}

// assertCovered checks that every character of a report's text layer has
// a glyph in the report's fonts (no box, no replacement character).
func assertCovered(t *testing.T, text string) {
	t.Helper()
	sh, err := textshape.New()
	if err != nil {
		t.Fatal(err)
	}
	text = strings.NewReplacer("\n", "", "\f", "", "\u00a0", " ").Replace(text)
	if u := sh.Uncovered(text); len(u) > 0 {
		t.Errorf("report text has characters no font covers: %q", u)
	}
	if strings.ContainsRune(text, utf8.RuneError) {
		t.Error("report text has the replacement character")
	}
}

// stripBidiMarks removes the embedding marks pdftotext puts around
// right-to-left stretches.
func stripBidiMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r == 0x200E || r == 0x200F {
			return -1
		}
		return r
	}, s)
}

// nasty holds what a document can carry that no font draws or that once
// crashed the writer (#11 attack 3): emoji, other characters above U+FFFF,
// combining marks, controls, bidi controls and bytes that are not UTF-8.
var nasty = []string{
	"Flag 🇺🇦 and face 😀 in a title",
	"𝔐𝔞𝔱𝔥 𐍈 Gothic and 𠜎 CJK ext-B",
	"漢字 kanji and 한국어",
	"e\u0301 combining, a\u0308\u0308 stacked, \u0651 lone shadda",
	"bell\x07 escape\x1b[31m red nul\x00 del\x7f c1\u0085",
	"bidi \u202Eevil\u202C \u2066isolate\u2069 \u200Fmark",
	"bad \xff\xfe bytes \xc3",
	"ZWJ family 👨\u200d👩\u200d👧 and VS16 ❤\ufe0f",
	// Words longer than any column, so that they are broken inside.
	strings.Repeat("\xff", 120) + " " + strings.Repeat("😀", 60) + " " + strings.Repeat("بت", 80),
}

// TestPDFNeverCrashesOnText puts every nasty string into every field of a
// report that holds document text and checks that the PDF is written, that
// pdftotext finds the visible replacements, and that the font coverage
// check passes.
func TestPDFNeverCrashesOnText(t *testing.T) {
	a := rtlProject(t)
	ws := rtlWorkspace(t, a)
	r, err := Build(t.Context(), a, ws, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range nasty {
		r := *r
		r.Title, r.Project, r.Notes, r.Workspace = s, s, s, s
		docs := append([]DocRow(nil), r.Documents...)
		for k := range docs {
			docs[k].Title, docs[k].Path = s, s
			docs[k].Outlet.Text, docs[k].Author.Text = s, s
		}
		r.Documents = docs
		var ps []PassageView
		for _, pv := range r.Passages {
			var pairs []PairView
			for _, pr := range pv.Pairs {
				pr.Left.Doc, pr.Right.Doc = s, s
				pr.Left.Runs = []Run{{Text: s + " " + s}}
				pr.Right.Runs = []Run{{Text: s, Diff: true}}
				pairs = append(pairs, pr)
			}
			pv.Pairs = pairs
			ps = append(ps, pv)
		}
		r.Passages = ps
		var ans []AnnotationView
		for _, an := range r.Annotations {
			an.Quote, an.Note, an.Before, an.After, an.Doc = s, s, s, s, s
			an.Tags = []string{s}
			ans = append(ans, an)
		}
		r.Annotations = ans
		var buf bytes.Buffer
		if err := r.WritePDF(&buf); err != nil {
			t.Fatalf("nasty %d: %v", i, err)
		}
		text := pdfText(t, buf.Bytes())
		assertCovered(t, stripBidiMarks(text))
		if i == 0 {
			for _, want := range []string{"[U+1F600]", "[U+1F1FA]"} {
				if !strings.Contains(text, want) {
					t.Errorf("nasty %d: pdftotext lacks the visible replacement %s", i, want)
				}
			}
		}
	}
}

// TestCoverageCheckCatchesMissingGlyphs makes sure the writer's own guard
// fails when a piece would draw a character from a font without it.
func TestCoverageCheckCatchesMissingGlyphs(t *testing.T) {
	sh, err := textshape.New()
	if err != nil {
		t.Fatal(err)
	}
	p := &pdfWriter{sh: sh}
	p.checkCoverage(textshape.Piece{Family: textshape.Arabic, Draw: "ﻻ ١٢", Layer: "لا ١٢"})
	p.checkCoverage(textshape.Piece{Family: textshape.Latin, Draw: "Ж", Layer: "Ж"})
	if err := p.coverageError(); err != nil {
		t.Fatalf("covered text reported: %v", err)
	}
	p.checkCoverage(textshape.Piece{Family: textshape.Latin, Draw: "ب", Layer: "ب"})
	if err := p.coverageError(); err == nil || !strings.Contains(err.Error(), "U+0628") {
		t.Fatalf("Arabic from the Latin font not caught: %v", err)
	}
}

// TestTimelineLaneNamesInEveryScript checks that an Arabic or Persian
// outlet's lane is labelled in the chart: the chart library drew such names
// blank, so the label area of a one-lane chart had no ink at all.
func TestTimelineLaneNamesInEveryScript(t *testing.T) {
	for _, name := range []string{"صحيفة الوادي", "خبرگزاری دره", "Вестник долины", "Face 😀"} {
		tl := coverage.Timeline{Lanes: []coverage.Lane{{Outlet: name, Docs: []coverage.Doc{{Path: "a.txt", Date: "2025-03-15"}}}}}
		c, err := timelineChart(tl, []DocRow{{N: 1, Path: "a.txt"}})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Fatal(err)
		}
		// The names sit left of the plot area, above the date axis.
		b := img.Bounds()
		ink := 0
		for y := b.Min.Y; y < b.Min.Y+b.Dy()/2; y++ {
			for x := b.Min.X; x < b.Min.X+b.Dx()/5; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					ink++
				}
			}
		}
		if ink < 20 {
			t.Errorf("lane %q: no name drawn (%d dark pixels)", name, ink)
		}
	}
}

// TestPDFRightToLeftCellsRightAligned reads word boxes from pdftotext
// -bbox: an Arabic outlet name ends at the right edge of the sources
// table's outlet column, a Latin one starts at its left edge.
func TestPDFRightToLeftCellsRightAligned(t *testing.T) {
	a := rtlProject(t)
	_, pdf := buildPDF(t, a, nil, Options{Sections: []Section{SectionSources}})
	boxes := pdfText(t, pdf, "-bbox")
	word := func(w string) (xMin, xMax float64) {
		t.Helper()
		rev := string(textshape.Reverse([]rune(w)))
		m := regexp.MustCompile(`xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">(` + regexp.QuoteMeta(w) + `|` + regexp.QuoteMeta(rev) + `)</word>`).FindStringSubmatch(boxes)
		if m == nil {
			t.Fatalf("no box for %q", w)
		}
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		return lo, hi
	}
	const mm = 72 / 25.4
	width := 210 - 2*marginX // A4
	left := (marginX + 0.32*width + cellPad) * mm
	right := (marginX + 0.47*width - cellPad) * mm
	if _, hi := word("صحيفة"); math.Abs(hi-right) > 1.5 {
		t.Errorf("Arabic outlet ends at %.1fpt, want the column's right edge %.1fpt", hi, right)
	}
	if lo, _ := word("Harbor"); math.Abs(lo-left) > 1.5 {
		t.Errorf("Latin outlet starts at %.1fpt, want the column's left edge %.1fpt", lo, left)
	}
}

// TestPDFPassageMixedDirections checks word order on a right-to-left
// passage line where a Latin name is split by a diff mark: the Latin words
// keep their order inside the Arabic line.
func TestPDFPassageMixedDirections(t *testing.T) {
	a := rtlProject(t)
	r, err := Build(t.Context(), a, nil, Options{Now: testNow, Sections: []Section{SectionPassages}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Passages) == 0 {
		t.Fatal("the test project has no shared passage")
	}
	pv := r.Passages[0]
	pair := pv.Pairs[0]
	pair.Left.Runs = []Run{{Text: "قالت وكالة "}, {Text: "Reuters ", Diff: true}, {Text: "News Agency اليوم إن"}}
	pv.Pairs = []PairView{pair}
	r.Passages = []PassageView{pv}
	var buf bytes.Buffer
	if err := r.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	boxes := pdfText(t, buf.Bytes(), "-bbox")
	x := func(w string) float64 {
		t.Helper()
		rev := string(textshape.Reverse([]rune(w)))
		m := regexp.MustCompile(`xMin="([0-9.]+)"[^>]*>(` + regexp.QuoteMeta(w) + `|` + regexp.QuoteMeta(rev) + `)</word>`).FindStringSubmatch(boxes)
		if m == nil {
			t.Fatalf("no box for %q", w)
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		return v
	}
	// Right to left: قالت, وكالة, then "Reuters News Agency" left to right,
	// then اليوم, إن.
	order := []float64{x("إن"), x("اليوم"), x("Reuters"), x("News"), x("Agency"), x("وكالة"), x("قالت")}
	for i := 1; i < len(order); i++ {
		if order[i-1] >= order[i] {
			t.Errorf("words out of order on the page: x = %v", order)
			break
		}
	}
}
