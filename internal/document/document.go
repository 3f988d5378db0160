// Package document defines what the engine knows about one article of a
// project: its extracted text, the boilerplate spans in it, its source
// metadata with provenance, and what went wrong with the files that could not
// be read. Every other engine package consumes these types.
package document

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Format is the kind of file an article came from.
type Format string

// The formats a project may hold.
const (
	FormatText     Format = "txt"
	FormatMarkdown Format = "md"
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
)

// Span is a byte span [Start,End) of a document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether the byte offset i lies in the span.
func (s Span) Contains(i int) bool { return s.Start <= i && i < s.End }

// Provenance names where a metadata value came from, from weakest to
// strongest. A stronger source wins when two disagree.
type Provenance string

// The sources of metadata values.
const (
	FromFileName Provenance = "filename"
	FromText     Provenance = "text"     // a rule over the article text (byline, date line, footer)
	FromPDFMeta  Provenance = "pdf-meta" // the PDF's Info dictionary
	FromHTMLMeta Provenance = "html-meta"
	FromSidecar  Provenance = "sidecar" // sources.csv / index.tsv in the project
	FromAnalyst  Provenance = "analyst" // .parallax/sources.json
)

// Rank orders provenances: a higher rank wins.
func (p Provenance) Rank() int {
	switch p {
	case FromFileName:
		return 1
	case FromText:
		return 2
	case FromPDFMeta:
		return 3
	case FromHTMLMeta:
		return 4
	case FromSidecar:
		return 5
	case FromAnalyst:
		return 6
	}
	return 0
}

// Field is one metadata value with where it came from.
type Field struct {
	Value string `json:"value"`
	// Source is the kind of source; Rule names the exact rule or field
	// ("og:site_name", "footer:all-content-by", "sources.csv").
	Source     Provenance `json:"source,omitempty"`
	Rule       string     `json:"rule,omitempty"`
	Confidence float64    `json:"confidence,omitempty"`
}

// Set replaces f with v when v is non-empty and at least as strong.
func (f *Field) Set(v Field) {
	if strings.TrimSpace(v.Value) == "" {
		return
	}
	if f.Value == "" || v.Source.Rank() > f.Source.Rank() ||
		v.Source.Rank() == f.Source.Rank() && v.Confidence > f.Confidence {
		*f = v
	}
}

// Metadata is what is known of an article's source. Unknown values stay
// empty: nothing is invented.
type Metadata struct {
	Title    Field `json:"title"`
	Outlet   Field `json:"outlet"`
	Author   Field `json:"author"`
	Date     Field `json:"date"` // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm"
	URL      Field `json:"url"`
	Language Field `json:"language"`
}

// Fields lists the metadata fields by their JSON name, for code that treats
// them alike (merging, provenance output, editing).
func (m *Metadata) Fields() map[string]*Field {
	return map[string]*Field{
		"title": &m.Title, "outlet": &m.Outlet, "author": &m.Author,
		"date": &m.Date, "url": &m.URL, "language": &m.Language,
	}
}

// Merge sets every field of m from o where o's value is stronger.
func (m *Metadata) Merge(o Metadata) {
	of := o.Fields()
	for name, f := range m.Fields() {
		f.Set(*of[name])
	}
}

// Document is one article of a project.
type Document struct {
	// Path is relative to the project folder, with forward slashes.
	Path     string    `json:"path"`
	Format   Format    `json:"format"`
	Encoding string    `json:"encoding"` // the detected source encoding ("utf-8", "windows-1252", …)
	Hash     string    `json:"hash"`     // hex SHA-256 of the file's bytes
	Size     int64     `json:"size"`
	ModTime  time.Time `json:"mod_time"`
	// Text is the article's text, valid UTF-8. For plain text and Markdown it
	// is the decoded file, byte for byte; for HTML and PDF the extracted text.
	// Every span and offset in the engine refers to it.
	Text string `json:"text"`
	// Boilerplate spans (page chrome, footers, comment widgets) are kept in
	// Text but ignored by the analyses. Sorted, not overlapping.
	Boilerplate []Span   `json:"boilerplate,omitempty"`
	Meta        Metadata `json:"meta"`
	// Pages holds the byte offset in Text where each page starts (PDF only).
	Pages []int `json:"pages,omitempty"`
	// Warnings are non-fatal problems met while reading (a page that failed).
	Warnings []string `json:"warnings,omitempty"`
}

// Name is the label to show for a document: its title, else its path.
func (d *Document) Name() string {
	if t := strings.TrimSpace(d.Meta.Title.Value); t != "" {
		return t
	}
	return d.Path
}

// InBoilerplate reports whether the byte offset i of Text is boilerplate.
// The spans are sorted and do not overlap, so a binary search finds the
// only one that may hold i (a page of many chrome lines would make a scan
// per word quadratic).
func (d *Document) InBoilerplate(i int) bool {
	k := sort.Search(len(d.Boilerplate), func(k int) bool { return d.Boilerplate[k].End > i })
	return k < len(d.Boilerplate) && d.Boilerplate[k].Contains(i)
}

// BodySpans returns the spans of Text that are not boilerplate.
func (d *Document) BodySpans() []Span {
	var out []Span
	pos := 0
	for _, b := range d.Boilerplate {
		if b.Start > pos {
			out = append(out, Span{pos, b.Start})
		}
		if b.End > pos {
			pos = b.End
		}
	}
	if pos < len(d.Text) {
		out = append(out, Span{pos, len(d.Text)})
	}
	return out
}

// Body returns Text without its boilerplate spans.
func (d *Document) Body() string {
	var b strings.Builder
	for _, s := range d.BodySpans() {
		b.WriteString(d.Text[s.Start:s.End])
	}
	return b.String()
}

// BodyWords counts the words of the body (Text without its boilerplate
// spans), span by span: the one "Words" the CLI, the document list, the
// framing figures and the report show.
func (d *Document) BodyWords() int {
	n := 0
	for _, s := range d.BodySpans() {
		n += CountWords(d.Text[s.Start:s.End])
	}
	return n
}

// BoilerplateChars is the number of bytes of Text marked as boilerplate.
func (d *Document) BoilerplateChars() int {
	n := 0
	for _, s := range d.Boilerplate {
		n += s.Len()
	}
	return n
}

// CountWords counts the words of s: runs of letters and digits, with inner
// apostrophes and hyphens.
func CountWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
			}
			in = true
		} else if !(in && (r == '\'' || r == '’' || r == '-') && i < len(s)) {
			in = false
		}
	}
	return n
}

// Problem is a file that could not be read.
type Problem struct {
	Path  string `json:"path"`
	Kind  string `json:"kind"` // e.g. "pdf", "encoding", "io", "timeout", "encrypted", "empty"
	Error string `json:"error"`
}
