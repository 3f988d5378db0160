package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Errors a load can fail with; a *LoadError wraps one of them.
var (
	// ErrCorrupt: the file is not valid JSON, has values of the wrong type
	// or values that make no sense (a negative span, an unknown paper).
	ErrCorrupt = errors.New("damaged workspace file")
	// ErrVersion: the file has no version, or one that never existed.
	ErrVersion = errors.New("unknown workspace version")
)

// LoadError is a workspace file that could not be loaded. It names the
// file and the problem, with the line and column of a JSON problem, and a
// backup of the file that loads, when there is one.
type LoadError struct {
	File string // the workspace file; "" when decoding bytes
	// Line and Column (1-based) locate a JSON problem; 0 when the problem
	// has no place in the file.
	Line, Column int
	Problem      string
	// Backup is the path of the previous version of the file when it
	// loads cleanly (see Store.LoadBackup), else "".
	Backup string
	Err    error // ErrCorrupt, ErrVersion or ErrUnsafePath
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString("workspace")
	if e.File != "" {
		b.WriteString(" file ")
		b.WriteString(e.File)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d, column %d", e.Line, e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	if e.Backup != "" {
		fmt.Fprintf(&b, " (the previous version %s can be opened instead)", e.Backup)
	}
	return b.String()
}

// Unwrap returns the kind of problem.
func (e *LoadError) Unwrap() error { return e.Err }

// Decode reads a workspace from its JSON file contents, migrating older
// versions, and validates it (document paths are checked as text only; a
// Store also checks them on disk). A file of a newer version than Version
// is decoded as far as known and marked ReadOnly with a warning.
// Errors are *LoadError.
func Decode(data []byte) (*Workspace, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &LoadError{Problem: "the file is empty", Err: ErrCorrupt}
	}
	var top map[string]json.RawMessage
	if err := strictUnmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, &LoadError{Line: 1, Column: 1, Problem: "the file is not a JSON object (found " + te.Value + ")", Err: ErrCorrupt}
		}
		return nil, jsonError(data, err)
	}
	rawVersion, ok := top["version"]
	if !ok {
		return nil, &LoadError{Problem: `no "version" field: not a workspace file`, Err: ErrVersion}
	}
	version, err := strconv.Atoi(string(rawVersion))
	if err != nil {
		line, col := position(data, versionOffset(data))
		return nil, &LoadError{Line: line, Column: col, Problem: fmt.Sprintf("field version: expected a whole number, found %s", rawVersion), Err: ErrCorrupt}
	}
	var ws *Workspace
	switch {
	case version < 1:
		return nil, &LoadError{Problem: fmt.Sprintf("version %d does not exist (versions start at 1)", version), Err: ErrVersion}
	case version == 1:
		ws, err = migrateV1(data)
		if err != nil {
			return nil, err
		}
	default:
		ws = &Workspace{}
		if err := strictUnmarshal(data, ws); err != nil {
			le := jsonError(data, err)
			if version > Version {
				le.Problem = fmt.Sprintf("written by a newer Parallax (workspace version %d; this one reads up to %d) in a form it cannot read: %s", version, Version, le.Problem)
				le.Err = ErrVersion
			}
			return nil, le
		}
		if version > Version {
			ws.ReadOnly = true
			ws.Warnings = append(ws.Warnings, fmt.Sprintf(
				"written by a newer Parallax (workspace version %d; this one knows up to %d): opened read-only; use Save As to keep a copy in this version's format, which may drop what the newer version added",
				version, Version))
		} else if unknown := unknownField(data); unknown != "" {
			ws.Warnings = append(ws.Warnings, fmt.Sprintf("unknown field %s ignored: it will not be kept when the workspace is saved", unknown))
		}
	}
	ws.normalize()
	if err := ws.validate(); err != nil {
		var pe *PathError
		if errors.As(err, &pe) {
			return nil, &LoadError{Problem: err.Error(), Err: ErrUnsafePath}
		}
		return nil, &LoadError{Problem: err.Error(), Err: ErrCorrupt}
	}
	return ws, nil
}

// Encode returns the workspace's file contents: indented JSON with a
// final newline, maps in key order, so that files diff well. It validates
// first and refuses a workspace that could not be loaded back.
func Encode(ws *Workspace) ([]byte, error) {
	c := *ws
	c.normalize()
	if err := c.validate(); err != nil {
		return nil, err
	}
	if c.Panes == nil {
		c.Panes = []Pane{}
	}
	if c.Annotations == nil {
		c.Annotations = []Annotation{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("encode workspace: %w", err)
	}
	return buf.Bytes(), nil
}

// strictUnmarshal decodes exactly one JSON value from data.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return err
	}
	off := dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &trailingError{offset: off}
	}
	return nil
}

type trailingError struct{ offset int64 }

func (e *trailingError) Error() string { return "text after the end of the workspace object" }

// unknownField returns the first field of data, quoted, that the current
// layout does not know, or "".
func unknownField(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ws Workspace
	err := dec.Decode(&ws)
	if err == nil {
		return ""
	}
	const prefix = "json: unknown field "
	if s := err.Error(); strings.HasPrefix(s, prefix) {
		return s[len(prefix):]
	}
	return ""
}

// jsonError turns an encoding/json error into a LoadError with the line
// and column of the problem.
func jsonError(data []byte, err error) *LoadError {
	le := &LoadError{Err: ErrCorrupt, Problem: err.Error()}
	var (
		se *json.SyntaxError
		te *json.UnmarshalTypeError
		tr *trailingError
	)
	switch {
	case errors.As(err, &se):
		off := int(se.Offset)
		le.Problem = "invalid JSON: " + strings.TrimPrefix(se.Error(), "json: ")
		if off >= len(data) && strings.Contains(se.Error(), "unexpected end") {
			le.Problem = "invalid JSON: the file ends too early (truncated?)"
		}
		le.Line, le.Column = position(data, off-1)
	case errors.As(err, &te):
		what := "expected " + typeName(te.Type.String()) + ", found " + te.Value
		if te.Field != "" {
			what = "field " + te.Field + ": " + what
		}
		le.Problem = "wrong type: " + what
		le.Line, le.Column = position(data, int(te.Offset)-1)
	case errors.As(err, &tr):
		le.Problem = tr.Error()
		off := int(tr.offset)
		for off < len(data) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
			off++
		}
		le.Line, le.Column = position(data, off)
	case errors.Is(err, io.ErrUnexpectedEOF):
		le.Problem = "invalid JSON: the file ends too early (truncated?)"
		le.Line, le.Column = position(data, len(data))
	default:
		le.Problem = strings.TrimPrefix(err.Error(), "json: ")
		var pe *time.ParseError
		if errors.As(err, &pe) {
			field, value := findBadTime(data)
			le.Problem = fmt.Sprintf("wrong type: field %s: expected a time like \"2026-01-02T15:04:05Z\", found %q", field, value)
			if i := bytes.Index(data, []byte(strconv.Quote(value))); i >= 0 && value != "" {
				le.Line, le.Column = position(data, i)
			}
		}
	}
	return le
}

// findBadTime finds the first time field of a workspace file that does not
// parse, for an error message: its JSON path and value.
func findBadTime(data []byte) (field, value string) {
	var top map[string]any
	if json.Unmarshal(data, &top) != nil {
		return "?", ""
	}
	bad := func(v any) (string, bool) {
		s, ok := v.(string)
		if !ok {
			return "", false
		}
		_, err := time.Parse(time.RFC3339Nano, s)
		return s, err != nil
	}
	for _, k := range []string{"created", "saved"} {
		if s, ok := bad(top[k]); ok {
			return k, s
		}
	}
	anns, _ := top["annotations"].([]any)
	for i, a := range anns {
		m, _ := a.(map[string]any)
		for _, k := range []string{"created", "modified"} {
			if s, ok := bad(m[k]); ok {
				return fmt.Sprintf("annotations[%d].%s", i, k), s
			}
		}
	}
	return "?", ""
}

// typeName names a Go type the way a person editing JSON thinks of it.
func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.Contains(t, "."):
		if t == "time.Time" {
			return "a time like \"2026-01-02T15:04:05Z\""
		}
		return "an object"
	}
	return t
}

// position converts a byte offset of data to a 1-based line and column
// (the column counts characters).
func position(data []byte, off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(data) {
		off = len(data)
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col = 1 + len([]rune(string(data[start:off])))
	return line, col
}

// versionOffset finds the byte offset of the version value, roughly, for
// an error position.
func versionOffset(data []byte) int {
	i := bytes.Index(data, []byte(`"version"`))
	if i < 0 {
		return 0
	}
	j := bytes.IndexByte(data[i+len(`"version"`):], ':')
	if j < 0 {
		return i
	}
	k := i + len(`"version"`) + j + 1
	for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\n' || data[k] == '\r') {
		k++
	}
	return k
}

// normalize makes empty lists and maps nil and times UTC, so that a
// workspace compares equal to itself after a save and load.
func (ws *Workspace) normalize() {
	if len(ws.Panes) == 0 {
		ws.Panes = nil
	}
	if len(ws.Annotations) == 0 {
		ws.Annotations = nil
	} else {
		anns := make([]Annotation, len(ws.Annotations))
		copy(anns, ws.Annotations)
		for i := range anns {
			if len(anns[i].Tags) == 0 {
				anns[i].Tags = nil
			}
			anns[i].Created = utc(anns[i].Created)
			anns[i].Modified = utc(anns[i].Modified)
		}
		ws.Annotations = anns
	}
	if len(ws.Highlights.Entities) == 0 {
		ws.Highlights.Entities = nil
	}
	if len(ws.Report.Sections) == 0 {
		ws.Report.Sections = nil
	}
	if len(ws.Table.Filters) == 0 {
		ws.Table.Filters = nil
	}
	if len(ws.Table.Sort) == 0 {
		ws.Table.Sort = nil
	}
	ws.Created = utc(ws.Created)
	ws.Saved = utc(ws.Saved)
}

func utc(t time.Time) time.Time { return t.UTC().Round(0) }

// validate checks everything a hand edit could break. Path problems are
// *PathError.
func (ws *Workspace) validate() error {
	if ws.Version < 1 {
		return fmt.Errorf("version %d does not exist", ws.Version)
	}
	if err := ws.checkPaths(""); err != nil {
		return err
	}
	for _, t := range []struct {
		name string
		t    time.Time
	}{{"created", ws.Created}, {"saved", ws.Saved}} {
		if err := checkTime(t.name, t.t); err != nil {
			return err
		}
	}
	for i, p := range ws.Panes {
		if err := checkHash(p.Hash); err != nil {
			return fmt.Errorf("pane %d (%s): %w", i+1, p.Path, err)
		}
		if p.Scroll.Offset < -1 {
			return fmt.Errorf("pane %d (%s): scroll offset %d is negative", i+1, p.Path, p.Scroll.Offset)
		}
		if f := p.Scroll.Fraction; !(f >= 0 && f <= 1) || math.IsNaN(f) {
			return fmt.Errorf("pane %d (%s): scroll fraction %v is not between 0 and 1", i+1, p.Path, f)
		}
		if w := p.Width; !(w >= 0 && w <= 1) || math.IsNaN(w) {
			return fmt.Errorf("pane %d (%s): width %v is not between 0 and 1", i+1, p.Path, w)
		}
	}
	if ws.Active < 0 || ws.Active > 0 && ws.Active >= len(ws.Panes) {
		return fmt.Errorf("active pane %d does not exist (%d panes)", ws.Active, len(ws.Panes))
	}
	for id := range ws.Highlights.Entities {
		if strings.TrimSpace(id) == "" {
			return errors.New("highlights: an empty entity ID")
		}
	}
	for i, f := range ws.Table.Filters {
		if strings.TrimSpace(f.Column) == "" {
			return fmt.Errorf("table filter %d: no column", i+1)
		}
	}
	for i, s := range ws.Table.Sort {
		if strings.TrimSpace(s.Column) == "" {
			return fmt.Errorf("table sort key %d: no column", i+1)
		}
	}
	switch ws.Report.Paper {
	case "", PaperA4, PaperLetter:
	default:
		return fmt.Errorf("report paper %q is not %q or %q", ws.Report.Paper, PaperA4, PaperLetter)
	}
	for name := range ws.Report.Sections {
		if strings.TrimSpace(name) == "" {
			return errors.New("report: an empty section name")
		}
	}
	ids := map[string]bool{}
	for i, a := range ws.Annotations {
		where := fmt.Sprintf("annotation %d", i+1)
		if a.ID == "" {
			return fmt.Errorf("%s: no id", where)
		}
		where += " (" + a.ID + ")"
		if ids[a.ID] {
			return fmt.Errorf("%s: the id is used twice", where)
		}
		ids[a.ID] = true
		if err := checkHash(a.Hash); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if a.Span.Start < 0 || a.Span.End < a.Span.Start {
			return fmt.Errorf("%s: span [%d,%d) is not a span", where, a.Span.Start, a.Span.End)
		}
		if err := checkTime(where+" created", a.Created); err != nil {
			return err
		}
		if err := checkTime(where+" modified", a.Modified); err != nil {
			return err
		}
	}
	return nil
}

func checkHash(h string) error {
	if h == "" {
		return nil
	}
	if len(h) != 64 {
		return fmt.Errorf("hash %q is not a hex SHA-256", h)
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return fmt.Errorf("hash %q is not a lower-case hex SHA-256", h)
		}
	}
	return nil
}

func checkTime(name string, t time.Time) error {
	if y := t.Year(); y < 1 && !t.IsZero() || y > 9999 {
		return fmt.Errorf("%s: time %v is out of range", name, t)
	}
	return nil
}
