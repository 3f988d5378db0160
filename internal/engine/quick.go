package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/folderstate"
	"github.com/parallaxworkbench/parallax/internal/keyhash"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/resources"
)

// A search from the command line on a warm project answers from the
// store without opening the project: reading, hashing and folding every
// document and decoding the whole kept analysis cost seconds at 10,000
// articles, while a search needs the names and, for the rows it shows,
// a few documents. Three things are kept for it:
//
//   - each document's text as the analysis read it (BlobDocText, keyed by
//     its DocKey, written when the document is extracted);
//   - the search index without the texts (BlobSearch, search.Kept, keyed
//     by the entities' key, which covers every document and the alias
//     decisions);
//   - which entities' key the folder had when it was last analysed
//     (BlobFolder), keyed by a FolderKey: the folder's files as the file
//     system records them (folderstate), the decisions an analysis reads,
//     the data this build embeds, the versions and the options.
//
// A FolderKey found kept means nothing an analysis reads has changed
// since, so the kept index is this folder's; anything else (an edited
// file, a decision, another build, a folder copied elsewhere, a system
// without change times) is a miss, and the command analyses as before.

// The blob kinds of the warm search.
const (
	BlobDocText = "document"
	BlobSearch  = "search"
	BlobFolder  = "folder"
)

// FolderKey is what a project folder is, as far as an analysis reads it,
// told without reading its files. The zero FolderKey matches nothing.
type FolderKey struct {
	key string
	// settled: no file changed within folderstate.Settle of the key
	// being taken, so it may be kept and trusted later
	settled bool
}

// TakeFolderKey takes the FolderKey of the project folder dir read with
// opts (its decisions from opts.Project.State). A folder that cannot be
// told this way (a system without change times, links followed into
// files whose records are not the links') gives the zero key and no
// error.
func TakeFolderKey(ctx context.Context, dir string, opts Options) (FolderKey, error) {
	return takeFolderKey(ctx, dir, opts, time.Now())
}

// takeFolderKey is TakeFolderKey at the time now (tests take it later
// than their files were written, as a user's second command would).
func takeFolderKey(ctx context.Context, dir string, opts Options, now time.Time) (FolderKey, error) {
	if opts.Project.FollowLinks {
		return FolderKey{}, nil
	}
	d, err := folderstate.Take(ctx, dir, now)
	if errors.Is(err, folderstate.ErrUnsupported) {
		return FolderKey{}, nil
	}
	if err != nil {
		return FolderKey{}, fmt.Errorf("take the state of %s: %w", dir, err)
	}
	embedded, err := resources.AnalysisDigest()
	if err != nil {
		return FolderKey{}, err
	}
	h := sha256.New()
	keyhash.Str(h, "parallax folder")
	keyhash.Int(h, AnalysisVersion, partcodec.Version, project.ExtractorVersion, search.KeptVersion, MaxCoverageRows)
	keyhash.Str(h, shapes)
	keyhash.Str(h, embedded)
	keyhash.Str(h, d.Sum)
	popts := opts.Project
	ro := opts.Reuse
	ro.Workers, ro.Progress = 0, nil // how, not what
	keyhash.Str(h, fmt.Sprintf("%+v|%d|%d|%+v", popts.PDF, popts.MaxFileSize, popts.MemoryBudget, ro))
	if st := opts.Project.State; st != nil {
		if err := writeDecisions(ctx, h, st); err != nil {
			return FolderKey{}, err
		}
	}
	return FolderKey{key: hex.EncodeToString(h.Sum(nil)), settled: !d.Unsettled}, nil
}

// writeDecisions hashes the state documents an analysis reads (every one
// but the workspaces, which are views), by key and content.
func writeDecisions(ctx context.Context, h hash.Hash, st statedoc.Docs) error {
	keys, err := st.Keys(ctx)
	if err != nil {
		return fmt.Errorf("list the decisions of %s: %w", st.Where(), err)
	}
	for _, k := range keys {
		if k == statedoc.LastWorkspace || strings.HasPrefix(k, statedoc.WorkspacePrefix) {
			continue
		}
		data, ok, err := st.Read(ctx, k)
		if err != nil {
			return fmt.Errorf("read the decision %s: %w", k, err)
		}
		keyhash.Str(h, k)
		keyhash.Str(h, fmt.Sprint(ok))
		keyhash.Str(h, string(data))
	}
	return nil
}

// RememberFolder keeps in the store of opts that a is the analysis of the
// folder at before (taken before the folder was opened), when the folder
// is still at before now, no change was recent enough to be missed, and
// no document's outcome was transient (a PDF that timed out is tried
// again next time). Anything else keeps nothing.
func RememberFolder(ctx context.Context, before FolderKey, a *Analysis, opts Options) error {
	return rememberFolder(ctx, before, a, opts, time.Now())
}

func rememberFolder(ctx context.Context, before FolderKey, a *Analysis, opts Options, now time.Time) error {
	if opts.Store == nil || before.key == "" || !before.settled || a.entitiesKey == "" {
		return nil
	}
	for _, pr := range a.project.Problems() {
		switch pr.Kind {
		case "timeout", "crashed", "canceled", "io":
			return nil
		}
	}
	after, err := takeFolderKey(ctx, a.project.Dir(), opts, now)
	if err != nil || after != before {
		return err
	}
	st := opts.Store
	// a warm command finds its own record: nothing to write
	if got, err := st.GetBlobs(ctx, BlobFolder, []string{before.key}); err == nil && string(got[before.key]) == a.entitiesKey {
		return nil
	}
	if _, err := st.PruneBlobs(ctx, BlobFolder, nil); err != nil {
		return fmt.Errorf("keep the folder's state: %w", err)
	}
	if err := st.PutBlobs(ctx, BlobFolder, map[string][]byte{before.key: []byte(a.entitiesKey)}); err != nil {
		return fmt.Errorf("keep the folder's state: %w", err)
	}
	return nil
}

// keptSearch is what BlobSearch holds: the index without texts and each
// document's key, in the index's order.
type keptSearch struct {
	Index   *search.Kept
	DocKeys []string
}

// keptDoc is what BlobDocText holds of a document: what a search row
// shows of it.
type keptDoc struct {
	Path, Text, Outlet string
	Boilerplate        []document.Span
}

func encodeDocText(d *document.Document) ([]byte, error) {
	return partcodec.EncodeValue(keptDoc{Path: d.Path, Text: d.Text, Outlet: d.Meta.Outlet.Value, Boilerplate: d.Boilerplate})
}

// KeptSearch is the search index kept for the folder at k, when there is
// one: it reads each document from the store when a row needs it. After
// a search, Err says whether every document it asked for was read; if
// not, the answer is incomplete and must not be shown.
type KeptSearch struct {
	*search.Index
	docs *storeDocs
}

// Err is the first document the searches could not read, or nil.
func (k *KeptSearch) Err() error { return k.docs.failed() }

// SearchKept returns the search index kept for the folder at k in st, or
// nil when none is kept for it (a miss, not an error: the caller
// analyses the folder). A kept index that does not decode is a miss too,
// said in the error-free warning returned.
func SearchKept(ctx context.Context, st store.Store, k FolderKey) (ks *KeptSearch, warning string, err error) {
	if st == nil || k.key == "" {
		return nil, "", nil
	}
	got, err := st.GetBlobs(ctx, BlobFolder, []string{k.key})
	if err != nil {
		return nil, "", fmt.Errorf("read the folder's state from %s: %w", st.Location(), err)
	}
	entitiesKey, ok := got[k.key]
	if !ok {
		return nil, "", nil
	}
	got, err = st.GetBlobs(ctx, BlobSearch, []string{string(entitiesKey)})
	if err != nil {
		return nil, "", fmt.Errorf("read the kept search index from %s: %w", st.Location(), err)
	}
	blob, ok := got[string(entitiesKey)]
	if !ok {
		return nil, "", nil
	}
	var kept keptSearch
	if err := partcodec.DecodeValue(blob, &kept); err != nil {
		return nil, fmt.Sprintf("the kept search index is unreadable, analysing the project: %v", err), nil
	}
	if kept.Index == nil || len(kept.DocKeys) != len(kept.Index.Paths) {
		return nil, "the kept search index does not name its documents' keys, analysing the project", nil
	}
	docs := &storeDocs{ctx: ctx, st: st, keys: make(map[string]string, len(kept.DocKeys))}
	for i, p := range kept.Index.Paths {
		docs.keys[p] = kept.DocKeys[i]
	}
	ix, err := search.FromKept(ctx, kept.Index, docs)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		return nil, fmt.Sprintf("analysing the project: %v", err), nil
	}
	return &KeptSearch{Index: ix, docs: docs}, "", nil
}

// storeDocs reads a kept index's documents from the store, each once.
type storeDocs struct {
	ctx  context.Context
	st   store.Store
	keys map[string]string // path → DocKey

	mu   sync.Mutex
	read map[string]*document.Document
	// fetched are blobs read by Prefetch, not decoded yet (by DocKey)
	fetched map[string][]byte
	err     error
}

func (s *storeDocs) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *storeDocs) Doc(path string) *document.Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.read[path]; ok {
		return d
	}
	d, err := s.load(path)
	if err != nil {
		if s.err == nil {
			s.err = err
		}
		return nil
	}
	if s.read == nil {
		s.read = map[string]*document.Document{}
	}
	s.read[path] = d
	return d
}

// Misfit makes a text that does not hold the kept index's spans the
// searches' error: its rows were left out.
func (s *storeDocs) Misfit(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = fmt.Errorf("the kept text of %s does not fit the kept search index", path)
	}
}

// Prefetch reads the documents at paths not read yet in one query; Doc
// then decodes each when asked (a search may stop early).
func (s *storeDocs) Prefetch(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []string
	for _, p := range paths {
		if _, ok := s.read[p]; ok {
			continue
		}
		if k, ok := s.keys[p]; ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return
	}
	got, err := s.st.GetBlobs(s.ctx, BlobDocText, keys)
	if err != nil {
		if s.err == nil {
			s.err = fmt.Errorf("read the documents' texts from %s: %w", s.st.Location(), err)
		}
		return
	}
	if s.fetched == nil {
		s.fetched = map[string][]byte{}
	}
	maps.Copy(s.fetched, got)
}

func (s *storeDocs) load(path string) (*document.Document, error) {
	key, ok := s.keys[path]
	if !ok {
		return nil, fmt.Errorf("the kept search index has no key for %s", path)
	}
	blob, ok := s.fetched[key]
	if ok {
		delete(s.fetched, key) // decoded once, then read from s.read
	} else {
		got, err := s.st.GetBlobs(s.ctx, BlobDocText, []string{key})
		if err != nil {
			return nil, fmt.Errorf("read %s from %s: %w", path, s.st.Location(), err)
		}
		if blob, ok = got[key]; !ok {
			return nil, fmt.Errorf("the store %s does not keep the text of %s", s.st.Location(), path)
		}
	}
	var kd keptDoc
	if err := partcodec.DecodeValue(blob, &kd); err != nil {
		return nil, fmt.Errorf("the kept text of %s: %w", path, err)
	}
	if kd.Path != path {
		return nil, fmt.Errorf("the kept text under the key of %s is that of %s", path, kd.Path)
	}
	d := &document.Document{Path: kd.Path, Text: kd.Text, Boilerplate: kd.Boilerplate}
	d.Meta.Outlet.Value = kd.Outlet
	return d, nil
}

// keepTexts keeps the texts of the documents at indexes (those extracted
// in this run), a batch at a time so that a cold run of a large project
// holds one batch's copies, not all of them; texts no document of the
// project has any more are dropped first.
func (s *storeRun) keepTexts(ctx context.Context, p *Project, indexes []int) {
	if _, err := s.st.PruneBlobs(ctx, BlobDocText, s.keys); err != nil {
		s.warn("could not drop the outdated document texts: %v", err)
	}
	const batch = 256
	for lo := 0; lo < len(indexes); lo += batch {
		blobs := map[string][]byte{}
		for _, i := range indexes[lo:min(lo+batch, len(indexes))] {
			b, err := encodeDocText(p.DocAt(i))
			if err != nil {
				s.warn("could not keep the text of %s: %v", p.DocAt(i).Path, err)
				return
			}
			blobs[s.keys[i]] = b
		}
		if err := s.st.PutBlobs(ctx, BlobDocText, blobs); err != nil {
			s.warn("could not keep the documents' texts: %v", err)
			return
		}
	}
}

// keepSearch keeps a's search index without its texts, under the
// entities' key.
func (s *storeRun) keepSearch(ctx context.Context, a *Analysis) error {
	kept := a.search.get().Keep()
	ks := keptSearch{Index: kept, DocKeys: make([]string, len(kept.Paths))}
	// path → position (Project.Index scans: once per document would be
	// quadratic)
	at := make(map[string]int, a.project.NumDocs())
	for i, d := range a.project.Docs() {
		at[d.Path] = i
	}
	for i, p := range kept.Paths {
		j, ok := at[p]
		if !ok {
			return fmt.Errorf("the search index names %s, not a document of the project", p)
		}
		ks.DocKeys[i] = s.keys[j]
	}
	data, err := partcodec.EncodeValue(ks)
	if err != nil {
		return fmt.Errorf("encode the search index: %w", err)
	}
	if _, err := s.st.PruneBlobs(ctx, BlobSearch, nil); err != nil {
		return err
	}
	return s.st.PutBlobs(ctx, BlobSearch, map[string][]byte{s.entitiesKey: data})
}
