package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/statedoc/statedoctest"
)

// TestStoredWorkspaces runs a workspace's life in a store: saved, loaded
// whole, a conflict when another analyst saved meanwhile, listed, renamed
// with the last-opened one following, an earlier version opened from the
// history, deleted; no file is written.
func TestStoredWorkspaces(t *testing.T) {
	ctx := context.Background()
	dir := project(t, nil)
	st := statedoctest.New()
	ada := openStore(t, dir, Options{AppVersion: "parallax-test 0.1", State: statedoc.InStore(st, "ada")})
	bob := openStore(t, dir, Options{State: statedoc.InStore(st, "bob")})

	ws := fullWorkspace("Reuters vs Mehr")
	if err := ada.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := bob.Load("Reuters vs Mehr")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ws) {
		t.Fatalf("Load after Save:\n got %+v\nwant %+v", got, ws)
	}
	if _, err := os.Stat(filepath.Join(dir, ".parallax")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a workspace kept in a store wrote into the folder: %v", err)
	}
	if ok, err := bob.Exists("REUTERS vs mehr"); err != nil || !ok {
		t.Errorf("Exists ignoring case = %v, %v", ok, err)
	}
	if w := bob.Where("Reuters vs Mehr"); !strings.Contains(w, ".parallax/workspaces/Reuters vs Mehr.json in ") {
		t.Errorf("Where = %q, want the key in the store", w)
	}
	if err := ada.Save(New("reuters VS mehr", t0), SaveOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("a new workspace named like another (ignoring case): %v, want ErrExists", err)
	}

	// Bob saves first; Ada's save of what she loaded before is refused.
	got.Notes = "bob's notes"
	if err := bob.Save(got, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if changed, err := ada.Changed(ws); err != nil || !changed {
		t.Errorf("Changed after another writer's save = %v, %v", changed, err)
	}
	ws.Notes = "ada's notes"
	if err := ada.Save(ws, SaveOptions{}); !errors.Is(err, ErrConflict) {
		t.Fatalf("save over another analyst's save: %v, want ErrConflict", err)
	}
	if err := ada.Save(ws, SaveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	h, err := statedoc.InStore(st, "x").History(ctx, key("Reuters vs Mehr"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Author != "ada" || h[1].Author != "bob" || h[2].Author != "ada" {
		t.Errorf("history: %d versions %+v, want ada, bob, ada", len(h), h)
	}
	prev, err := ada.LoadBackup("Reuters vs Mehr")
	if err != nil {
		t.Fatal(err)
	}
	if prev.Notes != "bob's notes" {
		t.Errorf("previous version's notes = %q, want bob's", prev.Notes)
	}

	if err := ada.SetLast("Reuters vs Mehr"); err != nil {
		t.Fatal(err)
	}
	if err := ada.Rename("Reuters vs Mehr", "Naming"); err != nil {
		t.Fatal(err)
	}
	if last, err := bob.Last(); err != nil || last != "Naming" {
		t.Errorf("last workspace after the rename = %q, %v", last, err)
	}
	list, err := bob.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != "Naming" || list[0].Annotations != 1 || list[0].Error != "" {
		t.Errorf("List = %+v", list)
	}
	if _, err := bob.Load("Reuters vs Mehr"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load of the old name: %v, want ErrNotFound", err)
	}
	if err := bob.Delete("Naming"); err != nil {
		t.Fatal(err)
	}
	if err := bob.Delete("Naming"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if last, err := ada.Last(); err != nil || last != "" {
		t.Errorf("last workspace after the delete = %q, %v", last, err)
	}
}

func TestStoredWorkspaceDamagedOffersEarlierVersion(t *testing.T) {
	ctx := context.Background()
	st := statedoctest.New()
	docs := statedoc.InStore(st, "ada")
	s := openStore(t, project(t, nil), Options{State: docs})
	ws := New("w", t0)
	ws.Notes = "good"
	if err := s.Save(ws, SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := docs.Update(ctx, key("w"), func([]byte, bool) ([]byte, error) { return []byte("{broken"), nil }); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load("w")
	var le *LoadError
	if !errors.As(err, &le) || !errors.Is(err, ErrCorrupt) || le.Backup == "" {
		t.Fatalf("Load of a damaged workspace: %v, want a LoadError offering version 1", err)
	}
	prev, err := s.LoadBackup("w")
	if err != nil || prev.Notes != "good" {
		t.Fatalf("LoadBackup = %+v, %v", prev, err)
	}
	if err := s.Save(prev, SaveOptions{}); err != nil {
		t.Errorf("saving the earlier version over the damaged one: %v", err)
	}
}
