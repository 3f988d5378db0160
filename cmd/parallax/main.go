// Command parallax is the Parallax desktop app: it opens a folder of news
// articles and compares side by side how outlets frame an event.
//
//	parallax [DIR]
//
// Without DIR it shows the start screen (open a folder, recent projects,
// the demo project).
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/resources"
	"github.com/parallaxworkbench/parallax/ui"
	"github.com/parallaxworkbench/parallax/ui/backend"
)

func main() {
	launched := time.Now()
	// In a PDF extraction worker this never returns.
	pdftext.RunWorkerIfRequested()

	openDemo := flag.Bool("demo", false, "open the demo project that ships with Parallax")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: parallax [--demo | DIR]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	}

	if err := parseableLocale(os.Getenv, os.Setenv); err != nil {
		fmt.Fprintln(os.Stderr, "parallax: set the locale:", err)
	}
	meta, err := appMetadata()
	if err != nil {
		fmt.Fprintln(os.Stderr, "parallax:", err)
		os.Exit(1)
	}
	icon := fyne.NewStaticResource("parallax.png", resources.IconPNG)
	meta.Icon = icon
	if os.Getenv("PARALLAX_THREAD_CHECKS") != "" {
		// FyneApp.toml turns Fyne's thread checks off (they cost a stack
		// walk on every refresh); the smoke test turns them on to find a
		// widget touched outside fyne.Do.
		meta.Migrations["fyneDo"] = false
	}
	app.SetMetadata(meta)
	a := app.NewWithID(meta.ID)
	a.SetIcon(icon)

	demo, err := fs.Sub(resources.Demo, "demo")
	if err != nil {
		demo = nil
	}
	// PDFs are read in long-lived worker processes (this executable): a
	// file that would crash or exhaust the reader costs a worker, not the app.
	pool := pdftext.NewPool(0)
	defer pool.Close()
	// Each project's analysis is kept in the store of the app's setting
	// (File ▸ Project Store…), read at every opening.
	stores := backend.NewStores(func() string { return ui.StoreSetting(a) })
	defer func() {
		if err := stores.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "parallax:", err)
		}
	}()
	w := ui.New(a, ui.Options{Loader: backend.NewLoader(pool, stores), Analyse: backend.NewAnalyser(stores), Update: backend.NewUpdater(stores), Reopen: backend.NewReopener(pool), Watch: backend.Watch,
		WatchStore: backend.StoreWatcher,
		Demo:       demo, Icon: icon})
	w.Window().SetMaster()
	wire(w, meta)
	startTimings(w, launched)
	switch {
	case flag.Arg(0) != "":
		w.OpenFolder(flag.Arg(0))
	case *openDemo:
		w.OpenDemo()
	}
	w.Window().ShowAndRun()
}
