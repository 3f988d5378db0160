package statedoc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/statedoc/statedoctest"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/pgstore"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
)

func TestIsKey(t *testing.T) {
	for _, c := range []struct {
		rel  string
		want bool
	}{
		{".parallax/aliases.json", true},
		{".parallax/sources.json", true},
		{".parallax/lexicon.tsv", true},
		{".parallax/lexicon-ru.tsv", true},
		{".parallax/lexicon-.tsv", false},
		{".parallax/lexicon-a.b.tsv", false},
		{".parallax/lexicon-ru.tsv.bak", false},
		{".parallax/aliases.json.bak", false},
		{".parallax/cache/index", false},
		{"aliases.json", false},
		{".parallax/x/lexicon-ru.tsv", false},
	} {
		if got := statedoc.IsKey(c.rel); got != c.want {
			t.Errorf("IsKey(%q) = %v, want %v", c.rel, got, c.want)
		}
	}
}

func TestAuthorFromEnvironment(t *testing.T) {
	t.Setenv("PARALLAX_AUTHOR", "  Ada Analyst ")
	if got := statedoc.Author(); got != "Ada Analyst" {
		t.Errorf("Author() = %q, want the trimmed PARALLAX_AUTHOR", got)
	}
	t.Setenv("PARALLAX_AUTHOR", "")
	if got := statedoc.Author(); got == "" || got == "Ada Analyst" {
		t.Errorf("Author() without PARALLAX_AUTHOR = %q, want the OS user", got)
	}
}

// writeState writes files below dir/.parallax.
func writeState(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, ".parallax", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFolderAndStoreBehaveAlike(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		docs func(dir string) statedoc.Docs
	}{
		{"folder", statedoc.Folder},
		{"store", func(string) statedoc.Docs { return statedoc.InStore(statedoctest.New(), "ada") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			docs := c.docs(dir)
			if _, ok, err := docs.Read(ctx, statedoc.Aliases); err != nil || ok {
				t.Fatalf("Read of a missing document = %v, %v; want absent", ok, err)
			}
			if err := docs.Update(ctx, "notes.txt", func([]byte, bool) ([]byte, error) { return []byte("x"), nil }); err == nil {
				t.Error("Update of a key that is no decision succeeded")
			}
			for _, k := range []string{statedoc.Lexicon, ".parallax/lexicon-fr.tsv", statedoc.Sources} {
				err := docs.Update(ctx, k, func(cur []byte, exists bool) ([]byte, error) {
					if exists {
						return nil, fmt.Errorf("%s exists before it was written", k)
					}
					return []byte("v1 " + k), nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			// nil leaves the document; an error from change too.
			if err := docs.Update(ctx, statedoc.Sources, func([]byte, bool) ([]byte, error) { return nil, nil }); err != nil {
				t.Fatal(err)
			}
			boom := errors.New("boom")
			if err := docs.Update(ctx, statedoc.Sources, func([]byte, bool) ([]byte, error) { return []byte("lost"), boom }); !errors.Is(err, boom) {
				t.Errorf("Update's error = %v, want change's", err)
			}
			data, ok, err := docs.Read(ctx, statedoc.Sources)
			if err != nil || !ok || string(data) != "v1 "+statedoc.Sources {
				t.Errorf("after unchanged updates: %q, %v, %v", data, ok, err)
			}
			keys, err := docs.Keys(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{".parallax/lexicon-fr.tsv", statedoc.Lexicon, statedoc.Sources}
			if strings.Join(keys, " ") != strings.Join(want, " ") {
				t.Errorf("Keys = %v, want %v", keys, want)
			}
		})
	}
}

func TestStoredKeepsAuthorsAndHistory(t *testing.T) {
	ctx := context.Background()
	st := statedoctest.New()
	ada, bob := statedoc.InStore(st, "ada"), statedoc.InStore(st, "bob")
	for _, w := range []struct {
		docs *statedoc.Stored
		data string
	}{{ada, "one"}, {bob, "two"}} {
		if err := w.docs.Update(ctx, statedoc.Sources, func([]byte, bool) ([]byte, error) { return []byte(w.data), nil }); err != nil {
			t.Fatal(err)
		}
	}
	// An update that changes nothing adds no version.
	if err := ada.Update(ctx, statedoc.Sources, func([]byte, bool) ([]byte, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	h, err := ada.History(ctx, statedoc.Sources)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || string(h[0].Data) != "two" || h[0].Author != "bob" || string(h[1].Data) != "one" || h[1].Author != "ada" {
		t.Errorf("history = %+v, want bob's two then ada's one", h)
	}
	v, err := ada.Versions(ctx, []string{statedoc.Sources, statedoc.Aliases})
	if err != nil {
		t.Fatal(err)
	}
	if v[statedoc.Sources] != 2 || v[statedoc.Aliases] != 0 {
		t.Errorf("Versions = %v, want sources 2, aliases 0", v)
	}
}

const aliasesFile = `{"version": 1, "merges": [{"a": "Vladimir Putin", "b": "Putin"}], "rejects": [], "splits": [], "renames": []}
`

const sourcesFile = `{"version": 1, "stance_scale": ["critical", "neutral", "supportive"], "outlet_stances": {"Daily Planet": "critical"}}
`

func TestMigrateOnceWithBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := map[string]string{"aliases.json": aliasesFile, "sources.json": sourcesFile, "lexicon-fr.tsv": "régime\tloaded\n",
		"aliases.json.bak": "old", "cache/x": "not a decision"}
	writeState(t, dir, files)
	st := statedoctest.New()
	docs := statedoc.InStore(st, "ada")
	now := time.Date(2026, 12, 7, 21, 0, 0, 0, time.UTC)
	m, err := statedoc.Migrate(ctx, dir, docs, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".parallax/aliases.json", ".parallax/lexicon-fr.tsv", ".parallax/sources.json"}
	if m.Status != "imported" || m.Already || strings.Join(m.Imported, " ") != strings.Join(want, " ") {
		t.Fatalf("migration = %+v, want %v imported", m, want)
	}
	if note := m.Note("memory"); !strings.Contains(note, "3 decision file(s) imported") || !strings.Contains(note, m.Backup) {
		t.Errorf("note = %q", note)
	}
	if m.Backup != ".parallax/backup-20261207-210000" {
		t.Errorf("backup folder = %q", m.Backup)
	}
	for _, k := range want {
		name := filepath.Base(k)
		got, ok, err := docs.Read(ctx, k)
		if err != nil || !ok || string(got) != files[name] {
			t.Errorf("store's %s = %q, %v, %v; want the file's content", k, got, ok, err)
		}
		backup, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(m.Backup), name))
		if err != nil || string(backup) != files[name] {
			t.Errorf("backup of %s = %q, %v", name, backup, err)
		}
		if orig, err := os.ReadFile(filepath.Join(dir, ".parallax", name)); err != nil || string(orig) != files[name] {
			t.Errorf("the original %s was changed: %q, %v", name, orig, err)
		}
		if h, _ := docs.History(ctx, k); len(h) != 1 || h[0].Author != "ada" {
			t.Errorf("history of %s after the import = %+v, want one version by ada", k, h)
		}
	}
	// The files are read through the store from now on.
	dec, err := alias.LoadDecisionsFrom(ctx, docs)
	if err != nil || len(dec.Merges) != 1 || dec.Merges[0].B != "Putin" {
		t.Errorf("decisions from the store = %+v, %v", dec, err)
	}

	// Once: a later open with changed files imports nothing, and says
	// that the changed file is not read.
	writeState(t, dir, map[string]string{"aliases.json": `{"version": 1}`})
	again, err := statedoc.Migrate(ctx, dir, docs, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Already || again.Status != "imported" || strings.Join(again.Edited, " ") != ".parallax/aliases.json" ||
		!strings.Contains(again.Note("memory"), ".parallax/aliases.json changed in the folder") {
		t.Errorf("second migration = %+v (note %q), want the first one's marker and a note on aliases.json", again, again.Note("memory"))
	}
	if got, _, _ := docs.Read(ctx, statedoc.Aliases); string(got) != aliasesFile {
		t.Errorf("a second migration changed the store: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".parallax", "backup-20261207-220000")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a second migration made a backup: %v", err)
	}
}

func TestMigrateLeavesAStoreWithDecisions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeState(t, dir, map[string]string{"aliases.json": aliasesFile})
	docs := statedoc.InStore(statedoctest.New(), "bob")
	mine := []byte(`{"version": 1, "merges": [{"a": "A", "b": "B"}]}`)
	if err := docs.Update(ctx, statedoc.Aliases, func([]byte, bool) ([]byte, error) { return mine, nil }); err != nil {
		t.Fatal(err)
	}
	m, err := statedoc.Migrate(ctx, dir, docs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "kept" || m.Backup != "" || len(m.Imported) != 0 {
		t.Errorf("migration into a store with decisions = %+v, want kept", m)
	}
	if got, _, _ := docs.Read(ctx, statedoc.Aliases); !bytes.Equal(got, mine) {
		t.Errorf("the store's decisions were replaced: %q", got)
	}
	if note := m.Note("memory"); !strings.Contains(note, "not imported") {
		t.Errorf("note of a migration that imported nothing: %q", note)
	}
}

func TestMigrateEmptyFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := statedoc.InStore(statedoctest.New(), "ada")
	m, err := statedoc.Migrate(ctx, dir, docs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "nothing" {
		t.Errorf("migration of a folder without decisions = %+v", m)
	}
	if _, err := os.Stat(filepath.Join(dir, ".parallax")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the migration created .parallax in a folder without one: %v", err)
	}
}

func TestMigrateFinishesAnInterruptedImport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeState(t, dir, map[string]string{"aliases.json": aliasesFile, "sources.json": sourcesFile})
	st := statedoctest.New()
	docs := statedoc.InStore(st, "ada")
	// As left by a run that stopped after the marker and one key.
	marker := []byte(`{"status": "importing", "files": [".parallax/aliases.json", ".parallax/sources.json"]}`)
	if _, err := st.UpdateState(ctx, statedoc.MarkerKey, "ada", func([]byte, bool) ([]byte, error) { return marker, nil }); err != nil {
		t.Fatal(err)
	}
	if err := docs.Update(ctx, statedoc.Aliases, func([]byte, bool) ([]byte, error) { return []byte(aliasesFile), nil }); err != nil {
		t.Fatal(err)
	}
	m, err := statedoc.Migrate(ctx, dir, docs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "imported" || strings.Join(m.Imported, " ") != statedoc.Sources {
		t.Errorf("resumed migration = %+v, want sources.json imported only", m)
	}
	if h, _ := docs.History(ctx, statedoc.Aliases); len(h) != 1 {
		t.Errorf("aliases.json imported twice: %d versions", len(h))
	}
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := statedoc.InStore(statedoctest.New(), "ada")
	for k, v := range map[string]string{statedoc.Aliases: aliasesFile, statedoc.Sources: sourcesFile} {
		if err := docs.Update(ctx, k, func([]byte, bool) ([]byte, error) { return []byte(v), nil }); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "export")
	written, err := statedoc.Export(ctx, docs, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Errorf("written = %v", written)
	}
	for name, want := range map[string]string{"aliases.json": aliasesFile, "sources.json": sourcesFile} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != want {
			t.Errorf("exported %s = %q, %v", name, got, err)
		}
	}
	// Into the project: the folder's files become the store's decisions,
	// and a project opened without the store reads them.
	writeState(t, dir, map[string]string{"sources.json": `{"version": 1}`})
	if _, err := statedoc.Export(ctx, docs, dir, ""); err != nil {
		t.Fatal(err)
	}
	ov, err := sourcemeta.LoadOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := ov.OutletStances()["Daily Planet"]; got != "critical" {
		t.Errorf("stance read from the exported sources.json = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".parallax", "sources.json.bak")); err != nil {
		t.Errorf("the replaced sources.json was not kept as its backup: %v", err)
	}
}

// TestConcurrentWritersLoseNothing: N writers, each from decisions loaded
// before any saved, accept their own merge and set the same stance; every
// merge is kept, and every stance written is in the history with its
// author, the current one being the last saved. On the in-memory test
// store and on the embedded SQLite store, each writer with its own
// connection as separate processes would have.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	for _, c := range []struct {
		name string
		open func(t *testing.T) func() store.Store
	}{
		{"memory", func(*testing.T) func() store.Store {
			st := statedoctest.New()
			return func() store.Store { return st }
		}},
		{"sqlite", func(t *testing.T) func() store.Store {
			dir := t.TempDir()
			return func() store.Store {
				st, err := sqlitestore.Open(context.Background(), dir)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				return st
			}
		}},
		{"postgres", func(t *testing.T) func() store.Store {
			url := os.Getenv("PARALLAX_TEST_POSTGRES")
			if url == "" {
				t.Skip("PARALLAX_TEST_POSTGRES is not set: no PostgreSQL server to test against (scripts/test.sh starts one)")
			}
			project := fmt.Sprintf("statedoc-writers-%d", time.Now().UnixNano())
			return func() store.Store {
				st, err := pgstore.Open(context.Background(), url, project)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				return st
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) { concurrentWriters(t, c.open(t)) })
	}
}

func concurrentWriters(t *testing.T, open func() store.Store) {
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	start := make(chan struct{})
	for i := range n {
		docs := statedoc.InStore(open(), fmt.Sprintf("analyst-%d", i))
		d, err := alias.LoadDecisionsFrom(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		ov, err := sourcemeta.LoadOverridesFrom(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			d.Merge(fmt.Sprintf("Form %d", i), fmt.Sprintf("Other %d", i))
			errs <- d.SaveTo(ctx, docs)
			if err := ov.SetOutletStance("Daily Planet", ov.StanceScale()[i%3]); err != nil {
				errs <- err
				return
			}
			errs <- ov.SaveTo(ctx, docs)
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	docs := statedoc.InStore(open(), "reader")
	d, err := alias.LoadDecisionsFrom(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Merges) != n {
		t.Errorf("%d merges kept, want %d: %+v", len(d.Merges), n, d.Merges)
	}
	h, err := docs.History(ctx, statedoc.Sources)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != n {
		t.Fatalf("sources.json has %d versions, want one per writer (%d)", len(h), n)
	}
	authors := map[string]bool{}
	for _, v := range h {
		authors[v.Author] = true
	}
	if len(authors) != n {
		t.Errorf("authors in the history: %v", authors)
	}
	// The current stance is the one its author set.
	var i int
	if _, err := fmt.Sscanf(h[0].Author, "analyst-%d", &i); err != nil {
		t.Fatal(err)
	}
	ov, err := sourcemeta.LoadOverridesFrom(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ov.OutletStances()["Daily Planet"], ov.StanceScale()[i%3]; got != want {
		t.Errorf("current stance %q, but its author %s set %q", got, h[0].Author, want)
	}
}

// TestExportEditImport: decisions exported, edited as files and imported
// back are the store's new versions, the replaced ones in the history; an
// unchanged file adds no version.
func TestExportEditImport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := statedoc.InStore(statedoctest.New(), "ada")
	for k, v := range map[string]string{statedoc.Aliases: aliasesFile, statedoc.Sources: sourcesFile, ".parallax/workspaces/w.json": "{}"} {
		if err := docs.Update(ctx, k, func([]byte, bool) ([]byte, error) { return []byte(v), nil }); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "export")
	if _, err := statedoc.Export(ctx, docs, dir, out); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(sourcesFile, "critical", "supportive", 1)
	if err := os.WriteFile(filepath.Join(out, "sources.json"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "workspaces", "w.json"), []byte(`{"notes": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := statedoc.Import(ctx, docs, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if want := ".parallax/sources.json .parallax/workspaces/w.json"; strings.Join(changed, " ") != want {
		t.Errorf("changed = %v, want %s", changed, want)
	}
	h, err := docs.History(ctx, statedoc.Sources)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || string(h[0].Data) != edited || string(h[1].Data) != sourcesFile {
		t.Errorf("history after the import: %+v", h)
	}
	if h, _ := docs.History(ctx, statedoc.Aliases); len(h) != 1 {
		t.Errorf("an unchanged file added a version: %d", len(h))
	}
	// From the project's own files.
	writeState(t, dir, map[string]string{"lexicon.tsv": "blockade\tconflict\n"})
	if changed, err := statedoc.Import(ctx, docs, dir, ""); err != nil || strings.Join(changed, " ") != statedoc.Lexicon {
		t.Errorf("import from the project folder: %v, %v", changed, err)
	}
}

// TestMigrateWithoutBackup: a folder where no backup can be written (here
// a file stands where the backup folder goes; a read-only folder alike)
// is imported all the same, and the note says the backup failed.
func TestMigrateWithoutBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	now := time.Date(2026, 12, 7, 21, 0, 0, 0, time.UTC)
	writeState(t, dir, map[string]string{"aliases.json": aliasesFile, "backup-20261207-210000": "in the way"})
	docs := statedoc.InStore(statedoctest.New(), "ada")
	m, err := statedoc.Migrate(ctx, dir, docs, now)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "imported" || m.Backup != "" || m.BackupError == "" {
		t.Errorf("migration = %+v, want imported without a backup", m)
	}
	if note := m.Note("memory"); !strings.Contains(note, "the backup failed") {
		t.Errorf("note = %q", note)
	}
	if got, ok, _ := docs.Read(ctx, statedoc.Aliases); !ok || string(got) != aliasesFile {
		t.Errorf("imported aliases.json = %q", got)
	}
}

// TestHandEditAfterMigrationIsSaid: a decision file edited in the folder
// after the store took the decisions over is not read, and an open says
// so until the folder and the store agree again (import or export).
func TestHandEditAfterMigrationIsSaid(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeState(t, dir, map[string]string{"aliases.json": aliasesFile, "sources.json": sourcesFile})
	docs := statedoc.InStore(statedoctest.New(), "ada")
	open := func(why string) statedoc.Migration {
		t.Helper()
		m, err := statedoc.Migrate(ctx, dir, docs, time.Now())
		if err != nil {
			t.Fatalf("%s: %v", why, err)
		}
		return m
	}
	open("first open")
	if m := open("second open"); !m.Already || len(m.Edited) != 0 || m.Note("memory") != "" {
		t.Fatalf("second open, nothing edited: %+v, note %q", m, m.Note("memory"))
	}
	writeState(t, dir, map[string]string{"sources.json": sourcesFile + "\n", "lexicon.tsv": "regime\tloaded\n"})
	m := open("after a hand edit")
	want := ".parallax/lexicon.tsv .parallax/sources.json"
	if strings.Join(m.Edited, " ") != want {
		t.Errorf("edited = %v, want %s", m.Edited, want)
	}
	if note := m.Note("memory"); !strings.Contains(note, ".parallax/sources.json") || !strings.Contains(note, "not read") || !strings.Contains(note, "state import") {
		t.Errorf("note = %q", note)
	}
	if _, err := statedoc.Import(ctx, docs, dir, ""); err != nil {
		t.Fatal(err)
	}
	if m := open("after the import"); len(m.Edited) != 0 {
		t.Errorf("after the import, edited = %v", m.Edited)
	}
	// a change made in the store, then written out to the folder
	if err := docs.Update(ctx, ".parallax/lexicon.tsv", func([]byte, bool) ([]byte, error) { return []byte("regime\tloaded\nmilitia\tloaded\n"), nil }); err != nil {
		t.Fatal(err)
	}
	if m := open("after a change in the store"); len(m.Edited) != 0 {
		t.Errorf("a change in the store made the folder's files count as edited: %v", m.Edited)
	}
	if _, err := statedoc.Export(ctx, docs, dir, ""); err != nil {
		t.Fatal(err)
	}
	if m := open("after the export"); len(m.Edited) != 0 {
		t.Errorf("after the export, edited = %v", m.Edited)
	}
}
