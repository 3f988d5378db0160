package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/framing"
)

// framingCommand shows how each outlet names, describes and frames.
func framingCommand() command {
	return command{
		summary: "show naming, descriptors, loaded terms and quoted sources per document and outlet",
		run:     runFraming,
	}
}

func runFraming(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("framing", "usage: parallax-cli framing DIR [--json] [--top N]", env)
	asJSON := fs.Bool("json", false, "print JSON: {documents:[{path, outlet, date, stance, words, language, terms_covered, sources_covered, not_covered, terms, occurrences, sources, entities}], outlets, entities, categories}")
	asCSV := fs.Bool("csv", false, "print one table as CSV (UTF-8 with BOM), one row per fact; choose it with --table")
	table := fs.String("table", "terms", "with --csv: terms, voices, quotations, naming, descriptors, coverage, documents")
	top := fs.Int("top", 5, "in the table, how many terms, voices and descriptors to show per line")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	if *top < 1 {
		return fmt.Errorf("%w: --top must be at least 1", errUsage)
	}
	a, err := analyseProject(ctx, env, pos[0])
	if err != nil {
		return err
	}
	fr := a.FramingOf(nil) // the figures the report and the panels show too
	if fr == nil {
		return fmt.Errorf("analyse %s: no framing analysis", pos[0])
	}
	if *asCSV {
		return writeTable(env, exports.Analysis(a), *table)
	}
	if *asJSON {
		return writeObject(env.rawStdout, []objectField{
			{name: "documents", value: fr.Documents},
			{name: "outlets", value: fr.Outlets},
			{name: "entities", value: fr.Entities},
			{name: "categories", value: fr.Categories},
			{name: "warnings", value: a.Warnings(), omitEmpty: true},
		})
	}
	if err := framingWriteTable(env.stdout, fr, *top); err != nil {
		return err
	}
	for _, w := range a.Warnings() {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	return nil
}

// framingWriteTable prints the outlets' loaded terms and voices, then how
// the outlets name the entities more than one of them mentions.
func framingWriteTable(w io.Writer, f *framing.Analysis, top int) error {
	fmt.Fprintf(w, "%d documents, %d outlets\n\n", len(f.Documents), len(f.Outlets))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTLET\tDOCS\tWORDS\tLANG\tSTANCE\tLOADED TERMS PER 1,000 WORDS")
	for _, o := range f.Outlets {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", framingOutletName(o.Outlet), o.Documents, o.Words,
			strings.Join(o.Languages, ","), strings.Join(o.Stances, "/"), framingTermsCell(f, o))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nVOICES (times quoted or cited, direct quotations)")
	for _, o := range f.Outlets {
		var vs []string
		for i, v := range o.Voices {
			if i == top {
				vs = append(vs, fmt.Sprintf("… %d more", len(o.Voices)-top))
				break
			}
			vs = append(vs, fmt.Sprintf("%s %d/%d", v.Speaker, v.Count, v.Direct))
		}
		switch {
		case o.SourceDocuments == 0:
			vs = []string{framingNotCovered(f, o.Outlet, func(d framing.DocumentFraming) bool { return !d.SourcesCovered })}
		case len(vs) == 0:
			vs = []string{"none found"}
		}
		fmt.Fprintf(w, "  %s: %s\n", framingOutletName(o.Outlet), strings.Join(vs, "; "))
	}

	fmt.Fprintln(w, "\nNAMING (entities named by two or more outlets)")
	shown := 0
	for _, e := range f.Entities {
		if len(e.Outlets) < 2 {
			continue
		}
		shown++
		fmt.Fprintf(w, "  %s (%s)\n", e.Name, e.Kind)
		for _, o := range e.Outlets {
			var forms []string
			for _, fc := range o.Forms {
				forms = append(forms, fmt.Sprintf("%s %d", fc.Form, fc.Count))
			}
			var descs []string
			for i, d := range o.Descriptors {
				if i == top {
					break
				}
				descs = append(descs, fmt.Sprintf("%q", d.Text))
			}
			line := fmt.Sprintf("    %s: %s", framingOutletName(o.Outlet), strings.Join(forms, ", "))
			if len(descs) > 0 {
				line += " — " + strings.Join(descs, ", ")
			}
			fmt.Fprintln(w, line)
		}
	}
	if shown == 0 {
		fmt.Fprintln(w, "  none")
	}
	return nil
}

// framingTermsCell shows an outlet's loaded terms by category, or "not
// covered (language: xx)" when none of its documents could be measured: a
// zero there would read as a measured absence.
func framingTermsCell(f *framing.Analysis, o framing.OutletFraming) string {
	if o.TermDocuments == 0 {
		return framingNotCovered(f, o.Outlet, func(d framing.DocumentFraming) bool { return !d.TermsCovered })
	}
	var cats []string
	for _, c := range o.Terms {
		cats = append(cats, fmt.Sprintf("%s %.1f (%s)", c.Category, c.Rate, framingTopTerms(c.Terms, 3)))
	}
	if len(cats) == 0 {
		cats = []string{"none"}
	}
	if o.TermDocuments < o.Documents {
		cats = append(cats, fmt.Sprintf("(%d of %d documents measured)", o.TermDocuments, o.Documents))
	}
	return strings.Join(cats, "; ")
}

// framingNotCovered names the languages of an outlet's unmeasured
// documents: "not covered (language: de)".
func framingNotCovered(f *framing.Analysis, outlet string, missing func(framing.DocumentFraming) bool) string {
	var langs []string
	for _, d := range f.Documents {
		if d.Outlet != outlet || !missing(d) {
			continue
		}
		l := d.Language
		if l == "" {
			l = "unknown"
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	return framing.NotCovered(strings.Join(langs, ", "))
}

// framingTopTerms lists the first n terms with their counts.
func framingTopTerms(ts []framing.TermCount, n int) string {
	var out []string
	for i, t := range ts {
		if i == n {
			break
		}
		out = append(out, fmt.Sprintf("%s %d", strings.TrimPrefix(t.Term, "="), t.Count))
	}
	return strings.Join(out, ", ")
}

func framingOutletName(o string) string {
	if o == "" {
		return "(unknown outlet)"
	}
	return o
}
