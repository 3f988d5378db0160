package folderstate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func take(t *testing.T, dir string) Digest {
	t.Helper()
	d, err := Take(context.Background(), dir, time.Now().Add(time.Hour))
	if errors.Is(err, ErrUnsupported) {
		t.Skipf("%s: %v", runtime.GOOS, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDigestSeesEveryEditAndNothingElse(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(t *testing.T, dir string)
		changed bool
	}{
		{"nothing", func(*testing.T, string) {}, false},
		{"an article rewritten with its size and time set back", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "a.txt")
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond) // a change time the clock can tell apart
			write(t, dir, "a.txt", "Bravo text.")
			if err := os.Chtimes(p, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"an article added", func(t *testing.T, dir string) { write(t, dir, "sub/c.txt", "New.") }, true},
		{"an article removed", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "sub/b.md")) }, true},
		{"an article renamed", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "sub/b.md"), filepath.Join(dir, "sub/b2.md"))
		}, true},
		{"a decision changed", func(t *testing.T, dir string) { write(t, dir, ".parallax/aliases.json", `{"merge":[]}`) }, true},
		{"a sidecar added", func(t *testing.T, dir string) { write(t, dir, "a.txt.meta.json", `{}`) }, true},
		{"the cache written", func(t *testing.T, dir string) { write(t, dir, ".parallax/cache/v6/1.pack", "x") }, false},
		{"the store written", func(t *testing.T, dir string) {
			write(t, dir, ".parallax/parallax.db", "db2")
			write(t, dir, ".parallax/parallax.db-wal", "wal")
		}, false},
		{"the lock taken", func(t *testing.T, dir string) { write(t, dir, ".parallax/lock", "pid") }, false},
		{"a workspace saved", func(t *testing.T, dir string) {
			write(t, dir, ".parallax/workspaces/w.json", "{}")
			write(t, dir, ".parallax/last-workspace.json", "{}")
		}, false},
		{"a backup made", func(t *testing.T, dir string) { write(t, dir, ".parallax/backup-20261207-000000/sources.json", "{}") }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "a.txt", "Alpha text.")
			write(t, dir, "sub/b.md", "# Beta")
			write(t, dir, ".parallax/aliases.json", "{}")
			write(t, dir, ".parallax/parallax.db", "db")
			before := take(t, dir)
			c.edit(t, dir)
			after := take(t, dir)
			if (after.Sum != before.Sum) != c.changed {
				t.Errorf("digest changed: %v, want %v", after.Sum != before.Sum, c.changed)
			}
			if before.Files != 3 {
				t.Errorf("files before = %d, want 3 (a.txt, sub/b.md, aliases.json)", before.Files)
			}
		})
	}
}

func TestUnsettledWithinSettle(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Alpha.")
	st, err := os.Stat(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		now       time.Time
		unsettled bool
	}{
		{time.Now().Add(Settle + time.Second), false},
		{st.ModTime().Add(Settle / 2), true},
		{st.ModTime().Add(-time.Hour), true}, // a clock set back
	} {
		d, err := Take(context.Background(), dir, c.now)
		if errors.Is(err, ErrUnsupported) {
			t.Skip(err)
		}
		if err != nil {
			t.Fatal(err)
		}
		if d.Unsettled != c.unsettled {
			t.Errorf("at %v: unsettled = %v, want %v", c.now, d.Unsettled, c.unsettled)
		}
	}
}

func TestIgnoredIsExact(t *testing.T) {
	for rel, want := range map[string]bool{
		".parallax/cache":                    true,
		".parallax/cache/v6/index.gob":       true,
		".parallax/parallax.db-shm":          true,
		".parallax/lock":                     true,
		".parallax/workspaces/x.json":        true,
		".parallax/backup-1/aliases.json":    true,
		".parallax/aliases.json":             false,
		".parallax/sources.json":             false,
		".parallax/lexicon-ru.tsv":           false,
		"cache/article.txt":                  false,
		"parallax.db":                        false,
		"notes/.parallax/cache/article.txt":  false,
		".parallax/gazetteer.tsv":            false,
		".parallax/cachet/notes.txt":         false,
		".parallax/workspaces-old/notes.txt": false,
	} {
		if got := Ignored(rel, rel == ".parallax/cache"); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestTakeStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Alpha.")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Take(ctx, dir, time.Now()); !errors.Is(err, context.Canceled) && !errors.Is(err, ErrUnsupported) {
		t.Fatalf("err = %v, want cancelled", err)
	}
}
