package pdftext

import (
	"context"
	"os"
	"testing"
)

func TestDumpDev(t *testing.T) {
	f := os.Getenv("PDFTEXT_DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	res, err := Extract(context.Background(), data, Options{})
	os.WriteFile("/tmp/pt/out.txt", []byte(res.Text), 0o644)
	t.Logf("err=%v warnings=%v meta=%+v", err, res.Warnings, res.Meta)
}

func TestDumpPages(t *testing.T) {
	f := os.Getenv("PDFTEXT_DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	res, _ := Extract(context.Background(), data, Options{})
	var out []byte
	for i, p := range res.Pages {
		end := len(res.Text)
		if i+1 < len(res.Pages) {
			end = res.Pages[i+1]
		}
		out = append(out, res.Text[p:end]...)
		out = append(out, '\f')
	}
	os.WriteFile("/tmp/pt/outp.txt", out, 0o644)
}
