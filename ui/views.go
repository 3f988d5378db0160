package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/ui/state"
)

// startScreen is shown when no project is open.
type startScreen struct {
	w      *Workbench
	recent *fyne.Container
	demo   *widget.Button
	root   fyne.CanvasObject
}

func newStartScreen(w *Workbench) *startScreen {
	s := &startScreen{w: w}
	var logo fyne.CanvasObject = strut(0, 0)
	if w.opts.Icon != nil {
		img := canvas.NewImageFromResource(w.opts.Icon)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(72))
		logo = img
	}
	title := canvas.NewText("Parallax", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.3
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Alignment = fyne.TextAlignCenter
	sub := widget.NewLabel("Compare side by side how outlets frame the same event.")
	sub.Alignment = fyne.TextAlignCenter
	sub.Importance = widget.LowImportance

	open := widget.NewButtonWithIcon("Open Folder…", theme.FolderOpenIcon(), w.ShowOpenFolder)
	open.Importance = widget.HighImportance
	s.demo = widget.NewButtonWithIcon("Open demo project", theme.FileApplicationIcon(), w.OpenDemo)
	if w.opts.Demo == nil {
		s.demo.Hide()
	}
	hint := widget.NewLabel("or drop a folder of articles (txt, md, html, pdf) onto this window")
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance

	recentTitle := widget.NewLabelWithStyle("Recent projects", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.recent = container.NewVBox()
	card := container.NewVBox(
		strut(520, 0),
		container.NewCenter(logo),
		title,
		sub,
		strut(0, theme.Padding()*3),
		container.NewCenter(container.NewHBox(open, s.demo)),
		hint,
		strut(0, theme.Padding()*3),
		widget.NewSeparator(),
		recentTitle,
		s.recent,
	)
	s.root = container.NewCenter(container.NewPadded(card))
	return s
}

// strut is an invisible object of a fixed minimum size, for spacing.
func strut(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

// refresh lists the recent projects that still exist.
func (s *startScreen) refresh() {
	s.recent.RemoveAll()
	n := 0
	for _, dir := range recentProjects(s.w.app) {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		dir := dir
		b := widget.NewButtonWithIcon(recentLabel(dir), theme.FolderIcon(), func() { s.w.OpenFolder(dir) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		s.recent.Add(b)
		n++
		if n == 5 {
			break
		}
	}
	if n == 0 {
		l := widget.NewLabel("No recent projects yet.")
		l.Importance = widget.LowImportance
		s.recent.Add(l)
	}
}

// recentLabel shows a folder as "name — parent path", shortening the home
// folder to ~.
func recentLabel(dir string) string {
	parent := filepath.Dir(dir)
	if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(parent, home) {
		parent = "~" + strings.TrimPrefix(parent, home)
	}
	return filepath.Base(dir) + "  —  " + parent
}

// loadingView shows the progress of a load with Cancel, in a modal card
// over the workspace: the window keeps its layout (and the project open
// before, until the new one has loaded), and the workspace's widgets are
// drawn once already when the load ends, instead of all at once with the
// first 10k-row table.
type loadingView struct {
	title   *widget.Label
	bar     *widget.ProgressBar
	count   *widget.Label
	current *widget.Label
	cancel  *widget.Button
	card    fyne.CanvasObject
	popup   *widget.PopUp
}

func newLoadingView(onCancel func()) *loadingView {
	l := &loadingView{}
	l.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.title.Truncation = fyne.TextTruncateEllipsis
	l.bar = widget.NewProgressBar()
	l.count = widget.NewLabel("")
	l.current = widget.NewLabel("")
	l.current.Importance = widget.LowImportance
	l.current.Truncation = fyne.TextTruncateEllipsis
	l.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), onCancel)
	box := container.NewVBox(l.title, l.bar, l.count, l.current, container.NewHBox(layout.NewSpacer(), l.cancel))
	l.card = container.NewGridWrap(fyne.NewSize(520, 200), box)
	return l
}

// show puts the card over the content of c.
func (l *loadingView) show(c fyne.Canvas) {
	if l.popup == nil {
		l.popup = widget.NewModalPopUp(l.card, c)
	}
	l.popup.Show()
}

// hide takes the card away.
func (l *loadingView) hide() {
	if l.popup != nil {
		l.popup.Hide()
	}
}

// shown tells whether the card is up.
func (l *loadingView) shown() bool { return l.popup != nil && l.popup.Visible() }

func (l *loadingView) reset(dir string) {
	l.title.SetText("Opening " + filepath.Base(dir))
	l.bar.SetValue(0)
	l.count.SetText("Looking for articles…")
	l.current.SetText(dir)
	l.cancel.Enable()
}

func (l *loadingView) set(p state.Progress) {
	if p.Total > 0 {
		setProgress(l.bar, float64(p.Done)/float64(p.Total))
		l.count.SetText(fmt.Sprintf("%d of %d files read", p.Done, p.Total))
	}
	if p.Current != "" && p.Current != l.current.Text {
		l.current.SetText(p.Current)
	}
}

// setProgress moves bar to v unless the change would not show (under a
// thousandth), sparing a repaint.
func setProgress(bar *widget.ProgressBar, v float64) {
	if d := v - bar.Value; d > -0.001 && d < 0.001 && v != bar.Max {
		return
	}
	bar.SetValue(v)
}

func (l *loadingView) cancelling() {
	l.count.SetText("Cancelling…")
	l.cancel.Disable()
}

// problemsPanel lists the files that could not be read and the skipped
// files.
type problemsPanel struct {
	rows  []problemRow
	list  *widget.List
	empty *widget.Label
	root  fyne.CanvasObject
}

type problemRow struct {
	path, kind, reason string
}

func newProblemsPanel() *problemsPanel {
	p := &problemsPanel{}
	p.list = widget.NewList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			path := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			path.Truncation = fyne.TextTruncateEllipsis
			kind := widget.NewLabel("")
			kind.Importance = widget.WarningImportance
			reason := widget.NewLabel("")
			reason.Truncation = fyne.TextTruncateEllipsis
			reason.Importance = widget.LowImportance
			// Pull the reason up under its file: labels carry their own padding.
			return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
				container.NewBorder(nil, nil, nil, kind, path), reason)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := p.rows[i]
			box := o.(*fyne.Container)
			top := box.Objects[0].(*fyne.Container)
			top.Objects[0].(*widget.Label).SetText(r.path)
			kind := top.Objects[1].(*widget.Label)
			kind.SetText(r.kind)
			if r.kind == "skipped" {
				kind.Importance = widget.LowImportance
			} else {
				kind.Importance = widget.WarningImportance
			}
			kind.Refresh()
			box.Objects[1].(*widget.Label).SetText(r.reason)
		})
	p.list.OnSelected = func(widget.ListItemID) { p.list.UnselectAll() }
	p.empty = widget.NewLabel("Every file in the folder was read.")
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Importance = widget.LowImportance
	p.root = container.NewStack(p.list, container.NewCenter(p.empty))
	return p
}

func (p *problemsPanel) set(proj *state.Project) {
	p.rows = p.rows[:0]
	if proj != nil {
		for _, pr := range proj.Problems {
			p.rows = append(p.rows, problemRow{pr.Path, pr.Kind, pr.Error})
		}
		for _, s := range proj.Skipped {
			why := proj.SkipReasons[s]
			if why == "" {
				why = "not an article format Parallax reads (txt, md, html, pdf)"
			}
			p.rows = append(p.rows, problemRow{s, "skipped", why})
		}
	}
	if len(p.rows) == 0 {
		p.empty.Show()
		p.list.Hide()
	} else {
		p.empty.Hide()
		p.list.Show()
	}
	p.list.Refresh()
}

// Rows returns the problem rows shown as "path: kind: reason", for tests.
func (p *problemsPanel) Rows() []string {
	out := make([]string, len(p.rows))
	for i, r := range p.rows {
		out[i] = r.path + ": " + r.kind + ": " + r.reason
	}
	return out
}
