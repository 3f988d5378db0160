// Package projectfs is the one door through which the engine reads and
// writes inside a project folder. A project may come from anyone (an
// archive from a colleague, a scraped collection), so the door holds these
// rules:
//
//   - no path leaves the project folder, even through symbolic links
//     (every access goes through an os.Root);
//   - only regular files are read: a FIFO, device or socket is refused
//     without blocking (opened non-blocking, checked with fstat);
//   - every read has a size limit, enforced while reading (a file's stated
//     size is never trusted);
//   - Parallax writes only below .parallax, and only when .parallax and
//     every folder below it on the way are real folders (not links) owned
//     by the current user; otherwise the project is used read-only and the
//     reason is given;
//   - files are deleted only by exact name, one at a time, never by
//     pattern or recursively;
//   - state files are changed under an advisory lock (see Lock).
package projectfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
)

// StateDir is the project's own folder, the only place Parallax writes.
const StateDir = ".parallax"

// Size limits for each kind of file read from a project.
const (
	// LimitState bounds a JSON or TSV state file (sources.json,
	// aliases.json, lexicon.tsv, a workspace).
	LimitState = 64 << 20
	// LimitTable bounds a sidecar table (sources.csv, index.tsv).
	LimitTable = 32 << 20
	// LimitCacheIndex bounds the cache index.
	LimitCacheIndex = 256 << 20
	// LimitCachePack bounds one pack of cached documents.
	LimitCachePack = 1 << 30
)

// Errors of the door; each is wrapped with the file's name.
var (
	// ErrTooLarge: the file is larger than the limit of its kind.
	ErrTooLarge = errors.New("file larger than the limit")
	// ErrNotRegular: a FIFO, device, socket or folder where a file was
	// expected.
	ErrNotRegular = errors.New("not a regular file")
	// ErrUnsafeState: .parallax (or a folder below it) is a symbolic link,
	// not a folder, or not owned by the current user; nothing is written.
	ErrUnsafeState = errors.New("the project's .parallax folder is not safe to write")
	// ErrOutside: the path leads out of the project folder through a
	// symbolic link; it is not followed.
	ErrOutside = errors.New("leads out of the project folder (through a symbolic link); not followed")
	// ErrNotState: a write or delete outside .parallax was asked for.
	ErrNotState = errors.New("writes only inside .parallax")
)

// Root is an open project folder. Methods are safe for concurrent use.
type Root struct {
	dir  string // absolute
	root *os.Root

	// subs caches a root per folder that files were opened in, so opening
	// many files of one folder does not walk the path from the top each
	// time (each still cannot leave its folder, inside the project).
	mu   sync.Mutex
	subs map[string]*os.Root
}

// Open opens the project folder dir.
func Open(dir string) (*Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("project folder %s: %w", dir, err)
	}
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("project folder %s: %w", dir, err)
	}
	return &Root{dir: abs, root: r}, nil
}

// Close releases the folder.
func (r *Root) Close() error {
	r.mu.Lock()
	for _, s := range r.subs {
		if s != nil { // nil: the folder could not be opened
			s.Close()
		}
	}
	r.subs = nil
	r.mu.Unlock()
	return r.root.Close()
}

// maxSubs bounds the cached folder roots (each holds a descriptor).
const maxSubs = 64

// openIn opens rel with flag in the root of its folder (cached), or in the
// project's root when that fails (a link to another folder of the project
// leaves the folder's root, not the project's).
func (r *Root) openIn(rel string, flag int) (*os.File, error) {
	dir, base := path.Split(rel)
	if dir == "" {
		return r.root.OpenFile(rel, flag, 0)
	}
	r.mu.Lock()
	sub, ok := r.subs[dir]
	if !ok {
		var err error
		if sub, err = r.root.OpenRoot(strings.TrimSuffix(dir, "/")); err != nil {
			sub = nil
		}
		if len(r.subs) >= maxSubs {
			for k, s := range r.subs {
				if s != nil {
					s.Close()
				}
				delete(r.subs, k)
			}
		}
		if r.subs == nil {
			r.subs = map[string]*os.Root{}
		}
		r.subs[dir] = sub
	}
	if sub != nil {
		f, err := sub.OpenFile(base, flag, 0)
		r.mu.Unlock()
		if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			return f, err
		}
	} else {
		r.mu.Unlock()
	}
	return r.root.OpenFile(rel, flag, 0)
}

// Dir is the project folder's absolute path.
func (r *Root) Dir() string { return r.dir }

// OSRoot is the underlying os.Root, for reads through io/fs.
func (r *Root) OSRoot() *os.Root { return r.root }

// FS is the project folder as an fs.FS that cannot leave it; its ReadDir
// reports symbolic links as links.
func (r *Root) FS() fs.FS { return r.root.FS() }

// Abs is the absolute path of rel, for messages.
func (r *Root) Abs(rel string) string { return filepath.Join(r.dir, filepath.FromSlash(rel)) }

// clean makes rel a slash path relative to the root.
func clean(rel string) string {
	rel = path.Clean(filepath.ToSlash(rel))
	return strings.TrimPrefix(rel, "/")
}

// Lstat describes rel without following a final symbolic link.
func (r *Root) Lstat(rel string) (fs.FileInfo, error) {
	st, err := r.root.Lstat(clean(rel))
	return st, r.explain(rel, err)
}

// Stat describes rel, following symbolic links that stay inside the root.
func (r *Root) Stat(rel string) (fs.FileInfo, error) {
	st, err := r.root.Stat(clean(rel))
	return st, r.explain(rel, err)
}

// explain turns os.Root's refusal of a path that escapes it (an error the
// os package does not export) into ErrOutside naming the file.
func (r *Root) explain(rel string, err error) error {
	var pe *fs.PathError
	if err != nil && errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "path escapes from parent" {
		return fmt.Errorf("%s: %w", r.Abs(rel), ErrOutside)
	}
	return err
}

// ReadDir lists the folder rel (entries not followed).
func (r *Root) ReadDir(rel string) ([]fs.DirEntry, error) {
	d, err := r.root.Open(clean(rel))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadDir(-1)
}

// ReadFile reads the regular file rel, at most limit bytes. A missing file
// gives an error satisfying errors.Is(err, fs.ErrNotExist); a special file
// ErrNotRegular; a larger one ErrTooLarge. The FileInfo is the opened
// file's.
func (r *Root) ReadFile(rel string, limit int64) ([]byte, fs.FileInfo, error) {
	f, st, err := r.OpenRegular(rel)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := ReadLimited(f, limit, st.Size())
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", r.Abs(rel), err)
	}
	return data, st, nil
}

// OpenRegular opens rel for reading if it is a regular file. The open is
// non-blocking, so a FIFO never hangs it, and the kind is checked on the
// opened file itself. The caller closes the file and bounds its reads.
func (r *Root) OpenRegular(rel string) (*os.File, fs.FileInfo, error) {
	rel = clean(rel)
	f, err := r.openIn(rel, os.O_RDONLY|nonBlock)
	if err != nil {
		return nil, nil, r.explain(rel, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", r.Abs(rel), err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w (%s)", r.Abs(rel), ErrNotRegular, KindOf(st.Mode()))
	}
	return f, st, nil
}

// ReadLimited reads all of rd but fails with ErrTooLarge past limit bytes;
// hint (a stated size, maybe wrong) only sizes the first buffer.
func ReadLimited(rd io.Reader, limit, hint int64) ([]byte, error) {
	size := int64(512)
	if hint > 0 && hint <= limit {
		size = hint + 1 // one more byte, to see the end without growing
	}
	buf := make([]byte, 0, size)
	lr := io.LimitReader(rd, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, fmt.Errorf("%w of %s", ErrTooLarge, HumanBytes(limit))
	}
	return buf, nil
}

// KindOf names a file mode's kind for messages.
func KindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// HumanBytes writes a size for messages.
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// isState reports whether rel is .parallax or below it.
func isState(rel string) bool {
	return rel == StateDir || strings.HasPrefix(rel, StateDir+"/")
}

// CheckState checks that the folder rel (.parallax or a folder below it)
// and every folder on the way from .parallax are real folders owned by the
// current user. Folders that do not exist yet are fine (they will be
// created by MkdirState). The error wraps ErrUnsafeState and says why.
func (r *Root) CheckState(rel string) error {
	rel = clean(rel)
	if !isState(rel) {
		return fmt.Errorf("%s: %w", r.Abs(rel), ErrNotState)
	}
	cur := ""
	for _, part := range strings.Split(rel, "/") {
		cur = path.Join(cur, part)
		st, err := r.root.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", r.Abs(cur), err)
		}
		if !st.IsDir() {
			return fmt.Errorf("%w: %s is %s, not a folder; Parallax will not write there", ErrUnsafeState, r.Abs(cur), KindOf(st.Mode()))
		}
		if err := ownedByMe(st); err != nil {
			return fmt.Errorf("%w: %s %v; Parallax will not write there", ErrUnsafeState, r.Abs(cur), err)
		}
	}
	return nil
}

// MkdirState creates the state folder rel (and those on its way) after
// checking them with CheckState.
func (r *Root) MkdirState(rel string) error {
	rel = clean(rel)
	if err := r.CheckState(rel); err != nil {
		return err
	}
	cur := ""
	for _, part := range strings.Split(rel, "/") {
		cur = path.Join(cur, part)
		err := r.root.Mkdir(cur, 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create %s: %w", r.Abs(cur), err)
		}
	}
	// Check again: a folder could have been swapped for a link meanwhile.
	return r.CheckState(rel)
}

// WriteFile replaces the state file rel (below .parallax) with data,
// atomically, keeping the previous version as rel+".bak". The folders on
// the way are created and checked first.
func (r *Root) WriteFile(rel string, data []byte, perm fs.FileMode) error {
	return r.WriteFileWith(atomicfile.Writer{}, rel, data, perm)
}

// WriteFileWith is WriteFile with a given atomicfile.Writer (tests make
// it crash at a chosen step).
func (r *Root) WriteFileWith(w atomicfile.Writer, rel string, data []byte, perm fs.FileMode) error {
	rel = clean(rel)
	if !isState(rel) || rel == StateDir {
		return fmt.Errorf("write %s: %w", r.Abs(rel), ErrNotState)
	}
	if err := r.MkdirState(path.Dir(rel)); err != nil {
		return fmt.Errorf("write %s: %w", r.Abs(rel), err)
	}
	if st, err := r.root.Lstat(rel); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("write %s: %w: it is %s", r.Abs(rel), ErrUnsafeState, KindOf(st.Mode()))
	}
	if err := w.WriteIn(r.root, rel, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", r.Abs(rel), err)
	}
	return nil
}

// Create creates a new state file rel exclusively (it must not exist),
// for files written in pieces (cache packs). The caller closes it.
func (r *Root) Create(rel string, perm fs.FileMode) (*os.File, error) {
	rel = clean(rel)
	if !isState(rel) || rel == StateDir {
		return nil, fmt.Errorf("create %s: %w", r.Abs(rel), ErrNotState)
	}
	if err := r.MkdirState(path.Dir(rel)); err != nil {
		return nil, fmt.Errorf("create %s: %w", r.Abs(rel), err)
	}
	return r.root.OpenFile(rel, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
}

// Rename moves the state file from to to (both below .parallax, in checked
// folders), replacing to.
func (r *Root) Rename(from, to string) error {
	from, to = clean(from), clean(to)
	for _, p := range []string{from, to} {
		if !isState(p) || p == StateDir {
			return fmt.Errorf("rename %s: %w", r.Abs(p), ErrNotState)
		}
		if err := r.CheckState(path.Dir(p)); err != nil {
			return fmt.Errorf("rename %s: %w", r.Abs(p), err)
		}
	}
	return r.root.Rename(from, to)
}

// Remove deletes one state file Parallax made, named exactly: it must be
// below .parallax, in checked folders, and a regular file (never a
// folder, never a link's target).
func (r *Root) Remove(rel string) error {
	rel = clean(rel)
	if !isState(rel) || rel == StateDir {
		return fmt.Errorf("remove %s: %w", r.Abs(rel), ErrNotState)
	}
	if err := r.CheckState(path.Dir(rel)); err != nil {
		return fmt.Errorf("remove %s: %w", r.Abs(rel), err)
	}
	st, err := r.root.Lstat(rel)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("remove %s: %w: it is %s", r.Abs(rel), ErrNotRegular, KindOf(st.Mode()))
	}
	return r.root.Remove(rel)
}

// RemoveEmptyDir deletes the state folder rel if it is a real, empty
// folder (os.Remove never deletes a folder that still holds anything).
func (r *Root) RemoveEmptyDir(rel string) error {
	rel = clean(rel)
	if !isState(rel) || rel == StateDir {
		return fmt.Errorf("remove %s: %w", r.Abs(rel), ErrNotState)
	}
	if err := r.CheckState(rel); err != nil {
		return err
	}
	return r.root.Remove(rel)
}

// CleanTemporaries removes, in the state folder rel, temporaries of
// interrupted atomic writes older than a few minutes; it returns how many.
func (r *Root) CleanTemporaries(rel string) int {
	if r.CheckState(rel) != nil {
		return 0
	}
	return atomicfile.CleanTemporaries(r.root, clean(rel), staleAge)
}
