package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/exports"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/project"
	"github.com/parallaxworkbench/parallax/internal/safetext"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// inspectCommand lists a project's documents with their source metadata.
func inspectCommand() command {
	return command{
		summary: "list a project's documents, their source metadata, problems and skipped files",
		run:     runInspect,
	}
}

// provenanceJSON is where one metadata value came from.
type provenanceJSON struct {
	Source     document.Provenance `json:"source"`
	Rule       string              `json:"rule,omitempty"`
	Confidence float64             `json:"confidence"`
}

// inspectDoc is one document of the inspect contract. The first fields are
// the contract of issue 2; the others are additions.
type inspectDoc struct {
	Path             string                    `json:"path"`
	Format           document.Format           `json:"format"`
	Encoding         string                    `json:"encoding"`
	Title            string                    `json:"title"`
	Outlet           string                    `json:"outlet"`
	Author           string                    `json:"author"`
	Date             string                    `json:"date"`
	URL              string                    `json:"url"`
	Words            int                       `json:"words"`
	MixedScriptWords int                       `json:"mixed_script_words"`
	BoilerplateChars int                       `json:"boilerplate_chars"`
	Provenance       map[string]provenanceJSON `json:"provenance"`

	MixedScriptChars int                 `json:"mixed_script_chars"`
	Language         string              `json:"language"`
	Hash             string              `json:"hash"`
	Size             int64               `json:"size"`
	Pages            int                 `json:"pages,omitempty"`
	Origins          []sourcemeta.Origin `json:"origins,omitempty"`
	// Stance is "" when the document has none; StanceSource says who set it
	// ("document" or "outlet": the analyst; "sidecar": its row of the
	// sources table; "sidecar-outlet": its outlet's rows there) and
	// StanceRule where ("sources.json", "index.tsv:bias").
	Stance       string            `json:"stance"`
	StanceSource string            `json:"stance_source"`
	StanceRule   string            `json:"stance_rule,omitempty"`
	Extra        map[string]string `json:"extra,omitempty"`
	Warnings     []string          `json:"warnings,omitempty"`
}

type inspectOutput struct {
	Documents   []inspectDoc         `json:"documents"`
	Problems    []document.Problem   `json:"problems"`
	Skipped     []string             `json:"skipped"`
	SkipReasons map[string]string    `json:"skip_reasons,omitempty"`
	Warnings    []string             `json:"warnings,omitempty"`
	Stances     *inspectStanceScale  `json:"stances,omitempty"`
	Cache       *inspectCacheSummary `json:"cache,omitempty"`
}

type inspectStanceScale struct {
	Scale []string `json:"scale"`
	// Column is the sidecar column stances are imported from; Labels every
	// label in use (the scale, then the column's own).
	Column string   `json:"column,omitempty"`
	Labels []string `json:"labels,omitempty"`
}

type inspectCacheSummary struct {
	FromCache int `json:"from_cache"`
}

func runInspect(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("inspect", "usage: parallax-cli inspect DIR [--json] [--no-cache] [--workers N]", env)
	asJSON := fs.Bool("json", false, "print one JSON object: {\"documents\":[…],\"problems\":[…],\"skipped\":[…]}")
	asCSV := fs.Bool("csv", false, "print the documents as CSV (UTF-8 with BOM), one row per document")
	noCache := fs.Bool("no-cache", false, "extract every file again instead of using .parallax/cache")
	workers := fs.Int("workers", 0, "files extracted in parallel (0: one per CPU)")
	pos, err := parseArgs(fs, args, 1, "one project folder")
	if err != nil {
		return err
	}
	if *workers < 0 {
		return fmt.Errorf("%w: --workers must be ≥ 0", errUsage)
	}
	// PDFs are read in long-lived worker processes: a file that crashes
	// or hangs the reader costs a worker, never the run.
	pool := pdftext.NewPool(*workers)
	defer pool.Close()
	bar := newProgressBar(env)
	opts := engine.Options{NoCache: *noCache, Workers: *workers, Project: project.Options{PDF: pdftext.Options{Isolate: true, Pool: pool}},
		Progress: bar.update}
	opts, done, err := withState(ctx, env, pos[0], opts)
	if err != nil {
		return err
	}
	defer done()
	p, err := engine.Read(ctx, pos[0], opts)
	bar.done()
	if err != nil {
		return err
	}
	if *asCSV {
		return exports.Documents(p).WriteCSV(env.stdout)
	}
	out := buildInspect(p)
	if *asJSON {
		enc := json.NewEncoder(env.rawStdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return printInspectTable(env.stdout, out)
}

// buildInspect makes the inspect contract of an opened project.
func buildInspect(p *project.Project) inspectOutput {
	out := inspectOutput{Documents: []inspectDoc{}, Problems: p.Problems, Skipped: p.Skipped, SkipReasons: p.SkipReasons, Warnings: p.Warnings}
	if out.Problems == nil {
		out.Problems = []document.Problem{}
	}
	if out.Skipped == nil {
		out.Skipped = []string{}
	}
	if ov := p.Overrides(); ov != nil {
		out.Stances = &inspectStanceScale{Scale: ov.StanceScale()}
	}
	if p.Stances != nil {
		if out.Stances == nil {
			out.Stances = &inspectStanceScale{}
		}
		out.Stances.Column = p.Stances.Column()
		out.Stances.Labels = p.StanceLabels()
	}
	out.Cache = &inspectCacheSummary{FromCache: p.FromCache}
	for _, d := range p.Docs {
		body := d.Body()
		mixed := textnorm.FindMixedScript(body)
		m := d.Meta
		doc := inspectDoc{
			Path: d.Path, Format: d.Format, Encoding: d.Encoding,
			Title: m.Title.Value, Outlet: m.Outlet.Value, Author: m.Author.Value, Date: m.Date.Value, URL: m.URL.Value,
			Words: d.BodyWords(), MixedScriptWords: len(mixed.Words), MixedScriptChars: mixed.Characters,
			BoilerplateChars: d.BoilerplateChars(), Provenance: map[string]provenanceJSON{},
			Language: m.Language.Value, Hash: d.Hash, Size: d.Size, Pages: len(d.Pages),
			Origins: p.Origins[d.Path], Warnings: d.Warnings,
		}
		for name, f := range m.Fields() {
			if f.Value != "" {
				doc.Provenance[name] = provenanceJSON{Source: f.Source, Rule: f.Rule, Confidence: f.Confidence}
			}
		}
		st := p.StanceOf(d)
		doc.Stance, doc.StanceSource, doc.StanceRule = st.Label, st.Source, st.Rule
		if p.Sidecar != nil {
			doc.Extra = p.Sidecar.Extra(d.Path)
		}
		out.Documents = append(out.Documents, doc)
	}
	return out
}

func printInspectTable(w io.Writer, out inspectOutput) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tFORMAT\tENCODING\tLANG\tOUTLET\tAUTHOR\tDATE\tSTANCE\tWORDS\tMIXED\tBOILERPLATE\tTITLE")
	for _, d := range out.Documents {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", clip(d.Path, 40), d.Format, d.Encoding, langCell(d),
			orDash(clip(d.Outlet, 28)), orDash(clip(d.Author, 24)), orDash(d.Date), orDash(clip(d.Stance, 16)), d.Words, d.MixedScriptWords, d.BoilerplateChars, orDash(clip(d.Title, 50)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d documents, %d problems, %d skipped\n", len(out.Documents), len(out.Problems), len(out.Skipped))
	if len(out.Problems) > 0 {
		fmt.Fprintln(w, "\nproblems:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, p := range out.Problems {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", p.Path, p.Kind, p.Error)
		}
		tw.Flush()
	}
	if len(out.Skipped) > 0 {
		fmt.Fprintln(w, "\nskipped (not articles):")
		for _, s := range out.Skipped {
			if r := out.SkipReasons[s]; r != "" {
				fmt.Fprintf(w, "  %s  (%s)\n", s, r)
				continue
			}
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	first := true
	for _, d := range out.Documents {
		for _, warn := range d.Warnings {
			if first {
				fmt.Fprintln(w, "\ndocument warnings:")
				first = false
			}
			fmt.Fprintf(w, "  %s: %s\n", d.Path, warn)
		}
	}
	for _, warn := range out.Warnings {
		fmt.Fprintf(w, "\nnote: %s\n", warn)
	}
	return nil
}

// langCell is a document's language with a "?" when only the text's
// evidence says so ("ru?"), or "-" when unknown.
func langCell(d inspectDoc) string {
	if d.Language == "" {
		return "-"
	}
	if p, ok := d.Provenance["language"]; ok && p.Source == document.FromText {
		return d.Language + "?"
	}
	return d.Language
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// progressBar draws a one-line progress bar on a terminal's stderr, only
// once a run has lasted long enough to be worth one.
type progressBar struct {
	env   *cliEnv
	start time.Time
	last  time.Time
	drawn bool
}

const (
	barDelay    = 500 * time.Millisecond
	barInterval = 100 * time.Millisecond
	barWidth    = 30
)

func newProgressBar(env *cliEnv) *progressBar {
	return &progressBar{env: env, start: time.Now()}
}

func (b *progressBar) update(p engine.Progress) {
	if !b.env.interactive || p.Total == 0 {
		return
	}
	now := time.Now()
	if now.Sub(b.start) < barDelay || now.Sub(b.last) < barInterval && p.Done < p.Total {
		return
	}
	b.last, b.drawn = now, true
	fill := barWidth * p.Done / p.Total
	fmt.Fprintf(b.env.rawStderr, "\r[%s%s] %d/%d %s\033[K", strings.Repeat("#", fill), strings.Repeat(".", barWidth-fill), p.Done, p.Total, safetext.Terminal(clip(p.Current, 40)))
}

func (b *progressBar) done() {
	if b.drawn {
		fmt.Fprint(b.env.rawStderr, "\r\033[K")
	}
}
