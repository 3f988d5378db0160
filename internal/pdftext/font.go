package pdftext

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// fontInfo is what text extraction needs of a font: how to split a shown
// string into character codes, each code's Unicode text and its advance
// width in text space units per unit of font size.
type fontInfo struct {
	name      string // BaseFont, for messages
	composite bool
	space     []codespace       // composite fonts: byte lengths of codes
	fixed2    bool              // composite fonts with 2-byte codes (Identity, UCS2)
	ucs2      bool              // codes are UTF-16 (predefined Unicode CMaps)
	toUni     *cmapTable        // the ToUnicode CMap, if any
	cidText   map[uint32]string // composite fonts without ToUnicode: from the embedded font
	cidColl   *cidCollection    // and from the Adobe character collection of its CIDs
	codeCID   *predefCMap       // composite fonts with a predefined legacy CMap: code → CID
	enc       *[256]string

	widths    [256]float64 // simple fonts
	hasWidths bool
	// zeroFrom..zeroTo are the codes whose width of 0 is meant: those of
	// the Widths array of an embedded font (ligature parts and marks do
	// not advance); elsewhere a 0 is a missing width and guessed.
	zeroFrom, zeroTo int
	cidW             map[uint32]float64
	cidRanges        []cidRange
	dw               float64
	scale            float64 // glyph space → text space (1/1000, or FontMatrix[0] for Type 3)
	avgWidth         float64 // guess for codes without a width
}

type cidRange struct {
	lo, hi uint32
	w      float64
}

type codespace struct {
	n      int
	lo, hi [4]byte
}

// glyph is one decoded character code.
type glyph struct {
	code  uint32
	n     int     // bytes of the code
	text  string  // Unicode text ("" when unknown)
	width float64 // advance in text space units for a font size of 1
}

// widthOf returns the advance of code for font size 1.
func (f *fontInfo) widthOf(code uint32) float64 {
	if f.composite {
		if w, ok := f.cidW[code]; ok {
			return w * f.scale
		}
		for _, r := range f.cidRanges {
			if r.lo <= code && code <= r.hi {
				return r.w * f.scale
			}
		}
		return f.dw * f.scale
	}
	if f.hasWidths && code < 256 {
		if w := f.widths[code]; w > 0 {
			return w * f.scale
		}
		if int(code) >= f.zeroFrom && int(code) < f.zeroTo {
			return 0
		}
	}
	return f.avgWidth
}

// codeLen returns the length of the code at the start of raw.
func (f *fontInfo) codeLen(raw string) int {
	if !f.composite {
		return 1
	}
	if f.fixed2 {
		if len(raw) >= 2 {
			return 2
		}
		return len(raw)
	}
	if len(f.space) == 0 {
		if raw[0] < 0x80 || len(raw) < 2 {
			return 1
		}
		return 2
	}
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, s := range f.space {
			if s.n != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if raw[i] < s.lo[i] || raw[i] > s.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	// No range matches: consume the shortest code length in use.
	n := 4
	for _, s := range f.space {
		if s.n < n {
			n = s.n
		}
	}
	if n > len(raw) {
		n = len(raw)
	}
	return n
}

// decode splits raw into glyphs, appending to dst.
func (f *fontInfo) decode(dst []glyph, raw string) []glyph {
	for len(raw) > 0 {
		n := f.codeLen(raw)
		if n <= 0 {
			n = 1
		}
		var code uint32
		for i := 0; i < n; i++ {
			code = code<<8 | uint32(raw[i])
		}
		cid := code // Identity encodings
		if f.codeCID != nil {
			cid, _ = f.codeCID.cid(code, n)
		}
		g := glyph{code: code, n: n, width: f.widthOf(cid)}
		if f.toUni != nil {
			if t, ok := f.toUni.lookup(code, n); ok {
				g.text = t
			}
		}
		if g.text == "" {
			switch {
			case f.cidText != nil || f.cidColl != nil:
				g.text = f.cidText[cid]
				if g.text == "" && f.cidColl != nil {
					g.text = f.cidColl.text(cid)
				}
			case f.ucs2:
				if n == 2 {
					g.text = string(rune(code))
				}
			case !f.composite && f.enc != nil:
				g.text = f.enc[code&0xff]
			}
		}
		dst = append(dst, g)
		raw = raw[n:]
	}
	return dst
}

// cmapTable is a parsed ToUnicode (or encoding) CMap.
type cmapTable struct {
	single map[uint32]string
	ranges []cmapRange
	space  []codespace
}

type cmapRange struct {
	lo, hi uint32
	n      int
	base   []rune   // destination for lo; the last rune is offset
	arr    []string // or one destination per code
}

func (m *cmapTable) lookup(code uint32, n int) (string, bool) {
	if t, ok := m.single[code]; ok {
		return t, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].hi >= code })
	for ; i < len(m.ranges); i++ {
		r := &m.ranges[i]
		if r.lo > code {
			break
		}
		if code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", false
		}
		if len(r.base) == 0 {
			return "", false
		}
		// Offset the whole last code point, not just its low byte: this
		// decodes the identity range <0000> <FFFF> <0000> written by
		// fpdf-family writers correctly.
		rs := make([]rune, len(r.base))
		copy(rs, r.base)
		rs[len(rs)-1] += rune(off)
		if !utf8.ValidRune(rs[len(rs)-1]) {
			return "", false
		}
		return string(rs), true
	}
	return "", false
}

func codeOf(s string) (uint32, int) {
	var c uint32
	n := len(s)
	if n > 4 {
		s = s[len(s)-4:]
		n = 4
	}
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c, n
}

// utf16Text decodes a CMap destination string (UTF-16BE).
func utf16Text(s string) []rune {
	if len(s) == 1 {
		return []rune{rune(s[0])}
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return utf16.Decode(u)
}

// utf16String is utf16Text as a string, without the intermediate slices
// for the common single code unit (a whole CMap decodes thousands).
func utf16String(s string) string {
	if len(s) == 2 {
		if r := rune(s[0])<<8 | rune(s[1]); r < 0xd800 || r >= 0xe000 {
			return string(r)
		}
	}
	return string(utf16Text(s))
}

const maxCMapEntries = 1 << 20

// maxCMapArgs bounds the operands of one CMap block (three per bfrange
// entry): the spec's limit is 100 entries, real files write a few hundred.
const maxCMapArgs = 3 * 4096

// parseCMap parses the operators of a CMap we care about: codespace ranges,
// bfchar/bfrange (ToUnicode) and cidchar/cidrange (ignored beyond codespace).
func parseCMap(data []byte) *cmapTable {
	m := &cmapTable{single: map[uint32]string{}}
	var pending []operand
	entries := 0
	opsN(data, maxCMapArgs, func(op string, args []operand) bool {
		switch op {
		case "begincodespacerange", "beginbfchar", "beginbfrange":
			pending = pending[:0]
		case "endcodespacerange":
			all := append(pending, args...)
			for i := 0; i+1 < len(all); i += 2 {
				lo, hi := all[i].str, all[i+1].str
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				cs := codespace{n: len(lo)}
				copy(cs.lo[:], lo)
				copy(cs.hi[:], hi)
				m.space = append(m.space, cs)
			}
		case "endbfchar":
			all := append(pending, args...)
			for i := 0; i+1 < len(all) && entries < maxCMapEntries; i += 2 {
				if all[i].kind != opString {
					continue
				}
				code, _ := codeOf(all[i].str)
				switch all[i+1].kind {
				case opString:
					m.single[code] = utf16String(all[i+1].str)
				case opName:
					m.single[code] = glyphText(all[i+1].str)
				}
				entries++
			}
		case "endbfrange":
			all := append(pending, args...)
			for i := 0; i+2 < len(all) && entries < maxCMapEntries; i += 3 {
				if all[i].kind != opString || all[i+1].kind != opString {
					continue
				}
				lo, n := codeOf(all[i].str)
				hi, _ := codeOf(all[i+1].str)
				if hi < lo {
					continue
				}
				r := cmapRange{lo: lo, hi: hi, n: n}
				switch d := all[i+2]; d.kind {
				case opString:
					r.base = utf16Text(d.str)
				case opArray:
					for _, e := range d.arr {
						r.arr = append(r.arr, utf16String(e.str))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		default:
			// Operands of other operators (findresource, def...) are not ours.
			// Keep collecting only inside begin/end blocks: the operands
			// between beginX and endX arrive with endX, so nothing to do.
		}
		return true
	})
	sort.SliceStable(m.ranges, func(i, j int) bool { return m.ranges[i].hi < m.ranges[j].hi })
	// sort.Search in lookup needs ranges ordered by hi with non-decreasing lo
	// for the common non-overlapping case; overlapping ranges still work
	// through the linear continuation.
	if len(m.single) == 0 && len(m.ranges) == 0 && len(m.space) == 0 {
		return nil
	}
	return m
}

// Encoding tables.

var (
	winAnsiTable   = tableFromCharmap(charmap.Windows1252)
	macRomanTable  = tableFromCharmap(charmap.Macintosh)
	standardTable  = buildStandard()
	pdfDocTable    = buildPDFDoc()
	identityLatin1 = func() *[256]string {
		var t [256]string
		for i := 32; i < 256; i++ {
			t[i] = string(rune(i))
		}
		return &t
	}()
)

func tableFromCharmap(cm *charmap.Charmap) *[256]string {
	var t [256]string
	for i := 32; i < 256; i++ {
		r := cm.DecodeByte(byte(i))
		if r == utf8.RuneError || r < 32 || r >= 0x7f && r < 0xa0 {
			continue
		}
		t[i] = string(r)
	}
	return &t
}

func buildStandard() *[256]string {
	var t [256]string
	for i := 32; i < 127; i++ {
		t[i] = string(rune(i))
	}
	t[0x27] = "’"
	t[0x60] = "‘"
	upper := map[int]string{
		0241: "¡", 0242: "¢", 0243: "£", 0244: "⁄", 0245: "¥", 0246: "ƒ", 0247: "§",
		0250: "¤", 0251: "'", 0252: "“", 0253: "«", 0254: "‹", 0255: "›", 0256: "ﬁ", 0257: "ﬂ",
		0261: "–", 0262: "†", 0263: "‡", 0264: "·", 0266: "¶", 0267: "•",
		0270: "‚", 0271: "„", 0272: "”", 0273: "»", 0274: "…", 0275: "‰", 0277: "¿",
		0301: "`", 0302: "´", 0303: "ˆ", 0304: "˜", 0305: "¯", 0306: "˘", 0307: "˙",
		0310: "¨", 0312: "˚", 0313: "¸", 0315: "˝", 0316: "˛", 0317: "ˇ", 0320: "—",
		0341: "Æ", 0343: "ª", 0350: "Ł", 0351: "Ø", 0352: "Œ", 0353: "º",
		0361: "æ", 0365: "ı", 0370: "ł", 0371: "ø", 0372: "œ", 0373: "ß",
	}
	for k, v := range upper {
		t[k] = v
	}
	return &t
}

func buildPDFDoc() *[256]string {
	t := *winAnsiTable
	extra := map[int]string{
		0x80: "•", 0x81: "†", 0x82: "‡", 0x83: "…", 0x84: "—", 0x85: "–", 0x86: "ƒ", 0x87: "⁄",
		0x88: "‹", 0x89: "›", 0x8a: "−", 0x8b: "‰", 0x8c: "„", 0x8d: "“", 0x8e: "”", 0x8f: "‘",
		0x90: "’", 0x91: "‚", 0x92: "™", 0x93: "ﬁ", 0x94: "ﬂ", 0x95: "Ł", 0x96: "Œ", 0x97: "Š",
		0x98: "Ÿ", 0x99: "Ž", 0x9a: "ı", 0x9b: "ł", 0x9c: "œ", 0x9d: "š", 0x9e: "ž", 0xa0: "€",
	}
	for k, v := range extra {
		t[k] = v
	}
	return &t
}

// glyphNames maps the glyph names our fallback knows beyond the library's
// table (which is consulted first through the font's Differences array).
var glyphNames = map[string]string{
	"space": " ", "ff": "ff", "fi": "fi", "fl": "fl", "ffi": "ffi", "ffl": "ffl",
	"hyphen": "-", "endash": "–", "emdash": "—", "quoteright": "’", "quoteleft": "‘",
	"quotedblleft": "“", "quotedblright": "”", "period": ".", "comma": ",",
	"colon": ":", "semicolon": ";", "exclam": "!", "question": "?", "parenleft": "(",
	"parenright": ")", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "bullet": "•",
	"quotesingle": "'", "quotedbl": "\"", "slash": "/", "ampersand": "&", "percent": "%",
	"dotlessi": "ı", "germandbls": "ß", "minus": "−", "nbspace": "\u00a0",
	// The rest of the Latin-1 and Windows-1252 repertoire, which groff,
	// TeX and Type 1 fonts name in their Differences.
	"AE": "Æ", "ae": "æ", "OE": "Œ", "oe": "œ", "Oslash": "Ø", "oslash": "ø", "Eth": "Ð", "eth": "ð",
	"Thorn": "Þ", "thorn": "þ", "Lslash": "Ł", "lslash": "ł", "Euro": "€", "asciicircum": "^",
	"asciitilde": "~", "asterisk": "*", "at": "@", "backslash": "\\", "bar": "|", "braceleft": "{",
	"braceright": "}", "bracketleft": "[", "bracketright": "]", "brokenbar": "¦", "cent": "¢",
	"copyright": "©", "currency": "¤", "dagger": "†", "daggerdbl": "‡", "degree": "°", "divide": "÷",
	"dollar": "$", "equal": "=", "exclamdown": "¡", "florin": "ƒ", "fraction": "⁄", "greater": ">",
	"guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›", "less": "<",
	"logicalnot": "¬", "mu": "µ", "multiply": "×", "numbersign": "#", "onehalf": "½", "onequarter": "¼",
	"onesuperior": "¹", "ordfeminine": "ª", "ordmasculine": "º", "paragraph": "¶", "periodcentered": "·",
	"perthousand": "‰", "plus": "+", "plusminus": "±", "questiondown": "¿", "quotedblbase": "„",
	"quotesinglbase": "‚", "registered": "®", "section": "§", "sterling": "£", "threequarters": "¾",
	"threesuperior": "³", "trademark": "™", "twosuperior": "²", "underscore": "_", "yen": "¥",
	"ellipsis": "…", "exclamdbl": "‼", "grave": "`", "acute": "´", "circumflex": "ˆ", "tilde": "˜",
	"macron": "¯", "breve": "˘", "dotaccent": "˙", "dieresis": "¨", "ring": "˚", "cedilla": "¸",
	"hungarumlaut": "˝", "ogonek": "˛", "caron": "ˇ", "numero": "№",
}

// accentMarks are the combining marks of accented letters' glyph names
// ("eacute" = e + acute).
var accentMarks = []struct {
	suffix string
	mark   rune
}{
	{"acute", 0x301}, {"grave", 0x300}, {"circumflex", 0x302}, {"dieresis", 0x308}, {"tilde", 0x303},
	{"cedilla", 0x327}, {"ring", 0x30a}, {"caron", 0x30c}, {"macron", 0x304}, {"breve", 0x306},
	{"ogonek", 0x328}, {"dotaccent", 0x307}, {"hungarumlaut", 0x30b},
}

// accented composes a letter and accent name ("Aacute", "zcaron") into one
// character, or "".
func accented(name string) string {
	if len(name) < 5 {
		return ""
	}
	c := name[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return ""
	}
	for _, a := range accentMarks {
		if name[1:] == a.suffix {
			if t := norm.NFC.String(string(rune(c)) + string(a.mark)); utf8.RuneCountInString(t) == 1 {
				return t
			}
		}
	}
	return ""
}

// glyphText maps a glyph name to text by the Adobe conventions: uniXXXX,
// uXXXX[XX], ligatures joined with '_', suffixes after '.', single letters.
func glyphText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			b.WriteString(glyphText(part))
		}
		return b.String()
	}
	if t, ok := glyphNames[name]; ok {
		return t
	}
	if t := accented(name); t != "" {
		return t
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var rs []rune
		for i := 3; i+4 <= len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			rs = append(rs, rune(v))
		}
		return string(utf16.Decode(runesToU16(rs)))
	}
	if len(name) >= 5 && len(name) <= 7 && name[0] == 'u' {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
			return string(rune(v))
		}
	}
	if len(name) == 1 && name[0] > ' ' && name[0] < 0x7f {
		return name
	}
	return ""
}

func runesToU16(rs []rune) []uint16 {
	u := make([]uint16, len(rs))
	for i, r := range rs {
		u[i] = uint16(r)
	}
	return u
}

// loadFont builds the fontInfo for a font dictionary. It may panic on
// malformed input; callers recover.
func (x *extractor) loadFont(v pdf.Value) *fontInfo {
	f := &fontInfo{scale: 0.001, avgWidth: 0.5, name: v.Key("BaseFont").Name()}
	subtype := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := x.streamBytes(tu); len(data) > 0 {
			f.toUni = parseCMap(data)
		} else if err != nil {
			x.warnf("font %s: ToUnicode: %v", v.Key("BaseFont").Name(), err)
		}
	}
	if subtype == "Type0" {
		f.composite = true
		f.dw = 1000
		enc := v.Key("Encoding")
		switch enc.Kind() {
		case pdf.Name:
			n := enc.Name()
			switch {
			case strings.HasPrefix(n, "Identity"):
				f.fixed2 = true
			case strings.Contains(n, "UCS2") || strings.Contains(n, "UTF16"):
				f.fixed2 = true
				f.ucs2 = true
			default:
				// A legacy CJK encoding: its CMap splits the codes and
				// gives their CIDs, which the collection's table reads
				// when there is no ToUnicode map.
				if cm := x.predefined(n); cm != nil {
					f.space, f.codeCID = cm.space, cm
					if f.toUni == nil {
						f.cidColl = x.collection(cm.ordering)
					}
				}
			}
		case pdf.Stream:
			if data, _ := x.streamBytes(enc); len(data) > 0 {
				if m := parseCMap(data); m != nil {
					f.space = m.space
				}
			}
		}
		if !f.fixed2 && len(f.space) == 0 && f.toUni != nil {
			f.space = f.toUni.space
		}
		desc := v.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.loadCIDWidths(desc.Key("W"))
		f.avgWidth = f.dw * f.scale
		if f.toUni == nil && f.fixed2 && !f.ucs2 {
			f.cidText = x.embeddedCIDMap(desc)
			// With Identity encodings codes are CIDs: those of an Adobe
			// collection have a standard meaning.
			f.cidColl = x.collection(adobeOrdering(desc))
		}
		return f
	}
	if subtype == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() >= 1 {
			if s := m.Index(0).Float64(); s > 0 && s < 10 {
				f.scale = s
			}
		}
	}
	first := int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	if n := ws.Len(); n > 0 && first >= 0 && first < 256 {
		sum, cnt := 0.0, 0
		for i := 0; i < n && first+i < 256; i++ {
			w := ws.Index(i).Float64()
			f.widths[first+i] = w
			if w > 0 {
				sum += w
				cnt++
			}
		}
		if cnt > 0 {
			f.hasWidths = true
			f.avgWidth = sum / float64(cnt) * f.scale
			fd := v.Key("FontDescriptor")
			if fd.Key("FontFile").Kind() == pdf.Stream || fd.Key("FontFile2").Kind() == pdf.Stream || fd.Key("FontFile3").Kind() == pdf.Stream {
				f.zeroFrom, f.zeroTo = first, min(first+n, 256)
			}
		}
	}
	if !f.hasWidths {
		f.widths, f.hasWidths = standardWidths(v.Key("BaseFont").Name())
		f.scale = 0.001
	}
	f.enc = x.simpleEncoding(v, subtype)
	if f.toUni != nil && v.Key("Encoding").IsNull() && v.Key("FontDescriptor").Key("Flags").Int64()&4 != 0 {
		// A symbolic font without an encoding (LibreOffice's and Skia's
		// subsets number glyphs 1, 2, 3...): its codes mean nothing in a
		// standard encoding, so a code the ToUnicode map leaves out (a
		// ligature part, a mark variant) is unknown, not a Latin letter.
		f.enc = nil
	}
	return f
}

func (f *fontInfo) loadCIDWidths(w pdf.Value) {
	n := w.Len()
	entries := 0
	for i := 0; i < n && entries < maxCMapEntries; {
		a := w.Index(i)
		if i+1 >= n {
			break
		}
		b := w.Index(i + 1)
		if b.Kind() == pdf.Array {
			start := uint32(a.Int64())
			for j := 0; j < b.Len() && entries < maxCMapEntries; j++ {
				if f.cidW == nil {
					f.cidW = map[uint32]float64{}
				}
				f.cidW[start+uint32(j)] = b.Index(j).Float64()
				entries++
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		c := w.Index(i + 2)
		f.cidRanges = append(f.cidRanges, cidRange{uint32(a.Int64()), uint32(b.Int64()), c.Float64()})
		entries++
		i += 3
	}
}

// simpleEncoding returns the code → text table of a simple font's
// /Encoding (base encoding plus Differences).
func (x *extractor) simpleEncoding(v pdf.Value, subtype string) *[256]string {
	enc := v.Key("Encoding")
	base := standardTable
	if subtype == "TrueType" {
		base = winAnsiTable
	}
	baseName := ""
	switch enc.Kind() {
	case pdf.Name:
		baseName = enc.Name()
	case pdf.Dict:
		baseName = enc.Key("BaseEncoding").Name()
	}
	if baseName == "" && subtype != "Type3" {
		if names := x.builtinEncoding(v.Key("FontDescriptor")); names != nil {
			t := [256]string{}
			for code, txt := range x.glyphNamesText(names) {
				t[code] = txt
			}
			base = &t
		}
	}
	switch baseName {
	case "WinAnsiEncoding":
		base = winAnsiTable
	case "MacRomanEncoding":
		base = macRomanTable
	case "StandardEncoding":
		base = standardTable
	case "PDFDocEncoding":
		base = pdfDocTable
	case "MacExpertEncoding":
		base = identityLatin1
	}
	if enc.Kind() != pdf.Dict {
		return base
	}
	diff := enc.Key("Differences")
	if diff.Len() == 0 {
		return base
	}
	t := *base
	names := map[int]string{}
	code := 0
	for i := 0; i < diff.Len() && i < 4096; i++ {
		e := diff.Index(i)
		switch e.Kind() {
		case pdf.Integer:
			code = int(e.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				names[code] = e.Name()
			}
			code++
		}
	}
	known := x.glyphNamesText(names)
	for c, txt := range known {
		t[c] = txt
	}
	if subtype == "Type3" {
		// Type 3 fonts (TeX bitmap fonts, some report writers) name their
		// glyphs by number; poppler and pdf.js read such names as the
		// character code they stand for.
		for c, n := range names {
			if known[c] == "" {
				if txt := numericGlyphText(n); txt != "" {
					t[c] = txt
				}
			}
		}
	}
	return &t
}

// numericGlyphText reads glyph names that give a character by number:
// "Cdd"/"cddd" (decimal), "Gxx" (two hex digits), "gxxxx" (four), as
// pdf.js does; control codes give nothing.
func numericGlyphText(name string) string {
	if len(name) < 3 || len(name) > 5 {
		return ""
	}
	var v uint64
	var err error
	switch name[0] {
	case 'C', 'c':
		if len(name) > 4 {
			return ""
		}
		v, err = strconv.ParseUint(name[1:], 10, 16)
	case 'G':
		if len(name) != 3 {
			return ""
		}
		v, err = strconv.ParseUint(name[1:], 16, 16)
	case 'g':
		if len(name) != 5 {
			return ""
		}
		v, err = strconv.ParseUint(name[1:], 16, 16)
	default:
		return ""
	}
	if err != nil || v < 0x20 || v == 0x7f || v >= 0x80 && v < 0xa0 || v >= 0xd800 && v < 0xe000 {
		return ""
	}
	return string(rune(v))
}
