package pdftext

import (
	"github.com/ledongthuc/pdf"
	"golang.org/x/image/font/sfnt"
)

// Fonts without a ToUnicode map whose codes mean nothing by themselves
// (composite fonts with Identity-H, symbolic TrueType subsets) can still
// be read when the font program is embedded: its own cmap tells which
// character each glyph draws, and its glyph names (post table) do when
// the cmap is a symbol one.

// unicodeRanges are the characters looked up in an embedded font's cmap to
// invert it: the alphabets, punctuation and symbols of the scripts news is
// written in, and the presentation forms. Inverting costs one cmap lookup
// per character (about 1 ms per font), paid only for fonts that need it.
var unicodeRanges = [][2]rune{{0x20, 0x2fff}, {0x3000, 0x30ff}, {0xfb00, 0xfffd}}

// glyphMap is the Unicode text of each glyph of an embedded TrueType font.
type glyphMap map[sfnt.GlyphIndex]string

// embeddedGlyphMap parses a FontFile2 program and inverts its cmap, or
// reads its glyph names; nil when neither gives anything.
func embeddedGlyphMap(data []byte) glyphMap {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	var buf sfnt.Buffer
	m := glyphMap{}
	for _, rg := range unicodeRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			gid, err := f.GlyphIndex(&buf, r)
			if err != nil || gid == 0 {
				continue
			}
			if _, ok := m[gid]; !ok {
				m[gid] = string(r)
			}
		}
	}
	if len(m) > 0 {
		return m
	}
	n := f.NumGlyphs()
	for gid := 1; gid < n && gid < 1<<16; gid++ {
		name, err := f.GlyphName(&buf, sfnt.GlyphIndex(gid))
		if err != nil || name == "" {
			continue
		}
		if t := glyphText(name); t != "" {
			m[sfnt.GlyphIndex(gid)] = t
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// embeddedCIDMap gives a composite font without ToUnicode a CID → text
// map from its embedded TrueType program (CIDFontType2 with FontFile2):
// CIDs become glyph indexes through CIDToGIDMap (identity when absent).
func (x *extractor) embeddedCIDMap(desc pdf.Value) map[uint32]string {
	if ff3 := desc.Key("FontDescriptor").Key("FontFile3"); ff3.Kind() == pdf.Stream {
		return x.embeddedCFFMap(ff3)
	}
	ff := desc.Key("FontDescriptor").Key("FontFile2")
	if ff.Kind() != pdf.Stream {
		return nil
	}
	data, _ := x.streamBytes(ff)
	gm := embeddedGlyphMap(data)
	if gm == nil {
		return nil
	}
	var cidToGID []byte
	if c := desc.Key("CIDToGIDMap"); c.Kind() == pdf.Stream {
		cidToGID, _ = x.streamBytes(c)
	}
	out := make(map[uint32]string, len(gm))
	if cidToGID == nil {
		for gid, t := range gm {
			out[uint32(gid)] = t
		}
		return out
	}
	for cid := 0; 2*cid+1 < len(cidToGID); cid++ {
		gid := sfnt.GlyphIndex(cidToGID[2*cid])<<8 | sfnt.GlyphIndex(cidToGID[2*cid+1])
		if t, ok := gm[gid]; ok && gid != 0 {
			out[uint32(cid)] = t
		}
	}
	return out
}

// embeddedCFFMap reads the glyph names of an embedded CFF font that is not
// CID-keyed: its CIDs select glyphs by index (ISO 32000 9.7.4.2), and
// names such as "uni4E2D" or "Aacute" give the text. A CID-keyed CFF has
// no names (its CIDs may be an Adobe collection's, read elsewhere).
func (x *extractor) embeddedCFFMap(ff pdf.Value) map[uint32]string {
	data, _ := x.streamBytes(ff)
	f := parseCFF(data)
	if f == nil {
		return nil
	}
	names := map[int]string{}
	for g, n := range f.names {
		if n != "" && n != ".notdef" {
			names[g] = n
		}
	}
	out := map[uint32]string{}
	for g, t := range x.glyphNamesText(names) {
		if t != "" {
			out[uint32(g)] = t
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
