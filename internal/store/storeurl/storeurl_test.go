package storeurl

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestOpenSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "chosen.db")
	tests := []struct {
		url, kind, location string
	}{
		{"", "sqlite", filepath.Join(dir, ".parallax", "parallax.db")},
		{"sqlite:", "sqlite", filepath.Join(dir, ".parallax", "parallax.db")},
		{"  SQLite:  ", "sqlite", filepath.Join(dir, ".parallax", "parallax.db")},
		{"sqlite:" + file, "sqlite", file},
		{"sqlite://" + file, "sqlite", file},
	}
	for _, tt := range tests {
		s, err := Open(ctx, tt.url, dir)
		if err != nil {
			t.Errorf("%q: %v", tt.url, err)
			continue
		}
		if s.Kind() != tt.kind || s.Location() != tt.location {
			t.Errorf("%q: %s at %s, want %s at %s", tt.url, s.Kind(), s.Location(), tt.kind, tt.location)
		}
		s.Close()
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("the chosen file was not made: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct{ url, dir, err string }{
		{"sqlite:relative.db", t.TempDir(), "absolute path"},
		{"", "", "needs a project folder"},
		{"mysql://ana:secret@host/db", t.TempDir(), "unknown kind"},
		{"postgres://h/db", "", "no project named"},
	}
	for _, tt := range tests {
		s, err := Open(ctx, tt.url, tt.dir)
		if err == nil {
			s.Close()
			t.Errorf("%q: opened", tt.url)
			continue
		}
		if !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: %v, want %q (and no password)", tt.url, err, tt.err)
		}
	}
}

func TestOpenPostgres(t *testing.T) {
	dsn := os.Getenv("PARALLAX_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("PARALLAX_TEST_POSTGRES not set: opening a PostgreSQL store needs a server (scripts/test.sh starts one)")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "storeurl-test-project")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, dsn, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop the test project: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DELETE FROM projects WHERE name = 'storeurl-test-project'`); err != nil {
			t.Errorf("drop the test project: %v", err)
		}
	})
	if s.Kind() != "postgres" || !strings.Contains(s.Location(), "project=storeurl-test-project") {
		t.Errorf("%s at %s", s.Kind(), s.Location())
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://ana:secret@h/db", "postgres://ana:xxxxx@h/db"},
		{"postgres://ana@h/db", "postgres://ana@h/db"},
		{"postgres://h/db?x=a@b", "postgres://h/db?x=a@b"},
		{"sqlite:/x.db", "sqlite:/x.db"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
