package main

import (
	"bufio"
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

// The buffered standard output still tells whether it goes to a terminal
// (a character device), so that text keeps making escapes visible there.
func TestIsTerminalThroughBuffer(t *testing.T) {
	regular, err := os.Create(t.TempDir() + "/out")
	if err != nil {
		t.Fatal(err)
	}
	defer regular.Close()
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	defer devnull.Close()
	for _, c := range []struct {
		name string
		f    *os.File
		want bool
	}{{"regular file", regular, false}, {"character device", devnull, true}} {
		buffered := &bufferedFile{Writer: bufio.NewWriter(c.f), file: c.f}
		if got := isTerminal(c.f); got != c.want {
			t.Errorf("%s: isTerminal = %v, want %v", c.name, got, c.want)
		}
		if got := isTerminal(buffered); got != c.want {
			t.Errorf("%s buffered: isTerminal = %v, want %v", c.name, got, c.want)
		}
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Errorf("a buffer is a terminal")
	}
}
