// Package folderstate tells whether a project folder's files are as they
// were, from what the file system records of them (path, size, inode,
// modification and change times), without reading them. A command that
// answers from an analysis kept in the store checks with it that the
// folder is the one the analysis was made of; any doubt sends it back to
// reading the folder.
//
// The change time is what makes this safe on Unix: an archive or a copy
// can set a file's modification time and size back to what they were, but
// any write sets its change time to now (git checks its index the same
// way). Where the system keeps no change time, Take reports that the
// folder cannot be told apart this way, and callers read it.
package folderstate

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Settle is how recent a change must not be for a digest to be trusted
// later: a file changed within Settle of the digest (or after it, by a
// clock set back) could change again within one tick of a coarse
// timestamp and look the same.
const Settle = 2 * time.Second

// ErrUnsupported is returned where the file system records no change time.
var ErrUnsupported = errors.New("this system records no change time to tell a file's edits by")

// Digest is what the folder's files were when taken.
type Digest struct {
	// Sum is a hash of every file's path and record, in path order.
	Sum string
	// Files is how many files (and links) it covers.
	Files int
	// Unsettled is true when a file changed within Settle of the digest:
	// the digest says what the folder is now, but must not be kept to
	// trust later.
	Unsettled bool
}

// Take digests the folder dir as it is at now: every file and link below
// it, except what Parallax itself writes there and no analysis reads
// (Ignored).
func Take(ctx context.Context, dir string, now time.Time) (Digest, error) {
	h := sha256.New()
	var d Digest
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if Ignored(rel, e.IsDir()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := e.Info() // the entry itself: a link is not followed
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		rec, ok := record(info)
		if !ok {
			return ErrUnsupported
		}
		if e.IsDir() {
			// a folder's own times change with its entries, which are
			// covered one by one; its name alone says it is there
			rec = fileRecord{mode: uint32(info.Mode().Type())}
		} else {
			d.Files++
			if changed := max(rec.mtime, rec.ctime); now.UnixNano()-changed < int64(Settle) {
				d.Unsettled = true
			}
		}
		writeRecord(h, rel, rec)
		return nil
	})
	if err != nil {
		return Digest{}, err
	}
	d.Sum = hex.EncodeToString(h.Sum(nil))
	return d, nil
}

// Ignored reports whether rel (relative to the project, with /) is what
// Parallax writes for itself and never reads as an input to an analysis:
// the extraction cache, the embedded store and its journals, the lock,
// the backups of migrated decisions, and workspaces (saved views, not
// decisions an analysis reads).
func Ignored(rel string, isDir bool) bool {
	const state = ".parallax/"
	name, ok := strings.CutPrefix(rel, state)
	if !ok {
		return false
	}
	first, _, nested := strings.Cut(name, "/")
	switch {
	case first == "cache" || first == "workspaces":
		return nested || isDir
	case strings.HasPrefix(first, "backup-"):
		return nested || isDir
	case nested:
		return false
	}
	switch path.Base(name) {
	case "lock", "last-workspace.json":
		return true
	}
	return strings.HasPrefix(name, "parallax.db")
}

// fileRecord is what the file system records of a file.
type fileRecord struct {
	size         int64
	mtime, ctime int64 // nanoseconds
	inode, dev   uint64
	mode         uint32
}

func writeRecord(h hash.Hash, rel string, r fileRecord) {
	var b [binary.MaxVarintLen64]byte
	put := func(v uint64) { h.Write(b[:binary.PutUvarint(b[:], v)]) }
	put(uint64(len(rel)))
	h.Write([]byte(rel))
	put(uint64(r.size))
	put(uint64(r.mtime))
	put(uint64(r.ctime))
	put(r.inode)
	put(r.dev)
	put(uint64(r.mode))
}
