package pdftext

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/parallaxworkbench/parallax/resources"
)

// cidCollection maps the CIDs of an Adobe character collection (Japan1,
// GB1, CNS1, Korea1) to Unicode, for composite fonts with neither a
// ToUnicode map nor an embedded font that gives one: CJK PDFs from older
// Acrobat and InDesign versions, whose fonts were not embedded or are
// CID-keyed CFF.
type cidCollection struct {
	runs  []cidRun // sorted by first CID
	multi map[uint32]string
}

// cidRun maps CIDs cid..cid+n-1 to consecutive code points from r.
type cidRun struct {
	cid, n uint32
	r      rune
}

// text returns the Unicode text of cid, or "".
func (c *cidCollection) text(cid uint32) string {
	i := sort.Search(len(c.runs), func(i int) bool { return c.runs[i].cid+c.runs[i].n > cid })
	if i < len(c.runs) && c.runs[i].cid <= cid {
		return string(c.runs[i].r + rune(cid-c.runs[i].cid))
	}
	return c.multi[cid]
}

// adobeCollections are the orderings with a table in resources/cidmaps.
var adobeCollections = map[string]bool{"Japan1": true, "GB1": true, "CNS1": true, "Korea1": true}

// collection returns the table of an Adobe ordering, loaded once per
// extraction, or nil.
func (x *extractor) collection(ordering string) *cidCollection {
	if !adobeCollections[ordering] {
		return nil
	}
	if c, ok := x.collections[ordering]; ok {
		return c
	}
	c, err := loadCollection(ordering)
	if err != nil {
		x.warnf("CID table Adobe-%s: %v", ordering, err)
	}
	if x.collections == nil {
		x.collections = map[string]*cidCollection{}
	}
	x.collections[ordering] = c
	return c
}

func loadCollection(ordering string) (*cidCollection, error) {
	data, err := readCIDMaps("cidmaps/Adobe-" + ordering + ".bin.gz")
	if err != nil {
		return nil, err
	}
	return parseCollection(data)
}

// readCIDMaps reads and unzips one of the embedded CID tables.
func readCIDMaps(name string) ([]byte, error) {
	f, err := resources.CIDMaps.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}

var errBadTable = errors.New("damaged table")

// parseCollection reads the format written by resources/gencidmaps.
func parseCollection(b []byte) (*cidCollection, error) {
	if len(b) < 4 {
		return nil, errBadTable
	}
	n := int(binary.BigEndian.Uint32(b))
	b = b[4:]
	if len(b) < 8*n+4 {
		return nil, errBadTable
	}
	c := &cidCollection{runs: make([]cidRun, n), multi: map[uint32]string{}}
	for i := range c.runs {
		c.runs[i] = cidRun{
			cid: uint32(binary.BigEndian.Uint16(b)),
			n:   uint32(binary.BigEndian.Uint16(b[2:])),
			r:   rune(binary.BigEndian.Uint32(b[4:])),
		}
		b = b[8:]
	}
	m := int(binary.BigEndian.Uint32(b))
	b = b[4:]
	for i := 0; i < m; i++ {
		if len(b) < 3 || len(b) < 3+4*int(b[2]) {
			return nil, errBadTable
		}
		cid, k := uint32(binary.BigEndian.Uint16(b)), int(b[2])
		var s bytes.Buffer
		for j := 0; j < k; j++ {
			s.WriteRune(rune(binary.BigEndian.Uint32(b[3+4*j:])))
		}
		c.multi[cid] = s.String()
		b = b[3+4*k:]
	}
	return c, nil
}

// adobeOrdering returns the Ordering of a CIDFont whose CIDs are those of
// an Adobe character collection, or "".
func adobeOrdering(desc pdf.Value) string {
	info := desc.Key("CIDSystemInfo")
	if info.Key("Registry").RawString() != "Adobe" {
		return ""
	}
	return info.Key("Ordering").RawString()
}

// predefCMap is a predefined CMap of a legacy CJK encoding (Shift-JIS,
// EUC, GBK, Big5, UHC): how codes split and which CID each names.
type predefCMap struct {
	ordering string
	space    []codespace
	ranges   []codeRange // sorted by length, then low code
}

type codeRange struct {
	n      int
	lo, hi uint32
	cid    uint32
}

// cid returns the CID of the n-byte code.
func (m *predefCMap) cid(code uint32, n int) (uint32, bool) {
	i := sort.Search(len(m.ranges), func(i int) bool {
		r := m.ranges[i]
		return r.n > n || r.n == n && r.hi >= code
	})
	if i < len(m.ranges) && m.ranges[i].n == n && m.ranges[i].lo <= code {
		return m.ranges[i].cid + code - m.ranges[i].lo, true
	}
	return 0, false
}

// predefined returns the predefined CMap called name (a vertical one
// through its horizontal form), or nil.
func (x *extractor) predefined(name string) *predefCMap {
	if x.cmaps == nil {
		m, err := loadPredefined()
		if err != nil {
			x.warnf("predefined CMaps: %v", err)
			m = map[string]*predefCMap{}
		}
		x.cmaps = m
	}
	if name == "V" {
		name = "H"
	} else if h, ok := strings.CutSuffix(name, "-V"); ok {
		name = h + "-H"
	}
	return x.cmaps[name]
}

func loadPredefined() (map[string]*predefCMap, error) {
	data, err := readCIDMaps("cidmaps/cmaps.bin.gz")
	if err != nil {
		return nil, err
	}
	return parsePredefined(data)
}

// parsePredefined reads the format written by resources/gencidmaps.
func parsePredefined(b []byte) (map[string]*predefCMap, error) {
	r := tableReader{b: b}
	out := map[string]*predefCMap{}
	count := int(r.uint(2))
	for k := 0; k < count && r.err == nil; k++ {
		name := string(r.bytes(int(r.uint(1))))
		m := &predefCMap{ordering: string(r.bytes(int(r.uint(1))))}
		for s := int(r.uint(1)); s > 0 && r.err == nil; s-- {
			n := int(r.uint(1))
			if n < 1 || n > 4 {
				r.err = errBadTable
				break
			}
			cs := codespace{n: n}
			copy(cs.lo[:], r.bytes(n))
			copy(cs.hi[:], r.bytes(n))
			m.space = append(m.space, cs)
		}
		nr := int(r.uint(4))
		if nr > len(b) {
			return nil, errBadTable
		}
		m.ranges = make([]codeRange, 0, nr)
		for i := 0; i < nr && r.err == nil; i++ {
			m.ranges = append(m.ranges, codeRange{n: int(r.uint(1)), lo: r.uint(4), hi: r.uint(4), cid: r.uint(2)})
		}
		out[name] = m
	}
	if r.err != nil {
		return nil, r.err
	}
	return out, nil
}

// tableReader reads big-endian fields, remembering the first overrun.
type tableReader struct {
	b   []byte
	err error
}

func (r *tableReader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.err = errBadTable
		return make([]byte, n)
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *tableReader) uint(n int) uint32 {
	var v uint32
	for _, c := range r.bytes(n) {
		v = v<<8 | uint32(c)
	}
	return v
}
