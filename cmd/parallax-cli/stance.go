package main

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// stanceCommand sets the stance of an outlet or of one document, as the
// source panel does, so a project can be scripted.
func stanceCommand() command {
	return command{
		summary: "set the stance of an outlet or a document (LABEL \"\" removes it)",
		run:     runStance,
	}
}

func runStance(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("stance", "usage: parallax-cli stance DIR OUTLET|FILE LABEL [--add]\n"+
		"  FILE is a document's path in the project; anything else is taken as an outlet name.\n"+
		"  LABEL must be on the project's stance scale or in the sidecar's stance column, unless --add.", env)
	add := fs.Bool("add", false, "append LABEL to the stance scale when it is not on it")
	pos, err := parseArgs(fs, args, 3, "a project folder, an outlet or file, and a label")
	if err != nil {
		return err
	}
	dir, target, label := pos[0], pos[1], strings.TrimSpace(pos[2])
	state, done, err := projectState(ctx, env, dir)
	if err != nil {
		return err
	}
	defer done()
	p, err := project.Open(ctx, dir, project.Options{PDF: pdftext.Options{Isolate: true}, State: state})
	if err != nil {
		return fmt.Errorf("open project %s: %w", dir, err)
	}
	ov := p.Overrides() // a copy, saved below
	if ov == nil {
		return fmt.Errorf("%s in %s is unreadable: fix or remove it before setting stances", path.Base(sourcemeta.OverridesFile), state.Where())
	}
	if label != "" && !ov.HasLabel(label) {
		known := *add
		for _, l := range p.Stances.Labels() {
			known = known || l == label
		}
		if !known {
			return fmt.Errorf("%w: stance %q is on neither the scale %v nor the sidecar's stance column; pass --add to add it", errUsage, label, p.StanceLabels())
		}
		ov.AddLabels(label)
	}
	rel := filepath.ToSlash(filepath.Clean(target))
	if d := p.Doc(rel); d != nil {
		if err := ov.SetDocumentStance(d.Path, label); err != nil {
			return err
		}
		if err := ov.SaveTo(ctx, state); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "%s: %s\n", d.Path, describeStance(label))
		return nil
	}
	n := 0
	for _, d := range p.Docs {
		if sameOutlet(d, target) {
			if n == 0 {
				target = d.Meta.Outlet.Value // as the documents spell it
			}
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("%w: %q is neither a document of the project nor the outlet of any", errUsage, target)
	}
	if err := ov.SetOutletStance(target, label); err != nil {
		return err
	}
	if err := ov.SaveTo(ctx, state); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "outlet %s (%d documents): %s\n", target, n, describeStance(label))
	return nil
}

func describeStance(label string) string {
	if label == "" {
		return "stance removed"
	}
	return "stance " + label
}

func sameOutlet(d *document.Document, name string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(d.Meta.Outlet.Value) != "" && norm(d.Meta.Outlet.Value) == norm(name)
}
