package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

func TestReportCommand(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	out := t.TempDir()

	// A workspace with notes and report settings.
	store, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := workspace.New("border", time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC))
	ws.Notes = "Notes for the colleague: Mehr calls them PMU."
	ws.Report.Title = "Border crossing report"
	ws.Panes = []workspace.Pane{{Path: "000_8a488919ad26b5b5.txt"}, {Path: "001_fe4119f0101185b7.txt"}}
	if err := store.Save(ws, workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		args []string
		code int
		file string
		want []string // in the extracted text or HTML
	}{
		{"pdf from extension", []string{"report", dir, "--out", filepath.Join(out, "r.pdf")}, 0, "r.pdf",
			[]string{"Mehr News Agency", "Tehran Times", "The Duran", "Altayinform.ru", "paychecks from Baghdad"}},
		{"html with workspace, letter", []string{"report", dir, "--workspace", "border", "--paper", "letter", "--out", filepath.Join(out, "r.html")}, 0, "r.html",
			[]string{"Border crossing report", "Notes for the colleague", "size: letter", "paychecks from Baghdad"}},
		{"explicit format, open only", []string{"report", "--format", "pdf", "--workspace", "border", "--open-only", dir, "--out", filepath.Join(out, "r.bin")}, 0, "r.bin",
			[]string{"Border crossing report", "2 from 1 known outlets", "paychecks from Baghdad"}},
		{"no out", []string{"report", dir}, 2, "", nil},
		{"unknown extension", []string{"report", dir, "--out", filepath.Join(out, "r.txt")}, 2, "", nil},
		{"bad format", []string{"report", dir, "--format", "docx", "--out", filepath.Join(out, "r.docx")}, 2, "", nil},
		{"bad paper", []string{"report", dir, "--paper", "a5", "--out", filepath.Join(out, "x.pdf")}, 2, "", nil},
		{"open only without workspace", []string{"report", dir, "--open-only", "--out", filepath.Join(out, "y.pdf")}, 2, "", nil},
		{"two folders", []string{"report", dir, dir, "--out", filepath.Join(out, "z.pdf")}, 2, "", nil},
		{"missing workspace", []string{"report", dir, "--workspace", "nope", "--out", filepath.Join(out, "w.pdf")}, 1, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr.String())
			}
			if tc.file == "" {
				return
			}
			path := filepath.Join(out, tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stdout.String(), "wrote "+path) {
				t.Errorf("stdout %q", stdout.String())
			}
			text := string(data)
			if bytes.HasPrefix(data, []byte("%PDF-")) {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not installed")
				}
				b, err := exec.Command("pdftotext", path, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				text = strings.Join(strings.Fields(string(b)), " ")
			} else if !strings.HasPrefix(text, "<!DOCTYPE html>") {
				t.Fatalf("neither PDF nor HTML: %.40q", text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q missing", w)
				}
			}
		})
	}
	// Nothing was written for the failed runs.
	for _, f := range []string{"x.pdf", "y.pdf", "z.pdf", "w.pdf", "r.txt"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s written by a failed run", f)
		}
	}
}
