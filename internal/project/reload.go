package project

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// Reload updates only the given paths (relative to Dir, with /): files that
// are gone are dropped, new and changed ones are extracted (or served from
// the cache), and a change to the sidecar table or .parallax/sources.json
// re-applies metadata to every document. It returns a new project and
// leaves p and its documents as they were (a published project is read by
// analyses meanwhile); on cancellation it returns ctx.Err().
func (p *Project) Reload(ctx context.Context, paths []string, opts Options) (*Project, error) {
	rfs, err := projectfs.Open(p.Dir)
	if err != nil {
		return nil, fmt.Errorf("reload project: %w", err)
	}
	p = p.ownDocs()
	defer rfs.Close()
	var files []candidate
	var gone []string
	var ioProblems []document.Problem
	metaChanged := false
	skipped := map[string]bool{}
	for _, s := range p.Skipped {
		skipped[s] = true
	}
	for _, rel := range paths {
		rel = path.Clean(filepath.ToSlash(rel))
		if rel == sourcemeta.OverridesFile || isTableName(rel) || rel == p.sidecarRel() {
			metaChanged = true
			continue
		}
		if hiddenPath(rel) {
			continue
		}
		st, err := rfs.Lstat(rel)
		if errors.Is(err, fs.ErrNotExist) || err == nil && st.IsDir() {
			gone = append(gone, rel)
			continue
		}
		var format document.Format
		var info fs.FileInfo
		var reason string
		if err == nil {
			format, info, reason, err = classify(rfs, rel, func() (fs.FileInfo, error) { return st, nil }, opts.FollowLinks)
		}
		if err != nil {
			gone = append(gone, rel)
			ioProblems = append(ioProblems, document.Problem{Path: rel, Kind: "io", Error: err.Error()})
			continue
		}
		if info == nil {
			gone = append(gone, rel)
			skipped[rel] = true
			if reason != "" {
				if p.SkipReasons == nil {
					p.SkipReasons = map[string]string{}
				}
				p.SkipReasons[rel] = reason
			}
			continue
		}
		delete(skipped, rel)
		delete(p.SkipReasons, rel)
		files = append(files, candidate{rel: rel, format: format, info: info})
	}
	c := newCache(rfs, opts.NoCache)
	results, err := extractAll(ctx, c, files, opts)
	if err != nil {
		_ = c.flush(false)
		return nil, err
	}
	// Drop the old state of every path touched, then add the new.
	touched := map[string]bool{}
	for _, g := range gone {
		touched[g] = true
	}
	for _, f := range files {
		touched[f.rel] = true
	}
	docs := p.Docs[:0]
	for _, d := range p.Docs {
		if !touched[d.Path] {
			docs = append(docs, d)
		} else {
			delete(p.base, d.Path)
			delete(p.Origins, d.Path)
		}
	}
	p.Docs = docs
	probs := p.Problems[:0]
	for _, pr := range p.Problems {
		if !touched[pr.Path] {
			probs = append(probs, pr)
		}
	}
	p.Problems = append(probs, ioProblems...)
	p.Skipped = p.Skipped[:0]
	for s := range skipped {
		if _, err := rfs.Lstat(s); err == nil {
			p.Skipped = append(p.Skipped, s)
		} else {
			delete(p.SkipReasons, s)
		}
	}
	p.FromCache = 0
	for _, r := range results {
		p.add(r)
	}
	p.noteCache(c) // said once, however often the folder reloads
	if metaChanged {
		p.reloadMetadata()
	}
	if err := c.flush(false, gone...); err != nil {
		p.Warnings = append(p.Warnings, "cache not written: "+err.Error())
	}
	p.sortAll()
	if err := p.markRepeatedInOutlet(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// ownDocs returns a clone of p whose documents are copies too (sharing
// their texts), since Reload's boilerplate pass rewrites their spans.
func (p *Project) ownDocs() *Project {
	next := p.clone()
	for i, d := range next.Docs {
		nd := *d
		next.Docs[i] = &nd
		if r, ok := next.repeated[d.Path]; ok && r.doc == d {
			r.doc = &nd
			next.repeated[d.Path] = r
		}
	}
	return next
}

// isTableName reports whether a root-level path could be a sidecar table.
func isTableName(rel string) bool {
	return !strings.Contains(rel, "/") && sourcemeta.IsSidecarCandidate(rel)
}

// hiddenPath reports whether any element of rel is hidden (or the state
// folder).
func hiddenPath(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}

// OpenFile extracts one article of the project folder dir (rel relative to
// dir, with /), using and filling the cache, with the sidecar table and the
// analyst's overrides applied. A file that cannot be read gives an error
// carrying its Problem.
func OpenFile(ctx context.Context, dir, rel string, opts Options) (*document.Document, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rel = path.Clean(filepath.ToSlash(rel))
	rfs, err := projectfs.Open(abs)
	if err != nil {
		return nil, err
	}
	defer rfs.Close()
	p := &Project{Dir: abs, Origins: map[string][]sourcemeta.Origin{}, base: map[string]document.Metadata{}, state: opts.State}
	p.loadMetadataSources()
	st, err := rfs.Lstat(rel)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	format, info, reason, err := classify(rfs, rel, func() (fs.FileInfo, error) { return st, nil }, opts.FollowLinks)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	if info == nil {
		if reason == "" {
			reason = "not an article (.txt, .md, .html, .pdf)"
		}
		return nil, fmt.Errorf("%s: %s", rel, reason)
	}
	c := newCache(rfs, opts.NoCache)
	results, err := extractAll(ctx, c, []candidate{{rel: rel, format: format, info: info}}, opts)
	if err != nil {
		return nil, err
	}
	_ = c.flush(false)
	r := results[0]
	if r.problem != nil {
		return nil, &ProblemError{*r.problem}
	}
	p.add(r)
	return r.doc, nil
}

// ProblemError is the error of a file that could not be read.
type ProblemError struct{ Problem document.Problem }

func (e *ProblemError) Error() string {
	return fmt.Sprintf("%s: %s (%s)", e.Problem.Path, e.Problem.Error, e.Problem.Kind)
}
