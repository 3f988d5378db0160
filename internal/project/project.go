// Package project opens an analyst's project folder: it finds the articles
// in it (.txt, .md, .html, .pdf, recursively), extracts each one in a bounded
// pool of workers with progress and cancellation, marks boilerplate, merges
// source metadata (text rules < HTML/PDF metadata < sidecar table < analyst
// overrides), caches extracted documents by content hash under
// <project>/.parallax/cache/, lists the files it skipped and the ones it could
// not read, and watches the folder for changes.
package project

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// StateDir is the project's own folder, never read as articles.
const StateDir = ".parallax"

// DefaultMaxFileSize bounds text and HTML files; PDFs are bounded by
// Options.PDF.MaxBytes.
const DefaultMaxFileSize = 64 << 20

// Options tune Open and Reload. The zero value is ready to use.
type Options struct {
	// Workers bounds parallel extraction; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, receives one event per finished file, in order,
	// from the goroutine that called Open (never concurrently).
	Progress func(Progress)
	// NoCache neither reads nor writes .parallax/cache.
	NoCache bool
	// PDF bounds the work on each PDF.
	PDF pdftext.Options
	// MaxFileSize bounds a text or HTML file (DefaultMaxFileSize when 0).
	MaxFileSize int64
	// FollowLinks reads articles that are symbolic links to files inside
	// the project folder. Off by default: a link is listed as skipped. A
	// link that leads out of the folder is never followed.
	FollowLinks bool
	// MemoryBudget bounds the estimated memory of the files extracted at
	// once (DefaultMemoryBudget when 0): large pages wait for each other
	// instead of running on every core together.
	MemoryBudget int64
	// State holds the analyst's decisions (sources.json among them): the
	// project folder's files when nil, else a store's state documents.
	State statedoc.Docs

	// onExtract is called (from a worker) for each file actually extracted,
	// not served from the cache. Tests count extractions with it.
	onExtract func(rel string)
}

// Progress is one step of opening a project.
type Progress struct {
	Done, Total int
	// Current is the file just finished ("" for the first event).
	Current string
}

// Project is an opened project folder.
type Project struct {
	// Dir is the project folder.
	Dir string
	// Docs are the articles, sorted by Path.
	Docs []*document.Document
	// Problems are the files that could not be read, and those read whose
	// text looks garbled (Kind document.ProblemGarbled; these are in Docs
	// too), sorted by Path.
	Problems []document.Problem
	// Skipped are the files that are not articles (unknown types, special
	// files), relative to Dir with /, sorted.
	Skipped []string
	// SkipReasons says why a skipped path was not read when it is not
	// merely an unknown file type (a symbolic link, a FIFO, a device).
	SkipReasons map[string]string
	// Sidecar is the project's metadata table, or nil.
	Sidecar *sourcemeta.Sidecar
	// overrides are the analyst's metadata overrides and stances; nil when
	// .parallax/sources.json is corrupt (see Problems).
	// Read through Overrides (a copy): a published project's are never edited.
	overrides *sourcemeta.Overrides
	// Stances are the stances the sidecar table gives (nil without a
	// stance column); see StanceOf.
	Stances *sourcemeta.SidecarStances
	// Origins are the wire agencies each document's text credits (by
	// Path): hints about republished copies, not outlets.
	Origins map[string][]sourcemeta.Origin
	// Warnings are project-level notes: sidecar rows that could not be
	// used, a cache that could not be written.
	Warnings []string
	// FromCache counts the documents of the last Open or Reload served
	// from the cache.
	FromCache int

	// base keeps each document's extracted metadata before the sidecar and
	// the overrides are applied, so they can be re-applied.
	base map[string]document.Metadata
	// repeated keeps what markRepeatedInOutlet added to each document's
	// boilerplate (see repeated.go).
	repeated map[string]repeatMark
	// state is where the analyst's decisions are kept (Options.State).
	state statedoc.Docs
}

// State returns where the analyst's decisions are kept: the project
// folder's files, or the store the project was opened with.
func (p *Project) State() statedoc.Docs {
	if p.state == nil {
		return statedoc.Folder(p.Dir)
	}
	return p.state
}

// Doc returns the document at rel, or nil.
func (p *Project) Doc(rel string) *document.Document {
	i := sort.Search(len(p.Docs), func(i int) bool { return p.Docs[i].Path >= rel })
	if i < len(p.Docs) && p.Docs[i].Path == rel {
		return p.Docs[i]
	}
	return nil
}

// Open reads the project folder dir. A file that cannot be read becomes one
// Problem; Open itself fails only when dir cannot be read or ctx ends (then
// it returns ctx.Err(); documents already extracted stay cached).
func Open(ctx context.Context, dir string, opts Options) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open project %s: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("open project: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open project %s: not a folder", dir)
	}
	rfs, err := projectfs.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("open project: %w", err)
	}
	defer rfs.Close()
	p := &Project{Dir: abs, Origins: map[string][]sourcemeta.Origin{}, base: map[string]document.Metadata{}, state: opts.State}
	p.loadMetadataSources()
	p.checkStateDir(rfs)

	files, skipped, walkProblems, err := scan(ctx, rfs, p.sidecarRel(), opts.FollowLinks)
	if err != nil {
		return nil, err
	}
	p.Skipped = skipped.paths
	p.SkipReasons = skipped.reasons
	p.Problems = append(p.Problems, walkProblems...)

	c := newCache(rfs, opts.NoCache)
	results, err := extractAll(ctx, c, files, opts)
	if err != nil {
		_ = c.flush(false) // keep what was extracted before the cancellation
		return nil, err
	}
	for _, r := range results {
		p.add(r)
	}
	if err := p.finish(ctx, c); err != nil {
		return nil, err
	}
	return p, nil
}

// sidecarRel is the sidecar table's path relative to Dir ("" without one).
func (p *Project) sidecarRel() string {
	if p.Sidecar == nil {
		return ""
	}
	rel, err := filepath.Rel(p.Dir, p.Sidecar.Path)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

// loadMetadataSources (re)reads the sidecar table and the overrides.
func (p *Project) loadMetadataSources() {
	p.Sidecar, p.overrides = nil, nil
	sc, err := sourcemeta.LoadSidecar(p.Dir)
	if err != nil {
		p.Problems = append(p.Problems, document.Problem{Path: sidecarPathOf(err, p.Dir), Kind: "sidecar", Error: err.Error()})
	} else {
		p.Sidecar = sc
	}
	ov, err := sourcemeta.LoadOverridesFrom(context.Background(), p.State())
	if err != nil {
		p.Problems = append(p.Problems, document.Problem{Path: sourcemeta.OverridesFile, Kind: "overrides", Error: err.Error()})
	} else {
		p.overrides = ov
	}
	p.Stances = p.Sidecar.Stances(p.overrides.StanceColumns())
}

// sidecarPathOf guesses which table an error is about, for the Problem's
// path; the error text itself names file and line.
func sidecarPathOf(err error, dir string) string {
	msg := err.Error()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if sourcemeta.IsSidecarCandidate(e.Name()) && strings.Contains(msg, e.Name()) {
			return e.Name()
		}
	}
	return "sources.csv"
}

// add files one extraction result into the project.
func (p *Project) add(r result) {
	if r.cached {
		p.FromCache++
	}
	if r.problem != nil {
		p.Problems = append(p.Problems, *r.problem)
		return
	}
	doc := r.doc
	// A document whose text reads as garbage stays in the project (part of
	// it may be right) and is listed among the Problems, so the analyst
	// does not take its words at face value.
	for _, w := range doc.GarbledWarnings() {
		p.Problems = append(p.Problems, document.Problem{Path: doc.Path, Kind: document.ProblemGarbled, Error: w})
	}
	p.base[doc.Path] = doc.Meta
	if len(r.origins) > 0 {
		p.Origins[doc.Path] = r.origins
	}
	p.applyMeta(doc)
	p.Docs = append(p.Docs, doc)
}

// applyMeta merges the sidecar row and the analyst's overrides over the
// extracted metadata of doc, a document not published yet.
func (p *Project) applyMeta(doc *document.Document) {
	doc.Meta = p.metaOf(doc)
}

// metaOf returns doc's extracted metadata with the sidecar row and the
// analyst's overrides merged over it; doc is not changed.
func (p *Project) metaOf(doc *document.Document) document.Metadata {
	scratch := document.Document{Path: doc.Path, Meta: p.base[doc.Path]}
	if p.Sidecar != nil {
		if m, ok := p.Sidecar.Lookup(doc.Path); ok {
			scratch.Meta.Merge(m)
		}
	}
	if p.overrides != nil {
		p.overrides.Apply(&scratch)
	}
	return scratch.Meta
}

// ReloadMetadata re-reads the sidecar table and .parallax/sources.json from
// disk and returns a new project with them applied. p and its documents are
// left as they were: a published project is read by analyses meanwhile.
func (p *Project) ReloadMetadata() *Project {
	next := p.clone()
	next.reloadMetadata()
	return next
}

// WithOverrides returns a new project with ov (the analyst's overrides, not
// shared with any other project) applied; p is left as it was.
func (p *Project) WithOverrides(ov *sourcemeta.Overrides) *Project {
	next := p.clone()
	next.overrides = ov
	next.Stances = next.Sidecar.Stances(ov.StanceColumns())
	next.remeta()
	return next
}

// reloadMetadata re-reads the metadata sources into p, a project not
// published yet, and re-applies them.
func (p *Project) reloadMetadata() {
	kept := p.Problems[:0]
	for _, pr := range p.Problems {
		if pr.Kind != "sidecar" && pr.Kind != "overrides" {
			kept = append(kept, pr)
		}
	}
	p.Problems = kept
	p.loadMetadataSources()
	p.sortAll()
	p.remeta()
}

// remeta re-applies the metadata sources to p's documents: a document
// whose metadata changes is replaced by a copy (sharing its text and
// spans), so the value a published project holds is never written.
func (p *Project) remeta() {
	for i, d := range p.Docs {
		m := p.metaOf(d)
		if m == d.Meta {
			continue
		}
		nd := *d
		nd.Meta = m
		p.Docs[i] = &nd
		if r, ok := p.repeated[d.Path]; ok && r.doc == d {
			r.doc = &nd
			p.repeated[d.Path] = r
		}
	}
}

// clone returns a copy of p whose slices and maps are its own, so the
// copy can be changed while p is read elsewhere. The documents are the
// same values: replace one, never write it.
func (p *Project) clone() *Project {
	next := *p
	next.Docs = slices.Clone(p.Docs)
	next.Problems = slices.Clone(p.Problems)
	next.Skipped = slices.Clone(p.Skipped)
	next.Warnings = slices.Clone(p.Warnings)
	next.SkipReasons = maps.Clone(p.SkipReasons)
	next.Origins = maps.Clone(p.Origins)
	next.base = maps.Clone(p.base)
	next.repeated = maps.Clone(p.repeated)
	return &next
}

// checkStateDir notes a .parallax folder Parallax will not write to (a
// link, not a folder, someone else's), and cleans the temporaries of saves
// that were killed.
// It is a Problem (not only a warning) so the window lists it too.
func (p *Project) checkStateDir(rfs *projectfs.Root) {
	if err := rfs.CheckState(StateDir); err != nil {
		p.Problems = append(p.Problems, document.Problem{Path: StateDir, Kind: ProblemReadOnly,
			Error: err.Error() + " (the project opens read-only: no cache, and edits cannot be saved)"})
		return
	}
	rfs.CleanTemporaries(StateDir)
}

// ProblemReadOnly is the Problem kind of a state folder Parallax will not
// write to.
const ProblemReadOnly = "read-only"

// noteCache files the cache's warnings and, once, why it was not used.
func (p *Project) noteCache(c *cache) {
	for _, w := range c.warnings {
		if !slices.Contains(p.Warnings, w) {
			p.Warnings = append(p.Warnings, w)
		}
	}
	if c.unsafe == nil {
		return
	}
	pr := document.Problem{Path: CacheDir, Kind: ProblemReadOnly, Error: "cache not used: " + c.unsafe.Error()}
	if !slices.Contains(p.Problems, pr) {
		p.Problems = append(p.Problems, pr)
	}
}

func (p *Project) finish(ctx context.Context, c *cache) error {
	p.noteCache(c)
	if p.Sidecar != nil {
		p.Warnings = append(p.Warnings, p.Sidecar.Warnings...)
		p.warnStanceConflicts()
		p.warnUnmatchedRows()
	}
	if err := c.flush(true); err != nil {
		p.Warnings = append(p.Warnings, "cache not written: "+err.Error())
	}
	p.sortAll()
	return p.markRepeatedInOutlet(ctx)
}

// warnUnmatchedRows notes sidecar rows that name no file of the project
// (a typo, a moved file, a table written for another folder layout).
func (p *Project) warnUnmatchedRows() {
	known := map[string]bool{}
	for _, d := range p.Docs {
		known[d.Path] = true
	}
	for _, pr := range p.Problems {
		known[pr.Path] = true
	}
	var missing []string
	for _, f := range p.Sidecar.Files() {
		if !known[f] {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return
	}
	ex := missing[0]
	p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %d of %d rows name no article of the project (e.g. %q)",
		p.Sidecar.Name, len(missing), len(p.Sidecar.Files()), ex))
}

func (p *Project) sortAll() {
	sort.Slice(p.Docs, func(i, j int) bool { return p.Docs[i].Path < p.Docs[j].Path })
	sort.SliceStable(p.Problems, func(i, j int) bool { return p.Problems[i].Path < p.Problems[j].Path })
	sort.Strings(p.Skipped)
}

// candidate is one article file found by the scan.
type candidate struct {
	rel    string
	format document.Format
	info   fs.FileInfo
}

// skipList is what the scan did not read, with reasons for the files that
// are not merely of an unknown type.
type skipList struct {
	paths   []string
	reasons map[string]string
}

func (s *skipList) add(rel, reason string) {
	s.paths = append(s.paths, rel)
	if reason != "" {
		if s.reasons == nil {
			s.reasons = map[string]string{}
		}
		s.reasons[rel] = reason
	}
}

// classify decides whether the entry rel (from the folder listing, links
// not followed: lstat describes it) is an article to read. It returns the
// file's info when it is, or the reason to skip it ("" for a file of
// another type).
func classify(rfs *projectfs.Root, rel string, lstat func() (fs.FileInfo, error), followLinks bool) (format document.Format, info fs.FileInfo, reason string, err error) {
	format, ok := formatOf(rel)
	if info, err = lstat(); err != nil {
		return "", nil, "", err
	}
	mode := info.Mode()
	if mode&fs.ModeSymlink != 0 {
		if !followLinks {
			return "", nil, "a symbolic link, not followed", nil
		}
		// os.Root refuses a link whose target is outside the folder.
		info, err = rfs.Stat(rel)
		if err != nil {
			return "", nil, "a symbolic link out of the project or to nothing, not followed", nil
		}
		mode = info.Mode()
	}
	switch {
	case mode.IsDir():
		return "", nil, "a link to a folder, not followed", nil
	case !mode.IsRegular():
		return "", nil, projectfs.KindOf(mode) + ", not a regular file", nil
	case !ok:
		return "", nil, "", nil
	}
	return format, info, "", nil
}

// formatOf maps an extension to an article format.
func formatOf(name string) (document.Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return document.FormatText, true
	case ".md", ".markdown":
		return document.FormatMarkdown, true
	case ".html", ".htm":
		return document.FormatHTML, true
	case ".pdf":
		return document.FormatPDF, true
	}
	return "", false
}

// scan walks dir for article files. Hidden files and folders and the
// project's state folder are ignored; the sidecar table (sidecarRel) is
// neither an article nor skipped; every other file is listed as skipped.
func scan(ctx context.Context, rfs *projectfs.Root, sidecarRel string, followLinks bool) ([]candidate, skipList, []document.Problem, error) {
	var files []candidate
	var skipped skipList
	var problems []document.Problem
	// The walk goes through the project's os.Root and never follows links
	// to folders, so it cannot leave the project.
	err := fs.WalkDir(rfs.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if rel == "." {
				return err
			}
			problems = append(problems, document.Problem{Path: rel, Kind: "io", Error: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if rel == "." {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") || rel == StateDir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // hidden files are not the analyst's articles
		}
		if d.IsDir() {
			return nil
		}
		if rel == sidecarRel {
			return nil
		}
		format, info, reason, ierr := classify(rfs, rel, d.Info, followLinks)
		if ierr != nil {
			problems = append(problems, document.Problem{Path: rel, Kind: "io", Error: ierr.Error()})
			return nil
		}
		if info == nil {
			skipped.add(rel, reason)
			return nil
		}
		files = append(files, candidate{rel: rel, format: format, info: info})
		return nil
	})
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, skipList{}, nil, cerr
		}
		return nil, skipList{}, nil, fmt.Errorf("read project folder %s: %w", rfs.Dir(), err)
	}
	return files, skipped, problems, nil
}

// result is the outcome of one file.
type result struct {
	doc     *document.Document
	origins []sourcemeta.Origin
	problem *document.Problem
	cached  bool
}

// extractAll extracts files with a bounded pool and reports progress in
// order from the calling goroutine. Results come back in files' order.
func extractAll(ctx context.Context, c *cache, files []candidate, opts Options) ([]result, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(files)))
	if opts.Progress != nil {
		opts.Progress(Progress{Done: 0, Total: len(files)})
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type done struct {
		i int
		r result
	}
	out := make(chan done, workers)
	budget := newMemBudget(opts.MemoryBudget)
	// The pool runs beside this goroutine, which reports progress in order.
	pooled := make(chan struct{})
	go func() {
		defer close(pooled)
		_ = workpool.Run(ctx, len(files), workers, func() func(int) {
			return func(i int) {
				took, err := budget.acquire(ctx, fileCost(files[i]))
				if err != nil {
					return // cancelled: the loop below reports it
				}
				r := processFile(ctx, c, files[i], opts)
				budget.release(took)
				select {
				case out <- done{i, r}:
				case <-ctx.Done():
				}
			}
		})
	}()
	results := make([]result, len(files))
	for n := 0; n < len(files); n++ {
		select {
		case d := <-out:
			if ctx.Err() != nil {
				// cancelled while results were waiting: select picks
				// among ready cases at random, so look before reporting
				break
			}
			results[d.i] = d.r
			if opts.Progress != nil {
				opts.Progress(Progress{Done: n + 1, Total: len(files), Current: files[d.i].rel})
			}
		case <-ctx.Done():
			cancel()
			<-pooled
			return nil, ctx.Err()
		}
	}
	<-pooled
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, nil
}
