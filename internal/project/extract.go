package project

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/boilerplate"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/htmltext"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/textdecode"
)

// processFile reads one candidate and returns its document or its problem,
// from the cache when the content was seen before.
func processFile(ctx context.Context, c *cache, f candidate, opts Options) result {
	problem := func(kind, msg string) result {
		return result{problem: &document.Problem{Path: f.rel, Kind: kind, Error: msg}}
	}
	if err := ctx.Err(); err != nil {
		return problem("canceled", err.Error())
	}
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	if f.format == document.FormatPDF {
		limit = opts.PDF.MaxBytes
		if limit <= 0 {
			limit = pdftext.DefaultMaxBytes
		}
	}
	if f.info.Size() > limit {
		return problem("too-large", fmt.Sprintf("file is %s, larger than the %s limit", humanBytes(f.info.Size()), humanBytes(limit)))
	}
	// Every file is read and hashed: the cache is keyed by content, never
	// by size and time, which archives keep while the content changes.
	data, info, err := c.fs.ReadFile(f.rel, limit)
	switch {
	case errors.Is(err, projectfs.ErrTooLarge):
		return problem("too-large", fmt.Sprintf("file is larger than the %s limit", humanBytes(limit)))
	case errors.Is(err, projectfs.ErrNotRegular):
		return problem("special", err.Error())
	case err != nil:
		return problem("io", err.Error())
	}
	f.info = info
	if len(data) == 0 {
		return problem("empty", "file is empty")
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	if e, ok := c.get(hash, f.format); ok {
		c.noteStat(f, hash)
		r := e.result(f)
		r.cached = true
		return r
	}
	if opts.onExtract != nil {
		opts.onExtract(f.rel)
	}
	e := extract(ctx, f, data, opts)
	e.Hash = hash
	if ctx.Err() != nil && e.ProblemKind != "" {
		return problem("canceled", ctx.Err().Error())
	}
	if e.cacheable() {
		c.put(e)
		c.noteStat(f, hash)
	}
	return e.result(f)
}

// extract turns one file's bytes into a cache entry (a document or a
// problem).
func extract(ctx context.Context, f candidate, data []byte, opts Options) *entry {
	e := &entry{Version: ExtractorVersion, Format: f.format}
	fail := func(kind, msg string) *entry {
		e.ProblemKind, e.ProblemError = kind, msg
		return e
	}
	var htmlMeta document.Metadata
	var extraBP []document.Span
	switch f.format {
	case document.FormatText, document.FormatMarkdown:
		r, err := textdecode.Decode(data)
		if err != nil {
			if errors.Is(err, textdecode.ErrBinary) {
				return fail("binary", "binary data, not a text article"+binaryReason(err))
			}
			return fail("encoding", err.Error())
		}
		e.Text, e.Encoding = r.Text, r.Encoding
		if f.format == document.FormatMarkdown {
			var fm document.Metadata
			var span document.Span
			fm, span = frontMatter(e.Text)
			htmlMeta = fm
			if span.End > 0 {
				extraBP = append(extraBP, span)
			}
		}
	case document.FormatHTML:
		r, err := htmltext.Extract(data, "")
		if err != nil {
			switch {
			case errors.Is(err, textdecode.ErrBinary):
				return fail("binary", "binary data, not an HTML page"+binaryReason(err))
			case errors.Is(err, htmltext.ErrNoText):
				return fail("no-text", "the page has no visible text")
			}
			return fail("html", err.Error())
		}
		e.Text, e.Encoding, htmlMeta, extraBP, e.Warnings = r.Text, r.Encoding, r.Meta, r.Boilerplate, r.Warnings
	case document.FormatPDF:
		r, err := pdftext.Extract(ctx, data, opts.PDF)
		if err != nil {
			return fail(pdfKind(err), pdfMessage(err))
		}
		e.Text, e.Encoding, htmlMeta, e.Pages, e.Warnings = r.Text, "pdf", r.Meta, r.Pages, r.Warnings
	}
	if strings.TrimSpace(e.Text) == "" {
		return fail("empty", "no text in the file")
	}
	chrome, err := boilerplate.DetectContext(ctx, e.Text)
	if err != nil {
		return fail("canceled", err.Error()) // not cached: processFile sees ctx's error
	}
	e.Boilerplate = mergeSpans(append(extraBP, chrome...), len(e.Text))
	found := sourcemeta.Analyze(e.Text, e.Boilerplate)
	e.Meta = found.Meta
	if f.format == document.FormatPDF {
		mergePDFInfo(&e.Meta, htmlMeta)
	} else {
		e.Meta.Merge(htmlMeta)
	}
	e.Origins = found.Origins
	return e
}

// mergePDFInfo merges a PDF's Info dictionary (and browser print chrome)
// into what the text gave. The Info date and author say when and by whom
// the file was made (the day an article was saved, the analyst's name):
// the article's own date line and byline win, and the Info values fill in
// only what the text lacks, with their provenance saying so.
func mergePDFInfo(m *document.Metadata, info document.Metadata) {
	date, author := info.Date, info.Author
	info.Date, info.Author = document.Field{}, document.Field{}
	m.Merge(info)
	if m.Date.Value == "" {
		m.Date = date
	}
	if m.Author.Value == "" {
		m.Author = author
	}
}

// pdfKind names the Problem kind of a pdftext error.
func pdfKind(err error) string {
	switch {
	case errors.Is(err, pdftext.ErrEncrypted):
		return "encrypted"
	case errors.Is(err, pdftext.ErrTimeout):
		return "timeout"
	case errors.Is(err, pdftext.ErrTooLarge):
		return "too-large"
	case errors.Is(err, pdftext.ErrNoText):
		return "no-text"
	case errors.Is(err, pdftext.ErrCrashed):
		return "crashed"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	}
	return "pdf"
}

func pdfMessage(err error) string {
	if errors.Is(err, pdftext.ErrEncrypted) {
		if msg := err.Error(); strings.HasPrefix(msg, "encrypted with") {
			return msg // an encryption that cannot be undone, named
		}
		return "password required: the PDF is encrypted"
	}
	return err.Error()
}

// mergeSpans sorts spans, clips them to n and merges overlapping ones.
func mergeSpans(s []document.Span, n int) []document.Span {
	var in []document.Span
	for _, x := range s {
		x.Start, x.End = max(0, x.Start), min(n, x.End)
		if x.End > x.Start {
			in = append(in, x)
		}
	}
	if len(in) == 0 {
		return nil
	}
	sortSpans(in)
	out := []document.Span{in[0]}
	for _, x := range in[1:] {
		last := &out[len(out)-1]
		if x.Start <= last.End {
			last.End = max(last.End, x.End)
			continue
		}
		out = append(out, x)
	}
	return out
}

func sortSpans(s []document.Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// frontMatter reads a Markdown file's YAML front matter ("---" lines at the
// top with "key: value" pairs) into metadata, and returns its span so it is
// marked as boilerplate. The text itself stays byte-exact.
func frontMatter(text string) (document.Metadata, document.Span) {
	var m document.Metadata
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		rest, ok = strings.CutPrefix(text, "---\r\n")
	}
	if !ok {
		return m, document.Span{}
	}
	end := -1
	for pos := 0; pos < len(rest); {
		nl := strings.IndexByte(rest[pos:], '\n')
		line := rest[pos:]
		next := len(rest)
		if nl >= 0 {
			line, next = rest[pos:pos+nl], pos+nl+1
		}
		if t := strings.TrimSpace(line); t == "---" || t == "..." {
			end = len(text) - len(rest) + next
			break
		}
		k, v, found := strings.Cut(line, ":")
		if found {
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			field := map[string]string{"title": "title", "author": "author", "authors": "author", "date": "date",
				"published": "date", "outlet": "outlet", "publisher": "outlet", "source": "outlet", "url": "url", "link": "url",
				"lang": "language", "language": "language"}[strings.ToLower(strings.TrimSpace(k))]
			if field == "date" {
				if d, ok := sourcemeta.ParseDate(v); ok {
					v = d
				} else {
					v = ""
				}
			}
			if field != "" && v != "" {
				m.Fields()[field].Set(document.Field{Value: v, Source: document.FromText, Rule: "front-matter:" + strings.ToLower(strings.TrimSpace(k)), Confidence: 0.9})
			}
		}
		pos = next
	}
	if end < 0 {
		return document.Metadata{}, document.Span{}
	}
	return m, document.Span{Start: 0, End: end}
}

func humanBytes(n int64) string { return projectfs.HumanBytes(n) }

// binaryReason is why textdecode found binary data (" (it looks like a PDF
// file)"), or "".
func binaryReason(err error) string {
	if _, why, ok := strings.Cut(err.Error(), textdecode.ErrBinary.Error()+": "); ok {
		return " (" + why + ")"
	}
	return ""
}
