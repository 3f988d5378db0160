package workspace

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func kinds(probs []Problem) string {
	var out []string
	for _, p := range probs {
		s := string(p.Kind) + ":" + p.Path
		if p.NewPath != "" {
			s += "->" + p.NewPath
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// fourDocs is a workspace over four documents: one that stays, one that
// is moved, one that is edited and one that is deleted.
func fourDocs(t *testing.T) (*Workspace, map[string]string) {
	t.Helper()
	files := map[string]string{
		"same.txt":    "This text does not change at all.",
		"old/mv.txt":  "This file is moved to another folder.",
		"edit.txt":    "First sentence here. The quoted sentence is here. Last one.",
		"deleted.txt": "This one will be deleted with its note.",
	}
	ws := New("w", t0)
	for _, p := range []string{"same.txt", "old/mv.txt", "edit.txt", "deleted.txt"} {
		ws.OpenPane(doc(p, files[p]))
	}
	for p, q := range map[string]string{"edit.txt": "The quoted sentence is here.", "deleted.txt": "will be deleted", "old/mv.txt": "moved"} {
		d := doc(p, files[p])
		i := strings.Index(d.Text, q)
		a, err := NewAnnotation(d, spanOf(i, i+len(q)), "n", nil, t0)
		if err != nil {
			t.Fatal(err)
		}
		ws.Annotations = append(ws.Annotations, a)
	}
	sort.Slice(ws.Annotations, func(i, j int) bool { return ws.Annotations[i].Path < ws.Annotations[j].Path })
	return ws, files
}

func TestResolve(t *testing.T) {
	ws, files := fourDocs(t)
	docs := []*document.Document{
		doc("same.txt", files["same.txt"]),
		doc("new/mv.txt", files["old/mv.txt"]),
		doc("edit.txt", "A new first paragraph was added. "+files["edit.txt"]),
	}
	probs := Resolve(ws, docs)
	want := "changed:edit.txt missing:deleted.txt moved:old/mv.txt->new/mv.txt"
	if got := kinds(probs); got != want {
		t.Fatalf("problems %q, want %q", got, want)
	}
	// Nothing dropped: four panes, three annotations.
	if len(ws.Panes) != 4 || len(ws.Annotations) != 3 {
		t.Fatalf("panes %d annotations %d", len(ws.Panes), len(ws.Annotations))
	}
	if ws.Panes[1].Path != "new/mv.txt" || ws.Panes[2].Hash != docs[2].Hash || ws.Panes[3].Path != "deleted.txt" {
		t.Errorf("panes %+v", ws.Panes)
	}
	for _, a := range ws.Annotations {
		switch a.Path {
		case "edit.txt":
			if a.Orphaned || docs[2].Text[a.Span.Start:a.Span.End] != "The quoted sentence is here." || a.Hash != docs[2].Hash {
				t.Errorf("edited document's annotation: %+v", a)
			}
		case "new/mv.txt":
			if a.Orphaned || a.Quote != "moved" {
				t.Errorf("moved document's annotation: %+v", a)
			}
		case "deleted.txt":
			if a.Orphaned {
				t.Errorf("an annotation of a missing document is not orphaned, it waits: %+v", a)
			}
		default:
			t.Errorf("annotation on %s", a.Path)
		}
	}
	// Deleting the quoted sentence orphans its annotation, listed.
	docs[2] = doc("edit.txt", "A new first paragraph was added. First sentence here. Last one.")
	probs = Resolve(ws, docs)
	if got := kinds(probs); got != "changed:edit.txt missing:deleted.txt orphaned:edit.txt" {
		t.Fatalf("problems %q", got)
	}
	if len(ws.Orphans()) != 1 || len(ws.Annotations) != 3 {
		t.Errorf("orphans %d of %d", len(ws.Orphans()), len(ws.Annotations))
	}
}

func TestCheckFiles(t *testing.T) {
	ws, files := fourDocs(t)
	dir := project(t, map[string]string{
		"same.txt":                    files["same.txt"],
		"new/mv.txt":                  files["old/mv.txt"],
		"edit.txt":                    "changed! " + files["edit.txt"],
		".parallax/cache/deleted.txt": files["deleted.txt"], // not a project document
	})
	probs, err := Check(context.Background(), dir, ws)
	if err != nil {
		t.Fatal(err)
	}
	want := "changed:edit.txt missing:deleted.txt moved:old/mv.txt->new/mv.txt"
	if got := kinds(probs); got != want {
		t.Fatalf("problems %q, want %q", got, want)
	}
	// Check does not change the workspace.
	if ws.Panes[1].Path != "old/mv.txt" {
		t.Error("Check changed the workspace")
	}
	// An orphaned annotation is listed; an unreadable file too.
	ws.Annotations[0].Orphaned = true
	if err := os.Chmod(filepath.Join(dir, "same.txt"), 0); err != nil {
		t.Fatal(err)
	}
	probs, err = Check(context.Background(), dir, ws)
	if err != nil {
		t.Fatal(err)
	}
	got := kinds(probs)
	if !strings.Contains(got, "orphaned:") {
		t.Errorf("orphan not listed: %q", got)
	}
	if os.Geteuid() != 0 && !strings.Contains(got, "unreadable:same.txt") {
		t.Errorf("unreadable file not listed: %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Check(ctx, dir, ws); err == nil {
		t.Error("Check ignored a cancelled context")
	}
}

func TestCheckSampleProject(t *testing.T) {
	// The CLI's cheap check over real files: a workspace on the sample
	// project has no problems, and a renamed copy is found as moved.
	dir := testcorpus.SampleProjectCopy(t)
	entries, _ := os.ReadDir(dir)
	ws := New("w", t0)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		ws.OpenPane(doc(e.Name(), string(data)))
	}
	if len(ws.Panes) == 0 {
		t.Skip("empty sample")
	}
	probs, err := Check(context.Background(), dir, ws)
	if err != nil || len(probs) != 0 {
		t.Fatalf("problems %v, %v", probs, err)
	}
	first := ws.Panes[0].Path
	if err := os.MkdirAll(filepath.Join(dir, "archive"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, first), filepath.Join(dir, "archive", first)); err != nil {
		t.Fatal(err)
	}
	probs, _ = Check(context.Background(), dir, ws)
	if got := kinds(probs); got != "moved:"+first+"->archive/"+first {
		t.Errorf("problems %q", got)
	}
}

// An orphaned annotation is reported as orphaned, not also as a changed
// document at every later load.
func TestOrphanIsNotReportedAsChangedAgain(t *testing.T) {
	text := "First sentence here. The quoted sentence is here. Last one."
	d := doc("edit.txt", text)
	q := "The quoted sentence is here."
	i := strings.Index(text, q)
	a, err := NewAnnotation(d, spanOf(i, i+len(q)), "n", nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	ws := New("w", t0)
	ws.Annotations = []Annotation{a}

	edited := doc("edit.txt", "First sentence here. Something else entirely now. Last one.")
	if got := kinds(Resolve(ws, []*document.Document{edited})); got != "changed:edit.txt orphaned:edit.txt" {
		t.Fatalf("first resolve: %q, want the change and the orphan", got)
	}
	if got := kinds(Resolve(ws, []*document.Document{edited})); got != "orphaned:edit.txt" {
		t.Errorf("second resolve: %q, want only the orphan", got)
	}
	dir := project(t, map[string]string{"edit.txt": edited.Text})
	probs, err := Check(context.Background(), dir, ws)
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(probs); got != "orphaned:edit.txt" {
		t.Errorf("Check: %q, want only the orphan", got)
	}
}
