package report

import (
	"fmt"
	"sort"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/internal/textshape"
	"github.com/parallaxworkbench/parallax/resources"
)

// The PDF's font families: Noto Sans for Latin, Greek and Cyrillic, Noto
// Sans Arabic for Arabic and Persian (resources/fonts).
const (
	fontFamily       = "NotoSans"
	fontFamilyArabic = "NotoSansArabic"
)

func familyName(f textshape.Family) string {
	if f == textshape.Arabic {
		return fontFamilyArabic
	}
	return fontFamily
}

// addFonts embeds the regular and bold faces of both families. The Noto
// fonts have no italics: italic text of the layout is set upright (it is
// also grey, which keeps it apart).
func addFonts(f *fpdf.Fpdf) error {
	for _, fam := range []textshape.Family{textshape.Latin, textshape.Arabic} {
		regular, boldFile := fam.Files()
		for style, file := range map[string]string{"": regular, "B": boldFile} {
			data, err := resources.Fonts.ReadFile(file)
			if err != nil {
				return fmt.Errorf("read font %s: %w", file, err)
			}
			f.AddUTF8FontFromBytes(familyName(fam), style, data)
		}
	}
	return f.Error()
}

// upright maps the layout's styles onto the faces there are.
func upright(style string) string {
	if strings.Contains(style, "B") {
		return "B"
	}
	return ""
}

// clean makes s safe for the PDF writer: see textshape.Shaper.Clean.
func (p *pdfWriter) clean(s string) string { return p.sh.Clean(s) }

// pieces lays out one line of text (no newlines) for drawing.
func (p *pdfWriter) pieces(s string, rtl bool) []textshape.Piece {
	s = p.clean(strings.ReplaceAll(s, "\n", " "))
	return p.sh.Line(s, rtl)
}

// setFamily switches the writer's font to a family in the current style.
func (p *pdfWriter) setFamily(fam textshape.Family) {
	p.f.SetFont(familyName(fam), p.style, p.size)
}

// sw is the width of a line of text in the current font and size.
func (p *pdfWriter) sw(s string) float64 {
	if s == "" {
		return 0
	}
	if textshape.Plain(s) && !strings.Contains(s, "\n") {
		return p.f.GetStringWidth(s)
	}
	ps := p.pieces(s, textdir.IsRTL(s))
	if len(ps) == 1 && ps[0].Family == textshape.Latin {
		return p.f.GetStringWidth(ps[0].Draw)
	}
	w := 0.0
	for _, pc := range ps {
		p.setFamily(pc.Family)
		w += p.f.GetStringWidth(pc.Draw)
	}
	p.setFamily(textshape.Latin)
	return w
}

// text draws a line of text with its left end at x and baseline at y, in a
// paragraph of the given direction. Right-to-left pieces are drawn as their
// shaped presentation forms inside a marked span whose actual text is empty,
// followed by the letters as written, invisible and scaled to the same
// width: copy-paste and pdftotext then read the words, not the forms.
func (p *pdfWriter) text(x, y float64, s string, rtl bool) {
	f := p.f
	if !rtl && textshape.Plain(s) && !strings.Contains(s, "\n") {
		f.Text(x, y, s) // the Latin font is current
		return
	}
	ps := p.pieces(s, rtl)
	for _, pc := range ps {
		p.checkCoverage(pc)
		p.setFamily(pc.Family)
		w := f.GetStringWidth(pc.Draw)
		if strings.TrimSpace(pc.Draw) == "" {
			x += w
			continue
		}
		if !pc.Shaped() {
			f.Text(x, y, pc.Draw)
			x += w
			continue
		}
		f.RawWriteStr("/Span <</ActualText <FEFF>>> BDC")
		f.Text(x, y, pc.Draw)
		f.RawWriteStr("EMC")
		if lw := f.GetStringWidth(pc.Layer); lw > 0 {
			f.SetTextRenderingMode(3)
			f.RawWriteStr(fmt.Sprintf("%.3f Tz", 100*w/lw))
			f.Text(x, y, pc.Layer)
			f.RawWriteStr("100 Tz")
			f.SetTextRenderingMode(0)
		}
		x += w
	}
	p.setFamily(textshape.Latin)
}

// multi writes wrapped text at the cursor across the text width w from the
// left margin, breaking pages as needed; align is "L" or "R", and a
// right-to-left paragraph is right-aligned.
func (p *pdfWriter) multi(w, lh float64, s, align string) {
	f := p.f
	x := f.GetX()
	for _, para := range strings.Split(p.clean(s), "\n") {
		rtl := textdir.IsRTL(para)
		lines := p.splitWords(para, w)
		if len(lines) == 0 {
			lines = []string{""}
		}
		for _, l := range lines {
			if f.GetY()+lh > p.bottom() && f.PageNo() > 0 {
				f.AddPage()
			}
			y := f.GetY()
			tx := x
			if align == "R" || rtl {
				tx = x + w - p.sw(l)
			}
			if l != "" {
				// fpdf's MultiCell baseline, which lineAt shares.
				p.text(tx, y+lh/2+0.3*p.size*ptToMM, l, rtl)
			}
			f.SetXY(x, y+lh)
		}
	}
}

// lineAt draws one line of text in a box at (x, y) of width w and height h,
// aligned "L" or "R", on the baseline fpdf's CellFormat would use.
func (p *pdfWriter) lineAt(x, y, w, h float64, s, align string) {
	tx := x
	if align == "R" {
		tx = x + w - p.sw(s)
	}
	p.text(tx, y+h/2+0.3*p.size*ptToMM, s, textdir.IsRTL(s))
}

// checkCoverage records characters a piece would draw from a font that has
// no glyph for them: WritePDF fails on them rather than print empty boxes.
// Clean makes this impossible; the check keeps it so.
func (p *pdfWriter) checkCoverage(pc textshape.Piece) {
	for _, r := range pc.Draw + pc.Layer {
		if r != ' ' && !p.sh.CoveredBy(pc.Family, r) {
			if p.uncovered == nil {
				p.uncovered = map[rune]bool{}
			}
			p.uncovered[r] = true
		}
	}
}

// coverageError reports the characters checkCoverage found.
func (p *pdfWriter) coverageError() error {
	if len(p.uncovered) == 0 {
		return nil
	}
	var rs []string
	for r := range p.uncovered {
		rs = append(rs, fmt.Sprintf("U+%04X", r))
	}
	sort.Strings(rs)
	return fmt.Errorf("report text has characters its fonts do not cover: %s", strings.Join(rs, ", "))
}
