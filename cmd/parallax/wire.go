package main

import (
	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/exportui"
	"github.com/parallaxworkbench/parallax/ui/panels"
	"github.com/parallaxworkbench/parallax/ui/reportui"
	"github.com/parallaxworkbench/parallax/ui/workspaceui"
)

// wire plugs the analysis panels, workspaces, reports and table exports
// into the window.
func wire(w *ui.Workbench, meta fyne.AppMetadata) {
	set := panels.New(w.Controller())
	for _, p := range set.All() {
		w.AddPanel(p)
	}
	w.AddHeaderTool(set.SearchField())
	ws := workspaceui.New(w, workspaceui.Options{AppVersion: meta.Version, Search: workspaceui.EntitySearch(set.Search)})
	reportui.New(w, reportui.Options{Workspaces: ws})
	exportui.New(w)
}
