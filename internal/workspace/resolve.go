package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
)

// ProblemKind names what is wrong with a document a workspace refers to.
type ProblemKind string

// The kinds of workspace problems.
const (
	// ProblemMissing: the document is gone (deleted, or moved where it
	// could not be found). Its pane and annotations are kept.
	ProblemMissing ProblemKind = "missing"
	// ProblemMoved: the same file (same hash) is now at NewPath.
	ProblemMoved ProblemKind = "moved"
	// ProblemChanged: the file's contents changed since the workspace was
	// saved; annotations on it are re-anchored.
	ProblemChanged ProblemKind = "changed"
	// ProblemOrphaned: an annotation's passage is no longer in its document.
	ProblemOrphaned ProblemKind = "orphaned"
	// ProblemUnsafe: the path leaves the project (only from Check on a
	// workspace that was not loaded by a Store).
	ProblemUnsafe ProblemKind = "unsafe"
	// ProblemUnreadable: the file exists but cannot be read.
	ProblemUnreadable ProblemKind = "unreadable"
)

// Problem is one thing that no longer matches between a workspace and the
// project's documents. Problems are listed, never fixed silently.
type Problem struct {
	Kind    ProblemKind `json:"kind"`
	Path    string      `json:"path"`
	NewPath string      `json:"new_path,omitempty"`
	// Annotation is the ID of the annotation concerned, for orphans.
	Annotation string `json:"annotation,omitempty"`
	Detail     string `json:"detail"`
}

func (p Problem) String() string {
	s := string(p.Kind) + " " + p.Path
	if p.NewPath != "" {
		s += " → " + p.NewPath
	}
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// OpenPane appends a pane showing doc at the top, recording its hash.
func (ws *Workspace) OpenPane(doc *document.Document) {
	ws.Panes = append(ws.Panes, Pane{Path: doc.Path, Hash: doc.Hash})
}

// Resolve brings ws up to date with the project's current documents and
// lists what changed: a document found at another path by its hash is
// moved there (pane and annotations follow), one changed in place gets
// its new hash and its annotations re-anchored (Reanchor), one that is
// gone stays in the workspace as missing. Orphaned annotations are listed.
// It changes ws; save it to keep the result.
func Resolve(ws *Workspace, docs []*document.Document) []Problem {
	byPath := make(map[string]*document.Document, len(docs))
	byHash := map[string]*document.Document{}
	for _, d := range docs {
		byPath[d.Path] = d
		if d.Hash != "" {
			if _, dup := byHash[d.Hash]; !dup {
				byHash[d.Hash] = d
			}
		}
	}
	var probs []Problem
	reported := map[string]bool{}
	report := func(p Problem) {
		key := string(p.Kind) + "\x00" + p.Path + "\x00" + p.Annotation
		if !reported[key] {
			reported[key] = true
			probs = append(probs, p)
		}
	}
	// locate returns the current document for a path and the hash it was
	// saved with, moving to another path when needed.
	locate := func(path, hash string) (*document.Document, string) {
		if d, ok := byPath[path]; ok {
			if hash != "" && d.Hash != hash {
				report(Problem{Kind: ProblemChanged, Path: path, Detail: "the file changed since the workspace was saved"})
			}
			return d, path
		}
		if d, ok := byHash[hash]; ok && hash != "" {
			report(Problem{Kind: ProblemMoved, Path: path, NewPath: d.Path, Detail: "the same file is now at " + d.Path})
			return d, d.Path
		}
		report(Problem{Kind: ProblemMissing, Path: path, Detail: "not in the project any more; kept in the workspace"})
		return nil, path
	}
	for i := range ws.Panes {
		p := &ws.Panes[i]
		d, np := locate(p.Path, p.Hash)
		if d == nil {
			continue
		}
		p.Path = np
		if p.Hash != d.Hash {
			p.Hash = d.Hash
			if p.Scroll.Offset > len(d.Text) {
				p.Scroll.Offset = -1
			}
		}
	}
	for i := range ws.Annotations {
		a := &ws.Annotations[i]
		if _, ok := byPath[a.Path]; !ok {
			if _, np := locate(a.Path, a.Hash); np != a.Path {
				a.Path = np
			}
		} else if a.Hash != "" && !a.Orphaned && byPath[a.Path].Hash != a.Hash {
			// (An orphan's document changed by definition: it is reported
			// as orphaned below, not as changed at every load.)
			report(Problem{Kind: ProblemChanged, Path: a.Path, Detail: "the file changed since the workspace was saved"})
		}
	}
	ReanchorAll(ws, docs)
	for _, a := range ws.Annotations {
		if a.Orphaned {
			report(orphanProblem(a))
		}
	}
	return probs
}

func orphanProblem(a Annotation) Problem {
	q := a.Quote
	if len([]rune(q)) > 60 {
		q = string([]rune(q)[:60]) + "…"
	}
	return Problem{Kind: ProblemOrphaned, Path: a.Path, Annotation: a.ID,
		Detail: fmt.Sprintf("the annotated passage %q is no longer in the document; the annotation is kept", q)}
}

// maxMoveScan bounds the bytes Check hashes looking for moved files.
const maxMoveScan = 1 << 30

// Check lists the problems of ws against the files of the project folder
// root without extracting any document: a referenced file that is
// missing (or moved: found elsewhere in the project by its SHA-256),
// changed (its SHA-256 differs from the one saved), unreadable or unsafe,
// and annotations already orphaned. It does not change ws.
func Check(ctx context.Context, root string, ws *Workspace) ([]Problem, error) {
	hashes := map[string][]string{} // path → saved hashes
	var paths []string
	note := func(p, h string) {
		if _, ok := hashes[p]; !ok {
			paths = append(paths, p)
			hashes[p] = nil
		}
		if h != "" {
			hashes[p] = append(hashes[p], h)
		}
	}
	for _, p := range ws.Panes {
		note(p.Path, p.Hash)
	}
	for _, a := range ws.Annotations {
		if a.Orphaned {
			note(a.Path, "") // reported as orphaned, not as changed
		} else {
			note(a.Path, a.Hash)
		}
	}
	rfs, err := projectfs.Open(root)
	if err != nil {
		return nil, err
	}
	defer rfs.Close()
	var probs []Problem
	var missing []string
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := CheckPathOnDisk(root, p); err != nil {
			probs = append(probs, Problem{Kind: ProblemUnsafe, Path: p, Detail: err.Error()})
			continue
		}
		sum, err := hashFile(rfs, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing = append(missing, p)
		case err != nil:
			probs = append(probs, Problem{Kind: ProblemUnreadable, Path: p, Detail: err.Error()})
		default:
			for _, h := range hashes[p] {
				if h != sum {
					probs = append(probs, Problem{Kind: ProblemChanged, Path: p,
						Detail: "the file changed since the workspace was saved; annotations on it are re-anchored when it is opened"})
					break
				}
			}
		}
	}
	if len(missing) > 0 {
		found, err := findByHash(ctx, rfs, missing, hashes)
		if err != nil {
			return nil, err
		}
		for _, p := range missing {
			if np, ok := found[p]; ok {
				probs = append(probs, Problem{Kind: ProblemMoved, Path: p, NewPath: np, Detail: "the same file is now at " + np})
			} else {
				probs = append(probs, Problem{Kind: ProblemMissing, Path: p, Detail: "not in the project any more; kept in the workspace"})
			}
		}
	}
	for _, a := range ws.Annotations {
		if a.Orphaned {
			probs = append(probs, orphanProblem(a))
		}
	}
	return probs, nil
}

// findByHash walks the project for files whose SHA-256 is one saved for a
// missing path, skipping hidden folders and the state folder, hashing at
// most maxMoveScan bytes.
func findByHash(ctx context.Context, rfs *projectfs.Root, missing []string, hashes map[string][]string) (map[string]string, error) {
	root := rfs.Dir()
	want := map[string][]string{} // hash → missing paths
	for _, p := range missing {
		for _, h := range hashes[p] {
			want[h] = append(want[h], p)
		}
	}
	found := map[string]string{}
	if len(want) == 0 {
		return found, nil
	}
	budget := int64(maxMoveScan)
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder: look elsewhere
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		if len(found) == len(missing) || budget <= 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(root, f)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		st, err := rfs.Lstat(rel)
		if err != nil {
			continue
		}
		budget -= st.Size()
		sum, err := hashFile(rfs, rel)
		if err != nil {
			continue
		}
		for _, p := range want[sum] {
			if _, done := found[p]; !done {
				found[p] = rel
			}
		}
	}
	return found, nil
}

// hashFile hashes the project file rel through projectfs: only a regular
// file inside the project, opened so that a FIFO never blocks.
func hashFile(rfs *projectfs.Root, rel string) (string, error) {
	f, _, err := rfs.OpenRegular(rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", rfs.Abs(rel), err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
