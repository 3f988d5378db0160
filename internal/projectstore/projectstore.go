// Package projectstore opens the store a project's analysis is kept in, as
// the analyst chose it (issue 18): the CLI's --store and PARALLAX_STORE,
// the app's store setting. One setting names the store of any project:
// "" the embedded SQLite store in the project's .parallax folder (the
// default), "none" no store, or a server's URL (postgres://…).
//
// A project folder Parallax may not write to (a read-only medium, or a
// .parallax that projectfs refuses) cannot hold an embedded store; it is
// analysed without one and the reason is given, rather than refused.
package projectstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/storeurl"
)

// The settings that are not URLs.
const (
	// Embedded is the default: SQLite in the project's .parallax folder.
	Embedded = ""
	// None keeps nothing: every run analyses the project again, as
	// before issue 18 (for comparisons and read-only folders).
	None = "none"
)

// Normalise checks a setting and spells the embedded store "" and no
// store "none" ("embedded", "sqlite", "off" are accepted too), so that
// callers compare with one spelling of each.
func Normalise(setting string) (string, error) {
	setting = strings.TrimSpace(setting)
	switch strings.ToLower(setting) {
	case "", "embedded", "sqlite":
		return Embedded, nil
	case None, "off":
		return None, nil
	}
	// "host:5432" parses as a URL of scheme "host": ask for "//" too.
	u, err := url.Parse(setting)
	if err != nil || u.Scheme == "" || !strings.Contains(setting, "://") && u.Scheme != "sqlite" {
		return "", fmt.Errorf("store %q is not a URL (postgres://…), \"embedded\" or %q", Redact(setting), None)
	}
	return setting, nil
}

// Redact returns a setting fit for messages: a URL without its password.
func Redact(setting string) string { return storeurl.Redact(setting) }

// OpenFunc opens the store of a normalised setting for the project folder
// dir; storeurl.Open is the real one.
type OpenFunc func(ctx context.Context, setting, dir string) (store.Store, error)

// Opened is the store of a project, or none.
type Opened struct {
	// Store is nil when nothing is kept.
	Store store.Store
	// Note says why there is no store although one was asked for (the
	// folder cannot be written); "" otherwise.
	Note string
}

// Describe names where the analysis is kept, for a status bar: "" when
// nowhere.
func (o Opened) Describe() string {
	if o.Store == nil {
		return ""
	}
	return o.Store.Kind() + ", " + o.Store.Location()
}

// Open opens the store of setting (normalised) for the project folder
// dir with open (nil: storeurl.Open). An embedded store that cannot be
// made because the folder cannot be written gives no store and a Note;
// any other failure is an error naming the store and the folder.
func Open(ctx context.Context, setting, dir string, open OpenFunc) (Opened, error) {
	if setting == None {
		return Opened{}, nil
	}
	if open == nil {
		open = storeurl.Open
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Opened{}, fmt.Errorf("project folder %s: %w", dir, err)
	}
	st, err := open(ctx, setting, abs)
	if err == nil {
		return Opened{Store: st}, nil
	}
	if setting == Embedded {
		why := err
		if !cannotWrite(err) {
			why = stateUnwritable(abs)
		}
		if why != nil {
			return Opened{Note: fmt.Sprintf("no embedded store for %s (%v): analysed without one, nothing is kept", abs, why)}, nil
		}
	}
	return Opened{}, fmt.Errorf("open the store %s for %s: %w", label(setting), abs, err)
}

// label names a setting's store for messages.
func label(setting string) string {
	if setting == Embedded {
		return "embedded (SQLite in .parallax)"
	}
	return Redact(setting)
}

// cannotWrite reports whether err says the project's state folder cannot
// be written: permissions, a read-only file system, or a .parallax that
// projectfs refuses to write to.
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) ||
		errors.Is(err, projectfs.ErrUnsafeState)
}

// stateUnwritable says why the state folder of the project dir cannot be
// written, or nil: a driver's own errors (SQLite's "unable to open
// database file") do not say, so the folder is asked.
func stateUnwritable(dir string) error {
	root, err := projectfs.Open(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.CheckState(projectfs.StateDir); err != nil {
		return err
	}
	target := root.Abs(projectfs.StateDir)
	if _, err := root.Lstat(projectfs.StateDir); errors.Is(err, fs.ErrNotExist) {
		target = dir // .parallax would be made there
	}
	return writable(target)
}
