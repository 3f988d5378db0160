package sourcemeta

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
)

// sidecarNames are the table names looked for first in a project's root, in
// this order. Any other .csv or .tsv file there whose header has a "file"
// column is a sidecar too.
var sidecarNames = []string{"sources.csv", "sources.tsv", "index.tsv", "index.csv"}

// Sidecar is a table in the project folder that gives each article's source:
// columns file, outlet, date, author(s), title, url, and any extra columns
// (bias, country…), which are kept as they are.
type Sidecar struct {
	// Path is the table's file; Name its base name (used as the rule).
	Path, Name string
	// Columns are the header's column names, lowercased, in file order.
	Columns []string
	// Warnings are rows or values that could not be used (a date that does
	// not parse, a duplicate file), each naming the file and line.
	Warnings []string
	rows     map[string]*row
	byBase   map[string][]string // base name -> keys, for unique fallbacks
}

type row struct {
	meta  document.Metadata
	extra map[string]string
	line  int
}

// column names accepted for each field.
var columnAliases = map[string]string{
	"file": "file", "filename": "file", "path": "file", "document": "file",
	"outlet": "outlet", "source": "outlet", "publication": "outlet", "publisher": "outlet", "site": "outlet",
	"date": "date", "published": "date", "published_at": "date", "datetime": "date",
	"author": "author", "authors": "author", "byline": "author",
	"title": "title", "headline": "title",
	"url": "url", "link": "url",
	"language": "language", "lang": "language",
}

// IsSidecarCandidate reports whether a root-level file name could be a
// sidecar table (by its extension).
func IsSidecarCandidate(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".csv" || ext == ".tsv"
}

// Limits of a sidecar table, so a hostile folder cannot make it cost
// gigabytes: its size (projectfs.LimitTable), its rows and its columns.
const (
	MaxSidecarRows    = 50000
	MaxSidecarColumns = 256
)

// LoadSidecar reads the project's sidecar table. It returns (nil, nil) when
// the folder has none. Errors name the file and line. Only regular files in
// the folder itself are read (never through a link out of it, never a FIFO
// or device).
func LoadSidecar(dir string) (*Sidecar, error) {
	rfs, err := projectfs.Open(dir)
	if err != nil {
		return nil, err
	}
	defer rfs.Close()
	for _, n := range sidecarNames {
		if st, err := rfs.Lstat(n); err == nil && st.Mode().IsRegular() {
			return readSidecarIn(rfs, n)
		}
	}
	entries, err := rfs.ReadDir(".")
	if err != nil {
		return nil, fmt.Errorf("read folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || !IsSidecarCandidate(e.Name()) {
			continue
		}
		if hasFileColumn(rfs, e.Name()) {
			return readSidecarIn(rfs, e.Name())
		}
	}
	return nil, nil
}

func hasFileColumn(rfs *projectfs.Root, name string) bool {
	f, _, err := rfs.OpenRegular(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	first, _, _ := strings.Cut(string(bytes.TrimPrefix(buf[:n], []byte("\xef\xbb\xbf"))), "\n")
	for _, c := range splitHeader(first, name) {
		if columnAliases[normColumn(c)] == "file" {
			return true
		}
	}
	return false
}

func splitHeader(line, p string) []string {
	sep := ","
	if strings.EqualFold(filepath.Ext(p), ".tsv") || strings.Contains(line, "\t") {
		sep = "\t"
	}
	parts := strings.Split(strings.TrimRight(line, "\r"), sep)
	for i := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(parts[i]), `"`)
	}
	return parts
}

func normColumn(c string) string {
	c = strings.ToLower(strings.TrimSpace(c))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(c)
}

// ReadSidecar reads one sidecar table (CSV or TSV, with or without BOM).
func ReadSidecar(p string) (*Sidecar, error) {
	rfs, err := projectfs.Open(filepath.Dir(p))
	if err != nil {
		return nil, fmt.Errorf("read sidecar %s: %w", p, err)
	}
	defer rfs.Close()
	return readSidecarIn(rfs, filepath.Base(p))
}

func readSidecarIn(rfs *projectfs.Root, name string) (*Sidecar, error) {
	p := rfs.Abs(name)
	data, _, err := rfs.ReadFile(name, projectfs.LimitTable)
	if err != nil {
		return nil, fmt.Errorf("read sidecar %s: %w", p, err)
	}
	return ParseSidecar(data, p)
}

// ParseSidecar reads the bytes of the sidecar table at p (its path names
// it in messages and its extension tells TSV from CSV).
func ParseSidecar(data []byte, p string) (*Sidecar, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	records, lines, err := parseTable(data, p)
	if err != nil {
		return nil, err
	}
	if len(records) > MaxSidecarRows+1 {
		return nil, fmt.Errorf("sidecar %s: %d rows, more than the %d a table may have", p, len(records)-1, MaxSidecarRows)
	}
	if len(records) > 0 && len(records[0]) > MaxSidecarColumns {
		return nil, fmt.Errorf("sidecar %s:%d: %d columns, more than the %d a table may have", p, lines[0], len(records[0]), MaxSidecarColumns)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("sidecar %s: empty table", p)
	}
	s := &Sidecar{Path: p, Name: filepath.Base(p), rows: map[string]*row{}, byBase: map[string][]string{}}
	fileCol := -1
	for i, c := range records[0] {
		c = normColumn(c)
		s.Columns = append(s.Columns, c)
		if columnAliases[c] == "file" && fileCol < 0 {
			fileCol = i
		}
	}
	if fileCol < 0 {
		return nil, fmt.Errorf("sidecar %s:%d: no \"file\" column in the header", p, lines[0])
	}
	for r, rec := range records[1:] {
		line := lines[r+1]
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if fileCol >= len(rec) || strings.TrimSpace(rec[fileCol]) == "" {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d: no file name", p, line))
			continue
		}
		key := normRel(rec[fileCol])
		if prev, dup := s.rows[key]; dup {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d: %s already listed on line %d; the later row wins", p, line, key, prev.line))
		}
		rw := &row{line: line}
		fields := rw.meta.Fields()
		for i, v := range rec {
			if i == fileCol || i >= len(s.Columns) {
				continue
			}
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			col := s.Columns[i]
			field := columnAliases[col]
			if field == "" || field == "file" {
				if rw.extra == nil {
					rw.extra = map[string]string{}
				}
				rw.extra[col] = v
				continue
			}
			if field == "date" {
				d, ok := ParseDate(v)
				if !ok {
					s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d: date %q not understood; left empty", p, line, v))
					continue
				}
				v = d
			}
			if field == "language" {
				code, ok := LanguageCode(v)
				if !ok {
					s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d: language %q not understood (want a code such as ru or a name such as Russian); left empty", p, line, v))
					continue
				}
				v = code
			}
			f := fields[field]
			f.Set(document.Field{Value: v, Source: document.FromSidecar, Rule: s.Name + ":" + col, Confidence: 1})
		}
		if _, dup := s.rows[key]; !dup {
			s.byBase[path.Base(key)] = append(s.byBase[path.Base(key)], key)
		}
		s.rows[key] = rw
	}
	return s, nil
}

// parseTable splits data into records and the line where each starts.
func parseTable(data []byte, p string) ([][]string, []int, error) {
	text := string(data)
	first, _, _ := strings.Cut(text, "\n")
	if strings.EqualFold(filepath.Ext(p), ".tsv") || strings.Count(first, "\t") > strings.Count(first, ",") {
		return parseTSV(text)
	}
	// Strict CSV first; a stray quote inside an unquoted field is tolerated
	// when the lenient reading keeps every record on its own line.
	recs, lines, err := readCSV(text, p, false)
	if err == nil {
		return recs, lines, nil
	}
	lrecs, llines, lerr := readCSV(text, p, true)
	if lerr == nil {
		for _, rec := range lrecs {
			for _, f := range rec {
				if strings.ContainsAny(f, "\n\r") {
					return nil, nil, err
				}
			}
		}
		return lrecs, llines, nil
	}
	return nil, nil, err
}

func readCSV(text, p string, lazy bool) ([][]string, []int, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	var recs [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("sidecar %s:%d: %v", p, pe.StartLine, pe.Err)
			}
			return nil, nil, fmt.Errorf("sidecar %s: %w", p, err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, line)
		if len(recs) > MaxSidecarRows+1 {
			break // too many: ParseSidecar says so without reading on
		}
	}
	return recs, lines, nil
}

// parseTSV splits tab-separated lines; a field wholly wrapped in double
// quotes, with inner quotes doubled, is unquoted, anything else is taken as
// written (titles often hold quotes).
func parseTSV(text string) ([][]string, []int, error) {
	var recs [][]string
	var lines []int
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		fields := strings.Split(l, "\t")
		for j, f := range fields {
			fields[j] = unquoteTSV(f)
		}
		recs = append(recs, fields)
		lines = append(lines, i+1)
		if len(recs) > MaxSidecarRows+1 {
			break
		}
	}
	return recs, lines, nil
}

func unquoteTSV(f string) string {
	if len(f) < 2 || f[0] != '"' || f[len(f)-1] != '"' {
		return f
	}
	inner := f[1 : len(f)-1]
	for i := 0; i < len(inner); i++ {
		if inner[i] == '"' {
			if i+1 >= len(inner) || inner[i+1] != '"' {
				return f // a lone quote: not CSV-style quoting
			}
			i++
		}
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}

func normRel(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	// until nothing changes: cleaning "a /" leaves "a " to trim, so that a
	// key normalised again (a Lookup of a listed file) stays the same
	for {
		q := strings.TrimPrefix(path.Clean(strings.TrimSpace(p)), "./")
		if q == p {
			return q
		}
		p = q
	}
}

// Lookup returns the table's metadata for the document at rel (relative to
// the project, with /). A row naming only a base name matches when that name
// is unique in the table.
func (s *Sidecar) Lookup(rel string) (document.Metadata, bool) {
	r := s.find(rel)
	if r == nil {
		return document.Metadata{}, false
	}
	return r.meta, true
}

// Extra returns the extra columns (bias, country…) of rel's row.
func (s *Sidecar) Extra(rel string) map[string]string {
	r := s.find(rel)
	if r == nil || len(r.extra) == 0 {
		return nil
	}
	out := make(map[string]string, len(r.extra))
	for k, v := range r.extra {
		out[k] = v
	}
	return out
}

// Files lists the table's file keys, sorted.
func (s *Sidecar) Files() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.rows))
	for k := range s.rows {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *Sidecar) find(rel string) *row {
	if s == nil {
		return nil
	}
	key := normRel(rel)
	if r, ok := s.rows[key]; ok {
		return r
	}
	if r, ok := s.rows[strings.ToLower(key)]; ok {
		return r
	}
	// The table lists base names only.
	if keys := s.byBase[path.Base(key)]; len(keys) == 1 && !strings.Contains(keys[0], "/") {
		return s.rows[keys[0]]
	}
	return nil
}
