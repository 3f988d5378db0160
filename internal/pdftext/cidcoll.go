package pdftext

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"sort"

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
	f, err := resources.CIDMaps.Open("cidmaps/Adobe-" + ordering + ".bin.gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return parseCollection(data)
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
