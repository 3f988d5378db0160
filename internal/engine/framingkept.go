package engine

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
)

// BlobFraming is the store's blob kind of one document's framing
// (framing.DocPart, partcodec.EncodeValue), keyed by framing's key of
// what that document's framing reads: after one file changed, only the
// documents whose text, names or lexicon changed are framed again.
const BlobFraming = "framing-doc"

// framingSalt goes into every part's key: the versions and the shape of
// what is kept.
var framingSalt = fmt.Sprintf("engine %d partcodec %d %s", AnalysisVersion, partcodec.Version,
	partcodec.TypeSignature(reflect.TypeOf(framing.DocPart{})))

// framingKept is a storeRun's framing.Kept: the parts are read from and
// written to the store's BlobFraming blobs. A store that fails is a
// warning and documents framed again, never a failed analysis.
type framingKept struct {
	st      *storeRun
	workers int

	mu sync.Mutex
	// given are the keys Parts answered; one handed to Keep again was
	// refused by framing and is replaced
	given   map[string]bool
	refused map[string]bool
	fresh   map[string][]byte
	bad     []string
	// reused counts the documents whose part was read back
	reused int
}

// framingKept returns the framing.Kept of s, nil (an untyped nil: no
// parts kept) without a store.
func (s *storeRun) framingKept(workers int) framing.Kept {
	if s == nil {
		return nil
	}
	return &framingKept{st: s, workers: workers, given: map[string]bool{}, refused: map[string]bool{}, fresh: map[string][]byte{}}
}

// Parts reads and decodes the kept parts of keys; an unreadable one is
// left out (framed again) and dropped from the store.
func (k *framingKept) Parts(ctx context.Context, keys []string) (map[string]*framing.DocPart, error) {
	uniq := make([]string, 0, len(keys))
	seen := make(map[string]bool, len(keys))
	for _, key := range keys {
		if !seen[key] {
			seen[key] = true
			uniq = append(uniq, key)
		}
	}
	// read and decoded a batch at a time: the raw blobs of a batch are
	// let go once decoded, not held beside every decoded part
	out := make(map[string]*framing.DocPart, len(uniq))
	for start := 0; start < len(uniq); start += partBatch {
		if err := k.readBatch(ctx, uniq[start:min(start+partBatch, len(uniq))], out); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			k.st.warn("could not read the kept framing of the documents, framing them again: %v", err)
			break
		}
	}
	for _, key := range keys {
		if out[key] != nil {
			k.reused++
		}
	}
	if len(k.bad) > 0 {
		k.st.warn("%d kept document framings were unreadable: framed again", len(k.bad))
	}
	return out, nil
}

// partBatch is how many parts are read from the store at once.
const partBatch = 1000

// readBatch reads and decodes the kept parts of keys into out.
func (k *framingKept) readBatch(ctx context.Context, keys []string, out map[string]*framing.DocPart) error {
	blobs, err := k.st.st.GetBlobs(ctx, BlobFraming, keys)
	if err != nil {
		return err
	}
	found := make([]string, 0, len(blobs))
	for key := range blobs {
		found = append(found, key)
	}
	parts := make([]*framing.DocPart, len(found))
	failed := make([]bool, len(found))
	if err := parallel(ctx, len(found), k.workers, func(i int) {
		var p *framing.DocPart
		if err := partcodec.DecodeValue(blobs[found[i]], &p); err != nil || p == nil {
			failed[i] = true
			return
		}
		parts[i] = p
	}); err != nil {
		return err
	}
	for i, key := range found {
		if failed[i] {
			k.bad = append(k.bad, key)
			continue
		}
		out[key] = parts[i]
		k.given[key] = true
	}
	return nil
}

// Keep encodes part (on the framing's worker) for Done to write.
func (k *framingKept) Keep(key string, part *framing.DocPart) {
	data, err := partcodec.EncodeValue(part)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.given[key] {
		// a kept part framing refused (for each document of that key):
		// a kept key is never overwritten, so the old one goes first
		if !k.refused[key] {
			k.refused[key] = true
			k.bad = append(k.bad, key)
			k.st.warn("a kept document framing does not fit its document: framed again")
		}
		k.reused--
	}
	if err != nil {
		k.st.warn("could not keep the framing of a document: %v", err)
		return
	}
	// the encoder's buffer is larger than most parts: keep only the bytes
	k.fresh[key] = bytes.Clone(data)
}

// Done drops the parts no document has any more (and the unreadable
// ones), then writes the new ones, meanwhile the analysis goes on (the
// storeRun waits for it before Analyse returns).
func (k *framingKept) Done(ctx context.Context, keys []string) {
	k.mu.Lock()
	fresh, bad := k.fresh, k.bad
	k.fresh, k.bad = map[string][]byte{}, nil
	k.mu.Unlock()
	keep := keys
	if len(bad) > 0 {
		drop := make(map[string]bool, len(bad))
		for _, key := range bad {
			drop[key] = true
		}
		keep = make([]string, 0, len(keys))
		for _, key := range keys {
			if !drop[key] {
				keep = append(keep, key)
			}
		}
	}
	k.st.pending.Add(1)
	go func() {
		defer k.st.pending.Done()
		if _, err := k.st.st.PruneBlobs(ctx, BlobFraming, keep); err != nil {
			k.st.warn("could not drop the outdated framing of documents: %v", err)
		}
		if len(fresh) == 0 {
			return
		}
		if err := k.st.st.PutBlobs(ctx, BlobFraming, fresh); err != nil {
			k.st.warn("could not keep the framing of the documents: %v", err)
		}
	}()
}
