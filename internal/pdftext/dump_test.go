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
