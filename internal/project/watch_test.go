package project

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// waitChange returns the next change, or fails after a timeout.
func waitChange(t *testing.T, ch <-chan Change) Change {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
	}
	return Change{}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("one"))
	write(t, dir, "sub/b.md", []byte("two"))
	write(t, dir, ".hidden/c.txt", []byte("three"))
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan Change, 10)
	done := make(chan error, 1)
	go func() { done <- watch(ctx, dir, 50*time.Millisecond, func(c Change) { changes <- c }) }()
	time.Sleep(100 * time.Millisecond) // let the watcher register its folders

	// A new file in a sub-folder, and an ignored type and a hidden file.
	write(t, dir, "sub/new.txt", []byte("new"))
	write(t, dir, "sub/ignored.docx", []byte("x"))
	write(t, dir, ".hidden/c.txt", []byte("changed"))
	if c := waitChange(t, changes); !reflect.DeepEqual(c, Change{Added: []string{"sub/new.txt"}}) {
		t.Errorf("add: %+v", c)
	}

	// An editor's save: write a temporary file, rename it over the original.
	time.Sleep(20 * time.Millisecond)
	tmp := filepath.Join(dir, "a.txt.swp")
	os.WriteFile(tmp, []byte("one, edited"), 0o644)
	if err := os.Rename(tmp, filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	if c := waitChange(t, changes); !reflect.DeepEqual(c, Change{Changed: []string{"a.txt"}}) {
		t.Errorf("rename-save: %+v", c)
	}

	// A new folder with a file, then a removal.
	write(t, dir, "later/d.html", []byte("<p>x</p>"))
	c := waitChange(t, changes)
	if !reflect.DeepEqual(c.Added, []string{"later/d.html"}) {
		// The folder may be reported before its file was written.
		c2 := waitChange(t, changes)
		c.Added = append(c.Added, c2.Added...)
		if !reflect.DeepEqual(c.Added, []string{"later/d.html"}) {
			t.Errorf("new folder: %+v %+v", c, c2)
		}
	}
	os.Remove(filepath.Join(dir, "sub", "b.md"))
	if c := waitChange(t, changes); !reflect.DeepEqual(c, Change{Removed: []string{"sub/b.md"}}) {
		t.Errorf("remove: %+v", c)
	}

	// A whole folder removed.
	if err := os.RemoveAll(filepath.Join(dir, "later")); err != nil {
		t.Fatal(err)
	}
	if c := waitChange(t, changes); !reflect.DeepEqual(c, Change{Removed: []string{"later/d.html"}}) {
		t.Errorf("folder removed: %+v", c)
	}

	// Metadata files.
	write(t, dir, "sources.csv", []byte("file,outlet\na.txt,X\n"))
	if c := waitChange(t, changes); !c.Metadata || len(c.Paths()) != 1 {
		t.Errorf("sidecar: %+v", c)
	}
	write(t, dir, ".parallax/sources.json", []byte(`{"version":1}`))
	if c := waitChange(t, changes); !c.Metadata {
		t.Errorf("sources.json: %+v", c)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not stop")
	}
}

// TestWatchReportsStateFiles: another writer's change to a state file the
// app shows (alias decisions, a workspace) is reported by name, so the
// window can reload it; the cache and temporaries are not.
func TestWatchReportsStateFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("one"))
	write(t, dir, ".parallax/aliases.json", []byte(`{"version":1}`))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan Change, 10)
	go watch(ctx, dir, 50*time.Millisecond, func(c Change) { changes <- c })
	time.Sleep(100 * time.Millisecond)

	write(t, dir, ".parallax/aliases.json", []byte(`{"version":1,"merges":[]}`))
	write(t, dir, ".parallax/cache/v4/x.pack", []byte("x"))
	write(t, dir, ".parallax/.aliases.json.tmp-0123456789abcdef", []byte("x"))
	if c := waitChange(t, changes); !reflect.DeepEqual(c.State, []string{".parallax/aliases.json"}) || len(c.Added)+len(c.Changed) != 0 {
		t.Errorf("aliases.json change: %+v", c)
	}

	// A workspaces folder made after the watch started is watched too.
	write(t, dir, ".parallax/workspaces/w.json", []byte(`{}`))
	c := waitChange(t, changes)
	for !containsString(c.State, ".parallax/workspaces/w.json") {
		c = waitChange(t, changes)
	}
	time.Sleep(100 * time.Millisecond)
	write(t, dir, ".parallax/workspaces/w.json", []byte(`{"notes":"x"}`))
	if c := waitChange(t, changes); !reflect.DeepEqual(c.State, []string{".parallax/workspaces/w.json"}) {
		t.Errorf("workspace change: %+v", c)
	}

	// Project lexicons of other languages are state files too.
	write(t, dir, ".parallax/lexicon-ru.tsv", []byte("term\tcategory\n"))
	if c := waitChange(t, changes); !reflect.DeepEqual(c.State, []string{".parallax/lexicon-ru.tsv"}) {
		t.Errorf("lexicon-ru.tsv change: %+v", c)
	}
}

func TestIsStateFile(t *testing.T) {
	for rel, want := range map[string]bool{
		".parallax/aliases.json": true, ".parallax/lexicon.tsv": true, ".parallax/lexicon-ru.tsv": true,
		".parallax/lexicon-.tsv": false, ".parallax/lexicon-ru.txt": false, ".parallax/sub/lexicon-ru.tsv": false,
		".parallax/workspaces/a.json": true, ".parallax/workspaces/.a.json": false, "lexicon-ru.tsv": false,
	} {
		if got := isStateFile(rel); got != want {
			t.Errorf("isStateFile(%q) = %v, want %v", rel, got, want)
		}
	}
}

func containsString(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
