package main

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCSVInLibreOffice opens an export in LibreOffice Calc (headless, with
// "evaluate formulas" on) and checks that no cell became a formula while a
// raw formula in a control file does. Skipped without soffice and Calc.
func TestCSVInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("no soffice (LibreOffice) on this machine")
	}
	dir := groupsProject(t)
	out := t.TempDir()
	export := filepath.Join(out, "documents.csv")
	if err := os.WriteFile(export, []byte(mustRun(t, "inspect", dir, "--csv")), 0o644); err != nil {
		t.Fatal(err)
	}
	control := filepath.Join(out, "control.csv")
	if err := os.WriteFile(control, []byte("a,b\n=1+1,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "file://" + filepath.ToSlash(t.TempDir())
	for _, f := range []string{export, control} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation="+profile,
			// comma, double quote, UTF-8, from line 1, …, evaluate formulas
			"--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true",
			"--convert-to", "ods", "--outdir", out, f)
		msg, err := cmd.CombinedOutput()
		cancel()
		if err != nil || strings.Contains(string(msg), "could not be loaded") {
			t.Skipf("LibreOffice Calc cannot convert here: %v %s", err, msg)
		}
	}
	content := func(name string) string {
		zr, err := zip.OpenReader(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if f.Name == "content.xml" {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				data, _ := io.ReadAll(rc)
				rc.Close()
				return string(data)
			}
		}
		t.Fatalf("%s has no content.xml", name)
		return ""
	}
	if c := content("control.ods"); !strings.Contains(c, "table:formula=") {
		t.Fatal("the control's formula was not evaluated: the check would prove nothing")
	}
	c := content("documents.ods")
	if strings.Contains(c, "table:formula=") {
		t.Error("a cell of the export became a formula")
	}
	for _, want := range []string{"<text:p>path</text:p>", "<text:p>stance_source</text:p>", "&apos;=HYPERLINK("} {
		if !strings.Contains(c, want) {
			t.Errorf("the sheet lacks %s", want)
		}
	}
}
