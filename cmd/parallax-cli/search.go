package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// searchCommand finds entities by name (typo-tolerant) or a phrase in the
// documents, and prints the mentions in context.
func searchCommand() command {
	return command{
		summary: "find an entity by name (typos and spellings tolerated) or a phrase, with mentions in context",
		run:     runSearch,
	}
}

func runSearch(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("search", "usage: parallax-cli search DIR QUERY [--json] [--limit N]", env)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 10, "print at most this many entities")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return fmt.Errorf("%w: search takes a project folder and a query", errUsage)
	}
	query := strings.Join(pos[1:], " ")
	if strings.TrimSpace(query) == "" {
		return fmt.Errorf("%w: empty query", errUsage)
	}
	// the decisions, read once for the kept index and the analysis
	state, done, err := projectState(ctx, env, pos[0])
	if err != nil {
		return err
	}
	defer done()
	r, ok, err := searchKept(ctx, env, pos[0], state, query, max(1, *limit))
	if err != nil {
		return err
	}
	if !ok {
		a, err := analyseProjectIn(ctx, env, pos[0], state)
		if err != nil {
			return err
		}
		r = a.Search().Query(query, max(1, *limit))
	}
	if *asJSON {
		return writeObject(env.rawStdout, searchFields(r))
	}
	for _, h := range r.Entities {
		note := ""
		if h.Form != h.Name {
			note = fmt.Sprintf(" (as %q)", h.Form)
		}
		fmt.Fprintf(env.stdout, "%5d  %s [%s] %d mentions%s\n", h.Score, h.Name, h.Kind, h.Mentions, note)
	}
	if r.Phrase {
		fmt.Fprintf(env.stdout, "\nphrase %q: %d hits\n", query, len(r.Mentions))
	} else if len(r.Entities) > 0 {
		fmt.Fprintf(env.stdout, "\nmentions of %s: %d\n", r.Entities[0].Name, len(r.Mentions))
	}
	for _, g := range search.GroupRows(r.Mentions) {
		outlet := g.Outlet
		if outlet == "" {
			outlet = "(unknown outlet)"
		}
		fmt.Fprintf(env.stdout, "\n%s\n", outlet)
		for _, d := range g.Documents {
			fmt.Fprintf(env.stdout, "  %s\n", d.Path)
			for _, row := range d.Rows {
				fmt.Fprintf(env.stdout, "    %7d  …%s[%s]%s…\n", row.Start, row.Left, row.Text, row.Right)
			}
		}
	}
	return nil
}

// searchKept answers the search from the index kept in the project's
// store (engine.SearchKept), without opening the project, when the folder
// and its decisions (state) are as they were when that index was made.
// ok is false when
// there is none or a document it needs cannot be read: the caller
// analyses the project, which answers the same.
func searchKept(ctx context.Context, env *cliEnv, dir string, state statedoc.Docs, query string, limit int) (search.Response, bool, error) {
	opts, err := env.withStore(ctx, dir, engine.Options{})
	if err != nil || opts.Store == nil {
		return search.Response{}, false, err
	}
	opts.Project.State = state
	k, err := engine.TakeFolderKey(ctx, dir, opts)
	if err != nil {
		return search.Response{}, false, nil // the analysis says what is wrong with the folder
	}
	ix, _, err := engine.SearchKept(ctx, opts.Store, k)
	if err != nil || ix == nil {
		return search.Response{}, false, nil // the analysis warns of the store
	}
	r := ix.Query(query, limit)
	if ix.Err() != nil {
		return search.Response{}, false, nil
	}
	return r, true, nil
}

// searchFields are the fields of r as json.Encoder writes them (its rows,
// 46,000 for a much-mentioned name, then encoded on every core):
// TestSearchFieldsAreTheResponse holds them to search.Response.
func searchFields(r search.Response) []objectField {
	return []objectField{
		{name: "entities", value: r.Entities},
		{name: "mentions", value: r.Mentions},
		{name: "phrase", value: r.Phrase},
	}
}
