package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/groups"
)

// blindspotsCommand prints what only one group of documents covers.
func blindspotsCommand() command {
	return command{
		summary: "entities, passages and terms only one stance (outlet, language…) covers, coverage and naming by group",
		run:     runBlindspots,
	}
}

func runBlindspots(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("blindspots", "usage: parallax-cli blindspots DIR [--by stance|outlet|language|COLUMN] [--limit N] [--json|--csv]", env)
	by := fs.String("by", "stance", "group the documents by stance, outlet, language or a column of the sources table")
	limit := fs.Int("limit", 50, "entities listed per group (0: all)")
	format := formatFlags(fs, "print JSON: {\"groups\":[{\"group\":…,\"entities\":[{\"id\":…,\"name\":…,\"mentions\":N}]}]}",
		"print CSV (UTF-8 with BOM): one row per group and entity")
	coverageCSV := fs.Bool("coverage", false, "with --csv: the coverage by group instead (one row per entity and group)")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --limit must be ≥ 0", errUsage)
	}
	a, err := analyseProject(ctx, env, pos[0])
	if err != nil {
		return err
	}
	max := *limit
	if max == 0 {
		max = -1
	}
	res, err := a.CompareGroups(ctx, *by, groups.Options{MaxEntities: max})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	done, err := format.write(env, res, func() exports.Table {
		if *coverageCSV {
			return exports.GroupCoverage(res)
		}
		return exports.BlindSpots(res)
	})
	if done || err != nil {
		return err
	}
	if len(res.Groups) < 2 {
		fmt.Fprintf(env.stdout, "%d group(s) by %s: blind spots need two or more (set stances with 'parallax-cli stance' or a stance column in the sources table)\n", len(res.Groups), *by)
		return nil
	}
	for _, g := range res.Groups {
		fmt.Fprintf(env.stdout, "%s (%d documents; %s)\n", g.Group, g.Documents, orDash(strings.Join(g.Outlets, ", ")))
		fmt.Fprintf(env.stdout, "  only here: %d entities, %d shared passages, %d terms\n", g.EntitiesTotal, len(g.Passages), len(g.Terms))
		for _, e := range g.Entities {
			fmt.Fprintf(env.stdout, "    %-40s %s, %d mentions in %d documents\n", e.Name, orDash(e.Kind), e.Mentions, len(e.Docs))
		}
		if len(g.Terms) > 0 {
			var ts []string
			for _, t := range g.Terms {
				ts = append(ts, fmt.Sprintf("%s (%d)", t.Term, t.Count))
			}
			fmt.Fprintf(env.stdout, "    terms: %s\n", strings.Join(ts, ", "))
		}
		fmt.Fprintln(env.stdout)
	}
	if len(res.Naming) > 0 {
		fmt.Fprintln(env.stdout, "how each group names the main actors:")
		for _, an := range res.Naming {
			fmt.Fprintf(env.stdout, "  %s\n", an.Name)
			for _, gn := range an.Groups {
				var fs []string
				for _, f := range gn.Forms {
					fs = append(fs, fmt.Sprintf("%s (%d)", f.Form, f.Count))
				}
				for _, d := range gn.Descriptors {
					fs = append(fs, fmt.Sprintf("«%s» (%d)", d.Form, d.Count))
				}
				fmt.Fprintf(env.stdout, "    %-16s %s\n", gn.Group, orDash(strings.Join(fs, ", ")))
			}
		}
	}
	if res.Ungrouped > 0 {
		fmt.Fprintf(env.stdout, "\n%d documents without a %s were left out.\n", res.Ungrouped, *by)
	}
	return nil
}
