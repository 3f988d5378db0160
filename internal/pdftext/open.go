package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/ledongthuc/pdf"
)

// stopFlag tells abandoned work to stop: every read of the file and every
// operator loop checks it and unwinds with a stopped panic.
type stopFlag struct{ v atomic.Bool }

func newStopFlag() *stopFlag { return &stopFlag{} }
func (s *stopFlag) set()     { s.v.Store(true) }
func (s *stopFlag) check() {
	if s != nil && s.v.Load() {
		panic(stopped{})
	}
}

// stopped is the panic value that unwinds abandoned work.
type stopped struct{}

// guardedReader serves the file's bytes to the library and stops it when
// the work was abandoned.
type guardedReader struct {
	data    []byte
	stop    *stopFlag
	reads   int
	deep    bool // the call-depth guard fired
	rebuilt bool // the view has a rebuilt cross-reference table
	frames  [maxFrames]uintptr
}

// maxFrames bounds the call depth at which the library may read: deeper
// means runaway recursion over a looping structure, which would otherwise
// end in a fatal stack overflow.
const maxFrames = 2048

// errTooDeep unwinds runaway recursion in the library.
type errTooDeep struct{}

func (errTooDeep) Error() string { return "object references nest too deeply (a reference loop?)" }

func (g *guardedReader) ReadAt(p []byte, off int64) (int, error) {
	g.stop.check()
	g.reads++
	if g.reads%4 == 0 && runtime.Callers(1, g.frames[:]) == maxFrames {
		g.deep = true
		panic(errTooDeep{})
	}
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(g.data)) {
		return 0, io.EOF
	}
	n := copy(p, g.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// maxObjects bounds object numbers and counts the library would allocate
// tables for.
const maxObjects = 4 << 20

// checkAllocations rejects files whose cross-reference data would make the
// library allocate absurd tables (it sizes them from /Size, /Index and xref
// subsection headers without checks) or loop for absurd counts.
func checkAllocations(data []byte) error {
	for _, key := range []string{"/Size", "/N", "/Columns", "/Index"} {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte(key))
			if j < 0 {
				break
			}
			i += j + len(key)
			if i < len(data) && !isWhite(data[i]) && !isDelimiter(data[i]) {
				continue // a longer name such as /Sizes
			}
			nums := leadingInts(data[i:], key == "/Index")
			limit := int64(maxObjects)
			if key == "/Columns" {
				limit = 1 << 20
			}
			for k, v := range nums {
				if key == "/Index" && k%2 == 1 {
					v += nums[k-1]
				}
				if v > limit {
					return errorf(ErrMalformed, "malformed PDF: %s %d out of range", key, v)
				}
			}
		}
	}
	// xref table subsection headers: "start count" lines after "xref".
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			break
		}
		i += j + 4
		if i-5 >= 0 && data[i-5] != '\n' && data[i-5] != '\r' {
			continue
		}
		l := lexer{data: data, pos: i}
		for sections := 0; sections < 10000; sections++ {
			var a, b operand
			if k, _ := l.next(&a, maxNesting); k != tokOperand || a.kind != opNum {
				break
			}
			if k, _ := l.next(&b, maxNesting); k != tokOperand || b.kind != opNum {
				break
			}
			if a.num < 0 || b.num < 0 || a.num+b.num > maxObjects {
				return errorf(ErrMalformed, "malformed PDF: xref subsection %.0f %.0f out of range", a.num, b.num)
			}
			// Skip the rest of the header line, then the entries, one per
			// line. (Counting the header's own line end as an entry left
			// the last entry to be read as the next header: its offset,
			// beyond maxObjects in files over 4 MB, rejected them.)
			if nl := bytes.IndexAny(data[l.pos:], "\r\n"); nl >= 0 && nl < 64 {
				l.pos += nl + 1
				if l.pos < len(data) && data[l.pos-1] == '\r' && data[l.pos] == '\n' {
					l.pos++
				}
			}
			for n := 0; n < int(b.num) && l.pos < len(data); n++ {
				nl := bytes.IndexAny(data[l.pos:], "\r\n")
				if nl < 0 {
					l.pos = len(data)
					break
				}
				l.pos += nl + 1
				if l.pos < len(data) && data[l.pos-1] == '\r' && data[l.pos] == '\n' {
					l.pos++
				}
			}
		}
	}
	return nil
}

// leadingInts reads the integer (or, for an array, the integers) after a
// dictionary key.
func leadingInts(b []byte, array bool) []int64 {
	l := lexer{data: b}
	if len(b) > 4096 {
		l.data = b[:4096]
	}
	var o operand
	k, _ := l.next(&o, maxNesting-1)
	if k != tokOperand {
		return nil
	}
	switch {
	case o.kind == opNum && !array:
		return []int64{int64(o.num)}
	case o.kind == opArray && array:
		var out []int64
		for _, e := range o.arr {
			if e.kind == opNum {
				out = append(out, int64(e.num))
			}
		}
		return out
	}
	return nil
}

// candidate views of a file for the library, from the file as is to
// repaired variants. The library wants "%PDF-1.[0-7]" and a line end at
// byte 0, "%%EOF" within the last 100 bytes and "startxref" just before it.
func candidates(data []byte) ([][]byte, error) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	k := bytes.Index(head, []byte("%PDF-"))
	var out [][]byte
	add := func(v []byte) {
		for _, o := range out {
			if len(o) == len(v) && (len(v) == 0 || &o[0] == &v[0]) {
				return
			}
		}
		out = append(out, v)
	}
	okHeader := k == 0 && len(data) > 9 && bytes.HasPrefix(data, []byte("%PDF-1.")) &&
		data[7] >= '0' && data[7] <= '7' && (data[8] == '\r' || data[8] == '\n')
	tailOK := tailIsClean(data)
	fixed := fixTail(data)
	if unlooped := breakPrevLoop(fixed); unlooped != nil {
		fixed = unlooped
	} else if okHeader && tailOK {
		add(data)
	}
	if nl := bytes.IndexAny(data, "\r\n"); k >= 0 || len(data) > 0 && data[0] == '%' && nl >= 8 {
		// withHeader writes over the first bytes: a comment line at most
		// when there is no header (the rebuilt file serves otherwise).
		add(withHeader(fixed))
	}
	if k > 0 {
		add(withHeader(fixed[k:]))
	}
	if r := repairStartxref(fixed); r != nil {
		add(withHeader(r))
	}
	if bytes.Contains(fixed, []byte("/Prev")) {
		add(withHeader(bytes.ReplaceAll(fixed, []byte("/Prev"), []byte("/Xrev"))))
	}
	return out, nil
}

// rebuilt computes, once per extraction, the view of a file with a rebuilt
// cross-reference table.
type rebuilt struct {
	data []byte
	done bool
	view []byte
}

// get returns the rebuilt view, or nil.
func (b *rebuilt) get() []byte {
	if !b.done {
		b.done = true
		if r := rebuildXref(fixTail(b.data)); r != nil {
			b.view = withHeader(r)
		}
	}
	return b.view
}

func tailIsClean(data []byte) bool {
	n := len(data)
	start := n - 100
	if start < 0 {
		start = 0
	}
	t := bytes.TrimRight(data[start:], "\r\n\t ")
	return bytes.HasSuffix(t, []byte("%%EOF"))
}

// fixTail drops what follows the last %%EOF, or appends a %%EOF when there
// is none (a truncated file).
func fixTail(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		out := make([]byte, 0, len(data)+8)
		out = append(out, data...)
		return append(out, "\n%%EOF\n"...)
	}
	end := i + 5
	if end+2 >= len(data) {
		return data
	}
	return data[:end:end]
}

// withHeader returns data with a header the library accepts written over
// its first nine bytes (a comment line, so offsets stay valid).
func withHeader(data []byte) []byte {
	if len(data) > 9 && bytes.HasPrefix(data, []byte("%PDF-1.")) && data[7] >= '0' && data[7] <= '7' &&
		(data[8] == '\r' || data[8] == '\n') {
		return data
	}
	out := make([]byte, len(data))
	copy(out, data)
	if len(out) >= 9 {
		copy(out, "%PDF-1.7\n")
	}
	return out
}

// repairStartxref points a new startxref at the last cross-reference table
// or stream when the file's own pointer is wrong or missing.
func repairStartxref(data []byte) []byte {
	off := -1
	if i := lastLineStart(data, "xref"); i >= 0 {
		off = i
	}
	// An xref stream: "N G obj" followed by a dictionary with /Type/XRef.
	if j := bytes.LastIndex(data, []byte("/XRef")); j > off {
		if o := objStartBefore(data, j); o > off {
			off = o
		}
	}
	if off < 0 {
		return nil
	}
	body := data
	if i := bytes.LastIndex(body, []byte("startxref")); i >= 0 && i > off {
		body = body[:i]
	}
	body = bytes.TrimRight(body, "\r\n\t %EOF")
	out := make([]byte, 0, len(body)+40)
	out = append(out, body...)
	out = append(out, "\nstartxref\n"+strconv.Itoa(off)+"\n%%EOF\n"...)
	return out
}

func lastLineStart(data []byte, word string) int {
	end := len(data)
	for end > 0 {
		i := bytes.LastIndex(data[:end], []byte(word))
		if i < 0 {
			return -1
		}
		if i > 0 && (data[i-1] == '\n' || data[i-1] == '\r') && !strings.HasPrefix(string(data[i:min(i+9, len(data))]), "startxref") {
			return i
		}
		end = i
	}
	return -1
}

// objStartBefore finds the "N G obj" header that starts the object holding
// offset j.
func objStartBefore(data []byte, j int) int {
	lo := j - 4096
	if lo < 0 {
		lo = 0
	}
	i := bytes.LastIndex(data[lo:j], []byte(" obj"))
	if i < 0 {
		return -1
	}
	i += lo
	// walk back over "G" and "N"
	p := i
	for fields := 0; fields < 2; fields++ {
		for p > 0 && (data[p-1] == ' ') {
			p--
		}
		for p > 0 && data[p-1] >= '0' && data[p-1] <= '9' {
			p--
		}
	}
	if p < 0 || p >= i {
		return -1
	}
	return p
}

// openReader opens the first candidate view the library accepts and
// classifies the failure otherwise.
func openReader(data []byte, last *rebuilt, stop *stopFlag) (*pdf.Reader, *guardedReader, []string, error) {
	views, err := candidates(data)
	if err != nil {
		return nil, nil, nil, err
	}
	var firstErr error
	var unusable *pdf.Reader // opened, but without a page tree
	var unusableG *guardedReader
	for _, v := range views {
		stop.check()
		g := &guardedReader{data: v, stop: stop}
		r, err := newReaderSafe(g)
		stop.check()
		if err == nil {
			if !usable(r) {
				if unusable == nil {
					unusable, unusableG = r, g
				}
				continue
			}
			var warn []string
			if len(v) != len(data) || &v[0] != &data[0] {
				warn = append(warn, "repaired the file's header or trailer to read it")
			}
			return r, g, warn, nil
		}
		if isEncryptionError(err) {
			return nil, nil, nil, classifyEncryption(err)
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	// Rebuild the cross-reference table by scanning the file.
	if v := last.get(); v != nil {
		stop.check()
		g := &guardedReader{data: v, stop: stop, rebuilt: true}
		if r, err := newReaderSafe(g); err == nil && (usable(r) || unusable == nil) {
			return r, g, []string{"rebuilt the cross-reference table to read the file"}, nil
		} else if err != nil && isEncryptionError(err) {
			return nil, nil, nil, classifyEncryption(err)
		}
	}
	if unusable != nil {
		return unusable, unusableG, nil, nil // fails later with "no pages found"
	}
	if firstErr == nil {
		firstErr = errors.New("unreadable")
	}
	return nil, nil, nil, errorf(ErrMalformed, "malformed PDF: %v", trimLibPrefix(firstErr.Error()))
}

func trimLibPrefix(s string) string {
	for _, p := range []string{"malformed PDF file: ", "malformed PDF: ", "not a PDF file: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func newReaderSafe(g *guardedReader) (r *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stopped); ok {
				panic(p)
			}
			r, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return pdf.NewReader(g, int64(len(g.data)))
}

// usable reports whether the reader reaches a page tree.
func usable(r *pdf.Reader) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if _, s := p.(stopped); s {
				panic(p)
			}
			ok = false
		}
	}()
	root := r.Trailer().Key("Root")
	return root.Key("Pages").Kind() == pdf.Dict
}

func isEncryptionError(err error) bool {
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "encryption") || strings.Contains(s, "encrypted")
}

func classifyEncryption(err error) error {
	s := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return errorf(ErrEncrypted, "password required")
	case strings.Contains(s, "256-bit") || strings.Contains(s, "V=5") || strings.Contains(s, "R=5") || strings.Contains(s, "R=6"):
		return errorf(ErrEncrypted, "encrypted with AES-256, which this reader cannot decrypt (password required or unsupported)")
	case strings.Contains(s, "V=4"):
		return errorf(ErrEncrypted, "encrypted with an unsupported crypt filter (V=4): cannot decrypt")
	}
	return errorf(ErrEncrypted, "encrypted with an unsupported method (%s): cannot decrypt", trimLibPrefix(s))
}

// breakPrevLoop follows the chain of cross-reference sections from
// startxref through their /Prev entries; when the chain comes back to a
// section already read (the library would read forever) it returns a copy
// of data with the /Prev entry that closes the loop renamed (same length,
// so offsets hold). It returns nil when there is no loop.
func breakPrevLoop(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil
	}
	v := leadingInts(data[i+9:], false)
	if len(v) != 1 {
		return nil
	}
	visited := map[int64]bool{}
	for o := v[0]; len(visited) < 1000; {
		if o < 0 || o >= int64(len(data)) {
			return nil
		}
		visited[o] = true
		sec := data[o:]
		end := bytes.Index(sec, []byte("startxref"))
		if end < 0 {
			end = len(sec)
		}
		j := bytes.Index(sec[:end], []byte("/Prev"))
		if j < 0 {
			return nil
		}
		p := leadingInts(sec[j+5:end], false)
		if len(p) != 1 {
			return nil
		}
		if visited[p[0]] {
			out := make([]byte, len(data))
			copy(out, data)
			copy(out[int(o)+j:], "/Xrev")
			return out
		}
		o = p[0]
	}
	return nil
}
