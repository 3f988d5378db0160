package workspaceui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// headerLabel shows the open workspace's name and whether it is saved; a
// click opens another.
type headerLabel struct {
	m    *Manager
	btn  *widget.Button
	root fyne.CanvasObject
}

func newHeaderLabel(m *Manager) *headerLabel {
	h := &headerLabel{m: m}
	h.btn = widget.NewButtonWithIcon("", theme.StorageIcon(), m.ShowOpen)
	h.btn.Importance = widget.LowImportance
	h.root = h.btn
	h.root.Hide()
	return h
}

// HeaderText returns the workspace line of the header (for tests).
func (nt *notices) HeaderText() string {
	m := nt.m
	return m.label.btn.Text
}

func (h *headerLabel) refresh() {
	m := h.m
	if m.ws == nil {
		h.root.Hide()
		return
	}
	text := m.ws.Name
	switch {
	case m.ws.ReadOnly:
		text += " (read-only)"
	case m.conflict:
		text += " (not saved)"
	case m.Dirty():
		text += " •"
	}
	h.btn.SetText(text)
	h.root.Show()
}
