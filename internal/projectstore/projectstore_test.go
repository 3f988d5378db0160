package projectstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"", Embedded, false},
		{" embedded ", Embedded, false},
		{"SQLite", Embedded, false},
		{"none", None, false},
		{"OFF", None, false},
		{"postgres://ana@db.example/parallax", "postgres://ana@db.example/parallax", false},
		{"my database", "", true},
		{"db.example:5432", "", true}, // a host is not a URL
	}
	for _, tt := range tests {
		got, err := Normalise(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("Normalise(%q) = %q, %v; want %q (error: %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if _, err := Normalise("postgres://ana:s3cret@db example/%zz"); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("a bad URL's error %v shows its password", err)
	}
}

func TestRedactHidesThePassword(t *testing.T) {
	for _, in := range []string{"postgres://ana:s3cret@db.example/parallax", "postgres://ana:s3cret@db example/%zz"} {
		if out := Redact(in); strings.Contains(out, "s3cret") {
			t.Errorf("Redact(%q) = %q", in, out)
		}
	}
	if out := Redact("postgres://db.example/parallax"); out != "postgres://db.example/parallax" {
		t.Errorf("a URL without a password changed: %q", out)
	}
}

// opener returns an OpenFunc that fails with err (nil: gives a memstore)
// and counts its calls.
func opener(err error, calls *int) OpenFunc {
	return func(ctx context.Context, setting, dir string) (store.Store, error) {
		*calls++
		if err != nil {
			return nil, err
		}
		return memstore.New(), nil
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// A .parallax that is a link: projectfs will not write there.
	unsafe := t.TempDir()
	if err := os.Symlink(t.TempDir(), filepath.Join(unsafe, ".parallax")); err != nil {
		t.Fatal(err)
	}
	driverErr := errors.New("unable to open database file (14)")
	tests := []struct {
		name      string
		setting   string
		dir       string
		openErr   error
		wantStore bool
		wantNote  string // a part of it; "" none
		wantErr   string // a part of it; "" none
		wantCalls int
	}{
		{"none opens nothing", None, dir, nil, false, "", "", 0},
		{"embedded", Embedded, dir, nil, true, "", "", 1},
		{"a server", "postgres://ana@db.example/p", dir, nil, true, "", "", 1},
		{"embedded, permission denied: none, with a note", Embedded, dir, fmt.Errorf("create .parallax: %w", fs.ErrPermission), false, "permission denied", "", 1},
		{"embedded, .parallax is a link: none, with a note", Embedded, unsafe, driverErr, false, "not safe to write", "", 1},
		{"embedded, another failure in a writable folder: an error", Embedded, dir, driverErr, false, "", "unable to open database file", 1},
		{"a server that fails: an error without the password", "postgres://ana:s3cret@db.example/p", dir, fs.ErrPermission, false, "", "postgres://ana:xxxxx@db.example/p", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			op, err := Open(ctx, tt.setting, tt.dir, opener(tt.openErr, &calls))
			if calls != tt.wantCalls {
				t.Errorf("%d opens, want %d", calls, tt.wantCalls)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "s3cret") {
					t.Fatalf("error %v, want one with %q and no password", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.dir) {
					t.Errorf("error %v does not name the folder", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (op.Store != nil) != tt.wantStore {
				t.Errorf("store %v, want one: %v", op.Store, tt.wantStore)
			}
			if tt.wantNote == "" && op.Note != "" || !strings.Contains(op.Note, tt.wantNote) {
				t.Errorf("note %q, want one with %q", op.Note, tt.wantNote)
			}
			if tt.wantStore && op.Describe() != "memory, memory" {
				t.Errorf("Describe() = %q", op.Describe())
			}
			if !tt.wantStore && op.Describe() != "" {
				t.Errorf("Describe() = %q without a store", op.Describe())
			}
		})
	}
}
