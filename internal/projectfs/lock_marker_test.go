package projectfs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The marker-file lock (no flock on this system or share) excludes a
// second holder until released, and a marker left by a dead writer
// expires.
func TestMarkerLock(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := tryMarker(f); !ok || err != nil {
		t.Fatalf("first = %v, %v", ok, err)
	}
	if ok, err := tryMarker(f); ok || err != nil {
		t.Fatalf("second while held = %v, %v", ok, err)
	}
	releaseMarker(f)
	if ok, _ := tryMarker(f); !ok {
		t.Fatal("not taken after release")
	}
	old := time.Now().Add(-3 * LockTimeout)
	os.Chtimes(f.Name()+".held", old, old)
	tryMarker(f) // removes the dead writer's marker
	if ok, _ := tryMarker(f); !ok {
		t.Error("a dead writer's marker never expires")
	}
}
