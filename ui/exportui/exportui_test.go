package exportui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/csvexport"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
)

func TestEveryTableMakes(t *testing.T) {
	_, a := paneltest.Fixture(t)
	for _, tab := range Tables() {
		x, err := tab.Make(context.Background(), a)
		if err != nil {
			t.Errorf("%s: %v", tab.Name, err)
			continue
		}
		if len(x.Columns) == 0 || tab.Title == "" {
			t.Errorf("%s: no columns or title", tab.Name)
		}
	}
}

func TestMenuAndExport(t *testing.T) {
	app := test.NewTempApp(t)
	w := ui.New(app, ui.Options{})
	t.Cleanup(func() { w.Window().Close() })
	e := New(w)
	file := w.Window().MainMenu().Items[0]
	found := false
	for _, it := range file.Items {
		found = found || it == e.item
	}
	if !found || !e.item.Disabled || len(e.item.ChildMenu.Items) != len(Tables()) {
		t.Fatalf("File menu: item present %v, disabled %v", found, e.item.Disabled)
	}
	c, a := paneltest.Fixture(t)
	e.ctrl = c
	path := filepath.Join(t.TempDir(), DefaultFileName("my/project", "documents"))
	if filepath.Base(path) != "my_project - documents.csv" {
		t.Errorf("file name %q", filepath.Base(path))
	}
	done := make(chan int, 1)
	e.Export(a, Tables()[0], path, func(rows int, err error) {
		if err != nil {
			t.Error(err)
		}
		done <- rows
	})
	if rows := <-done; rows != a.Project().NumDocs() {
		t.Errorf("%d rows for %d documents", rows, a.Project().NumDocs())
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(data), csvexport.BOM+"path,format") {
		t.Errorf("file %q, %v", data, err)
	}
}
