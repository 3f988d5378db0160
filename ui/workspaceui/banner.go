package workspaceui

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// notices tell the analyst the state of the workspace: the banner under
// the header and the workspace's name in it. They read the session and
// act through callbacks.
type notices struct {
	s   *session
	win fyne.Window
	// isDirty reports whether the window differs from the saved
	// workspace; noteChange notes a change by the analyst.
	isDirty    func() bool
	noteChange func()
	// The banner's and the header's buttons.
	reload       func() error
	saveAs, open func()

	banner *banner
	label  *headerLabel
}

// refresh brings the banner and the header up to date.
func (nt *notices) refresh() {
	nt.label.refresh()
	nt.banner.refresh()
}

// newWorkspace shows the banner again for a workspace made current.
func (nt *notices) newWorkspace() { nt.banner.dismissed = false }

// banner is the strip under the header that says what needs the analyst:
// a read-only workspace, a save refused by a conflict, documents of the
// workspace that moved, changed or went missing.
type banner struct {
	nt        *notices
	bg        *canvas.Rectangle
	icon      *widget.Icon
	text      *widget.Label
	buttons   *fyne.Container
	dismissed bool
	root      *fyne.Container
}

func newBanner(nt *notices) *banner {
	b := &banner{nt: nt}
	b.bg = canvas.NewRectangle(color.Transparent)
	b.bg.CornerRadius = theme.InputRadiusSize()
	b.icon = widget.NewIcon(theme.WarningIcon())
	b.text = widget.NewLabel("")
	b.text.Wrapping = fyne.TextWrapWord
	b.buttons = container.NewHBox()
	row := container.NewBorder(nil, nil, container.NewCenter(b.icon), container.NewCenter(b.buttons), b.text)
	b.root = container.NewPadded(container.NewStack(b.bg, container.NewPadded(row)))
	b.root.Hide()
	return b
}

func (b *banner) button(label string, icon fyne.Resource, f func()) *widget.Button {
	btn := widget.NewButtonWithIcon(label, icon, f)
	btn.Importance = widget.LowImportance
	return btn
}

// Text returns the banner's message, "" when hidden (for tests).
func (nt *notices) BannerText() string {
	if !nt.banner.root.Visible() {
		return ""
	}
	return nt.banner.text.Text
}

func (b *banner) refresh() {
	nt := b.nt
	s := nt.s
	var msg string
	var btns []fyne.CanvasObject
	warn := theme.Color(theme.ColorNameWarning)
	switch {
	case s.ws == nil:
	case s.conflict:
		msg = fmt.Sprintf("The workspace “%s” was changed on disk by another window. Reload it, or save yours as a new workspace.", s.ws.Name)
		if nt.isDirty() {
			msg = "Not saved: t" + msg[1:]
		}
		btns = append(btns, b.button("Reload", theme.ViewRefreshIcon(), func() { _ = nt.reload() }),
			b.button("Save As…", theme.DocumentSaveIcon(), nt.saveAs))
		warn = theme.Color(theme.ColorNameError)
	case s.fromBackup:
		msg = fmt.Sprintf("This is the backup of the workspace “%s”, whose file was damaged. Saving it replaces the damaged file, which is first kept beside it (.damaged).", s.ws.Name)
	case s.ws.ReadOnly:
		msg = fmt.Sprintf("The workspace “%s” was written by a newer version of Parallax and is open read-only: changes are not saved. Use Save As to keep them.", s.ws.Name)
		btns = append(btns, b.button("Save As…", theme.DocumentSaveIcon(), nt.saveAs))
	case len(s.problems) > 0 && !b.dismissed:
		msg = problemsSummary(s.problems)
		btns = append(btns, b.button("Details…", theme.InfoIcon(), nt.ShowProblems))
		if len(s.missing) > 0 {
			btns = append(btns, b.button("Close Missing", theme.ContentClearIcon(), nt.ForgetMissing))
		}
		btns = append(btns, b.button("", theme.CancelIcon(), func() {
			b.dismissed = true
			b.refresh()
		}))
	}
	if msg == "" {
		b.root.Hide()
		return
	}
	r, g, bl, _ := warn.RGBA()
	b.bg.FillColor = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 0x30}
	b.bg.Refresh()
	b.text.SetText(msg)
	b.buttons.Objects = btns
	b.buttons.Refresh()
	b.root.Show()
	b.root.Refresh()
}

// problemsSummary says in one sentence what changed under the workspace.
func problemsSummary(ps []workspace.Problem) string {
	count := map[workspace.ProblemKind]int{}
	for _, p := range ps {
		count[p.Kind]++
	}
	var parts []string
	for _, k := range []struct {
		kind workspace.ProblemKind
		word string
	}{
		{workspace.ProblemMissing, "missing"},
		{workspace.ProblemMoved, "moved"},
		{workspace.ProblemChanged, "changed"},
		{workspace.ProblemUnreadable, "unreadable"},
		{workspace.ProblemUnsafe, "outside the project"},
	} {
		if n := count[k.kind]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k.word))
		}
	}
	msg := ""
	if len(parts) > 0 {
		msg = "Since this workspace was saved, documents it uses changed: " + strings.Join(parts, ", ") + "."
	}
	if n := count[workspace.ProblemOrphaned]; n > 0 {
		if msg != "" {
			msg += " "
		}
		msg += uikit.Plural(n, "annotation") + " could not be found in the text any more (kept, marked orphaned)."
	}
	return msg
}

// ShowProblems lists every problem of the workspace.
func (nt *notices) ShowProblems() {
	if len(nt.s.problems) == 0 {
		return
	}
	var lines []string
	for _, p := range nt.s.problems {
		lines = append(lines, "• "+p.String())
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	content := container.New(&widthLayout{600}, text)
	scroll := container.NewVScroll(content)
	scroll.SetMinSize(fyne.NewSize(620, min(360, content.MinSize().Height+theme.Padding())))
	dialog.ShowCustom("Documents That Changed", "Close", scroll, nt.win)
}

// ForgetMissing removes from the workspace the panes of documents that
// are gone (their annotations stay, listed as missing).
func (nt *notices) ForgetMissing() {
	nt.s.missing = nil
	nt.noteChange()
}
