// Package jsonindent writes Go values as indented JSON, byte for byte what
// encoding/json's Encoder with SetIndent("", "  ") writes, in one pass.
//
// encoding/json builds the compact text and then re-scans it to indent
// it; on the CLI's large outputs (framing --json prints 280 MB on 10,000
// articles) the re-scan cost more than the encoding itself. Here each
// type gets an encoder, built once by reflection, that writes the
// indented form directly. Whatever this package does not reproduce
// exactly (a type with its own MarshalJSON or MarshalText, a name two
// fields claim, the ",string" and ",omitzero" options, byte slices, maps
// with other than string keys, json.Number) is handed to encoding/json
// for that value, so the bytes stay the same for any value.
package jsonindent

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// indentUnit is the indentation of one level, as SetIndent("", "  ").
const indentUnit = "  "

// maxDepth bounds nesting; past it the value is handed to encoding/json,
// which reports a cycle the way it always does.
const maxDepth = 1000

// encFn appends v, indented for nesting level depth, to b.
type encFn func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error)

// Encoder appends values as indented JSON. It keeps the encoders it
// built per type; it is not safe for concurrent use (use one per
// goroutine).
type Encoder struct {
	fns map[reflect.Type]*encFn
}

// New returns an Encoder.
func New() *Encoder {
	return &Encoder{fns: map[reflect.Type]*encFn{}}
}

// Append appends v as json.MarshalIndent(v, prefix, "  ") would, where
// prefix is depth levels of indentation: the value as it appears nested
// depth levels deep in an Encoder's output (no leading indentation, no
// trailing newline).
func (e *Encoder) Append(b []byte, v any, depth int) ([]byte, error) {
	if v == nil {
		return append(b, "null"...), nil
	}
	rv := reflect.ValueOf(v)
	return e.fn(rv.Type())(e, b, rv, depth)
}

// AppendValue is Append of the value v holds; an addressable v (a slice
// element) calls methods on its pointer as encoding/json does.
func (e *Encoder) AppendValue(b []byte, v reflect.Value, depth int) ([]byte, error) {
	if !v.IsValid() {
		return append(b, "null"...), nil
	}
	return e.fn(v.Type())(e, b, v, depth)
}

// AppendLine appends v as json.Encoder with SetIndent("", "  ") writes
// it: the indented value and a newline.
func (e *Encoder) AppendLine(b []byte, v any) ([]byte, error) {
	b, err := e.Append(b, v, 0)
	if err != nil {
		return b, err
	}
	return append(b, '\n'), nil
}

// AppendString appends s quoted and escaped as encoding/json does (HTML
// characters, U+2028 and U+2029 escaped; invalid UTF-8 as U+FFFD).
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if htmlSafe(c) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// htmlSafe reports whether encoding/json writes the ASCII byte c as is
// with HTML escaping on.
func htmlSafe(c byte) bool {
	return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}

// newline appends a line break and depth levels of indentation.
func newline(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, indentUnit...)
	}
	return b
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	numberType        = reflect.TypeFor[json.Number]()
)

// fn returns the encoder of t, building it (and those of the types it
// holds) on first use. Recursive types get a pointer filled in once built.
func (e *Encoder) fn(t reflect.Type) encFn {
	if p, ok := e.fns[t]; ok {
		if *p != nil {
			return *p
		}
		// t holds itself: call through the pointer, filled in once built
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			return (*p)(e, b, v, depth)
		}
	}
	p := new(encFn)
	e.fns[t] = p
	*p = e.build(t)
	return *p
}

// build makes t's encoder.
func (e *Encoder) build(t reflect.Type) encFn {
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		t.Kind() != reflect.Pointer && (reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)) ||
		t == numberType {
		return fallback
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(_ *Encoder, b []byte, v reflect.Value, _ int) ([]byte, error) {
			return strconv.AppendBool(b, v.Bool()), nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(_ *Encoder, b []byte, v reflect.Value, _ int) ([]byte, error) {
			return strconv.AppendInt(b, v.Int(), 10), nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(_ *Encoder, b []byte, v reflect.Value, _ int) ([]byte, error) {
			return strconv.AppendUint(b, v.Uint(), 10), nil
		}
	case reflect.Float32:
		return floatFn(32)
	case reflect.Float64:
		return floatFn(64)
	case reflect.String:
		return func(_ *Encoder, b []byte, v reflect.Value, _ int) ([]byte, error) {
			return AppendString(b, v.String()), nil
		}
	case reflect.Interface:
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			el := v.Elem()
			return e.fn(el.Type())(e, b, el, depth)
		}
	case reflect.Pointer:
		elem := e.fn(t.Elem())
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			if depth > maxDepth {
				return fallback(e, b, v, depth)
			}
			return elem(e, b, v.Elem(), depth)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallback // base64, or the element's own marshalers
		}
		elem := e.fn(t.Elem())
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			return appendList(e, b, v, depth, elem)
		}
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallback
		}
		elem := e.fn(t.Elem())
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			return appendList(e, b, v, depth, elem)
		}
	case reflect.Map:
		k := t.Key()
		if k.Kind() != reflect.String || k.Implements(textMarshalerType) || reflect.PointerTo(k).Implements(textMarshalerType) {
			return fallback
		}
		elem := e.fn(t.Elem())
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			return appendMap(e, b, v, depth, elem)
		}
	case reflect.Struct:
		fields, ok := e.structFields(t)
		if !ok {
			return fallback
		}
		return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
			return appendStruct(e, b, v, depth, fields)
		}
	}
	return fallback // channels, functions, complex numbers: encoding/json's error
}

// fallback hands v to encoding/json, indented for its depth. An
// addressable v is passed by address so that methods on the pointer are
// called as encoding/json calls them on addressable values.
func fallback(_ *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
	var x any
	if v.CanAddr() {
		x = v.Addr().Interface()
	} else {
		x = v.Interface()
	}
	out, err := json.MarshalIndent(x, strings.Repeat(indentUnit, depth), indentUnit)
	if err != nil {
		return b, err
	}
	return append(b, out...), nil
}

// floatFn formats floats as encoding/json does: like ES6, 'f' between
// 1e-6 and 1e21, 'e' outside with the exponent unpadded.
func floatFn(bits int) encFn {
	return func(e *Encoder, b []byte, v reflect.Value, depth int) ([]byte, error) {
		f := v.Float()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fallback(e, b, v, depth) // encoding/json's UnsupportedValueError
		}
		abs := math.Abs(f)
		format := byte('f')
		if abs != 0 {
			if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
				format = 'e'
			}
		}
		b = strconv.AppendFloat(b, f, format, -1, bits)
		if format == 'e' {
			n := len(b)
			if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
				b[n-2] = b[n-1]
				b = b[:n-1]
			}
		}
		return b, nil
	}
}

// appendList writes a slice's or array's elements, one per line; an
// empty one is "[]".
func appendList(e *Encoder, b []byte, v reflect.Value, depth int, elem encFn) ([]byte, error) {
	n := v.Len()
	if n == 0 {
		return append(b, '[', ']'), nil
	}
	b = append(b, '[')
	var err error
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = newline(b, depth+1)
		if b, err = elem(e, b, v.Index(i), depth+1); err != nil {
			return b, err
		}
	}
	b = newline(b, depth)
	return append(b, ']'), nil
}

// appendMap writes a map with string keys, sorted by key as encoding/json
// sorts them.
func appendMap(e *Encoder, b []byte, v reflect.Value, depth int, elem encFn) ([]byte, error) {
	if v.IsNil() {
		return append(b, "null"...), nil
	}
	if v.Len() == 0 {
		return append(b, '{', '}'), nil
	}
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		entries = append(entries, entry{it.Key().String(), it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	b = append(b, '{')
	var err error
	for i, en := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = newline(b, depth+1)
		b = AppendString(b, en.key)
		b = append(b, ':', ' ')
		if b, err = elem(e, b, en.val, depth+1); err != nil {
			return b, err
		}
	}
	b = newline(b, depth)
	return append(b, '}'), nil
}

// field is one encoded struct field.
type field struct {
	// index leads to the field: through embedded structs when longer
	// than one
	index     []int
	key       []byte // the quoted, escaped name, a colon and a space
	omitEmpty bool
	fn        encFn
}

// structFields lists t's encoded fields in order, those of embedded
// structs promoted as encoding/json promotes them; ok is false when t
// has something only encoding/json resolves (two fields of one name at
// any depth, a struct embedded twice, the string or omitzero options).
func (e *Encoder) structFields(t reflect.Type) ([]field, bool) {
	var fields []field
	seen := map[string]bool{}
	embedded := map[reflect.Type]bool{t: true}
	if !e.collectFields(t, nil, &fields, seen, embedded) {
		return nil, false
	}
	return fields, true
}

// collectFields appends t's fields, reached through index, to fields, in
// declaration order (which is encoding/json's order by index sequence).
func (e *Encoder) collectFields(t reflect.Type, index []int, fields *[]field, seen map[string]bool, embedded map[reflect.Type]bool) bool {
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if !sf.IsExported() {
				if et.Kind() != reflect.Struct {
					continue // encoding/json ignores these
				}
				// its fields are read-only to reflection, which cannot
				// hand them to encoding/json when they need it
				return false
			}
		} else if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validTag(name) {
			name = ""
		}
		at := append(append([]int(nil), index...), i)
		ft := sf.Type
		if ft.Name() == "" && ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
			// promoted: its fields are this struct's
			if embedded[ft] {
				return false
			}
			embedded[ft] = true
			if !e.collectFields(ft, at, fields, seen, embedded) {
				return false
			}
			continue
		}
		if name == "" {
			name = sf.Name
		}
		omitEmpty := false
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "omitempty":
				omitEmpty = true
			case "string", "omitzero":
				return false
			}
		}
		if seen[name] {
			return false
		}
		seen[name] = true
		key := AppendString(nil, name)
		key = append(key, ':', ' ')
		*fields = append(*fields, field{index: at, key: key, omitEmpty: omitEmpty, fn: e.fn(sf.Type)})
	}
	return true
}

// validTag is encoding/json's test of a tag name; another name means the
// field's own.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// appendStruct writes a struct's fields, one per line; with none written
// it is "{}".
func appendStruct(e *Encoder, b []byte, v reflect.Value, depth int, fields []field) ([]byte, error) {
	b = append(b, '{')
	wrote := false
	var err error
	for _, f := range fields {
		fv, ok := fieldOf(v, f.index)
		if !ok || f.omitEmpty && isEmpty(fv) {
			continue
		}
		if wrote {
			b = append(b, ',')
		}
		wrote = true
		b = newline(b, depth+1)
		b = append(b, f.key...)
		if b, err = f.fn(e, b, fv, depth+1); err != nil {
			return b, fmt.Errorf("field %s: %w", strings.TrimSuffix(string(f.key), ": "), err)
		}
	}
	if !wrote {
		return append(b, '}'), nil
	}
	b = newline(b, depth)
	return append(b, '}'), nil
}

// fieldOf follows index from v; ok is false when it passes through a nil
// embedded pointer (encoding/json then leaves the field out).
func fieldOf(v reflect.Value, index []int) (reflect.Value, bool) {
	for n, i := range index {
		if n > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, true
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
