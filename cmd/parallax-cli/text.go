package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/project"
)

// textCommand prints one document's extracted text.
func textCommand() command {
	return command{
		summary: "print a document's extracted text (--body without boilerplate, --folded normalised)",
		run:     runText,
	}
}

func runText(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("text", "usage: parallax-cli text DIR FILE [--body] [--folded]", env)
	body := fs.Bool("body", false, "leave out the boilerplate spans (page chrome, footers, comment widgets)")
	folded := fs.Bool("folded", false, "print the folded matching form (case, diacritics, look-alike letters normalised)")
	noCache := fs.Bool("no-cache", false, "extract the file again instead of using .parallax/cache")
	pos, err := parseArgs(fs, args, 2, "a project folder and a file in it")
	if err != nil {
		return err
	}
	rel, err := relativeTo(pos[0], pos[1])
	if err != nil {
		return err
	}
	opts, done, err := withState(ctx, env, pos[0], engine.Options{NoCache: *noCache, Project: project.Options{PDF: pdftext.Options{Isolate: true}}})
	if err != nil {
		return err
	}
	defer done()
	doc, err := engine.OpenFile(ctx, pos[0], rel, opts)
	if err != nil {
		return err
	}
	text := doc.Text
	if *body {
		text = doc.Body()
	}
	if *folded {
		text = engine.Fold(text)
	}
	// The text goes out exact into a file or a pipe; on a terminal its
	// escape and control characters are made visible.
	out := env.rawStdout
	if isTerminal(env.rawStdout) {
		out = env.stdout
	}
	if _, err := io.WriteString(out, text); err != nil {
		return err
	}
	if !strings.HasSuffix(text, "\n") && text != "" {
		_, err = io.WriteString(out, "\n")
	}
	return err
}

// relativeTo returns file relative to dir with /: file may be given
// relative to dir ("sub/a.txt") or as a path that leads into dir
// ("project/sub/a.txt", an absolute path).
func relativeTo(dir, file string) (string, error) {
	if !filepath.IsAbs(file) {
		if _, err := os.Stat(filepath.Join(dir, file)); err == nil {
			return filepath.ToSlash(filepath.Clean(file)), nil
		}
	}
	absDir, err1 := filepath.Abs(dir)
	absFile, err2 := filepath.Abs(file)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(absDir, absFile); err == nil && !strings.HasPrefix(rel, "..") {
			if _, err := os.Stat(absFile); err == nil {
				return filepath.ToSlash(rel), nil
			}
		}
	}
	return "", fmt.Errorf("%s: no such file in %s", file, dir)
}
