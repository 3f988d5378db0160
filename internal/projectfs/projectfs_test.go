//go:build unix

package projectfs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// within runs fn and fails the test if it has not returned after d: a
// read that blocks (a FIFO) must never hang the caller.
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %s", d)
	}
}

func openRoot(t *testing.T, dir string) *Root {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestReadFileRefusesWhatIsNotAFileOfTheProject(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello"), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, "abs.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink("../"+filepath.Base(outside)+"/secret.txt", filepath.Join(dir, "rel.txt"))
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.json"))
	os.Symlink("a.txt", filepath.Join(dir, "inside.txt"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := openRoot(t, dir)
	cases := []struct {
		name string
		want error
	}{
		{"abs.txt", ErrOutside},
		{"rel.txt", ErrOutside},
		{"zero.json", ErrOutside},
		{"../" + filepath.Base(outside) + "/secret.txt", ErrOutside},
		{"fifo.csv", ErrNotRegular},
		{".", ErrNotRegular},
		{"missing.txt", fs.ErrNotExist},
	}
	for _, c := range cases {
		within(t, 5*time.Second, func() {
			data, _, err := r.ReadFile(c.name, 1<<20)
			if !errors.Is(err, c.want) {
				t.Errorf("ReadFile(%s) = %q, %v; want %v", c.name, data, err, c.want)
			}
		})
	}
	// A link that stays inside the folder is read.
	if data, _, err := r.ReadFile("inside.txt", 10); err != nil || string(data) != "hello" {
		t.Errorf("ReadFile(inside.txt) = %q, %v", data, err)
	}
	if _, _, err := r.ReadFile("a.txt", 4); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFile over the limit = %v, want ErrTooLarge", err)
	}
}

// endless is /dev/zero as a reader: its stated size means nothing.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadLimitedStopsAnEndlessReader(t *testing.T) {
	src := &endless{}
	_, err := ReadLimited(src, 1<<20, 0)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if src.n > 2<<20 {
		t.Errorf("read %d bytes for a 1 MB limit", src.n)
	}
	if b, err := ReadLimited(io.LimitReader(src, 10), 10, 1<<40); err != nil || len(b) != 10 {
		t.Errorf("10 bytes at a 10-byte limit (lying size hint) = %d, %v", len(b), err)
	}
}

func TestStateFolderMustBeARealFolderOfMine(t *testing.T) {
	outside := t.TempDir()
	cases := map[string]func(dir string) error{
		"link out": func(dir string) error { return os.Symlink(outside, filepath.Join(dir, StateDir)) },
		"link in": func(dir string) error {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			return os.Symlink("sub", filepath.Join(dir, StateDir))
		},
		"a file": func(dir string) error { return os.WriteFile(filepath.Join(dir, StateDir), nil, 0o644) },
		"cache linked out": func(dir string) error {
			os.Mkdir(filepath.Join(dir, StateDir), 0o755)
			return os.Symlink(outside, filepath.Join(dir, StateDir, "cache"))
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := setup(dir); err != nil {
				t.Skip("cannot set up:", err)
			}
			r := openRoot(t, dir)
			err := r.WriteFile(StateDir+"/cache/x.json", []byte("{}"), 0o644)
			if !errors.Is(err, ErrUnsafeState) {
				t.Errorf("WriteFile = %v, want ErrUnsafeState", err)
			}
			unlock, err := r.Lock()
			if err == nil {
				unlock()
				if name != "cache linked out" {
					t.Error("Lock through an unsafe .parallax succeeded")
				}
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 0 {
				t.Errorf("written outside the project: %v", entries)
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "sub")); len(entries) != 0 {
				t.Errorf("written through a link: %v", entries)
			}
		})
	}
}

func TestStateFolderOfAnotherUserIsNotWritten(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a folder to another user")
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, StateDir), 0o777)
	if err := os.Chown(filepath.Join(dir, StateDir), 4242, 4242); err != nil {
		t.Skip(err)
	}
	r := openRoot(t, dir)
	if err := r.WriteFile(StateDir+"/sources.json", []byte("{}"), 0o644); !errors.Is(err, ErrUnsafeState) {
		t.Errorf("WriteFile = %v, want ErrUnsafeState", err)
	}
}

func TestWritesAndDeletesStayInTheStateFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "article.txt"), []byte("text"), 0o644)
	os.MkdirAll(filepath.Join(dir, StateDir, "cache", "v1"), 0o755)
	r := openRoot(t, dir)
	for _, rel := range []string{"article.txt", "../x.json", StateDir} {
		if err := r.WriteFile(rel, []byte("x"), 0o644); err == nil {
			t.Errorf("WriteFile(%s) succeeded", rel)
		}
		if err := r.Remove(rel); err == nil {
			t.Errorf("Remove(%s) succeeded", rel)
		}
	}
	if err := r.Remove(StateDir + "/cache/v1"); err == nil {
		t.Error("Remove deleted a folder")
	}
	if err := r.WriteFile(StateDir+"/a/b.json", []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := r.Remove(StateDir + "/a/b.json"); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "article.txt")); err != nil {
		t.Error("the article is gone")
	}
}

func TestUpdateSerialisesWriters(t *testing.T) {
	dir := t.TempDir()
	const writers, rounds = 4, 25
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := Open(dir) // each its own door, as separate windows
			if err != nil {
				t.Error(err)
				return
			}
			defer r.Close()
			for i := 0; i < rounds; i++ {
				err := r.Update(StateDir+"/count", 100, func(cur []byte, exists bool) ([]byte, error) {
					n := 0
					if exists {
						n, _ = strconv.Atoi(string(cur))
					}
					return []byte(strconv.Itoa(n + 1)), nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b, _ := os.ReadFile(filepath.Join(dir, StateDir, "count"))
	if string(b) != strconv.Itoa(writers*rounds) {
		t.Errorf("count = %s, want %d: increments lost", b, writers*rounds)
	}
}

func TestStaleTemporariesAreCleanedOnUpdate(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, StateDir), 0o755)
	stale := filepath.Join(dir, StateDir, ".sources.json.tmp-0123456789abcdef")
	os.WriteFile(stale, []byte("half"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	r := openRoot(t, dir)
	err := r.Update(StateDir+"/sources.json", 100, func([]byte, bool) ([]byte, error) { return []byte("{}"), nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temporary kept: %v", err)
	}
}

// Files are opened in a per-folder root for speed; a link to another
// folder of the project still works, one out of it still does not.
func TestLinksBetweenFoldersOfTheProject(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "s.txt"), []byte("secret"), 0o644)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.MkdirAll(filepath.Join(dir, "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "b", "y.txt"), []byte("why"), 0o644)
	os.Symlink("../b/y.txt", filepath.Join(dir, "a", "x.txt"))
	rel, _ := filepath.Rel(filepath.Join(dir, "a"), filepath.Join(outside, "s.txt"))
	os.Symlink(rel, filepath.Join(dir, "a", "out.txt"))
	r := openRoot(t, dir)
	for i := 0; i < 2; i++ { // the second time through the cached folder root
		if data, _, err := r.ReadFile("a/x.txt", 10); err != nil || string(data) != "why" {
			t.Errorf("link to another folder = %q, %v", data, err)
		}
		if data, _, err := r.ReadFile("a/out.txt", 10); !errors.Is(err, ErrOutside) {
			t.Errorf("link out = %q, %v", data, err)
		}
	}
}
