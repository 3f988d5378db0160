package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// menus builds and updates the main menu.
type menus struct {
	w                          *Workbench
	recent, closeProject       *fyne.MenuItem
	storeSettings              *fyne.MenuItem
	boiler, marks              *fyne.MenuItem
	themeSystem, light, dark   *fyne.MenuItem
	find, findNext, findPrev   *fyne.MenuItem
	extra                      []*fyne.Menu
	file, edit, view, helpMenu *fyne.Menu
	fileAt                     int
}

func shortcut(k fyne.KeyName, mods ...fyne.KeyModifier) fyne.Shortcut {
	m := fyne.KeyModifierShortcutDefault
	for _, x := range mods {
		m |= x
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

func newMenus(w *Workbench) *menus {
	m := &menus{w: w}
	open := fyne.NewMenuItem("Open Folder…", w.ShowOpenFolder)
	open.Shortcut = shortcut(fyne.KeyO)
	m.recent = fyne.NewMenuItem("Open Recent", nil)
	demo := fyne.NewMenuItem("Open Demo Project", w.OpenDemo)
	demo.Disabled = w.opts.Demo == nil
	m.closeProject = fyne.NewMenuItem("Close Project", w.CloseProject)
	m.closeProject.Shortcut = shortcut(fyne.KeyW)
	quit := fyne.NewMenuItem("Quit", w.Quit)
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ)
	// Where analyses are kept (issue 18): a setting of the app, beside
	// the project it applies to.
	m.storeSettings = fyne.NewMenuItem("Project Store…", w.ShowStoreSettings)
	m.file = fyne.NewMenu("File", open, m.recent, demo, fyne.NewMenuItemSeparator(), m.closeProject, m.storeSettings, fyne.NewMenuItemSeparator(), quit)
	m.fileAt = 4 // where AddFileItems puts its items: after the separator below Open Demo

	m.find = fyne.NewMenuItem("Find in Document…", w.compare.ShowFind)
	m.find.Shortcut = shortcut(fyne.KeyF)
	m.findNext = fyne.NewMenuItem("Find Next", func() { w.compare.FindBar().Next() })
	m.findNext.Shortcut = shortcut(fyne.KeyG)
	m.findPrev = fyne.NewMenuItem("Find Previous", func() { w.compare.FindBar().Previous() })
	m.findPrev.Shortcut = shortcut(fyne.KeyG, fyne.KeyModifierShift)
	filter := fyne.NewMenuItem("Filter Documents", w.focusFilter)
	filter.Shortcut = shortcut(fyne.KeyL)
	cp := fyne.NewMenuItem("Copy", w.copySelection)
	cp.Shortcut = &fyne.ShortcutCopy{}
	m.edit = fyne.NewMenu("Edit", cp, fyne.NewMenuItemSeparator(), m.find, m.findNext, m.findPrev, fyne.NewMenuItemSeparator(), filter)

	m.boiler = fyne.NewMenuItem("Hide Boilerplate", func() {
		w.compare.SetBoilerplateHidden(!w.compare.BoilerplateHidden())
		m.refreshView()
	})
	m.boiler.Shortcut = shortcut(fyne.KeyB)
	m.marks = fyne.NewMenuItem("Show Highlights", func() {
		w.compare.SetHighlightsShown(!w.compare.HighlightsShown())
		m.refreshView()
	})
	m.marks.Shortcut = shortcut(fyne.KeyH, fyne.KeyModifierShift)
	m.themeSystem = fyne.NewMenuItem("Follow System", func() { m.setTheme("system") })
	m.light = fyne.NewMenuItem("Light", func() { m.setTheme("light") })
	m.dark = fyne.NewMenuItem("Dark", func() { m.setTheme("dark") })
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = fyne.NewMenu("", m.themeSystem, m.light, m.dark)
	docs := fyne.NewMenuItem("Documents", func() { w.showPanel("documents") })
	docs.Shortcut = shortcut(fyne.Key1)
	problems := fyne.NewMenuItem("Problems", func() { w.showPanel("problems") })
	problems.Shortcut = shortcut(fyne.Key2)
	m.view = fyne.NewMenu("View", m.boiler, m.marks, fyne.NewMenuItemSeparator(), docs, problems, fyne.NewMenuItemSeparator(), themeItem)

	about := fyne.NewMenuItem("About Parallax", w.ShowAbout)
	keys := fyne.NewMenuItem("Keyboard Shortcuts", w.showKeys)
	m.helpMenu = fyne.NewMenu("Help", keys, fyne.NewMenuItemSeparator(), about)
	m.refreshRecent()
	m.refreshProject()
	m.refreshView()
	return m
}

// addFileItems inserts items, then a separator, into the File menu after
// Open Demo Project (File ▸ Export Table…).
func (m *menus) addFileItems(items ...*fyne.MenuItem) {
	all := append([]*fyne.MenuItem(nil), m.file.Items[:m.fileAt]...)
	all = append(all, items...)
	all = append(all, fyne.NewMenuItemSeparator())
	m.file.Items = append(all, m.file.Items[m.fileAt:]...)
	m.fileAt += len(items) + 1
	m.refreshMain()
}

// main returns the main menu: File, Edit, View, the added menus, Help.
func (m *menus) main() *fyne.MainMenu {
	all := []*fyne.Menu{m.file, m.edit, m.view}
	all = append(all, m.extra...)
	all = append(all, m.helpMenu)
	return fyne.NewMainMenu(all...)
}

func (m *menus) refreshRecent() {
	var items []*fyne.MenuItem
	for _, dir := range recentProjects(m.w.app) {
		dir := dir
		items = append(items, fyne.NewMenuItem(recentLabel(dir), func() { m.w.OpenFolder(dir) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("No recent projects", nil)
		none.Disabled = true
		items = append(items, none)
	}
	m.recent.ChildMenu = fyne.NewMenu("", items...)
	m.refreshMain()
}

func (m *menus) refreshProject() {
	open := m.w.ctrl.Project() != nil
	m.closeProject.Disabled = !open
	m.refreshMain()
}

func (m *menus) refreshView() {
	m.boiler.Checked = m.w.compare.BoilerplateHidden()
	m.marks.Checked = m.w.compare.HighlightsShown()
	choice := m.w.app.Preferences().StringWithFallback(prefTheme, "system")
	m.themeSystem.Checked = choice == "system"
	m.light.Checked = choice == "light"
	m.dark.Checked = choice == "dark"
	m.refreshMain()
}

func (m *menus) setTheme(choice string) {
	setThemePref(m.w.app, choice)
	m.refreshView()
}

func (m *menus) refreshMain() {
	if mm := m.w.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// copySelection copies from the focused widget: an entry's selection, or
// the selected text of the focused pane.
func (w *Workbench) copySelection() {
	cb := w.app.Clipboard()
	if f, ok := w.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
		return
	}
	if p := w.compare.Focused(); p != nil {
		if t := p.Text().SelectedText(); t != "" {
			cb.SetContent(t)
		}
	}
}

func (w *Workbench) focusFilter() {
	if w.ctrl.Project() == nil {
		return
	}
	w.sidebar.Select(w.docsTab)
	w.win.Canvas().Focus(w.docs.FilterBox())
}

// ShowAbout shows the About dialog with the version from FyneApp.toml.
func (w *Workbench) ShowAbout() {
	meta := w.app.Metadata()
	var items []fyne.CanvasObject
	if w.opts.Icon != nil {
		img := canvas.NewImageFromResource(w.opts.Icon)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(64))
		items = append(items, img)
	}
	name := meta.Name
	if name == "" {
		name = "Parallax"
	}
	title := widget.NewLabelWithStyle(name, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	version := widget.NewLabel(AboutVersion(meta))
	version.Alignment = fyne.TextAlignCenter
	desc := widget.NewLabel("A research workbench that compares side by side\nhow news outlets frame the same event.")
	desc.Alignment = fyne.TextAlignCenter
	id := widget.NewLabel(meta.ID)
	id.Alignment = fyne.TextAlignCenter
	id.Importance = widget.LowImportance
	items = append(items, title, version, desc, id)
	if s := w.storeLine(); s != "" {
		// Which store the open project's analysis is kept in, and where.
		store := widget.NewLabel(s)
		store.Alignment = fyne.TextAlignCenter
		store.Wrapping = fyne.TextWrapWord
		items = append(items, store)
	}
	dialog.ShowCustom("About Parallax", "Close", container.NewVBox(items...), w.win)
}

// AboutVersion is the version line of the About dialog.
func AboutVersion(meta fyne.AppMetadata) string {
	v := "Version " + meta.Version
	if meta.Build > 0 {
		v += " (build " + strconv.Itoa(meta.Build) + ")"
	}
	return v
}

func (w *Workbench) showKeys() {
	rows := [][2]string{
		{"Ctrl+O", "Open folder"},
		{"Ctrl+W", "Close project"},
		{"Ctrl+L", "Filter documents"},
		{"↑ ↓  Space", "Move in the list, mark a document"},
		{"Enter", "Compare the marked documents, or open the current one"},
		{"Ctrl+F", "Find in the focused document"},
		{"Ctrl+G / Shift+Ctrl+G", "Next / previous match"},
		{"Ctrl+B", "Hide or show boilerplate"},
		{"Shift+Ctrl+H", "Show or hide highlights"},
		{"Ctrl+1 / Ctrl+2", "Documents / Problems"},
		{"Ctrl+S", "Save the workspace (it is also saved as you work)"},
		{"Ctrl+M", "Annotate the selected passage"},
		{"Ctrl+P", "Print the report"},
		{"Ctrl+Q", "Quit"},
	}
	grid := container.NewGridWithColumns(2)
	for _, r := range rows {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(r[1]))
	}
	dialog.ShowCustom("Keyboard Shortcuts", "Close", grid, w.win)
}
