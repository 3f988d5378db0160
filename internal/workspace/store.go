package workspace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// Where workspaces live inside a project.
const (
	StateDir = ".parallax"
	SubDir   = "workspaces"
	Ext      = ".json"
	// LastFile, in StateDir, remembers the workspace to reopen.
	LastFile = "last-workspace.json"
)

// Errors of store operations.
var (
	// ErrConflict: the file changed on disk (another window or another
	// analyst saved it) since it was loaded; offer to reload or Save As.
	ErrConflict = errors.New("the workspace file changed on disk since it was loaded")
	// ErrExists: a workspace of that name (ignoring case) exists already.
	ErrExists = errors.New("a workspace of that name exists already")
	// ErrReadOnly: the workspace was written by a newer version; Save
	// refuses it unless forced, Save As makes a copy.
	ErrReadOnly = errors.New("the workspace is read-only (written by a newer Parallax)")
	// ErrNotFound: no workspace of that name.
	ErrNotFound = errors.New("no such workspace")
)

// WriteFunc replaces a file's contents atomically; atomicfile.Write is the
// default. Tests inject one that fails at a chosen step.
type WriteFunc func(path string, data []byte, perm fs.FileMode) error

// Options configure a Store. The zero value is ready to use.
type Options struct {
	// AppVersion is recorded in every workspace saved.
	AppVersion string
	// Now returns the current time; time.Now by default.
	Now func() time.Time
	// WriteFile writes files; atomicfile.Write by default.
	WriteFile WriteFunc
	// State, when set, keeps the workspaces in a project store's state
	// documents instead of files (see instore.go).
	State *statedoc.Stored
}

// Store holds the workspaces of one project folder.
type Store struct {
	root string // the project folder, absolute
	dir  string // root/.parallax/workspaces
	opts Options
	mu   sync.Mutex // serialises this process's writes
}

// OpenStore returns the store of the project folder dir, which must exist.
// Nothing is created until something is saved.
func OpenStore(dir string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("project folder %s: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("project folder %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("project folder %s: not a folder", dir)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Store{root: abs, dir: filepath.Join(abs, StateDir, SubDir), opts: opts}
	if s.opts.WriteFile == nil {
		s.opts.WriteFile = s.writeState
	}
	return s, nil
}

// door opens the project folder through projectfs, which keeps every
// access inside it.
func (s *Store) door() (*projectfs.Root, error) {
	return projectfs.Open(s.root)
}

// rel is file relative to the project, with /.
func (s *Store) rel(file string) (string, error) {
	rel, err := filepath.Rel(s.root, file)
	if err != nil || !within(s.root, file) {
		return "", fmt.Errorf("%s: %w", file, ErrUnsafePath)
	}
	return filepath.ToSlash(rel), nil
}

// writeState is the default WriteFunc: an atomic write through projectfs,
// which refuses a .parallax that is a link or someone else's.
func (s *Store) writeState(file string, data []byte, perm fs.FileMode) error {
	rel, err := s.rel(file)
	if err != nil {
		return err
	}
	rfs, err := s.door()
	if err != nil {
		return err
	}
	defer rfs.Close()
	return rfs.WriteFile(rel, data, perm)
}

// lockForWrite checks that the workspace folder may be written and takes
// the project's lock, so a save's check of the file on disk and its write
// are one step for every process; unlock releases it.
func (s *Store) lockForWrite() (unlock func(), err error) {
	rfs, err := s.door()
	if err != nil {
		return nil, err
	}
	if err := rfs.CheckState(StateDir + "/" + SubDir); err != nil {
		rfs.Close()
		return nil, err
	}
	release, err := rfs.Lock()
	if err != nil {
		rfs.Close()
		return nil, err
	}
	rfs.CleanTemporaries(StateDir + "/" + SubDir)
	return func() { release(); rfs.Close() }, nil
}

// Root is the project folder.
func (s *Store) Root() string { return s.root }

// Dir is the folder that holds the workspace files.
func (s *Store) Dir() string { return s.dir }

// File is the path of the workspace file of name.
func (s *Store) File(name string) string { return filepath.Join(s.dir, name+Ext) }

// stamp is what a workspace file looked like when read or written.
type stamp struct {
	exists  bool
	size    int64
	modTime time.Time
	hash    string
	// damaged: the file did not load (the workspace came from its backup).
	damaged bool
}

func stampOf(data []byte, st fs.FileInfo) stamp {
	sum := sha256.Sum256(data)
	return stamp{exists: true, size: st.Size(), modTime: st.ModTime(), hash: hex.EncodeToString(sum[:])}
}

// LoadedAt returns the modification time, size and hex SHA-256 of the
// workspace file as it was loaded or last saved (zero for a new one).
func (ws *Workspace) LoadedAt() (modTime time.Time, size int64, hash string) {
	return ws.disk.modTime, ws.disk.size, ws.disk.hash
}

// Load reads the workspace name. Errors: ErrBadName, ErrNotFound (wrapping
// fs.ErrNotExist), or a *LoadError (ErrCorrupt, ErrVersion,
// ErrUnsafePath) naming the file and the problem and offering the backup
// when it loads. A damaged file is left as it is.
func (s *Store) Load(name string) (*Workspace, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	file := s.File(name)
	if s.opts.State != nil {
		return s.loadStored(name)
	}
	ws, err := s.loadFile(file)
	if err != nil {
		var le *LoadError
		if errors.As(err, &le) {
			if _, berr := s.loadFile(file + atomicfile.BackupSuffix); berr == nil {
				le.Backup = file + atomicfile.BackupSuffix
			}
		}
		return nil, err
	}
	ws.Name = name
	return ws, nil
}

// LoadBackup reads the previous version of the workspace name (its .bak
// file), for when Load reported the file damaged. Saving the result
// replaces the damaged file, which is first kept beside it as
// "<name>.json.damaged-<time>".
func (s *Store) LoadBackup(name string) (*Workspace, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if s.opts.State != nil {
		return s.loadBackupStored(name)
	}
	file := s.File(name)
	ws, err := s.loadFile(file + atomicfile.BackupSuffix)
	if err != nil {
		return nil, err
	}
	ws.Name = name
	ws.disk = stamp{}
	if data, st, err := s.readFile(file); err == nil {
		ws.disk = stampOf(data, st)
		_, derr := Decode(data)
		ws.disk.damaged = derr != nil
	}
	ws.Warnings = append(ws.Warnings, fmt.Sprintf("opened the previous version %s; saving replaces %s", file+atomicfile.BackupSuffix, file))
	return ws, nil
}

// loadFile reads and decodes one file and checks its paths on disk.
func (s *Store) loadFile(file string) (*Workspace, error) {
	if err := s.checkStateFile(file); err != nil {
		return nil, &LoadError{File: file, Problem: err.Error(), Err: ErrUnsafePath}
	}
	data, st, err := s.readFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s: %w", ErrNotFound, file, err)
	}
	if err != nil {
		return nil, fmt.Errorf("read workspace %s: %w", file, err)
	}
	ws, err := Decode(data)
	if err != nil {
		le := err.(*LoadError)
		le.File = file
		return nil, le
	}
	if err := ws.checkPaths(s.root); err != nil {
		kind := ErrUnsafePath
		if !errors.Is(err, ErrUnsafePath) {
			kind = ErrCorrupt
		}
		return nil, &LoadError{File: file, Problem: err.Error(), Err: kind}
	}
	ws.disk = stampOf(data, st)
	return ws, nil
}

// checkStateFile makes sure file, one of the project's state files under
// .parallax, stays inside the project: neither it nor a folder on its way
// may be a symbolic link leading out (a shared project is untrusted), and
// the file itself may not be a link at all.
func (s *Store) checkStateFile(file string) error {
	rel, err := filepath.Rel(s.root, file)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := CheckPathOnDisk(s.root, filepath.ToSlash(rel)); err != nil {
		if errors.Is(err, ErrUnsafePath) {
			return fmt.Errorf("%s: %w (through a symbolic link)", file, ErrUnsafePath)
		}
		return err
	}
	if st, err := os.Lstat(file); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s: %w: the file is a symbolic link", file, ErrUnsafePath)
	}
	return nil
}

// MaxFileSize is the largest workspace file loaded.
const MaxFileSize = 64 << 20

// readFile reads a file of the project through projectfs: never through
// a link out of it, never a FIFO or device, at most MaxFileSize bytes.
func (s *Store) readFile(file string) ([]byte, fs.FileInfo, error) {
	rel, err := s.rel(file)
	if err != nil {
		return nil, nil, err
	}
	rfs, err := s.door()
	if err != nil {
		return nil, nil, err
	}
	defer rfs.Close()
	return rfs.ReadFile(rel, MaxFileSize)
}

// SaveOptions change what Save accepts.
type SaveOptions struct {
	// Force writes even over a file changed on disk since it was loaded
	// (ErrConflict) and over a read-only workspace from a newer version
	// (ErrReadOnly), which then loses what the newer version added.
	Force bool
}

// Save writes ws to its file ws.Name. It refuses with ErrConflict when the
// file changed on disk since ws was loaded or saved (or appeared, or was
// removed), with ErrExists when ws is new and the name is taken, and with
// ErrReadOnly for a workspace of a newer version, unless forced. On
// success ws.Version, Saved, AppVersion (and Created, when unset) are
// updated and the file is whole; on failure ws is unchanged and the file
// is the old one, whole.
func (s *Store) Save(ws *Workspace, opts SaveOptions) error {
	if err := CheckName(ws.Name); err != nil {
		return err
	}
	if ws.ReadOnly && !opts.Force {
		return fmt.Errorf("save %s: %w", s.File(ws.Name), ErrReadOnly)
	}
	return s.save(ws, opts.Force)
}

// SaveAs writes ws under a new name, which must be free (ignoring case)
// unless forced, and makes ws that workspace: writable, named name.
func (s *Store) SaveAs(ws *Workspace, name string, opts SaveOptions) error {
	if err := CheckName(name); err != nil {
		return err
	}
	c := *ws
	c.Name = name
	c.ReadOnly = false
	c.disk = stamp{}
	if opts.Force && s.opts.State != nil {
		if data, ok, err := s.opts.State.Read(context.Background(), key(name)); err == nil && ok {
			c.disk = stampOfData(data)
		}
	} else if opts.Force {
		if data, st, err := s.readFile(s.File(name)); err == nil {
			c.disk = stampOf(data, st)
		}
	}
	if err := s.save(&c, opts.Force); err != nil {
		return err
	}
	*ws = c
	return nil
}

func (s *Store) save(ws *Workspace, force bool) error {
	if s.opts.State != nil {
		return s.saveStored(ws, force)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	file := s.File(ws.Name)
	if err := s.checkStateFile(file); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	unlock, err := s.lockForWrite()
	if err != nil {
		return fmt.Errorf("save workspace %q: %w", ws.Name, err)
	}
	defer unlock()
	if err := ws.checkPaths(s.root); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	cur, st, err := s.readFile(file)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if !exists && !ws.disk.exists {
		if other, err := s.existing(ws.Name); err != nil {
			return fmt.Errorf("save %s: %w", file, err)
		} else if other != "" && !force {
			return fmt.Errorf("save %s: %w (%q)", file, ErrExists, other)
		}
	}
	if !force {
		switch {
		case exists && !ws.disk.exists:
			return fmt.Errorf("save %s: %w", file, ErrExists)
		case !exists && ws.disk.exists:
			return fmt.Errorf("save %s: %w (it was deleted or renamed)", file, ErrConflict)
		case exists && stampOf(cur, st).hash != ws.disk.hash:
			return fmt.Errorf("save %s: %w", file, ErrConflict)
		}
	}
	c, data, err := s.encodeForSave(ws)
	if err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if exists && (force || ws.disk.damaged) {
		if _, derr := Decode(cur); derr != nil {
			// The file on disk is damaged and the analyst chose to replace
			// it (from the backup, or forced): keep it anyway.
			keep := fmt.Sprintf("%s.damaged-%s", file, c.Saved.Format("20060102T150405Z"))
			if err := s.writeState(keep, cur, 0o644); err != nil {
				return fmt.Errorf("save %s: keep the damaged file: %w", file, err)
			}
		}
	}
	werr := s.opts.WriteFile(file, data, 0o644)
	after, st, err := s.readFile(file)
	if werr != nil {
		if err == nil && bytes.Equal(after, data) {
			// The new file is in place; only a step after the rename
			// failed (syncing the folder): the save happened.
			werr = nil
		} else {
			return fmt.Errorf("save workspace %q: %w", ws.Name, werr)
		}
	}
	if err != nil {
		return fmt.Errorf("save %s: read it back: %w", file, err)
	}
	if !bytes.Equal(after, data) {
		return fmt.Errorf("save %s: %w (it was replaced while saving)", file, ErrConflict)
	}
	c.disk = stampOf(after, st)
	c.ReadOnly = false
	*ws = c
	return nil
}

// encodeForSave returns a copy of ws stamped as saved now by this
// version of Parallax, and its encoding.
func (s *Store) encodeForSave(ws *Workspace) (Workspace, []byte, error) {
	c := *ws
	now := utc(s.opts.Now())
	c.Version = Version
	c.Saved = now
	c.AppVersion = s.opts.AppVersion
	if c.Created.IsZero() {
		c.Created = now
	}
	data, err := Encode(&c)
	return c, data, err
}

// existing returns the name of the workspace whose name equals name
// ignoring case, or "".
func (s *Store) existing(name string) (string, error) {
	names, err := s.names()
	if err != nil {
		return "", err
	}
	key := nameKey(name)
	for _, n := range names {
		if nameKey(n) == key {
			return n, nil
		}
	}
	return "", nil
}

// names lists the workspace file names (without Ext), sorted, including
// ones that are not valid names.
func (s *Store) names() ([]string, error) {
	if s.opts.State != nil {
		return s.namesStored()
	}
	if err := CheckPathOnDisk(s.root, StateDir+"/"+SubDir); err != nil {
		return nil, fmt.Errorf("list workspaces in %s: %w", s.dir, err)
	}
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list workspaces in %s: %w", s.dir, err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, Ext) || strings.HasPrefix(n, ".") || e.IsDir() {
			continue
		}
		out = append(out, strings.TrimSuffix(n, Ext))
	}
	sortNames(out)
	return out, nil
}

// sortNames sorts workspace names ignoring case, then byte by byte.
func sortNames(names []string) {
	sort.Slice(names, func(i, j int) bool {
		ki, kj := nameKey(names[i]), nameKey(names[j])
		if ki != kj {
			return ki < kj
		}
		return names[i] < names[j]
	})
}

// Changed reports whether ws's file changed on disk since ws was loaded
// or saved, for a UI that wants to offer a reload early.
func (s *Store) Changed(ws *Workspace) (bool, error) {
	if s.opts.State != nil {
		return s.changedStored(ws)
	}
	data, st, err := s.readFile(s.File(ws.Name))
	if errors.Is(err, fs.ErrNotExist) {
		return ws.disk.exists, nil
	}
	if err != nil {
		return false, fmt.Errorf("check %s: %w", s.File(ws.Name), err)
	}
	return !ws.disk.exists || stampOf(data, st).hash != ws.disk.hash, nil
}

// Summary describes one workspace for a list.
type Summary struct {
	Name        string    `json:"name"`
	File        string    `json:"file"`
	Saved       time.Time `json:"saved"`
	AppVersion  string    `json:"app_version,omitempty"`
	Documents   int       `json:"documents"`
	Annotations int       `json:"annotations"`
	Orphaned    int       `json:"orphaned"`
	ReadOnly    bool      `json:"read_only,omitempty"`
	Warnings    []string  `json:"warnings,omitempty"`
	Problems    []Problem `json:"problems,omitempty"`
	// Error says why the workspace does not load; Backup names a
	// loadable previous version.
	Error  string `json:"error,omitempty"`
	Backup string `json:"backup,omitempty"`
}

// List describes every workspace of the project, by name ignoring case.
// One that does not load is listed with its Error, never left out.
// Problems (documents missing, moved or changed, orphaned annotations)
// come from Check.
func (s *Store) List(ctx context.Context) ([]Summary, error) {
	names, err := s.names()
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(names))
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sum := Summary{Name: n, File: s.File(n)}
		if s.opts.State != nil {
			sum.File = s.where(n)
		}
		ws, err := s.Load(n)
		if err != nil {
			sum.Error = err.Error()
			var le *LoadError
			if errors.As(err, &le) {
				sum.Backup = le.Backup
			}
			out = append(out, sum)
			continue
		}
		sum.Saved = ws.Saved
		sum.AppVersion = ws.AppVersion
		sum.Documents = len(ws.Documents())
		sum.Annotations = len(ws.Annotations)
		sum.Orphaned = len(ws.Orphans())
		sum.ReadOnly = ws.ReadOnly
		sum.Warnings = ws.Warnings
		sum.Problems, err = Check(ctx, s.root, ws)
		if err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	return out, nil
}

// Rename renames the workspace from to to (with its backup). to must be
// free, ignoring case, except for a change of case of from itself. The
// last-opened workspace follows. A workspace open under the old name
// should then have its Name set to to.
func (s *Store) Rename(from, to string) error {
	if err := CheckName(from); err != nil {
		return err
	}
	if err := CheckName(to); err != nil {
		return err
	}
	if s.opts.State != nil {
		return s.renameStored(from, to)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lockForWrite()
	if err != nil {
		return fmt.Errorf("rename workspace %q: %w", from, err)
	}
	defer unlock()
	src, dst := s.File(from), s.File(to)
	for _, f := range []string{src, dst} {
		if err := s.checkStateFile(f); err != nil {
			return fmt.Errorf("rename workspace %q: %w", from, err)
		}
	}
	rfs, err := s.door()
	if err != nil {
		return fmt.Errorf("rename workspace %q: %w", from, err)
	}
	defer rfs.Close()
	root := rfs.OSRoot() // every step below stays inside the project
	src, _ = s.rel(src)
	dst, _ = s.rel(dst)
	if _, err := root.Lstat(src); err != nil {
		return fmt.Errorf("rename workspace %q: %w: %w", from, ErrNotFound, err)
	}
	sameKey := nameKey(from) == nameKey(to)
	if !sameKey {
		if other, err := s.existing(to); err != nil {
			return err
		} else if other != "" {
			return fmt.Errorf("rename workspace %q to %q: %w (%q)", from, to, ErrExists, other)
		}
	}
	if err := moveNoClobber(root, src, dst, sameKey); err != nil {
		return fmt.Errorf("rename workspace %q to %q: %w", from, to, err)
	}
	bak := atomicfile.BackupSuffix
	if _, err := root.Lstat(src + bak); err == nil {
		if err := moveNoClobber(root, src+bak, dst+bak, true); err != nil {
			return fmt.Errorf("rename backup of workspace %q: %w", from, err)
		}
	}
	if last, _ := s.lastName(); last == from {
		return s.setLast(to)
	}
	return nil
}

// moveNoClobber renames src to dst (relative to root), failing if dst
// exists, unless replace.
func moveNoClobber(root *os.Root, src, dst string, replace bool) error {
	if replace {
		return root.Rename(src, dst)
	}
	if err := root.Link(src, dst); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", dst, ErrExists)
		}
		// No hard links here (some shared or FAT folders): check, then rename.
		if _, serr := root.Lstat(dst); serr == nil {
			return fmt.Errorf("%s: %w", dst, ErrExists)
		}
		return root.Rename(src, dst)
	}
	return root.Remove(src)
}

// Duplicate saves a copy of the workspace from as to (which must be free)
// and returns it, created now.
func (s *Store) Duplicate(from, to string) (*Workspace, error) {
	ws, err := s.Load(from)
	if err != nil {
		return nil, fmt.Errorf("duplicate workspace %q: %w", from, err)
	}
	ws.Created = time.Time{}
	ws.Warnings = nil
	if err := s.SaveAs(ws, to, SaveOptions{}); err != nil {
		return nil, fmt.Errorf("duplicate workspace %q: %w", from, err)
	}
	return ws, nil
}

// Delete removes the workspace name and its backup (the UI asks first).
// Damaged copies kept beside it stay. If it was the last opened, no
// workspace reopens with the project.
func (s *Store) Delete(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if s.opts.State != nil {
		return s.deleteStored(name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	file := s.File(name)
	if err := s.checkStateFile(file); err != nil {
		return fmt.Errorf("delete workspace %q: %w", name, err)
	}
	unlock, err := s.lockForWrite()
	if err != nil {
		return fmt.Errorf("delete workspace %q: %w", name, err)
	}
	defer unlock()
	rfs, err := s.door()
	if err != nil {
		return fmt.Errorf("delete workspace %q: %w", name, err)
	}
	defer rfs.Close()
	rel, _ := s.rel(file)
	if err := rfs.Remove(rel); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("delete workspace %q: %w: %w", name, ErrNotFound, err)
		}
		return fmt.Errorf("delete workspace %q: %w", name, err)
	}
	if err := rfs.Remove(rel + atomicfile.BackupSuffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete backup of workspace %q: %w", name, err)
	}
	if last, _ := s.lastName(); last == name {
		return s.setLast("")
	}
	return nil
}

type lastFile struct {
	Workspace string `json:"workspace"`
}

// Last returns the workspace to reopen with the project, or "" when none
// was remembered or it no longer exists.
func (s *Store) Last() (string, error) {
	if s.opts.State != nil {
		name, err := s.lastStored()
		if err != nil || name == "" {
			return "", err
		}
		if other, err := s.existing(name); err != nil || other != name {
			return "", err
		}
		return name, nil
	}
	name, err := s.lastName()
	if err != nil || name == "" {
		return "", err
	}
	if _, err := os.Stat(s.File(name)); err != nil {
		return "", nil
	}
	return name, nil
}

func (s *Store) lastName() (string, error) {
	file := filepath.Join(s.root, StateDir, LastFile)
	if err := s.checkStateFile(file); err != nil {
		return "", err
	}
	data, _, err := s.readFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	name, err := decodeLast(data)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	return name, nil
}

// decodeLast reads the name kept by setLast or setLastStored: "" for
// none, else a valid name.
func decodeLast(data []byte) (string, error) {
	var lf lastFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return "", err
	}
	if lf.Workspace == "" {
		return "", nil
	}
	if err := CheckName(lf.Workspace); err != nil {
		return "", err
	}
	return lf.Workspace, nil
}

// encodeLast is what setLast and setLastStored keep for name.
func encodeLast(name string) ([]byte, error) {
	data, err := json.MarshalIndent(lastFile{Workspace: name}, "", "  ")
	return append(data, '\n'), err
}

// SetLast remembers name as the workspace to reopen with the project;
// "" forgets it.
func (s *Store) SetLast(name string) error {
	if name != "" {
		if err := CheckName(name); err != nil {
			return err
		}
	}
	if s.opts.State != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.setLastStored(name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := s.lockForWrite()
	if err != nil {
		return fmt.Errorf("remember the last workspace: %w", err)
	}
	defer unlock()
	return s.setLast(name)
}

func (s *Store) setLast(name string) error {
	file := filepath.Join(s.root, StateDir, LastFile)
	if err := s.checkStateFile(file); err != nil {
		return fmt.Errorf("remember the last workspace: %w", err)
	}
	data, err := encodeLast(name)
	if err != nil {
		return err
	}
	if err := s.opts.WriteFile(file, data, 0o644); err != nil {
		return fmt.Errorf("remember the last workspace: %w", err)
	}
	return nil
}
