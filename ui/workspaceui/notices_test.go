package workspaceui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// TestNoticesOnTheirOwn drives the banner and the header from a session
// and callbacks alone, without a Manager or a project.
func TestNoticesOnTheirOwn(t *testing.T) {
	a := test.NewTempApp(t)
	s := &session{}
	dirty, reloaded := false, 0
	nt := &notices{s: s, win: a.NewWindow("t"), isDirty: func() bool { return dirty }, noteChange: func() {},
		reload: func() error { reloaded++; return nil }, saveAs: func() {}, open: func() {}}
	nt.banner, nt.label = newBanner(nt), newHeaderLabel(nt)

	nt.refresh()
	if nt.BannerText() != "" || nt.label.root.Visible() {
		t.Fatalf("no workspace: banner %q, header shown %v", nt.BannerText(), nt.label.root.Visible())
	}
	s.ws = workspace.New("Mine", testNow)
	for _, c := range []struct {
		name                  string
		set                   func()
		banner, header        string
		reloadButton, noClose bool
	}{
		{"saved", func() {}, "", "Mine", false, false},
		{"changed", func() { dirty = true }, "", "Mine •", false, false},
		{"conflict", func() { s.conflict = true }, "Not saved: the workspace “Mine” was changed on disk", "Mine (not saved)", true, false},
		{"backup", func() { s.conflict, dirty, s.fromBackup = false, false, true }, "This is the backup of the workspace “Mine”", "Mine", false, false},
		{"problems", func() {
			s.fromBackup = false
			s.problems = []workspace.Problem{{Kind: workspace.ProblemMissing, Path: "a.txt"}}
		}, "1 missing", "Mine", false, false},
	} {
		c.set()
		nt.refresh()
		if got := nt.BannerText(); c.banner == "" && got != "" || !strings.Contains(got, c.banner) {
			t.Errorf("%s: banner %q, want %q", c.name, got, c.banner)
		}
		if got := nt.HeaderText(); got != c.header {
			t.Errorf("%s: header %q, want %q", c.name, got, c.header)
		}
		if c.reloadButton {
			test.Tap(buttonLabelled(t, nt, "Reload"))
			if reloaded != 1 {
				t.Errorf("%s: Reload called the callback %d times", c.name, reloaded)
			}
		}
	}
	// Dismissed problems stay hidden until another workspace is made
	// current.
	nt.banner.dismissed = true
	nt.refresh()
	if nt.BannerText() != "" {
		t.Errorf("dismissed: banner %q", nt.BannerText())
	}
	nt.newWorkspace()
	nt.refresh()
	if nt.BannerText() == "" {
		t.Error("a new workspace shows the banner again")
	}
}

// buttonLabelled finds the banner's button with that label.
func buttonLabelled(t *testing.T, nt *notices, label string) *widget.Button {
	t.Helper()
	for _, o := range nt.banner.buttons.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	t.Fatalf("no banner button %q", label)
	return nil
}
