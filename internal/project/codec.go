package project

import (
	"encoding/binary"
	"errors"
	"math"
	"unsafe"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// The cache stores entries in a small binary format (length-prefixed
// strings and varints): an order of magnitude faster to decode than gob or
// JSON for 10,000 documents, which is what makes a warm open cheap.

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64)   { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)       { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) str(s string)    { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) float(f float64) { e.uint(math.Float64bits(f)) }
func (e *encoder) strs(s []string) {
	e.uint(uint64(len(s)))
	for _, x := range s {
		e.str(x)
	}
}
func (e *encoder) field(f document.Field) {
	e.str(f.Value)
	e.str(string(f.Source))
	e.str(f.Rule)
	e.float(f.Confidence)
}

var errShort = errors.New("truncated cache record")

type decoder struct {
	b     []byte
	err   error
	share bool // strings alias b (which must never change)
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) str() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errShort
		return ""
	}
	var s string
	switch {
	case n == 0:
	case d.share:
		// The buffer is a whole pack read for this run and never written
		// to: strings may point into it instead of copying 80 MB of text.
		s = unsafe.String(&d.b[0], int(n))
	default:
		s = string(d.b[:n])
	}
	d.b = d.b[n:]
	return s
}

func (d *decoder) float() float64 { return math.Float64frombits(d.uint()) }

// count reads a slice length, bounded by the bytes left (each element takes
// at least one byte), so a corrupt length cannot allocate wildly.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errShort
		return 0
	}
	return int(n)
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) field() document.Field {
	return document.Field{Value: d.str(), Source: document.Provenance(d.str()), Rule: d.str(), Confidence: d.float()}
}

var metaOrder = []string{"title", "outlet", "author", "date", "url", "language"}

func (e *entry) marshal() []byte {
	enc := &encoder{b: make([]byte, 0, len(e.Text)+512)}
	enc.int(e.Version)
	enc.str(e.Hash)
	enc.str(string(e.Format))
	enc.str(e.Encoding)
	enc.str(e.Text)
	enc.uint(uint64(len(e.Boilerplate)))
	for _, s := range e.Boilerplate {
		enc.int(s.Start)
		enc.int(s.End)
	}
	fields := e.Meta.Fields()
	for _, name := range metaOrder {
		enc.field(*fields[name])
	}
	enc.uint(uint64(len(e.Pages)))
	for _, p := range e.Pages {
		enc.int(p)
	}
	enc.strs(e.Warnings)
	enc.uint(uint64(len(e.Origins)))
	for _, o := range e.Origins {
		enc.str(o.Agency)
		enc.str(o.Rule)
		enc.float(o.Confidence)
	}
	enc.str(e.ProblemKind)
	enc.str(e.ProblemError)
	return enc.b
}

// unmarshalEntry decodes a record's payload; with share the strings alias
// b, which the caller must never modify.
func unmarshalEntry(b []byte, share bool) (*entry, error) {
	d := &decoder{b: b, share: share}
	e := &entry{}
	e.Version = d.int()
	e.Hash = d.str()
	e.Format = document.Format(d.str())
	e.Encoding = d.str()
	e.Text = d.str()
	if n := d.count(); n > 0 {
		e.Boilerplate = make([]document.Span, n)
		for i := range e.Boilerplate {
			e.Boilerplate[i] = document.Span{Start: d.int(), End: d.int()}
		}
	}
	fields := e.Meta.Fields()
	for _, name := range metaOrder {
		*fields[name] = d.field()
	}
	if n := d.count(); n > 0 {
		e.Pages = make([]int, n)
		for i := range e.Pages {
			e.Pages[i] = d.int()
		}
	}
	e.Warnings = d.strs()
	if n := d.count(); n > 0 {
		e.Origins = make([]sourcemeta.Origin, n)
		for i := range e.Origins {
			e.Origins[i] = sourcemeta.Origin{Agency: d.str(), Rule: d.str(), Confidence: d.float()}
		}
	}
	e.ProblemKind = d.str()
	e.ProblemError = d.str()
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, errors.New("trailing bytes in cache record")
	}
	// Spans must stay inside the text, or the record is corrupt.
	for _, s := range e.Boilerplate {
		if s.Start < 0 || s.End > len(e.Text) || s.Start > s.End {
			return nil, errors.New("boilerplate span outside the text")
		}
	}
	return e, nil
}
