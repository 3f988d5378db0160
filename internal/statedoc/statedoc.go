// Package statedoc keeps the analyst's decisions (alias decisions, source
// overrides and stances, the project lexicons) as named documents, read and
// changed by key, in one of two places: the project folder's own files
// under .parallax/ (no store: today's files, changed under the project's
// lock) or a store.Store (each change a transaction with its author and a
// history). A document's content is the file's bytes either way, so the
// packages that read and write them keep their formats, and export is a
// copy.
//
// Keys are the files' paths relative to the project folder, with /
// (".parallax/aliases.json").
package statedoc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/store"
)

// The decisions kept as state documents. The lexicons of other languages
// are LexiconPrefix + code + ".tsv".
const (
	Aliases       = ".parallax/aliases.json"
	Sources       = ".parallax/sources.json"
	Lexicon       = ".parallax/lexicon.tsv"
	LexiconPrefix = ".parallax/lexicon-"
	// WorkspacePrefix + name + ".json" is a workspace (with its
	// annotations); LastWorkspace names the one to reopen.
	WorkspacePrefix = ".parallax/workspaces/"
	LastWorkspace   = ".parallax/last-workspace.json"
)

// Docs are one project's state documents. Implementations are safe for
// concurrent use.
type Docs interface {
	// Kind is "folder" for the project's files, else the store's kind.
	Kind() string
	// Where names the place for messages.
	Where() string
	// Read returns the document key; exists is false when there is none.
	Read(ctx context.Context, key string) (data []byte, exists bool, err error)
	// Update changes the document key as one step that no other writer
	// interleaves with: change gets its current content (nil, false when
	// there is none) and returns the new content, or nil to leave it as it
	// is. An error from change leaves it as it is.
	Update(ctx context.Context, key string, change func(cur []byte, exists bool) ([]byte, error)) error
	// Keys lists the decisions' keys kept, sorted.
	Keys(ctx context.Context) ([]string, error)
}

// IsKey reports whether rel (relative to the project, with /) is one of
// the decisions kept as state documents.
func IsKey(rel string) bool {
	switch rel {
	case Aliases, Sources, Lexicon, LastWorkspace:
		return true
	}
	if name, ok := strings.CutPrefix(rel, WorkspacePrefix); ok {
		name, ok = strings.CutSuffix(name, ".json")
		return ok && name != "" && !strings.HasPrefix(name, ".") && !strings.ContainsAny(name, "/\\")
	}
	code, ok := strings.CutPrefix(rel, LexiconPrefix)
	if !ok {
		return false
	}
	code, ok = strings.CutSuffix(code, ".tsv")
	return ok && code != "" && !strings.ContainsAny(code, "/\\.")
}

func checkKey(key string) error {
	if !IsKey(key) {
		return fmt.Errorf("%q is not a state document", key)
	}
	return nil
}

// Author is who the changes of this process are recorded as:
// PARALLAX_AUTHOR, else the operating system's user name.
func Author() string {
	if a := strings.TrimSpace(os.Getenv("PARALLAX_AUTHOR")); a != "" {
		return a
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if a := os.Getenv(v); a != "" {
			return a
		}
	}
	return "unknown"
}

// Folder returns the state documents of the project folder dir: its files,
// changed under the project's lock (projectfs.Root.Update).
func Folder(dir string) Docs {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return folder{dir: dir}
}

type folder struct{ dir string }

func (f folder) Kind() string  { return "folder" }
func (f folder) Where() string { return filepath.Join(f.dir, projectfs.StateDir) }

func (f folder) Read(_ context.Context, key string) ([]byte, bool, error) {
	if err := checkKey(key); err != nil {
		return nil, false, err
	}
	rfs, err := projectfs.Open(f.dir)
	if err != nil {
		return nil, false, err
	}
	defer rfs.Close()
	data, _, err := rfs.ReadFile(key, projectfs.LimitState)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err // names the file
	}
	return data, true, nil
}

func (f folder) Update(_ context.Context, key string, change func([]byte, bool) ([]byte, error)) error {
	if err := checkKey(key); err != nil {
		return err
	}
	rfs, err := projectfs.Open(f.dir)
	if err != nil {
		return err
	}
	defer rfs.Close()
	return rfs.Update(key, projectfs.LimitState, change)
}

func (f folder) Keys(context.Context) ([]string, error) {
	rfs, err := projectfs.Open(f.dir)
	if err != nil {
		return nil, err
	}
	defer rfs.Close()
	ents, err := rfs.ReadDir(projectfs.StateDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", rfs.Abs(projectfs.StateDir), err)
	}
	var keys []string
	for _, e := range ents {
		rel := projectfs.StateDir + "/" + e.Name()
		// Not only regular files: reading a FIFO or device so named
		// reports it, where leaving it out would hide it.
		if !e.IsDir() && IsKey(rel) {
			keys = append(keys, rel)
		}
	}
	wss, err := rfs.ReadDir(strings.TrimSuffix(WorkspacePrefix, "/"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("list %s: %w", rfs.Abs(WorkspacePrefix), err)
	}
	for _, e := range wss {
		rel := WorkspacePrefix + e.Name()
		if !e.IsDir() && IsKey(rel) {
			keys = append(keys, rel)
		}
	}
	sort.Strings(keys)
	return keys, nil
}

// InStore returns the state documents kept in st, each change recorded as
// made by author.
func InStore(st store.Store, author string) *Stored {
	return &Stored{st: st, author: author}
}

// Stored are the state documents of a store.
type Stored struct {
	st     store.Store
	author string
}

// errUnchanged ends a store transaction whose change left the document as
// it was, so that no version is added to its history.
var errUnchanged = errors.New("unchanged")

// Kind is the store's kind.
func (s *Stored) Kind() string { return s.st.Kind() }

// Where is the store's location.
func (s *Stored) Where() string { return s.st.Location() }

// Store is the store the documents are kept in.
func (s *Stored) Store() store.Store { return s.st }

// Author is who this value's changes are recorded as.
func (s *Stored) Author() string { return s.author }

// Read returns the current version's content.
func (s *Stored) Read(ctx context.Context, key string) ([]byte, bool, error) {
	if err := checkKey(key); err != nil {
		return nil, false, err
	}
	v, err := s.st.State(ctx, key)
	if errors.Is(err, store.ErrNotFound) || err == nil && v.Deleted {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read %s from the %s store: %w", key, s.st.Kind(), err)
	}
	return v.Data, true, nil
}

// Update changes key in one store transaction.
func (s *Stored) Update(ctx context.Context, key string, change func([]byte, bool) ([]byte, error)) error {
	if err := checkKey(key); err != nil {
		return err
	}
	_, err := s.st.UpdateState(ctx, key, s.author, func(cur []byte, exists bool) ([]byte, error) {
		data, err := change(cur, exists)
		if err != nil {
			return nil, err
		}
		if data == nil {
			return nil, errUnchanged
		}
		return data, nil
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return fmt.Errorf("change %s in the %s store: %w", key, s.st.Kind(), err)
	}
	return nil
}

// Delete removes key (its last version stays in the history); deleted is
// false when there was nothing to remove.
func (s *Stored) Delete(ctx context.Context, key string) (deleted bool, err error) {
	if err := checkKey(key); err != nil {
		return false, err
	}
	_, err = s.st.UpdateState(ctx, key, s.author, func(_ []byte, exists bool) ([]byte, error) {
		if !exists {
			return nil, errUnchanged
		}
		deleted = true
		return nil, nil
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return false, fmt.Errorf("delete %s in the %s store: %w", key, s.st.Kind(), err)
	}
	return deleted, nil
}

// Keys lists the decisions kept in the store.
func (s *Stored) Keys(ctx context.Context) ([]string, error) {
	all, err := s.st.StateKeys(ctx, projectfs.StateDir+"/")
	if err != nil {
		return nil, fmt.Errorf("list the %s store's state: %w", s.st.Kind(), err)
	}
	var keys []string
	for _, k := range all {
		if IsKey(k) {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// Versions returns the current version number of each of keys (0 for one
// not kept), for a window that follows other writers' changes.
func (s *Stored) Versions(ctx context.Context, keys []string) (map[string]int64, error) {
	out := make(map[string]int64, len(keys))
	for _, k := range keys {
		v, err := s.st.State(ctx, k)
		switch {
		case errors.Is(err, store.ErrNotFound):
			out[k] = 0
		case err != nil:
			return nil, fmt.Errorf("version of %s in the %s store: %w", k, s.st.Kind(), err)
		default:
			out[k] = v.Version
		}
	}
	return out, nil
}

// History lists the versions of key, the current one first, then those
// it replaced, newest first.
func (s *Stored) History(ctx context.Context, key string) ([]store.StateVersion, error) {
	h, err := s.st.StateHistory(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("history of %s in the %s store: %w", key, s.st.Kind(), err)
	}
	return h, nil
}
