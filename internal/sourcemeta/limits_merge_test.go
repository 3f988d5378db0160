package sourcemeta

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSidecarRowAndColumnLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("file,outlet\n")
	for i := 0; i <= MaxSidecarRows; i++ {
		fmt.Fprintf(&b, "a%d.txt,X\n", i)
	}
	if _, err := ParseSidecar([]byte(b.String()), "/p/sources.csv"); err == nil || !strings.Contains(err.Error(), "rows") {
		t.Errorf("%d rows: err = %v", MaxSidecarRows+1, err)
	}
	wide := "file" + strings.Repeat(",c", MaxSidecarColumns) + "\na.txt\n"
	if _, err := ParseSidecar([]byte(wide), "/p/sources.csv"); err == nil || !strings.Contains(err.Error(), "columns") {
		t.Errorf("%d columns: err = %v", MaxSidecarColumns+1, err)
	}
	ok := "file,outlet\n" + strings.Repeat("a.txt,X\n", 3)
	if _, err := ParseSidecar([]byte(ok), "/p/sources.csv"); err != nil {
		t.Errorf("small table: %v", err)
	}
}

func TestSidecarLinkedOutOfTheFolderIsNotRead(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "t.csv"), []byte("file,outlet\na.txt,Secret Outlet\n"), 0o644)
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "t.csv"), filepath.Join(dir, "sources.csv")); err != nil {
		t.Skip(err)
	}
	s, err := LoadSidecar(dir)
	if s != nil {
		t.Errorf("sidecar read through a link out: %+v (err %v)", s.Files(), err)
	}
}

// Two windows edit one project's sources.json from the same starting
// point; each save keeps the other's changes, and the later word on the
// same value wins.
func TestOverridesSaveMergesAnotherWritersChanges(t *testing.T) {
	dir := t.TempDir()
	start := NewOverrides()
	start.SetField("a.txt", "title", "Start")
	start.SetField("gone.txt", "author", "X")
	start.SetOutletStance("Daily", "neutral")
	if err := start.Save(dir); err != nil {
		t.Fatal(err)
	}
	one, _ := LoadOverrides(dir)
	two, _ := LoadOverrides(dir)

	one.SetField("a.txt", "outlet", "One Outlet")
	one.SetField("gone.txt", "author", "") // removes it
	one.SetOutletStance("Weekly", "critical")
	if err := one.Save(dir); err != nil {
		t.Fatal(err)
	}
	two.SetField("b.txt", "title", "Two")
	two.SetField("a.txt", "title", "Two's title")
	two.SetOutletStance("daily", "supportive") // same outlet, other case
	if err := two.Save(dir); err != nil {
		t.Fatal(err)
	}

	got, err := LoadOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"a.txt": {"title": "Two's title", "outlet": "One Outlet"},
		"b.txt": {"title": "Two"},
	}
	for doc, fields := range want {
		for f, v := range fields {
			if g := got.Fields(doc)[f]; g != v {
				t.Errorf("%s %s = %q, want %q", doc, f, g, v)
			}
		}
	}
	if len(got.Fields("gone.txt")) != 0 {
		t.Errorf("removed override came back: %v", got.Fields("gone.txt"))
	}
	st := got.OutletStances()
	if st["Weekly"] != "critical" || st["daily"] != "supportive" || len(st) != 2 {
		t.Errorf("stances = %v", st)
	}
	// The saver holds the merged whole afterwards.
	if two.Fields("a.txt")["outlet"] != "One Outlet" {
		t.Error("the second writer does not see the first's change after saving")
	}
}
