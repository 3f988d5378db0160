package main

import (
	"context"
	"fmt"

	"github.com/parallaxworkbench/parallax/internal/alias"
)

// aliasesCommand accepts or rejects a suggested merge by the ID the
// entities command prints, as the alias review does.
func aliasesCommand() command {
	return command{
		summary: "accept or reject a suggested merge of entities by its ID (see 'entities')",
		run:     runAliases,
	}
}

func runAliases(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("aliases", "usage: parallax-cli aliases DIR accept|reject ID", env)
	pos, err := parseArgs(fs, args, 3, "a project folder, accept or reject, and a suggestion ID")
	if err != nil {
		return err
	}
	dir, verb, id := pos[0], pos[1], pos[2]
	if verb != "accept" && verb != "reject" {
		return fmt.Errorf("%w: want accept or reject, got %q", errUsage, verb)
	}
	state, done, err := projectState(ctx, env, dir)
	if err != nil {
		return err
	}
	defer done()
	a, err := analyseProjectIn(ctx, env, dir, state)
	if err != nil {
		return err
	}
	if a.Decisions == nil {
		return fmt.Errorf("%s is unreadable: fix or remove it before deciding on aliases", alias.DecisionsFile)
	}
	var found *alias.Suggestion
	for i := range a.Entities.Suggestions {
		if a.Entities.Suggestions[i].ID == id {
			found = &a.Entities.Suggestions[i]
		}
	}
	if found == nil && verb == "accept" {
		// a rejected suggestion is no longer made: accept takes it back
		if s, ok := a.Decisions.RejectedSuggestion(id); ok {
			found = &s
		}
	}
	if found == nil {
		return fmt.Errorf("%w: no suggestion %q in this project (list them with 'parallax-cli entities %s')", errUsage, id, dir)
	}
	if verb == "accept" {
		a.Decisions.Accept(*found)
	} else {
		a.Decisions.Reject(*found)
	}
	// Saved as a change of the decisions as they are now: another
	// analyst's decisions made meanwhile stay.
	if err := a.Decisions.SaveTo(ctx, state); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%sed %s: %q ~ %q\n", verb, found.ID, found.FormA, found.FormB)
	return nil
}
