package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"reflect"
	"sort"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/keyhash"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/store"
)

// AnalysisVersion is part of every key and fingerprint the engine keeps in
// the store: bump it whenever extraction, grouping, passages, framing or
// coverage change what they compute, so nothing kept by an older build is
// reused.
const AnalysisVersion = 2 // 2: documents' texts and the search index kept (quick.go)

// BlobMentions is the store's blob kind of one document's extraction
// results (its mentions and held words), keyed by DocKey.
const BlobMentions = "mentions"

// The blob kinds of the project-level results that change less often
// than the framing: the grouped mentions and entities (partcodec), keyed
// by what grouping reads (every document's key and the alias decisions),
// and the shared passages (partcodec.EncodeValue), keyed by the documents
// and the reuse options. A stance, lexicon or alias decision changed
// since reuses them; a whole analysis kept reads them with its framing.
const (
	BlobEntities = "analysis-entities"
	BlobPassages = "analysis-passages"
)

// partFraming is the kept analysis' part (partcodec.EncodeValue:
// *framing.Analysis); the entities and passages are the blobs of its
// keys.
const partFraming = "framing"

// shapes describes the types kept in the store: a field added to one of
// them (in a merge, say) changes every key and fingerprint, so nothing
// encoded without it is read back.
var shapes = partcodec.TypeSignature(reflect.TypeOf(entity.Mention{})) +
	partcodec.TypeSignature(reflect.TypeOf(alias.Entity{})) +
	partcodec.TypeSignature(reflect.TypeOf(alias.Suggestion{})) +
	partcodec.TypeSignature(reflect.TypeOf(framing.Analysis{})) +
	partcodec.TypeSignature(reflect.TypeOf(reuse.Passage{}))

// storeRun is one Analyse's use of the store: the documents' keys and the
// analysis' fingerprint, and what went wrong with the store (a store that
// fails is a warning and a computed analysis, never a failed one).
type storeRun struct {
	st          store.Store
	keys        []string // DocKey of each document, in the project's order
	fingerprint string
	// entitiesKey and passagesKey key the blobs of the entities and
	// the passages (BlobEntities, BlobPassages).
	entitiesKey, passagesKey string
	// which of the two this run computed (to keep), rather than read
	entitiesComputed, passagesComputed bool
	// what kept read, so that a second call (after load) reads nothing
	keptRead bool
	keptEnts *partcodec.Entities
	keptPass []reuse.Passage

	mu       sync.Mutex
	warnings []string
	// pending are writes still running (the extraction results)
	pending sync.WaitGroup
}

// wait waits for the writes still running.
func (s *storeRun) wait() { s.pending.Wait() }

func (s *storeRun) warn(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warnings = append(s.warnings, fmt.Sprintf("store %s: ", s.st.Location())+fmt.Sprintf(format, args...))
}

// newStoreRun computes the keys of a's documents and the fingerprint of
// everything a's analysis will be computed from. a's gazetteer, lexicon
// and decisions must be loaded.
func newStoreRun(ctx context.Context, a *Analysis, opts Options) (*storeRun, error) {
	gaz, err := jsonHash(a.gazetteer.Entries())
	if err != nil {
		return nil, err
	}
	p := a.project
	keys := make([]string, p.NumDocs())
	if err := parallel(ctx, p.NumDocs(), opts.workers(), func(i int) {
		keys[i] = docKey(p.DocAt(i), gaz)
	}); err != nil {
		return nil, err
	}
	// what grouping reads: the documents (their keys hold the gazetteer)
	// and the alias decisions
	dec, err := jsonHash(a.decisions)
	if err != nil {
		return nil, err
	}
	he := sha256.New()
	keyhash.Str(he, "parallax entities")
	keyhash.Int(he, AnalysisVersion, partcodec.Version, project.ExtractorVersion)
	keyhash.Str(he, shapes)
	keyhash.Str(he, dec)
	// what the shared passages read: the documents and the options
	hp := sha256.New()
	keyhash.Str(hp, "parallax passages")
	keyhash.Int(hp, AnalysisVersion, partcodec.Version, project.ExtractorVersion)
	keyhash.Str(hp, shapes)
	ro := opts.Reuse
	ro.Workers, ro.Progress = 0, nil // how, not what
	keyhash.Str(hp, fmt.Sprintf("%+v", ro))
	for _, h := range []hash.Hash{he, hp} {
		keyhash.Int(h, len(keys))
		for _, k := range keys {
			keyhash.Str(h, k)
		}
	}
	s := &storeRun{st: opts.Store, keys: keys, entitiesKey: hex.EncodeToString(he.Sum(nil)), passagesKey: hex.EncodeToString(hp.Sum(nil))}
	// the whole analysis: those, the lexicon and the stances
	h := sha256.New()
	keyhash.Str(h, "parallax analysis")
	keyhash.Int(h, AnalysisVersion, partcodec.Version, project.ExtractorVersion, MaxCoverageRows)
	keyhash.Str(h, shapes)
	keyhash.Str(h, s.entitiesKey)
	keyhash.Str(h, s.passagesKey)
	lex, err := jsonHash(struct {
		Entries    []framing.Entry
		Categories []string
		Languages  []string
	}{a.lexicon.Entries(), a.lexicon.Categories(), a.lexicon.Languages()})
	if err != nil {
		return nil, err
	}
	keyhash.Str(h, lex)
	keyhash.Int(h, p.NumDocs())
	for _, d := range p.Docs() {
		label, _ := p.Stance(d)
		keyhash.Str(h, label)
	}
	s.fingerprint = hex.EncodeToString(h.Sum(nil))
	return s, nil
}

// DocKey is the key of one document's extraction results in the store:
// a hash of all that extraction reads (the document's path, text,
// boilerplate and metadata), the gazetteer's entries and the versions.
func docKey(d *document.Document, gazetteer string) string {
	h := sha256.New()
	keyhash.Str(h, "parallax document")
	keyhash.Int(h, AnalysisVersion, partcodec.Version, project.ExtractorVersion)
	keyhash.Str(h, shapes)
	keyhash.Str(h, gazetteer)
	keyhash.Str(h, d.Path)
	keyhash.Str(h, string(d.Format))
	keyhash.Str(h, d.Text)
	keyhash.Int(h, len(d.Boilerplate))
	for _, s := range d.Boilerplate {
		keyhash.Int(h, s.Start, s.End)
	}
	meta, _ := json.Marshal(d.Meta) // plain strings and numbers: never fails
	keyhash.Str(h, string(meta))
	return hex.EncodeToString(h.Sum(nil))
}

func jsonHash(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("fingerprint the analysis: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// extractions returns the kept extraction results of the documents
// (absent: to extract), each decoded; an unreadable one is a warning and
// left to extract.
func (s *storeRun) extractions(ctx context.Context) (map[string][]byte, error) {
	blobs, err := s.st.GetBlobs(ctx, BlobMentions, s.keys)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		s.warn("could not read the kept extraction results, extracting every document: %v", err)
		return nil, nil
	}
	return blobs, nil
}

// keepExtractions drops the kept extraction results no document of the
// project has any more and those found unreadable (a kept key is never
// overwritten), then keeps the ones made in this run.
func (s *storeRun) keepExtractions(ctx context.Context, fresh map[string][]byte, unreadable []string) {
	keep := s.keys
	if len(unreadable) > 0 {
		bad := make(map[string]bool, len(unreadable))
		for _, k := range unreadable {
			bad[k] = true
		}
		keep = make([]string, 0, len(s.keys))
		for _, k := range s.keys {
			if !bad[k] {
				keep = append(keep, k)
			}
		}
	}
	if _, err := s.st.PruneBlobs(ctx, BlobMentions, keep); err != nil {
		s.warn("could not drop the outdated extraction results: %v", err)
	}
	if len(fresh) == 0 {
		return
	}
	if err := s.st.PutBlobs(ctx, BlobMentions, fresh); err != nil {
		s.warn("could not keep the extraction results: %v", err)
	}
}

// load reads the kept analysis of a's project when its fingerprint is
// this run's, and fills a from it. ok is false (with a warning when a
// part was unreadable) when it must be computed.
func (s *storeRun) load(ctx context.Context, a *Analysis) (ok bool, err error) {
	parts, found, err := s.st.Analysis(ctx, s.fingerprint, nil)
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		s.warn("could not read the kept analysis, computing it: %v", err)
		return false, nil
	}
	if !found {
		return false, nil
	}
	// the framing is decoded only if it is read (an entities listing
	// never does); its checksum and shape are checked now, so a damaged
	// part is computed again here and replaced in the store
	blob := parts[partFraming]
	var fr *framing.Analysis
	if err := partcodec.CheckValue(blob, &fr); err != nil {
		s.warn("the kept analysis is unreadable, computing it again: %v", err)
		return false, nil
	}
	ents, pass, err := s.kept(ctx, a.project)
	if err != nil || ents == nil || pass == nil {
		return false, err // kept warned of what was unreadable
	}
	a.mentions, a.ents, a.passages = ents.Mentions, ents.Result, pass
	a.framing = keptFraming(blob, s.st.Location(), a.project, a.ents, a.lexicon)
	a.deriveIndexes()
	a.timeline = Timeline(a.project.Docs())
	return true, nil
}

// kept reads the kept entities and passages of this run's keys; each is
// nil when not kept or unreadable (with a warning).
func (s *storeRun) kept(ctx context.Context, p *Project) (*partcodec.Entities, []reuse.Passage, error) {
	if s.keptRead {
		return s.keptEnts, s.keptPass, nil
	}
	ents, pass, err := s.readKept(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	s.keptRead, s.keptEnts, s.keptPass = true, ents, pass
	return ents, pass, nil
}

func (s *storeRun) readKept(ctx context.Context, p *Project) (*partcodec.Entities, []reuse.Passage, error) {
	var (
		ents  *partcodec.Entities
		pass  []reuse.Passage
		found [2]bool
		errs  [2]error
	)
	read := []struct{ kind, key string }{{BlobEntities, s.entitiesKey}, {BlobPassages, s.passagesKey}}
	err := parallel(ctx, 2, 2, func(i int) {
		got, err := s.st.GetBlobs(ctx, read[i].kind, []string{read[i].key})
		if err != nil {
			errs[i] = err
			return
		}
		b, ok := got[read[i].key]
		if !ok {
			return
		}
		found[i] = true
		if i == 0 {
			if ents, errs[i] = partcodec.DecodeEntities(b); errs[i] == nil {
				errs[i] = checkPaths(p, ents, nil, nil)
			}
		} else {
			if errs[i] = partcodec.DecodeValue(b, &pass); errs[i] == nil {
				errs[i] = checkPaths(p, nil, pass, nil)
			}
		}
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, nil, err
	}
	if errs[0] != nil {
		s.warn("the kept entities are unreadable, grouping again: %v", errs[0])
		ents = nil
	}
	if errs[1] != nil || !found[1] {
		if errs[1] != nil {
			s.warn("the kept shared passages are unreadable, finding them again: %v", errs[1])
		}
		pass, found[1] = nil, false
	}
	if pass == nil && found[1] {
		pass = []reuse.Passage{} // kept: none shared
	}
	return ents, pass, nil
}

// checkPaths makes sure every document the parts name is one of the
// project's: a part from another project (a store shared by mistake, a
// hash collision) must not show documents that are not there.
func checkPaths(p *Project, ents *partcodec.Entities, pass []reuse.Passage, fr *framing.Analysis) error {
	have := make(map[string]bool, p.NumDocs())
	for _, d := range p.Docs() {
		have[d.Path] = true
	}
	check := func(path string) error {
		if !have[path] {
			return fmt.Errorf("the kept analysis names %q, not a document of the project", path)
		}
		return nil
	}
	if ents != nil {
		for i := range ents.Mentions {
			if err := check(ents.Mentions[i].Doc); err != nil {
				return err
			}
		}
	}
	for _, ps := range pass {
		for _, sp := range ps.Spans {
			if err := check(sp.Path); err != nil {
				return err
			}
		}
	}
	if fr == nil {
		return nil
	}
	for _, d := range fr.Documents {
		if err := check(d.Path); err != nil {
			return err
		}
	}
	return nil
}

// save keeps a in the store: its parts, its names and its passages.
func (s *storeRun) save(ctx context.Context, a *Analysis) {
	for _, b := range []struct {
		computed  bool
		kind, key string
		encode    func() ([]byte, error)
	}{
		{s.entitiesComputed, BlobEntities, s.entitiesKey, func() ([]byte, error) { return partcodec.EncodeEntities(a.mentions, a.ents) }},
		{s.passagesComputed, BlobPassages, s.passagesKey, func() ([]byte, error) { return partcodec.EncodeValue(a.passages) }},
	} {
		if !b.computed {
			continue
		}
		data, err := b.encode()
		if err == nil {
			// only this one is kept (and a key is never overwritten:
			// an unreadable one must go first)
			if _, err = s.st.PruneBlobs(ctx, b.kind, nil); err == nil {
				err = s.st.PutBlobs(ctx, b.kind, map[string][]byte{b.key: data})
			}
		}
		if err != nil {
			s.warn("could not keep the analysis: %v", err)
			return
		}
	}
	if s.entitiesComputed {
		if err := s.keepSearch(ctx, a); err != nil {
			s.warn("could not keep the search index: %v", err)
		}
	}
	rec, err := a.record(s.fingerprint)
	if err == nil {
		err = s.st.PutAnalysis(ctx, rec)
	}
	if err != nil {
		s.warn("could not keep the analysis: %v", err)
	}
}

// record encodes a as the store keeps it.
func (a *Analysis) record(fingerprint string) (store.AnalysisRecord, error) {
	rec := store.AnalysisRecord{Fingerprint: fingerprint, Parts: map[string][]byte{}}
	var err error
	if rec.Parts[partFraming], err = partcodec.EncodeValue(a.framing.get()); err != nil {
		return rec, fmt.Errorf("encode the framing: %w", err)
	}
	rec.Names = nameRows(a.ents.Entities)
	for i, ps := range a.passages {
		row := store.PassageRow{ID: i}
		seen := map[string]bool{}
		for _, sp := range ps.Spans {
			if row.Text == "" {
				row.Text = sp.Text
			}
			if !seen[sp.Path] {
				seen[sp.Path] = true
				row.Docs = append(row.Docs, sp.Path)
			}
		}
		sort.Strings(row.Docs)
		rec.Passages = append(rec.Passages, row)
	}
	return rec, nil
}

// checkExtraction makes sure kept extraction results are doc's: every
// mention in doc, within its text. A blob kept under another document's
// key (a corrupt or hand-edited store) is refused, not shown.
func checkExtraction(doc *document.Document, ms []entity.Mention, held entity.Held) error {
	for _, list := range [][]entity.Mention{ms, held.Mentions} {
		for _, m := range list {
			if m.Doc != doc.Path || m.Span.Start < 0 || m.Span.End > len(doc.Text) || m.Span.Start > m.Span.End {
				return fmt.Errorf("a kept mention of %q (%d–%d) does not fit %s", m.Doc, m.Span.Start, m.Span.End, doc.Path)
			}
		}
	}
	return nil
}

// nameRows lists the names the store searches: each entity's name (with
// all its mentions), then one row per other folded key of its forms, the
// most used form written as shown, with the mentions of every form
// folding to that key. Forms that differ only in case or accents would
// be the same search hit, and writing each was most of what keeping an
// analysis cost.
func nameRows(ents []*alias.Entity) []store.NameRow {
	var rows []store.NameRow
	for _, e := range ents {
		kind := e.Kind.String()
		key := entity.Key(e.Name)
		rows = append(rows, store.NameRow{Entity: e.ID, Name: e.Name, Key: key, Kind: kind, Mentions: len(e.Mentions)})
		at := map[string]int{key: -1} // key → its row; -1: the name's
		for _, f := range e.Forms {   // most used first
			k := entity.Key(f.Text)
			if i, ok := at[k]; ok {
				if i >= 0 {
					rows[i].Mentions += f.Count
				}
				continue
			}
			at[k] = len(rows)
			rows = append(rows, store.NameRow{Entity: e.ID, Name: f.Text, Key: k, Kind: kind, Mentions: f.Count})
		}
	}
	return rows
}
