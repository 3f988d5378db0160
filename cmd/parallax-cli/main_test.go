package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/pdftext"
)

// TestMain serves as a PDF extraction worker when started as one, as
// main does: the commands under test read PDFs isolated, as they do when
// run (an in-process fallback would add a warning to each fresh
// extraction that a cached one lacks).
func TestMain(m *testing.M) {
	pdftext.RunWorkerIfRequested()
	os.Exit(m.Run())
}

// runCLI runs parallax-cli in-process and returns its exit status and what
// it wrote to stdout and stderr.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}
