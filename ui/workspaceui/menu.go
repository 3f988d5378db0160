package workspaceui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/workspace"
)

func shortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// buildMenu creates the Workspace menu.
func (mn *menus) buildMenu() {
	m := mn.m
	m.items = map[string]*fyne.MenuItem{}
	add := func(key, label string, f func(), sc fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Shortcut = sc
		m.items[key] = it
		return it
	}
	m.menu = fyne.NewMenu("Workspace",
		add("new", "New Workspace…", m.ShowNew, nil),
		add("open", "Open Workspace…", m.ShowOpen, nil),
		fyne.NewMenuItemSeparator(),
		add("save", "Save", m.SaveFromMenu, shortcut(fyne.KeyS)),
		add("saveas", "Save As…", m.ShowSaveAs, nil),
		add("rename", "Rename…", m.ShowRename, nil),
		add("duplicate", "Duplicate…", m.ShowDuplicate, nil),
		add("delete", "Delete…", m.ConfirmDelete, nil),
		fyne.NewMenuItemSeparator(),
		add("annotate", "Annotate Selection…", func() { m.AnnotateSelection(nil) }, shortcut(fyne.KeyM)),
		add("annotations", "Annotations and Notes", func() { m.ctrl.ShowPanel(PanelID) }, nil),
	)
}

// addShortcuts registers the menu's shortcuts on the canvas too, so that
// they work where the driver does not route menu shortcuts (and in tests).
func (mn *menus) addShortcuts() {
	m := mn.m
	c := m.win.Canvas()
	c.AddShortcut(shortcut(fyne.KeyS), func(fyne.Shortcut) {
		if !m.items["save"].Disabled {
			m.SaveFromMenu()
		}
	})
	c.AddShortcut(shortcut(fyne.KeyM), func(fyne.Shortcut) {
		if !m.items["annotate"].Disabled {
			m.AnnotateSelection(nil)
		}
	})
}

func (mn *menus) refreshMenu() {
	m := mn.m
	none := m.ws == nil || m.store == nil
	for _, it := range m.items {
		it.Disabled = none
	}
	if !none {
		unsaved := m.ws.Saved.IsZero()
		m.items["rename"].Disabled = unsaved
		m.items["duplicate"].Disabled = unsaved
		m.items["delete"].Disabled = unsaved
	}
	m.menu.Refresh()
	if mm := m.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// --- actions without dialogs (the menu's dialogs call these) ---

// NewWorkspace saves the current workspace and starts an empty one named
// name, saved at once.
func (mn *menus) NewWorkspace(name string) error {
	m := mn.m
	if m.store == nil {
		return errors.New("no project is open")
	}
	if err := m.checkFree(name); err != nil {
		return err
	}
	m.saveQuietly()
	m.startNew(name, false)
	return m.writeOrExplain()
}

// Open saves the current workspace and opens the workspace name. A file
// that cannot be loaded is reported in a dialog (and returned); the
// current workspace then stays.
func (mn *menus) Open(name string) error {
	m := mn.m
	if m.store == nil {
		return errors.New("no project is open")
	}
	ws, err := m.store.Load(name)
	if err != nil {
		m.showLoadError(name, err)
		return err
	}
	m.saveQuietly()
	m.apply(ws)
	if err := m.store.SetLast(ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}

// OpenBackup opens the previous version of the workspace name, for when
// its file is damaged. Saving it keeps the damaged file beside it.
func (mn *menus) OpenBackup(name string) error {
	m := mn.m
	if m.store == nil {
		return errors.New("no project is open")
	}
	ws, err := m.store.LoadBackup(name)
	if err != nil {
		m.showError(fmt.Errorf("open the backup of %q: %w", name, err))
		return err
	}
	m.saveQuietly()
	m.apply(ws)
	m.saved = "" // not yet saved over the damaged file: do so at the next save
	m.fromBackup = true
	m.refresh()
	return nil
}

// Save writes the workspace now. Errors are returned, not shown.
func (mn *menus) Save() error {
	m := mn.m
	if m.ws == nil || m.store == nil {
		return errors.New("no workspace is open")
	}
	m.stopTimer()
	err := m.write()
	m.refresh()
	return err
}

// SaveFromMenu saves and explains a failure: a conflict offers Reload or
// Save As, a read-only workspace offers Save As.
func (mn *menus) SaveFromMenu() {
	m := mn.m
	if m.ws == nil {
		return
	}
	if err := m.Save(); err != nil {
		m.saveFailed(err)
	}
}

// SaveAs writes the workspace under a new name and makes that the
// current one (writable, even when the original was read-only).
func (mn *menus) SaveAs(name string) error {
	m := mn.m
	if m.ws == nil || m.store == nil {
		return errors.New("no workspace is open")
	}
	m.stopTimer()
	m.Capture()
	if err := m.store.SaveAs(m.ws, name, workspace.SaveOptions{}); err != nil {
		return fmt.Errorf("save workspace as %q: %w", name, err)
	}
	m.conflict = false
	m.saved = fingerprint(m.ws)
	if err := m.store.SetLast(m.ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	m.refresh()
	return nil
}

// Rename renames the current workspace (saved first).
func (mn *menus) Rename(name string) error {
	m := mn.m
	if m.ws == nil || m.store == nil {
		return errors.New("no workspace is open")
	}
	old := m.ws.Name
	if !m.ws.ReadOnly && !m.conflict {
		m.saveQuietly()
	}
	if err := m.store.Rename(old, name); err != nil {
		return fmt.Errorf("rename workspace %q: %w", old, err)
	}
	m.ws.Name = name
	m.refresh()
	return nil
}

// Duplicate saves the current workspace, copies it as name and opens the
// copy.
func (mn *menus) Duplicate(name string) error {
	m := mn.m
	if m.ws == nil || m.store == nil {
		return errors.New("no workspace is open")
	}
	if !m.ws.ReadOnly && !m.conflict {
		m.saveQuietly()
	}
	ws, err := m.store.Duplicate(m.ws.Name, name)
	if err != nil {
		return fmt.Errorf("duplicate workspace %q: %w", m.ws.Name, err)
	}
	m.apply(ws)
	if err := m.store.SetLast(ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}

// Delete removes the current workspace's file and starts an empty
// workspace.
func (mn *menus) Delete() error {
	m := mn.m
	if m.ws == nil || m.store == nil {
		return errors.New("no workspace is open")
	}
	m.stopTimer()
	if err := m.store.Delete(m.ws.Name); err != nil {
		return fmt.Errorf("delete workspace %q: %w", m.ws.Name, err)
	}
	m.startNew(m.freeName("Untitled"), false)
	return nil
}

// Reload drops the window's unsaved changes and loads the workspace again
// from its file (after a conflict: what the other window saved).
func (mn *menus) Reload() error {
	m := mn.m
	if m.ws == nil || m.store == nil {
		return errors.New("no workspace is open")
	}
	ws, err := m.store.Load(m.ws.Name)
	if err != nil {
		m.showLoadError(m.ws.Name, err)
		return err
	}
	m.apply(ws)
	return nil
}

func (mn *menus) checkFree(name string) error {
	m := mn.m
	if err := workspace.CheckName(name); err != nil {
		return err
	}
	if m.exists(name) {
		return fmt.Errorf("%q: %w", name, workspace.ErrExists)
	}
	return nil
}

func (mn *menus) writeOrExplain() error {
	m := mn.m
	err := m.write()
	m.refresh()
	if err != nil {
		m.saveFailed(err)
	}
	return err
}

// --- dialogs ---

// askName asks for a workspace name, checking it as it is typed.
func (mn *menus) askName(title, confirm, initial string, allowSame string, f func(string) error) {
	m := mn.m
	entry := widget.NewEntry()
	entry.SetText(initial)
	hint := widget.NewLabel("")
	hint.Importance = widget.DangerImportance
	hint.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	check := func(s string) error {
		s = strings.TrimSpace(s)
		if allowSame != "" && strings.EqualFold(s, allowSame) && s != allowSame {
			return workspace.CheckName(s) // a change of case of itself
		}
		return m.checkFree(s)
	}
	entry.Validator = check
	entry.OnChanged = func(s string) {
		if err := check(s); err != nil && s != "" {
			hint.SetText(err.Error())
		} else {
			hint.SetText("")
		}
	}
	submit := func() {
		name := strings.TrimSpace(entry.Text)
		if err := check(name); err != nil {
			hint.SetText(err.Error())
			return
		}
		d.Hide()
		if err := f(name); err != nil {
			m.showError(err)
		}
	}
	entry.OnSubmitted = func(string) { submit() }
	content := container.New(&widthLayout{420}, container.NewVBox(widget.NewLabel("Name"), entry, hint))
	d = dialog.NewCustomConfirm(title, confirm, "Cancel", content,
		func(ok bool) {
			if ok {
				submit()
			}
		}, m.win)
	d.Show()
	m.win.Canvas().Focus(entry)
}

// ShowNew asks for a name and starts a new workspace.
func (mn *menus) ShowNew() {
	m := mn.m
	if m.store == nil {
		return
	}
	m.askName("New Workspace", "Create", m.freeName("Workspace"), "", m.NewWorkspace)
}

// ShowSaveAs asks for a name and saves the workspace under it.
func (mn *menus) ShowSaveAs() {
	m := mn.m
	if m.ws == nil {
		return
	}
	m.askName("Save Workspace As", "Save", m.freeName(m.ws.Name+" copy"), "", m.SaveAs)
}

// ShowRename asks for a new name for the workspace.
func (mn *menus) ShowRename() {
	m := mn.m
	if m.ws == nil {
		return
	}
	m.askName("Rename Workspace", "Rename", m.ws.Name, m.ws.Name, m.Rename)
}

// ShowDuplicate asks for the name of a copy of the workspace.
func (mn *menus) ShowDuplicate() {
	m := mn.m
	if m.ws == nil {
		return
	}
	m.askName("Duplicate Workspace", "Duplicate", m.freeName(m.ws.Name+" copy"), "", m.Duplicate)
}

// ConfirmDelete asks before deleting the workspace.
func (mn *menus) ConfirmDelete() {
	m := mn.m
	if m.ws == nil {
		return
	}
	name := m.ws.Name
	msg := message(fmt.Sprintf("Delete the workspace “%s”?\n\nIts panes, notes and %s go with it (%s). This cannot be undone.",
		name, uikit.Plural(len(m.ws.Annotations), "annotation"), m.store.Where(name)), 460)
	d := dialog.NewCustomConfirm("Delete Workspace", "Delete", "Cancel", msg, func(ok bool) {
		if ok {
			if err := m.Delete(); err != nil {
				m.showError(err)
			}
		}
	}, m.win)
	d.Show()
}

// ShowOpen lists the project's workspaces to open one.
func (mn *menus) ShowOpen() {
	m := mn.m
	if m.store == nil {
		return
	}
	list, err := m.store.List(context.Background())
	if err != nil {
		m.showError(fmt.Errorf("list workspaces: %w", err))
		return
	}
	if len(list) == 0 {
		dialog.ShowInformation("Open Workspace", "This project has no saved workspace yet.", m.win)
		return
	}
	chosen := -1
	var d dialog.Dialog
	l := widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			info := widget.NewLabel("")
			info.Importance = widget.LowImportance
			info.Truncation = fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, info)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := list[i]
			box := o.(*fyne.Container)
			name := s.Name
			if m.ws != nil && strings.EqualFold(s.Name, m.ws.Name) {
				name += "  (open)"
			}
			box.Objects[0].(*widget.Label).SetText(name)
			box.Objects[1].(*widget.Label).SetText(summaryLine(s))
			if s.Error != "" {
				box.Objects[1].(*widget.Label).Importance = widget.DangerImportance
			} else {
				box.Objects[1].(*widget.Label).Importance = widget.LowImportance
			}
			box.Objects[1].Refresh()
		})
	l.OnSelected = func(i widget.ListItemID) { chosen = i }
	d = dialog.NewCustomConfirm("Open Workspace", "Open", "Cancel", container.NewGridWrap(fyne.NewSize(560, 320), l), func(ok bool) {
		if ok && chosen >= 0 {
			_ = m.Open(list[chosen].Name) // errors are shown
		}
	}, m.win)
	d.Show()
}

// summaryLine describes a workspace in the Open dialog.
func summaryLine(s workspace.Summary) string {
	if s.Error != "" {
		line := "cannot be opened: " + s.Error
		if s.Backup != "" {
			line += " (a backup exists)"
		}
		return line
	}
	parts := []string{}
	if !s.Saved.IsZero() {
		parts = append(parts, "saved "+s.Saved.Local().Format("2 Jan 2006 15:04"))
	}
	parts = append(parts, uikit.Plural(s.Documents, "document"), uikit.Plural(s.Annotations, "annotation"))
	if s.Orphaned > 0 {
		parts = append(parts, fmt.Sprintf("%d orphaned", s.Orphaned))
	}
	if len(s.Problems) > 0 {
		parts = append(parts, uikit.Plural(len(s.Problems), "problem"))
	}
	if s.ReadOnly {
		parts = append(parts, "read-only (newer version)")
	}
	return strings.Join(parts, " · ")
}

// showLoadError explains a workspace that could not be opened: the file
// and the problem, with the backup offered when one loads. The file is
// left as it is.
func (mn *menus) showLoadError(name string, err error) {
	m := mn.m
	var le *workspace.LoadError
	if !errors.As(err, &le) {
		m.showError(fmt.Errorf("open workspace %q: %w", name, err))
		return
	}
	file := le.File
	if file == "" && m.store != nil {
		file = m.store.Where(name)
	}
	where := ""
	if le.Line > 0 {
		where = fmt.Sprintf(" (line %d, column %d)", le.Line, le.Column)
	}
	kind := "is damaged"
	switch {
	case errors.Is(err, workspace.ErrVersion):
		kind = "has an unknown version"
	case errors.Is(err, workspace.ErrUnsafePath):
		kind = "refers to a file outside the project"
	}
	text := fmt.Sprintf("The workspace “%s” could not be opened: its file %s.\n\nFile: %s\nProblem%s: %s\n\nThe file has been left as it is.",
		name, kind, file, where, le.Problem)
	if le.Backup != "" {
		text += "\nA backup of its previous version can be opened instead (the damaged file is kept)."
	}
	content := message(text, 560)
	if le.Backup == "" {
		d := dialog.NewCustom("Cannot Open Workspace", "Close", content, m.win)
		d.Show()
		return
	}
	d := dialog.NewCustomConfirm("Cannot Open Workspace", "Open Backup", "Close", content, func(ok bool) {
		if ok {
			_ = m.OpenBackup(name)
		}
	}, m.win)
	d.Show()
}

// showConflict offers Reload or Save As when another window saved the
// workspace since it was opened here.
func (mn *menus) showConflict() {
	m := mn.m
	msg := message(fmt.Sprintf("The workspace “%s” was changed on disk since it was opened here — perhaps by another Parallax window.\n\nReload it to see those changes (yours since the last save are dropped), or save yours as a new workspace.",
		m.ws.Name), 520)
	var d *dialog.CustomDialog
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		d.Hide()
		_ = m.Reload()
	})
	saveAs := widget.NewButtonWithIcon("Save As…", theme.DocumentSaveIcon(), func() {
		d.Hide()
		m.ShowSaveAs()
	})
	saveAs.Importance = widget.HighImportance
	later := widget.NewButton("Not Now", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Workspace Changed on Disk", msg, m.win)
	d.SetButtons([]fyne.CanvasObject{later, reload, saveAs})
	d.Show()
}

// showReadOnlySave offers Save As for a workspace from a newer version.
func (mn *menus) showReadOnlySave() {
	m := mn.m
	msg := message(fmt.Sprintf("The workspace “%s” was written by a newer version of Parallax and is open read-only, so that what that version added is not lost.\n\nSave your changes as a new workspace?", m.ws.Name), 500)
	d := dialog.NewCustomConfirm("Read-only Workspace", "Save As…", "Cancel", msg, func(ok bool) {
		if ok {
			m.ShowSaveAs()
		}
	}, m.win)
	d.Show()
}

func (mn *menus) showError(err error) {
	m := mn.m
	dialog.ShowError(err, m.win)
}
