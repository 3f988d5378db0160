package project

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// ExtractorVersion is part of every cache key: bump it whenever extraction,
// boilerplate or text-metadata rules change, so old entries are not reused.
const ExtractorVersion = 5

// CacheDir is the cache folder inside a project.
const CacheDir = StateDir + "/cache"

// entry is what the cache keeps of one file's content: the extracted
// document (without sidecar or analyst metadata, which are applied after)
// or the problem it gave.
type entry struct {
	Version      int
	Hash         string
	Format       document.Format
	Encoding     string
	Text         string
	Boilerplate  []document.Span
	Meta         document.Metadata
	Pages        []int
	Warnings     []string
	Origins      []sourcemeta.Origin
	ProblemKind  string
	ProblemError string
}

// cacheable reports whether the entry's outcome depends only on the file's
// content (not on a timeout, a crash or a cancellation).
func (e *entry) cacheable() bool {
	switch e.ProblemKind {
	case "timeout", "crashed", "canceled", "io":
		return false
	}
	return true
}

// result makes the document (or problem) of file f from the entry.
func (e *entry) result(f candidate) result {
	if e.ProblemKind != "" {
		return result{problem: &document.Problem{Path: f.rel, Kind: e.ProblemKind, Error: e.ProblemError}}
	}
	doc := &document.Document{
		Path: f.rel, Format: e.Format, Encoding: e.Encoding, Hash: e.Hash,
		Size: f.info.Size(), ModTime: f.info.ModTime(), Text: e.Text,
		Boilerplate: e.Boilerplate, Meta: e.Meta, Pages: e.Pages, Warnings: e.Warnings,
	}
	return result{doc: doc, origins: e.Origins}
}

// The cache lives in <project>/.parallax/cache/v<ExtractorVersion>/:
//
//	index.gob     the index: where each entry is, and each path's size,
//	              time and content hash (an unchanged file is not even read)
//	*.pack        entries, each a record: "PXR1", length, CRC-32, payload
//
// A run appends its new entries to one new pack (written to a temporary
// name and renamed when the run ends), then replaces the index. Packs no
// longer referenced are deleted, and packs mostly made of stale entries are
// compacted, when a whole project is opened. A corrupt record fails its CRC
// and is simply extracted again.
type cache struct {
	off bool
	dir string // .../.parallax/cache/v<N>

	mu       sync.Mutex
	idx      cacheIndex
	seen     map[string]statKey // paths noted in this run
	added    map[string]loc     // entries written in this run
	packs    map[string][]byte  // packs read in this run
	tmp      *os.File           // the new pack being written
	tmpName  string
	tmpSize  int64
	packName string
	writeErr error
}

// cacheIndex is the persistent index.
type cacheIndex struct {
	Entries map[string]loc     // entry key (hash.format) -> location
	Stats   map[string]statKey // path -> what it was when cached
}

// loc is where an entry's record is.
type loc struct {
	Pack string
	Off  int64
	Len  int32
}

// statKey is what the index remembers of a file.
type statKey struct {
	Size    int64
	ModNano int64
	Hash    string
	Format  document.Format
}

const (
	indexName  = "index.gob"
	packSuffix = ".pack"
	recHeader  = 12
)

var recMagic = []byte("PXR1")

// errReadOnly disables writing the cache of a read-only project folder.
var errReadOnly = errors.New("the project folder is read-only")

func newCache(projectDir string, off bool) *cache {
	root := filepath.Join(projectDir, filepath.FromSlash(CacheDir))
	c := &cache{off: off, dir: filepath.Join(root, "v"+strconv.Itoa(ExtractorVersion)),
		seen: map[string]statKey{}, added: map[string]loc{}, packs: map[string][]byte{}}
	c.idx = cacheIndex{Entries: map[string]loc{}, Stats: map[string]statKey{}}
	if off {
		return c
	}
	// A folder whose mode forbids writing (a read-only share, a copied
	// reference set) is not written to, even by a user who could.
	if st, err := os.Stat(projectDir); err == nil && st.Mode().Perm()&0o222 == 0 {
		c.writeErr = errReadOnly
	}
	if b, err := os.ReadFile(filepath.Join(c.dir, indexName)); err == nil {
		var idx cacheIndex
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&idx) == nil && idx.Entries != nil && idx.Stats != nil {
			c.idx = idx
		}
	}
	return c
}

func entryKey(hash string, format document.Format) string { return hash + "." + string(format) }

// lookupStat serves a file whose size and modification time match the
// index, without reading it.
func (c *cache) lookupStat(f candidate) (*entry, bool) {
	if c.off {
		return nil, false
	}
	c.mu.Lock()
	k, ok := c.idx.Stats[f.rel]
	c.mu.Unlock()
	if !ok || k.Size != f.info.Size() || k.ModNano != f.info.ModTime().UnixNano() || k.Format != f.format {
		return nil, false
	}
	e, ok := c.get(k.Hash, f.format)
	if ok {
		c.noteStat(f, k.Hash)
	}
	return e, ok
}

func (c *cache) noteStat(f candidate, hash string) {
	if c.off {
		return
	}
	c.mu.Lock()
	c.seen[f.rel] = statKey{f.info.Size(), f.info.ModTime().UnixNano(), hash, f.format}
	c.mu.Unlock()
}

// get reads an entry (its strings point into the pack, read once and never
// modified); a missing, corrupt or stale one is a miss (and will
// be written again).
func (c *cache) get(hash string, format document.Format) (*entry, bool) {
	if c.off {
		return nil, false
	}
	key := entryKey(hash, format)
	c.mu.Lock()
	l, ok := c.idx.Entries[key]
	var pack []byte
	if ok {
		pack, ok = c.packs[l.Pack]
		if !ok {
			// A pack is read whole, once per run: one read instead of one
			// per document.
			var err error
			pack, err = os.ReadFile(filepath.Join(c.dir, l.Pack))
			ok = err == nil
			if ok {
				c.packs[l.Pack] = pack
			}
		}
	}
	c.mu.Unlock()
	if !ok || l.Len < recHeader || l.Off < 0 || l.Off+int64(l.Len) > int64(len(pack)) {
		return nil, false
	}
	e, err := decodeRecord(pack[l.Off : l.Off+int64(l.Len)])
	if err != nil || e.Hash != hash || e.Format != format || e.Version != ExtractorVersion {
		return nil, false
	}
	return e, true
}

func decodeRecord(b []byte) (*entry, error) {
	if len(b) < recHeader || !bytes.Equal(b[:4], recMagic) {
		return nil, errors.New("not a cache record")
	}
	n := binary.LittleEndian.Uint32(b[4:8])
	payload := b[recHeader:]
	if int(n) != len(payload) || crc32.ChecksumIEEE(payload) != binary.LittleEndian.Uint32(b[8:12]) {
		return nil, errors.New("cache record checksum mismatch")
	}
	return unmarshalEntry(payload, true)
}

func encodeRecord(e *entry) []byte {
	payload := e.marshal()
	b := make([]byte, recHeader, recHeader+len(payload))
	copy(b, recMagic)
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[8:12], crc32.ChecksumIEEE(payload))
	return append(b, payload...)
}

// put appends an entry to this run's pack. A failure disables further
// writes and is reported by flush.
func (c *cache) put(e *entry) {
	if c.off {
		return
	}
	rec := encodeRecord(e) // outside the lock
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.writeErr != nil {
		return
	}
	if c.tmp == nil {
		if err := os.MkdirAll(c.dir, 0o755); err != nil {
			c.writeErr = err
			return
		}
		c.packName = fmt.Sprintf("%d-%d%s", time.Now().UnixNano(), os.Getpid(), packSuffix)
		f, err := os.CreateTemp(c.dir, ".new-*.tmp")
		if err != nil {
			c.writeErr = err
			return
		}
		_ = f.Chmod(0o644)
		c.tmp, c.tmpName = f, f.Name()
	}
	if _, err := c.tmp.Write(rec); err != nil {
		c.writeErr = err
		return
	}
	c.added[entryKey(e.Hash, e.Format)] = loc{Pack: c.packName, Off: c.tmpSize, Len: int32(len(rec))}
	c.tmpSize += int64(len(rec))
}

// flush publishes this run's pack and writes the index. With full set the
// run saw the whole project: only its paths stay in the index, unreferenced
// packs are deleted and wasteful ones compacted. Otherwise (a reload of a
// few paths) the old index is updated and removed paths are dropped.
func (c *cache) flush(full bool, removed ...string) error {
	if c.off {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() { c.packs = map[string][]byte{} }()
	if c.tmp != nil {
		err := c.tmp.Close()
		if err == nil && c.writeErr == nil {
			err = os.Rename(c.tmpName, filepath.Join(c.dir, c.packName))
		}
		if err != nil {
			os.Remove(c.tmpName)
			if c.writeErr == nil {
				c.writeErr = err
			}
		}
		c.tmp = nil
	}
	if c.writeErr != nil {
		return c.writeErr
	}
	if len(c.added) == 0 && len(removed) == 0 && sameStats(c.idx.Stats, c.seen, full) {
		return nil // nothing changed: leave the index alone
	}
	idx := cacheIndex{Entries: map[string]loc{}, Stats: map[string]statKey{}}
	if !full {
		for k, v := range c.idx.Stats {
			idx.Stats[k] = v
		}
	}
	for k, v := range c.seen {
		idx.Stats[k] = v
	}
	for _, r := range removed {
		delete(idx.Stats, r)
	}
	for k, v := range c.idx.Entries {
		idx.Entries[k] = v
	}
	for k, v := range c.added {
		idx.Entries[k] = v
	}
	if full {
		// Keep only the entries some path refers to.
		live := map[string]bool{}
		for _, s := range idx.Stats {
			live[entryKey(s.Hash, s.Format)] = true
		}
		for k := range idx.Entries {
			if !live[k] {
				delete(idx.Entries, k)
			}
		}
		if err := c.compact(&idx); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&idx); err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	if err := writeReplace(filepath.Join(c.dir, indexName), buf.Bytes()); err != nil {
		return err
	}
	c.idx = idx
	c.seen = map[string]statKey{}
	c.added = map[string]loc{}
	if full {
		c.dropUnreferenced(idx)
	}
	return nil
}

func sameStats(old, seen map[string]statKey, full bool) bool {
	if full && len(old) != len(seen) {
		return false
	}
	for k, v := range seen {
		if old[k] != v {
			return false
		}
	}
	return true
}

// compact rewrites the live entries of packs that are mostly stale into one
// new pack and points idx at it.
func (c *cache) compact(idx *cacheIndex) error {
	live := map[string]int64{}
	for _, l := range idx.Entries {
		live[l.Pack] += int64(l.Len)
	}
	var waste []string
	var total, used int64
	for pack, n := range live {
		st, err := os.Stat(filepath.Join(c.dir, pack))
		if err != nil {
			continue
		}
		if st.Size() > 1<<20 && n*2 < st.Size() {
			waste = append(waste, pack)
			total += st.Size()
			used += n
		}
	}
	if len(waste) == 0 {
		return nil
	}
	isWaste := map[string]bool{}
	for _, w := range waste {
		isWaste[w] = true
	}
	name := fmt.Sprintf("%d-%d-compact%s", time.Now().UnixNano(), os.Getpid(), packSuffix)
	f, err := os.CreateTemp(c.dir, ".compact-*.tmp")
	if err != nil {
		return err
	}
	_ = f.Chmod(0o644)
	var off int64
	moved := map[string]loc{}
	for k, l := range idx.Entries {
		if !isWaste[l.Pack] {
			continue
		}
		src, err := os.Open(filepath.Join(c.dir, l.Pack))
		if err != nil {
			delete(idx.Entries, k)
			continue
		}
		buf := make([]byte, l.Len)
		_, err = src.ReadAt(buf, l.Off)
		src.Close()
		if err != nil && !errors.Is(err, io.EOF) {
			delete(idx.Entries, k)
			continue
		}
		if _, err := f.Write(buf); err != nil {
			f.Close()
			os.Remove(f.Name())
			return err
		}
		moved[k] = loc{Pack: name, Off: off, Len: l.Len}
		off += int64(l.Len)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), filepath.Join(c.dir, name)); err != nil {
		os.Remove(f.Name())
		return err
	}
	for k, l := range moved {
		idx.Entries[k] = l
	}
	return nil
}

// dropUnreferenced deletes packs the index no longer uses and temporary
// files left by runs that died (older than an hour).
func (c *cache) dropUnreferenced(idx cacheIndex) {
	used := map[string]bool{}
	for _, l := range idx.Entries {
		used[l.Pack] = true
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasSuffix(n, packSuffix) && !used[n]:
			os.Remove(filepath.Join(c.dir, n))
		case strings.HasSuffix(n, ".tmp"):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(c.dir, n))
			}
		}
	}
	// Folders of other extractor versions are stale.
	parent := filepath.Dir(c.dir)
	if vs, err := os.ReadDir(parent); err == nil {
		for _, v := range vs {
			if v.IsDir() && strings.HasPrefix(v.Name(), "v") && v.Name() != filepath.Base(c.dir) {
				os.RemoveAll(filepath.Join(parent, v.Name()))
			}
		}
	}
}

// writeReplace writes path through a temporary file and a rename, so a
// reader never sees half an index.
func writeReplace(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.tmp")
	if err != nil {
		return err
	}
	_ = tmp.Chmod(0o644)
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}
