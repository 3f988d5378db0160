package project

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/pdftext"
)

// The problem shown for an encrypted PDF says whether a password would
// help or the encryption itself cannot be undone.
func TestPDFMessageEncrypted(t *testing.T) {
	enc := func(handler string) []byte {
		return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
			"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
			"3 0 obj << /Filter /" + handler + " /V 2 /R 3 /O (" + strings.Repeat("o", 32) + ") /U (" + strings.Repeat("u", 32) + ") /P -4 /Length 128 >> endobj\n" +
			"trailer << /Root 1 0 R /Encrypt 3 0 R /ID [<01020304><01020304>] >>\n%%EOF\n")
	}
	tests := []struct{ handler, want string }{
		{"Standard", "password required: the PDF is encrypted"},
		{"Adobe.PubSec", `encrypted with the "Adobe.PubSec" security handler: cannot decrypt`},
	}
	for _, tc := range tests {
		_, err := pdftext.Extract(context.Background(), enc(tc.handler), pdftext.Options{})
		if err == nil {
			t.Fatalf("%s: no error", tc.handler)
		}
		if got := pdfMessage(err); got != tc.want {
			t.Errorf("%s: message %q, want %q", tc.handler, got, tc.want)
		}
	}
}
