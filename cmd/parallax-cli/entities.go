package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// entitiesCommand lists a project's entities with their forms and merges.
func entitiesCommand() command {
	return command{
		summary: "list the people, organisations and places a project names, with spellings, merges and suggestions",
		run:     runEntities,
	}
}

func runEntities(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("entities", "usage: parallax-cli entities DIR [--json] [--limit N] [--kind KIND]", env)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 0, "print at most this many entities (0: all)")
	kind := fs.String("kind", "", "only entities of this kind: person, organisation, place, other")
	asCSV := fs.Bool("csv", false, "print CSV (UTF-8 with BOM): one row per entity and form (--table suggestions: one per suggested merge)")
	table := fs.String("table", "entity_forms", "with --csv: entity_forms or suggestions")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	a, err := analyseProject(ctx, env, pos[0])
	if err != nil {
		return err
	}
	if *asCSV {
		if *table != "entity_forms" && *table != "suggestions" {
			return fmt.Errorf("%w: --table entity_forms or suggestions", errUsage)
		}
		return writeTable(env, exports.Analysis(a), *table)
	}
	res := a.Entities()
	ents := make([]*alias.Entity, 0, len(res.Entities))
	for _, e := range res.Entities {
		if *kind != "" && e.Kind.String() != *kind {
			continue
		}
		ents = append(ents, e)
		if *limit > 0 && len(ents) == *limit {
			break
		}
	}
	if *asJSON {
		return writeObject(env.rawStdout, []objectField{
			{name: "entities", value: entitiesJSON(ents)},
			{name: "suggestions", value: res.Suggestions},
			{name: "warnings", value: a.Warnings(), omitEmpty: true},
		})
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tMENTIONS\tDOCUMENTS\tFORMS")
	for _, e := range ents {
		forms := make([]string, 0, len(e.Forms))
		for _, f := range e.Forms {
			forms = append(forms, fmt.Sprintf("%s (%d)", f.Text, f.Count))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", e.Name, e.Kind, len(e.Mentions), len(e.Documents), strings.Join(forms, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(res.Suggestions) > 0 {
		fmt.Fprintf(env.stdout, "\nsuggestions (%d):\n", len(res.Suggestions))
		for _, s := range res.Suggestions {
			fmt.Fprintf(env.stdout, "  %s  %q ~ %q  (%s, %.2f)\n", s.ID, s.FormA, s.FormB, s.Reason, s.Confidence)
		}
	}
	for _, w := range a.Warnings() {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	return nil
}

// analyseProject opens and analyses the project folder dir, drawing
// progress on stderr when it is a terminal.
func analyseProject(ctx context.Context, env *cliEnv, dir string) (*engine.Analysis, error) {
	state, done, err := projectState(ctx, env, dir)
	if err != nil {
		return nil, err
	}
	defer done()
	return analyseProjectIn(ctx, env, dir, state)
}

// analyseProjectIn is analyseProject with the analyst's decisions read
// from state.
func analyseProjectIn(ctx context.Context, env *cliEnv, dir string, state statedoc.Docs) (*engine.Analysis, error) {
	opts, err := env.withStore(ctx, dir, engine.Options{})
	if err != nil {
		return nil, err
	}
	opts.Project.State = state
	if env.interactive {
		opts.Progress = func(p engine.Progress) {
			fmt.Fprintf(env.rawStderr, "\r%-10s %d/%d   ", p.Stage, p.Done, p.Total)
		}
	}
	// what the folder is before it is read: the analysis is remembered
	// as the folder's only if nothing changed meanwhile (search.go)
	before, err := engine.TakeFolderKey(ctx, dir, opts)
	if err != nil {
		before = engine.FolderKey{} // opening the folder says what is wrong
	}
	p, err := engine.Open(ctx, dir, opts)
	if err != nil {
		return nil, fmt.Errorf("open project %s: %w", dir, err)
	}
	a, err := engine.Analyse(ctx, p, opts)
	if env.interactive {
		fmt.Fprint(env.rawStderr, "\r\033[K")
	}
	if err != nil {
		return nil, fmt.Errorf("analyse %s: %w", dir, err)
	}
	if err := engine.RememberFolder(ctx, before, a, opts); err != nil {
		env.note(fmt.Sprintf("%s: %v", dir, err))
	}
	return a, nil
}

// writeTable writes the table called name of ts as CSV to stdout.
func writeTable(env *cliEnv, ts []exports.Table, name string) error {
	t, err := exports.Find(ts, name)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return t.WriteCSV(env.stdout)
}

// EntityFields is alias.Entity without its MarshalJSON method, so that
// entityJSON, which writes what that method writes (the entity's fields
// and its number of mentions, TestEntityJSONIsMarshalJSON), is written by
// jsonindent in one pass rather than handed to encoding/json entity by
// entity. Exported: jsonindent reads the fields of an unexported
// embedded struct only through encoding/json.
type EntityFields alias.Entity

type entityJSON struct {
	*EntityFields
	Mentions int `json:"mentions"`
}

func entitiesJSON(ents []*alias.Entity) []entityJSON {
	out := make([]entityJSON, len(ents))
	for i, e := range ents {
		out[i] = entityJSON{(*EntityFields)(e), len(e.Mentions)}
	}
	return out
}
