package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/exports"
)

// distinctiveCommand prints the words and phrases most distinctive of each
// group of documents.
func distinctiveCommand() command {
	return command{
		summary: "the words and phrases most distinctive of each outlet, stance or language (weighted log-odds, z-scores)",
		run:     runDistinctive,
	}
}

func runDistinctive(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("distinctive", "usage: parallax-cli distinctive DIR [--by outlet|stance|language|COLUMN] [--top N] [--json|--csv]", env)
	by := fs.String("by", "outlet", "group the documents by outlet, stance, language or a column of the sources table (country…)")
	top := fs.Int("top", 30, "terms per group")
	minCount := fs.Int("min-count", 2, "fewest uses in a group for a term to be listed")
	prior := fs.Float64("prior", 0.1, "weight of the project-wide prior, as a share of the project's text")
	format := formatFlags(fs, "print JSON: {\"groups\":[{\"group\":…,\"documents\":N,\"terms\":[{\"term\":…,\"z\":…,\"count\":…}]}]}",
		"print CSV (UTF-8 with BOM): one row per group and term")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	if *top <= 0 || *minCount <= 0 || *prior <= 0 {
		return fmt.Errorf("%w: --top, --min-count and --prior must be positive", errUsage)
	}
	// only the texts are needed, not the entities or passages
	opts, closeState, err := withState(ctx, env, pos[0], engine.Options{})
	if err != nil {
		return err
	}
	defer closeState()
	p, err := engine.Open(ctx, pos[0], opts)
	if err != nil {
		return fmt.Errorf("open project %s: %w", pos[0], err)
	}
	lex, warnings, err := p.Lexicon()
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	if _, err := p.GroupFunc(*by); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	res, err := p.Distinctive(ctx, *by, lex, distinctive.Options{Top: *top, MinCount: *minCount, PriorScale: *prior, Workers: runtime.GOMAXPROCS(0)})
	if err != nil {
		return err
	}
	done, err := format.write(env, res, func() exports.Table { return exports.Distinctive(res) })
	if done || err != nil {
		return err
	}
	if len(res.Groups) == 0 {
		fmt.Fprintf(env.stdout, "no document has a %s: nothing to compare\n", *by)
		return nil
	}
	for _, g := range res.Groups {
		fmt.Fprintf(env.stdout, "%s (%d documents)\n", g.Group, g.Documents)
		if g.Note != "" {
			fmt.Fprintf(env.stdout, "  %s\n\n", g.Note)
			continue
		}
		tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  TERM\tZ\tHERE\tELSEWHERE\tDOCS\tLEXICON")
		for _, t := range g.Terms {
			fmt.Fprintf(tw, "  %s\t%.2f\t%d\t%d\t%d\t%s\n", t.Term, t.Z, t.Count, t.Rest, t.Documents, orDash(strings.Join(t.Categories, ", ")))
		}
		tw.Flush()
		fmt.Fprintln(env.stdout)
	}
	if res.Ungrouped > 0 {
		fmt.Fprintf(env.stdout, "%d documents without a %s were left out.\n", res.Ungrouped, *by)
	}
	fmt.Fprintf(env.stdout, "method: %s, prior weight %.2g, terms used at least %d times in their group\n", res.Method.Name, res.Method.PriorScale, res.Method.MinCount)
	return nil
}
