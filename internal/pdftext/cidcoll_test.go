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
