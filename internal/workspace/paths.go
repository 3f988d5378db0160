package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ErrUnsafePath marks a document path in a workspace that is not a plain
// path inside the project: absolute, with "..", a drive or UNC path, or
// through a symbolic link that leads out of the project.
var ErrUnsafePath = errors.New("path leaves the project")

// PathError is an unsafe document path.
type PathError struct {
	Path   string // as written in the workspace
	Reason string
}

func (e *PathError) Error() string {
	return fmt.Sprintf("document path %q: %s", e.Path, e.Reason)
}

// Unwrap makes errors.Is(err, ErrUnsafePath) true.
func (e *PathError) Unwrap() error { return ErrUnsafePath }

// CheckPath reports whether p is a clean relative path with forward
// slashes that stays inside the project. It looks only at the text; see
// CheckPathOnDisk for symbolic links.
func CheckPath(p string) error {
	bad := func(reason string) error { return &PathError{Path: p, Reason: reason} }
	switch {
	case p == "":
		return bad("empty")
	case !utf8.ValidString(p):
		return bad("not valid UTF-8")
	case strings.ContainsRune(p, 0):
		return bad("contains a NUL byte")
	case strings.HasPrefix(p, `\\`) || strings.HasPrefix(p, "//"):
		return bad("a network (UNC) path; only paths inside the project are allowed")
	case strings.HasPrefix(p, "/"):
		return bad("an absolute path; only paths inside the project are allowed")
	case len(p) >= 2 && p[1] == ':' && isASCIILetter(p[0]):
		return bad("a Windows drive path; only paths inside the project are allowed")
	case strings.ContainsRune(p, '\\'):
		return bad(`contains a backslash; project paths use "/"`)
	}
	for _, part := range strings.Split(p, "/") {
		switch part {
		case "..":
			return bad(`contains ".."; only paths inside the project are allowed`)
		case "", ".":
			return bad("not a clean path (empty or \".\" element)")
		}
	}
	if path.Clean(p) != p {
		return bad("not a clean path")
	}
	return nil
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// CheckPathOnDisk checks p with CheckPath and then follows it from the
// project folder root: any symbolic link on the way must resolve inside
// the project. Parts of p that do not exist are fine (a deleted document
// is a workspace problem, not an unsafe path).
func CheckPathOnDisk(root, p string) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("resolve project folder %s: %w", root, err)
	}
	cur := root
	for _, part := range strings.Split(p, "/") {
		cur = filepath.Join(cur, part)
		st, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("check %s: %w", cur, err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		target, err := filepath.EvalSymlinks(cur)
		if errors.Is(err, fs.ErrNotExist) {
			// A dangling link: where it points cannot be trusted either.
			dest, _ := os.Readlink(cur)
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(filepath.Dir(cur), dest)
			}
			if !within(realRoot, filepath.Clean(dest)) && !within(root, filepath.Clean(dest)) {
				return &PathError{Path: p, Reason: "a symbolic link out of the project"}
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("resolve %s: %w", cur, err)
		}
		if !within(realRoot, target) {
			return &PathError{Path: p, Reason: "a symbolic link out of the project"}
		}
	}
	return nil
}

// within reports whether path p is dir or inside it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	return rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// checkPaths checks every document path of ws, textually, or on disk when
// root is not empty.
func (ws *Workspace) checkPaths(root string) error {
	check := func(p string) error {
		if root == "" {
			return CheckPath(p)
		}
		return CheckPathOnDisk(root, p)
	}
	for i, p := range ws.Panes {
		if err := check(p.Path); err != nil {
			return fmt.Errorf("pane %d: %w", i+1, err)
		}
	}
	for i, a := range ws.Annotations {
		if err := check(a.Path); err != nil {
			return fmt.Errorf("annotation %d (%s): %w", i+1, a.ID, err)
		}
	}
	return nil
}
