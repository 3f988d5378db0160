// Package partcodec encodes what the engine keeps in the store: one
// document's extraction results (its mentions and the words it held for the
// project pass) and the project-level parts of an analysis (the entity
// groups with their mentions). The format is a small binary one
// (varints, strings written once then referred to by number) behind a
// magic, a kind, a version and a CRC-32: decoding 700,000 mentions takes
// a fraction of what gob or JSON take, and a corrupt or foreign blob is an
// error, never a wrong value.
package partcodec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// Version is written into every blob; a blob of another version does not
// decode. Bump it when a layout below changes.
const Version = 3 // 3: byte slices written as they are

// magic opens every blob.
const magic = "PXP"

// The kinds of blob.
const (
	kindDoc      = 'd'
	kindEntities = 'e'
)

// ErrCorrupt is wrapped by every decoding error.
var ErrCorrupt = errors.New("corrupt or foreign store blob")

// writer appends values to b. Strings are interned: the first occurrence
// is written whole, later ones as their number.
type writer struct {
	b []byte
	// chunked: b is moved to full each time it holds a chunk, and the
	// chunks are joined once, at the exact size, by finish. A project's
	// framing or entities (tens of megabytes) grown in one slice by
	// append were copied at every growth, leaving several times their
	// size in garbage while the whole analysis was live.
	chunked bool
	full    [][]byte
	strs    map[string]uint64
}

// writerChunk is the size of a chunked writer's chunks.
const writerChunk = 1 << 20

func newWriter(kind byte, sizeHint int) *writer {
	w := &writer{b: make([]byte, 0, sizeHint+16), strs: map[string]uint64{}}
	w.b = append(w.b, magic...)
	w.b = append(w.b, kind)
	w.uint(Version)
	return w
}

// newChunkedWriter is newWriter for a value that may be large (or
// small: the first chunk grows from 64 KiB as it fills).
func newChunkedWriter(kind byte) *writer {
	w := newWriter(kind, 1<<16)
	w.chunked = true
	return w
}

// spill moves a full chunk of a chunked writer to full.
func (w *writer) spill() {
	if w.chunked && len(w.b) >= writerChunk {
		w.full = append(w.full, w.b)
		w.b = make([]byte, 0, writerChunk+writerChunk/8)
	}
}

func (w *writer) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v); w.spill() }
func (w *writer) int(v int)     { w.b = binary.AppendVarint(w.b, int64(v)); w.spill() }
func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
	w.spill()
}
func (w *writer) float(f float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(f))
	w.spill()
}

// maxInterned is the longest string interned: longer ones (quotations,
// contexts, passages) seldom repeat, and hashing them costs more than
// writing them again.
const maxInterned = 64

// str writes a string: 0 and the string the first time it is interned,
// 1 and the string when it is too long to intern, its number+2 after.
func (w *writer) str(s string) {
	if len(s) > maxInterned {
		w.uint(1)
		w.uint(uint64(len(s)))
		w.b = append(w.b, s...)
		w.spill()
		return
	}
	if n, ok := w.strs[s]; ok {
		w.uint(n + 2)
		return
	}
	w.strs[s] = uint64(len(w.strs))
	w.uint(0)
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
	w.spill()
}

// count writes a slice's length, keeping nil apart from empty (JSON
// output tells null from []).
func (w *writer) count(n int, isNil bool) {
	if isNil {
		w.uint(0)
		return
	}
	w.uint(uint64(n) + 1)
}

func (w *writer) strList(s []string) { writeList(w, s, w.str) }

// writeList writes xs as its count (nil kept apart from empty), then each
// element by each.
func writeList[T any](w *writer, xs []T, each func(T)) {
	w.count(len(xs), xs == nil)
	for _, x := range xs {
		each(x)
	}
}

// finish appends the CRC-32 of everything before it, and returns the
// whole (a chunked writer's chunks joined into one slice of the exact
// size, each dropped once copied).
func (w *writer) finish() []byte {
	if len(w.full) == 0 {
		return binary.LittleEndian.AppendUint32(w.b, crc32.ChecksumIEEE(w.b))
	}
	n, sum := len(w.b)+4, uint32(0)
	for _, c := range w.full {
		n += len(c)
		sum = crc32.Update(sum, crc32.IEEETable, c)
	}
	sum = crc32.Update(sum, crc32.IEEETable, w.b)
	out := make([]byte, 0, n)
	for i, c := range w.full {
		out = append(out, c...)
		w.full[i] = nil
	}
	out = append(out, w.b...)
	w.full, w.b = nil, nil
	return binary.LittleEndian.AppendUint32(out, sum)
}

// reader reads what writer wrote; the first error sticks and every later
// read returns a zero value, so decoders check once at the end.
type reader struct {
	b    []byte
	strs []string
	err  error
}

func newReader(data []byte, kind byte) (*reader, error) {
	if len(data) < len(magic)+2+4 {
		return nil, fmt.Errorf("%w: %d bytes", ErrCorrupt, len(data))
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	if string(body[:len(magic)]) != magic || body[len(magic)] != kind {
		return nil, fmt.Errorf("%w: not a %q blob", ErrCorrupt, kind)
	}
	r := &reader{b: body[len(magic)+1:]}
	if v := r.uint(); r.err != nil || v != Version {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrCorrupt, v, Version)
	}
	return r, nil
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: bad %s", ErrCorrupt, what)
	}
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) int() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 || v > math.MaxInt32*1024 || v < -math.MaxInt32*1024 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) int64() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bool() bool {
	if r.err != nil {
		return false
	}
	if len(r.b) == 0 || r.b[0] > 1 {
		r.fail("flag")
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *reader) float() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.fail("number")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

func (r *reader) str() string {
	ref := r.uint()
	if r.err != nil {
		return ""
	}
	if ref > 1 {
		if ref-2 >= uint64(len(r.strs)) {
			r.fail("string reference")
			return ""
		}
		return r.strs[ref-2]
	}
	n := r.uint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) || ref == 0 && n > maxInterned || ref == 1 && n <= maxInterned {
		r.fail("string length")
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	if ref == 0 {
		r.strs = append(r.strs, s)
	}
	return s
}

// count reads a slice length written by writer.count: -1 for nil. A
// length is bounded by the bytes left (each element takes at least one),
// so a corrupt one cannot allocate wildly.
func (r *reader) count() int {
	n := r.uint()
	if r.err != nil || n == 0 {
		return -1
	}
	n--
	if n > uint64(len(r.b)) {
		r.fail("length")
		return -1
	}
	return int(n)
}

func (r *reader) strList() []string { return readList(r, r.str) }

// readList reads what writeList wrote, each element by each: nil when it
// was nil.
func readList[T any](r *reader, each func() T) []T {
	n := r.count()
	if n < 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = each()
	}
	return out
}

// end reports the first error, or trailing bytes.
func (r *reader) end() error {
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%w: %d bytes after the end", ErrCorrupt, len(r.b))
	}
	return nil
}
