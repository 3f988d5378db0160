package pdftext

import (
	"context"
	"strings"
	"testing"
)

// Composite fonts with Identity-H, no ToUnicode and no embedded font: the
// CIDs are read through the Adobe collection named in CIDSystemInfo. The
// CIDs are those of Adobe's published character collections.
func TestAdobeCollectionCIDs(t *testing.T) {
	tests := []struct {
		ordering, cids, want string
	}{
		{"Japan1", "0cd40e8a07a0", "日本語"},
		{"GB1", "11cf0ed3", "中文"},
		{"Korea1", "0ce0", "한"},
		// Another registry's CIDs mean nothing known: no text, no guess.
		{"Identity", "0cd40e8a", ""},
	}
	for _, tc := range tests {
		t.Run(tc.ordering, func(t *testing.T) {
			font := "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPro-Regular /Encoding /Identity-H /DescendantFonts [5 0 R] >>"
			cidFont := "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPro-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (" + tc.ordering + ") /Supplement 4 >> /DW 1000 >>"
			data := onePage("BT /F1 12 Tf 72 700 Td <"+tc.cids+"> Tj ET", font, cidFont)
			res, err := Extract(context.Background(), data, Options{})
			if tc.want == "" {
				if err == nil && strings.TrimSpace(res.Text) != "" {
					t.Errorf("text %q from CIDs without a known collection", res.Text)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(res.Text); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseCollectionDamaged(t *testing.T) {
	for _, b := range [][]byte{nil, {0, 0, 0, 5, 1, 2}, {0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 9}} {
		if _, err := parseCollection(b); err == nil {
			t.Errorf("parseCollection(%v) accepted a damaged table", b)
		}
	}
}

// Composite fonts with a predefined legacy CMap and no ToUnicode (older
// Acrobat output with fonts not embedded): the CMap splits the codes and
// gives CIDs, the collection gives their text. Codes are the standard
// Shift-JIS, GBK, UHC and Big5 encodings of the expected text.
func TestPredefinedCMaps(t *testing.T) {
	tests := []struct {
		cmap, ordering, codes, want string
	}{
		{"90ms-RKSJ-H", "Japan1", "93fa967b8cea41", "日本語A"},
		{"90ms-RKSJ-V", "Japan1", "93fa967b", "日本"},
		{"GBK-EUC-H", "GB1", "d6d0cec4", "中文"},
		{"KSCms-UHC-H", "Korea1", "c7d1b1db", "한글"},
		{"ETen-B5-H", "CNS1", "a4a4a4e5", "中文"},
	}
	for _, tc := range tests {
		t.Run(tc.cmap, func(t *testing.T) {
			font := "<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho /Encoding /" + tc.cmap + " /DescendantFonts [5 0 R] >>"
			cidFont := "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MS-Mincho /CIDSystemInfo << /Registry (Adobe) /Ordering (" + tc.ordering + ") /Supplement 2 >> /DW 1000 >>"
			data := onePage("BT /F1 12 Tf 72 700 Td <"+tc.codes+"> Tj ET", font, cidFont)
			res, err := Extract(context.Background(), data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(strings.TrimSpace(res.Text), " ", ""); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParsePredefinedDamaged(t *testing.T) {
	for _, b := range [][]byte{{0, 1}, {0, 1, 3, 'a', 'b', 'c', 0}, {0, 1, 1, 'H', 1, 'J', 1, 9}} {
		if _, err := parsePredefined(b); err == nil {
			t.Errorf("parsePredefined(%v) accepted a damaged table", b)
		}
	}
}

// buildCFF writes a minimal bare CFF font (not CID-keyed) whose glyphs
// 1..n carry the given names (as custom strings), with empty charstrings.
func buildCFF(names ...string) []byte {
	index := func(items [][]byte) []byte {
		if len(items) == 0 {
			return []byte{0, 0}
		}
		b := []byte{0, byte(len(items)), 4}
		off := 1
		b = append(b, 0, 0, 0, 1)
		for _, it := range items {
			off += len(it)
			b = append(b, byte(off>>24), byte(off>>16), byte(off>>8), byte(off))
		}
		for _, it := range items {
			b = append(b, it...)
		}
		return b
	}
	int5 := func(v int) []byte { return []byte{29, byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)} }
	header := []byte{1, 0, 4, 4}
	nameIdx := index([][]byte{[]byte("F")})
	var strs [][]byte
	for _, n := range names {
		strs = append(strs, []byte(n))
	}
	strIdx := index(strs)
	gsubr := index(nil)
	var charStrings [][]byte
	for range len(names) + 1 {
		charStrings = append(charStrings, []byte{14}) // endchar
	}
	csIdx := index(charStrings)
	topLen := len(index([][]byte{make([]byte, 12)}))
	start := len(header) + len(nameIdx) + topLen + len(strIdx) + len(gsubr)
	charsetAt := start + len(csIdx)
	top := append(append(int5(charsetAt), 15), append(int5(start), 17)...)
	out := append([]byte{}, header...)
	out = append(out, nameIdx...)
	out = append(out, index([][]byte{top})...)
	out = append(out, strIdx...)
	out = append(out, gsubr...)
	out = append(out, csIdx...)
	out = append(out, 0) // charset format 0: SIDs of glyphs 1..n
	for i := range names {
		sid := 391 + i
		out = append(out, byte(sid>>8), byte(sid))
	}
	return out
}

// A composite font with Identity-H, no ToUnicode, Identity CIDs and an
// embedded CFF font that is not CID-keyed: the glyph names give the text.
func TestEmbeddedCFFGlyphNames(t *testing.T) {
	cff := buildCFF("uni4E2D", "uni6587", "Aacute")
	if f := parseCFF(cff); f == nil || len(f.names) != 4 || f.names[1] != "uni4E2D" {
		t.Fatalf("parseCFF of the built font: %+v", f)
	}
	font := "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Sub /Encoding /Identity-H /DescendantFonts [5 0 R] >>"
	cidFont := "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /ABCDEF+Sub /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>"
	data := onePage("BT /F1 12 Tf 72 700 Td <000100020003> Tj ET", font, cidFont)
	// Objects 7 (descriptor) and 8 (font program) appended to the file.
	s := string(data)
	i := strings.Index(s, "xref\n")
	objs := "7 0 obj\n<< /Type /FontDescriptor /FontName /ABCDEF+Sub /Flags 4 /FontFile3 8 0 R >>\nendobj\n" +
		"8 0 obj\n" + stream("/Subtype /CIDFontType0C", cff) + "\nendobj\n"
	data = []byte(s[:i] + objs + "trailer\n<< /Root 1 0 R >>\n%%EOF\n")
	res, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.ReplaceAll(strings.TrimSpace(res.Text), " ", ""); got != "中文Á" {
		t.Errorf("text %q, want %q", got, "中文Á")
	}
}
