package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
	"github.com/parallaxworkbench/parallax/internal/report"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// reportCommand writes the comparison report of a project or workspace.
func reportCommand() command {
	return command{
		summary: "write the comparison report of a project or workspace as PDF or HTML",
		run:     runReport,
	}
}

func runReport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("report", "usage: parallax-cli report DIR [--workspace NAME [--open-only]] [--format pdf|html] [--paper a4|letter] [--title T] --out FILE", env)
	wsName := fs.String("workspace", "", "report on this workspace: its notes, annotations and report settings")
	openOnly := fs.Bool("open-only", false, "with --workspace: only the workspace's open documents")
	format := fs.String("format", "", "pdf or html (default: from the --out file's extension)")
	paper := fs.String("paper", "", "a4 or letter (default: the workspace's setting, else a4)")
	title := fs.String("title", "", "the report's title (default: the workspace's, else \"Comparison report: DIR\")")
	out := fs.String("out", "", "the file to write (required)")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: --out FILE is required", errUsage)
	}
	f := strings.ToLower(*format)
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".pdf":
			f = "pdf"
		case ".html", ".htm":
			f = "html"
		default:
			return fmt.Errorf("%w: cannot tell the format from %q: give --format pdf or html", errUsage, *out)
		}
	}
	if f != "pdf" && f != "html" {
		return fmt.Errorf("%w: --format must be pdf or html, not %q", errUsage, *format)
	}
	if p := strings.ToLower(*paper); p != "" && p != report.PaperA4 && p != report.PaperLetter {
		return fmt.Errorf("%w: --paper must be a4 or letter, not %q", errUsage, *paper)
	}
	if *openOnly && *wsName == "" {
		return fmt.Errorf("%w: --open-only needs --workspace", errUsage)
	}

	var ws *workspace.Workspace
	if *wsName != "" {
		wopts, done, err := workspaceOptions(ctx, env, pos[0])
		if err != nil {
			return err
		}
		defer done()
		store, err := workspace.OpenStore(pos[0], wopts)
		if err != nil {
			return err
		}
		if ws, err = store.Load(*wsName); err != nil {
			return err
		}
		for _, w := range ws.Warnings {
			fmt.Fprintf(env.stderr, "warning: workspace %s: %s\n", ws.Name, w)
		}
	}
	a, err := analyseProject(ctx, env, pos[0])
	if err != nil {
		return err
	}
	if ws != nil {
		// Bring annotations and panes up to date with the documents as
		// they are now; the workspace file itself is not changed.
		workspace.Resolve(ws, a.Project.Docs)
	}
	opts := report.Options{Paper: strings.ToLower(*paper), Title: *title, OpenOnly: *openOnly}
	if env.interactive {
		opts.Progress = func(done, total int, stage string) {
			fmt.Fprintf(env.rawStderr, "\rreport %-12s %d/%d   ", stage, done, total)
		}
	}
	rep, err := report.Build(ctx, a, ws, opts)
	if env.interactive {
		fmt.Fprint(env.rawStderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	var buf strings.Builder
	w := bufio.NewWriter(&buf)
	if f == "pdf" {
		err = rep.WritePDF(w)
	} else {
		err = rep.WriteHTML(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := atomicfile.Write(*out, []byte(buf.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "wrote %s (%s, %d bytes, %d documents)\n", *out, f, fi.Size(), len(rep.Documents))
	return nil
}
