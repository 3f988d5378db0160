package pdftext

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/ascii85"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
	tifflzw "golang.org/x/image/tiff/lzw"
)

// The library decodes Flate (PNG Up predictor only) and ASCII85 without
// parameters, and panics on every other filter. Old and unusual producers
// write LZW, ASCIIHex, RunLength and other predictors, which poppler
// reads: for those streams the raw bytes are taken from the file and
// decoded here.

// streamAt matches what the library prints for a stream: its dictionary
// and "@offset" of its data in the file.
var streamAt = regexp.MustCompile(`@(\d+)$`)

// rawStream returns the undecoded bytes of stream v from the file view the
// library reads, or nil.
func (x *extractor) rawStream(v pdf.Value) []byte {
	if x.view == nil || !x.r.Trailer().Key("Encrypt").IsNull() {
		return nil // encrypted data would need the library's key
	}
	m := streamAt.FindStringSubmatch(v.String())
	if m == nil {
		return nil
	}
	off, err := strconv.ParseInt(m[1], 10, 64)
	n := v.Key("Length").Int64()
	if err != nil || off < 0 || n < 0 || off+n > int64(len(x.view)) {
		return nil
	}
	return x.view[off : off+n]
}

// decodeFilters applies the stream's filters to raw, bounded by limit
// bytes of output.
func decodeFilters(raw []byte, v pdf.Value, limit int64) ([]byte, error) {
	filter, parms := v.Key("Filter"), v.Key("DecodeParms")
	var names []string
	var ps []pdf.Value
	switch filter.Kind() {
	case pdf.Name:
		names, ps = []string{filter.Name()}, []pdf.Value{parms}
	case pdf.Array:
		for i := 0; i < filter.Len() && i < 8; i++ {
			names = append(names, filter.Index(i).Name())
			ps = append(ps, parms.Index(i))
		}
	}
	data := raw
	for i, name := range names {
		out, err := decodeFilter(data, name, ps[i], limit)
		if err != nil && len(out) == 0 {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data = out
	}
	return data, nil
}

func decodeFilter(data []byte, name string, parm pdf.Value, limit int64) ([]byte, error) {
	var rd io.Reader
	switch name {
	case "FlateDecode", "Fl":
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		rd = zr
	case "LZWDecode", "LZW":
		if ec := parm.Key("EarlyChange"); ec.Kind() == pdf.Integer && ec.Int64() == 0 {
			rd = lzw.NewReader(bytes.NewReader(data), lzw.MSB, 8)
		} else {
			rd = tifflzw.NewReader(bytes.NewReader(data), tifflzw.MSB, 8)
		}
	case "ASCIIHexDecode", "AHx":
		return asciiHex(data), nil
	case "ASCII85Decode", "A85":
		if i := bytes.Index(data, []byte("~>")); i >= 0 {
			data = data[:i]
		}
		data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
		rd = ascii85.NewDecoder(bytes.NewReader(data))
	case "RunLengthDecode", "RL":
		return runLength(data, limit), nil
	default:
		return nil, fmt.Errorf("unsupported filter")
	}
	out, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if int64(len(out)) > limit {
		panic(errBudget{fmt.Sprintf("a stream decodes to more than %d bytes", limit)})
	}
	if err == io.ErrUnexpectedEOF {
		err = nil
	}
	if p := parm.Key("Predictor").Int64(); p > 1 && (name == "FlateDecode" || name == "Fl" || name == "LZWDecode" || name == "LZW") {
		out = unpredict(out, p, parm)
	}
	return out, err
}

func asciiHex(data []byte) []byte {
	out := make([]byte, 0, len(data)/2)
	hi, have := byte(0), false
	for _, c := range data {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		case c == '>':
			if have {
				out = append(out, hi<<4)
			}
			return out
		default:
			continue
		}
		if have {
			out = append(out, hi<<4|v)
			have = false
		} else {
			hi, have = v, true
		}
	}
	return out
}

func runLength(data []byte, limit int64) []byte {
	var out []byte
	for i := 0; i < len(data) && int64(len(out)) <= limit; {
		n := int(data[i])
		i++
		switch {
		case n == 128:
			return out
		case n < 128:
			end := min(i+n+1, len(data))
			out = append(out, data[i:end]...)
			i = end
		default:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
				i++
			}
		}
	}
	return out
}

// unpredict undoes the TIFF (2) and PNG (10-15) predictors.
func unpredict(data []byte, pred int64, parm pdf.Value) []byte {
	colors, bpc, columns := parm.Key("Colors").Int64(), parm.Key("BitsPerComponent").Int64(), parm.Key("Columns").Int64()
	if colors <= 0 {
		colors = 1
	}
	if bpc <= 0 {
		bpc = 8
	}
	if columns <= 0 {
		columns = 1
	}
	bpp := max(1, int(colors*bpc+7)/8)
	row := int(colors*bpc*columns+7) / 8
	if row <= 0 || row > 1<<20 {
		return data
	}
	if pred == 2 {
		if bpc != 8 {
			return data
		}
		for r := 0; r+row <= len(data); r += row {
			for i := bpp; i < row; i++ {
				data[r+i] += data[r+i-bpp]
			}
		}
		return data
	}
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	for r := 0; r+1+row <= len(data); r += row + 1 {
		typ, cur := data[r], data[r+1:r+1+row]
		for i := range cur {
			var a, b, c byte
			if i >= bpp {
				a, c = cur[i-bpp], prev[i-bpp]
			}
			b = prev[i]
			switch typ {
			case 1:
				cur[i] += a
			case 2:
				cur[i] += b
			case 3:
				cur[i] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[i] += paeth(a, b, c)
			}
		}
		out = append(out, cur...)
		copy(prev, cur)
	}
	return out
}
