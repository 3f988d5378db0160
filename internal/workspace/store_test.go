package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
)

func TestStoreRoundTripRestoresEveryField(t *testing.T) {
	dir := project(t, nil)
	s := openStore(t, dir, Options{AppVersion: "parallax-test 0.1"})
	ws := fullWorkspace("Reuters vs Mehr")
	ws.Saved = time.Time{}
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if ws.Saved != t0.Add(2*time.Hour) || ws.AppVersion != "parallax-test 0.1" || ws.Created != t0 {
		t.Errorf("Save did not stamp the workspace: saved %v app %q created %v", ws.Saved, ws.AppVersion, ws.Created)
	}
	got, err := s.Load("Reuters vs Mehr")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ws) {
		t.Fatalf("Load after Save:\n got %+v\nwant %+v", got, ws)
	}
	// Every exported field of the workspace is set in fullWorkspace, so
	// DeepEqual really covers all of them.
	v := reflect.ValueOf(*fullWorkspace("x"))
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.IsExported() && f.Name != "ReadOnly" && f.Name != "Warnings" && v.Field(i).IsZero() {
			t.Errorf("fullWorkspace leaves %s zero", f.Name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".parallax", "workspaces", "Reuters vs Mehr.json")); err != nil {
		t.Errorf("workspace file not where documented: %v", err)
	}
}

func TestSaveKeepsBackup(t *testing.T) {
	s := openStore(t, project(t, nil), Options{})
	ws := New("w", t0)
	ws.Notes = "first"
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	ws.Notes = "second"
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	bak, err := os.ReadFile(s.File("w") + atomicfile.BackupSuffix)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(bak), `"notes": "first"`) {
		t.Errorf("backup does not hold the previous version:\n%s", bak)
	}
}

func TestCrashDuringSaveNeverLeavesABrokenFile(t *testing.T) {
	// atomicfile.Writer stops dead at each step, leaving on disk what a kill
	// there would leave: an empty or half-written temporary file, an unsynced
	// one, a half-made backup, a complete temporary file not yet renamed.
	for _, step := range atomicfile.Steps() {
		for _, first := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/first=%v", step, first), func(t *testing.T) {
				dir := project(t, nil)
				good := openStore(t, dir, Options{})
				ws := New("w", t0)
				ws.Notes = "old"
				if !first {
					if err := good.Save(ws, SaveOptions{}); err != nil {
						t.Fatal(err)
					}
				}
				before := *ws
				ws.Notes = "new " + strings.Repeat("x", 5000)

				crashing := openStore(t, dir, Options{WriteFile: atomicfile.Writer{CrashAt: step}.Write, Now: func() time.Time { return t0.Add(48 * time.Hour) }})
				err := crashing.Save(ws, SaveOptions{})
				renamed := step == atomicfile.StepSyncDir
				switch {
				case renamed && err != nil:
					t.Fatalf("the new file is in place but Save failed: %v", err)
				case !renamed && !errors.Is(err, atomicfile.ErrCrashed):
					t.Fatalf("Save = %v, want the crash", err)
				}
				if !renamed && !reflect.DeepEqual(*ws, withNotes(before, ws.Notes)) {
					t.Errorf("a failed Save changed the workspace in memory")
				}

				// The file is the old or the new workspace, whole.
				got, lerr := good.Load("w")
				switch {
				case first && !renamed:
					if !errors.Is(lerr, ErrNotFound) {
						t.Fatalf("first save crashed: Load = %v, %v; want not found", got, lerr)
					}
				case lerr != nil:
					t.Fatalf("Load after crash at %s: %v", step, lerr)
				case renamed && got.Notes != ws.Notes, !renamed && got.Notes != "old":
					t.Fatalf("after crash at %s the file holds %.20q", step, got.Notes)
				}
				// Leftovers are not listed as workspaces.
				sums, err := good.List(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for _, sm := range sums {
					if sm.Name != "w" || sm.Error != "" {
						t.Errorf("List after crash: %+v", sm)
					}
				}
				// Saving again with the real writer works and is whole.
				if err := good.Save(ws, SaveOptions{}); err != nil {
					t.Fatalf("Save after crash: %v", err)
				}
				if got, err := good.Load("w"); err != nil || got.Notes != ws.Notes {
					t.Fatalf("Load after re-save: %v", err)
				}
			})
		}
	}
}

func withNotes(ws Workspace, notes string) Workspace {
	ws.Notes = notes
	return ws
}

func TestCorruptFileOffersBackupAndIsNeverOverwritten(t *testing.T) {
	dir := project(t, nil)
	s := openStore(t, dir, Options{})
	ws := New("w", t0)
	ws.Notes = "good one"
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	ws.Notes = "good two"
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	file := s.File("w")
	mangled := []byte("{\n  \"version\": 2,\n  \"notes\": \"hand edited\n}\n")
	if err := os.WriteFile(file, mangled, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load("w")
	var le *LoadError
	if !errors.As(err, &le) || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Load = %v, want a *LoadError with ErrCorrupt", err)
	}
	if le.File != file || le.Line != 3 || le.Backup != file+atomicfile.BackupSuffix {
		t.Errorf("LoadError %+v: want file %s, line 3, backup", le, file)
	}
	for _, want := range []string{file, "line 3", "invalid JSON", ".bak"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	// A new workspace of the same name cannot be saved over it unasked.
	fresh := New("w", t0)
	if err := s.Save(fresh, SaveOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("Save over a damaged file = %v, want ErrExists", err)
	}
	if err := s.SaveAs(fresh, "W", SaveOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("SaveAs over a damaged file (other case) = %v, want ErrExists", err)
	}
	if data, _ := os.ReadFile(file); string(data) != string(mangled) {
		t.Fatalf("the damaged file was overwritten")
	}
	// Listing shows it with its error, not hidden.
	sums, err := s.List(context.Background())
	if err != nil || len(sums) != 1 || !strings.Contains(sums[0].Error, "invalid JSON") || sums[0].Backup == "" {
		t.Fatalf("List = %+v, %v", sums, err)
	}
	// Opening the backup and saving it replaces the damaged file, which
	// is kept aside.
	bak, err := s.LoadBackup("w")
	if err != nil {
		t.Fatal(err)
	}
	if bak.Notes != "good one" {
		t.Errorf("backup notes %q", bak.Notes)
	}
	if err := s.Save(bak, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	kept, _ := filepath.Glob(file + ".damaged-*")
	if len(kept) != 1 {
		t.Fatalf("damaged file not kept aside: %v", kept)
	}
	if data, _ := os.ReadFile(kept[0]); string(data) != string(mangled) {
		t.Errorf("kept damaged file differs")
	}
	if got, err := s.Load("w"); err != nil || got.Notes != "good one" {
		t.Errorf("Load after restoring the backup: %v", err)
	}
}

func TestCorruptWithoutBackup(t *testing.T) {
	s := openStore(t, project(t, nil), Options{})
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.File("w"), []byte(`{"version": 2, "panes": 7}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load("w")
	var le *LoadError
	if !errors.As(err, &le) || le.Backup != "" || !strings.Contains(err.Error(), "field panes: expected a list, found number") {
		t.Fatalf("Load = %v", err)
	}
	if _, err := s.LoadBackup("w"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LoadBackup without a backup = %v", err)
	}
}

func TestFutureVersionIsReadOnly(t *testing.T) {
	s := openStore(t, project(t, nil), Options{})
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	future := `{"version": 7, "notes": "from the future", "panes": [{"path": "a.txt"}], "timeline": {"zoom": 3}}`
	if err := os.WriteFile(s.File("f"), []byte(future), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := s.Load("f")
	if err != nil {
		t.Fatal(err)
	}
	if !ws.ReadOnly || len(ws.Warnings) != 1 || !strings.Contains(ws.Warnings[0], "version 7") || ws.Notes != "from the future" {
		t.Fatalf("future workspace: read-only %v, warnings %q, notes %q", ws.ReadOnly, ws.Warnings, ws.Notes)
	}
	if sums, err := s.List(context.Background()); err != nil || len(sums) != 1 || !sums[0].ReadOnly || sums[0].Error != "" {
		t.Errorf("List of a future workspace = %+v, %v", sums, err)
	}
	if mt, size, hash := ws.LoadedAt(); mt.IsZero() || size != int64(len(future)) || hash != sha(future) {
		t.Errorf("LoadedAt = %v %d %s", mt, size, hash)
	}
	if err := s.Save(ws, SaveOptions{}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Save of a read-only workspace = %v, want ErrReadOnly", err)
	}
	if data, _ := os.ReadFile(s.File("f")); string(data) != future {
		t.Fatal("the newer file was overwritten")
	}
	if err := s.SaveAs(ws, "f copy", SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if ws.ReadOnly || ws.Name != "f copy" {
		t.Errorf("after SaveAs: read-only %v name %q", ws.ReadOnly, ws.Name)
	}
	copyWS, err := s.Load("f copy")
	if err != nil || copyWS.Version != Version || copyWS.Notes != "from the future" {
		t.Fatalf("Load copy: %+v %v", copyWS, err)
	}
	// Forced, Save writes the current version over it.
	ro, _ := s.Load("f")
	if err := s.Save(ro, SaveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load("f"); got.ReadOnly || got.Version != Version {
		t.Errorf("forced save did not write version %d", Version)
	}
}

func TestMigratedOnLoadThroughStore(t *testing.T) {
	dir := project(t, map[string]string{"a.txt": "hello world"})
	s := openStore(t, dir, Options{})
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	v1 := `{"version": 1, "documents": ["a.txt"], "scroll": {"a.txt": 0.2}, "annotations": [{"doc": "a.txt", "start": 6, "end": 11, "text": "world", "note": "n"}], "saved": "2024-01-01T00:00:00Z"}`
	if err := os.WriteFile(s.File("old"), []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := s.Load("old")
	if err != nil {
		t.Fatal(err)
	}
	if ws.ReadOnly || ws.Panes[0].Scroll.Fraction != 0.2 || ws.Annotations[0].Quote != "world" {
		t.Fatalf("migrated: %+v", ws)
	}
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(s.File("old"))
	if !strings.Contains(string(data), `"version": 2`) {
		t.Errorf("saved migrated file is not version 2")
	}
	if bak, _ := os.ReadFile(s.File("old") + atomicfile.BackupSuffix); string(bak) != v1 {
		t.Errorf("the version 1 file is not kept as the backup")
	}
}

func TestTwoWritersAreDetected(t *testing.T) {
	dir := project(t, nil)
	s1 := openStore(t, dir, Options{})
	s2 := openStore(t, dir, Options{}) // another app instance
	ws := New("shared", t0)
	if err := s1.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	a, err := s1.Load("shared")
	if err != nil {
		t.Fatal(err)
	}
	b, err := s2.Load("shared")
	if err != nil {
		t.Fatal(err)
	}
	a.Notes = "instance A"
	if err := s1.Save(a, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if changed, err := s2.Changed(b); err != nil || !changed {
		t.Errorf("Changed = %v, %v; want true", changed, err)
	}
	b.Notes = "instance B"
	if err := s2.Save(b, SaveOptions{}); !errors.Is(err, ErrConflict) {
		t.Fatalf("second writer Save = %v, want ErrConflict", err)
	}
	if got, _ := s1.Load("shared"); got.Notes != "instance A" {
		t.Fatalf("A's save was overwritten")
	}
	// B may save as another name, or force.
	if err := s2.SaveAs(b, "shared (B)", SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	// A keeps saving without conflict: its own saves update its stamp.
	a.Notes = "instance A, again"
	if err := s1.Save(a, SaveOptions{}); err != nil {
		t.Fatalf("repeated save by the same instance: %v", err)
	}
	if changed, _ := s1.Changed(a); changed {
		t.Errorf("Changed after own save")
	}
	// Deleted under A: conflict too.
	if err := s2.Delete("shared"); err != nil {
		t.Fatal(err)
	}
	if err := s1.Save(a, SaveOptions{}); !errors.Is(err, ErrConflict) {
		t.Errorf("Save after another deleted it = %v, want ErrConflict", err)
	}
	if err := s1.Save(a, SaveOptions{Force: true}); err != nil {
		t.Errorf("forced Save: %v", err)
	}
	// Two new workspaces of one name: the second is refused.
	n1, n2 := New("new", t0), New("NEW", t0)
	if err := s1.Save(n1, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Save(n2, SaveOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("second new workspace of the same name = %v, want ErrExists", err)
	}
}

func TestUnsafePathsOnDisk(t *testing.T) {
	outside := project(t, map[string]string{"secret.txt": "secret"})
	dir := project(t, map[string]string{"in/a.txt": "a"})
	if err := os.Symlink(outside, filepath.Join(dir, "link-out")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "secret-link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("in", filepath.Join(dir, "link-in")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "nothing"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, dir, Options{})
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		ok   bool
	}{
		{"in/a.txt", true},
		{"link-in/a.txt", true},
		{"gone/deleted.txt", true}, // missing is a problem, not unsafe
		{"link-out/secret.txt", false},
		{"secret-link.txt", false},
		{"dangling", false},
		{"/etc/passwd", false},
		{"../x.txt", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			data := fmt.Sprintf(`{"version": 2, "panes": [{"path": %q}]}`, tt.path)
			if err := os.WriteFile(s.File("p"), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := s.Load("p")
			if tt.ok && err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !tt.ok {
				if !errors.Is(err, ErrUnsafePath) || !strings.Contains(err.Error(), s.File("p")) || !strings.Contains(err.Error(), tt.path) {
					t.Fatalf("Load = %v, want ErrUnsafePath naming the file and the path", err)
				}
			}
			// Save refuses the same paths.
			ws := New("q", t0)
			ws.Panes = []Pane{{Path: tt.path}}
			err = s.SaveAs(ws, "q", SaveOptions{Force: true})
			if tt.ok != (err == nil) || !tt.ok && !errors.Is(err, ErrUnsafePath) {
				t.Fatalf("SaveAs = %v", err)
			}
		})
	}
}

func TestNames(t *testing.T) {
	good := []string{"Reuters vs Mehr", "all 2020 coverage", "a", "über-Vergleich", "مقایسه", "v1.2", "con-trol", "COM10", strings.Repeat("x", MaxNameLen)}
	bad := []string{"", " lead", "trail ", "a/b", `a\b`, "..", "a..b", ".hidden", "end.", "x:y", "a*b", "q?", `"q"`, "<a>", "a|b", "tab\there", "nl\n", "zero\u200bwidth", "\xff", "CON", "con", "nul.json", "Com1", "lpt9", "aux.txt", strings.Repeat("x", MaxNameLen+1)}
	for _, n := range good {
		if err := CheckName(n); err != nil {
			t.Errorf("CheckName(%q) = %v", n, err)
		}
	}
	for _, n := range bad {
		if err := CheckName(n); !errors.Is(err, ErrBadName) {
			t.Errorf("CheckName(%q) = %v, want ErrBadName", n, err)
		}
	}
	s := openStore(t, project(t, nil), Options{})
	for _, n := range []string{"../evil", "a/b", "CON"} {
		if _, err := s.Load(n); !errors.Is(err, ErrBadName) {
			t.Errorf("Load(%q) = %v", n, err)
		}
		ws := New(n, t0)
		if err := s.Save(ws, SaveOptions{}); !errors.Is(err, ErrBadName) {
			t.Errorf("Save(%q) = %v", n, err)
		}
	}
}

func TestStoreOperations(t *testing.T) {
	dir := project(t, map[string]string{"a.txt": "alpha text", "b.txt": "beta text"})
	s := openStore(t, dir, Options{})
	ctx := context.Background()

	if last, err := s.Last(); last != "" || err != nil {
		t.Fatalf("Last of a new project = %q, %v", last, err)
	}
	if sums, err := s.List(ctx); err != nil || len(sums) != 0 {
		t.Fatalf("List of a new project = %v, %v", sums, err)
	}
	ws := New("Reuters vs Mehr", t0)
	ws.OpenPane(doc("a.txt", "alpha text"))
	ws.OpenPane(doc("b.txt", "beta text"))
	ann, err := NewAnnotation(doc("a.txt", "alpha text"), spanOf(6, 10), "note", []string{"t"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	ws.Annotations = append(ws.Annotations, ann)
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLast(ws.Name); err != nil {
		t.Fatal(err)
	}
	if last, _ := s.Last(); last != "Reuters vs Mehr" {
		t.Errorf("Last = %q", last)
	}

	// Duplicate, then a name clash ignoring case.
	dup, err := s.Duplicate("Reuters vs Mehr", "all 2020")
	if err != nil {
		t.Fatal(err)
	}
	if dup.Name != "all 2020" || len(dup.Panes) != 2 || dup.Created != t0.Add(2*time.Hour) {
		t.Errorf("duplicate: %+v", dup)
	}
	if _, err := s.Duplicate("Reuters vs Mehr", "ALL 2020"); !errors.Is(err, ErrExists) {
		t.Errorf("Duplicate onto a taken name = %v", err)
	}
	if _, err := s.Duplicate("nothing", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Duplicate of a missing workspace = %v", err)
	}

	// Rename follows the last workspace; clashes are refused; a change of
	// case is allowed.
	if err := s.Rename("Reuters vs Mehr", "All 2020"); !errors.Is(err, ErrExists) {
		t.Errorf("Rename onto a taken name = %v", err)
	}
	if err := s.Rename("Reuters vs Mehr", "Reuters v Mehr"); err != nil {
		t.Fatal(err)
	}
	if last, _ := s.Last(); last != "Reuters v Mehr" {
		t.Errorf("Last after rename = %q", last)
	}
	if err := s.Rename("Reuters v Mehr", "reuters v mehr"); err != nil {
		t.Errorf("case-only rename: %v", err)
	}
	if err := s.Rename("missing", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Rename of a missing workspace = %v", err)
	}
	// A workspace open under the old name saves under the new one.
	ws.Name = "reuters v mehr"
	ws.Notes = "after rename"
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatalf("save after rename: %v", err)
	}

	sums, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 2 || sums[0].Name != "all 2020" || sums[1].Name != "reuters v mehr" {
		t.Fatalf("List = %+v", sums)
	}
	if sm := sums[1]; sm.Documents != 2 || sm.Annotations != 1 || sm.Saved.IsZero() || len(sm.Problems) != 0 || sm.Error != "" {
		t.Errorf("summary %+v", sm)
	}

	// Delete forgets the last workspace.
	if err := s.Delete("reuters v mehr"); err != nil {
		t.Fatal(err)
	}
	if last, _ := s.Last(); last != "" {
		t.Errorf("Last after delete = %q", last)
	}
	if err := s.Delete("reuters v mehr"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete = %v", err)
	}
	if _, err := os.Stat(s.File("reuters v mehr") + atomicfile.BackupSuffix); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("backup left after Delete: %v", err)
	}
	if err := s.SetLast(""); err != nil {
		t.Errorf("SetLast(\"\") = %v", err)
	}
}

func TestLastRejectsHandEditedName(t *testing.T) {
	dir := project(t, nil)
	s := openStore(t, dir, Options{})
	if err := os.MkdirAll(filepath.Join(dir, StateDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, StateDir, LastFile), []byte(`{"workspace": "../../etc/passwd"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Last(); !errors.Is(err, ErrBadName) {
		t.Errorf("Last = %v, want ErrBadName", err)
	}
}

func TestStateFolderLinkedOutOfTheProject(t *testing.T) {
	outside := t.TempDir()
	dir := project(t, nil)
	if err := os.MkdirAll(filepath.Join(dir, StateDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, StateDir, SubDir)); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.WriteFile(filepath.Join(outside, "w.json"), []byte(`{"version": 2}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, dir, Options{})
	if _, err := s.Load("w"); !errors.Is(err, ErrUnsafePath) {
		t.Errorf("Load through a link out = %v", err)
	}
	if err := s.Save(New("x", t0), SaveOptions{}); !errors.Is(err, ErrUnsafePath) {
		t.Errorf("Save through a link out = %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "x.json")); err == nil {
		t.Error("a workspace was written outside the project")
	}
	if _, err := s.List(context.Background()); !errors.Is(err, ErrUnsafePath) {
		t.Errorf("List through a link out = %v", err)
	}
	if err := s.Delete("w"); !errors.Is(err, ErrUnsafePath) {
		t.Errorf("Delete through a link out = %v", err)
	}

	// A workspace file that is itself a link is refused too.
	dir2 := project(t, map[string]string{"real.json": `{"version": 2}`})
	s2 := openStore(t, dir2, Options{})
	if err := os.MkdirAll(s2.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir2, "real.json"), s2.File("l")); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Load("l"); !errors.Is(err, ErrUnsafePath) {
		t.Errorf("Load of a linked workspace file = %v", err)
	}
}

// A workspace naming a FIFO as a document never hangs the check: the
// FIFO is unreadable, not waited on.
func TestCheckNeverHangsOnAFIFO(t *testing.T) {
	dir := project(t, nil)
	if err := mkfifo(filepath.Join(dir, "pipe.txt")); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	ws := New("w", t0)
	ws.Panes = []Pane{{Path: "pipe.txt", Hash: "00"}}
	done := make(chan []Problem, 1)
	go func() {
		probs, err := Check(context.Background(), dir, ws)
		if err != nil {
			t.Error(err)
		}
		done <- probs
	}()
	select {
	case probs := <-done:
		if len(probs) != 1 || probs[0].Kind != ProblemUnreadable {
			t.Errorf("problems = %+v", probs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Check hangs on a FIFO")
	}
}
