package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"golang.org/x/image/font/gofont/goregular"
)

// makePDF writes a small PDF with fpdf: lines with a core font, or with a
// UTF-8 TrueType font when unicode is set.
func makePDF(t testing.TB, unicode bool, pages ...[]string) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetTitle("Border talks resume", true)
	p.SetAuthor("Jane Roe", true)
	p.SetCreationDate(time.Date(2021, 6, 30, 18, 47, 0, 0, time.UTC))
	if unicode {
		p.AddUTF8FontFromBytes("goregular", "", goregular.TTF)
		p.SetFont("goregular", "", 12)
	} else {
		p.SetFont("Helvetica", "", 12)
	}
	for _, lines := range pages {
		p.AddPage()
		for _, l := range lines {
			p.Cell(0, 8, l)
			p.Ln(8)
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		unicode bool
		pages   [][]string
	}{
		{"core font", false, [][]string{{"Officials met at the border crossing on Tuesday.", "Talks resume next week."}, {"Second page, final words."}}},
		{"utf-8 font", true, [][]string{{"Η συνάντηση έγινε στα σύνορα.", "Переговоры возобновятся в среду."}, {"Latin too: café, naïve, Øresund."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := makePDF(t, tc.unicode, tc.pages...)
			res, err := Extract(context.Background(), data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != len(tc.pages) {
				t.Fatalf("pages %v, want %d", res.Pages, len(tc.pages))
			}
			for i, lines := range tc.pages {
				end := len(res.Text)
				if i+1 < len(res.Pages) {
					end = res.Pages[i+1]
				}
				page := res.Text[res.Pages[i]:end]
				for _, l := range lines {
					if !strings.Contains(page, l) {
						t.Errorf("page %d: missing %q in %q", i+1, l, page)
					}
				}
			}
			want := document.Field{Value: "Border talks resume", Source: document.FromPDFMeta, Rule: "pdf:Info/Title", Confidence: 0.7}
			if res.Meta.Title != want {
				t.Errorf("title %+v, want %+v", res.Meta.Title, want)
			}
			if res.Meta.Author.Value != "Jane Roe" || !strings.HasPrefix(res.Meta.Date.Value, "2021-06-30") {
				t.Errorf("meta %+v", res.Meta)
			}
			if res.Meta.URL.Value != "" || res.Meta.Outlet.Value != "" {
				t.Errorf("invented metadata: %+v", res.Meta)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	good := makePDF(t, false, []string{"Hello world"})
	tests := []struct {
		name string
		data []byte
		opts Options
		want error
		msg  string
	}{
		{"not a PDF", []byte("<html><body>hello</body></html>"), Options{}, ErrMalformed, "not a PDF (no %PDF header)"},
		{"empty", nil, Options{}, ErrMalformed, "no %PDF header"},
		{"truncated", good[:len(good)/3], Options{}, ErrMalformed, "malformed PDF"},
		{"too large", good, Options{MaxBytes: 100}, ErrTooLarge, "too large"},
		{"absurd xref size", []byte("%PDF-1.4\n1 0 obj<</Type/XRef/Size 99999999999>>stream\nendstream\nendobj\nstartxref\n9\n%%EOF\n"), Options{}, ErrMalformed, "out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Extract(context.Background(), tc.data, tc.opts)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err %v, want %v containing %q", err, tc.want, tc.msg)
			}
		})
	}
}

func TestRepairs(t *testing.T) {
	good := makePDF(t, false, []string{"Hello repaired world"})
	tests := []struct {
		name string
		data []byte
	}{
		{"as is", good},
		{"junk before header", append([]byte("garbage line\n"), good...)},
		// poppler looks for the header in the first 1024 bytes.
		{"header at byte 1000", append(bytes.Repeat([]byte("junk line\n"), 100), good...)},
		{"PDF 2.0 header", append([]byte("%PDF-2.0"), good[8:]...)},
		{"junk after EOF", append(append([]byte{}, good...), bytes.Repeat([]byte("junk "), 100)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract(context.Background(), tc.data, Options{})
			if err != nil || !strings.Contains(res.Text, "Hello repaired world") {
				t.Errorf("err %v, text %q", err, res.Text)
			}
		})
	}
}

func TestCorpusSpecialFiles(t *testing.T) {
	dir := testcorpus.Corpus(t, "pdf-dev")
	tests := []struct {
		file string
		want error
		text string
	}{
		{"pypdf-sample-files/005-libreoffice-writer-password/libreoffice-writer-password.pdf", ErrEncrypted, ""},
		{"pypdf-sample-files/007-imagemagick-images/imagemagick-lzw.pdf", ErrNoText, ""},
		{"pypdf-sample-files/004-pdflatex-4-pages/pdflatex-4-pages.pdf", nil, "Hello, here is some text without a meaning"},
		{"qpdf-qtest/qpdf/qtest/qpdf/issue-149.pdf", nil, "bar"},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(context.Background(), data, Options{Timeout: 10 * time.Second})
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
			if tc.want == ErrEncrypted && err.Error() != "password required" {
				t.Errorf("message %q", err.Error())
			}
			if !strings.Contains(res.Text, tc.text) {
				t.Errorf("text %.200q lacks %q", res.Text, tc.text)
			}
		})
	}
}

func TestTextBuilder(t *testing.T) {
	tests := []struct {
		name string
		ops  string
		want string
	}{
		{"TJ kerning gap is a space", "BT /F1 10 Tf [(bzip2)-333(and)-333(libbzip2)] TJ ET", "bzip2 and libbzip2"},
		{"small kern is not", "BT /F1 10 Tf [(W)80(orld)] TJ ET", "World"},
		{"small loosening kern is not", "BT /F1 10 Tf [(W)-50(orld)] TJ ET", "World"},
		{"narrow word space is", "BT /F1 10 Tf [(one)-150(two)] TJ ET", "one two"},
		{"Td x-move is a space", "BT /F1 10 Tf 10 700 Td (one) Tj 40 0 Td (two) Tj ET", "one two"},
		{"Td y-move is a line", "BT /F1 10 Tf 10 700 Td (one) Tj 0 -12 Td (two) Tj ET", "one\ntwo"},
		{"hyphen joined", "BT /F1 10 Tf 10 700 Td (extrac-) Tj 0 -12 Td (tion works) Tj ET", "extraction works"},
		{"hyphen kept before capital", "BT /F1 10 Tf 10 700 Td (Jean-) Tj 0 -12 Td (Paul) Tj ET", "Jean-\nPaul"},
		{"ligatures folded", "BT /F2 10 Tf (\xfb\x01) Tj ET", "fi"},
		{"inline image skipped", "BI /W 1 /H 1 ID \x00\xff) EI BT /F1 10 Tf (after) Tj ET", "after"},
		{"standard font word moves", "BT /F3 10 Tf 10 700 Td (International) Tj 66 0 Td (news) Tj ET", "International news"},
		{"standard font split word", "BT /F3 10 Tf 10 700 Td (Inter) Tj 20.01 0 Td (national) Tj ET", "International"},
		{"Tm positioned words", "BT /F1 10 Tf 1 0 0 1 10 700 Tm (one) Tj 1 0 0 1 40 700 Tm (two) Tj ET", "one two"},
		{"T* and TL", "BT /F1 10 Tf 12 TL 10 700 Td (one) Tj T* (two) Tj ET", "one\ntwo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := &extractor{fonts: map[string]*fontInfo{}, glyphCache: map[string]string{}, budget: 1 << 20}
			tb := &textBuilder{}
			in := &interp{x: x, t: tb}
			// Fonts are preloaded: F1 Courier widths, F2 2-byte UTF-16.
			cour, _ := standardWidths("Courier")
			f1 := &fontInfo{scale: 0.001, widths: cour, hasWidths: true, enc: winAnsiTable, avgWidth: 0.6}
			f2 := &fontInfo{scale: 0.001, composite: true, fixed2: true, ucs2: true, dw: 500}
			helv, _ := standardWidths("Helvetica")
			f3 := &fontInfo{scale: 0.001, widths: helv, hasWidths: true, enc: winAnsiTable, avgWidth: 0.5}
			in.runWithFonts([]byte(tc.ops), map[string]*fontInfo{"F1": f1, "F2": f2, "F3": f3})
			if got := tb.String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCMapIdentityRange(t *testing.T) {
	// The degenerate range fpdf writes: every code maps to itself.
	m := parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0000> <FFFF> <0000> endbfrange"))
	for _, r := range []rune{'A', 'Ω', 'Ж', 'é'} {
		if got, ok := m.lookup(uint32(r), 2); !ok || got != string(r) {
			t.Errorf("lookup %U = %q %v", r, got, ok)
		}
	}
	m = parseCMap([]byte("2 beginbfchar <01> <0041> <02> <00660069> endbfchar 1 beginbfrange <10> <12> [<0061> <0062> <0063>] endbfrange"))
	for code, want := range map[uint32]string{1: "A", 2: "fi", 0x11: "b"} {
		if got, _ := m.lookup(code, 1); got != want {
			t.Errorf("code %x = %q, want %q", code, got, want)
		}
	}
	if _, ok := m.lookup(0x50, 1); ok {
		t.Error("unmapped code found")
	}
}

func TestPDFDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20210630184700+02'00'": "2021-06-30T18:47",
		"D:20210630":              "2021-06-30",
		"20201301":                "",
		"garbage":                 "",
	} {
		if got := pdfDate(in); got != want {
			t.Errorf("pdfDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// xrefStreamPDF builds a PDF whose cross-reference stream (uncompressed,
// W [1 2 1]) holds the given entries for objects 0.., and whose trailer
// names root as /Root.
func xrefStreamPDF(entries [][3]int, root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	var rows []byte
	for _, e := range entries {
		rows = append(rows, byte(e[0]), byte(e[1]>>8), byte(e[1]), byte(e[2]))
	}
	off := b.Len()
	fmt.Fprintf(&b, "9 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root %d 0 R /Length %d >>\nstream\n", len(entries), root, len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off)
	return b.Bytes()
}

func TestObjectStreamLoop(t *testing.T) {
	// Objects 2 and 3 each claim to live in the other's object stream: the
	// library would recurse until the stack overflows. In-process the file
	// is refused; Extract hands it to a worker, whose crash is an error.
	data := xrefStreamPDF([][3]int{{0, 0, 255}, {0, 0, 0}, {2, 3, 0}, {2, 2, 0}}, 2)
	_, err := extractSafe(data, Options{}.withDefaults(), newStopFlag())
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "object streams form a loop") {
		t.Errorf("in-process: err %v", err)
	}
	_, err = Extract(context.Background(), data, Options{})
	if !errors.Is(err, ErrCrashed) || !strings.Contains(err.Error(), "stack overflow") {
		t.Errorf("Extract: err %v, want the worker's stack overflow", err)
	}
}

func TestReferenceLoopThroughReads(t *testing.T) {
	// Object stream 5 takes its /Length from object 6, stored in object
	// stream 5: each resolution reads the file and recurses again. The
	// call-depth guard must turn this into an error in-process.
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off5 := b.Len()
	b.WriteString("5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length 6 0 R >>\nstream\n6 0 <<>>\nendstream\nendobj\n")
	rows := []byte{0, 0, 0, 255, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, byte(off5 >> 8), byte(off5), 0, 2, 0, 5, 0}
	xref := b.Len()
	fmt.Fprintf(&b, "9 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 6 0 R /Length %d >>\nstream\n", len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	_, err := extractSafe(b.Bytes(), Options{}.withDefaults(), newStopFlag())
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "nest too deeply") {
		t.Errorf("err %v", err)
	}
}

func TestStandardWidths(t *testing.T) {
	tests := []struct {
		font string
		code byte
		want float64
		ok   bool
	}{
		{"Helvetica", 'A', 667, true},
		{"ABCDEF+Arial,Bold", ' ', 278, true},
		{"Times-Roman", 'm', 778, true},
		{"TimesNewRomanPS-ItalicMT", 'm', 722, true},
		{"Courier-Bold", 'i', 600, true},
		{"Garamond", 'A', 0, false},
	}
	for _, tc := range tests {
		w, ok := standardWidths(tc.font)
		if ok != tc.ok || w[tc.code] != tc.want {
			t.Errorf("%s %q: %v %v, want %v %v", tc.font, tc.code, w[tc.code], ok, tc.want, tc.ok)
		}
	}
}

func TestPageOffsets(t *testing.T) {
	data := makePDF(t, false, []string{"First page"}, nil, []string{"Third page"})
	res, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "First page\n\nThird page" || fmt.Sprint(res.Pages) != "[0 10 12]" {
		t.Errorf("text %q pages %v", res.Text, res.Pages)
	}
}

func TestGlyphNames(t *testing.T) {
	for name, want := range map[string]string{
		"eacute": "é", "Aring": "Å", "zcaron": "ž", "Scaron": "Š", "ccedilla": "ç", "Ydieresis": "Ÿ",
		"guillemotleft": "«", "Euro": "€", "backslash": `\`, "uni0416": "Ж", "u1F600": "😀", "f_i": "fi",
		"e.sc": "e", "acute": "´", "xacute": "", "g123": "",
	} {
		if got := glyphText(name); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", name, got, want)
		}
	}
}

// Like poppler, a file without a header in its first 1024 bytes is read
// when it has a PDF's body; one without stays "not a PDF".
func TestHeaderless(t *testing.T) {
	good := makePDF(t, false, []string{"Body without a header"})
	nl := bytes.IndexByte(good, '\n')
	headerless := append([]byte("%garbled-first-line"), good[nl:]...)
	res, err := Extract(context.Background(), headerless, Options{})
	if err != nil || !strings.Contains(res.Text, "Body without a header") {
		t.Errorf("headerless PDF body: err %v, text %q", err, res.Text)
	}
	for _, data := range [][]byte{
		[]byte("<html><body>1 0 obj /Type /Page</body></html>"),
		bytes.Repeat([]byte("junk line\n"), 200),
	} {
		_, err := Extract(context.Background(), data, Options{})
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "not a PDF") {
			t.Errorf("%.30q: err %v, want not a PDF", data, err)
		}
	}
}
