package reportui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/report"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// Settings are the choices of the report settings dialog.
type Settings struct {
	workspace.ReportSettings
	// OpenOnly limits the report to the documents open side by side.
	OpenOnly bool
}

// CurrentSettings returns the settings the next report uses: the
// workspace's, with every section on unless it turns it off.
func (r *Reporter) CurrentSettings() Settings {
	s := Settings{OpenOnly: r.openOnly}
	if ws := r.snapshot(); ws != nil {
		s.ReportSettings = ws.Report
	}
	if s.Paper == "" {
		s.Paper = workspace.PaperA4
	}
	on := map[string]bool{}
	for _, sec := range report.AllSections() {
		v, set := s.Sections[string(sec)]
		on[string(sec)] = v || !set
	}
	s.Sections = on
	return s
}

// ApplySettings keeps s: the report settings in the workspace, the open
// documents choice for the session.
func (r *Reporter) ApplySettings(s Settings) {
	r.openOnly = s.OpenOnly
	if r.opts.Workspaces != nil {
		r.opts.Workspaces.SetReportSettings(s.ReportSettings)
	}
}

// ShowSettings shows the report settings; confirm labels the button that
// keeps them and then calls next (nil: just keep them).
func (r *Reporter) ShowSettings(confirm string, next func()) {
	p := r.ctrl.Project()
	if p == nil {
		return
	}
	cur := r.CurrentSettings()
	title := widget.NewEntry()
	title.SetPlaceHolder("Comparison report: " + filepath.Base(p.Dir))
	title.SetText(cur.Title)
	paper := widget.NewRadioGroup([]string{"A4", "Letter"}, nil)
	paper.Horizontal = true
	paper.Required = true
	paper.SetSelected("A4")
	if cur.Paper == workspace.PaperLetter {
		paper.SetSelected("Letter")
	}
	var labels []string
	byLabel := map[string]report.Section{}
	var selected []string
	for _, sec := range report.AllSections() {
		l := sec.Heading()
		labels = append(labels, l)
		byLabel[l] = sec
		if cur.Sections[string(sec)] {
			selected = append(selected, l)
		}
	}
	sections := widget.NewCheckGroup(labels, nil)
	sections.SetSelected(selected)
	openOnly := widget.NewCheck("Only the documents open side by side", nil)
	openOnly.SetChecked(cur.OpenOnly)
	if len(r.ctrl.OpenDocs()) == 0 {
		openOnly.SetChecked(false)
		openOnly.Disable()
	}
	form := widget.NewForm(
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Paper", paper),
		widget.NewFormItem("Sections", sections),
		widget.NewFormItem("Documents", openOnly),
	)
	d := dialog.NewCustomConfirm("Report Settings", confirm, "Cancel", container.NewGridWrap(fyne.NewSize(520, form.MinSize().Height), form), func(ok bool) {
		if !ok {
			return
		}
		s := Settings{OpenOnly: openOnly.Checked}
		s.Title = strings.TrimSpace(title.Text)
		s.Paper = workspace.PaperA4
		if paper.Selected == "Letter" {
			s.Paper = workspace.PaperLetter
		}
		s.Sections = map[string]bool{}
		chosen := map[string]bool{}
		for _, l := range sections.Selected {
			chosen[l] = true
		}
		for l, sec := range byLabel {
			s.Sections[string(sec)] = chosen[l]
		}
		r.ApplySettings(s)
		if next != nil {
			next()
		}
	}, r.win)
	d.Show()
}
