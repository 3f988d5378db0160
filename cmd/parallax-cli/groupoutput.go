package main

import (
	"encoding/json"
	"flag"
	"fmt"

	"github.com/parallaxworkbench/parallax/internal/exports"
)

// resultFormat holds the --json and --csv flags of the commands that print
// a comparison of groups (distinctive, blindspots) as JSON, as one CSV
// table or as text.
type resultFormat struct {
	json, csv *bool
}

// formatFlags adds --json and --csv to fs, with their help texts.
func formatFlags(fs *flag.FlagSet, jsonHelp, csvHelp string) resultFormat {
	return resultFormat{json: fs.Bool("json", false, jsonHelp), csv: fs.Bool("csv", false, csvHelp)}
}

// check refuses both at once.
func (f resultFormat) check() error {
	if *f.json && *f.csv {
		return fmt.Errorf("%w: --json and --csv exclude each other", errUsage)
	}
	return nil
}

// write prints res as indented JSON, or table() as CSV, when asked; it
// reports false when neither was, and the caller prints text.
func (f resultFormat) write(env *cliEnv, res any, table func() exports.Table) (bool, error) {
	switch {
	case *f.json:
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return true, enc.Encode(res)
	case *f.csv:
		return true, table().WriteCSV(env.stdout)
	}
	return false, nil
}
