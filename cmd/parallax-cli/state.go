package main

import (
	"context"
	"fmt"
	"path"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// stateCommand shows and exports the analyst's decisions kept in the
// project's store: their keys, a key's history with its authors, and a
// copy of them all as the files they were.
func stateCommand() command {
	return command{
		summary: "the decisions kept in the project's store: list, history KEY (who changed what), export [--to FOLDER], import [--from FOLDER]",
		run:     runState,
	}
}

const stateUsage = `usage: parallax-cli state list DIR [--json]
       parallax-cli state history DIR KEY [--json] [--full]
       parallax-cli state export DIR [--to FOLDER]
       parallax-cli state import DIR [--from FOLDER]
  KEY names a decision file: aliases.json, sources.json, lexicon.tsv,
  lexicon-<code>.tsv, workspaces/<name>.json, last-workspace.json.
  export writes the store's decisions as those files into DIR/.parallax
  (each replaced file kept as .bak), or into FOLDER.
  import makes the files of DIR/.parallax (or of FOLDER, as export wrote
  them) the store's decisions; what they replace stays in the history.`

func runState(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("state", stateUsage, env)
	asJSON := fs.Bool("json", false, "print JSON")
	full := fs.Bool("full", false, "history: print each version's content")
	to := fs.String("to", "", "export: the folder to write the files into (default: DIR/.parallax)")
	from := fs.String("from", "", "import: the folder to read the files from (default: DIR/.parallax)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return fmt.Errorf("%w: state takes list, history, export or import, and a project folder", errUsage)
	}
	verb, dir := pos[0], pos[1]
	want := map[string]int{"list": 2, "history": 3, "export": 2, "import": 2}
	n, ok := want[verb]
	if !ok {
		return fmt.Errorf("%w: state %q: want list, history, export or import", errUsage, verb)
	}
	if len(pos) != n {
		return fmt.Errorf("%w: state %s takes %d arguments, got %d", errUsage, verb, n-1, len(pos)-1)
	}
	docs, done, err := projectState(ctx, env, dir)
	if err != nil {
		return err
	}
	defer done()
	stored, ok := docs.(*statedoc.Stored)
	if !ok {
		return fmt.Errorf("%w: no store is in use, so the decisions are the files in %s and have no history; name a store (--store URL or PARALLAX_STORE)",
			errUsage, docs.Where())
	}
	switch verb {
	case "list":
		return stateList(ctx, env, stored, *asJSON)
	case "history":
		key, err := stateKey(pos[2])
		if err != nil {
			return err
		}
		return stateHistory(ctx, env, stored, key, *asJSON, *full)
	case "import":
		changed, err := statedoc.Import(ctx, stored, dir, *from)
		for _, k := range changed {
			fmt.Fprintf(env.stdout, "imported %s\n", k)
		}
		if err != nil {
			return err
		}
		if len(changed) == 0 {
			fmt.Fprintln(env.stdout, "nothing to import: the files are as the store keeps them")
		}
		return nil
	default:
		written, err := statedoc.Export(ctx, stored, dir, *to)
		for _, f := range written {
			fmt.Fprintf(env.stdout, "wrote %s\n", f)
		}
		if err != nil {
			return err
		}
		if len(written) == 0 {
			fmt.Fprintf(env.stdout, "the %s store keeps no decisions for %s\n", stored.Kind(), dir)
		}
		return nil
	}
}

// stateKey reads a KEY argument: a name inside .parallax, with or without
// the ".parallax/" in front.
func stateKey(arg string) (string, error) {
	k := path.Clean(strings.ReplaceAll(strings.TrimSpace(arg), "\\", "/"))
	if !strings.HasPrefix(k, projectfs.StateDir+"/") {
		k = projectfs.StateDir + "/" + k
	}
	if !statedoc.IsKey(k) {
		return "", fmt.Errorf("%w: %q names no decision file (aliases.json, sources.json, lexicon.tsv, lexicon-<code>.tsv, workspaces/<name>.json, last-workspace.json)", errUsage, arg)
	}
	return k, nil
}

type stateKeyOutput struct {
	Key     string    `json:"key"`
	Version int64     `json:"version"`
	Author  string    `json:"author"`
	At      time.Time `json:"at"`
	Bytes   int       `json:"bytes"`
}

func stateList(ctx context.Context, env *cliEnv, s *statedoc.Stored, asJSON bool) error {
	keys, err := s.Keys(ctx)
	if err != nil {
		return err
	}
	out := []stateKeyOutput{}
	for _, k := range keys {
		h, err := s.History(ctx, k)
		if err != nil {
			return err
		}
		if len(h) == 0 {
			continue
		}
		out = append(out, stateKeyOutput{Key: k, Version: h[0].Version, Author: h[0].Author, At: h[0].At.UTC(), Bytes: len(h[0].Data)})
	}
	if asJSON {
		return wsWriteJSON(env.rawStdout, out)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVERSION\tCHANGED\tBY\tBYTES")
	for _, o := range out {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\n", o.Key, o.Version, o.At.Format(time.RFC3339), o.Author, o.Bytes)
	}
	return tw.Flush()
}

type stateVersionOutput struct {
	Version int64     `json:"version"`
	Author  string    `json:"author"`
	At      time.Time `json:"at"`
	Deleted bool      `json:"deleted"`
	Current bool      `json:"current"`
	Data    string    `json:"data"`
}

func stateHistory(ctx context.Context, env *cliEnv, s *statedoc.Stored, key string, asJSON, full bool) error {
	h, err := s.History(ctx, key)
	if err != nil {
		return err
	}
	out := make([]stateVersionOutput, len(h))
	for i, v := range h {
		out[i] = stateVersionOutput{Version: v.Version, Author: v.Author, At: v.At.UTC(), Deleted: v.Deleted, Current: i == 0, Data: string(v.Data)}
	}
	if asJSON {
		return wsWriteJSON(env.rawStdout, out)
	}
	fmt.Fprintf(env.stdout, "%s in the %s store %s, newest first:\n", key, s.Kind(), s.Where())
	for _, v := range out {
		what := fmt.Sprintf("%d bytes", len(v.Data))
		if v.Deleted {
			what = "deleted"
		}
		mark := ""
		if v.Current {
			mark = "  (current)"
		}
		fmt.Fprintf(env.stdout, "version %d  %s  by %s  %s%s\n", v.Version, v.At.Format(time.RFC3339), v.Author, what, mark)
		if full && !v.Deleted {
			for _, line := range strings.SplitAfter(strings.TrimRight(v.Data, "\n"), "\n") {
				fmt.Fprintf(env.stdout, "    %s", strings.TrimRight(line, "\n")+"\n")
			}
		}
	}
	return nil
}
