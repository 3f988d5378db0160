//go:build unix

package project

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// The attacks of issue #11 on the project loader, each on a fresh folder:
// nothing outside the project is read, written or deleted, nothing hangs,
// memory stays bounded.

const attackArticle = "A headline\n\nThe minister was ordered to resign on Monday after a long debate in the parliament.\n"

// openWithin opens dir and fails the test if that takes longer than a few
// seconds (a FIFO that blocks, an endless file).
func openWithin(t *testing.T, dir string, opts Options) *Project {
	t.Helper()
	type res struct {
		p   *Project
		err error
	}
	ch := make(chan res, 1)
	go func() {
		p, err := Open(context.Background(), dir, opts)
		ch <- res{p, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.p
	case <-time.After(20 * time.Second):
		t.Fatal("Open hangs")
	}
	return nil
}

// snapshot lists every path under dir with its content, to prove a folder
// outside the project was left alone.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		b, _ := os.ReadFile(p)
		out[p] = string(b)
		return nil
	})
	return out
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("%s changed: %d entries before, %d after", what, len(before), len(after))
	}
	for p, v := range before {
		if w, ok := after[p]; !ok || w != v {
			t.Errorf("%s changed: %s", what, p)
		}
	}
}

func problemAt(p *Project, path, kind, sub string) bool {
	for _, pr := range p.problems {
		if pr.Path == path && pr.Kind == kind && strings.Contains(pr.Error, sub) {
			return true
		}
	}
	return false
}

func hasWarning(p *Project, sub string) bool {
	for _, w := range p.warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

// Attack 1: .parallax/cache is a link to a folder outside with v* folders;
// opening the project used to delete them.
func TestAttackCacheLinkedOutDeletesNothing(t *testing.T) {
	base := t.TempDir()
	home := filepath.Join(base, "home")
	for _, d := range []string{"videos", "valuable", "v1", "v4"} {
		write(t, home, d+"/keep.txt", []byte(d))
	}
	dir := filepath.Join(base, "proj")
	write(t, dir, "a.txt", []byte(attackArticle))
	os.MkdirAll(filepath.Join(dir, StateDir), 0o755)
	if err := os.Symlink("../../home", filepath.Join(dir, StateDir, "cache")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, home)
	p := openWithin(t, dir, Options{})
	openWithin(t, dir, Options{}) // a second open would compact and clean
	sameSnapshot(t, "the folder the cache links to", before, snapshot(t, home))
	if len(p.docs) != 1 || !problemAt(p, CacheDir, ProblemReadOnly, "symbolic link") {
		t.Errorf("docs %d, problems %+v", len(p.docs), p.problems)
	}
}

// Attack 2: articles that are links to files outside (absolute or
// relative) are skipped with the reason, and their text is nowhere.
func TestAttackLinkedArticlesAreSkipped(t *testing.T) {
	base := t.TempDir()
	write(t, base, "secret.txt", []byte("TOPSECRET "+attackArticle))
	dir := filepath.Join(base, "proj")
	write(t, dir, "a.txt", []byte(attackArticle))
	os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "abs.txt"))
	os.Symlink("../secret.txt", filepath.Join(dir, "memo.txt"))
	os.Symlink("/etc/passwd", filepath.Join(dir, "notes.txt"))
	os.Symlink("a.txt", filepath.Join(dir, "inside.txt"))
	os.Symlink("..", filepath.Join(dir, "up"))
	for _, follow := range []bool{false, true} {
		p := openWithin(t, dir, Options{FollowLinks: follow})
		for _, d := range p.docs {
			if strings.Contains(d.Text, "TOPSECRET") || strings.Contains(d.Text, "root:") {
				t.Errorf("follow=%v: %s holds text from outside", follow, d.Path)
			}
		}
		for _, s := range []string{"abs.txt", "memo.txt", "notes.txt", "up"} {
			if !strings.Contains(p.skipReasons[s], "link") {
				t.Errorf("follow=%v: %s skipped for %q", follow, s, p.skipReasons[s])
			}
		}
		wantDocs := 1
		if follow {
			wantDocs = 2 // inside.txt stays inside the project
		}
		if len(p.docs) != wantDocs {
			t.Errorf("follow=%v: %d documents, want %d", follow, len(p.docs), wantDocs)
		}
	}
	filepath.WalkDir(filepath.Join(dir, StateDir), func(p string, d fs.DirEntry, err error) error {
		if b, _ := os.ReadFile(p); err == nil && bytes.Contains(b, []byte("TOPSECRET")) {
			t.Errorf("outside text cached in %s", p)
		}
		return nil
	})
	// Reload and OpenFile hold the same rules.
	p, err := openWithin(t, dir, Options{}).Reload(context.Background(), []string{"memo.txt", "notes.txt"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.docs) != 1 || p.skipReasons["memo.txt"] == "" {
		t.Errorf("after Reload: %d docs, reasons %v", len(p.docs), p.skipReasons)
	}
	if _, err := OpenFile(context.Background(), dir, "memo.txt", Options{}); err == nil {
		t.Error("OpenFile read a link out of the project")
	}
}

// Attack 4: FIFOs as a sidecar table, a table candidate, an article and
// every state file never hang the open.
func TestAttackFIFOsNeverHang(t *testing.T) {
	for _, rel := range []string{"sources.csv", "x.tsv", "b.txt", StateDir + "/sources.json",
		StateDir + "/aliases.json", StateDir + "/aliases.tsv", StateDir + "/lexicon.tsv",
		StateDir + "/lock", CacheDir + "/v4/index.gob"} {
		t.Run(strings.ReplaceAll(rel, "/", "_"), func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "a.txt", []byte(attackArticle))
			full := filepath.Join(dir, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := syscall.Mkfifo(full, 0o644); err != nil {
				t.Fatal(err)
			}
			p := openWithin(t, dir, Options{})
			if len(p.docs) != 1 {
				t.Errorf("%d documents", len(p.docs))
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				alias.LoadDecisions(dir)
				sourcemeta.LoadOverrides(dir)
				ov := sourcemeta.NewOverrides()
				ov.SetField("a.txt", "title", "T")
				ov.Save(dir)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("loading or saving state hangs")
			}
		})
	}
}

// Attack 5: /dev/zero linked as state files, and state files past their
// size limits, cost no memory and are named as problems.
func TestAttackEndlessStateFilesBoundMemory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte(attackArticle))
	os.MkdirAll(filepath.Join(dir, CacheDir, "v4"), 0o755)
	for _, rel := range []string{sourcemeta.OverridesFile, alias.DecisionsFile, CacheDir + "/v4/index.gob", "sources.csv"} {
		os.Symlink("/dev/zero", filepath.Join(dir, filepath.FromSlash(rel)))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := openWithin(t, dir, Options{})
	if _, err := alias.LoadDecisions(dir); !errors.Is(err, projectfs.ErrOutside) {
		t.Errorf("LoadDecisions = %v, want ErrOutside", err)
	}
	runtime.ReadMemStats(&after)
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
		t.Errorf("opening allocated %d MB", grown>>20)
	}
	if p.Overrides() != nil || len(p.docs) != 1 {
		t.Errorf("overrides %v, %d docs", p.Overrides(), len(p.docs))
	}

	// A real file past its limit is refused while reading, with a problem.
	dir2 := t.TempDir()
	write(t, dir2, "a.txt", []byte(attackArticle))
	big := bytes.Repeat([]byte(" "), projectfs.LimitState+1)
	write(t, dir2, sourcemeta.OverridesFile, big)
	p2 := openWithin(t, dir2, Options{})
	found := false
	for _, pr := range p2.problems {
		found = found || pr.Kind == "overrides" && strings.Contains(pr.Error, "larger than the limit")
	}
	if !found {
		t.Errorf("no size problem for an oversized sources.json: %+v", p2.problems)
	}
}

// Attack 6: a .parallax that is a link out of the project is never
// written through: no cache, and saves fail saying why.
func TestAttackStateFolderLinkedOutIsNotWritten(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	os.Mkdir(outside, 0o755)
	dir := filepath.Join(base, "proj")
	write(t, dir, "a.txt", []byte(attackArticle))
	if err := os.Symlink("../outside", filepath.Join(dir, StateDir)); err != nil {
		t.Fatal(err)
	}
	p := openWithin(t, dir, Options{})
	if !problemAt(p, StateDir, ProblemReadOnly, "symbolic link") || problemAt(p, CacheDir, ProblemReadOnly, "") {
		t.Errorf("want one read-only problem naming .parallax: %+v", p.problems)
	}
	ov := sourcemeta.NewOverrides()
	ov.SetField("a.txt", "title", "X")
	if err := ov.Save(dir); !errors.Is(err, projectfs.ErrUnsafeState) {
		t.Errorf("overrides Save = %v", err)
	}
	d := &alias.Decisions{Version: alias.DecisionsVersion}
	d.Merge("A", "B")
	if err := d.Save(dir); !errors.Is(err, projectfs.ErrUnsafeState) {
		t.Errorf("decisions Save = %v", err)
	}
	if st, err := workspace.OpenStore(dir, workspace.Options{}); err == nil {
		if err := st.Save(workspace.New("w", time.Now()), workspace.SaveOptions{}); err == nil {
			t.Error("workspace saved through the link")
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the project: %v", entries)
	}
}

// Attack 7: a file replaced by one of the same size and time (as archives
// keep them) shows its new text, never the cached old one.
func TestAttackSameSizeAndTimeShowsNewText(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	put := func(s string) {
		write(t, dir, "a.txt", []byte(s))
		os.Chtimes(filepath.Join(dir, "a.txt"), when, when)
	}
	put("Report\n\nThe minister WAS ordered to resign by the parliament on Monday.\n")
	if p := openWithin(t, dir, Options{}); !strings.Contains(p.docs[0].Text, "WAS") {
		t.Fatal("first text not read")
	}
	put("Report\n\nThe minister NOT ordered to resign by the parliament on Monday.\n")
	p := openWithin(t, dir, Options{})
	if !strings.Contains(p.docs[0].Text, "NOT ordered") {
		t.Errorf("old text shown: %q", p.docs[0].Text)
	}
}

// A cache shipped inside a folder from elsewhere (here: made for other
// files of the same names) is checked before use, and a corrupt or
// oversized index is ignored with a warning and rebuilt.
func TestShippedCacheIsVerified(t *testing.T) {
	other := t.TempDir()
	write(t, other, "a.txt", []byte("Report\n\nThe forged text that the sender wants the analyst to read here.\n"))
	openWithin(t, other, Options{})
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte(attackArticle))
	if err := os.CopyFS(filepath.Join(dir, StateDir), os.DirFS(filepath.Join(other, StateDir))); err != nil {
		t.Fatal(err)
	}
	p := openWithin(t, dir, Options{})
	if strings.Contains(p.docs[0].Text, "forged") || p.fromCache != 0 {
		t.Errorf("shipped cache used: %q (from cache %d)", p.docs[0].Text, p.fromCache)
	}

	idx := filepath.Join(dir, filepath.FromSlash(CacheDir), "v"+itoa(ExtractorVersion), indexName)
	for name, content := range map[string][]byte{
		"corrupt": []byte("not a gob at all"),
		"bad pack name": func() []byte {
			c := testCache(t, dir, false)
			for k, l := range c.idx.Entries {
				l.Pack = "../../../../etc/passwd"
				c.idx.Entries[k] = l
			}
			var buf bytes.Buffer
			encodeIndex(t, &buf, &c.idx)
			return buf.Bytes()
		}(),
	} {
		os.Remove(idx)
		write(t, dir, filepath.ToSlash(must(filepath.Rel(dir, idx))), content)
		p := openWithin(t, dir, Options{})
		if !hasWarning(p, "cache index ignored") || len(p.docs) != 1 || !strings.Contains(p.docs[0].Text, "minister") {
			t.Errorf("%s index: warnings %q", name, p.warnings)
		}
		if p := openWithin(t, dir, Options{}); hasWarning(p, "cache index ignored") || p.fromCache != 1 {
			t.Errorf("%s index not rebuilt: warnings %q, from cache %d", name, p.warnings, p.fromCache)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

func encodeIndex(t *testing.T, w io.Writer, idx *cacheIndex) {
	t.Helper()
	if err := gob.NewEncoder(w).Encode(idx); err != nil {
		t.Fatal(err)
	}
}

// Saves killed half-way leave temporaries; opening the project removes
// those old enough to be a dead writer's, and nothing else.
func TestOpenCleansStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte(attackArticle))
	stale := ".parallax/.sources.json.tmp-0123456789abcdef"
	fresh := ".parallax/.aliases.json.tmp-fedcba9876543210"
	mine := ".parallax/notes.tmp-0123456789abcdef"
	for _, f := range []string{stale, fresh, mine} {
		write(t, dir, f, []byte("half"))
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{stale, mine} {
		os.Chtimes(filepath.Join(dir, f), old, old)
	}
	openWithin(t, dir, Options{})
	for f, gone := range map[string]bool{stale: true, fresh: false, mine: false} {
		_, err := os.Stat(filepath.Join(dir, f))
		if removed := errors.Is(err, fs.ErrNotExist); removed != gone {
			t.Errorf("%s: removed = %v, want %v", f, removed, gone)
		}
	}
}
