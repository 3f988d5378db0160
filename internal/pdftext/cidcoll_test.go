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
