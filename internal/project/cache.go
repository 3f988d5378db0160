package project

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// ExtractorVersion is part of every cache key: bump it whenever extraction,
// boilerplate or text-metadata rules change, so old entries are not reused.
const ExtractorVersion = 6 // 6: PDF text, language rules, linear extraction and binary gate together

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
//	index.gob     the index: where each entry is, and what each path held
//	              when last read (its content hash), to know which entries
//	              are still used
//	*.pack        entries, each a record: "PXR1", length, CRC-32, payload
//
// Entries are keyed by the SHA-256 of the file's bytes, never by its name,
// size or time (an archive keeps those while the content changes): every
// file is read and hashed, and a record is used only when the hash it
// carries is that of the bytes just read. A cache shipped inside a folder
// from elsewhere is therefore checked record by record; a corrupt or
// oversized index is ignored with a warning and rebuilt.
//
// A run appends its new entries to one new pack (written to a temporary
// name and renamed when the run ends), then replaces the index under the
// project's lock, merged with the index on disk. Packs no longer referenced
// are deleted (by their exact names), and packs mostly made of stale
// entries are compacted, when a whole project is opened. A corrupt record
// fails its CRC and is simply extracted again. All access goes through
// projectfs: nothing is read or written outside .parallax/cache.
type cache struct {
	off bool
	fs  *projectfs.Root
	dir string // .parallax/cache/v<N>, relative to the project

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
	warnings []string
	// unsafe says why the cache folder is neither read nor written.
	unsafe error
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

// statKey is what the index remembers of a file. Only Hash and Format
// matter (they keep the entry alive); size and time are informative.
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

// The names the cache creates, matched exactly before anything is deleted.
var (
	packPattern    = regexp.MustCompile(`^[0-9]+-[0-9]+(-compact)?\.pack$`)
	tmpPattern     = regexp.MustCompile(`^\.(new|compact)-[0-9a-f]{16}\.tmp$`)
	versionPattern = regexp.MustCompile(`^v[0-9]{1,6}$`)
)

// errReadOnly disables writing the cache of a read-only project folder.
var errReadOnly = errors.New("the project folder is read-only")

func newCache(rfs *projectfs.Root, off bool) *cache {
	c := &cache{off: off, fs: rfs, dir: CacheDir + "/v" + strconv.Itoa(ExtractorVersion),
		seen: map[string]statKey{}, added: map[string]loc{}, packs: map[string][]byte{}}
	c.idx = cacheIndex{Entries: map[string]loc{}, Stats: map[string]statKey{}}
	if off {
		return c
	}
	if err := rfs.CheckState(c.dir); err != nil {
		// A .parallax or cache folder that is a link, or someone else's:
		// neither read nor written (the analysis works without it).
		c.off = true
		if rfs.CheckState(StateDir) == nil { // else the project's problem says it
			c.unsafe = err
		}
		return c
	}
	// A folder whose mode forbids writing (a read-only share, a copied
	// reference set) is not written to, even by a user who could.
	if st, err := os.Stat(rfs.Dir()); err == nil && st.Mode().Perm()&0o222 == 0 {
		c.writeErr = errReadOnly
	}
	idx, err := c.readIndex()
	if err != nil {
		c.warnings = append(c.warnings, "cache index ignored and rebuilt: "+err.Error())
	} else if idx != nil {
		c.idx = *idx
	}
	return c
}

// readIndex reads the index on disk: nil without one, an error when it is
// unreadable, oversized or corrupt.
func (c *cache) readIndex() (*cacheIndex, error) {
	b, _, err := c.fs.ReadFile(path.Join(c.dir, indexName), projectfs.LimitCacheIndex)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	idx, err := decodeIndex(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.fs.Abs(path.Join(c.dir, indexName)), err)
	}
	return idx, nil
}

// decodeIndex parses an index; every location must be plausible.
func decodeIndex(b []byte) (*cacheIndex, error) {
	var idx cacheIndex
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&idx); err != nil {
		return nil, fmt.Errorf("corrupt cache index: %w", err)
	}
	if idx.Entries == nil || idx.Stats == nil {
		return nil, errors.New("corrupt cache index: missing tables")
	}
	for k, l := range idx.Entries {
		if !packPattern.MatchString(l.Pack) || l.Off < 0 || l.Len < recHeader {
			return nil, fmt.Errorf("corrupt cache index: bad location of %q", k)
		}
	}
	return &idx, nil
}

func entryKey(hash string, format document.Format) string { return hash + "." + string(format) }

func (c *cache) noteStat(f candidate, hash string) {
	if c.off {
		return
	}
	c.mu.Lock()
	c.seen[f.rel] = statKey{f.info.Size(), f.info.ModTime().UnixNano(), hash, f.format}
	c.mu.Unlock()
}

// get reads the entry of content hash (its strings point into the pack,
// read once and never modified); a missing, corrupt or stale one, or one
// that claims another content, is a miss (and will be written again).
func (c *cache) get(hash string, format document.Format) (*entry, bool) {
	if c.off {
		return nil, false
	}
	key := entryKey(hash, format)
	c.mu.Lock()
	l, ok := c.added[key]
	if !ok {
		l, ok = c.idx.Entries[key]
	}
	var pack []byte
	if ok {
		pack, ok = c.packs[l.Pack]
		if !ok && packPattern.MatchString(l.Pack) {
			// A pack is read whole, once per run: one read instead of one
			// per document.
			var err error
			pack, _, err = c.fs.ReadFile(path.Join(c.dir, l.Pack), projectfs.LimitCachePack)
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

// tempName is a fresh name for a temporary file of the cache.
func tempName(kind string) (string, error) {
	var rnd [8]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", err
	}
	return "." + kind + "-" + hex.EncodeToString(rnd[:]) + ".tmp", nil
}

// createTemp creates a temporary file of kind in the cache folder.
func (c *cache) createTemp(kind string) (*os.File, string, error) {
	name, err := tempName(kind)
	if err != nil {
		return nil, "", err
	}
	rel := path.Join(c.dir, name)
	f, err := c.fs.Create(rel, 0o644)
	if err != nil {
		return nil, "", err
	}
	return f, rel, nil
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
		c.packName = fmt.Sprintf("%d-%d%s", time.Now().UnixNano(), os.Getpid(), packSuffix)
		f, rel, err := c.createTemp("new")
		if err != nil {
			c.writeErr = err
			return
		}
		c.tmp, c.tmpName = f, rel
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
// few paths) the index is updated and removed paths are dropped. The index
// is re-read and merged under the project's lock, so two processes opening
// one project at once keep a consistent cache.
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
			err = c.fs.Rename(c.tmpName, path.Join(c.dir, c.packName))
		}
		if err != nil {
			_ = c.fs.Remove(c.tmpName)
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
	unlock, err := c.fs.Lock()
	if err != nil {
		return err
	}
	defer unlock()
	disk := c.idx
	if cur, err := c.readIndex(); err == nil && cur != nil {
		disk = *cur // another process may have written since we read it
	}
	idx := cacheIndex{Entries: map[string]loc{}, Stats: map[string]statKey{}}
	if !full {
		for k, v := range disk.Stats {
			idx.Stats[k] = v
		}
	}
	for k, v := range c.seen {
		idx.Stats[k] = v
	}
	for _, r := range removed {
		delete(idx.Stats, r)
	}
	for k, v := range disk.Entries {
		idx.Entries[k] = v
	}
	for k, v := range c.idx.Entries {
		if _, ok := idx.Entries[k]; !ok {
			idx.Entries[k] = v
		}
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
	if err := c.fs.WriteFile(path.Join(c.dir, indexName), buf.Bytes(), 0o644); err != nil {
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
	for pack, n := range live {
		st, err := c.fs.Lstat(path.Join(c.dir, pack))
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		if st.Size() > 1<<20 && n*2 < st.Size() {
			waste = append(waste, pack)
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
	f, tmp, err := c.createTemp("compact")
	if err != nil {
		return err
	}
	var off int64
	moved := map[string]loc{}
	for k, l := range idx.Entries {
		if !isWaste[l.Pack] {
			continue
		}
		pack, ok := c.packs[l.Pack]
		if !ok {
			pack, _, err = c.fs.ReadFile(path.Join(c.dir, l.Pack), projectfs.LimitCachePack)
			if err != nil {
				delete(idx.Entries, k)
				continue
			}
			c.packs[l.Pack] = pack
		}
		if l.Off+int64(l.Len) > int64(len(pack)) {
			delete(idx.Entries, k)
			continue
		}
		if _, err := f.Write(pack[l.Off : l.Off+int64(l.Len)]); err != nil {
			f.Close()
			_ = c.fs.Remove(tmp)
			return err
		}
		moved[k] = loc{Pack: name, Off: off, Len: l.Len}
		off += int64(l.Len)
	}
	if err := f.Close(); err != nil {
		_ = c.fs.Remove(tmp)
		return err
	}
	if err := c.fs.Rename(tmp, path.Join(c.dir, name)); err != nil {
		_ = c.fs.Remove(tmp)
		return err
	}
	for k, l := range moved {
		idx.Entries[k] = l
	}
	return nil
}

// dropUnreferenced deletes packs the index no longer uses, temporary files
// left by runs that died (older than an hour), and the files of other
// extractor versions. Only names the cache itself makes are deleted, one
// file at a time; a folder goes only when that leaves it empty.
func (c *cache) dropUnreferenced(idx cacheIndex) {
	used := map[string]bool{}
	for _, l := range idx.Entries {
		used[l.Pack] = true
	}
	c.dropFiles(c.dir, func(n string) bool { return !used[n] })
	c.fs.CleanTemporaries(c.dir)
	// Folders of other extractor versions are stale.
	vs, err := c.fs.ReadDir(CacheDir)
	if err != nil {
		return
	}
	for _, v := range vs {
		n := v.Name()
		if !v.IsDir() || !versionPattern.MatchString(n) || n == path.Base(c.dir) {
			continue
		}
		dir := CacheDir + "/" + n
		if c.fs.CheckState(dir) != nil {
			continue
		}
		c.dropFiles(dir, func(string) bool { return true })
		c.fs.CleanTemporaries(dir)
		_ = c.fs.Remove(dir + "/" + indexName)
		_ = c.fs.Remove(dir + "/" + indexName + ".bak")
		_ = c.fs.RemoveEmptyDir(dir)
	}
}

// dropFiles deletes, in the cache folder dir, the packs for which drop is
// true and old temporaries, matched by exact name patterns.
func (c *cache) dropFiles(dir string, drop func(name string) bool) {
	entries, err := c.fs.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		switch {
		case packPattern.MatchString(n) && drop(n):
			_ = c.fs.Remove(dir + "/" + n)
		case tmpPattern.MatchString(n):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				_ = c.fs.Remove(dir + "/" + n)
			}
		}
	}
}
