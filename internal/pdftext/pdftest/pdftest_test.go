package pdftest

import (
	"bytes"
	"fmt"
	"testing"
)

// Every object's offset in the cross-reference table points at its
// "N 0 obj" line, and startxref at the table.
func TestBuildOffsets(t *testing.T) {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}
	pdf := Build(objs...)
	x := bytes.Index(pdf, []byte("xref\n"))
	if x < 0 || !bytes.Contains(pdf, []byte(fmt.Sprintf("startxref\n%d\n", x))) {
		t.Fatalf("startxref does not point at the table:\n%s", pdf)
	}
	for i := range objs {
		var off int
		entry := pdf[x+len("xref\n0 3\n0000000000 65535 f \n")+i*20:]
		if _, err := fmt.Sscanf(string(entry[:10]), "%d", &off); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("object %d: offset %d points at %q", i+1, off, pdf[off:off+10])
		}
	}
}
