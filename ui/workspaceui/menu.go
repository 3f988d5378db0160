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

// menus is the Workspace menu with its shortcuts and dialogs, and the
// actions on workspace files behind them (new, open, save, save as,
// rename, duplicate, delete, reload).
type menus struct {
	s       *session
	win     fyne.Window
	saver   saving
	restore interface {
		apply(ws *workspace.Workspace)
		startNew(name string)
	}
	// refresh brings every view up to date; annotate starts an annotation
	// of the selection; showPanel shows the annotations panel.
	refresh, annotate, showPanel func()

	menu  *fyne.Menu
	items map[string]*fyne.MenuItem
}

func shortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// buildMenu creates the Workspace menu.
func (mn *menus) buildMenu() {
	mn.items = map[string]*fyne.MenuItem{}
	add := func(key, label string, f func(), sc fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Shortcut = sc
		mn.items[key] = it
		return it
	}
	mn.menu = fyne.NewMenu("Workspace",
		add("new", "New Workspace…", mn.ShowNew, nil),
		add("open", "Open Workspace…", mn.ShowOpen, nil),
		fyne.NewMenuItemSeparator(),
		add("save", "Save", mn.SaveFromMenu, shortcut(fyne.KeyS)),
		add("saveas", "Save As…", mn.ShowSaveAs, nil),
		add("rename", "Rename…", mn.ShowRename, nil),
		add("duplicate", "Duplicate…", mn.ShowDuplicate, nil),
		add("delete", "Delete…", mn.ConfirmDelete, nil),
		fyne.NewMenuItemSeparator(),
		add("annotate", "Annotate Selection…", mn.annotate, shortcut(fyne.KeyM)),
		add("annotations", "Annotations and Notes", mn.showPanel, nil),
	)
}

// addShortcuts registers the menu's shortcuts on the canvas too, so that
// they work where the driver does not route menu shortcuts (and in tests).
func (mn *menus) addShortcuts() {
	c := mn.win.Canvas()
	c.AddShortcut(shortcut(fyne.KeyS), func(fyne.Shortcut) {
		if !mn.items["save"].Disabled {
			mn.SaveFromMenu()
		}
	})
	c.AddShortcut(shortcut(fyne.KeyM), func(fyne.Shortcut) {
		if !mn.items["annotate"].Disabled {
			mn.annotate()
		}
	})
}

func (mn *menus) refreshMenu() {
	none := mn.s.ws == nil || mn.s.store == nil
	for _, it := range mn.items {
		it.Disabled = none
	}
	if !none {
		unsaved := mn.s.ws.Saved.IsZero()
		mn.items["rename"].Disabled = unsaved
		mn.items["duplicate"].Disabled = unsaved
		mn.items["delete"].Disabled = unsaved
	}
	mn.menu.Refresh()
	if mm := mn.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// --- actions without dialogs (the menu's dialogs call these) ---

// NewWorkspace saves the current workspace and starts an empty one named
// name, saved at once.
func (mn *menus) NewWorkspace(name string) error {
	if mn.s.store == nil {
		return errors.New("no project is open")
	}
	if err := mn.s.checkFree(name); err != nil {
		return err
	}
	mn.saver.saveQuietly()
	mn.restore.startNew(name)
	return mn.writeOrExplain()
}

// Open saves the current workspace and opens the workspace name. A file
// that cannot be loaded is reported in a dialog (and returned); the
// current workspace then stays.
func (mn *menus) Open(name string) error {
	if mn.s.store == nil {
		return errors.New("no project is open")
	}
	ws, err := mn.s.store.Load(name)
	if err != nil {
		mn.showLoadError(name, err)
		return err
	}
	mn.saver.saveQuietly()
	mn.restore.apply(ws)
	if err := mn.s.store.SetLast(ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}

// OpenBackup opens the previous version of the workspace name, for when
// its file is damaged. Saving it keeps the damaged file beside it.
func (mn *menus) OpenBackup(name string) error {
	if mn.s.store == nil {
		return errors.New("no project is open")
	}
	ws, err := mn.s.store.LoadBackup(name)
	if err != nil {
		mn.showError(fmt.Errorf("open the backup of %q: %w", name, err))
		return err
	}
	mn.saver.saveQuietly()
	mn.restore.apply(ws)
	mn.s.saved = "" // not yet saved over the damaged file: do so at the next save
	mn.s.fromBackup = true
	mn.refresh()
	return nil
}

// Save writes the workspace now. Errors are returned, not shown.
func (mn *menus) Save() error {
	if mn.s.ws == nil || mn.s.store == nil {
		return errors.New("no workspace is open")
	}
	mn.saver.stopTimer()
	err := mn.saver.write()
	mn.refresh()
	return err
}

// SaveFromMenu saves and explains a failure: a conflict offers Reload or
// Save As, a read-only workspace offers Save As.
func (mn *menus) SaveFromMenu() {
	if mn.s.ws == nil {
		return
	}
	if err := mn.Save(); err != nil {
		mn.saveFailed(err)
	}
}

// SaveAs writes the workspace under a new name and makes that the
// current one (writable, even when the original was read-only).
func (mn *menus) SaveAs(name string) error {
	if mn.s.ws == nil || mn.s.store == nil {
		return errors.New("no workspace is open")
	}
	if err := mn.saver.saveAs(name); err != nil {
		return fmt.Errorf("save workspace as %q: %w", name, err)
	}
	mn.refresh()
	return nil
}

// Rename renames the current workspace (saved first).
func (mn *menus) Rename(name string) error {
	if mn.s.ws == nil || mn.s.store == nil {
		return errors.New("no workspace is open")
	}
	old := mn.s.ws.Name
	if !mn.s.ws.ReadOnly && !mn.s.conflict {
		mn.saver.saveQuietly()
	}
	if err := mn.s.store.Rename(old, name); err != nil {
		return fmt.Errorf("rename workspace %q: %w", old, err)
	}
	mn.s.ws.Name = name
	mn.refresh()
	return nil
}

// Duplicate saves the current workspace, copies it as name and opens the
// copy.
func (mn *menus) Duplicate(name string) error {
	if mn.s.ws == nil || mn.s.store == nil {
		return errors.New("no workspace is open")
	}
	if !mn.s.ws.ReadOnly && !mn.s.conflict {
		mn.saver.saveQuietly()
	}
	ws, err := mn.s.store.Duplicate(mn.s.ws.Name, name)
	if err != nil {
		return fmt.Errorf("duplicate workspace %q: %w", mn.s.ws.Name, err)
	}
	mn.restore.apply(ws)
	if err := mn.s.store.SetLast(ws.Name); err != nil {
		fyne.LogError("remember workspace", err)
	}
	return nil
}

// Delete removes the current workspace's file and starts an empty
// workspace.
func (mn *menus) Delete() error {
	if mn.s.ws == nil || mn.s.store == nil {
		return errors.New("no workspace is open")
	}
	mn.saver.stopTimer()
	if err := mn.s.store.Delete(mn.s.ws.Name); err != nil {
		return fmt.Errorf("delete workspace %q: %w", mn.s.ws.Name, err)
	}
	mn.restore.startNew(mn.s.freeName("Untitled"))
	return nil
}

// Reload drops the window's unsaved changes and loads the workspace again
// from its file (after a conflict: what the other window saved).
func (mn *menus) Reload() error {
	if mn.s.ws == nil || mn.s.store == nil {
		return errors.New("no workspace is open")
	}
	ws, err := mn.s.store.Load(mn.s.ws.Name)
	if err != nil {
		mn.showLoadError(mn.s.ws.Name, err)
		return err
	}
	mn.restore.apply(ws)
	return nil
}

func (mn *menus) writeOrExplain() error {
	err := mn.saver.write()
	mn.refresh()
	if err != nil {
		mn.saveFailed(err)
	}
	return err
}

// --- dialogs ---

// askName asks for a workspace name, checking it as it is typed.
func (mn *menus) askName(title, confirm, initial string, allowSame string, f func(string) error) {
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
		return mn.s.checkFree(s)
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
			mn.showError(err)
		}
	}
	entry.OnSubmitted = func(string) { submit() }
	content := container.New(&widthLayout{420}, container.NewVBox(widget.NewLabel("Name"), entry, hint))
	d = dialog.NewCustomConfirm(title, confirm, "Cancel", content,
		func(ok bool) {
			if ok {
				submit()
			}
		}, mn.win)
	d.Show()
	mn.win.Canvas().Focus(entry)
}

// ShowNew asks for a name and starts a new workspace.
func (mn *menus) ShowNew() {
	if mn.s.store == nil {
		return
	}
	mn.askName("New Workspace", "Create", mn.s.freeName("Workspace"), "", mn.NewWorkspace)
}

// ShowSaveAs asks for a name and saves the workspace under it.
func (mn *menus) ShowSaveAs() {
	if mn.s.ws == nil {
		return
	}
	mn.askName("Save Workspace As", "Save", mn.s.freeName(mn.s.ws.Name+" copy"), "", mn.SaveAs)
}

// ShowRename asks for a new name for the workspace.
func (mn *menus) ShowRename() {
	if mn.s.ws == nil {
		return
	}
	mn.askName("Rename Workspace", "Rename", mn.s.ws.Name, mn.s.ws.Name, mn.Rename)
}

// ShowDuplicate asks for the name of a copy of the workspace.
func (mn *menus) ShowDuplicate() {
	if mn.s.ws == nil {
		return
	}
	mn.askName("Duplicate Workspace", "Duplicate", mn.s.freeName(mn.s.ws.Name+" copy"), "", mn.Duplicate)
}

// ConfirmDelete asks before deleting the workspace.
func (mn *menus) ConfirmDelete() {
	if mn.s.ws == nil {
		return
	}
	name := mn.s.ws.Name
	msg := message(fmt.Sprintf("Delete the workspace “%s”?\n\nIts panes, notes and %s go with it (%s). This cannot be undone.",
		name, uikit.Plural(len(mn.s.ws.Annotations), "annotation"), mn.s.store.Where(name)), 460)
	d := dialog.NewCustomConfirm("Delete Workspace", "Delete", "Cancel", msg, func(ok bool) {
		if ok {
			if err := mn.Delete(); err != nil {
				mn.showError(err)
			}
		}
	}, mn.win)
	d.Show()
}

// ShowOpen lists the project's workspaces to open one.
func (mn *menus) ShowOpen() {
	if mn.s.store == nil {
		return
	}
	list, err := mn.s.store.List(context.Background())
	if err != nil {
		mn.showError(fmt.Errorf("list workspaces: %w", err))
		return
	}
	if len(list) == 0 {
		dialog.ShowInformation("Open Workspace", "This project has no saved workspace yet.", mn.win)
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
			if mn.s.ws != nil && strings.EqualFold(s.Name, mn.s.ws.Name) {
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
			_ = mn.Open(list[chosen].Name) // errors are shown
		}
	}, mn.win)
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
	var le *workspace.LoadError
	if !errors.As(err, &le) {
		mn.showError(fmt.Errorf("open workspace %q: %w", name, err))
		return
	}
	file := le.File
	if file == "" && mn.s.store != nil {
		file = mn.s.store.Where(name)
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
		d := dialog.NewCustom("Cannot Open Workspace", "Close", content, mn.win)
		d.Show()
		return
	}
	d := dialog.NewCustomConfirm("Cannot Open Workspace", "Open Backup", "Close", content, func(ok bool) {
		if ok {
			_ = mn.OpenBackup(name)
		}
	}, mn.win)
	d.Show()
}

// showConflict offers Reload or Save As when another window saved the
// workspace since it was opened here.
func (mn *menus) showConflict() {
	msg := message(fmt.Sprintf("The workspace “%s” was changed on disk since it was opened here — perhaps by another Parallax window.\n\nReload it to see those changes (yours since the last save are dropped), or save yours as a new workspace.",
		mn.s.ws.Name), 520)
	var d *dialog.CustomDialog
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		d.Hide()
		_ = mn.Reload()
	})
	saveAs := widget.NewButtonWithIcon("Save As…", theme.DocumentSaveIcon(), func() {
		d.Hide()
		mn.ShowSaveAs()
	})
	saveAs.Importance = widget.HighImportance
	later := widget.NewButton("Not Now", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Workspace Changed on Disk", msg, mn.win)
	d.SetButtons([]fyne.CanvasObject{later, reload, saveAs})
	d.Show()
}

// showReadOnlySave offers Save As for a workspace from a newer version.
func (mn *menus) showReadOnlySave() {
	msg := message(fmt.Sprintf("The workspace “%s” was written by a newer version of Parallax and is open read-only, so that what that version added is not lost.\n\nSave your changes as a new workspace?", mn.s.ws.Name), 500)
	d := dialog.NewCustomConfirm("Read-only Workspace", "Save As…", "Cancel", msg, func(ok bool) {
		if ok {
			mn.ShowSaveAs()
		}
	}, mn.win)
	d.Show()
}

// saveFailed tells the analyst why a save did not happen and what to do.
func (mn *menus) saveFailed(err error) {
	switch {
	case errors.Is(err, workspace.ErrConflict):
		mn.s.conflict = true
		mn.refresh()
		mn.showConflict()
	case errors.Is(err, workspace.ErrReadOnly):
		mn.showReadOnlySave()
	default:
		mn.showError(fmt.Errorf("save workspace %q: %w", mn.s.ws.Name, err))
	}
}

func (mn *menus) showError(err error) {
	dialog.ShowError(err, mn.win)
}
