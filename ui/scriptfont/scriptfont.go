// Package scriptfont lets Parallax draw Arabic and Persian with the
// embedded Noto Sans Arabic on any machine, beside Latin, Greek and
// Cyrillic drawn with Fyne's own Noto Sans.
//
// What Fyne 2.7 does (internal/painter/font.go): a canvas.Text is drawn
// with a chain of faces tried per character — the theme's font, Fyne's
// bundled Noto Sans, its emoji font, then a system font that fontscan finds
// for the character. A machine with no Arabic system font draws Arabic as
// boxes. Putting Noto Sans Arabic first in the chain (a theme font) is no
// cure: the chain's first face sets the height and baseline of every text,
// and Noto Sans Arabic is 2.1 em tall against Noto Sans's 1.36 em, so every
// label of the app would grow by half. A canvas.Text with a FontSource is
// drawn with that one face, measured with its own metrics. So views that
// draw their own text split it into pieces by the font that has their
// characters (Split) and give Arabic pieces the embedded face, placing
// each piece on a common baseline (Baseline).
package scriptfont

import (
	"bytes"
	"fmt"
	"io/fs"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"github.com/parallaxworkbench/parallax/resources"
)

// Fonts knows which characters Fyne's default face lacks and the embedded
// Arabic face has. It is read-only once loaded and may be shared.
type Fonts struct {
	arabic, arabicBold fyne.Resource
	arFace, latinFace  *font.Face
}

// Load reads the embedded Noto Sans Arabic faces and the coverage of Fyne's
// default text font.
func Load() (*Fonts, error) {
	reg, err := load(resources.FontSansArabic)
	if err != nil {
		return nil, err
	}
	bold, err := load(resources.FontSansArabicBold)
	if err != nil {
		return nil, err
	}
	ar, err := font.ParseTTF(bytes.NewReader(reg.Content()))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", reg.Name(), err)
	}
	latin, err := font.ParseTTF(bytes.NewReader(theme.DefaultTextFont().Content()))
	if err != nil {
		return nil, fmt.Errorf("parse Fyne's text font: %w", err)
	}
	return &Fonts{arabic: reg, arabicBold: bold, arFace: ar, latinFace: latin}, nil
}

func load(name string) (fyne.Resource, error) {
	b, err := fs.ReadFile(resources.Fonts, name)
	if err != nil {
		return nil, fmt.Errorf("embedded font %s: %w", name, err)
	}
	return fyne.NewStaticResource(name, b), nil
}

// Arabic returns the embedded Arabic face for a text style (nil on a nil
// Fonts).
func (f *Fonts) Arabic(st fyne.TextStyle) fyne.Resource {
	if f == nil {
		return nil
	}
	if st.Bold {
		return f.arabicBold
	}
	return f.arabic
}

// needsArabic reports whether r must be drawn with the Arabic face: Fyne's
// default face lacks it and the Arabic face has it.
func (f *Fonts) needsArabic(r rune) bool {
	if r < 0x80 {
		return false
	}
	if _, ok := f.latinFace.NominalGlyph(r); ok {
		return false
	}
	_, ok := f.arFace.NominalGlyph(r)
	return ok
}

// hasArabic reports whether the Arabic face has r.
func (f *Fonts) hasArabic(r rune) bool {
	_, ok := f.arFace.NominalGlyph(r)
	return ok
}

// MayNeedArabic reports whether s has a character past the Cyrillic block
// (Hebrew, Arabic and later): only such a text may need the Arabic face, so
// a view can skip loading the fonts for texts without one.
func MayNeedArabic(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < 0xd6 { // a byte below the lead byte of U+0590
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x590 {
			return true
		}
		i += n
	}
	return false
}

// NeedsArabic reports whether s has a character only the Arabic face draws.
func (f *Fonts) NeedsArabic(s string) bool {
	if f == nil {
		return false
	}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if f.needsArabic(r) {
			return true
		}
		i += n
	}
	return false
}

// Piece is a byte span [Start,End) of a text drawn with one face: the
// embedded Arabic one when Arabic is set, the theme's chain otherwise.
type Piece struct {
	Start, End int
	Arabic     bool
}

// Split appends to dst the pieces of s by face and returns it. A character
// both faces have (space, digits, some punctuation) stays in the piece
// before it (at the start, goes with the first that decides), so that an
// Arabic phrase is one piece, shaped whole. On a nil Fonts, s is one piece.
func (f *Fonts) Split(s string, dst []Piece) []Piece {
	if s == "" {
		return dst
	}
	if f == nil {
		return append(dst, Piece{0, len(s), false})
	}
	// Characters both faces have at the start go with the first character
	// that decides.
	cur := Piece{Start: 0}
	for _, r := range s {
		if f.needsArabic(r) {
			cur.Arabic = true
			break
		}
		if !f.hasArabic(r) {
			break
		}
	}
	for i, r := range s {
		ar := f.needsArabic(r) || cur.Arabic && f.hasArabic(r)
		if ar != cur.Arabic && i > cur.Start {
			cur.End = i
			dst = append(dst, cur)
			cur = Piece{Start: i}
		}
		cur.Arabic = ar
	}
	cur.End = len(s)
	return append(dst, cur)
}

// Measure returns the width of s drawn in pieces by face (one piece, as
// fyne.MeasureText measures it, when s needs no Arabic face).
func (f *Fonts) Measure(s string, size float32, st fyne.TextStyle) float32 {
	if !f.NeedsArabic(s) {
		return fyne.MeasureText(s, size, st).Width
	}
	drv := fyne.CurrentApp().Driver()
	w := float32(0)
	for _, p := range f.Split(s, nil) {
		var src fyne.Resource
		if p.Arabic {
			src = f.Arabic(st)
		}
		sz, _ := drv.RenderedTextSize(s[p.Start:p.End], size, st, src)
		w += sz.Width
	}
	return w
}

// Lift returns how far above the top of a text drawn with the theme's
// fonts a piece drawn with the Arabic face must be placed so that both sit
// on one baseline (the Arabic face is taller above its baseline).
func (f *Fonts) Lift(size float32, st fyne.TextStyle) float32 {
	if f == nil {
		return 0
	}
	drv := fyne.CurrentApp().Driver()
	_, latin := drv.RenderedTextSize(" ", size, st, nil)
	_, ar := drv.RenderedTextSize(" ", size, st, f.Arabic(st))
	return ar - latin
}
