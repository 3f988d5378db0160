package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// rebuildXref is the last resort for a file whose cross-reference data or
// object syntax is broken: it scans the file for object definitions and
// writes a new file with the same objects, each closed by "endobj", junk
// between them dropped, and an uncompressed cross-reference stream that
// lists them and the contents of object streams, with a trailer naming the
// catalog. It returns nil when nothing usable is found.
func rebuildXref(data []byte) []byte {
	type entry struct {
		typ      byte
		off, stm int
		idx, gen int
	}
	entries := map[int]entry{}
	copyOff := map[int]int{} // object → offset of its body in out
	maxObj := 0
	var objStms []int
	var catalog = -1
	var pageObjs []string
	out := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	defs := findObjDefs(data)
	next := 0 // definitions before this offset lie inside an earlier stream
	for i, d := range defs {
		if d.at < next {
			continue
		}
		limit := len(data)
		for k := i + 1; k < len(defs); k++ {
			if defs[k].at >= d.body {
				limit = defs[k].at
				break
			}
		}
		body, end := objectBody(data, d.body, limit)
		next = end
		body = repairHead(body)
		num, gen := d.num, d.gen
		entries[num] = entry{typ: 1, off: len(out), gen: gen}
		maxObj = max(maxObj, num)
		out = fmt.Appendf(out, "%d %d obj\n", num, gen)
		copyOff[num] = len(out)
		out = append(out, body...)
		out = append(out, "\nendobj\n"...)
		head := body[:min(len(body), 4096)]
		if i := bytes.Index(head, []byte("stream")); i >= 0 {
			head = head[:i]
		}
		if typeObjStm.Match(head) {
			objStms = append(objStms, num)
		}
		if typeCatalog.Match(head) {
			catalog = num
		}
		if typePage.Match(head) && len(pageObjs) < maxPages {
			pageObjs = append(pageObjs, fmt.Sprintf("%d %d R", num, gen))
		}
	}
	// Objects stored in object streams, read from the copies written
	// (their heads repaired).
	for _, stm := range objStms {
		off := copyOff[stm]
		k := bytes.Index(out[off:min(len(out), off+512)], []byte("<<"))
		if k < 0 {
			continue
		}
		d, end := readDict(out, off+k+2, 0)
		raw := streamAfter(out, end, d["Length"])
		if raw == nil {
			continue
		}
		if f, ok := d["Filter"]; ok {
			if f.kind != opName || f.str != "FlateDecode" {
				continue
			}
			zr, err := zlib.NewReader(bytes.NewReader(raw))
			if err != nil {
				continue
			}
			raw, _ = io.ReadAll(io.LimitReader(zr, 64<<20))
		}
		n := int(d["N"].num)
		l := lexer{data: raw}
		for i := 0; i < n && i < maxObjects; i++ {
			var a, b operand
			if k, _ := l.next(&a, maxNesting); k != tokOperand || a.kind != opNum {
				break
			}
			if k, _ := l.next(&b, maxNesting); k != tokOperand || b.kind != opNum {
				break
			}
			num := int(a.num)
			if num <= 0 || num >= maxObjects {
				continue
			}
			if _, direct := entries[num]; !direct {
				entries[num] = entry{typ: 2, stm: stm, idx: i}
				maxObj = max(maxObj, num)
			}
		}
	}
	if len(entries) == 0 {
		return nil
	}
	trailer := ""
	if m := lastRef(data, "/Root"); m != "" {
		trailer += " /Root " + m
	} else if catalog > 0 {
		trailer += fmt.Sprintf(" /Root %d %d R", catalog, entries[catalog].gen)
	} else {
		return nil
	}
	if m := lastRef(data, "/Info"); m != "" {
		trailer += " /Info " + m
	}
	if m := lastRef(data, "/Encrypt"); m != "" {
		trailer += " /Encrypt " + m
		if i := bytes.LastIndex(data, []byte("/ID")); i >= 0 {
			if j := bytes.IndexByte(data[i:min(len(data), i+300)], ']'); j > 0 {
				trailer += " " + string(data[i:i+j+1])
			}
		}
	}
	// The page objects found, for when the page tree itself is lost.
	if len(pageObjs) > 0 {
		trailer += " /ParallaxPages [" + strings.Join(pageObjs, " ") + "]"
	}
	size := maxObj + 2
	self := maxObj + 1
	var rows bytes.Buffer
	for i := 0; i < size; i++ {
		e, ok := entries[i]
		switch {
		case i == 0 || !ok:
			rows.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
		case e.typ == 1:
			rows.Write([]byte{1, byte(e.off >> 24), byte(e.off >> 16), byte(e.off >> 8), byte(e.off), byte(e.gen >> 8), byte(e.gen)})
		default:
			rows.Write([]byte{2, byte(e.stm >> 24), byte(e.stm >> 16), byte(e.stm >> 8), byte(e.stm), byte(e.idx >> 8), byte(e.idx)})
		}
	}
	at := len(out)
	out = append(out, fmt.Sprintf("%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2]%s /Length %d >>\nstream\n", self, size, trailer, rows.Len())...)
	out = append(out, rows.Bytes()...)
	out = append(out, fmt.Sprintf("\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)...)
	return out
}

// Abbreviated filter names (allowed for inline images, written by some
// producers for streams too) and a stray "N R" after a reference, which
// poppler skips: both make the library drop the object.
var (
	filterEntry  = regexp.MustCompile(`/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)`)
	filterAbbrev = regexp.MustCompile(`/(AHx|A85|LZW|Fl|RL)\b`)
	strayRef     = regexp.MustCompile(`(\d+\s+\d+\s+R)\s+\d+\s+R\b`)
	longFilter   = map[string]string{"/AHx": "/ASCIIHexDecode", "/A85": "/ASCII85Decode", "/LZW": "/LZWDecode", "/Fl": "/FlateDecode", "/RL": "/RunLengthDecode"}
)

// repairHead repairs the object's syntax before its stream data.
func repairHead(body []byte) []byte {
	head := body
	if i := bytes.Index(body, []byte("stream")); i >= 0 {
		head = body[:i]
	}
	fixed := filterEntry.ReplaceAllFunc(head, func(m []byte) []byte {
		return filterAbbrev.ReplaceAllFunc(m, func(a []byte) []byte { return []byte(longFilter[string(a)]) })
	})
	fixed = strayRef.ReplaceAll(fixed, []byte("$1"))
	if bytes.Equal(fixed, head) {
		return body
	}
	return append(fixed, body[len(head):]...)
}

var (
	typeObjStm  = regexp.MustCompile(`/Type\s*/ObjStm\b`)
	typeCatalog = regexp.MustCompile(`/Type\s*/Catalog\b`)
	typePage    = regexp.MustCompile(`/Type\s*/Page\b`)
	refAfter    = regexp.MustCompile(`^\s*(\d{1,9}\s+\d{1,5}\s+R)`)
)

// lastRef returns the last "N G R" that follows key in data.
func lastRef(data []byte, key string) string {
	end := len(data)
	for n := 0; n < 100; n++ {
		i := bytes.LastIndex(data[:end], []byte(key))
		if i < 0 {
			return ""
		}
		if m := refAfter.FindSubmatch(data[i+len(key) : min(len(data), i+len(key)+40)]); m != nil {
			return string(m[1])
		}
		end = i
	}
	return ""
}

// objDefAt is an object definition "num gen obj" found by scanning.
type objDefAt struct {
	num, gen int
	at       int // offset of num
	body     int // offset after "obj"
}

// findObjDefs finds the "num gen obj" headers of a file, in order.
func findObjDefs(data []byte) []objDefAt {
	var out []objDefAt
	for i := 0; len(out) < maxObjects; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		p := i + j
		i = p + 3
		if i < len(data) && !isWhite(data[i]) && !isDelimiter(data[i]) {
			continue // "objstm" or such
		}
		q := p
		gen, q, ok1 := intBefore(data, q)
		num, q, ok2 := intBefore(data, q)
		if !ok1 || !ok2 || num <= 0 || num >= maxObjects || gen > 65535 {
			continue
		}
		if q > 0 && !isWhite(data[q-1]) && !isDelimiter(data[q-1]) {
			continue
		}
		out = append(out, objDefAt{num: num, gen: gen, at: q, body: i})
	}
	return out
}

// intBefore reads the unsigned integer that ends before white space
// ending at q; it returns the integer and its start.
func intBefore(data []byte, q int) (int, int, bool) {
	k := q
	for k > 0 && isWhite(data[k-1]) {
		k--
	}
	if k == q {
		return 0, q, false
	}
	e := k
	for k > 0 && e-k < 10 && data[k-1] >= '0' && data[k-1] <= '9' {
		k--
	}
	if k == e {
		return 0, q, false
	}
	v, err := strconv.Atoi(string(data[k:e]))
	return v, k, err == nil
}

// objectBody returns the body of the object whose definition starts at p
// (after "obj"): one value and, for a stream, its data through
// "endstream"; limit is where the next definition starts. It also returns
// the offset in data where the body ends.
func objectBody(data []byte, p, limit int) ([]byte, int) {
	l := lexer{data: data[:limit], pos: p}
	var v operand
	if k, _ := l.next(&v, 0); k != tokOperand {
		b := data[p:limit]
		if i := bytes.Index(b, []byte("endobj")); i >= 0 {
			b = b[:i]
		}
		return b, p + len(b)
	}
	end := l.pos
	l.skipSpace()
	if bytes.HasPrefix(data[l.pos:limit], []byte("stream")) {
		// The stream's data may hold anything, even "obj": search its end
		// in the whole file.
		if i := bytes.Index(data[l.pos:], []byte("endstream")); i >= 0 {
			end = l.pos + i + len("endstream")
		} else {
			end = len(data)
		}
	}
	return data[p:end], end
}
