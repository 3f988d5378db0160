// Package engine composes Parallax's analyses: it opens a project folder into
// documents and their folded texts, then derives entities, search, shared
// passages, framing and coverage from them. The CLI, the desktop app and the
// reports all go through it, so each sees the same results.
package engine

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// Stage names a step of the work, for progress reports.
type Stage string

// The stages of Open and Analyse, in order.
const (
	StageReading  Stage = "reading"
	StageFolding  Stage = "folding"
	StageEntities Stage = "entities"
	StagePassages Stage = "passages"
	StageFraming  Stage = "framing"
	// StageKeeping: the analysis is written to Options.Store.
	StageKeeping Stage = "keeping"
)

// Progress reports how far Open or Analyse has come.
type Progress struct {
	Stage       Stage
	Done, Total int
	Current     string // the file being read, when reading
}

// Options tune Open and Analyse. The zero value is ready to use.
type Options struct {
	Workers int
	// Progress, when set, is called from one goroutine at a time.
	Progress func(Progress)
	NoCache  bool
	// Project passes finer options to the loader (PDF limits, file sizes).
	Project project.Options
	// Reuse tunes shared-passage detection.
	Reuse reuse.Options
	// Store, when set, keeps the analysis: each document's extraction
	// results (so that only new or changed documents are extracted again)
	// and the whole analysis (read back instead of computed when nothing
	// it depends on changed). A store that fails is a warning, never a
	// failed analysis. Nil: nothing is kept.
	Store store.Store
	// Incremental keeps in the analysis what Update needs to derive the
	// next one from it after a few files changed (each document's
	// extraction results before the project passes, the grouping input,
	// the states of the grouping and the passage search): the app sets
	// it; a one-off run (the CLI) does not pay the memory.
	Incremental bool
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// reuseOptions are the shared-passage search's options of o, with o's
// workers unless they are set apart.
func (o Options) reuseOptions() reuse.Options {
	r := o.Reuse
	if r.Workers == 0 {
		r.Workers = o.Workers
	}
	return r
}

func (o Options) report(p Progress) {
	if o.Progress != nil {
		o.Progress(p)
	}
}

// Project is an opened project: its documents with their folded texts,
// read through accessors (access.go and project.Project's).
type Project struct {
	*project.Project
	// folded holds textnorm.Fold(Docs[i].Text), each folded when first
	// asked for (a warm analysis needs none of them).
	folded *foldedTexts
}

// Open reads the project folder dir. The texts are folded when an
// analysis or a view first needs them, not here.
func Open(ctx context.Context, dir string, opts Options) (*Project, error) {
	p, err := project.Open(ctx, dir, opts.projectOptions())
	if err != nil {
		return nil, err
	}
	return &Project{Project: p, folded: newFoldedTexts(p.Docs())}, nil
}

// ReloadMetadata returns a new project with the sidecar table and the
// analyst's sources.json re-read from disk; p is left as it was. The
// texts did not change, so the folded texts are shared.
func (p *Project) ReloadMetadata() *Project {
	return &Project{Project: p.Project.ReloadMetadata(), folded: p.folded}
}

// EditOverrides applies edit to a copy of the analyst's source overrides
// and stances, saves the copy, and returns a new project with it applied;
// p, its overrides and its documents are left as they were.
func (p *Project) EditOverrides(edit func(*sourcemeta.Overrides) error) (*Project, error) {
	ov := p.Overrides() // a copy
	if ov == nil {
		return nil, fmt.Errorf("%s is unreadable: fix or remove it before editing sources", sourcemeta.OverridesFile)
	}
	if err := edit(ov); err != nil {
		return nil, err
	}
	if err := ov.SaveTo(context.Background(), p.State()); err != nil {
		return nil, err
	}
	return &Project{Project: p.Project.WithOverrides(ov), folded: p.folded}, nil
}

// foldAll folds every text of p not folded yet and returns them all.
func (p *Project) foldAll(ctx context.Context, opts Options) ([]textnorm.Folded, error) {
	folded, err := p.folded.all(ctx, opts.workers())
	if err != nil {
		return nil, err
	}
	opts.report(Progress{Stage: StageFolding, Done: len(folded), Total: len(folded)})
	return folded, nil
}

// Index returns the position of the document with the given path, or -1.
func (p *Project) Index(path string) int {
	for i := range p.NumDocs() {
		if p.DocAt(i).Path == path {
			return i
		}
	}
	return -1
}

// Stance returns doc's stance and where it was set: by the analyst
// ("document", "outlet") or by the sidecar table ("sidecar",
// "sidecar-outlet"); empty strings when it has none.
func (p *Project) Stance(doc *document.Document) (label, source string) {
	s := p.StanceOf(doc)
	return s.Label, s.Source
}

// Analysis is everything the engine derives from a project. Once published
// it never changes: its fields are set by Analyse and the methods that
// return a new analysis, and read through the accessors of access.go.
type Analysis struct {
	project *Project
	// mentions are every mention found, ordered entity by entity once
	// grouped: each entity's Mentions is a window of this slice.
	mentions []entity.Mention
	ents     *alias.Result // the groups (the method entities finds them)
	// search, framing and coverage are built (the framing: decoded from
	// the store) when first read: see lazy.go.
	search   *lazy[*search.Index]
	passages []reuse.Passage
	framing  *lazy[*framing.Analysis]
	coverage *lazy[coverage.Matrix]
	// exclusive lists the entities that one outlet names and no other does.
	exclusive *lazy[[]coverage.Exclusive]
	timeline  coverage.Timeline
	// gazetteer and lexicon are the lists the analysis used: the shipped ones
	// with the project's own additions.
	gazetteer *entity.Gazetteer
	lexicon   *framing.Lexicon
	// shipped is the shipped gazetteer gazetteer was made from (Update
	// reuses it rather than reading it again)
	shipped *entity.Gazetteer
	// decisions are the analyst's alias decisions that the grouping applied.
	decisions *alias.Decisions
	// warnings are project files the analysis could not use (a corrupt
	// aliases.json or lexicon): it went on without them; and what went
	// wrong with the store, if one was given.
	warnings []string
	// kept tells how Analyse used the store (zero without one); an
	// analysis derived from another (Regroup, WithProject…) keeps the
	// other's.
	kept StoreUse
	// entitiesKey is the store's key of the entities Analyse found (and of
	// the search index kept with them); "" without a store and in an
	// analysis derived with other entities (Regroup, WithProject).
	entitiesKey string
	// inc is what Update reuses (update.go); nil unless the analysis was
	// made with Options.Incremental.
	inc *incState
	// updated tells how Update derived the analysis (zero for Analyse).
	updated UpdateUse
}

// StoreUse tells how an analysis used the store of Options.Store.
type StoreUse struct {
	// Warm: the whole analysis was read from the store, nothing computed.
	Warm bool
	// Extracted and Reused count the documents whose mentions were
	// extracted in this run, and those read from the store.
	Extracted, Reused int
	// Entities and Passages: the entity groups (with their mentions) and
	// the shared passages were read from the store, not computed (only
	// the stances, the lexicon or, for the passages, the alias decisions
	// changed since they were kept).
	Entities, Passages bool
	// Framed and FramingReused count the documents framed in this run
	// and those whose framing was read from the store (zero when the
	// whole analysis was).
	Framed, FramingReused int
}

// Analyse derives the analyses of p. The shared-passage search runs beside
// the entity and framing work.
func Analyse(ctx context.Context, p *Project, opts Options) (*Analysis, error) {
	a := &Analysis{project: p}
	if err := a.loadLists(ctx, nil); err != nil {
		return nil, err
	}
	var err error
	var st *storeRun
	if opts.Store != nil {
		if st, err = newStoreRun(ctx, a, opts); err != nil {
			return nil, err
		}
		a.entitiesKey = st.entitiesKey
		defer st.wait() // the extraction results kept meanwhile
		warm, err := st.load(ctx, a)
		if err != nil {
			return nil, err
		}
		if warm {
			a.kept = StoreUse{Warm: true, Reused: p.NumDocs(), Entities: true, Passages: true}
			a.warnings = append(a.warnings, st.warnings...)
			return a, nil
		}
	}
	// the entities and passages kept, when only what comes after them
	// changed (a stance, the lexicon; an alias decision for the passages)
	var keptEnts *partcodec.Entities
	var keptPass []reuse.Passage
	if st != nil {
		if keptEnts, keptPass, err = st.kept(ctx, p); err != nil {
			return nil, err
		}
		st.entitiesComputed, st.passagesComputed = keptEnts == nil, keptPass == nil
	}

	var progressMu sync.Mutex
	report := func(pr Progress) {
		progressMu.Lock()
		defer progressMu.Unlock()
		opts.report(pr)
	}
	// computed: every step below reads the folded texts
	folded, err := p.foldAll(ctx, opts)
	if err != nil {
		return nil, err
	}
	ropts := opts.reuseOptions()
	ropts.Progress = func(rp reuse.Progress) {
		report(Progress{Stage: StagePassages, Done: rp.Done, Total: rp.Total, Current: rp.Stage})
	}
	var passIndex *reuse.Index // the passage search's index, for Update
	findPassages := func(ctx context.Context) error {
		if keptPass != nil {
			a.passages = keptPass
			return nil
		}
		var err error
		if a.passages, passIndex, err = passagesSeam(ctx, nil, opts.Incremental, p.Docs(), folded, ropts); err != nil {
			return fmt.Errorf("find shared passages: %w", err)
		}
		return nil
	}

	// Shared passages do not depend on entities: with more than one worker
	// they are found meanwhile; with one (the app leaving a core to the
	// window) one after the other, so the work never takes more cores than
	// it was given.
	var reuseErr error
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// each document's framing kept, framed again only when what it
	// reads changed
	fk := st.framingKept(opts.workers())
	steps := []func(){func() {
		if keptEnts != nil {
			a.mentions, a.ents = keptEnts.Mentions, keptEnts.Result
			a.kept = StoreUse{Reused: p.NumDocs(), Entities: true}
			err = a.derive(ctx, report, fk)
		} else {
			err = a.entities(ctx, opts, st, report)
			if err == nil {
				err = a.regroupDerived(ctx, report, fk)
			}
			if err == nil && a.inc != nil {
				a.inc.groupedFresh = true // the list as a.entities built it
			}
		}
		if err != nil {
			cancel() // the passages are of no use without the rest
		}
	}}
	concurrent := opts.workers() > 1
	if concurrent {
		steps = append(steps, func() { reuseErr = findPassages(rctx) })
	}
	if perr := workpool.Run(ctx, len(steps), len(steps), func() func(int) {
		return func(i int) { steps[i]() }
	}); err == nil {
		err = perr
	}
	if err != nil {
		return nil, err
	}
	if !concurrent {
		reuseErr = findPassages(ctx)
	}
	if reuseErr != nil {
		return nil, reuseErr
	}
	a.timeline = Timeline(p.Docs())
	if a.inc != nil {
		a.inc.passages = passIndex
	}
	if st != nil {
		a.kept.Passages = keptPass != nil
		if k, ok := fk.(*framingKept); ok {
			a.kept.Framed, a.kept.FramingReused = p.NumDocs()-k.reused, k.reused
		}
		report(Progress{Stage: StageKeeping, Done: 0, Total: 1})
		st.save(ctx, a)
		st.wait()
		report(Progress{Stage: StageKeeping, Done: 1, Total: 1})
		a.warnings = append(a.warnings, st.warnings...)
	}
	return a, nil
}

// loadLists loads the lists an analysis of a.project uses: the gazetteer
// and lexicon (shipped, with the project's additions) and the alias
// decisions; a project file that cannot be read is a warning. shipped,
// when not nil, is the shipped gazetteer another analysis loaded (it
// never changes while the program runs).
func (a *Analysis) loadLists(ctx context.Context, shipped *entity.Gazetteer) error {
	p := a.project
	var err error
	if shipped == nil {
		if shipped, err = entity.DefaultGazetteer(); err != nil {
			return fmt.Errorf("load the shipped gazetteer: %w", err)
		}
	}
	a.shipped = shipped
	if a.gazetteer, err = shipped.WithProject(p.Dir()); err != nil {
		a.warnings = append(a.warnings, err.Error())
		a.gazetteer = shipped
	}
	if a.lexicon, err = loadLexicon(ctx, p.State()); err != nil {
		a.warnings = append(a.warnings, err.Error())
		if a.lexicon, err = loadLexicon(ctx, nil); err != nil {
			return fmt.Errorf("load the shipped lexicon: %w", err)
		}
	}
	if a.decisions, err = alias.LoadDecisionsFrom(ctx, p.State()); err != nil {
		a.warnings = append(a.warnings, err.Error())
		a.decisions = nil
	}
	return nil
}

// entities extracts the mentions of every document; with a store, those
// of documents it keeps are read from it, and the new ones are kept.
func (a *Analysis) entities(ctx context.Context, opts Options, st *storeRun, report func(Progress)) error {
	p := a.project
	x := entity.NewExtractor(a.gazetteer)
	perDoc := make([][]entity.Mention, p.NumDocs())
	held := make([]entity.Held, p.NumDocs())
	var kept, fresh map[string][]byte
	if st != nil {
		var err error
		if kept, err = st.extractions(ctx); err != nil {
			return err
		}
		fresh = map[string][]byte{}
	}
	var done, reused int
	var unreadable []string
	var extracted []int // the documents extracted in this run, whose texts are kept
	var mu sync.Mutex
	err := parallel(ctx, p.NumDocs(), opts.workers(), func(i int) {
		read, bad := false, false
		if b, ok := kept[keyOf(st, i)]; ok {
			ms, h, err := partcodec.DecodeDoc(b)
			if err == nil {
				err = checkExtraction(p.DocAt(i), ms, h)
			}
			read, bad = err == nil, err != nil
			if read {
				perDoc[i], held[i] = ms, h
			}
		}
		var blob []byte
		if !read {
			// a cancelled extraction leaves nil: ctx.Err is returned below
			var xerr error
			perDoc[i], held[i], xerr = x.ExtractHeldContext(ctx, p.DocAt(i), p.folded.at(i))
			if st != nil && xerr == nil {
				// encoded now: the project passes below replace
				// perDoc[i] with a new slice, never change this one
				blob = partcodec.EncodeDoc(perDoc[i], held[i])
			}
		}
		mu.Lock()
		if read {
			reused++
		}
		if bad {
			unreadable = append(unreadable, st.keys[i])
		}
		if blob != nil {
			fresh[st.keys[i]] = blob
			extracted = append(extracted, i)
		}
		done++
		n := done
		mu.Unlock()
		if n%64 == 0 || n == p.NumDocs() {
			report(Progress{Stage: StageEntities, Done: n, Total: p.NumDocs()})
		}
	})
	if err == nil {
		err = ctx.Err() // cancelled during the last documents
	}
	if err != nil {
		return err
	}
	if st != nil {
		if len(unreadable) > 0 {
			st.warn("%d kept extraction results were unreadable: extracted again", len(unreadable))
		}
		a.kept = StoreUse{Extracted: p.NumDocs() - reused, Reused: reused}
		// written while the project-level steps run: the store's
		// writes wait on the disk more than on the processor
		st.pending.Add(1)
		go func() {
			defer st.pending.Done()
			st.keepExtractions(ctx, fresh, unreadable)
			st.keepTexts(ctx, p, extracted)
		}()
	}
	var raw [][]entity.Mention // the extraction results, before the project passes
	if opts.Incremental {
		raw = slices.Clone(perDoc)
	}
	// a single word one document gave too little evidence for, which
	// other documents use as a name
	ev := entity.CountEvidence(held)
	for i := range perDoc {
		if i%256 == 0 && ctx.Err() != nil {
			return fmt.Errorf("project evidence: %w", ctx.Err())
		}
		perDoc[i], _ = ev.Apply(perDoc[i], held[i])
	}
	var afterEv [][]entity.Mention
	var arabic []int
	for i := range p.NumDocs() {
		if entity.CrossScriptTarget(p.DocAt(i)) {
			arabic = append(arabic, i)
		}
	}
	if opts.Incremental {
		afterEv = slices.Clone(perDoc)
	}
	// names the Latin and Cyrillic documents established, found again in
	// the Arabic-script ones by their reading
	var cix *entity.CrossIndex
	if len(arabic) > 0 {
		cix = x.NewCrossIndex(perDoc)
	}
	if err := x.CrossScriptWith(ctx, p.Docs(), perDoc, arabic, cix); err != nil {
		return err
	}
	if opts.Incremental {
		a.inc = newIncState(p.Docs(), raw, afterEv, perDoc, held, ev, arabic)
		a.inc.cross = cix
		a.mentions = a.inc.mentions()
		return nil
	}
	n := 0
	for _, ms := range perDoc {
		n += len(ms)
	}
	a.mentions = make([]entity.Mention, 0, n)
	for i, ms := range perDoc {
		a.mentions = append(a.mentions, ms...)
		perDoc[i] = nil // the copy is the one kept: free each as it is copied
	}
	return nil
}

// Regroup applies changed alias decisions: it returns a new analysis with
// the mentions regrouped and what depends on the groups (search, naming,
// coverage) rebuilt, without reading or fingerprinting the documents again.
// a itself is left as it was: a published analysis is never changed, so a
// window may go on reading it while the new one is built.
func (a *Analysis) Regroup(ctx context.Context, dec *alias.Decisions) (*Analysis, error) {
	next := *a
	// Grouping reorders the mentions in place: give the new analysis its
	// own copy, so the entities of a keep pointing at their own mentions.
	next.mentions = append([]entity.Mention(nil), a.mentions...)
	next.decisions = dec
	next.entitiesKey = "" // other groups than those kept under it
	if a.inc != nil {
		inc := *a.inc            // its own: the grouping's state is the new one's
		inc.groupedFresh = false // a list an earlier grouping reordered
		next.inc = &inc
	}
	if err := next.regroupDerived(ctx, func(Progress) {}, nil); err != nil {
		return nil, err
	}
	return &next, nil
}

// ReloadLexicon re-reads the project lexicon and returns a new analysis with
// the framing recomputed; a is left as it was.
func (a *Analysis) ReloadLexicon(ctx context.Context) (*Analysis, error) {
	lex, err := loadLexicon(ctx, a.project.State())
	if err != nil {
		return nil, err
	}
	next := *a
	next.lexicon = lex
	if err := next.reframe(ctx, nil); err != nil {
		return nil, err
	}
	return &next, nil
}

// WithProject returns a new analysis of p, a project with the same
// documents as a's but other metadata or stances (see
// Project.ReloadMetadata, Project.EditOverrides): the entities are kept,
// and what depends on outlets, dates and stances (search, coverage,
// framing, timeline) is rebuilt. a is left as it was.
func (a *Analysis) WithProject(ctx context.Context, p *Project) (*Analysis, error) {
	if p.NumDocs() != a.project.NumDocs() {
		return nil, fmt.Errorf("analysis of %s: the project's documents changed, analyse it again", p.Dir())
	}
	for i, d := range p.Docs() {
		if d.Path != a.project.DocAt(i).Path {
			return nil, fmt.Errorf("analysis of %s: the project's documents changed, analyse it again", p.Dir())
		}
	}
	next := *a
	next.project = p
	if sameDocuments(a.project.Docs(), p.Docs()) {
		// only stances changed: relabel the framing (when it is read),
		// share the rest
		next.framing = a.restancedLater(p)
		return &next, ctx.Err()
	}
	next.entitiesKey = "" // other documents than those kept under it
	if err := next.derive(ctx, func(Progress) {}, nil); err != nil {
		return nil, err
	}
	next.timeline = Timeline(p.Docs())
	return &next, nil
}

// sameDocuments reports whether two snapshots hold the very same document
// values (a snapshot copies a document only when its metadata changed).
func sameDocuments(a, b []*document.Document) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (a *Analysis) regroupDerived(ctx context.Context, report func(Progress), fk framing.Kept) error {
	p := a.project
	// in place: the entities' mentions are windows of a.mentions, not a
	// second copy (a.mentions ends up in entity order)
	grouped, err := groupSeam(ctx, a.mentions, a.gazetteer, a.decisions)
	if err != nil {
		return err
	}
	a.ents = grouped
	report(Progress{Stage: StageEntities, Done: p.NumDocs(), Total: p.NumDocs()})
	return a.derive(ctx, report, fk)
}

// derive builds what depends on the entity groups and the documents'
// metadata: the search index, coverage and framing (with fk, the
// documents' kept framing: nil frames every document).
func (a *Analysis) derive(ctx context.Context, report func(Progress), fk framing.Kept) error {
	p := a.project
	a.deriveIndexes()
	report(Progress{Stage: StageFraming, Done: 0, Total: p.NumDocs()})
	if err := a.reframe(ctx, fk); err != nil {
		return err
	}
	report(Progress{Stage: StageFraming, Done: p.NumDocs(), Total: p.NumDocs()})
	return nil
}

// deriveIndexes sets up the search index and coverage of the entity
// groups and the documents, each built when first read (lazy.go): a
// command or panel that reads neither pays for neither.
func (a *Analysis) deriveIndexes() {
	a.search = lazySearch(a.project, a.ents)
	a.coverage = lazyCoverage(a.project, a.ents)
	a.exclusive = lazyExclusive(a.project, a.ents)
}

// keyOf is the store key of document i, "" without a store.
func keyOf(st *storeRun, i int) string {
	if st == nil {
		return ""
	}
	return st.keys[i]
}

// reframe recomputes the framing analysis (after a stance, lexicon or
// grouping change); with fk, only the documents whose framing is not
// kept are framed.
func (a *Analysis) reframe(ctx context.Context, fk framing.Kept) error {
	f, err := computeFraming(ctx, a.project, a.ents, a.lexicon, fk, a.inc != nil)
	if err != nil {
		return err
	}
	a.framing = ready(f)
	return nil
}

// computeFraming analyses the framing of p's documents with the groups
// ents and the lexicon lex; with fk, the documents' kept framing is read
// (nil frames every document).
func computeFraming(ctx context.Context, p *Project, ents *alias.Result, lex *framing.Lexicon, fk framing.Kept, updatable bool) (*framing.Analysis, error) {
	stance := func(d *document.Document) string {
		label, _ := p.Stance(d)
		return label
	}
	folded, err := p.folded.all(ctx, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, err
	}
	f, err := framingSeam(ctx, nil, updatable, p.Docs(), folded, FramingInput(ents), lex,
		framing.Options{Stance: stance, Kept: fk, Salt: framingSalt})
	if err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}
	return f, nil
}

// Restance returns a new analysis whose framing shows the stances the
// analyst set since a was made; a is left as it was.
func (a *Analysis) Restance() *Analysis {
	next := *a
	next.framing = a.restancedLater(a.project)
	return &next
}

// restancedLater is a's framing restanced for p, made when first read
// (a's own framing decoded then, if it was not yet).
func (a *Analysis) restancedLater(p *Project) *lazy[*framing.Analysis] {
	return later(func() (*framing.Analysis, string) {
		return a.restanced(p), a.framing.warning()
	})
}

// restanced returns a's framing with the documents' stances as p gives
// them, the outlets' stances aggregated again; nil without a framing.
func (a *Analysis) restanced(p *Project) *framing.Analysis {
	fr := a.framing.get()
	if fr == nil {
		return nil
	}
	docs := append(fr.Documents[:0:0], fr.Documents...)
	for i := range docs {
		if d := p.Doc(docs[i].Path); d != nil {
			docs[i].Stance, _ = p.Stance(d)
		}
	}
	return framing.Aggregate(docs, FramingInput(a.ents), fr.Categories)
}

// FramingInput adapts entity groups to the framing analysis. It copies
// every mention of the project (millions at 10k documents, on every
// update), so the entities are split into runs of about as many
// mentions each, one per core.
func FramingInput(res *alias.Result) []framing.EntityInput {
	if res == nil {
		return nil
	}
	out := make([]framing.EntityInput, len(res.Entities))
	adapt := func(from, to int) {
		for k := from; k < to; k++ {
			e := res.Entities[k]
			in := framing.EntityInput{ID: e.ID, Name: e.Name, Kind: kindName(e.Kind)}
			in.Mentions = make([]framing.MentionInput, len(e.Mentions))
			for i, m := range e.Mentions {
				in.Mentions[i] = framing.MentionInput{Path: m.Doc, Start: m.Span.Start, End: m.Span.End, Form: m.Text}
			}
			out[k] = in
		}
	}
	total := 0
	for k := range res.Entities {
		total += len(res.Entities[k].Mentions)
	}
	// below this many mentions a run, a goroutine costs more than it saves
	const minRun = 20000
	runs := max(1, min(runtime.GOMAXPROCS(0), total/minRun))
	var wg sync.WaitGroup
	from, seen, started := 0, 0, 0
	for k := range res.Entities {
		seen += len(res.Entities[k].Mentions)
		if started < runs-1 && seen*runs >= total*(started+1) {
			wg.Add(1)
			go func(from, to int) {
				defer wg.Done()
				adapt(from, to)
			}(from, k+1)
			from, started = k+1, started+1
		}
	}
	adapt(from, len(out)) // the last run on this goroutine
	wg.Wait()
	return out
}

func coverageInput(res *alias.Result) []coverage.EntityMentions {
	out := make([]coverage.EntityMentions, 0, len(res.Entities))
	for _, e := range res.Entities {
		docs := map[string]int{}
		for _, m := range e.Mentions {
			docs[m.Doc]++
		}
		out = append(out, coverage.EntityMentions{ID: e.ID, Name: e.Name, Kind: kindName(e.Kind), Docs: docs})
	}
	return out
}

// MaxCoverageRows bounds the entities of the coverage matrix: the views and
// reports show the most mentioned few dozen, and a dense row for each of a
// large corpus's tens of thousands of entities would cost gigabytes.
const MaxCoverageRows = 500

// mostMentioned keeps the n entities with the most mentions (ties by name),
// in their original order.
func mostMentioned(ents []coverage.EntityMentions, n int) []coverage.EntityMentions {
	if len(ents) <= n {
		return ents
	}
	total := func(e coverage.EntityMentions) int {
		t := 0
		for _, c := range e.Docs {
			t += c
		}
		return t
	}
	idx := make([]int, len(ents))
	totals := make([]int, len(ents))
	for i, e := range ents {
		idx[i], totals[i] = i, total(e)
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := idx[x], idx[y]
		if totals[a] != totals[b] {
			return totals[a] > totals[b]
		}
		return ents[a].Name < ents[b].Name
	})
	keep := idx[:n]
	sort.Ints(keep)
	out := make([]coverage.EntityMentions, n)
	for i, k := range keep {
		out[i] = ents[k]
	}
	return out
}

// kindName maps an entity kind to the names framing and coverage use.
func kindName(k entity.Kind) string {
	switch k {
	case entity.Person:
		return "person"
	case entity.Organisation:
		return "org"
	case entity.Place:
		return "place"
	}
	return "other"
}

// parallel runs fn(0..n-1) on at most workers goroutines, stopping early
// when ctx is cancelled.
func parallel(ctx context.Context, n, workers int, fn func(i int)) error {
	return workpool.Run(ctx, n, workers, func() func(int) { return fn })
}
