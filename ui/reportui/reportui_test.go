package reportui

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/workspace"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/backend"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/workspaceui"
)

// fakeRunner records the commands run; lp and lpstat answer as set.
type fakeRunner struct {
	have     map[string]bool
	lpstat   string
	lpFails  bool
	startErr error
	ran      []string
}

func (f *fakeRunner) LookPath(name string) (string, error) {
	if f.have[name] {
		return "/usr/bin/" + name, nil
	}
	return "", errors.New("not found")
}

func (f *fakeRunner) Output(_ context.Context, name string, args ...string) ([]byte, error) {
	f.ran = append(f.ran, name+" "+strings.Join(args, " "))
	switch name {
	case "lpstat":
		return []byte(f.lpstat), nil
	case "lp":
		if f.lpFails {
			return nil, errors.New("lp: printer offline")
		}
		return []byte("request id is Office-12 (1 file(s))\n"), nil
	}
	return nil, errors.New("unexpected command " + name)
}

func (f *fakeRunner) Start(name string, args ...string) error {
	f.ran = append(f.ran, name+" "+strings.Join(args, " "))
	return f.startErr
}

func TestDeliverChoosesPrinterOrViewer(t *testing.T) {
	withDefault := "system default destination: Office\n"
	tests := []struct {
		name      string
		goos      string
		runner    *fakeRunner
		printed   bool
		via       string
		ran       []string
		urlOpened bool
		noteHas   string
	}{
		{"lp with default printer", "linux", &fakeRunner{have: map[string]bool{"lp": true, "lpstat": true, "xdg-open": true}, lpstat: withDefault},
			true, "lp", []string{"lpstat -d", "lp -d Office /tmp/r.pdf"}, false, ""},
		{"lp without default printer", "linux", &fakeRunner{have: map[string]bool{"lp": true, "lpstat": true, "xdg-open": true}, lpstat: "no system default destination\n"},
			false, "xdg-open", []string{"lpstat -d", "xdg-open /tmp/r.pdf"}, false, "No default printer"},
		{"lp fails", "linux", &fakeRunner{have: map[string]bool{"lp": true, "lpstat": true, "xdg-open": true}, lpstat: withDefault, lpFails: true},
			false, "xdg-open", []string{"lpstat -d", "lp -d Office /tmp/r.pdf", "xdg-open /tmp/r.pdf"}, false, "printer offline"},
		{"no lp on linux", "linux", &fakeRunner{have: map[string]bool{"xdg-open": true}},
			false, "xdg-open", []string{"xdg-open /tmp/r.pdf"}, false, ""},
		{"macOS without printer", "darwin", &fakeRunner{have: map[string]bool{"open": true}},
			false, "open", []string{"open /tmp/r.pdf"}, false, ""},
		{"windows", "windows", &fakeRunner{have: map[string]bool{"rundll32": true}},
			false, "rundll32", []string{"rundll32 url.dll,FileProtocolHandler /tmp/r.pdf"}, false, ""},
		{"no viewer command", "linux", &fakeRunner{have: map[string]bool{}},
			false, "the system's file handler", nil, true, ""},
		{"viewer fails to start", "linux", &fakeRunner{have: map[string]bool{"xdg-open": true}, startErr: errors.New("boom")},
			false, "the system's file handler", []string{"xdg-open /tmp/r.pdf"}, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var opened *url.URL
			d, err := Deliver(context.Background(), tc.runner, tc.goos, "/tmp/r.pdf", func(u *url.URL) error { opened = u; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if d.Printed != tc.printed || d.Via != tc.via {
				t.Errorf("delivery = %+v, want printed=%v via %s", d, tc.printed, tc.via)
			}
			if !slices.Equal(tc.runner.ran, tc.ran) {
				t.Errorf("ran %q, want %q", tc.runner.ran, tc.ran)
			}
			if (opened != nil) != tc.urlOpened {
				t.Errorf("URL opened = %v, want %v", opened, tc.urlOpened)
			}
			if opened != nil && (opened.Scheme != "file" || opened.Path != "/tmp/r.pdf") {
				t.Errorf("URL = %s", opened)
			}
			if !strings.Contains(d.Note, tc.noteHas) {
				t.Errorf("note = %q, want it to mention %q", d.Note, tc.noteHas)
			}
			msg := d.Message("/tmp/r.pdf")
			if tc.printed && !strings.Contains(msg, "sent to the printer") || !tc.printed && !strings.Contains(msg, "opened in the system's PDF viewer") {
				t.Errorf("message = %q", msg)
			}
		})
	}
	if _, err := Deliver(context.Background(), &fakeRunner{}, "linux", "/tmp/r.pdf", nil); !errors.Is(err, errNoViewer) {
		t.Errorf("no viewer and no URL opener: err = %v", err)
	}
}

func TestParseDefaultPrinter(t *testing.T) {
	tests := map[string]string{
		"system default destination: Office\n":        "Office",
		"system default destination: HP_LaserJet_4\n": "HP_LaserJet_4",
		"no system default destination\n":             "",
		"":                                            "",
		"lpstat: No destinations added.\n":            "",
	}
	for in, want := range tests {
		if got := parseDefaultPrinter(in); got != want {
			t.Errorf("parseDefaultPrinter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDefaultFileName(t *testing.T) {
	tests := []struct {
		project, ws string
		f           Format
		want        string
	}{
		{"border-crossing", "", PDF, "border-crossing report.pdf"},
		{"border-crossing", "Reuters vs Mehr", HTML, "border-crossing - Reuters vs Mehr report.html"},
		{"a/b", "x:y", PDF, "a_b - x_y report.pdf"},
		{"", "", PDF, "report report.pdf"},
	}
	for _, tc := range tests {
		if got := DefaultFileName(tc.project, tc.ws, tc.f); got != tc.want {
			t.Errorf("DefaultFileName(%q, %q) = %q, want %q", tc.project, tc.ws, got, tc.want)
		}
	}
}

// copySample copies the sample project into a writable temporary folder.
func copySample(t *testing.T) string {
	t.Helper()
	src := testcorpus.SampleProject(t)
	dst := filepath.Join(t.TempDir(), "sample")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && d.Name() == ".parallax" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// openAnalysed opens the sample copy in a window with workspaces and
// reports, and waits for its analysis.
func openAnalysed(t *testing.T, runner Runner) (*ui.Workbench, *workspaceui.Manager, *Reporter, string) {
	t.Helper()
	dir := copySample(t)
	a := test.NewTempApp(t)
	loaded := make(chan error, 2)
	analysed := make(chan error, 2)
	wb := ui.New(a, ui.Options{Loader: backend.Load, Analyse: backend.Analyse,
		OnLoaded:   func(_ *state.Project, err error) { loaded <- err },
		OnAnalysed: func(_ *engine.Analysis, err error) { analysed <- err }})
	wb.Window().Resize(fyne.NewSize(1280, 800))
	// Nothing planned for later runs: a timer goroutine refreshing the
	// header would race with the test reading the window.
	never := func(time.Duration, func()) func() { return func() {} }
	m := workspaceui.New(wb, workspaceui.Options{AutosaveDelay: -1, CheckInterval: -1, After: never})
	r := New(wb, Options{Workspaces: m, Runner: runner, GOOS: "linux", TempDir: t.TempDir(),
		OpenURL: func(*url.URL) error { return errors.New("no URLs in tests") },
		Now:     func() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) }})
	t.Cleanup(func() {
		m.Close()
		wb.Window().Close()
	})
	wb.OpenFolder(dir)
	for _, ch := range []chan error{loaded, analysed} {
		select {
		case err := <-ch:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("load or analysis did not finish")
		}
	}
	return wb, m, r, dir
}

func waitErr(t *testing.T, ch chan error) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(60 * time.Second):
		t.Fatal("report did not finish")
	}
	return nil
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("%s is not a PDF: %q", path, data[:min(16, len(data))])
	}
	res, err := pdftext.Extract(context.Background(), data, pdftext.Options{})
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	return strings.Join(strings.Fields(res.Text), " ")
}

func TestExportPDFAndHTMLFromTheWorkspace(t *testing.T) {
	wb, m, r, _ := openAnalysed(t, &fakeRunner{})
	p := wb.Controller().Project()
	wb.Controller().Open(p.Docs[0], p.Docs[1])
	m.SetReportSettings(workspace.ReportSettings{Title: "Crossing coverage compared", Paper: workspace.PaperLetter})

	out := filepath.Join(t.TempDir(), "report.pdf")
	done := make(chan error, 1)
	r.Export(t.Context(), out, PDF, func(err error) { done <- err })
	if err := waitErr(t, done); err != nil {
		t.Fatal(err)
	}
	if r.Busy() {
		t.Error("still busy after done")
	}
	text := pdfText(t, out)
	if !strings.Contains(text, "Crossing coverage compared") {
		t.Error("the workspace's report title is missing from the PDF")
	}
	for _, d := range p.Docs {
		title := strings.Join(strings.Fields(d.Name()), " ")
		if len(title) > 40 {
			title = title[:40]
		}
		if !strings.Contains(text, title) {
			t.Errorf("document title %q missing from the PDF", title)
		}
	}

	html := filepath.Join(t.TempDir(), "report.html")
	r.Export(t.Context(), html, HTML, func(err error) { done <- err })
	if err := waitErr(t, done); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(html)
	if err != nil || !bytes.Contains(b, []byte("<html")) || !bytes.Contains(b, []byte("Crossing coverage compared")) {
		t.Errorf("HTML report: err %v, %d bytes", err, len(b))
	}
}

func TestExportCancelled(t *testing.T) {
	_, _, r, _ := openAnalysed(t, &fakeRunner{})
	out := filepath.Join(t.TempDir(), "cancelled.pdf")
	if err := os.WriteFile(out, nil, 0o644); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	done := make(chan error, 1)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r.Export(ctx, out, PDF, func(err error) { done <- err })
	err := waitErr(t, done)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the empty file of a cancelled export should be removed (stat: %v)", err)
	}
}

func TestPrintSendsToDefaultPrinter(t *testing.T) {
	runner := &fakeRunner{have: map[string]bool{"lp": true, "lpstat": true, "xdg-open": true}, lpstat: "system default destination: Office\n"}
	_, _, r, _ := openAnalysed(t, runner)
	type result struct {
		d    Delivery
		file string
		err  error
	}
	done := make(chan result, 1)
	r.Print(t.Context(), func(d Delivery, file string, err error) { done <- result{d, file, err} })
	var res result
	select {
	case res = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("print did not finish")
	}
	if res.err != nil {
		t.Fatal(res.err)
	}
	if !res.d.Printed || res.d.Printer != "Office" {
		t.Errorf("delivery = %+v", res.d)
	}
	if len(runner.ran) != 2 || runner.ran[1] != "lp -d Office "+res.file {
		t.Errorf("commands = %q", runner.ran)
	}
	if text := pdfText(t, res.file); !strings.Contains(text, "Comparison report") {
		t.Errorf("printed PDF lacks the default title: %.200s", text)
	}
}

func TestPrintFallsBackToViewerWithoutLP(t *testing.T) {
	runner := &fakeRunner{have: map[string]bool{"xdg-open": true}}
	_, _, r, _ := openAnalysed(t, runner)
	done := make(chan Delivery, 1)
	r.Print(t.Context(), func(d Delivery, file string, err error) {
		if err != nil {
			t.Error(err)
		}
		done <- d
	})
	d := <-done
	if d.Printed || d.Via != "xdg-open" {
		t.Errorf("delivery = %+v", d)
	}
	if len(runner.ran) != 1 || !strings.HasPrefix(runner.ran[0], "xdg-open ") {
		t.Errorf("commands = %q", runner.ran)
	}
}

func TestSettingsComeFromAndGoToTheWorkspace(t *testing.T) {
	_, m, r, _ := openAnalysed(t, &fakeRunner{})
	s := r.CurrentSettings()
	if s.Paper != workspace.PaperA4 || len(s.Sections) == 0 {
		t.Fatalf("defaults = %+v", s)
	}
	for sec, on := range s.Sections {
		if !on {
			t.Errorf("section %s off by default", sec)
		}
	}
	s.Title = "My report"
	s.Paper = workspace.PaperLetter
	s.Sections["voices"] = false
	r.ApplySettings(s)
	ws := m.Snapshot()
	if ws.Report.Title != "My report" || ws.Report.Paper != workspace.PaperLetter || ws.Report.Sections["voices"] {
		t.Errorf("workspace report settings = %+v", ws.Report)
	}
	if got := r.CurrentSettings(); got.Sections["voices"] || !got.Sections["passages"] {
		t.Errorf("settings read back = %+v", got.Sections)
	}
}

// TestExportSurvivesEmojiAndPanics: a title with characters above U+FFFF
// once made the PDF library panic and killed the window (#11, attack 3);
// now it is exported with the characters replaced visibly, and a panic
// while making a report comes back as an error.
func TestExportSurvivesEmojiAndPanics(t *testing.T) {
	wb, m, r, _ := openAnalysed(t, &fakeRunner{})
	m.SetReportSettings(workspace.ReportSettings{Title: "Crash test 😀 𠜎 \x00 \u202e"})
	out := filepath.Join(t.TempDir(), "emoji.pdf")
	done := make(chan error, 1)
	r.Export(t.Context(), out, PDF, func(err error) { done <- err })
	if err := waitErr(t, done); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, out); !strings.Contains(text, "Crash test [U+1F600] [U+2070E]") {
		t.Errorf("the title's replacements are missing from the PDF")
	}

	a := wb.Controller().Analysis()
	_, err := generate(t.Context(), a, nil, r.buildOptions(), PDF, func(state.Progress) { panic("boom") })
	if err == nil || !strings.Contains(err.Error(), "internal error: boom") {
		t.Fatalf("err = %v, want the panic as an error", err)
	}
}
