// Package reportui is the app side of comparison reports: the Report menu
// (Export PDF…, Export HTML…, Print… with Ctrl+P, Report Settings…), the
// settings dialog fed from and saved to the current workspace, generation
// in the background with a progress dialog and Cancel, and printing: lp to
// the default printer where there is one, else the system's PDF viewer.
//
// The report itself is internal/report; goroutines reach the widgets only
// through the ui package's bridge (bridge.StartTask).
package reportui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/report"
	"github.com/parallaxworkbench/parallax/internal/workspace"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Host is what the reporter needs of the window (*ui.Workbench is one):
// its window, app and state, a menu, and opening a folder.
type Host interface {
	Window() fyne.Window
	App() fyne.App
	Controller() *state.Controller
	AddMenu(m *fyne.Menu)
	OpenFolder(dir string)
}

// Format is a report's file format.
type Format string

// The formats.
const (
	PDF  Format = "pdf"
	HTML Format = "html"
)

// Workspaces is what the reports need of the workspaces: the current one
// (a copy, safe to read from another goroutine; nil for none) and a way to
// keep the report settings chosen.
type Workspaces interface {
	Snapshot() *workspace.Workspace
	SetReportSettings(workspace.ReportSettings)
}

// Options configure a Reporter.
type Options struct {
	// Workspaces, when set, gives the report its workspace (notes,
	// annotations, settings).
	Workspaces Workspaces
	// Runner runs lp, lpstat and the viewer; ExecRunner by default.
	Runner Runner
	// GOOS picks the viewer command; runtime.GOOS by default.
	GOOS string
	// OpenURL opens a file URL when no viewer command is found; the app's
	// OpenURL by default.
	OpenURL func(*url.URL) error
	// TempDir is where Print writes its PDF; os.TempDir() by default.
	TempDir string
	// Now is the report's clock; time.Now by default.
	Now func() time.Time
}

// Reporter adds the Report menu to a window. Create it with New.
type Reporter struct {
	wb   Host
	win  fyne.Window
	ctrl *state.Controller
	opts Options

	task     *bridge.Task
	progress *progressDialog
	menu     *fyne.Menu
	items    []*fyne.MenuItem

	// openOnly remembers the choice of the settings dialog for the session.
	openOnly bool
}

// New adds the Report menu and Ctrl+P to the window.
func New(wb Host, opts Options) *Reporter {
	if opts.Runner == nil {
		opts.Runner = ExecRunner{}
	}
	if opts.GOOS == "" {
		opts.GOOS = runtime.GOOS
	}
	if opts.OpenURL == nil && wb.App() != nil {
		opts.OpenURL = wb.App().OpenURL
	}
	if opts.TempDir == "" {
		opts.TempDir = os.TempDir()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	r := &Reporter{wb: wb, win: wb.Window(), ctrl: wb.Controller(), opts: opts}
	pdf := fyne.NewMenuItem("Export PDF…", func() { r.ShowExport(PDF) })
	html := fyne.NewMenuItem("Export HTML…", func() { r.ShowExport(HTML) })
	printItem := fyne.NewMenuItem("Print…", r.ShowPrint)
	printItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	settings := fyne.NewMenuItem("Report Settings…", func() { r.ShowSettings("Save", nil) })
	r.items = []*fyne.MenuItem{pdf, html, printItem, settings}
	r.menu = fyne.NewMenu("Report", pdf, html, fyne.NewMenuItemSeparator(), printItem, fyne.NewMenuItemSeparator(), settings)
	wb.AddMenu(r.menu)
	r.win.Canvas().AddShortcut(printItem.Shortcut, func(fyne.Shortcut) {
		if r.ctrl.Project() != nil {
			r.ShowPrint()
		}
	})
	r.ctrl.OnProjectChanged(func(*state.Project) { r.refreshMenu() })
	r.refreshMenu()
	return r
}

func (r *Reporter) refreshMenu() {
	none := r.ctrl.Project() == nil
	for _, it := range r.items {
		it.Disabled = none
	}
	r.menu.Refresh()
	if mm := r.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// Busy reports whether a report is being made.
func (r *Reporter) Busy() bool { return r.task != nil }

// Cancel stops the report being made.
func (r *Reporter) Cancel() {
	if r.task != nil {
		r.task.Cancel()
	}
}

// DefaultFileName is the suggested name of the report file: the project
// folder's name, the workspace's when there is one, and the extension.
func DefaultFileName(project, ws string, f Format) string {
	name := project
	if ws != "" {
		name += " - " + ws
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" {
		name = "report"
	}
	return name + " report." + string(f)
}

// ready checks that there is an analysis to report on; it tells the
// analyst when there is not.
func (r *Reporter) ready() (*engine.Analysis, bool) {
	if r.ctrl.Project() == nil {
		return nil, false
	}
	if r.task != nil {
		dialog.ShowInformation("Report", "A report is being made already.", r.win)
		return nil, false
	}
	a := r.ctrl.Analysis()
	if a == nil {
		dialog.ShowInformation("Report", "The project is still being analysed.\nThe report can be made once the analysis is done (see the status bar).", r.win)
		return nil, false
	}
	return a, true
}

// snapshot returns the workspace for the report, or nil.
func (r *Reporter) snapshot() *workspace.Workspace {
	if r.opts.Workspaces == nil {
		return nil
	}
	return r.opts.Workspaces.Snapshot()
}

// ShowExport asks for the report settings, then for a file, and exports
// the report there.
func (r *Reporter) ShowExport(f Format) {
	if _, ok := r.ready(); !ok {
		return
	}
	confirm := "Export PDF…"
	if f == HTML {
		confirm = "Export HTML…"
	}
	r.ShowSettings(confirm, func() { r.askFile(f) })
}

// askFile asks where to save the report with Fyne's file dialog.
func (r *Reporter) askFile(f Format) {
	p := r.ctrl.Project()
	if p == nil {
		return
	}
	wsName := ""
	if ws := r.snapshot(); ws != nil {
		wsName = ws.Name
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, r.win)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		r.Export(context.Background(), path, f, func(err error) {
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				dialog.ShowError(err, r.win)
			default:
				r.showExported(path)
			}
		})
	}, r.win)
	d.SetFileName(DefaultFileName(filepath.Base(p.Dir), wsName, f))
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + string(f)}))
	// Beside the project, not in it: a report inside the folder would be
	// read as one more article the next time the project is opened.
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(p.Dir))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// Export makes the report of the current analysis and workspace in format
// f and writes it to path, in the background with a progress dialog; done
// runs on the main goroutine (with context.Canceled when the analyst
// cancelled). This is what Export PDF… and Export HTML… do once a file is
// chosen.
func (r *Reporter) Export(ctx context.Context, path string, f Format, done func(error)) {
	a := r.ctrl.Analysis()
	if a == nil {
		done(errors.New("the project has not been analysed yet"))
		return
	}
	if r.task != nil {
		done(errors.New("a report is being made already"))
		return
	}
	ws, opts := r.snapshot(), r.buildOptions()
	run(ctx, r, "Exporting the report", func(ctx context.Context, progress func(state.Progress)) (string, error) {
		data, err := generate(ctx, a, ws, opts, f, progress)
		if err != nil {
			return "", err
		}
		progress(state.Progress{Stage: "writing", Done: 1, Total: 1, Current: path})
		return path, writeFile(path, data)
	}, func(_ string, err error) {
		if err != nil {
			removeIfEmpty(path)
		}
		done(err)
	})
}

// showExported says where the report went and offers to open it.
func (r *Reporter) showExported(path string) {
	if r.opts.OpenURL == nil {
		dialog.ShowInformation("Report Exported", "The report was saved to\n"+path, r.win)
		return
	}
	dialog.ShowConfirm("Report Exported", "The report was saved to\n"+path+"\n\nOpen it now?", func(open bool) {
		if !open {
			return
		}
		if _, err := openFile(path, "", r.opts.OpenURL); err != nil {
			dialog.ShowError(err, r.win)
		}
	}, r.win)
}

// ShowPrint asks for the report settings, then makes the PDF and prints
// or opens it.
func (r *Reporter) ShowPrint() {
	if _, ok := r.ready(); !ok {
		return
	}
	r.ShowSettings("Print", func() {
		r.Print(context.Background(), func(d Delivery, file string, err error) {
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil && file != "" && fileExists(file):
				dialog.ShowInformation("Report Not Printed", fmt.Sprintf(
					"No printer and no PDF viewer could be reached on this system (%v).\n\nThe report was saved as a PDF at\n%s\nOpen it with your PDF viewer to print it.", err, file), r.win)
			case err != nil:
				dialog.ShowError(err, r.win)
			case d.Printed:
				dialog.ShowInformation("Report Printed", d.Message(file), r.win)
			default:
				dialog.ShowInformation("Report Opened", d.Message(file), r.win)
			}
		})
	})
}

// Print writes the PDF to a temporary file and sends it to the default
// printer, or opens it in the system's viewer (see Deliver); done runs on
// the main goroutine with what happened.
func (r *Reporter) Print(ctx context.Context, done func(d Delivery, file string, err error)) {
	a := r.ctrl.Analysis()
	if a == nil {
		done(Delivery{}, "", errors.New("the project has not been analysed yet"))
		return
	}
	if r.task != nil {
		done(Delivery{}, "", errors.New("a report is being made already"))
		return
	}
	ws, opts := r.snapshot(), r.buildOptions()
	wsName := ""
	if ws != nil {
		wsName = ws.Name
	}
	file := filepath.Join(r.opts.TempDir, "parallax-"+strings.NewReplacer(" - ", "-", " ", "-").Replace(DefaultFileName(filepath.Base(a.Project().Dir()), wsName, PDF)))
	runner, goos, openURL := r.opts.Runner, r.opts.GOOS, r.opts.OpenURL
	run(ctx, r, "Preparing the report for printing", func(ctx context.Context, progress func(state.Progress)) (Delivery, error) {
		data, err := generate(ctx, a, ws, opts, PDF, progress)
		if err != nil {
			return Delivery{}, err
		}
		if err := writeFile(file, data); err != nil {
			return Delivery{}, err
		}
		progress(state.Progress{Stage: "printing", Done: 1, Total: 1, Current: file})
		// The app's OpenURL must run on the main goroutine: it is the
		// fallback below, not here.
		return Deliver(ctx, runner, goos, file, nil)
	}, func(d Delivery, err error) {
		if errors.Is(err, errNoViewer) && openURL != nil {
			d, err = openFile(file, d.Note, openURL)
		}
		done(d, file, err)
	})
}

// buildOptions are the report options of the settings dialog.
func (r *Reporter) buildOptions() report.Options {
	return report.Options{OpenOnly: r.openOnly, Now: r.opts.Now()}
}

// generate builds the report and renders it in format f.
// A panic while making it (a bug, or text a writer chokes on) comes back as
// an error for the dialog instead of ending the app.
func generate(ctx context.Context, a *engine.Analysis, ws *workspace.Workspace, opts report.Options, f Format, progress func(state.Progress)) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			data, err = nil, fmt.Errorf("make the report: internal error: %v", p)
		}
	}()
	// Rendering is one more step after the steps of Build.
	steps := 1
	opts.Progress = func(done, total int, stage string) {
		steps = total + 1
		progress(state.Progress{Stage: stage, Done: done, Total: steps})
	}
	rep, err := report.Build(ctx, a, ws, opts)
	if err != nil {
		return nil, fmt.Errorf("make the report: %w", err)
	}
	progress(state.Progress{Stage: "rendering the " + strings.ToUpper(string(f)), Done: steps - 1, Total: steps})
	var buf bytes.Buffer
	if f == HTML {
		err = rep.WriteHTML(&buf)
	} else {
		err = rep.WritePDF(&buf)
	}
	if err != nil {
		return nil, fmt.Errorf("render the report: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFile replaces path with data through a temporary file beside it,
// so that a failure never leaves half a report.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// removeIfEmpty removes the empty file the save dialog created when no
// report was written into it.
func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		_ = os.Remove(path)
	}
}

// run starts work with the progress dialog; done runs after it closed.
// The work stops when ctx ends or the analyst presses Cancel.
func run[T any](ctx context.Context, r *Reporter, title string, work func(ctx context.Context, progress func(state.Progress)) (T, error), done func(T, error)) {
	t := bridge.NewTask()
	pd := newProgressDialog(title, r.win, t.Cancel)
	pd.show()
	r.task, r.progress = t, pd
	stop := context.AfterFunc(ctx, t.Cancel)
	bridge.StartTask(t, work, pd.set, func(res T, err error) {
		stop()
		if r.task == t {
			r.task, r.progress = nil, nil
		}
		pd.close()
		done(res, err)
	})
}

// progressDialog shows the stage and steps of a report with Cancel.
type progressDialog struct {
	d      *dialog.CustomDialog
	stage  *widget.Label
	count  *widget.Label
	bar    *widget.ProgressBar
	cancel *widget.Button
}

func newProgressDialog(title string, win fyne.Window, onCancel func()) *progressDialog {
	p := &progressDialog{}
	p.stage = widget.NewLabel("Starting…")
	p.count = widget.NewLabel("")
	p.count.Importance = widget.LowImportance
	p.bar = widget.NewProgressBar()
	p.bar.TextFormatter = func() string { return "" }
	p.cancel = widget.NewButton("Cancel", func() {
		p.stage.SetText("Cancelling…")
		p.cancel.Disable()
		onCancel()
	})
	box := container.NewVBox(p.stage, container.NewGridWrap(fyne.NewSize(380, 18), p.bar), p.count)
	p.d = dialog.NewCustomWithoutButtons(title, box, win)
	p.d.SetButtons([]fyne.CanvasObject{p.cancel})
	return p
}

func (p *progressDialog) show() { p.d.Show() }

func (p *progressDialog) close() { p.d.Hide() }

func (p *progressDialog) set(pr state.Progress) {
	if pr.Stage != "" && !p.cancel.Disabled() {
		p.stage.SetText(stageLabel(pr.Stage))
	}
	if pr.Total > 0 {
		p.bar.SetValue(float64(pr.Done) / float64(pr.Total))
		p.count.SetText(fmt.Sprintf("step %d of %d", pr.Done, pr.Total))
	} else {
		p.count.SetText("")
	}
}

// Stage returns the stage shown, for tests.
func (r *Reporter) Stage() string {
	if r.progress == nil {
		return ""
	}
	return r.progress.stage.Text
}

// stageLabel turns a stage name of the report into a sentence.
func stageLabel(stage string) string {
	if stage == "" {
		return "Working…"
	}
	return strings.ToUpper(stage[:1]) + stage[1:] + "…"
}
