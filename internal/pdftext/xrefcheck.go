package pdftext

import (
	"bytes"
	"compress/zlib"
	"io"
)

// checkObjStmNesting guards against a crash the library cannot recover
// from: when a cross-reference stream says that an object stream is itself
// stored in an object stream (which the format forbids), resolving objects
// can recurse without end and overflow the stack, killing the process. The
// cross-reference streams are decoded here, independently of the library,
// and such files are read only in an isolated worker (or rejected).
func checkObjStmNesting(data []byte) error {
	type section struct {
		entries map[int]int
		prev    int
	}
	sections := map[int]*section{} // by the offset of the object
	var order []int
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/XRef"))
		if j < 0 {
			break
		}
		i += j + 5
		lo := max(0, i-4096)
		o := bytes.LastIndex(data[lo:i], []byte(" obj"))
		if o < 0 {
			continue
		}
		objAt := objStartBefore(data, lo+o+4)
		k := bytes.Index(data[lo+o:i], []byte("<<"))
		if k < 0 || objAt < 0 {
			continue
		}
		d, end := readDict(data, lo+o+k+2, 0)
		if d["Type"].str != "XRef" {
			continue
		}
		raw := streamAfter(data, end, d["Length"])
		if raw == nil {
			continue
		}
		prev := -1
		if p, ok := d["Prev"]; ok && p.kind == opNum {
			prev = int(p.num)
		}
		if sections[objAt] == nil {
			order = append(order, objAt)
		}
		sections[objAt] = &section{xrefStreamEntries(d, raw), prev}
	}
	if len(sections) == 0 {
		return nil
	}
	// Newest entries win: follow the chain from startxref when it leads to
	// the sections found, else take the sections from the end of the file.
	var chain []int
	if i := bytes.LastIndex(data, []byte("startxref")); i >= 0 {
		if v := leadingInts(data[i+9:], false); len(v) == 1 {
			seen := map[int]bool{}
			for o := int(v[0]); sections[o] != nil && !seen[o]; o = sections[o].prev {
				seen[o] = true
				chain = append(chain, o)
			}
		}
	}
	if len(chain) == 0 {
		for i := len(order) - 1; i >= 0; i-- {
			chain = append(chain, order[i])
		}
	}
	container := map[int]int{} // object number → object stream holding it
	decided := map[int]bool{}
	for _, o := range chain {
		for obj, stm := range sections[o].entries {
			if !decided[obj] {
				decided[obj] = true
				container[obj] = stm
			}
		}
	}
	// Follow each chain of containers: nesting alone is tolerated by the
	// library, a loop is not.
	for obj := range container {
		seen := map[int]bool{obj: true}
		for cur, steps := obj, 0; steps < 64; steps++ {
			next, ok := container[cur]
			if !ok {
				break
			}
			if seen[next] {
				return &riskError{errorf(ErrMalformed, "malformed PDF: object streams form a loop (object %d is in object stream %d, which is inside a stream that leads back to it)", obj, next)}
			}
			seen[next] = true
			cur = next
		}
	}
	return nil
}

// riskError marks a file that could crash the process when read
// in-process: Extract reads it in an isolated worker when it can.
type riskError struct{ err error }

func (e *riskError) Error() string { return e.err.Error() }
func (e *riskError) Unwrap() error { return e.err }

// readDict reads a dictionary whose "<<" ends before p; it returns the
// entries and the offset after ">>".
func readDict(data []byte, p, depth int) (map[string]operand, int) {
	d := map[string]operand{}
	l := lexer{data: data, pos: p}
	for n := 0; n < 4096; n++ {
		l.skipSpace()
		if l.pos+1 < len(data) && data[l.pos] == '>' && data[l.pos+1] == '>' {
			return d, l.pos + 2
		}
		var key operand
		k, _ := l.next(&key, maxNesting)
		if k != tokOperand || key.kind != opName {
			return d, l.pos
		}
		l.skipSpace()
		if l.pos+1 < len(data) && data[l.pos] == '<' && data[l.pos+1] == '<' && depth < 4 {
			sub, e := readDict(data, l.pos+2, depth+1)
			l.pos = e
			d[key.str] = operand{kind: opDict, arr: dictOperands(sub)}
			continue
		}
		var v operand
		if k, _ := l.next(&v, 0); k != tokOperand {
			return d, l.pos
		}
		// "N G R" references read as three tokens: keep the first number.
		save := l.pos
		var a, b operand
		if k1, _ := l.next(&a, maxNesting); k1 == tokOperand && a.kind == opNum {
			if k2, op := l.next(&b, maxNesting); k2 == tokOperator && string(op) == "R" {
				v = operand{kind: opNull} // an indirect value: unknown here
				save = l.pos
			}
		}
		l.pos = save
		d[key.str] = v
	}
	return d, l.pos
}

// dictOperands flattens a sub-dictionary into name/value pairs.
func dictOperands(d map[string]operand) []operand {
	var out []operand
	for k, v := range d {
		out = append(out, operand{kind: opName, str: k}, v)
	}
	return out
}

func subKey(d operand, key string) operand {
	for i := 0; i+1 < len(d.arr); i += 2 {
		if d.arr[i].str == key {
			return d.arr[i+1]
		}
	}
	return operand{kind: opNull}
}

// streamAfter returns the raw bytes of the stream following a dictionary
// that ends at p.
func streamAfter(data []byte, p int, length operand) []byte {
	l := lexer{data: data, pos: p}
	l.skipSpace()
	if !bytes.HasPrefix(data[l.pos:], []byte("stream")) {
		return nil
	}
	s := l.pos + 6
	if s < len(data) && data[s] == '\r' {
		s++
	}
	if s < len(data) && data[s] == '\n' {
		s++
	}
	n := -1
	if length.kind == opNum && length.num >= 0 {
		n = int(length.num)
	}
	if n < 0 || s+n > len(data) {
		e := bytes.Index(data[s:], []byte("endstream"))
		if e < 0 {
			return nil
		}
		n = e
	}
	return data[s : s+n]
}

// xrefStreamEntries decodes a cross-reference stream and returns its
// compressed-object entries (type 2): object number → object stream.
func xrefStreamEntries(d map[string]operand, raw []byte) map[int]int {
	body := raw
	if f, ok := d["Filter"]; ok {
		if !(f.kind == opName && f.str == "FlateDecode" ||
			f.kind == opArray && len(f.arr) == 1 && f.arr[0].str == "FlateDecode") {
			return nil
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil
		}
		body, _ = io.ReadAll(io.LimitReader(zr, 64<<20))
	}
	var w [3]int
	wa := d["W"]
	if wa.kind != opArray || len(wa.arr) < 3 {
		return nil
	}
	for i := range w {
		w[i] = int(wa.arr[i].num)
		if w[i] < 0 || w[i] > 8 {
			return nil
		}
	}
	row := w[0] + w[1] + w[2]
	if row == 0 {
		return nil
	}
	parms := d["DecodeParms"]
	if pr := subKey(parms, "Predictor"); pr.kind == opNum && pr.num >= 10 {
		cols := int(subKey(parms, "Columns").num)
		if cols <= 0 {
			cols = 1
		}
		body = unpredictPNG(body, cols)
	}
	var index []int
	if ia := d["Index"]; ia.kind == opArray {
		for _, e := range ia.arr {
			index = append(index, int(e.num))
		}
	} else {
		index = []int{0, int(d["Size"].num)}
	}
	out := map[int]int{}
	pos := 0
	for k := 0; k+1 < len(index); k += 2 {
		for i := 0; i < index[k+1] && pos+row <= len(body); i++ {
			e := body[pos : pos+row]
			pos += row
			typ := 1
			if w[0] > 0 {
				typ = beInt(e[:w[0]])
			}
			if typ == 2 {
				out[index[k]+i] = beInt(e[w[0] : w[0]+w[1]])
			}
		}
	}
	return out
}

func beInt(b []byte) int {
	v := 0
	for _, c := range b {
		v = v<<8 | int(c)
	}
	return v
}

// unpredictPNG undoes PNG row predictors (bytes per pixel 1).
func unpredictPNG(b []byte, cols int) []byte {
	var out []byte
	prev := make([]byte, cols)
	for len(b) >= cols+1 {
		f, row := b[0], append([]byte(nil), b[1:cols+1]...)
		b = b[cols+1:]
		for i := range row {
			var left, up, ul byte
			if i > 0 {
				left, ul = row[i-1], prev[i-1]
			}
			up = prev[i]
			switch f {
			case 1:
				row[i] += left
			case 2:
				row[i] += up
			case 3:
				row[i] += byte((int(left) + int(up)) / 2)
			case 4:
				row[i] += paeth(left, up, ul)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
