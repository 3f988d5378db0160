package pdftext

import (
	"encoding/binary"
	"strings"
)

// cffFont is a bare CFF font program that is not CID-keyed: its top DICT
// and glyph names by glyph index.
type cffFont struct {
	top   map[int][]int
	names []string
}

// parseCFF reads a bare CFF font program (FontFile3 /Type1C or
// /CIDFontType0C). It returns nil for CID-keyed fonts (no glyph names) and
// anything it cannot read.
func parseCFF(data []byte) (f *cffFont) {
	defer func() {
		if recover() != nil {
			f = nil // truncated or inconsistent tables
		}
	}()
	if len(data) < 4 {
		return nil
	}
	p := int(data[2]) // header size
	_, p = cffIndex(data, p)
	top, p := cffIndex(data, p)
	strs, _ := cffIndex(data, p)
	if len(top) == 0 {
		return nil
	}
	d := cffDict(top[0])
	if _, cid := d[0x0c1e]; cid {
		return nil
	}
	csOff := d[17]
	if len(csOff) == 0 {
		return nil
	}
	charStrings, _ := cffIndex(data, int(csOff[0]))
	nGlyphs := len(charStrings)
	// charset: GID → SID
	sids := make([]int, nGlyphs)
	if cs := d[15]; len(cs) > 0 && cs[0] > 2 {
		q := int(cs[0])
		format := data[q]
		q++
		g := 1
		switch format {
		case 0:
			for ; g < nGlyphs; g++ {
				sids[g] = int(binary.BigEndian.Uint16(data[q:]))
				q += 2
			}
		case 1, 2:
			for g < nGlyphs {
				first := int(binary.BigEndian.Uint16(data[q:]))
				var left int
				if format == 1 {
					left = int(data[q+2])
					q += 3
				} else {
					left = int(binary.BigEndian.Uint16(data[q+2:]))
					q += 4
				}
				for k := 0; k <= left && g < nGlyphs; k++ {
					sids[g] = first + k
					g++
				}
			}
		}
	} else {
		for g := range sids {
			sids[g] = g // ISOAdobe charset
		}
	}
	f = &cffFont{top: d, names: make([]string, nGlyphs)}
	for g, sid := range sids {
		f.names[g] = cffName(sid, strs)
	}
	return f
}

func cffName(sid int, strs [][]byte) string {
	if sid < len(cffStandardStrings) {
		return cffStandardStrings[sid]
	}
	if i := sid - 391; i >= 0 && i < len(strs) {
		return string(strs[i])
	}
	return ""
}

// cffEncoding reads the built-in encoding of a bare CFF font program
// (FontFile3 /Type1C) as code → glyph name. It returns nil for CID fonts,
// the predefined encodings, and anything it cannot read.
func cffEncoding(data []byte) (out map[int]string) {
	defer func() {
		if recover() != nil {
			out = nil // truncated or inconsistent tables
		}
	}()
	f := parseCFF(data)
	if f == nil {
		return nil
	}
	encOff := f.top[16]
	if len(encOff) == 0 || encOff[0] <= 1 {
		return nil
	}
	nGlyphs := len(f.names)
	name := func(g int) string { return f.names[g] }
	out = map[int]string{}
	q := int(encOff[0])
	format := data[q]
	q++
	switch format & 0x7f {
	case 0:
		n := int(data[q])
		q++
		for i := 1; i <= n && i < nGlyphs; i++ {
			out[int(data[q])] = name(i)
			q++
		}
		if n >= nGlyphs {
			q += n - nGlyphs + 1
		}
	case 1:
		n := int(data[q])
		q++
		g := 1
		for r := 0; r < n; r++ {
			first, left := int(data[q]), int(data[q+1])
			q += 2
			for k := 0; k <= left && g < nGlyphs; k++ {
				if c := first + k; c < 256 {
					out[c] = name(g)
				}
				g++
			}
		}
	}
	if format&0x80 != 0 {
		// Supplements name glyphs by SID.
		_, p := cffIndex(data, int(data[2]))
		_, p = cffIndex(data, p)
		strs, _ := cffIndex(data, p)
		n := int(data[q])
		q++
		for i := 0; i < n; i++ {
			out[int(data[q])] = cffName(int(binary.BigEndian.Uint16(data[q+1:])), strs)
			q += 3
		}
	}
	for c, n := range out {
		if n == "" || n == ".notdef" {
			delete(out, c)
		}
	}
	return out
}

// cffIndex reads a CFF INDEX at p and returns its items and the offset
// after it.
func cffIndex(data []byte, p int) ([][]byte, int) {
	count := int(binary.BigEndian.Uint16(data[p:]))
	if count == 0 {
		return nil, p + 2
	}
	offSize := int(data[p+2])
	if offSize < 1 || offSize > 4 {
		panic("bad offSize")
	}
	offs := make([]int, count+1)
	q := p + 3
	for i := range offs {
		v := 0
		for k := 0; k < offSize; k++ {
			v = v<<8 | int(data[q+k])
		}
		offs[i] = v
		q += offSize
	}
	base := q - 1
	items := make([][]byte, count)
	for i := 0; i < count; i++ {
		items[i] = data[base+offs[i] : base+offs[i+1]]
	}
	return items, base + offs[count]
}

// cffDict parses a CFF DICT into operator → operands (integers; reals are
// truncated, which is enough for offsets).
func cffDict(b []byte) map[int][]int {
	d := map[int][]int{}
	var args []int
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c <= 21:
			op := int(c)
			i++
			if c == 12 && i < len(b) {
				op = 0x0c00 | int(b[i])
				i++
			}
			d[op] = args
			args = nil
		case c == 28:
			args = append(args, int(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
		case c == 29:
			args = append(args, int(int32(binary.BigEndian.Uint32(b[i+1:]))))
			i += 5
		case c == 30:
			i++
			for i < len(b) {
				v := b[i]
				i++
				if v&0x0f == 0x0f || v>>4 == 0x0f {
					break
				}
			}
			args = append(args, 0)
		case c >= 32 && c <= 246:
			args = append(args, int(c)-139)
			i++
		case c >= 247 && c <= 250:
			args = append(args, (int(c)-247)*256+int(b[i+1])+108)
			i += 2
		case c >= 251 && c <= 254:
			args = append(args, -(int(c)-251)*256-int(b[i+1])-108)
			i += 2
		default:
			i++
		}
	}
	return d
}

// cffStandardStrings are the first standard strings of CFF: .notdef, the
// printable ASCII glyph names in code order, then the names of the upper
// half of StandardEncoding in code order.
var cffStandardStrings = func() []string {
	s := []string{".notdef"}
	ascii := []string{"space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand",
		"quoteright", "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period",
		"slash", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"colon", "semicolon", "less", "equal", "greater", "question", "at"}
	s = append(s, ascii...)
	for c := 'A'; c <= 'Z'; c++ {
		s = append(s, string(c))
	}
	s = append(s, "bracketleft", "backslash", "bracketright", "asciicircum", "underscore", "quoteleft")
	for c := 'a'; c <= 'z'; c++ {
		s = append(s, string(c))
	}
	s = append(s, "braceleft", "bar", "braceright", "asciitilde",
		"exclamdown", "cent", "sterling", "fraction", "yen", "florin", "section", "currency",
		"quotesingle", "quotedblleft", "guillemotleft", "guilsinglleft", "guilsinglright", "fi", "fl",
		"endash", "dagger", "daggerdbl", "periodcentered", "paragraph", "bullet", "quotesinglbase",
		"quotedblbase", "quotedblright", "guillemotright", "ellipsis", "perthousand", "questiondown",
		"grave", "acute", "circumflex", "tilde", "macron", "breve", "dotaccent", "dieresis", "ring",
		"cedilla", "hungarumlaut", "ogonek", "caron", "emdash", "AE", "ordfeminine", "Lslash",
		"Oslash", "OE", "ordmasculine", "ae", "dotlessi", "lslash", "oslash", "oe", "germandbls",
		"onesuperior", "logicalnot", "mu", "trademark", "Eth", "onehalf", "plusminus", "Thorn",
		"onequarter", "divide", "brokenbar", "degree", "thorn", "threequarters", "twosuperior",
		"registered", "minus", "eth", "multiply", "threesuperior", "copyright")
	for _, upper := range []bool{true, false} {
		for _, g := range []string{"Aacute", "Acircumflex", "Adieresis", "Agrave", "Aring", "Atilde",
			"Ccedilla", "Eacute", "Ecircumflex", "Edieresis", "Egrave", "Iacute", "Icircumflex",
			"Idieresis", "Igrave", "Ntilde", "Oacute", "Ocircumflex", "Odieresis", "Ograve", "Otilde",
			"Scaron", "Uacute", "Ucircumflex", "Udieresis", "Ugrave", "Yacute", "Ydieresis", "Zcaron"} {
			if !upper {
				g = strings.ToLower(g[:1]) + g[1:]
			}
			s = append(s, g)
		}
	}
	return s
}()
