package engine

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// incState is what an analysis made with Options.Incremental keeps so
// that Update redoes only what the changed documents touch. Immutable
// once its analysis is published.
//
// Memory (held for the project's life by the app): each document's final
// mentions (the grouping's input: one more copy of every mention beside
// the analysis' grouped list, about 190 bytes a mention; an update shares
// the lists of the documents it did not change with the analysis before);
// raw and afterEv are those same lists except for the documents the
// project passes changed; held is what extraction set aside (a few
// mentions and the name keys per document); evidence is two counts per
// name key. approxBytes estimates it; BENCHMARKS.md ("Update after one
// changed file") gives the bytes per document at 10k.
type incState struct {
	docs []*document.Document // the documents read, in the project's order
	at   map[string]int       // path → index in docs
	// raw[i] is document i's extraction results before the project
	// passes, afterEv[i] after ProjectEvidence (before the cross-script
	// pass), final[i] its final mentions.
	raw, afterEv, final [][]entity.Mention
	held                []entity.Held
	evidence            *entity.Evidence
	// arabic[i]: the cross-script pass looks in document i; cross is
	// the index of names it looked for (nil without such documents)
	arabic []bool
	cross  *entity.CrossIndex
	// passages is the index of the passage search (seams.go)
	passages *reuse.Index
	// groupedFresh: the analysis' entities are the grouping of
	// mentions() as built, in document order, with the analysis'
	// gazetteer and decisions (Analyse's and Update's; not Regroup's, which
	// groups a list an earlier grouping reordered). Only then may an
	// update whose mention list is the same take them over.
	groupedFresh bool
	// unkept are the paths of the documents extracted by Update since
	// the last analysis Analyse kept in a store: Keep writes their
	// extraction results (again: a key kept already is left as it is)
	unkept map[string]bool
}

// newIncState keeps the results of the per-document steps: raw, afterEv
// and final are each document's mentions before, between and after the
// project passes (never written again: a pass makes a new list).
func newIncState(docs []*document.Document, raw, afterEv, final [][]entity.Mention, held []entity.Held, ev *entity.Evidence, arabic []int) *incState {
	s := &incState{docs: docs, at: make(map[string]int, len(docs)), held: held, evidence: ev,
		raw: raw, afterEv: afterEv, final: final, arabic: make([]bool, len(docs))}
	for i, d := range docs {
		s.at[d.Path] = i
	}
	for _, i := range arabic {
		s.arabic[i] = true
	}
	return s
}

// finalOf returns document i's final mentions.
func (s *incState) finalOf(i int) []entity.Mention { return s.final[i] }

// mentions returns every document's final mentions, one after the
// other: a new list, which the grouping reorders in place.
func (s *incState) mentions() []entity.Mention {
	n := 0
	for _, ms := range s.final {
		n += len(ms)
	}
	out := make([]entity.Mention, 0, n)
	for _, ms := range s.final {
		out = append(out, ms...)
	}
	return out
}

// sameSlice reports whether a and b are the same list (the same array
// and length): a pass that changed a document's list made a new one.
func sameSlice(a, b []entity.Mention) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// UpdateUse tells how Update derived an analysis from the previous one.
type UpdateUse struct {
	// Derived: the analysis was derived from the previous one (false for
	// Analyse and for Update's fallback).
	Derived bool
	// Fallback, when not empty, says why the whole analysis was computed
	// (Analyse) instead: no previous analysis kept for an update, the
	// gazetteer changed…
	Fallback string
	// Added, Changed, Removed count the documents new, changed (other
	// content under the same path) and gone since the previous analysis;
	// Extracted those whose mentions were extracted again.
	Added, Changed, Removed, Extracted int
	// Evidence counts the unchanged documents whose held words were
	// weighed again because a count they depend on changed.
	Evidence int
	// CrossScript: the cross-script pass looked in every Arabic-script
	// document again, the names it looks for having changed (its index
	// is built over the whole project's mentions each time, and compared
	// with the previous one); CrossScriptDocs counts the documents it
	// looked in (those new or whose mentions changed, when the names
	// did not).
	CrossScript     bool
	CrossScriptDocs int
	// Regrouped counts the documents whose final mentions differ from the
	// previous analysis' (the documents the grouping would need to look at again).
	Regrouped int
	// GroupsKept: the mention list was element for element the previous
	// analysis' (the same documents in the same order, none of whose
	// final mentions changed) with the same gazetteer and decisions, so
	// the previous grouping, a function of exactly those, was taken over.
	GroupsKept bool
	// Passages and Framing say what the passage search and the framing
	// redid (a Full one with its Reason: they fall back on their own, e.g.
	// after documents were reordered or the lexicon changed).
	Passages reuse.UpdateStats
	Framing  framing.UpdateStats
	// Took is the wall time of each step, for benchmarks: what is
	// proportional to the change (Documents: matching, extraction, the
	// project passes) and each seam (the passages run beside the
	// grouping and framing).
	Took struct{ Documents, Grouping, Passages, Framing time.Duration }
}

// Updated tells how Update derived a (zero for an analysis Analyse made).
func (a *Analysis) Updated() UpdateUse { return a.updated }

// Update returns the analysis of p, a project opened (Open, Reopen) from
// the folder prev analysed, after files were added, changed or removed:
// exactly what Analyse(ctx, p, opts) returns, reusing from prev what the
// unchanged documents had (their folded texts and extraction results,
// the evidence counts) and handing the grouping, the passage search and
// the framing what changed (seams.go). prev must have been made with
// Options.Incremental (otherwise, or when the gazetteer changed, the
// whole analysis is computed: Updated().Fallback says so); the result
// keeps what the next Update needs. prev is left unchanged.
//
// An update proper keeps nothing in opts.Store: Keep does, after (the
// app shows the analysis first and keeps it in the background). The
// fallback is Analyse with opts, which reads and keeps through the
// store as always.
func Update(ctx context.Context, prev *Analysis, p *Project, opts Options) (*Analysis, error) {
	opts.Incremental = true
	a := &Analysis{project: p}
	var shipped *entity.Gazetteer
	if prev != nil {
		shipped = prev.shipped
	}
	if err := a.loadLists(ctx, shipped); err != nil {
		return nil, err
	}
	fallback := ""
	switch {
	case prev == nil || prev.inc == nil:
		fallback = "no previous analysis kept for an update"
	case a.gazetteer == prev.gazetteer:
	case !reflect.DeepEqual(prev.gazetteer.Entries(), a.gazetteer.Entries()):
		fallback = "the gazetteer changed"
	default:
		// the same entries: the previous one, with the indexes it built
		a.gazetteer = prev.gazetteer
	}
	if fallback != "" {
		full, err := Analyse(ctx, p, opts)
		if err != nil {
			return nil, err
		}
		full.updated = UpdateUse{Fallback: fallback}
		return full, nil
	}
	inc := prev.inc
	n := p.NumDocs()
	use := UpdateUse{}
	start := time.Now()

	// each document: the previous one's results if it did not change
	raw := make([][]entity.Mention, n)
	held := make([]entity.Held, n)
	from := make([]int, n) // index in prev, -1: new or changed
	reused := make([]bool, len(inc.docs))
	var fresh []int
	for i := range n {
		d := p.DocAt(i)
		j, ok := inc.at[d.Path]
		if ok && sameForExtraction(inc.docs[j], d) {
			from[i], reused[j] = j, true
			raw[i], held[i] = inc.raw[j], inc.held[j]
			if f, ok := prev.project.folded.done(j); ok && prev.project.folded.texts[j] == d.Text {
				p.folded.give(i, f)
			}
			continue
		}
		from[i] = -1
		fresh = append(fresh, i)
		if ok {
			use.Changed++
		} else {
			use.Added++
		}
	}
	var gone, added []entity.Held
	changed := map[string]bool{} // paths whose final mentions differ
	present := make(map[string]bool, n)
	for i := range n {
		present[p.DocAt(i).Path] = true
	}
	for j, ok := range reused {
		if !ok {
			gone = append(gone, inc.held[j])
			changed[inc.docs[j].Path] = true
			if !present[inc.docs[j].Path] {
				use.Removed++
			}
		}
	}

	// extract the new and changed documents
	x := entity.NewExtractor(a.gazetteer)
	if err := parallel(ctx, len(fresh), opts.workers(), func(k int) {
		i := fresh[k]
		raw[i], held[i], _ = x.ExtractHeldContext(ctx, p.DocAt(i), p.folded.at(i))
	}); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	use.Extracted = len(fresh)
	for _, i := range fresh {
		added = append(added, held[i])
		changed[p.DocAt(i).Path] = true
	}

	// the evidence pass: a document's result changes only with its own
	// lists or the counts of a key it holds
	ev, keys := inc.evidence.Update(gone, added)
	afterEv := make([][]entity.Mention, n)
	for i := range n {
		j := from[i]
		if j >= 0 && (len(keys) == 0 || !entity.Holds(held[i], keys)) {
			afterEv[i] = inc.afterEv[j]
			continue
		}
		if j >= 0 {
			use.Evidence++
		}
		afterEv[i], _ = ev.Apply(raw[i], held[i])
	}

	// the cross-script pass
	final := slices.Clone(afterEv)
	var arabic []int
	for i := range n {
		if j := from[i]; j >= 0 && inc.arabic[j] || j < 0 && entity.CrossScriptTarget(p.DocAt(i)) {
			arabic = append(arabic, i)
		}
	}
	var cix *entity.CrossIndex
	if len(arabic) > 0 {
		// the names looked for are those of every document; when they
		// are the same as before, an unchanged document finds the same
		cix = x.NewCrossIndex(afterEv)
		scan := arabic
		if inc.cross != nil && cix.Equal(inc.cross) {
			scan = nil
			for _, i := range arabic {
				if j := from[i]; j >= 0 && (sameSlice(afterEv[i], inc.afterEv[j]) || slices.Equal(afterEv[i], inc.afterEv[j])) {
					final[i] = inc.final[j]
					continue
				}
				scan = append(scan, i)
			}
		} else {
			use.CrossScript = true
		}
		use.CrossScriptDocs = len(scan)
		if err := x.CrossScriptWith(ctx, p.Docs(), final, scan, cix); err != nil {
			return nil, err
		}
	}
	for i := range n {
		j := from[i]
		if j < 0 {
			continue
		}
		if old := inc.finalOf(j); !sameSlice(final[i], old) && !slices.Equal(final[i], old) {
			changed[p.DocAt(i).Path] = true
		}
	}
	use.Regrouped = len(changed)
	a.inc = newIncState(p.Docs(), raw, afterEv, final, held, ev, arabic)
	a.inc.cross = cix
	a.inc.unkept = map[string]bool{}
	for i := range n {
		if path := p.DocAt(i).Path; from[i] < 0 || inc.unkept[path] {
			a.inc.unkept[path] = true
		}
	}
	keepGroups := sameGroupingInput(prev, a, p, final)
	if !keepGroups {
		a.mentions = a.inc.mentions()
	}
	use.Took.Documents = time.Since(start)

	// the project-wide steps, through their seams
	folded, err := p.foldAll(ctx, opts)
	if err != nil {
		return nil, err
	}
	ropts := opts.reuseOptions()
	var wg sync.WaitGroup
	var passErr error
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t0 := time.Now()
		a.passages, a.inc.passages, passErr = passagesSeam(pctx, inc.passages, true, p.Docs(), folded, ropts)
		use.Took.Passages = time.Since(t0)
	}()
	err = a.updateGroups(ctx, prev, keepGroups, folded, &use)
	if err != nil {
		cancel()
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if passErr != nil {
		return nil, fmt.Errorf("find shared passages: %w", passErr)
	}
	a.timeline = Timeline(p.Docs())
	use.Passages = a.inc.passages.Stats()
	use.Derived = true
	a.updated = use
	return a, nil
}

// updateGroups groups a's mentions through the grouping seam and
// derives the search, coverage and framing from the groups.
// With keep, the previous analysis' grouping is the answer
// (sameGroupingInput): its entities and grouped mentions are taken over
// (both immutable: Regroup groups a copy).
func (a *Analysis) updateGroups(ctx context.Context, prev *Analysis, keep bool, folded []textnorm.Folded, use *UpdateUse) error {
	p := a.project
	t0 := time.Now()
	var res *alias.Result
	if keep {
		a.mentions, res = prev.mentions, prev.ents
		use.GroupsKept = true
	} else {
		var err error
		if res, err = groupSeam(ctx, a.mentions, a.gazetteer, a.decisions); err != nil {
			return err
		}
	}
	a.inc.groupedFresh = true
	t1 := time.Now()
	use.Took.Grouping = t1.Sub(t0)
	defer func() { use.Took.Framing = time.Since(t1) }()
	a.ents = res
	a.deriveIndexes()
	stance := func(d *document.Document) string {
		label, _ := p.Stance(d)
		return label
	}
	f, err := framingSeam(ctx, prev.framing.get(), true, p.Docs(), folded, FramingInput(a.ents), a.lexicon,
		framing.Options{Stance: stance, Salt: framingSalt})
	if err != nil {
		return fmt.Errorf("framing: %w", err)
	}
	a.framing = ready(f)
	use.Framing, _ = f.UpdateStats()
	return nil
}

// sameGroupingInput reports whether the grouping of a's mentions (the
// documents' final mentions, one after the other) is prev's: the grouping
// reads nothing but the list, the gazetteer and the decisions, so an
// equal list (the same documents in the same order, each with final
// mentions equal to prev's) grouped with the same gazetteer and equal
// decisions gives prev's entities and prev's reordered list. prev's
// grouping must be of its list as built (groupedFresh), not a list
// reordered by an earlier grouping.
func sameGroupingInput(prev, a *Analysis, p *Project, final [][]entity.Mention) bool {
	inc := prev.inc
	if !inc.groupedFresh || prev.ents == nil || a.gazetteer != prev.gazetteer ||
		len(final) != len(inc.docs) || !reflect.DeepEqual(a.decisions, prev.decisions) {
		return false
	}
	for i := range final {
		if p.DocAt(i).Path != inc.docs[i].Path {
			return false
		}
		if old := inc.finalOf(i); !sameSlice(final[i], old) && !slices.Equal(final[i], old) {
			return false
		}
	}
	return true
}

// sameForExtraction reports whether extraction reads the same of a and b
// (what DocKey hashes: path, format, text, boilerplate, metadata).
func sameForExtraction(a, b *document.Document) bool {
	if a == b {
		return true
	}
	return a.Path == b.Path && a.Format == b.Format && a.Text == b.Text &&
		slices.Equal(a.Boilerplate, b.Boilerplate) && reflect.DeepEqual(a.Meta, b.Meta)
}

// Keep writes a, an analysis Update derived, to opts.Store the way
// Analyse keeps one, so that the next analysis of the same folder (a CLI
// command, the app opened again) reads it back: the extraction results
// of the documents extracted by updates since the last kept analysis,
// their texts, the entities, passages and search index, and the
// analysis record. Each document's framing part (BlobFraming) is not
// written: an analysis that misses the record frames again the
// documents it has no part for. It returns what went wrong, as
// warnings: a store that fails never fails the analysis. A cancelled ctx
// stops it between writes; what was written stays valid (every part is
// keyed by what it was computed from), the record is written last.
// Nothing is written for an analysis Analyse made (it kept itself) or
// without a store.
func Keep(ctx context.Context, a *Analysis, opts Options) []string {
	if opts.Store == nil || a.inc == nil || a.inc.unkept == nil {
		return nil
	}
	st, err := newStoreRun(ctx, a, opts)
	if err != nil {
		return []string{fmt.Sprintf("store %s: could not keep the analysis: %v", opts.Store.Location(), err)}
	}
	fresh := map[string][]byte{}
	var extracted []int
	for i := range a.project.NumDocs() {
		if a.inc.unkept[a.project.DocAt(i).Path] {
			fresh[st.keys[i]] = partcodec.EncodeDoc(a.inc.raw[i], a.inc.held[i])
			extracted = append(extracted, i)
		}
	}
	st.keepExtractions(ctx, fresh, nil)
	st.keepTexts(ctx, a.project, extracted)
	if ctx.Err() != nil {
		return nil // superseded: the next analysis is kept instead
	}
	st.entitiesComputed, st.passagesComputed = true, true
	st.save(ctx, a)
	if ctx.Err() != nil {
		return nil
	}
	return st.warnings
}

// approxBytes estimates the memory s holds beyond what the analysis holds
// anyway (strings are shared with the mentions and texts): the arrays of
// mentions, the lists' headers, the held words and name keys, the maps.
// For the benchmarks' bytes per document.
func (s *incState) approxBytes() int {
	const mention, header, str, mapEntry = int(unsafe.Sizeof(entity.Mention{})), 24, 16, 48
	n := 0
	for i := range s.docs {
		n += 4*header + 1 // raw, afterEv, final, held.Mentions, arabic
		n += cap(s.final[i]) * mention
		if !sameSlice(s.raw[i], s.afterEv[i]) {
			n += cap(s.raw[i]) * mention
		}
		if !sameSlice(s.afterEv[i], s.finalOf(i)) {
			n += cap(s.afterEv[i]) * mention
		}
		n += cap(s.held[i].Mentions)*mention + cap(s.held[i].NameKeys)*str
		n += mapEntry // at
	}
	n += s.evidence.Len() * mapEntry
	n += len(s.unkept) * mapEntry
	return n
}

// Reload returns the project with only the given paths (relative to the
// folder, with /: files added, changed or removed, as the folder watcher
// reports them) read again, and the metadata re-applied when the sidecar
// table or sources.json is among them (project.Project.Reload): the work
// is proportional to the paths, where Open reads and hashes every file.
// The folded texts of the documents whose text did not change are
// carried over. p is left as it was.
func (p *Project) Reload(ctx context.Context, paths []string, opts Options) (*Project, error) {
	next, err := p.Project.Reload(ctx, paths, opts.projectOptions())
	if err != nil {
		return nil, err
	}
	np := &Project{Project: next, folded: newFoldedTexts(next.Docs())}
	at := make(map[string]int, p.NumDocs())
	for i := range p.NumDocs() {
		at[p.DocAt(i).Path] = i
	}
	for i := range np.NumDocs() {
		d := np.DocAt(i)
		if j, ok := at[d.Path]; ok && p.folded.texts[j] == d.Text {
			if f, ok := p.folded.done(j); ok {
				np.folded.give(i, f)
			}
		}
	}
	return np, nil
}
