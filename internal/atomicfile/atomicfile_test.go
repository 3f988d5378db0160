package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWriteReplacesAndKeepsBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	if err := Write(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + BackupSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("first write made a backup: %v", err)
	}
	if err := Write(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "two" {
		t.Errorf("file = %q, want two", got)
	}
	if got, _ := os.ReadFile(path + BackupSuffix); string(got) != "one" {
		t.Errorf("backup = %q, want one", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
	assertNoTemporaries(t, filepath.Dir(path))
}

// TestCrashAtEveryStep proves the file is always the old or the new
// content, whole, whichever step a crash interrupts.
func TestCrashAtEveryStep(t *testing.T) {
	oldData := "old " + strings.Repeat("o", 4000)
	newData := "new " + strings.Repeat("n", 4000)
	for _, step := range Steps() {
		for _, existed := range []bool{true, false} {
			name := string(step)
			if !existed {
				name += "/first-write"
			}
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "w.json")
				if existed {
					if err := Write(path, []byte(oldData), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				err := Writer{CrashAt: step}.Write(path, []byte(newData), 0o644)
				if !errors.Is(err, ErrCrashed) {
					t.Fatalf("Write with a crash at %s = %v, want ErrCrashed", step, err)
				}
				got, rerr := os.ReadFile(path)
				renamed := step == StepSyncDir
				switch {
				case renamed:
					if string(got) != newData {
						t.Errorf("after the rename the file holds %.10q, want the new data", got)
					}
				case existed:
					if string(got) != oldData {
						t.Errorf("crash at %s left %.10q, want the old data whole", step, got)
					}
				default:
					if !errors.Is(rerr, os.ErrNotExist) {
						t.Errorf("crash at %s of a first write left a file: %.10q", step, got)
					}
				}
				// A later write succeeds whatever the crash left behind.
				if err := Write(path, []byte("again"), 0o644); err != nil {
					t.Fatalf("write after crash: %v", err)
				}
				if got, _ := os.ReadFile(path); string(got) != "again" {
					t.Errorf("write after crash left %q", got)
				}
			})
		}
	}
}

func TestWriteIntoUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	err := Write(filepath.Join(dir, "x"), []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "x") {
		t.Errorf("Write into a read-only folder = %v, want an error naming the file", err)
	}
}

func assertNoTemporaries(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestConcurrentWritesAllSucceed: writers saving one file at the same time
// (two windows, two processes) each succeed and leave a whole file; with a
// fixed backup name they used to fail on each other's temporary.
func TestConcurrentWritesAllSucceed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	const writers, rounds = 8, 40
	errs := make(chan error, writers*rounds)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				errs <- Write(path, []byte(fmt.Sprintf("writer %d round %d", w, i)), 0o644)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(got), "writer ") {
		t.Fatalf("file = %q, %v", got, err)
	}
	assertNoTemporaries(t, filepath.Dir(path))
}

func TestCleanTemporariesOnlyOldOnesOfWrite(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name -> removed
		".state.json.tmp-0123456789abcdef":     true,
		".state.json.bak.tmp-0123456789abcdef": true,
		".state.json.tmp-notmine":              false,
		"state.json.tmp-0123456789abcdef":      false, // not hidden: the analyst's
		"notes.txt":                            false,
	}
	for n := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(filepath.Join(dir, n), old, old)
	}
	fresh := ".other.tmp-fedcba9876543210"
	os.WriteFile(filepath.Join(dir, fresh), []byte("x"), 0o644)
	files[fresh] = false
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if n := CleanTemporaries(root, ".", 10*time.Minute); n != 2 {
		t.Errorf("removed %d, want 2", n)
	}
	for n, removed := range files {
		_, err := os.Stat(filepath.Join(dir, n))
		if got := errors.Is(err, os.ErrNotExist); got != removed {
			t.Errorf("%s: removed = %v, want %v", n, got, removed)
		}
	}
}
