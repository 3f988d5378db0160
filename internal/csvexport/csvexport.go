// Package csvexport writes tables as CSV for spreadsheets: UTF-8 with a
// byte-order mark (so Excel and LibreOffice read the encoding right), one
// row per fact, and text cells that a spreadsheet would run as a formula
// neutralised.
package csvexport

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// BOM is the UTF-8 byte-order mark the writer puts first.
const BOM = "\ufeff"

// Writer writes one table.
type Writer struct {
	w       *csv.Writer
	columns int
	err     error
}

// NewWriter writes the BOM and the header row to w.
func NewWriter(w io.Writer, header ...string) *Writer {
	cw := &Writer{w: csv.NewWriter(w), columns: len(header)}
	if _, err := io.WriteString(w, BOM); err != nil {
		cw.err = fmt.Errorf("write CSV: %w", err)
		return cw
	}
	cw.write(header)
	return cw
}

// Row writes one row: strings are neutralised, numbers and booleans
// written as they are. It must have as many cells as the header.
func (cw *Writer) Row(cells ...any) {
	if cw.err != nil {
		return
	}
	if len(cells) != cw.columns {
		cw.err = fmt.Errorf("write CSV: a row of %d cells under a header of %d", len(cells), cw.columns)
		return
	}
	rec := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case string:
			rec[i] = Neutralise(v)
		case int:
			rec[i] = strconv.Itoa(v)
		case int64:
			rec[i] = strconv.FormatInt(v, 10)
		case float64:
			rec[i] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			rec[i] = strconv.FormatBool(v)
		case []string:
			rec[i] = Neutralise(strings.Join(v, "; "))
		default:
			rec[i] = Neutralise(fmt.Sprint(v))
		}
	}
	cw.write(rec)
}

func (cw *Writer) write(rec []string) {
	if cw.err != nil {
		return
	}
	if err := cw.w.Write(rec); err != nil {
		cw.err = fmt.Errorf("write CSV: %w", err)
	}
}

// Flush writes what is buffered and returns the first error met.
func (cw *Writer) Flush() error {
	cw.w.Flush()
	if cw.err != nil {
		return cw.err
	}
	if err := cw.w.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// Neutralise prefixes with an apostrophe a text that a spreadsheet would
// read as a formula: one starting with =, +, -, @, a tab or a carriage
// return (the OWASP advice on CSV injection). The cell stays text:
// LibreOffice Calc shows it with the apostrophe, even with "evaluate
// formulas" on.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
