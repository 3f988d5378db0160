package partcodec

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// kindValue is the kind of blob EncodeValue writes.
const kindValue = 'v'

// EncodeValue encodes v, a value made of structs, slices, maps with
// string keys, pointers, strings, numbers and booleans (the framing, the
// passages), field by field in declaration order. Nil slices, maps and
// pointers stay nil, empty ones empty. The blob carries a hash of v's
// type, so a blob written before a field was added, removed or retyped
// does not decode into the new type. A type with unexported fields or
// interfaces is refused: they would be lost.
func EncodeValue(v any) ([]byte, error) {
	t := reflect.TypeOf(v)
	c, err := build(t, map[reflect.Type]*valueCodec{})
	if err != nil {
		return nil, err
	}
	w := newChunkedWriter(kindValue)
	w.b = binary.LittleEndian.AppendUint64(w.b, typeHash(t))
	c.enc(w, reflect.ValueOf(v))
	return w.finish(), nil
}

// DecodeValue decodes what EncodeValue wrote of a value of ptr's element
// type into *ptr.
func DecodeValue(data []byte, ptr any) error {
	pv := reflect.ValueOf(ptr)
	if pv.Kind() != reflect.Pointer || pv.IsNil() {
		return fmt.Errorf("decode: want a non-nil pointer, have %T", ptr)
	}
	t := pv.Type().Elem()
	c, err := build(t, map[reflect.Type]*valueCodec{})
	if err != nil {
		return err
	}
	r, err := newReader(data, kindValue)
	if err != nil {
		return err
	}
	if len(r.b) < 8 || binary.LittleEndian.Uint64(r.b) != typeHash(t) {
		return fmt.Errorf("%w: written for another shape of %s", ErrCorrupt, t)
	}
	r.b = r.b[8:]
	v := reflect.New(t).Elem()
	c.dec(r, v)
	if err := r.end(); err != nil {
		return err
	}
	pv.Elem().Set(v)
	return nil
}

// CheckValue checks, without decoding it, that data is a whole blob
// EncodeValue wrote of a value of ptr's element type: its checksum, kind,
// version and type hash. A caller that decodes later (only if the value is
// asked for) refuses a truncated, corrupt or outdated blob now.
func CheckValue(data []byte, ptr any) error {
	pv := reflect.ValueOf(ptr)
	if pv.Kind() != reflect.Pointer || pv.IsNil() {
		return fmt.Errorf("check: want a non-nil pointer, have %T", ptr)
	}
	r, err := newReader(data, kindValue)
	if err != nil {
		return err
	}
	if t := pv.Type().Elem(); len(r.b) < 8 || binary.LittleEndian.Uint64(r.b) != typeHash(t) {
		return fmt.Errorf("%w: written for another shape of %s", ErrCorrupt, t)
	}
	return nil
}

// TypeSignature describes t's shape: its fields' names and types,
// recursively. Keys and fingerprints include it, so that a changed type
// invalidates what was kept of the old one.
func TypeSignature(t reflect.Type) string {
	var b strings.Builder
	signature(&b, t, map[reflect.Type]bool{})
	return b.String()
}

// skipped reports whether a struct field is tagged `partcodec:"-"`: not
// encoded, left zero when decoded, and no part of the type's signature
// (a cache the value holds for its own use, unexported or not).
func skipped(f reflect.StructField) bool {
	return f.Tag.Get("partcodec") == "-"
}

func typeHash(t reflect.Type) uint64 {
	sum := sha256.Sum256([]byte(TypeSignature(t)))
	return binary.LittleEndian.Uint64(sum[:8])
}

func signature(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Struct:
		if seen[t] {
			b.WriteString(t.String())
			return
		}
		seen[t] = true
		b.WriteString("struct{")
		for i := range t.NumField() {
			f := t.Field(i)
			if skipped(f) {
				continue
			}
			b.WriteString(f.Name + " ")
			signature(b, f.Type, seen)
			b.WriteString(";")
		}
		b.WriteString("}")
	case reflect.Slice:
		b.WriteString("[]")
		signature(b, t.Elem(), seen)
	case reflect.Pointer:
		b.WriteString("*")
		signature(b, t.Elem(), seen)
	case reflect.Map:
		b.WriteString("map[")
		signature(b, t.Key(), seen)
		b.WriteString("]")
		signature(b, t.Elem(), seen)
	default:
		b.WriteString(t.Kind().String())
	}
}

type valueCodec struct {
	enc func(*writer, reflect.Value)
	dec func(*reader, reflect.Value)
}

// build makes the codec of t; building is per call (no shared cache),
// cheap next to the values it encodes.
func build(t reflect.Type, made map[reflect.Type]*valueCodec) (*valueCodec, error) {
	if c, ok := made[t]; ok {
		return c, nil // a recursive type: filled in below
	}
	c := &valueCodec{}
	made[t] = c
	switch t.Kind() {
	case reflect.String:
		c.enc = func(w *writer, v reflect.Value) { w.str(v.String()) }
		c.dec = func(r *reader, v reflect.Value) { v.SetString(r.str()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(w *writer, v reflect.Value) { w.b = binary.AppendVarint(w.b, v.Int()) }
		c.dec = func(r *reader, v reflect.Value) {
			x := r.int64()
			if v.OverflowInt(x) {
				r.fail("number")
				return
			}
			v.SetInt(x)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		c.enc = func(w *writer, v reflect.Value) { w.uint(v.Uint()) }
		c.dec = func(r *reader, v reflect.Value) {
			x := r.uint()
			if v.OverflowUint(x) {
				r.fail("number")
				return
			}
			v.SetUint(x)
		}
	case reflect.Float32, reflect.Float64:
		c.enc = func(w *writer, v reflect.Value) { w.float(v.Float()) }
		c.dec = func(r *reader, v reflect.Value) { v.SetFloat(r.float()) }
	case reflect.Bool:
		c.enc = func(w *writer, v reflect.Value) { w.bool(v.Bool()) }
		c.dec = func(r *reader, v reflect.Value) { v.SetBool(r.bool()) }
	case reflect.Pointer:
		elem, err := build(t.Elem(), made)
		if err != nil {
			return nil, err
		}
		c.enc = func(w *writer, v reflect.Value) {
			w.bool(!v.IsNil())
			if !v.IsNil() {
				elem.enc(w, v.Elem())
			}
		}
		c.dec = func(r *reader, v reflect.Value) {
			if r.bool() {
				p := reflect.New(t.Elem())
				elem.dec(r, p.Elem())
				v.Set(p)
			}
		}
	case reflect.Slice:
		if t.Elem() == reflect.TypeFor[byte]() {
			// bytes as they are: packed data (a search's spans) would
			// cost a call per byte
			c.enc = func(w *writer, v reflect.Value) {
				w.count(v.Len(), v.IsNil())
				w.b = append(w.b, v.Bytes()...)
			}
			c.dec = func(r *reader, v reflect.Value) {
				n := r.count()
				if n < 0 {
					return
				}
				s := reflect.MakeSlice(t, n, n)
				reflect.Copy(s, reflect.ValueOf(r.b[:n]))
				r.b = r.b[n:]
				v.Set(s)
			}
			break
		}
		elem, err := build(t.Elem(), made)
		if err != nil {
			return nil, err
		}
		c.enc = func(w *writer, v reflect.Value) {
			n := v.Len()
			w.count(n, v.IsNil())
			for i := range n {
				elem.enc(w, v.Index(i))
			}
		}
		c.dec = func(r *reader, v reflect.Value) {
			n := r.count()
			if n < 0 {
				return
			}
			s := reflect.MakeSlice(t, n, n)
			for i := 0; i < n && r.err == nil; i++ {
				elem.dec(r, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("encode %s: only maps with string keys", t)
		}
		key, err := build(t.Key(), made)
		if err != nil {
			return nil, err
		}
		elem, err := build(t.Elem(), made)
		if err != nil {
			return nil, err
		}
		c.enc = func(w *writer, v reflect.Value) {
			w.count(v.Len(), v.IsNil())
			keys := v.MapKeys()
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
			for _, k := range keys {
				key.enc(w, k)
				elem.enc(w, v.MapIndex(k))
			}
		}
		c.dec = func(r *reader, v reflect.Value) {
			n := r.count()
			if n < 0 {
				return
			}
			m := reflect.MakeMapWithSize(t, n)
			for i := 0; i < n && r.err == nil; i++ {
				k := reflect.New(t.Key()).Elem()
				key.dec(r, k)
				e := reflect.New(t.Elem()).Elem()
				elem.dec(r, e)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Struct:
		var fields []*valueCodec
		var at []int // the fields' places in the struct
		for i := range t.NumField() {
			f := t.Field(i)
			if skipped(f) {
				continue
			}
			if !f.IsExported() {
				return nil, fmt.Errorf("encode %s: the unexported field %s would be lost", t, f.Name)
			}
			fc, err := build(f.Type, made)
			if err != nil {
				return nil, err
			}
			fields = append(fields, fc)
			at = append(at, i)
		}
		c.enc = func(w *writer, v reflect.Value) {
			for i, fc := range fields {
				fc.enc(w, v.Field(at[i]))
			}
		}
		c.dec = func(r *reader, v reflect.Value) {
			for i, fc := range fields {
				if r.err != nil {
					return
				}
				fc.dec(r, v.Field(at[i]))
			}
		}
	default:
		return nil, fmt.Errorf("encode %s: cannot encode a %s", t, t.Kind())
	}
	return c, nil
}
