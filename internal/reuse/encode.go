package reuse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// indexFormat names the encoding of an Index and the Find it was computed
// by: change it whenever Find gives other results for the same input
// (tokenizing, winnowing, seeding, aligning), so that an Index kept by an
// older Parallax is refused rather than mixed with new results.
const indexFormat = "parallax-reuse-index/1"

// MarshalBinary encodes ix, for a store to keep it between runs (its Stats
// are not kept). About Size bytes.
func (ix *Index) MarshalBinary() ([]byte, error) {
	n := len(indexFormat) + 64 + len(ix.docs)*24 + len(ix.hashes)*12 + len(ix.aligns)*int(alignFields)*4
	for _, d := range ix.docs {
		n += len(d.path)
	}
	b := make([]byte, 0, n)
	b = append(b, indexFormat...)
	o := ix.opts
	for _, v := range []int{o.NGram, o.Window, o.MinWords, o.MaxMismatches, o.MinRun, o.MaxDocFreq, o.HubDocFreq} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.MinSimilarity))
	b = append(b, boolByte(ix.keyed))
	b = binary.AppendUvarint(b, uint64(len(ix.docs)))
	for _, d := range ix.docs {
		b = append(b, boolByte(d.present))
		if d.present {
			b = binary.AppendUvarint(b, uint64(len(d.path)))
			b = append(b, d.path...)
			b = append(b, d.sum[:]...)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(ix.hashes)))
	for _, h := range ix.hashes {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	for _, d := range ix.holders {
		b = binary.LittleEndian.AppendUint32(b, d)
	}
	b = binary.AppendUvarint(b, uint64(len(ix.aligns)))
	for _, al := range ix.aligns {
		for _, v := range al.fields() {
			b = binary.LittleEndian.AppendUint32(b, v)
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// UnmarshalIndex decodes an Index that MarshalBinary encoded. It refuses
// data that is damaged, inconsistent, or from another version of Find.
func UnmarshalIndex(data []byte) (*Index, error) {
	if len(data) < len(indexFormat)+4 || string(data[:len(indexFormat)]) != indexFormat {
		return nil, errors.New("reuse: not an index of this version")
	}
	body := data[:len(data)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, errors.New("reuse: index damaged (checksum)")
	}
	r := reader{b: body[len(indexFormat):]}
	ix := &Index{}
	o := &ix.opts
	for _, p := range []*int{&o.NGram, &o.Window, &o.MinWords, &o.MaxMismatches, &o.MinRun, &o.MaxDocFreq, &o.HubDocFreq} {
		*p = r.int()
	}
	o.MinSimilarity = math.Float64frombits(r.u64())
	ix.keyed = r.byte() == 1
	nd := r.int()
	if nd > len(r.b) {
		r.fail("documents")
		nd = 0
	}
	ix.docs = make([]docKey, nd)
	for i := range ix.docs {
		if r.byte() != 1 {
			continue
		}
		d := &ix.docs[i]
		d.present = true
		d.path = string(r.take(r.int()))
		copy(d.sum[:], r.take(len(d.sum)))
	}
	n := r.int()
	if n > len(r.b)/12 {
		r.fail("inverted index")
		n = 0
	}
	ix.hashes, ix.holders = make([]uint64, n), make([]uint32, n)
	hb := r.take(8 * n)
	for k := range ix.hashes {
		ix.hashes[k] = binary.LittleEndian.Uint64(hb[8*k:])
	}
	db := r.take(4 * n)
	for k := range ix.holders {
		ix.holders[k] = binary.LittleEndian.Uint32(db[4*k:])
	}
	na := r.int()
	if na > len(r.b)/(4*alignFields) {
		r.fail("alignments")
		na = 0
	}
	ix.aligns = make([]alignment, na)
	ab := r.take(4 * alignFields * na)
	var f [alignFields]uint32
	for k := range ix.aligns {
		for j := range f {
			f[j] = binary.LittleEndian.Uint32(ab[4*(alignFields*k+j):])
		}
		ix.aligns[k] = alignmentOf(f)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errors.New("reuse: index has trailing bytes")
	}
	if err := ix.check(); err != nil {
		return nil, err
	}
	return ix, nil
}

// check verifies what Update relies on: entries sorted and distinct, every
// document index in range, alignments' pairs in order.
func (ix *Index) check() error {
	o := ix.opts
	if !sameOptions(o, o.withDefaults()) || o.Workers != 0 {
		return errors.New("reuse: index options out of range")
	}
	nd := uint32(len(ix.docs))
	if ix.keyed {
		seen := make(map[string]struct{}, len(ix.docs))
		for _, d := range ix.docs {
			if _, dup := seen[d.path]; dup && d.present {
				return errors.New("reuse: index keyed by paths that repeat")
			}
			if d.present {
				seen[d.path] = struct{}{}
			}
		}
	}
	for k, h := range ix.hashes {
		d := ix.holders[k]
		if d >= nd || !ix.docs[d].present {
			return fmt.Errorf("reuse: index entry %d names document %d of %d", k, d, nd)
		}
		if k > 0 && (h < ix.hashes[k-1] || h == ix.hashes[k-1] && d <= ix.holders[k-1]) {
			return fmt.Errorf("reuse: index entry %d out of order", k)
		}
	}
	for k, al := range ix.aligns {
		if al.a >= al.b || al.b >= nd || !ix.docs[al.a].present || !ix.docs[al.b].present {
			return fmt.Errorf("reuse: alignment %d names documents %d, %d of %d", k, al.a, al.b, nd)
		}
		if al.sa < 0 || al.sa >= al.ea || al.sb < 0 || al.sb >= al.eb || al.bsa < 0 || al.bsa > al.bea || al.bsb < 0 || al.bsb > al.beb {
			return fmt.Errorf("reuse: alignment %d has empty or reversed spans", k)
		}
		if k > 0 && pairKey(al) < pairKey(ix.aligns[k-1]) {
			return fmt.Errorf("reuse: alignment %d out of order", k)
		}
	}
	return nil
}

// alignFields is the number of 32-bit fields of an alignment.
const alignFields = 15

func (al alignment) fields() [alignFields]uint32 {
	return [alignFields]uint32{al.a, al.b, uint32(al.sa), uint32(al.ea), uint32(al.sb), uint32(al.eb), uint32(al.matched),
		uint32(al.bsa), uint32(al.bea), uint32(al.bsb), uint32(al.beb), uint32(al.qsa), uint32(al.qea), uint32(al.qsb), uint32(al.qeb)}
}

func alignmentOf(f [alignFields]uint32) alignment {
	i := func(k int) int32 { return int32(f[k]) }
	return alignment{a: f[0], b: f[1], sa: i(2), ea: i(3), sb: i(4), eb: i(5), matched: i(6),
		bsa: i(7), bea: i(8), bsb: i(9), beb: i(10), qsa: i(11), qea: i(12), qsb: i(13), qeb: i(14)}
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// reader reads what MarshalBinary wrote; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("reuse: index truncated or damaged (%s)", what)
	}
	r.b = nil
}

func (r *reader) take(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail("length")
		return make([]byte, min(max(n, 0), 16)) // room for the fixed-size reads

	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) int() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) byte() byte { return r.take(1)[0] }

func (r *reader) u64() uint64 { return binary.LittleEndian.Uint64(r.take(8)) }
