package resources

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

func parseFont(t *testing.T, fsys interface{ ReadFile(string) ([]byte, error) }, name string) *font.Face {
	t.Helper()
	data, err := fsys.ReadFile(name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f
}

// The theme font must be exactly as tall as Noto Sans: Fyne sizes every
// label and entry from the first face's extents.
func TestThemeFontKeepsNotoSansMetrics(t *testing.T) {
	for _, c := range []struct{ theme, latin, arabic string }{
		{FontTheme, FontSans, FontSansArabic},
		{FontThemeBold, FontSansBold, FontSansArabicBold},
	} {
		th := parseFont(t, ThemeFonts, c.theme)
		la := parseFont(t, Fonts, c.latin)
		ar := parseFont(t, Fonts, c.arabic)
		got, _ := th.FontHExtents()
		want, _ := la.FontHExtents()
		if got != want {
			t.Errorf("%s: extents %+v, Noto Sans has %+v", c.theme, got, want)
		}
		if th.Upem() != la.Upem() || th.Upem() != ar.Upem() {
			t.Errorf("%s: %d units per em, sources %d and %d", c.theme, th.Upem(), la.Upem(), ar.Upem())
		}
		// Coverage is the union of both sources.
		n := 0
		for _, src := range []*font.Face{la, ar} {
			it := src.Cmap.Iter()
			for it.Next() {
				r, _ := it.Char()
				if _, ok := th.NominalGlyph(r); !ok {
					t.Errorf("%s lacks U+%04X", c.theme, r)
					if n++; n > 10 {
						t.FailNow()
					}
				}
			}
		}
	}
}

// shapeRun shapes s in one direction and script with f at 1000 units.
func shapeRun(f *font.Face, s string, rtl bool) []shaping.Glyph {
	in := shaping.Input{
		Text: []rune(s), RunEnd: len([]rune(s)), Face: f,
		Size: fixed.I(1000), Direction: di.DirectionLTR, Script: language.Latin,
	}
	if rtl {
		in.Direction, in.Script = di.DirectionRTL, language.Arabic
	}
	var hb shaping.HarfbuzzShaper
	return hb.Shape(in).Glyphs
}

// Shaping with the merged font must give the glyphs the source font gives:
// same outlines, advances, offsets and clusters (glyph numbers differ).
// Characters both sources map (space, digits, joiners) draw as in Noto
// Sans, so they are compared with Noto Sans's glyph for them.
func TestThemeFontShapesLikeSources(t *testing.T) {
	tests := []struct {
		name string
		text string
		rtl  bool
	}{
		{"arabic", "السلام عليكم في المستشفى", true},
		{"lam-alef", "لا إله الا", true},
		{"vowel marks", "بِسْمِ اللَّهِ", true},
		{"persian zwnj", "کتاب\u200cهای فارسی گرامی", true},
		{"persian letters", "پژوهشگران چگونه", true},
		{"latin kerning", "AVATAR To Wave, office", false},
		{"cyrillic", "Привет, мир", false},
		{"greek", "Ελληνικά νέα", false},
	}
	for _, style := range []struct{ theme, latin, arabic string }{
		{FontTheme, FontSans, FontSansArabic},
		{FontThemeBold, FontSansBold, FontSansArabicBold},
	} {
		th := parseFont(t, ThemeFonts, style.theme)
		la := parseFont(t, Fonts, style.latin)
		ar := parseFont(t, Fonts, style.arabic)
		for _, tt := range tests {
			t.Run(style.theme+"/"+tt.name, func(t *testing.T) {
				ref := la
				if tt.rtl {
					ref = ar
				}
				got := shapeRun(th, tt.text, tt.rtl)
				want := shapeRun(ref, tt.text, tt.rtl)
				if len(got) != len(want) {
					t.Fatalf("%d glyphs, the source font gives %d", len(got), len(want))
				}
				runes := []rune(tt.text)
				for i := range got {
					g, w := got[i], want[i]
					r := runes[g.ClusterIndex]
					refFace := ref
					if _, shared := la.NominalGlyph(r); shared && ref == ar {
						// Noto Sans's glyph replaced Noto Sans Arabic's.
						refFace = la
						if gid, ok := la.NominalGlyph(r); ok {
							w.GlyphID = gid
							w.XAdvance = fixed.Int26_6(la.HorizontalAdvance(gid) * 64)
						}
					}
					if g.GlyphID == 0 {
						t.Errorf("glyph %d (U+%04X) is .notdef", i, r)
					}
					if g.ClusterIndex != w.ClusterIndex || g.XAdvance != w.XAdvance ||
						g.XOffset != w.XOffset || g.YOffset != w.YOffset {
						t.Errorf("glyph %d (U+%04X): cluster %d advance %v offset %v,%v; source gives %d, %v, %v,%v",
							i, r, g.ClusterIndex, g.XAdvance, g.XOffset, g.YOffset, w.ClusterIndex, w.XAdvance, w.XOffset, w.YOffset)
					}
					if !reflect.DeepEqual(th.GlyphData(g.GlyphID), refFace.GlyphData(w.GlyphID)) {
						t.Errorf("glyph %d (U+%04X): outline differs from the source font's", i, r)
					}
				}
			})
		}
	}
}

// The checks above would pass if the source fonts did not join letters
// either: make sure joining happens, so that they are worth something.
func TestThemeFontJoinsArabic(t *testing.T) {
	th := parseFont(t, ThemeFonts, FontTheme)
	// Three beh: initial, medial and final forms, three different glyphs.
	g := shapeRun(th, "ببب", true)
	if len(g) != 3 || g[0].GlyphID == g[1].GlyphID || g[1].GlyphID == g[2].GlyphID || g[0].GlyphID == g[2].GlyphID {
		t.Errorf("beh beh beh shapes to %v: want three different joining forms", g)
	}
	iso, _ := th.NominalGlyph('ب')
	for _, x := range g {
		if x.GlyphID == iso {
			t.Errorf("a joined beh drew its isolated form")
		}
	}
	// Lam and alef form one ligature.
	if g := shapeRun(th, "لا", true); len(g) != 1 {
		t.Errorf("lam alef shapes to %d glyphs, want one ligature", len(g))
	}
}
