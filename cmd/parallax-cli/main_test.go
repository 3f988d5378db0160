package main

import (
	"bytes"
	"context"
	"testing"
)

// runCLI runs parallax-cli in-process and returns its exit status and what
// it wrote to stdout and stderr.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}
