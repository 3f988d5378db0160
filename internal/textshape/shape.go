package textshape

import (
	"bytes"
	"fmt"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/resources"
)

// Family is one of the embedded font families.
type Family int

const (
	// Latin is Noto Sans: Latin, Greek, Cyrillic, punctuation.
	Latin Family = iota
	// Arabic is Noto Sans Arabic: Arabic and Persian letters, digits and
	// the presentation forms the shaping writes.
	Arabic
)

// Files are the embedded font files of a family, regular and bold.
func (f Family) Files() (regular, bold string) {
	if f == Arabic {
		return resources.FontSansArabic, resources.FontSansArabicBold
	}
	return resources.FontSans, resources.FontSansBold
}

// face is a parsed font with its character map both ways.
type face struct {
	f   *font.Face
	rev map[font.GID]rune // glyph → a code point drawing it
}

func (f *face) covers(r rune) bool {
	_, ok := f.f.NominalGlyph(r)
	return ok
}

// Shaper lays out lines of text with the embedded fonts. It is not safe for
// concurrent use: give each report its own.
type Shaper struct {
	fonts [2]*face
	hb    shaping.HarfbuzzShaper
	cache map[lineKey][]Piece
	// cleaned remembers Clean's results: a report cleans the same titles
	// and names on every page.
	cleaned map[string]string
}

type lineKey struct {
	s   string
	rtl bool
}

// New parses the embedded regular fonts (the bold ones share their
// character maps and presentation forms).
func New() (*Shaper, error) {
	s := &Shaper{cache: map[lineKey][]Piece{}, cleaned: map[string]string{}}
	for _, fam := range []Family{Latin, Arabic} {
		name, _ := fam.Files()
		data, err := resources.Fonts.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read font %s: %w", name, err)
		}
		f, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("parse font %s: %w", name, err)
		}
		fc := &face{f: f, rev: map[font.GID]rune{}}
		it := f.Cmap.Iter()
		for it.Next() {
			r, g := it.Char()
			// Prefer the plain letter over a presentation form drawing the
			// same glyph, and the lowest code point among plain ones.
			if old, ok := fc.rev[g]; !ok || presentation(old) && !presentation(r) || presentation(old) == presentation(r) && r < old {
				fc.rev[g] = r
			}
		}
		s.fonts[fam] = fc
	}
	return s, nil
}

func presentation(r rune) bool { return r >= 0xFB50 && r <= 0xFEFF }

// Piece is a stretch of a line in one font, in display order.
type Piece struct {
	Family Family
	// Draw is what to draw, left to right: for right-to-left text, the
	// shaped presentation forms in visual order.
	Draw string
	// Layer is the text the PDF's text layer should hold for the piece, in
	// the same visual order (extractors reverse right-to-left lines): the
	// letters as written, reversed. It equals Draw for left-to-right text.
	Layer string
	// RTL is set for a right-to-left piece.
	RTL bool
}

// Shaped reports whether the piece draws other code points than its text
// layer holds, so that the writer must keep the two apart.
func (p Piece) Shaped() bool { return p.Draw != p.Layer }

// Line lays out one line of cleaned text (see Clean) in a paragraph of the
// given direction: the pieces in display order, left to right.
func (s *Shaper) Line(line string, rtl bool) []Piece {
	if !rtl && !textdir.NeedsBidi(line) {
		// Nothing to shape: cheaper to split again than to cache.
		return s.ltrPieces([]rune(line))
	}
	k := lineKey{line, rtl}
	if ps, ok := s.cache[k]; ok {
		return ps
	}
	ps := s.line(line, rtl)
	s.cache[k] = ps
	return ps
}

func (s *Shaper) line(line string, rtl bool) []Piece {
	if line == "" {
		return nil
	}
	if !rtl && !textdir.NeedsBidi(line) {
		return s.ltrPieces([]rune(line))
	}
	para := uint8(0)
	if rtl {
		para = 1
	}
	var out []Piece
	for _, r := range textdir.VisualRuns(line, textdir.Levels(line, para, nil), para, nil) {
		// Each run is in logical order: HarfBuzz lays right-to-left ones
		// out from the right.
		rs := []rune(line[r.Start:r.End])
		if r.RTL() {
			out = append(out, s.rtlPieces(rs)...)
		} else {
			out = append(out, s.ltrPieces(rs)...)
		}
	}
	return out
}

// familyOf picks the font for r: Arabic-script letters from the Arabic font,
// everything else from Noto Sans where it has it. Marks and joiners follow
// the character before them so that they shape with it.
func (s *Shaper) familyOf(r rune, prev Family, first bool) Family {
	if !first && (unicode.Is(unicode.Mn, r) || joinControl(r)) && s.fonts[prev].covers(r) {
		return prev
	}
	if language.LookupScript(r) == language.Arabic && s.fonts[Arabic].covers(r) {
		return Arabic
	}
	if s.fonts[Latin].covers(r) {
		return Latin
	}
	return Arabic
}

// byFamily splits runes into stretches of one font, in logical order.
func (s *Shaper) byFamily(rs []rune) (parts [][]rune, fams []Family) {
	start := 0
	var cur Family
	for i, r := range rs {
		f := s.familyOf(r, cur, i == 0)
		if i > 0 && f != cur {
			parts = append(parts, rs[start:i])
			fams = append(fams, cur)
			start = i
		}
		cur = f
	}
	if start < len(rs) {
		parts = append(parts, rs[start:])
		fams = append(fams, cur)
	}
	return parts, fams
}

func (s *Shaper) ltrPieces(rs []rune) []Piece {
	parts, fams := s.byFamily(rs)
	out := make([]Piece, 0, len(parts))
	for i, p := range parts {
		t := string(p)
		out = append(out, Piece{Family: fams[i], Draw: t, Layer: t})
	}
	return out
}

// rtlPieces shapes a right-to-left run: its font stretches in reverse
// order, each shaped by HarfBuzz and split at spaces, so that each word has
// its own text layer.
func (s *Shaper) rtlPieces(rs []rune) []Piece {
	parts, fams := s.byFamily(rs)
	var out []Piece
	for i := len(parts) - 1; i >= 0; i-- {
		out = append(out, s.shapeRTL(parts[i], fams[i])...)
	}
	return out
}

// shapeRTL shapes runes of one font right to left and maps the glyphs back
// to the code points the font draws them for (presentation forms for joined
// Arabic letters and lam-alef). A glyph the character map does not reach
// (a contextual alternate) is drawn as the plain letters of its cluster.
func (s *Shaper) shapeRTL(rs []rune, fam Family) []Piece {
	fc := s.fonts[fam]
	out := s.hb.Shape(shaping.Input{
		Text:      rs,
		RunStart:  0,
		RunEnd:    len(rs),
		Direction: di.DirectionRTL,
		Face:      fc.f,
		Size:      fixed.I(16),
		Script:    language.LookupScript(rs[0]),
		// Only the forms a character map can name: contextual alternates
		// and optional ligatures have no code point to write.
		FontFeatures: []shaping.FontFeature{
			{Tag: tag("calt"), Value: 0},
			{Tag: tag("liga"), Value: 0},
			{Tag: tag("dlig"), Value: 0},
		},
	})
	var pieces []Piece
	var draw, layer []rune
	flush := func() {
		if len(draw) > 0 {
			pieces = append(pieces, Piece{Family: fam, Draw: string(draw), Layer: string(layer), RTL: true})
		}
		draw, layer = nil, nil
	}
	gs := out.Glyphs
	for i := 0; i < len(gs); {
		g := gs[i]
		n := max(1, g.GlyphCount)
		lo, hi := g.ClusterIndex, min(len(rs), g.ClusterIndex+max(1, g.RuneCount))
		cluster := rs[lo:hi]
		if len(cluster) == 1 && unicode.IsSpace(cluster[0]) {
			flush()
			pieces = append(pieces, Piece{Family: fam, Draw: string(cluster), Layer: string(cluster), RTL: true})
			i += n
			continue
		}
		mapped := true
		var d []rune
		for k := i; k < i+n && k < len(gs); k++ {
			r, ok := fc.rev[gs[k].GlyphID]
			if !ok {
				mapped = false
				break
			}
			d = append(d, r)
		}
		if !mapped {
			d = reverse(cluster)
		}
		draw = append(draw, d...)
		layer = append(layer, reverse(cluster)...)
		i += n
	}
	flush()
	return pieces
}

// Reverse returns the runes in the opposite order (a right-to-left word as
// text extractors report it in visual order).
func Reverse(rs []rune) []rune { return reverse(rs) }

func reverse(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[len(rs)-1-i] = r
	}
	return out
}

func tag(s string) ot.Tag { return ot.MustNewTag(s) }
