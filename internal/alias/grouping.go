package alias

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// Grouping is what a grouping computed, kept so that the next one regroups
// only what changed documents touch. Immutable once returned.
//
// What an update reuses, and why it is exact: an entity's description (its
// name, kind, forms, documents, titles and native-script keys) is a
// function of its member nodes alone, and a node is a sum over the
// documents holding its key. So an entity whose members are the same keys
// as before, none of them mentioned in a changed document (before or
// after), none reading another node's state differently (the kind learnt
// from other names, a title, the gazetteer entry: compared field by
// field), none ambiguous and none touched by an ambiguous surname's
// attachments, is described exactly as before and is not described again.
// Everything that compares groups or spans the project (the candidate
// edges, the union, entity order, unique IDs, suggestions, the placing of
// every mention) is computed again as GroupInPlaceContext does, so an
// update still costs about a full grouping (BENCHMARKS.md, "Alias: the
// grouping updated": 0.85–1.05× at 10k); UpdateStats says what it reused.
//
// Memory, measured (BenchmarkUpdateOneDocument, grouping-B/doc): on
// news-bench-10k (10,000 documents, 709k mentions, 63.5k keys, 56k
// entities) a Grouping keeps ≈ 4.0 KB per document (57 bytes per mention)
// beyond its Result: per document its fingerprint and its distinct keys
// (string headers; the strings are the Result's), per entity one record
// (slices shared with the Result) and one signature per key.
type Grouping struct {
	gaz  *entity.Gazetteer
	dec  string // the decisions' content (decisionsPrint)
	seed maphash.Seed
	docs map[string]docPrint
	// keys are each document's distinct mention keys, sorted.
	keys map[string][]string
	ents map[string]*keptEntity // by the key of the entity's first node
	st   UpdateStats
}

// UpdateStats says what an update redid, so that tests and benchmarks see
// the fallbacks.
type UpdateStats struct {
	// Full: the grouping was computed without reuse; Reason says why
	// ("no previous grouping", "other gazetteer", "other decisions").
	Full   bool
	Reason string
	// Documents in the list; Changed of them differ from the previous
	// grouping's (new, gone, other mentions, or reported by changed);
	// Unreported of those changed() did not report.
	Documents, Changed, Unreported int
	// Keys mentioned in a changed document, before or after.
	DirtyKeys int
	// Entities in the result; Reused of them kept their description.
	Entities, Reused int
}

// Stats returns what the grouping's computation redid.
func (g *Grouping) Stats() UpdateStats { return g.st }

// docPrint is an order-independent fingerprint of a document's mentions:
// two 64-bit accumulations of per-mention hashes and their number.
type docPrint struct {
	sum, xor uint64
	n        int
}

// keptEntity is what an entity's description needs, recorded for reuse.
type keptEntity struct {
	keys      []string
	sigs      []nodeSig
	name      string
	kind      entity.Kind
	forms     []Form
	documents []string
	titles    []string
	native    []string // keys of its native-script forms
}

// nodeSig is everything about a node an entity's description reads that
// is not a sum over the documents holding its key.
type nodeSig struct {
	kindVote [4]int
	kind     entity.Kind
	gaz      int
	canon    string
	acronym  bool
	titled   bool
	split    bool
	words    int
	mentions int
	core     nameParts
}

func sigOf(nd *node) nodeSig {
	return nodeSig{kindVote: nd.kindVote, kind: nd.kind, gaz: nd.gaz, canon: nd.canon, acronym: nd.acronym,
		titled: nd.titled, split: nd.split, words: nd.words, mentions: len(nd.mentions), core: nd.core}
}

// fill gives e the recorded description. The slices are shared with the
// previous result, capacity capped: an append copies.
func (k *keptEntity) fill(e *Entity) {
	e.Keys = k.keys[:len(k.keys):len(k.keys)]
	e.Name, e.Kind = k.name, k.kind
	e.Forms = k.forms[:len(k.forms):len(k.forms)]
	e.Documents = k.documents[:len(k.documents):len(k.documents)]
	if k.titles != nil {
		e.Titles = k.titles[:len(k.titles):len(k.titles)]
	}
}

// reuse is what one update may reuse and what it records for the next.
type reuse struct {
	dirty  map[string]bool // keys mentioned in a changed document
	prev   map[string]*keptEntity
	out    map[string]*keptEntity
	reused int
}

// inPlan reports whether an ambiguous surname's attachments touch the
// entity at root r (its forms and documents then depend on other people's).
func inPlan(plan attachPlan, r int) bool {
	return len(plan.people[r]) > 0 || len(plan.extra[r]) > 0
}

// lookup returns the recorded description of the entity whose members are
// the nodes members (root r) when it is exactly what describe would
// compute, else nil.
func (ru *reuse) lookup(g *grouper, members []int, plan attachPlan, r int) *keptEntity {
	k := ru.prev[g.nodes[members[0]].key]
	if k == nil || len(k.keys) != len(members) || inPlan(plan, r) {
		return nil
	}
	for i, n := range members {
		nd := g.nodes[n]
		if nd.key != k.keys[i] || ru.dirty[nd.key] || nd.gazMixed || len(nd.ambiguous) > 0 || sigOf(nd) != k.sigs[i] {
			return nil
		}
	}
	ru.reused++
	return k
}

// record keeps the description of the entity at root r for the next
// update, unless ambiguous surnames touch it.
func (ru *reuse) record(g *grouper, members []int, plan attachPlan, r int, e *Entity, kept *keptEntity, forms map[string]int) {
	if kept != nil {
		ru.out[kept.keys[0]] = kept
		return
	}
	if inPlan(plan, r) {
		return
	}
	k := &keptEntity{keys: e.Keys, name: e.Name, kind: e.Kind, forms: e.Forms, documents: e.Documents, titles: e.Titles,
		sigs: make([]nodeSig, len(members))}
	for i, n := range members {
		nd := g.nodes[n]
		if len(nd.ambiguous) > 0 || nd.gazMixed {
			return
		}
		k.sigs[i] = sigOf(nd)
	}
	for f := range forms {
		if translit.ScriptOf(f) > translit.Latin {
			k.native = append(k.native, entity.Key(f))
		}
	}
	slices.Sort(k.native)
	ru.out[e.Keys[0]] = k
}

// GroupIndexed is GroupInPlaceContext that also returns its Grouping.
func GroupIndexed(ctx context.Context, mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions) (*Result, *Grouping, error) {
	return groupIndexed(ctx, mentions, gaz, dec, "no previous grouping")
}

func groupIndexed(ctx context.Context, mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions, why string) (*Result, *Grouping, error) {
	ng := &Grouping{gaz: gaz, dec: decisionsPrint(dec), seed: maphash.MakeSeed(), keys: map[string][]string{}}
	ng.docs = prints(mentions, ng.seed)
	ru := &reuse{out: map[string]*keptEntity{}}
	res, err := groupWith(ctx, mentions, gaz, dec, true, ru)
	if err != nil {
		return nil, nil, err
	}
	collectKeys(mentions, func(string) bool { return true }, ng.keys)
	ng.ents = ru.out
	ng.st = UpdateStats{Full: true, Reason: why, Documents: len(ng.docs), Changed: len(ng.docs), Entities: len(res.Entities)}
	return res, ng, nil
}

// Update groups mentions — the complete new list, in place like
// GroupInPlaceContext — with exactly GroupInPlaceContext's result (same
// entities, order, IDs, canonical names, suggestions, mention order),
// redoing only what the mentions of the documents for which changed(path)
// is true touch (documents added, changed, or gone: a gone document's path
// has no mentions in the list). Other gaz or dec than g was built with, or
// g == nil: a full grouping. g is left unchanged.
//
// Documents are also compared with g's by a fingerprint of their mentions,
// so a change changed does not report is found (and counted in
// UpdateStats.Unreported) rather than answered wrong; changed may be nil.
func (g *Grouping) Update(ctx context.Context, mentions []entity.Mention, changed func(path string) bool, gaz *entity.Gazetteer, dec *Decisions) (*Result, *Grouping, error) {
	switch {
	case g == nil:
		return groupIndexed(ctx, mentions, gaz, dec, "no previous grouping")
	case gaz != g.gaz:
		return groupIndexed(ctx, mentions, gaz, dec, "other gazetteer")
	}
	dp := decisionsPrint(dec)
	if dp != g.dec {
		return groupIndexed(ctx, mentions, gaz, dec, "other decisions")
	}
	ng := &Grouping{gaz: gaz, dec: dp, seed: g.seed, keys: make(map[string][]string, len(g.keys))}
	ng.docs = prints(mentions, g.seed)
	st := UpdateStats{Documents: len(ng.docs)}
	dirtyDoc := map[string]bool{}
	for d, p := range ng.docs {
		reported := changed != nil && changed(d)
		if old, ok := g.docs[d]; !ok || old != p || reported {
			dirtyDoc[d] = true
			if !reported {
				st.Unreported++
			}
		}
	}
	for d := range g.docs {
		if _, ok := ng.docs[d]; !ok {
			dirtyDoc[d] = true // gone
			if changed == nil || !changed(d) {
				st.Unreported++
			}
		}
	}
	st.Changed = len(dirtyDoc)
	dirty := map[string]bool{}
	for d := range dirtyDoc {
		for _, k := range g.keys[d] {
			dirty[k] = true
		}
	}
	for i := range mentions {
		if m := &mentions[i]; m.Key != "" && dirtyDoc[m.Doc] {
			dirty[m.Key] = true
		}
	}
	st.DirtyKeys = len(dirty)
	ru := &reuse{dirty: dirty, prev: g.ents, out: make(map[string]*keptEntity, len(g.ents))}
	res, err := groupWith(ctx, mentions, gaz, dec, true, ru)
	if err != nil {
		return nil, nil, err
	}
	for d, ks := range g.keys {
		if !dirtyDoc[d] {
			ng.keys[d] = ks
		}
	}
	collectKeys(mentions, func(d string) bool { return dirtyDoc[d] }, ng.keys)
	ng.ents = ru.out
	st.Entities, st.Reused = len(res.Entities), ru.reused
	ng.st = st
	return res, ng, nil
}

// collectKeys records, for each document want accepts, its distinct
// mention keys, sorted. Read after grouping, the keys are the nodes'
// (shared, never a window of a larger text).
func collectKeys(mentions []entity.Mention, want func(string) bool, into map[string][]string) {
	lastDoc, lastWant := "", false
	fresh := map[string]bool{}
	for i := range mentions {
		m := &mentions[i]
		if m.Key == "" {
			continue
		}
		if i == 0 || m.Doc != lastDoc {
			lastDoc, lastWant = m.Doc, want(m.Doc)
		}
		if lastWant {
			if !fresh[m.Doc] {
				fresh[m.Doc] = true
				into[m.Doc] = nil
			}
			into[m.Doc] = append(into[m.Doc], m.Key)
		}
	}
	for d := range fresh {
		ks := into[d]
		slices.Sort(ks)
		into[d] = slices.Clip(slices.Compact(ks))
	}
}

// prints fingerprints every document's mentions, whatever their order in
// the list: every field of every mention counts.
func prints(mentions []entity.Mention, seed maphash.Seed) map[string]docPrint {
	out := map[string]docPrint{}
	lastDoc := ""
	var cur docPrint
	flush := func() {
		if cur.n > 0 {
			p := out[lastDoc]
			out[lastDoc] = docPrint{sum: p.sum + cur.sum, xor: p.xor ^ cur.xor, n: p.n + cur.n}
		}
		cur = docPrint{}
	}
	for i := range mentions {
		m := &mentions[i]
		if i == 0 || m.Doc != lastDoc {
			flush()
			lastDoc = m.Doc
		}
		v := mentionHash(m, seed)
		cur.sum += v
		cur.xor ^= v * 0x9e3779b97f4a7c15
		cur.n++
	}
	flush()
	return out
}

// mentionHash hashes every field of a mention, each in its place (a
// field's hash is multiplied into the running one before the next joins).
func mentionHash(m *entity.Mention, seed maphash.Seed) uint64 {
	const prime = 0x100000001b3
	h := uint64(14695981039346656037)
	add := func(x uint64) { h = (h ^ x) * prime; h ^= h >> 29 }
	str := func(s string) { add(maphash.String(seed, s)) }
	str(m.Doc)
	add(uint64(m.Span.Start))
	add(uint64(m.Span.End))
	str(m.Text)
	str(m.Key)
	add(uint64(m.Kind))
	str(m.Evidence)
	str(m.Gazetteer)
	str(m.Expansion)
	str(m.Acronym)
	if m.IsAcronym {
		add(1)
	} else {
		add(2)
	}
	str(m.Match)
	add(math.Float64bits(m.MatchConfidence))
	return h
}

// decisionsPrint writes the decisions' content, none and empty alike, so
// that an update sees decisions changed in place.
func decisionsPrint(d *Decisions) string {
	if d == nil || len(d.Merges)+len(d.Rejects)+len(d.Splits)+len(d.Renames) == 0 {
		return ""
	}
	b, err := json.Marshal([]any{d.Merges, d.Rejects, d.Splits, d.Renames})
	if err != nil {
		// cannot happen for these plain types; never equal to a print
		return fmt.Sprintf("unprintable %p", d)
	}
	return string(b)
}
