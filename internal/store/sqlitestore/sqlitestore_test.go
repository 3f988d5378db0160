package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/migrate"
	"github.com/parallaxworkbench/parallax/internal/store/storetest"
)

var target = storetest.Target{
	New: func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "test.db") },
	Open: func(ctx context.Context, addr string) (store.Store, error) {
		return OpenFile(ctx, addr)
	},
}

func TestConformance(t *testing.T) { storetest.Run(t, target) }

func TestStoreHelperProcess(t *testing.T) { storetest.HelperProcess(t, target) }

func TestOpenProject(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, ".parallax", FileName)
	if s.Location() != want || s.Kind() != "sqlite" {
		t.Errorf("Location %q Kind %q", s.Location(), s.Kind())
	}
	if _, err := s.UpdateState(ctx, "k", "ana", func([]byte, bool) ([]byte, error) { return []byte("v"), nil }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	st, err := os.Lstat(want)
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm()&0o077 != 0 {
		t.Errorf("database file: %v %v", st, err)
	}
	// Opened again: the same data, the schema not applied twice.
	s, err = Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.State(ctx, "k"); err != nil || string(v.Data) != "v" {
		t.Errorf("reopened: %+v %v", v, err)
	}
	var mode string
	if err := s.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q %v", mode, err)
	}
}

func TestOpenRefusesUnsafe(t *testing.T) {
	ctx := context.Background()
	t.Run("symlinked database", func(t *testing.T) {
		dir := t.TempDir()
		other := filepath.Join(t.TempDir(), "elsewhere.db")
		if err := os.WriteFile(other, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(filepath.Join(dir, ".parallax"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(other, filepath.Join(dir, ".parallax", FileName)); err != nil {
			t.Fatal(err)
		}
		if s, err := Open(ctx, dir); err == nil {
			s.Close()
			t.Fatal("a symbolic link was opened as the database")
		} else if !errors.Is(err, projectfs.ErrNotRegular) {
			t.Errorf("error %v", err)
		}
		if st, _ := os.Stat(other); st.Size() != 0 {
			t.Error("the link's target was written")
		}
	})
	t.Run("symlinked wal", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "x.db")
		if err := os.Symlink(filepath.Join(t.TempDir(), "w"), db+"-wal"); err != nil {
			t.Fatal(err)
		}
		if s, err := OpenFile(ctx, db); err == nil {
			s.Close()
			t.Fatal("a symbolic link was accepted as the write-ahead log")
		}
	})
	t.Run("symlinked .parallax", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Symlink(t.TempDir(), filepath.Join(dir, ".parallax")); err != nil {
			t.Fatal(err)
		}
		if s, err := Open(ctx, dir); err == nil {
			s.Close()
			t.Fatal("a symbolic .parallax was used")
		} else if !errors.Is(err, projectfs.ErrUnsafeState) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("folder as database", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "d.db")
		if err := os.Mkdir(db, 0o700); err != nil {
			t.Fatal(err)
		}
		if s, err := OpenFile(ctx, db); err == nil {
			s.Close()
			t.Fatal("a folder was opened as the database")
		}
	})
	t.Run("missing folder", func(t *testing.T) {
		if s, err := OpenFile(ctx, filepath.Join(t.TempDir(), "no", "d.db")); err == nil {
			s.Close()
			t.Fatal("opened in a missing folder")
		} else if !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("not a database", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "notes.db")
		if err := os.WriteFile(db, []byte(strings.Repeat("these are notes, not a database\n", 200)), 0o600); err != nil {
			t.Fatal(err)
		}
		if s, err := OpenFile(ctx, db); err == nil {
			s.Close()
			t.Fatal("a text file was opened as the database")
		} else if !strings.Contains(err.Error(), "not an SQLite database") {
			t.Errorf("error %v", err)
		}
	})
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "n.db")
	s, err := OpenFile(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if s, err := OpenFile(ctx, db); err == nil {
		s.Close()
		t.Fatal("a database from a newer Parallax was opened")
	} else if !strings.Contains(err.Error(), "schema version 999") || !strings.Contains(err.Error(), "newer Parallax") {
		t.Errorf("error %v", err)
	}
}

func TestEscapePath(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "odd ?name#100%")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(ctx, filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(dir, "s.db-wal")); err != nil {
		t.Errorf("the database is not where it was asked for: %v", err)
	}
}

func BenchmarkStore(b *testing.B) { storetest.Bench(b, target) }

// A database of schema version 1 is brought up to date when opened: its
// analysis (indexed the old way) is dropped so it is computed again, and
// its state is kept.
func TestMigrateFromVersion1(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := migrationFiles.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
		string(v1),
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', 0)`,
		`INSERT INTO analysis VALUES (1, 'old', 0)`,
		`INSERT INTO state VALUES ('k', 1, 'kept', 'ana', 0, 0)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	s, err := OpenFile(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.r.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil || version != latestVersion(t) {
		t.Errorf("schema version %d (%v), want %d", version, err, latestVersion(t))
	}
	if _, ok, err := s.Analysis(ctx, "old", nil); ok || err != nil {
		t.Errorf("the old analysis is still there (%v)", err)
	}
	if v, err := s.State(ctx, "k"); err != nil || string(v.Data) != "kept" {
		t.Errorf("state lost in the migration: %+v %v", v, err)
	}
	if err := s.PutAnalysis(ctx, store.AnalysisRecord{Fingerprint: "new", Names: []store.NameRow{{Entity: "e", Name: "Ada Lovelace", Kind: "person", Mentions: 1}}}); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.SearchNames(ctx, "lovelace", 5); err != nil || len(hits) != 1 {
		t.Errorf("search after the migration: %+v %v", hits, err)
	}
}

// latestVersion is the schema version of the newest migration.
func latestVersion(t *testing.T) int {
	ms, err := migrate.Load(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	return migrate.Latest(ms)
}

// Values kept before migration 0003, one row each however long, are read
// back as they were; a value kept after it in pieces with a piece gone
// (a damaged file) is an error, never a shorter value.
func TestLargeValuesAcrossMigration3(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "v2.db")
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	qs := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`}
	for i, f := range []string{"0001_init.sql", "0002_name_postings.sql"} {
		m, err := migrationFiles.ReadFile("migrations/" + f)
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, string(m), fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', 0)`, i+1, f))
	}
	old := bytes.Repeat([]byte("kept before chunks "), 3<<20/19) // ≈ 3 MB
	for _, q := range qs {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO blobs VALUES ('doc', 'old', ?)`,
		`INSERT INTO analysis_parts VALUES ('framing', ?)`,
	} {
		if _, err := raw.Exec(q, old); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO analysis VALUES (1, 'fp', 0)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err := OpenFile(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.GetBlobs(ctx, "doc", []string{"old"}); err != nil || !bytes.Equal(got["old"], old) {
		t.Errorf("blob kept before: %d bytes (%v), want %d", len(got["old"]), err, len(old))
	}
	if parts, ok, err := s.Analysis(ctx, "fp", nil); err != nil || !ok || !bytes.Equal(parts["framing"], old) {
		t.Errorf("part kept before: %d bytes %v (%v), want %d", len(parts["framing"]), ok, err, len(old))
	}
	// kept in pieces now
	fresh := bytes.Repeat([]byte("kept in chunks "), 3<<20/15)
	if err := s.PutBlobs(ctx, "doc", map[string][]byte{"new": fresh}); err != nil {
		t.Fatal(err)
	}
	var pieces int
	if err := s.r.QueryRow(`SELECT count(*) FROM blob_chunks WHERE key = 'new'`).Scan(&pieces); err != nil || pieces != len(fresh)/chunkSize {
		t.Errorf("%d pieces after the first (%v), want %d", pieces, err, len(fresh)/chunkSize)
	}
	if _, err := s.w.Exec(`DELETE FROM blob_chunks WHERE key = 'new' AND seq = 1`); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetBlobs(ctx, "doc", []string{"new"}); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a piece missing: %d bytes, error %v; want an error saying the store is damaged", len(got["new"]), err)
	}
}

func TestSplitChunks(t *testing.T) {
	for _, n := range []int{0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 3 * chunkSize, 3*chunkSize + 5} {
		d := make([]byte, n)
		for i := range d {
			d[i] = byte(i % 251)
		}
		first, rest := splitChunks(d)
		whole := append([]byte(nil), first...)
		for _, c := range rest {
			if len(c) == 0 || len(c) > chunkSize {
				t.Errorf("%d bytes: a piece of %d", n, len(c))
			}
			whole = append(whole, c...)
		}
		if wantRest := max(0, (n-1)/chunkSize); len(rest) != wantRest || len(first) > chunkSize || !bytes.Equal(whole, d) {
			t.Errorf("%d bytes: first %d, %d more (want %d), joined equal %v", n, len(first), len(rest), wantRest, bytes.Equal(whole, d))
		}
	}
}

// The tables of large values have rowids (migration 0004): a lookup
// compares keys in the primary key's index, not in rows that overflow
// their pages.
func TestLargeValuesByRowid(t *testing.T) {
	s, err := OpenFile(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, table := range []string{"blobs", "blob_chunks", "analysis_parts", "analysis_part_chunks"} {
		var def string
		if err := s.r.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&def); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		if strings.Contains(strings.ToUpper(def), "WITHOUT ROWID") {
			t.Errorf("%s is still without rowid: %s", table, def)
		}
	}
}
