package main

import (
	"fmt"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/projectstore"
)

// The --store option, common to every command (issue 18): where the
// analysis is kept between runs.
const (
	// storeEnv is the environment variable giving the default of --store.
	storeEnv = "PARALLAX_STORE"
	// storeNone runs without a store, as before issue 18: every run
	// analyses the project again (for comparisons and read-only folders).
	storeNone = projectstore.None
	// storeEmbedded is the default: the SQLite database in the project's
	// .parallax folder. "embedded" is accepted as its spelled-out name.
	storeEmbedded = projectstore.Embedded
)

const storeUsage = "--store URL   where analyses are kept: \"\" or \"embedded\" (default: SQLite in DIR/.parallax), " +
	"postgres://… (a PostgreSQL server), or \"none\"; default $" + storeEnv

// splitStoreFlag takes the --store option (also -store, --store=URL) out
// of args, wherever it stands before a "--", and returns its value (def
// when absent; the last one when repeated) and the other arguments.
func splitStoreFlag(args []string, def string) (string, []string, error) {
	val, from := def, "$"+storeEnv
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, v, hasV := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "store" {
			rest = append(rest, a)
			continue
		}
		if !hasV {
			if i+1 >= len(args) {
				return "", nil, fmt.Errorf("%w: --store needs a value (a URL, \"embedded\" or %q)", errUsage, storeNone)
			}
			i++
			v = args[i]
		}
		val, from = v, "--store"
	}
	norm, err := projectstore.Normalise(val)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %s: %v", errUsage, from, err)
	}
	return norm, rest, nil
}
