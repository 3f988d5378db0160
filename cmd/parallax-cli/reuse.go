package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/reuse"
)

// reuseCommand lists the passages that documents of a project share.
func reuseCommand() command {
	return command{
		summary: "list the passages documents share (copied, disguised or quoted text), clustered",
		run:     runReuse,
	}
}

func runReuse(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("reuse", "usage: parallax-cli reuse DIR [--json] [options]", env)
	asJSON := fs.Bool("json", false, "print JSON: {\"passages\":[{id, words, similarity, quoted, spans:[{path, start, end, text}]}]}")
	asCSV := fs.Bool("csv", false, "print CSV (UTF-8 with BOM): one row per span of each passage")
	noCache := fs.Bool("no-cache", false, "extract every file again instead of using .parallax/cache")
	minWords := fs.Int("min-words", reuse.DefaultMinWords, "fewest matching words a passage must have")
	maxMismatch := fs.Int("max-mismatches", reuse.DefaultMaxMismatches, "most inserted, dropped or changed words bridged at one place")
	minSim := fs.Float64("min-similarity", reuse.DefaultMinSimilarity, "lowest share of matching words in a passage")
	maxDocFreq := fs.Int("max-doc-freq", reuse.DefaultMaxDocFreq, "ignore fingerprints found in more documents than this")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	if *minWords < 1 || *maxMismatch < 0 || *minSim <= 0 || *minSim > 1 || *maxDocFreq < 2 {
		return fmt.Errorf("%w: --min-words ≥ 1, --max-mismatches ≥ 0, 0 < --min-similarity ≤ 1, --max-doc-freq ≥ 2", errUsage)
	}
	opts := engine.Options{NoCache: *noCache}
	if env.interactive {
		opts.Progress = func(p engine.Progress) {
			fmt.Fprintf(env.rawStderr, "\r%-10s %d/%d  ", p.Stage, p.Done, p.Total)
		}
	}
	opts, done, err := withState(ctx, env, pos[0], opts)
	if err != nil {
		return err
	}
	defer done()
	p, err := engine.Open(ctx, pos[0], opts)
	if err != nil {
		return err
	}
	ropts := reuse.Options{
		MinWords:      *minWords,
		MaxMismatches: *maxMismatch,
		MinSimilarity: *minSim,
		MaxDocFreq:    *maxDocFreq,
	}
	if *maxMismatch == 0 {
		ropts.MaxMismatches = -1 // exact runs only
	}
	if env.interactive {
		ropts.Progress = func(p reuse.Progress) {
			fmt.Fprintf(env.rawStderr, "\rpassages: %-8s %d/%d  ", p.Stage, p.Done, p.Total)
		}
	}
	ps, err := p.FindPassages(ctx, ropts)
	if env.interactive {
		fmt.Fprint(env.rawStderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if *asCSV {
		return exports.Passages(ps).WriteCSV(env.stdout)
	}
	if *asJSON {
		enc := json.NewEncoder(env.rawStdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Passages []reuse.Passage `json:"passages"`
		}{ps})
	}
	return reuseWriteTable(env.stdout, ps, len(p.Docs))
}

// reuseWriteTable prints the passages for reading: one block per passage.
func reuseWriteTable(w io.Writer, ps []reuse.Passage, docs int) error {
	if len(ps) == 0 {
		_, err := fmt.Fprintf(w, "no shared passages in %d documents\n", docs)
		return err
	}
	fmt.Fprintf(w, "%d shared passages in %d documents\n", len(ps), docs)
	for _, p := range ps {
		kind := "copy"
		if p.Quoted {
			kind = "quotation"
		}
		fmt.Fprintf(w, "\n%s  %d words  similarity %.2f  %s  in %d documents\n", p.ID, p.Words, p.Similarity, kind, len(p.Spans))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, s := range p.Spans {
			fmt.Fprintf(tw, "  %s\t%d-%d\t%s\n", s.Path, s.Start, s.End, reuseExcerpt(s.Text, 70))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// reuseExcerpt shortens s to about n characters on one line.
func reuseExcerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
