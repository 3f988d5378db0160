// Package exportui is File ▸ Export Table: every table the panels and the
// report show, as CSV for a spreadsheet (UTF-8 with BOM, one row per fact,
// formula-like cells neutralised; the tables are internal/exports). The
// table is made and written in the background through the ui package's
// bridge (bridge.StartTask).
package exportui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/groups"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Host is what the exporter needs of the window (*ui.Workbench is one):
// its window and state, and a place in the File menu.
type Host interface {
	Window() fyne.Window
	Controller() *state.Controller
	AddFileItems(items ...*fyne.MenuItem)
	RefreshMenus()
}

// Table is a table on offer: its name and how to make it from an analysis
// (off the main goroutine).
type Table struct {
	Name, Title string
	Make        func(ctx context.Context, a *engine.Analysis) (exports.Table, error)
}

// Tables lists the tables the menu offers, in menu order.
func Tables() []Table {
	var out []Table
	// the analysis' own tables, made from the analysis when chosen
	for _, name := range []string{"documents", "entity_forms", "suggestions", "naming", "descriptors", "terms", "voices", "quotations", "passages", "coverage"} {
		name := name
		out = append(out, Table{Name: name, Title: titles[name], Make: func(_ context.Context, a *engine.Analysis) (exports.Table, error) {
			return exports.Find(exports.Analysis(a), name)
		}})
	}
	for _, by := range []string{engine.ByStance, engine.ByOutlet} {
		by := by
		out = append(out, Table{Name: "distinctive_by_" + by, Title: "Distinctive terms by " + by, Make: func(ctx context.Context, a *engine.Analysis) (exports.Table, error) {
			res, err := a.Distinctive(ctx, by, distinctive.Options{Top: 100, MaxOccurrences: 1})
			if err != nil {
				return exports.Table{}, err
			}
			return exports.Distinctive(res), nil
		}})
	}
	out = append(out, Table{Name: "blindspots_by_stance", Title: "Entities only one stance mentions", Make: func(ctx context.Context, a *engine.Analysis) (exports.Table, error) {
		res, err := a.CompareGroups(ctx, engine.ByStance, groups.Options{MaxEntities: -1})
		if err != nil {
			return exports.Table{}, err
		}
		return exports.BlindSpots(res), nil
	}}, Table{Name: "coverage_by_stance", Title: "Coverage of the main entities by stance", Make: func(ctx context.Context, a *engine.Analysis) (exports.Table, error) {
		res, err := a.CompareGroups(ctx, engine.ByStance, groups.Options{CoverageRows: 200})
		if err != nil {
			return exports.Table{}, err
		}
		return exports.GroupCoverage(res), nil
	}}, Table{Name: "annotations", Title: "Annotations of every workspace", Make: func(ctx context.Context, a *engine.Analysis) (exports.Table, error) {
		t, _, err := exports.ProjectAnnotations(ctx, a.Project().Dir())
		return t, err
	}})
	return out
}

var titles = map[string]string{
	"documents": "Documents with metadata and stance", "entity_forms": "Entities with forms and counts",
	"suggestions": "Suggested entity merges", "naming": "Naming per outlet", "descriptors": "Descriptors per outlet",
	"terms": "Loaded terms per outlet", "voices": "Who each outlet quotes", "quotations": "Every quotation",
	"passages": "Shared passages", "coverage": "Mentions per document",
}

// Exporter adds File ▸ Export Table to a window. Create it with New.
type Exporter struct {
	wb   Host
	win  fyne.Window
	ctrl *state.Controller
	item *fyne.MenuItem
	task *bridge.Task
}

// New adds the menu item.
func New(wb Host) *Exporter {
	e := &Exporter{wb: wb, win: wb.Window(), ctrl: wb.Controller()}
	var items []*fyne.MenuItem
	for _, t := range Tables() {
		t := t
		items = append(items, fyne.NewMenuItem(t.Title+"…", func() { e.ShowExport(t) }))
	}
	e.item = fyne.NewMenuItem("Export Table as CSV", nil)
	e.item.ChildMenu = fyne.NewMenu("", items...)
	wb.AddFileItems(e.item)
	e.ctrl.OnAnalysisChanged(func(*engine.Analysis) { e.refresh() })
	e.ctrl.OnProjectChanged(func(*state.Project) { e.refresh() })
	e.refresh()
	return e
}

func (e *Exporter) refresh() {
	e.item.Disabled = e.ctrl.Analysis() == nil
	e.wb.RefreshMenus()
}

// DefaultFileName is "<project> - <table>.csv".
func DefaultFileName(project, table string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, strings.TrimSpace(project))
	if name == "" {
		name = "parallax"
	}
	return name + " - " + table + ".csv"
}

// ShowExport asks for a file and writes table t there.
func (e *Exporter) ShowExport(t Table) {
	a := e.ctrl.Analysis()
	if a == nil {
		dialog.ShowInformation("Export", "The project is still being analysed.", e.win)
		return
	}
	if e.task != nil {
		dialog.ShowInformation("Export", "A table is being exported already.", e.win)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, e.win)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		e.Export(a, t, path, func(rows int, err error) {
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				dialog.ShowError(err, e.win)
			default:
				dialog.ShowInformation("Export", fmt.Sprintf("Wrote %d rows to\n%s", rows, path), e.win)
			}
		})
	}, e.win)
	d.SetFileName(DefaultFileName(filepath.Base(a.Project().Dir()), t.Name))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	// Beside the project, not in it: a table in the project's root could
	// be read as its sources table the next time it is opened.
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(a.Project().Dir()))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// Export makes table t of a and writes it to path in the background; done
// runs on the main goroutine with the number of rows written.
func (e *Exporter) Export(a *engine.Analysis, t Table, path string, done func(rows int, err error)) {
	e.task = bridge.NewTask()
	bridge.StartTask(e.task, func(ctx context.Context, _ func(state.Progress)) (int, error) {
		tab, err := t.Make(ctx, a)
		if err != nil {
			return 0, fmt.Errorf("make %s: %w", t.Title, err)
		}
		var b strings.Builder
		if err := tab.WriteCSV(&b); err != nil {
			return 0, err
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			return 0, fmt.Errorf("write %s: %w", path, err)
		}
		return tab.Rows(), nil
	}, nil, func(rows int, err error) {
		e.task = nil
		done(rows, err)
	})
}
