package framing

import (
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// UpdateStats says what an updatable analysis (Options.Updatable, Update)
// computed again and what it took from the previous one, so that tests
// and benchmarks can see the fallbacks.
type UpdateStats struct {
	// Full is set when nothing was taken from a previous analysis;
	// Reason says why ("no previous analysis", "another lexicon", …).
	Full   bool
	Reason string
	// Documents are the documents analysed; Framed those framed again
	// (new or changed text, mentions or names), Relisted those whose
	// entities (names, descriptors, designations) were listed again, and
	// Voiced those whose sources were resolved to voices again.
	Documents, Framed, Relisted, Voiced int
	// Outlets and Entities are the aggregates; OutletsSummed and
	// EntitiesSummed those summed again.
	Outlets, OutletsSummed   int
	Entities, EntitiesSummed int
}

// UpdateStats returns what the analysis computed again, and false when it
// was not made updatable (AnalyseWith without Options.Updatable, a
// decoded analysis).
func (a *Analysis) UpdateStats() (UpdateStats, bool) {
	if a == nil || a.inc == nil {
		return UpdateStats{}, false
	}
	return a.inc.stats, true
}

// Update returns exactly what AnalyseWith(ctx, docs, folded, entities,
// lex, opts) returns, reusing prev's per-document results for documents
// whose framing inputs are unchanged (the same key framing/kept.go
// computes) and recomputing the outlet and entity aggregates only for the
// outlets/entities the changed documents touch. prev == nil (or built with
// another lexicon): AnalyseWith. prev is left unchanged.
//
// The result shares slices with prev and with the documents' kept parts:
// both are read-only. It is updatable itself (see incState for its cost).
// A prev that is not updatable (decoded from a store, or made without
// Options.Updatable) is a full analysis.
func Update(ctx context.Context, prev *Analysis, docs []*document.Document, folded []textnorm.Folded,
	entities []EntityInput, lex *Lexicon, opts Options) (*Analysis, error) {
	switch {
	case prev == nil:
		return update(ctx, nil, nil, "no previous analysis", docs, folded, entities, lex, opts)
	case prev.inc == nil || prev.inc.docs == nil:
		return update(ctx, nil, nil, "the previous analysis is not updatable", docs, folded, entities, lex, opts)
	}
	return update(ctx, prev, prev.inc, "", docs, folded, entities, lex, opts)
}

// incState is what an updatable analysis keeps so that the next Update
// redoes only what changed documents touch. It is never changed once the
// analysis is returned. Per document it holds a docMemo (two keys, the
// part — whose slices the analysis' documents share —, the designations'
// targets, the voices of its sources and the speaker forms they looked
// up) and a map entry; at news-bench-10k that is about 3.8 KB a document
// beyond the analysis itself (BENCHMARKS.md, "Framing updated").
type incState struct {
	lexKey string
	// salt is the Options.Salt of the docMemos' keptKey.
	salt string
	// docs by path; nil when the analysis cannot be updated (two
	// documents with one path, two entities with one ID).
	docs map[string]*docMemo
	// persons are the speaker forms (speakerKey) that name exactly one
	// entity of the project that may speak: what a source resolves to
	// outside its own document.
	persons map[string]entRef
	// outletAt and entityAt place each outlet and entity ID in the
	// analysis' lists.
	outletAt, entityAt map[string]int
	// forms is how many speaker forms the project had: the next update
	// sizes its maps by it rather than growing them form by form.
	forms int
	stats UpdateStats
}

// entRef is what a voice shows of the entity a speaker resolves to.
type entRef struct{ id, name string }

// docMemo is one document of an updatable analysis.
type docMemo struct {
	// text is compared (the same string: a pointer compare) rather than
	// hashed again; inputs hashes what else the part reads (partInputs).
	text   string
	inputs [sha256.Size]byte
	// link hashes what ties the part to the project's entities: each
	// slot's ID, name and kind, the slots' order in the entity list, and
	// the document's mentions as the speaker index holds them.
	link [sha256.Size]byte
	part *DocPart
	// targets is the slot each designation was tied to (-1: none).
	targets []int
	// at is the document's place in the analysis' Documents.
	at int
	// voices are the voice key and name of each source (empty for a
	// source without speaker); lookups the speaker forms resolving them
	// looked up project-wide.
	voices  []voiceRef
	lookups []string
	// keptKey is the document's partKey with incState.salt ("" when it
	// was not needed: no Options.Kept).
	keptKey string
}

type voiceRef struct{ key, name string }

// docWork is one document's state during an update.
type docWork struct {
	ms      []mentionRef
	spans   []entitySpan // in the speaker index, in its order
	slots   []int
	slotOf  map[int]int
	inputs  [sha256.Size]byte
	link    [sha256.Size]byte
	old     *docMemo
	part    *DocPart
	framed  bool
	keptKey string
	targets []int
	// relisted: the document's entities were listed again (not prev's)
	relisted bool
	voices   []voiceRef
	lookups  []string
	voiced   bool
	err      error
}

// update is Update from st (nil: from nothing, for reason).
func update(ctx context.Context, prev *Analysis, st *incState, reason string, docs []*document.Document, folded []textnorm.Folded,
	entities []EntityInput, lex *Lexicon, opts Options) (*Analysis, error) {
	if folded != nil && len(folded) != len(docs) {
		return nil, fmt.Errorf("framing: %d folded texts for %d documents", len(folded), len(docs))
	}
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("framing: document %d is nil", i)
		}
	}
	// Two documents with one path, or two entities with one ID, cannot
	// be told apart from one update to the next: computed in full, and
	// not updatable.
	if why := notUpdatable(docs, entities); why != "" {
		opts.Updatable = false
		a, err := AnalyseWith(ctx, docs, folded, entities, lex, opts)
		if err != nil {
			return nil, err
		}
		a.inc = &incState{stats: UpdateStats{Full: true, Reason: why, Documents: len(docs),
			Framed: len(docs), Relisted: len(docs), Voiced: len(docs),
			Outlets: len(a.Outlets), OutletsSummed: len(a.Outlets), Entities: len(a.Entities), EntitiesSummed: len(a.Entities)}}
		return a, nil
	}
	lexKey, err := lexiconKey(lex)
	if err != nil {
		return nil, err
	}
	if st != nil && st.lexKey != lexKey {
		prev, st, reason = nil, nil, "another lexicon"
	}
	full := st == nil
	if full {
		st = &incState{}
	}
	stats := UpdateStats{Full: full, Reason: reason, Documents: len(docs)}

	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return docs[order[a]].Path < docs[order[b]].Path })
	byPath := make(map[string]int, len(docs))
	for _, i := range order {
		byPath[docs[i].Path] = i
	}
	// One pass over the mentions (gatherMentions, in parallel) gives each
	// document its mentions (as AnalyseWith reads them) and its spans in
	// the speaker index, and the project's speaker forms: the index
	// newSpeakerIndex builds, but the documents' parts of it built only
	// for the documents whose voices are resolved again (voicesOf).
	work := make([]docWork, len(docs))
	procs := runtime.GOMAXPROCS(0)
	forms, err := gatherMentions(ctx, docs, byPath, entities, work, procs, gatherMinRun, st.forms)
	if err != nil {
		return nil, err
	}
	speakers := &speakerIndex{entities: entities, forms: forms}
	// The person forms and how they changed are needed only when voices
	// are resolved: found meanwhile, on another core (they read the
	// speaker forms, which nothing writes from here on).
	var persons map[string]entRef
	var changedForms map[string]bool
	personsDone := make(chan struct{})
	go func() {
		defer close(personsDone)
		persons = personForms(speakers)
		changedForms = personsChanged(st.persons, persons)
	}()

	// Key every document; a document whose text and inputs are prev's
	// takes prev's part.
	if err := workpool.Run(ctx, len(docs), procs, func() func(int) {
		var buf keyBuf
		return func(i int) {
			w, d := &work[i], docs[i]
			ms := w.ms
			sortMentionRefs(ms)
			w.slots, w.slotOf = docSlots(ms)
			buf = buf[:0]
			partInputs(&buf, d, ms, w.slots, w.slotOf, entities)
			w.inputs = sha256.Sum256(buf)
			buf = linkKey(buf[:0], w.slots, w.slotOf, w.spans, entities)
			w.link = sha256.Sum256(buf)
			w.old = st.docs[d.Path]
			if w.old != nil && w.old.text == d.Text && w.old.inputs == w.inputs {
				w.part = w.old.part
				if st.salt == opts.Salt {
					w.keptKey = w.old.keptKey
				}
			}
		}
	}); err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}

	if err := frameChanged(ctx, docs, folded, work, entities, lex, lexKey, opts); err != nil {
		return nil, err
	}
	for i := range work {
		if work[i].framed {
			stats.Framed++
		}
	}

	// Tie designations: the families each entity is named or described
	// with anywhere are summed again (cheap), each document's targets
	// chosen again, and a document whose part, links and targets are
	// prev's keeps prev's entity list.
	fams := make([]map[string]bool, len(entities))
	for i := range work {
		w := &work[i]
		for _, f := range w.part.Families {
			e := w.slots[f.Slot]
			if fams[e] == nil {
				fams[e] = map[string]bool{}
			}
			fams[e][f.Family] = true
		}
	}
	<-personsDone
	a := &Analysis{Documents: make([]DocumentFraming, len(docs)), Categories: []string{}}
	if lex != nil {
		a.Categories = lex.Categories()
	}
	if err := workpool.Run(ctx, len(order), procs, func() func(int) {
		return func(k int) {
			i := order[k]
			w, d := &work[i], docs[i]
			w.targets = designationTargets(w.part, w.slots, entities, fams)
			df := DocumentFraming{
				Language:       w.part.Language,
				TermsCovered:   w.part.TermsCovered,
				SourcesCovered: w.part.SourcesCovered,
				NotCovered:     notCoveredNote(w.part.Language, w.part.TermsCovered, w.part.SourcesCovered),
				Path:           d.Path,
				Title:          d.Meta.Title.Value,
				Outlet:         d.Meta.Outlet.Value,
				Date:           d.Meta.Date.Value,
				Words:          w.part.Words,
				Terms:          w.part.Terms,
				Occurrences:    w.part.Occurrences,
				Sources:        w.part.Sources,
			}
			if opts.Stance != nil {
				df.Stance = opts.Stance(d)
			}
			if o := w.old; o != nil && o.part == w.part && o.link == w.link && slices.Equal(o.targets, w.targets) {
				df.Entities = prev.Documents[o.at].Entities
			} else {
				w.relisted = true
				df.Entities, w.err = listEntities(d, w.part, w.slots, w.targets, entities)
			}
			if o := w.old; o != nil && o.part == w.part && o.link == w.link && !lookedUp(o.lookups, changedForms) {
				w.voices, w.lookups = o.voices, o.lookups
			} else {
				w.voiced = true
				w.voices, w.lookups = voicesOf(d.Path, w.part.Sources, w.spans, speakers)
			}
			a.Documents[k] = df
		}
	}); err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}
	for _, i := range order {
		if work[i].err != nil {
			return nil, fmt.Errorf("framing %s: %w", docs[i].Path, work[i].err)
		}
		if work[i].relisted {
			stats.Relisted++
		}
		if work[i].voiced {
			stats.Voiced++
		}
	}

	next := &incState{lexKey: lexKey, salt: opts.Salt, docs: make(map[string]*docMemo, len(docs)),
		persons: persons, outletAt: map[string]int{}, entityAt: map[string]int{}, forms: len(forms)}
	var prevDocs []DocumentFraming
	if prev != nil {
		prevDocs = prev.Documents
	}
	// The outlets, the entities and the documents' memos read the same
	// finished lists and write apart: each on its own goroutine.
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		a.Outlets, stats.OutletsSummed = updateOutlets(a.Documents, order, work, prevDocs, prev, st, byPath, full)
		for k, o := range a.Outlets {
			next.outletAt[o.Outlet] = k
		}
	}()
	go func() {
		defer wg.Done()
		a.Entities, stats.EntitiesSummed = updateEntities(a.Documents, order, work, prevDocs, prev, st, byPath, entities, full)
		for k, e := range a.Entities {
			next.entityAt[e.ID] = k
		}
	}()
	for k, i := range order {
		w := &work[i]
		next.docs[docs[i].Path] = &docMemo{text: docs[i].Text, inputs: w.inputs, link: w.link, part: w.part,
			targets: w.targets, at: k, voices: w.voices, lookups: w.lookups, keptKey: w.keptKey}
	}
	wg.Wait()
	stats.Outlets, stats.Entities = len(a.Outlets), len(a.Entities)
	next.stats = stats
	a.inc = next
	return a, nil
}

// notUpdatable says why docs and entities cannot be updated from one
// analysis to the next, or "".
func notUpdatable(docs []*document.Document, entities []EntityInput) string {
	paths := make(map[string]bool, len(docs))
	for _, d := range docs {
		if paths[d.Path] {
			return "two documents share the path " + d.Path
		}
		paths[d.Path] = true
	}
	ids := make(map[string]bool, len(entities))
	for _, e := range entities {
		if ids[e.ID] {
			return "two entities share the ID " + e.ID
		}
		ids[e.ID] = true
	}
	return ""
}

// linkKey writes what ties a document's part to the project's entities:
// the ID, name and kind of each slot's entity, the slots in the order of
// the entity list (entity lists are in that order), and the document's
// mentions in the speaker index (all of them, in its order, with their
// entity's ID, name and kind). A mention's entity is written as its slot
// (slotOf), or, for an entity with no slot (its mentions all outside the
// text), as -1 and its ID, name and kind the first time and as its place
// after the slots then: the same entities as writing them out each time,
// without copying an entity's strings once per mention.
func linkKey(b keyBuf, slots []int, slotOf map[int]int, spans []entitySpan, entities []EntityInput) keyBuf {
	ent := func(e int) {
		b.str(entities[e].ID)
		b.str(entities[e].Name)
		b.str(entities[e].Kind)
	}
	b.int(len(slots))
	for _, e := range slots {
		ent(e)
	}
	rank := make([]int, len(slots))
	for k := range rank {
		rank[k] = k
	}
	sort.Slice(rank, func(a, c int) bool { return slots[rank[a]] < slots[rank[c]] })
	b.int(rank...)
	b.int(len(spans))
	var extra map[int]int
	for _, s := range spans {
		b.int(int(s.start), int(s.end))
		b.str(s.form)
		e := int(s.entity)
		if k, ok := slotOf[e]; ok {
			b.int(k)
			continue
		}
		if k, ok := extra[e]; ok {
			b.int(k)
			continue
		}
		if extra == nil {
			extra = map[int]int{}
		}
		extra[e] = len(slots) + len(extra)
		b.int(-1)
		ent(e)
	}
	return b
}

// frameChanged gives each document without a part one: kept by
// opts.Kept under its key, else framed. With opts.Kept, every document's
// key is handed to Done.
func frameChanged(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, work []docWork,
	entities []EntityInput, lex *Lexicon, lexKey string, opts Options) error {
	var todo []int
	for i := range work {
		if work[i].part == nil {
			todo = append(todo, i)
		}
	}
	procs := runtime.GOMAXPROCS(0)
	if opts.Kept != nil {
		if err := workpool.Run(ctx, len(work), procs, func() func(int) {
			return func(i int) {
				if w := &work[i]; w.keptKey == "" {
					w.keptKey = partKey(opts.Salt, lexKey, docs[i], w.ms, w.slots, w.slotOf, entities)
				}
			}
		}); err != nil {
			return fmt.Errorf("framing: %w", err)
		}
		keys := make([]string, len(todo))
		for k, i := range todo {
			keys[k] = work[i].keptKey
		}
		parts, err := opts.Kept.Parts(ctx, keys)
		if err != nil {
			return fmt.Errorf("framing: read the kept parts: %w", err)
		}
		for _, i := range todo {
			// a kept part that does not fit is framed again
			if p := parts[work[i].keptKey]; p != nil && p.check(docs[i], len(work[i].slots)) == nil {
				work[i].part = p
			}
		}
	}
	err := workpool.Run(ctx, len(todo), procs, func() func(int) {
		sc := &scratch{}
		return func(k int) {
			i := todo[k]
			w := &work[i]
			if w.part != nil {
				return
			}
			r, err := analyseSafely(ctx, docs[i], folded, i, w.ms, entities, lex, sc)
			if err != nil {
				w.err = err
				return
			}
			w.part, w.framed = r.part(w.slotOf), true
			if opts.Kept != nil {
				opts.Kept.Keep(w.keptKey, w.part)
			}
		}
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("framing: %w", err)
	}
	for _, i := range todo {
		if work[i].err != nil {
			return fmt.Errorf("framing %s: %w", docs[i].Path, work[i].err)
		}
	}
	if opts.Kept != nil {
		keys := make([]string, len(docs))
		for i := range work {
			keys[i] = work[i].keptKey
		}
		opts.Kept.Done(ctx, keys)
	}
	return nil
}

// designationTargets ties each of p's designations to the slot of the
// entity resolveDesignations ties it to (-1: none): among the document's
// entities that may be a group, described anywhere with the designation's
// family and not listed beside it, the one mentioned most, unless two
// are.
func designationTargets(p *DocPart, slots []int, entities []EntityInput, fams []map[string]bool) []int {
	if len(p.Designations) == 0 {
		return nil
	}
	out := make([]int, len(p.Designations))
	for k, d := range p.Designations {
		best, bestN, tie := -1, 0, false
		for _, pe := range p.Entities {
			e := slots[pe.Slot]
			if nonGroupKinds[strings.ToLower(entities[e].Kind)] || !fams[e][d.Family] || slices.Contains(d.Coordinated, pe.Slot) {
				continue
			}
			switch n := pe.Mentions; {
			case n > bestN:
				best, bestN, tie = pe.Slot, n, false
			case n == bestN:
				tie = true
			}
		}
		out[k] = -1
		if best >= 0 && !tie {
			out[k] = best
		}
	}
	return out
}

// listEntities lists the entities of the document d of part p with its
// designations tied to targets, as AnalyseWith lists them.
func listEntities(d *document.Document, p *DocPart, slots, targets []int, entities []EntityInput) ([]DocEntity, error) {
	r, err := p.result(d, slots, entities)
	if err != nil {
		return nil, err
	}
	for k, ds := range r.designations {
		if targets[k] < 0 {
			continue
		}
		desc := ds.Descriptor
		// the part's spans stay the part's: adding a second designation
		// appends to the first one's
		desc.Spans = slices.Clone(desc.Spans)
		r.entity(slots[targets[k]]).addDescriptor(desc)
	}
	return r.entities(entities), nil
}

// voicesOf resolves the voice of each source with a speaker, noting the
// speaker forms looked up project-wide. spans are the document's in the
// speaker index; x holds the project's forms.
func voicesOf(path string, sources []Attribution, spans []entitySpan, x *speakerIndex) ([]voiceRef, []string) {
	if len(sources) == 0 {
		return nil, nil
	}
	df := map[string]int{}
	for _, s := range spans {
		noteForm(df, s.form, int(s.entity))
	}
	doc := &speakerIndex{entities: x.entities, forms: x.forms,
		spans: map[string][]entitySpan{path: spans}, docForms: map[string]map[string]int{path: df}}
	voices := make([]voiceRef, len(sources))
	var lookups []string
	for k, s := range sources {
		who := s.Who()
		if who == "" {
			continue
		}
		voices[k].key, voices[k].name = doc.voiceOf(path, s)
		for _, f := range [2]string{voiceKey(who), speakerKey(who)} {
			if !slices.Contains(lookups, f) {
				lookups = append(lookups, f)
			}
		}
	}
	return voices, lookups
}

// personForms are the speaker forms a source may resolve to outside its
// document: those naming exactly one entity that may speak.
func personForms(x *speakerIndex) map[string]entRef {
	out := map[string]entRef{}
	if len(x.entities) == 0 {
		return out
	}
	for f, e := range x.forms {
		if e >= 0 && x.person(e) {
			out[f] = entRef{x.entities[e].ID, x.entities[e].Name}
		}
	}
	return out
}

// personsChanged returns the speaker forms that resolve otherwise now
// than in prev (personForms of the previous analysis and of this one).
func personsChanged(prev, now map[string]entRef) map[string]bool {
	changed := map[string]bool{}
	for f, r := range now {
		if p, ok := prev[f]; !ok || p != r {
			changed[f] = true
		}
	}
	for f := range prev {
		if _, ok := now[f]; !ok {
			changed[f] = true
		}
	}
	return changed
}

func lookedUp(lookups []string, changed map[string]bool) bool {
	if len(changed) == 0 {
		return false
	}
	for _, f := range lookups {
		if changed[f] {
			return true
		}
	}
	return false
}

// updateOutlets sums again the outlets a changed document is or was in
// and takes the others from prev; it returns the outlets and how many
// were summed.
func updateOutlets(docs []DocumentFraming, order []int, work []docWork, prevDocs []DocumentFraming, prev *Analysis,
	st *incState, byPath map[string]int, full bool) ([]OutletFraming, int) {
	dirty := map[string]bool{}
	members := map[string][]int{} // outlet → places in docs
	var names []string
	for k, i := range order {
		d, w := &docs[k], &work[i]
		if _, ok := members[d.Outlet]; !ok {
			names = append(names, d.Outlet)
		}
		members[d.Outlet] = append(members[d.Outlet], k)
		if full || w.old == nil {
			dirty[d.Outlet] = true
			continue
		}
		p := &prevDocs[w.old.at]
		if p.Outlet != d.Outlet {
			dirty[p.Outlet], dirty[d.Outlet] = true, true
		}
		if w.part != w.old.part || p.Stance != d.Stance || w.voiced && !slices.Equal(w.voices, w.old.voices) {
			dirty[d.Outlet] = true
		}
	}
	for path, o := range st.docs {
		if _, ok := byPath[path]; !ok {
			dirty[prevDocs[o.at].Outlet] = true // gone
		}
	}
	sort.Strings(names)
	out := make([]OutletFraming, 0, len(names))
	summed := 0
	for _, n := range names {
		if at, ok := st.outletAt[n]; ok && !dirty[n] {
			out = append(out, prev.Outlets[at])
			continue
		}
		acc := newOutletAcc(n)
		for _, k := range members[n] {
			vs := work[order[k]].voices
			acc.add(&docs[k], func(j int, _ Attribution) (string, string) { return vs[j].key, vs[j].name })
		}
		out = append(out, acc.finish())
		summed++
	}
	return out, summed
}

// updateEntities sums again the entities a changed document names or
// named and takes the others from prev; it returns the entities and how
// many were summed.
func updateEntities(docs []DocumentFraming, order []int, work []docWork, prevDocs []DocumentFraming, prev *Analysis,
	st *incState, byPath map[string]int, entities []EntityInput, full bool) ([]EntityNaming, int) {
	if full {
		out := aggregateEntities(docs, entities)
		return out, len(out)
	}
	dirty := map[string]bool{}
	touch := func(des []DocEntity) {
		for _, de := range des {
			dirty[de.ID] = true
		}
	}
	for k, i := range order {
		d, w := &docs[k], &work[i]
		if w.old == nil {
			touch(d.Entities)
			continue
		}
		if p := &prevDocs[w.old.at]; w.relisted || p.Outlet != d.Outlet {
			touch(d.Entities)
			touch(p.Entities)
		}
	}
	for path, o := range st.docs {
		if _, ok := byPath[path]; !ok {
			touch(prevDocs[o.at].Entities) // gone
		}
	}
	// A document lists only entities it has a mention of (its slots),
	// so a changed entity is summed over the documents its mentions are
	// in, not over every document's list; in document order, as
	// aggregateEntities sums (the form shown and a descriptor's text are
	// the first seen).
	per := map[string]map[string]*namingAcc{}
	fold := formFolder()
	if len(dirty) > 0 {
		pos := make([]int, len(order)) // a document's place in docs
		for k, i := range order {
			pos[i] = k
		}
		var ks []int
		for e := range entities {
			id := entities[e].ID
			if !dirty[id] {
				continue
			}
			ks = ks[:0]
			lastPath, looked := "", false
			for _, m := range entities[e].Mentions {
				if looked && m.Path == lastPath {
					continue
				}
				lastPath, looked = m.Path, true
				if i, ok := byPath[m.Path]; ok {
					ks = append(ks, pos[i])
				}
			}
			slices.Sort(ks)
			ks = slices.Compact(ks)
			for _, k := range ks {
				d := &docs[k]
				for j := range d.Entities {
					de := &d.Entities[j]
					if de.ID != id {
						continue
					}
					m := per[id]
					if m == nil {
						m = map[string]*namingAcc{}
						per[id] = m
					}
					a := m[d.Outlet]
					if a == nil {
						a = newNamingAcc(d.Outlet)
						m[d.Outlet] = a
					}
					a.add(de, fold)
				}
			}
		}
	}
	out := []EntityNaming{}
	summed := 0
	for _, e := range entities {
		if dirty[e.ID] {
			if m := per[e.ID]; m != nil {
				out = append(out, EntityNaming{ID: e.ID, Name: e.Name, Kind: e.Kind, Outlets: finishNamings(m)})
				summed++
			}
			continue
		}
		if at, ok := st.entityAt[e.ID]; ok {
			out = append(out, EntityNaming{ID: e.ID, Name: e.Name, Kind: e.Kind, Outlets: prev.Entities[at].Outlets})
		}
	}
	return out, summed
}
