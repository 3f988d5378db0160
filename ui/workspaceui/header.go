package workspaceui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// headerLabel shows the open workspace's name and whether it is saved; a
// click opens another.
type headerLabel struct {
	nt   *notices
	btn  *widget.Button
	root fyne.CanvasObject
}

func newHeaderLabel(nt *notices) *headerLabel {
	h := &headerLabel{nt: nt}
	h.btn = widget.NewButtonWithIcon("", theme.StorageIcon(), func() { nt.open() })
	h.btn.Importance = widget.LowImportance
	h.root = h.btn
	h.root.Hide()
	return h
}

// HeaderText returns the workspace line of the header (for tests).
func (nt *notices) HeaderText() string {
	return nt.label.btn.Text
}

func (h *headerLabel) refresh() {
	s := h.nt.s
	if s.ws == nil {
		h.root.Hide()
		return
	}
	text := s.ws.Name
	switch {
	case s.ws.ReadOnly:
		text += " (read-only)"
	case s.conflict:
		text += " (not saved)"
	case h.nt.isDirty():
		text += " •"
	}
	h.btn.SetText(text)
	h.root.Show()
}
