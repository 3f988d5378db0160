package pgstore

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/sqlitestore"
	"github.com/parallaxworkbench/parallax/internal/store/storetest"
)

// EnvDSN names the database the tests use; they are skipped without it
// (scripts/test.sh starts a throwaway server and sets it).
const EnvDSN = "PARALLAX_TEST_POSTGRES"

var projects atomic.Int64

// dsn is the test database's URL, or a skip.
func dsn(t testing.TB) string {
	d := os.Getenv(EnvDSN)
	if d == "" {
		t.Skip(EnvDSN + " not set: the PostgreSQL store is tested against a server named by it (scripts/test.sh starts one: sh scripts/pg-local.sh start DIR)")
	}
	return d
}

// withProject adds a project parameter to a URL.
func withProject(d, name string) string {
	sep := "?"
	if strings.Contains(d, "?") {
		sep = "&"
	}
	return d + sep + "project=" + name
}

// newProject names a project no other test uses, and drops its rows when
// the test ends.
func newProject(t testing.TB) string {
	d := dsn(t)
	name := fmt.Sprintf("test-%d-%d-%d", os.Getpid(), time.Now().UnixNano(), projects.Add(1))
	t.Cleanup(func() {
		ctx := context.Background()
		c, err := pgx.Connect(ctx, d)
		if err != nil {
			t.Errorf("drop project %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DELETE FROM projects WHERE name = $1`, name); err != nil {
			t.Errorf("drop project %s: %v", name, err)
		}
	})
	return withProject(d, name)
}

var target = storetest.Target{
	New: newProject,
	Open: func(ctx context.Context, addr string) (store.Store, error) {
		return Open(ctx, addr, "")
	},
}

func TestConformance(t *testing.T) {
	dsn(t)
	storetest.Run(t, target)
}

func TestStoreHelperProcess(t *testing.T) { storetest.HelperProcess(t, target) }

// Two projects in one database see only their own rows.
func TestProjectsApart(t *testing.T) {
	ctx := context.Background()
	a, b := openNew(t), openNew(t)
	if a.Project() == b.Project() {
		t.Fatal("one project")
	}
	rec := store.AnalysisRecord{Fingerprint: "fp", Parts: map[string][]byte{"p": []byte("a")},
		Names:    []store.NameRow{{Entity: "e", Name: "Angela Merkel", Key: "angela merkel", Kind: "person", Mentions: 1}},
		Passages: []store.PassageRow{{ID: 1, Text: "coalition talks", Docs: []string{"x"}}}}
	if err := a.PutAnalysis(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if _, err := a.UpdateState(ctx, "k", "ana", func([]byte, bool) ([]byte, error) { return []byte("a"), nil }); err != nil {
		t.Fatal(err)
	}
	if err := a.PutBlobs(ctx, "doc", map[string][]byte{"k": []byte("a")}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := b.Analysis(ctx, "fp", nil); ok {
		t.Error("b sees a's analysis")
	}
	if hits, _ := b.SearchNames(ctx, "merkel", 5); len(hits) != 0 {
		t.Error("b finds a's names")
	}
	if hits, _ := b.SearchPassages(ctx, "coalition", 5); len(hits) != 0 {
		t.Error("b finds a's passages")
	}
	if keys, _ := b.StateKeys(ctx, ""); len(keys) != 0 {
		t.Error("b sees a's state")
	}
	if got, _ := b.GetBlobs(ctx, "doc", []string{"k"}); len(got) != 0 {
		t.Error("b sees a's blobs")
	}
	if n, _ := b.PruneBlobs(ctx, "doc", nil); n != 0 {
		t.Error("b pruned a's blobs")
	}
	if got, _ := a.GetBlobs(ctx, "doc", []string{"k"}); len(got) != 1 {
		t.Error("a lost its blob")
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in, def                 string
		conn, project, location string
		err                     string
	}{
		{in: "postgres://ana:secret@db.example.org:5433/news?project=gaza&sslmode=require", def: "folder",
			conn: "postgres://ana:secret@db.example.org:5433/news?sslmode=require", project: "gaza",
			location: "postgres://ana@db.example.org:5433/news?project=gaza&sslmode=require"},
		{in: "postgresql:///parallax?host=/tmp/pg/socket&user=parallax", def: "my-project",
			conn: "postgresql:///parallax?host=%2Ftmp%2Fpg%2Fsocket&user=parallax", project: "my-project",
			location: "postgresql:///parallax?host=%2Ftmp%2Fpg%2Fsocket&project=my-project&user=parallax"},
		{in: "postgres://h/db?password=hunter2&project=p", conn: "postgres://h/db?password=hunter2", project: "p",
			location: "postgres://h/db?password=xxxxx&project=p"},
		{in: "postgres://h/db", err: "no project named"},
		{in: "mysql://h/db", def: "p", err: "not a PostgreSQL URL"},
	}
	for _, tt := range tests {
		conn, project, location, err := ParseURL(tt.in, tt.def)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || conn != tt.conn || project != tt.project || location != tt.location {
			t.Errorf("%s:\n got %s | %s | %s | %v\nwant %s | %s | %s", tt.in, conn, project, location, err, tt.conn, tt.project, tt.location)
		}
		if strings.Contains(location, "secret") || strings.Contains(location, "hunter2") {
			t.Errorf("%s: the location shows the password: %s", tt.in, location)
		}
	}
}

// The errors say what is wrong: nothing listening, no such database.
func TestOpenErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sock := t.TempDir()
	_, err := Open(ctx, "postgres:///parallax?host="+sock+"&user=nobody&connect_timeout=5", "p")
	if err == nil || !strings.Contains(err.Error(), "cannot reach the server") {
		t.Errorf("no server: %v", err)
	}
	d := dsn(t)
	c, err := pgx.ParseConfig(d)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(d, "/"+c.Database, "/no_such_database_here", 1)
	if _, err := Open(ctx, bad, "p"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("no database: %v", err)
	}
	u, err := url.Parse(d)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("no_such_role_here", "pw-not-shown")
	q := u.Query()
	q.Del("user")
	u.RawQuery = q.Encode()
	_, err = Open(ctx, u.String(), "p")
	if err == nil || !strings.Contains(err.Error(), `refused user "no_such_role_here"`) || strings.Contains(err.Error(), "pw-not-shown") {
		t.Errorf("unknown user: %v", err)
	}
}

// A database written by a newer Parallax is refused. The newer version is
// written in a transaction that is rolled back, so the shared test
// database is left as it was.
func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	s := openNew(t)
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (999, '0999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	err = s.migrateTx(ctx, tx)
	if err == nil || !strings.Contains(err.Error(), "schema version 999") || !strings.Contains(err.Error(), "newer Parallax") {
		t.Errorf("error %v", err)
	}
}

// openNew opens a new project of the test server, closed at the test's end.
func openNew(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), newProject(t), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openBoth opens a new PostgreSQL project and a new SQLite store, both
// holding the analysis a, for tests that compare the two.
func openBoth(t *testing.T, a store.AnalysisRecord) (pg, lite store.Store) {
	t.Helper()
	pg = openNew(t)
	l, err := sqlitestore.OpenFile(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	for _, s := range []store.Store{pg, l} {
		if err := s.PutAnalysis(context.Background(), a); err != nil {
			t.Fatalf("%s: %v", s.Kind(), err)
		}
	}
	return pg, l
}

func BenchmarkStore(b *testing.B) {
	dsn(b)
	storetest.Bench(b, target)
}

// Both stores rank names alike: the same hits in the same order with the
// same similarity, for typed queries over names in three scripts.
func TestRanksLikeSQLite(t *testing.T) {
	ctx := context.Background()
	names := storetest.Names(5000, 7)
	pg, lite := openBoth(t, store.AnalysisRecord{Fingerprint: "f", Names: names})
	differ := 0
	for _, q := range storetest.Queries(names, 200, 8) {
		a, err := pg.SearchNames(ctx, q, 15)
		if err != nil {
			t.Fatal(err)
		}
		b, err := lite.SearchNames(ctx, q, 15)
		if err != nil {
			t.Fatal(err)
		}
		same := len(a) == len(b)
		for i := 0; same && i < len(a); i++ {
			same = a[i].Name == b[i].Name && a[i].Entity == b[i].Entity && math.Abs(a[i].Similarity-b[i].Similarity) < 1e-6
		}
		if !same {
			differ++
			if differ <= 3 {
				t.Errorf("%q:\nPostgreSQL %s\nSQLite     %s", q, hitList(a), hitList(b))
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of 200 queries ranked differently", differ)
	}
}

func hitList(hits []store.NameHit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "[%s %.4f %d] ", h.Name, h.Similarity, h.Mentions)
	}
	return b.String()
}

// Both stores find the same passages for the same web-search queries
// (their ranks differ in scale, so the sets are compared).
func TestPassagesLikeSQLite(t *testing.T) {
	ctx := context.Background()
	words := strings.Fields(`talks ceasefire Gaza Cairo minister said Monday truce
		élysée président réforme Москва переговоры القاهرة هدنة U.S. officials
		border aid convoy hostages release vote parliament coalition budget`)
	r := rand.New(rand.NewPCG(5, 6))
	var ps []store.PassageRow
	for i := 0; i < 300; i++ {
		n := 4 + r.IntN(10)
		var ws []string
		for j := 0; j < n; j++ {
			ws = append(ws, words[r.IntN(len(words))])
		}
		ps = append(ps, store.PassageRow{ID: i + 1, Text: strings.Join(ws, " ") + ".", Docs: []string{"a", "b"}})
	}
	pg, lite := openBoth(t, store.AnalysisRecord{Fingerprint: "f", Passages: ps})
	pick := func() string { return words[r.IntN(len(words))] }
	differ, found := 0, 0
	for i := 0; i < 200; i++ {
		var q string
		switch i % 5 {
		case 0:
			q = pick()
		case 1:
			q = pick() + " " + pick()
		case 2:
			q = `"` + pick() + " " + pick() + `"`
		case 3:
			q = pick() + " -" + pick()
		default:
			q = pick() + " or " + pick()
		}
		ids := func(s store.Store) string {
			hits, err := s.SearchPassages(ctx, q, 1000)
			if err != nil {
				t.Fatal(err)
			}
			var out []int
			for _, h := range hits {
				out = append(out, h.ID)
			}
			sort.Ints(out)
			return fmt.Sprint(out)
		}
		a, b := ids(pg), ids(lite)
		if a != "[]" {
			found++
		}
		if a != b {
			differ++
			if differ <= 3 {
				t.Errorf("%q:\nPostgreSQL %s\nSQLite     %s", q, a, b)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of 200 queries found different passages", differ)
	}
	if found < 150 {
		t.Errorf("only %d of 200 queries found a passage: the comparison says little", found)
	}
	t.Logf("%d of 200 queries found passages", found)
}

// adminDatabase makes a database (and a role) for a test that needs its
// own, when the test server's user may; else the test is skipped.
func adminDatabase(t *testing.T, create string) (name string, conn *pgx.Conn) {
	d := dsn(t)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(ctx) })
	var super bool
	if err := c.QueryRow(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil || !super {
		t.Skip("the test server's user is not a superuser: cannot make a database for this test")
	}
	name = fmt.Sprintf("parallax_test_%d_%d", os.Getpid(), projects.Add(1))
	if _, err := c.Exec(ctx, fmt.Sprintf(create, name)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	return name, c
}

// withDatabase is the test server's URL naming another database (and
// user, when user is not "").
func withDatabase(t *testing.T, db, user string) string {
	u, err := url.Parse(dsn(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db
	if user != "" {
		u.User = url.User(user)
		q := u.Query()
		q.Del("user")
		u.RawQuery = q.Encode()
	}
	return withProject(u.String(), "p")
}

// Under the C locale pg_trgm drops non-Latin letters: such a database is
// refused with the way to make a usable one.
func TestCLocaleRefused(t *testing.T) {
	db, _ := adminDatabase(t, `CREATE DATABASE %s TEMPLATE template0 LC_CTYPE 'C' LC_COLLATE 'C'`)
	_, err := Open(context.Background(), withDatabase(t, db, ""), "")
	if err == nil || !strings.Contains(err.Error(), "ignores Cyrillic and Arabic letters") || !strings.Contains(err.Error(), "--locale=C.UTF-8") {
		t.Errorf("error %v", err)
	}
	// Refused before anything was made in it.
	c, err := pgx.Connect(context.Background(), strings.Replace(withDatabase(t, db, ""), "&project=p", "", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	var made bool
	if err := c.QueryRow(context.Background(), `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')
		OR EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'schema_migrations')`).Scan(&made); err != nil || made {
		t.Errorf("the refused database was changed (%v)", err)
	}
}

// A user who may not enable pg_trgm is told to ask a superuser.
func TestTrigramExtensionMissing(t *testing.T) {
	db, c := adminDatabase(t, `CREATE DATABASE %s TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'`)
	ctx := context.Background()
	role := db + "_user"
	if _, err := c.Exec(ctx, `CREATE ROLE `+role+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := c.Exec(ctx, `DROP ROLE IF EXISTS `+role); err != nil {
			t.Errorf("drop role: %v", err)
		}
	})
	_, err := Open(ctx, withDatabase(t, db, role), "")
	if err == nil || !strings.Contains(err.Error(), "ask a superuser to run CREATE EXTENSION pg_trgm") {
		t.Errorf("error %v", err)
	}
}
