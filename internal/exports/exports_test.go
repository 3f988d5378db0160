package exports

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

func TestAnnotations(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	ws := workspace.New("Coding", now)
	ws.Name = "Coding"
	ws.Annotations = []workspace.Annotation{
		{ID: "a1", Path: "x.txt", Span: document.Span{Start: 3, End: 9}, Quote: "-the regime", Note: "=1+1", Tags: []string{"frame:threat", "@actor"}, Created: now, Modified: now},
	}
	tab := Annotations([]*workspace.Workspace{ws})
	if tab.Rows() != 1 {
		t.Fatalf("%d rows", tab.Rows())
	}
	var b bytes.Buffer
	if err := tab.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Coding", "a1", "x.txt", "3", "9", "'-the regime", "'=1+1", "frame:threat; @actor", "false", "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"}
	if strings.Join(recs[0], ",") != strings.Join(tab.Columns, ",") || strings.Join(recs[1], "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", recs[1], want)
	}
	if _, err := Find([]Table{tab}, "nope"); err == nil {
		t.Error("Find of an unknown table")
	}
}
