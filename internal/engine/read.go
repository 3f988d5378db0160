package engine

import (
	"context"
	"fmt"
	"runtime"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Read opens the project folder dir as Open does, without folding the
// texts: what listing the documents and their problems needs
// (parallax-cli inspect). Progress reports the reading stage.
func Read(ctx context.Context, dir string, opts Options) (*project.Project, error) {
	return project.Open(ctx, dir, opts.projectOptions())
}

// OpenFile reads the article rel of the project folder dir as Open reads
// it (the cache, the sidecar table and the analyst's overrides applied).
func OpenFile(ctx context.Context, dir, rel string, opts Options) (*document.Document, error) {
	return project.OpenFile(ctx, dir, rel, opts.projectOptions())
}

// Fold returns the folded matching form of a text, as the analyses match
// it (case, diacritics, look-alike letters normalised).
func Fold(text string) string { return textnorm.Fold(text).Text }

// FindPassages finds the passages p's documents share with the given
// options (the analysis uses opts.Reuse of Analyse).
func (p *Project) FindPassages(ctx context.Context, ropts reuse.Options) ([]reuse.Passage, error) {
	workers := ropts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	folded, err := p.folded.all(ctx, workers)
	if err != nil {
		return nil, err
	}
	ps, err := reuse.Find(ctx, p.Docs(), folded, ropts)
	if err != nil {
		return nil, fmt.Errorf("find shared passages: %w", err)
	}
	return ps, nil
}

// projectOptions are the loader's options of opts: its Project options
// with the workers, the cache choice and the reading progress.
func (o Options) projectOptions() project.Options {
	popts := o.Project
	popts.Workers = o.Workers
	popts.NoCache = popts.NoCache || o.NoCache
	popts.Progress = func(p project.Progress) {
		o.report(Progress{Stage: StageReading, Done: p.Done, Total: p.Total, Current: p.Current})
	}
	return popts
}
