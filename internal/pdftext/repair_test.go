package pdftext

import (
	"context"
	"strings"
	"testing"
)

func TestRepairHead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<< /Length 4 /Filter /Fl >>\nstream\n/Fl 1 0 R 0 R", "<< /Length 4 /Filter /FlateDecode >>\nstream\n/Fl 1 0 R 0 R"},
		{"<< /Filter [/AHx /Fl] /DecodeParms [null null] >>", "<< /Filter [/ASCIIHexDecode /FlateDecode] /DecodeParms [null null] >>"},
		{"<< /Type /Catalog /X 1 0 R 0 R /Pages 2 0 R >>", "<< /Type /Catalog /X 1 0 R /Pages 2 0 R >>"},
		// Valid syntax stays as it is.
		{"<< /Kids [1 0 R 2 0 R] /Fl 3 /Filter /FlateDecode >>", "<< /Kids [1 0 R 2 0 R] /Fl 3 /Filter /FlateDecode >>"},
	}
	for _, tc := range tests {
		if got := string(repairHead([]byte(tc.in))); got != tc.want {
			t.Errorf("repairHead(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A catalog with a stray "0 R" after a reference loses its /Pages in the
// library; the rebuilt file repairs it.
func TestStrayReferenceInCatalog(t *testing.T) {
	data := onePage("BT /F1 12 Tf 72 700 Td (Catalog repaired) Tj ET", "")
	data = []byte(strings.Replace(string(data), "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Catalog /X 1 0 R 0 R /Pages 2 0 R >>", 1))
	res, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Catalog repaired") {
		t.Errorf("text %q", res.Text)
	}
}
