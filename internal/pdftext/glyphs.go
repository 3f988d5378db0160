package pdftext

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// builtinEncoding reads the built-in encoding of an embedded Type 1 font
// program (FontFile): the "dup code /name put" entries of its clear-text
// part. It returns nil when the font has none or uses StandardEncoding.
func (x *extractor) builtinEncoding(fontDesc pdf.Value) map[int]string {
	ff := fontDesc.Key("FontFile")
	if ff.Kind() != pdf.Stream {
		if f3 := fontDesc.Key("FontFile3"); f3.Kind() == pdf.Stream && f3.Key("Subtype").Name() == "Type1C" {
			data, _ := x.streamBytes(f3)
			return cffEncoding(data)
		}
		return nil
	}
	data, _ := x.streamBytes(ff)
	if i := bytes.Index(data, []byte("eexec")); i >= 0 {
		data = data[:i]
	}
	if bytes.Contains(data, []byte("/Encoding StandardEncoding")) {
		return nil
	}
	out := map[int]string{}
	for _, m := range dupPut.FindAllSubmatch(data, 512) {
		code, err := strconv.Atoi(string(m[1]))
		if err == nil && code >= 0 && code < 256 {
			out[code] = string(m[2])
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

var dupPut = regexp.MustCompile(`dup\s+(\d+)\s*/([A-Za-z0-9._]+)\s+put`)

// glyphNamesText maps glyph names to text: by our conventions first, then
// through the library's glyph list, which it exposes only through a font's
// /Differences array: a tiny in-memory PDF whose trailer holds such a font
// is made for the names still unknown.
func (x *extractor) glyphNamesText(names map[int]string) map[int]string {
	out := map[int]string{}
	var ask []int
	for code, n := range names {
		if t, ok := x.glyphCache[n]; ok {
			out[code] = t
			continue
		}
		if t := glyphText(n); t != "" {
			out[code] = t
			continue
		}
		ask = append(ask, code)
	}
	if len(ask) == 0 {
		return out
	}
	var diff bytes.Buffer
	for i, code := range ask {
		fmt.Fprintf(&diff, " %d /%s", i, names[code])
		if i >= 255 {
			break
		}
	}
	body := "%PDF-1.4\n"
	xrefAt := len(body)
	body += "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /F << /Encoding << /Differences [" +
		diff.String() + " ] >> >> >>\nstartxref\n" + strconv.Itoa(xrefAt) + "\n%%EOF\n"
	func() {
		defer func() { _ = recover() }()
		r, err := pdf.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
		if err != nil {
			return
		}
		enc := (&pdf.Font{V: r.Trailer().Key("F")}).Encoder()
		for i, code := range ask {
			if i > 255 {
				break
			}
			s := enc.Decode(string([]byte{byte(i)}))
			t := ""
			if rs := []rune(s); len(rs) == 1 && rs[0] != rune(i) && rs[0] >= 32 {
				t = s
			}
			x.glyphCache[names[code]] = t
			out[code] = t
		}
	}()
	return out
}
