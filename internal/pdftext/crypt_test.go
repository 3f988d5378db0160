package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files in testdata/encrypted are made by make.sh with qpdf, an
// independent implementation of the standard security handler.
func TestEncryptedFiles(t *testing.T) {
	tests := []struct {
		file     string
		password string
		err      error
	}{
		{"rc4-40.pdf", "", nil},
		{"rc4-128.pdf", "", nil},
		{"aes-128.pdf", "", nil},
		{"aes-128-clearmeta.pdf", "", nil},
		{"aes-256.pdf", "", nil},
		{"aes-256-r5.pdf", "", nil},
		{"aes-256-objstm.pdf", "", nil},
		{"aes-256-password.pdf", "", ErrEncrypted},
		{"aes-256-password.pdf", "openpassword", nil},
		{"aes-256-password.pdf", "wrong", ErrEncrypted},
		{"rc4-128-password.pdf", "", ErrEncrypted},
		{"rc4-128-password.pdf", "openpassword", nil},
		// The owner password opens the file as well (algorithm 7).
		{"rc4-128-password.pdf", "owner", nil},
		{"aes-256-password.pdf", "owner", nil},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.password, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "encrypted", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(context.Background(), data, Options{password: tc.password})
			if tc.err != nil {
				if !errors.Is(err, tc.err) || err.Error() != "password required" {
					t.Fatalf("err %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.Text, "Sealed minutes of the harbour council") || !strings.Contains(res.Text, "Second line") {
				t.Errorf("text %q", res.Text)
			}
			if res.Meta.Title.Value != "Harbour council minutes" {
				t.Errorf("title %q (Info strings not decrypted?)", res.Meta.Title.Value)
			}
		})
	}
}

// A file whose crypt filters for strings and streams are Identity (only
// embedded files are encrypted) reads without any key, whatever O and U
// hold.
func TestIdentityCryptFilter(t *testing.T) {
	pad := strings.Repeat("A", 48)
	enc := fmt.Sprintf("<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /EFOpen >> >> /StmF /Identity /StrF /Identity /EFF /StdCF /O (%s) /U (%s) /OE (%s) /UE (%s) /P -4 >>", pad, pad, pad[:32], pad[:32])
	data := onePage("BT /F1 12 Tf 72 700 Td (Open text with sealed attachments) Tj ET", "", enc)
	data = []byte(strings.Replace(string(data), "/Root 1 0 R", "/Root 1 0 R /Encrypt 5 0 R /ID [<0102><0102>]", 1))
	res, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Open text with sealed attachments") {
		t.Errorf("text %q", res.Text)
	}
}

// An unknown security handler stays an encryption error with its name.
func TestUnsupportedSecurityHandler(t *testing.T) {
	enc := "<< /Filter /Adobe.PubSec /V 4 /R 4 /SubFilter /adbe.pkcs7.s5 >>"
	data := onePage("BT /F1 12 Tf 72 700 Td (Hidden) Tj ET", "", enc)
	data = []byte(strings.Replace(string(data), "/Root 1 0 R", "/Root 1 0 R /Encrypt 5 0 R /ID [<0102><0102>]", 1))
	_, err := Extract(context.Background(), data, Options{})
	if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), "Adobe.PubSec") {
		t.Fatalf("err %v, want an encryption error naming the handler", err)
	}
}

// Through an isolated worker, as the app reads PDFs: decrypted as well,
// and a file that needs a password is an encryption error.
func TestEncryptedIsolated(t *testing.T) {
	pool := NewPool(1)
	defer pool.Close()
	for file, want := range map[string]error{"aes-256.pdf": nil, "rc4-40.pdf": nil, "aes-256-password.pdf": ErrEncrypted} {
		data, err := os.ReadFile(filepath.Join("testdata", "encrypted", file))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Extract(context.Background(), data, Options{Isolate: true, Pool: pool})
		if want != nil {
			if !errors.Is(err, want) {
				t.Errorf("%s: err %v, want %v", file, err, want)
			}
			continue
		}
		if err != nil || !strings.Contains(res.Text, "Sealed minutes of the harbour council") {
			t.Errorf("%s: err %v, text %q", file, err, res.Text)
		}
	}
	if pool.Started() == 0 {
		t.Error("no worker started: the files were read in-process")
	}
}
