package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/ui/state"
)

// A skipped link or FIFO says why it was skipped, not that its format is
// unknown (which would be wrong for "memo.txt").
func TestProblemsPanelSaysWhyAFileWasSkipped(t *testing.T) {
	test.NewTempApp(t)
	p := newProblemsPanel()
	p.set(&state.Project{
		Skipped:     []string{"memo.txt", "notes.docx"},
		SkipReasons: map[string]string{"memo.txt": "a symbolic link, not followed"},
	})
	want := map[string]string{
		"memo.txt":   "a symbolic link, not followed",
		"notes.docx": "not an article format Parallax reads (txt, md, html, pdf)",
	}
	if len(p.rows) != len(want) {
		t.Fatalf("rows = %+v", p.rows)
	}
	for _, r := range p.rows {
		if r.kind != "skipped" || r.reason != want[r.path] {
			t.Errorf("row %+v, want reason %q", r, want[r.path])
		}
	}
}
