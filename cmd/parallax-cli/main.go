// Command parallax-cli is Parallax's engine without a window: it opens a
// project folder and prints what the desktop app shows, as JSON or tables,
// and writes comparison reports. It needs neither Fyne nor cgo.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/parallaxworkbench/parallax/internal/memlimit"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/safetext"
)

// command is one subcommand: run gets the arguments after its name.
type command struct {
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what every subcommand writes to.
type cliEnv struct {
	// stdout and stderr show text from outside (file names, titles,
	// authors, article text) with its escape and control characters made
	// visible (safetext.Terminal): tables and messages go there.
	stdout, stderr io.Writer
	// rawStdout and rawStderr are the streams themselves, for JSON (which
	// escapes controls itself and must stay exact) and for the progress
	// line's own carriage returns and escapes.
	rawStdout, rawStderr io.Writer
	// interactive is true when stderr is a terminal, so progress bars are drawn.
	interactive bool
	// stores opens the project's store (--store) once, for the command.
	stores *storeOpener
	// noted are the notes already printed: a command that reads the
	// project's decisions twice says each once.
	noted map[string]bool
}

// note prints msg on stderr as a note, once per command.
func (env *cliEnv) note(msg string) {
	if env.noted[msg] {
		return
	}
	if env.noted == nil {
		env.noted = map[string]bool{}
	}
	env.noted[msg] = true
	fmt.Fprintf(env.stderr, "note: %s\n", msg)
}

// errUsage marks an error in the command line (exit status 2).
var errUsage = errors.New("usage")

func commands() map[string]command {
	return map[string]command{
		// Each subcommand lives in its own file, named after it.
		"workspaces": workspacesCommand(),
		"workspace":  workspaceCommand(),
		"entities":   entitiesCommand(),
		"search":     searchCommand(),
		"reuse":      reuseCommand(),
		"inspect":    inspectCommand(),
		"text":       textCommand(),
		"framing":    framingCommand(),
		"report":     reportCommand(),
		// issue 17: stances, alias decisions, groups
		"stance":      stanceCommand(),
		"aliases":     aliasesCommand(),
		"distinctive": distinctiveCommand(),
		"blindspots":  blindspotsCommand(),
		// issue 18: the decisions kept in a store, with their history
		"state": stateCommand(),
	}
}

func main() {
	// A PDF extraction worker (a child process of this program) never
	// returns from here.
	pdftext.RunWorkerIfRequested()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	// Keep the collector near a budget rather than at twice the live heap:
	// a batch run has no window to keep responsive (internal/memlimit).
	stopLimit := memlimit.Start(memlimit.DefaultBudget, 100*time.Millisecond)
	stopProfile := startProfile(os.Getenv("PARALLAX_CPUPROFILE"), os.Stderr)
	// Buffered: a table is written a cell and a pad at a time, and one
	// write call per piece was most of a warm listing's time.
	stdout := &bufferedFile{Writer: bufio.NewWriterSize(os.Stdout, 64<<10), file: os.Stdout}
	code := run(ctx, os.Args[1:], stdout, os.Stderr)
	if err := stdout.Flush(); err != nil && code == 0 {
		fmt.Fprintf(os.Stderr, "parallax-cli: write the output: %v\n", err)
		code = 1
	}
	stopProfile()
	stopLimit()
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	cmds := commands()
	storeURL, args, err := splitStoreFlag(args, os.Getenv(storeEnv))
	if err != nil {
		fmt.Fprintf(safetext.NewTerminalWriter(stderr), "parallax-cli: %v\n", err)
		return 2
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "parallax-cli: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	env := &cliEnv{
		stdout: safetext.NewTerminalWriter(stdout), stderr: safetext.NewTerminalWriter(stderr),
		rawStdout: stdout, rawStderr: stderr, interactive: isTerminal(stderr),
	}
	env.stores = newStoreOpener(storeURL, env.stderr)
	defer func() {
		if err := env.stores.close(); err != nil {
			fmt.Fprintf(env.stderr, "parallax-cli %s: %v\n", args[0], err)
			if code == 0 {
				code = 1
			}
		}
	}()
	if err := cmd.run(ctx, env, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "parallax-cli %s: %v\n", args[0], err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: parallax-cli COMMAND DIR [options]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nevery command takes:\n  "+storeUsage)
	fmt.Fprintln(w, "\nRun 'parallax-cli COMMAND -h' for a command's options.")
}

// newFlags makes the flag set of subcommand name, which reports errors
// instead of exiting and prints usage, its usage line, with the flags.
func newFlags(name, usage string, env *cliEnv) *flag.FlagSet {
	fs := flag.NewFlagSet("parallax-cli "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, usage)
		fs.PrintDefaults()
		fmt.Fprintln(env.stderr, "  "+storeUsage)
	}
	return fs
}

// parseArgs parses args with fs (flags may follow the positional
// arguments) and returns the positional arguments, which must be n: what
// says which ("one project folder").
func parseArgs(fs *flag.FlagSet, args []string, n int, what string) ([]string, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != n {
		name := strings.TrimPrefix(fs.Name(), "parallax-cli ")
		return nil, fmt.Errorf("%w: %s takes %s, got %d arguments", errUsage, name, what, len(pos))
	}
	return pos, nil
}

// parseInterspersed parses args allowing flags after positional arguments
// ("inspect DIR --json") and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		// A positional argument: keep it and parse what follows, which may
		// hold more flags.
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 {
			return pos, nil
		}
	}
}

// bufferedFile is a file written through a buffer: isTerminal still
// tells where it goes.
type bufferedFile struct {
	*bufio.Writer
	file *os.File
}

func isTerminal(w io.Writer) bool {
	var f *os.File
	switch w := w.(type) {
	case *os.File:
		f = w
	case *bufferedFile:
		f = w.file
	default:
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// startProfile writes a CPU profile of the command to path (the
// environment's PARALLAX_CPUPROFILE, for measuring where a command's
// time goes; empty: none) and returns what stops it.
func startProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "parallax-cli: CPU profile: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fmt.Fprintf(stderr, "parallax-cli: CPU profile %s: %v\n", path, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "parallax-cli: CPU profile %s: %v\n", path, err)
		}
	}
}
