// Package pdftest writes small PDFs by hand for tests: the objects a test
// names, with a correct cross-reference table, so that a test can build
// exactly the font, encoding or stream it is about.
package pdftest

import (
	"bytes"
	"fmt"
)

// Build writes a classic PDF whose objects 1..n have the given bodies;
// object 1 must be the catalog.
func Build(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}
