package pdftext

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/pdftext/pdftest"
)

// buildPDF writes a classic PDF whose objects 1..n have the given bodies;
// object 1 must be the catalog.
func buildPDF(objs ...string) []byte { return pdftest.Build(objs...) }

func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// onePage builds a one-page PDF with the given content stream and extra
// objects (numbered from 5; font F1 is object 4).
func onePage(content string, font string, extra ...string) []byte {
	if font == "" {
		font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	}
	res := "/Font << /F1 4 0 R >>"
	if len(extra) > 0 {
		res += " /XObject << /X1 5 0 R >>"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << " + res + " >> /Contents 6 0 R >>",
		font,
	}
	if len(extra) > 0 {
		objs = append(objs, extra[0])
	} else {
		objs = append(objs, "<< >>")
	}
	objs = append(objs, stream("", []byte(content)))
	return buildPDF(objs...)
}

func TestBuiltPDFs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"plain", onePage("BT /F1 12 Tf 72 700 Td (Plain text here) Tj ET", ""), "Plain text here", nil},
		{"form xobject", onePage("q 1 0 0 1 50 50 cm /X1 Do Q",
			"", stream("/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources << /Font << /F1 4 0 R >> >>",
				[]byte("BT /F1 12 Tf 10 10 Td (Inside a form) Tj ET"))), "Inside a form", nil},
		{"differences", onePage("BT /F1 12 Tf 72 700 Td (\\001nd the \\002ow) Tj ET",
			"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>"),
			"find the flow", nil},
		{"tounicode", onePage("BT /F1 12 Tf 72 700 Td <0001000200030003> Tj ET",
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 5 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 500 >>] >>",
			stream("", []byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <0048> <0002> <0065> endbfchar 1 beginbfrange <0003> <0003> <006C> endbfrange"))),
			"Hell", nil},
		{"lzw content", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", stream("/Filter /LZWDecode", []byte("\x80\x0b\x60\x50\x22"))),
			"", ErrNoText}, // decoded (see TestFiltersTheLibraryLacks): it draws nothing
		{"decompression bomb", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", stream("/Filter /FlateDecode", deflate(make([]byte, 80<<20)))),
			"", ErrTooLarge},
		{"page tree loop", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			stream("", []byte("BT /F1 12 Tf (Looped) Tj ET")), "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"),
			"Looped", nil},
		{"image only", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", stream("", []byte("q 100 0 0 100 0 0 cm /Im1 Do Q"))),
			"", ErrNoText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract(context.Background(), tc.data, Options{})
			if tc.err == nil && err != nil || tc.err != nil && !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if !strings.Contains(res.Text, tc.want) {
				t.Errorf("text %q lacks %q", res.Text, tc.want)
			}
		})
	}
}

func TestRebuiltXref(t *testing.T) {
	good := onePage("BT /F1 12 Tf 72 700 Td (Rebuilt from scan) Tj ET", "")
	// Every xref offset wrong.
	i := bytes.Index(good, []byte("xref\n"))
	broken := append([]byte{}, good[:i]...)
	broken = append(broken, bytes.ReplaceAll(good[i:], []byte(" 00000 n"), []byte(" 00000 n"))...)
	broken = bytes.Replace(broken, []byte("0000000009 00000 n"), []byte("0000000001 00000 n"), 1)
	// No xref at all, no trailer: just objects.
	bare := good[:i]
	// The page tree root missing: pages are found by their /Type.
	noTree := bytes.Replace(good, []byte("/Type /Pages /Kids [3 0 R]"), []byte("/Type /Junk /Kidz [3 0 R]"), 1)
	for name, data := range map[string][]byte{"wrong offsets": broken, "no xref": bare, "no page tree": noTree} {
		t.Run(name, func(t *testing.T) {
			res, err := Extract(context.Background(), data, Options{})
			if err != nil || !strings.Contains(res.Text, "Rebuilt from scan") {
				t.Errorf("err %v, text %q, warnings %v", err, res.Text, res.Warnings)
			}
		})
	}
}

func TestMissingEndobj(t *testing.T) {
	good := onePage("BT /F1 12 Tf 72 700 Td (Potato salad) Tj ET", "")
	// Drop the "endobj" of the page tree root and break startxref.
	i := bytes.Index(good, []byte("2 0 obj"))
	j := i + bytes.Index(good[i:], []byte("endobj"))
	bad := append(append([]byte{}, good[:j]...), good[j+6:]...)
	bad = bytes.Replace(bad, []byte("startxref"), []byte("farbage"), 1)
	res, err := Extract(context.Background(), bad, Options{})
	if err != nil || !strings.Contains(res.Text, "Potato salad") {
		t.Errorf("err %v, text %q", err, res.Text)
	}
}

func TestWrongXrefEntry(t *testing.T) {
	good := onePage("BT /F1 12 Tf 72 700 Td (Right place) Tj ET", "")
	// Point the xref entry of the content stream (object 6) at object 1.
	i := bytes.Index(good, []byte("xref\n"))
	lines := strings.Split(string(good[i:]), "\n")
	lines[8] = lines[3] // entry 6 ← entry 1
	bad := append(append([]byte{}, good[:i]...), strings.Join(lines, "\n")...)
	res, err := Extract(context.Background(), bad, Options{})
	if err != nil || !strings.Contains(res.Text, "Right place") {
		t.Errorf("err %v, text %q, warnings %v", err, res.Text, res.Warnings)
	}
}

// TestLargeFileXref: a classic cross-reference table in a file over 4 MB,
// whose last entries point past 4 MB, is read (it was rejected as "xref
// subsection N 0 out of range").
func TestLargeFileXref(t *testing.T) {
	pad := bytes.Repeat([]byte("0123456789abcdef\n"), (5<<20)/17)
	data := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		stream("", pad),
		stream("", []byte("BT /F1 12 Tf 72 700 Td (Found past four megabytes) Tj ET")),
	)
	res, err := Extract(context.Background(), data, Options{})
	if err != nil || !strings.Contains(res.Text, "Found past four megabytes") {
		t.Errorf("err %v, text %q", err, res.Text)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "rebuilt") {
			t.Errorf("the table was fine, yet: %s", w)
		}
	}
}

// TestType3NumericNames: a Type 3 font whose glyphs are named by number
// ("C72" for H) reads as its codes say, as poppler and pdf.js read it.
func TestType3NumericNames(t *testing.T) {
	font := "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /FirstChar 72 /LastChar 111 " +
		"/Widths [" + strings.Repeat("500 ", 40) + "] /Encoding << /Differences [72 /C72 101 /C101 108 /C108 111 /C111] >> /CharProcs << >> >>"
	res, err := Extract(context.Background(), onePage("BT /F1 12 Tf 72 700 Td (Hello) Tj ET", font), Options{})
	if err != nil || !strings.Contains(res.Text, "Hello") {
		t.Errorf("err %v, text %q", err, res.Text)
	}
}

// TestFiltersTheLibraryLacks: content streams in LZW (both code-width
// conventions), ASCIIHex, RunLength and Flate with a PNG predictor other
// than Up are decoded from the raw stream bytes.
func TestFiltersTheLibraryLacks(t *testing.T) {
	content := []byte("BT /F1 12 Tf 72 700 Td (Filtered words here) Tj ET")
	// Codes stay 9 bits wide for so short a text, where the two code-width
	// conventions agree: the default (early change) and EarlyChange 0
	// decoders both read the standard library's encoding.
	lzwData := func() []byte {
		var b bytes.Buffer
		w := lzw.NewWriter(&b, lzw.MSB, 8)
		w.Write(content)
		w.Close()
		return b.Bytes()
	}()
	hexed := []byte(fmt.Sprintf("%X>", content))
	rle := append(append([]byte{byte(len(content) - 1)}, content...), 128)
	// PNG Sub predictor, rows of 10 bytes.
	var png []byte
	padded := append(append([]byte{}, content...), bytes.Repeat([]byte(" "), 10-len(content)%10)...)
	for r := 0; r < len(padded); r += 10 {
		png = append(png, 1)
		for i := 0; i < 10; i++ {
			left := byte(0)
			if i > 0 {
				left = padded[r+i-1]
			}
			png = append(png, padded[r+i]-left)
		}
	}
	tests := map[string]string{
		"lzw":        stream("/Filter /LZWDecode", lzwData),
		"lzw late":   stream("/Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>", lzwData),
		"asciihex":   stream("/Filter /ASCIIHexDecode", hexed),
		"runlength":  stream("/Filter /RunLengthDecode", rle),
		"png sub":    stream("/Filter /FlateDecode /DecodeParms << /Predictor 11 /Columns 10 >>", deflate(png)),
		"hex of lzw": stream("/Filter [/ASCIIHexDecode /LZWDecode]", []byte(fmt.Sprintf("%X>", lzwData))),
	}
	for name, contents := range tests {
		t.Run(name, func(t *testing.T) {
			data := buildPDF(
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
				contents,
			)
			res, err := Extract(context.Background(), data, Options{})
			if err != nil || !strings.Contains(res.Text, "Filtered words here") {
				t.Errorf("err %v, text %q, warnings %v", err, res.Text, res.Warnings)
			}
		})
	}
}

// TestActualText: a marked-content span with /ActualText gives its text for
// the glyphs it wraps (LibreOffice and Chromium write it for clusters whose
// glyphs do not map one to one, and for zero-width characters).
func TestActualText(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (The ) Tj /Span << /ActualText <FEFF0066006C006F0077> >> BDC (XX) Tj EMC ( of time) Tj " +
		"/Span << /ActualText (!) /Lang (en) >> BDC EMC ET"
	res, err := Extract(context.Background(), onePage(content, ""), Options{})
	if err != nil || res.Text != "The flow of time!" {
		t.Errorf("err %v, text %q", err, res.Text)
	}
}
