package pdftext

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/resources"
	"golang.org/x/image/font/sfnt"
)

// TestEmbeddedFontFallback: a composite font (Identity-H) without a
// ToUnicode map is read through the cmap of its embedded TrueType program,
// as poppler does; without the program its glyphs are unknown and the page
// is reported garbled.
func TestEmbeddedFontFallback(t *testing.T) {
	ttf, err := resources.Fonts.ReadFile(resources.FontSans)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	text := "Квартал у порта был закрыт до утра, сообщила городская служба. Residents were told to stay indoors while the fire brigade checked the warehouses."
	var hex strings.Builder
	var buf sfnt.Buffer
	for _, r := range text {
		gid, err := f.GlyphIndex(&buf, r)
		if err != nil || gid == 0 {
			t.Fatalf("no glyph for %q", r)
		}
		fmt.Fprintf(&hex, "%04X", gid)
	}
	content := "BT /F1 10 Tf 40 700 Td <" + hex.String() + "> Tj ET"
	for _, embed := range []bool{true, false} {
		t.Run(fmt.Sprintf("embedded=%v", embed), func(t *testing.T) {
			desc := "<< /Type /FontDescriptor /FontName /ABCDEF+NotoSans /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent -300 /CapHeight 700 /StemV 80 >>"
			if embed {
				desc = strings.Replace(desc, "/StemV 80", "/StemV 80 /FontFile2 6 0 R", 1)
			}
			data := buildPDF(
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+NotoSans /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+NotoSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /FontDescriptor 7 0 R >>] >>",
				stream("", []byte(content)),
				stream("/Length1 "+fmt.Sprint(len(ttf)), ttf),
				desc,
			)
			res, err := Extract(context.Background(), data, Options{})
			if embed {
				if err != nil || !strings.Contains(res.Text, "Квартал у порта") || !strings.Contains(res.Text, "fire brigade") {
					t.Errorf("err %v, text %q", err, res.Text)
				}
				if res.Quality.Garbled() {
					t.Errorf("garbled: %v", res.Warnings)
				}
				return
			}
			if !res.Quality.Garbled() {
				t.Errorf("glyphs without any map not reported: err %v, quality %+v", err, res.Quality)
			}
		})
	}
}
