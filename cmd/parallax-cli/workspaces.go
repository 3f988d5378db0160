package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// workspacesCommand lists a project's saved workspaces.
func workspacesCommand() command {
	return command{
		summary: "list the saved workspaces of a project (name, saved, documents, annotations, problems)",
		run:     runWorkspaces,
	}
}

// workspaceCommand prints one workspace, validated.
func workspaceCommand() command {
	return command{
		summary: "print one saved workspace, validated, with its problems",
		run:     runWorkspace,
	}
}

func runWorkspaces(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("workspaces", "usage: parallax-cli workspaces DIR [--json|--csv]", env)
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print the annotations of every workspace as CSV (UTF-8 with BOM), one row per annotation")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	wopts, done, err := workspaceOptions(ctx, env, pos[0])
	if err != nil {
		return err
	}
	defer done()
	store, err := workspace.OpenStore(pos[0], wopts)
	if err != nil {
		return err
	}
	sums, err := store.List(ctx)
	if err != nil {
		return err
	}
	if *asCSV {
		t, warnings, err := exports.ProjectAnnotationsIn(ctx, pos[0], wopts)
		if err != nil {
			return err
		}
		for _, w := range warnings {
			fmt.Fprintf(env.stderr, "warning: %s\n", w)
		}
		return t.WriteCSV(env.stdout)
	}
	if *asJSON {
		return wsWriteJSON(env.rawStdout, sums)
	}
	if len(sums) == 0 {
		fmt.Fprintf(env.stdout, "no workspaces in %s\n", store.Dir())
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSAVED\tDOCUMENTS\tANNOTATIONS\tPROBLEMS")
	for _, s := range sums {
		if s.Error != "" {
			fmt.Fprintf(tw, "%s\t-\t-\t-\tdoes not load\n", s.Name)
			continue
		}
		ann := fmt.Sprint(s.Annotations)
		if s.Orphaned > 0 {
			ann += fmt.Sprintf(" (%d orphaned)", s.Orphaned)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\n", s.Name, wsFormatTime(s.Saved), s.Documents, ann, len(s.Problems))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range sums {
		if s.Error == "" && len(s.Problems) == 0 && len(s.Warnings) == 0 {
			continue
		}
		fmt.Fprintf(env.stdout, "\n%s:\n", s.Name)
		if s.Error != "" {
			fmt.Fprintf(env.stdout, "  error: %s\n", s.Error)
		}
		for _, w := range s.Warnings {
			fmt.Fprintf(env.stdout, "  warning: %s\n", w)
		}
		for _, p := range s.Problems {
			fmt.Fprintf(env.stdout, "  %s\n", p)
		}
	}
	return nil
}

// workspaceOutput is what `workspace --json` prints.
type workspaceOutput struct {
	Name      string               `json:"name"`
	File      string               `json:"file"`
	ReadOnly  bool                 `json:"read_only"`
	Warnings  []string             `json:"warnings"`
	Problems  []workspace.Problem  `json:"problems"`
	Workspace *workspace.Workspace `json:"workspace"`
}

func runWorkspace(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("workspace", "usage: parallax-cli workspace DIR NAME [--json]", env)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseArgs(fs, args, 2, "a project folder and a workspace name")
	if err != nil {
		return err
	}
	wopts, done, err := workspaceOptions(ctx, env, pos[0])
	if err != nil {
		return err
	}
	defer done()
	store, err := workspace.OpenStore(pos[0], wopts)
	if err != nil {
		return err
	}
	ws, err := store.Load(pos[1])
	if err != nil {
		return err
	}
	probs, err := workspace.Check(ctx, store.Root(), ws)
	if err != nil {
		return err
	}
	out := workspaceOutput{
		Name: ws.Name, File: store.File(ws.Name), ReadOnly: ws.ReadOnly,
		Warnings: wsNonNil(ws.Warnings), Problems: probs, Workspace: ws,
	}
	if out.Problems == nil {
		out.Problems = []workspace.Problem{}
	}
	if *asJSON {
		return wsWriteJSON(env.rawStdout, out)
	}
	return printWorkspace(env.stdout, out)
}

func printWorkspace(w io.Writer, o workspaceOutput) error {
	ws := o.Workspace
	fmt.Fprintf(w, "workspace %s (%s)\n", o.Name, o.File)
	fmt.Fprintf(w, "saved %s", wsFormatTime(ws.Saved))
	if ws.AppVersion != "" {
		fmt.Fprintf(w, " by %s", ws.AppVersion)
	}
	fmt.Fprintf(w, ", version %d", ws.Version)
	if o.ReadOnly {
		fmt.Fprint(w, " (read-only)")
	}
	fmt.Fprintln(w)
	for i, p := range ws.Panes {
		mark := " "
		if i == ws.Active {
			mark = "*"
		}
		fmt.Fprintf(w, "%s pane %d: %s\n", mark, i+1, p.Path)
	}
	if q := ws.Search.Query; q != "" {
		fmt.Fprintf(w, "search: %q\n", q)
	}
	fmt.Fprintf(w, "annotations: %d (%d orphaned)\n", len(ws.Annotations), len(ws.Orphans()))
	if n := strings.Count(ws.Notes, "\n"); ws.Notes != "" {
		fmt.Fprintf(w, "notes: %d lines\n", n+1)
	}
	for _, s := range o.Warnings {
		fmt.Fprintf(w, "warning: %s\n", s)
	}
	for _, p := range o.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	return nil
}

func wsFormatTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func wsNonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func wsWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
