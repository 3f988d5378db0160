package textview

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Kind is what a highlight marks; it decides how it is drawn and which
// highlight wins where two overlap.
type Kind int

// The kinds of highlight, from weakest to strongest when drawn.
const (
	// Entity is a mention of an entity: a soft background in the palette
	// colour ColorIndex, one colour per entity.
	Entity Kind = iota
	// Passage is a passage shared with another document: a tint and an
	// underline.
	Passage
	// Annotation is a passage the analyst annotated: a warm tint and an
	// underline.
	Annotation
	// Selection is text selected with the mouse.
	Selection
	// FindHit is a match of the find bar.
	FindHit
	// FindCurrent is the current match of the find bar.
	FindCurrent
	// Flash briefly marks the target of a jump.
	Flash
)

// Highlight marks the byte span [Start,End) of a view's text.
type Highlight struct {
	Start, End int
	Kind       Kind
	// ColorIndex picks the palette colour of an Entity highlight.
	ColorIndex int
	// ID names what the highlight stands for (an entity or passage ID); it
	// is handed back to OnHighlightTapped.
	ID string
}

// Contains reports whether the byte offset i lies in the highlight.
func (h Highlight) Contains(i int) bool { return h.Start <= i && i < h.End }

// sortHighlights orders hs by start, then by kind.
func sortHighlights(hs []Highlight) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Start != hs[j].Start {
			return hs[i].Start < hs[j].Start
		}
		return hs[i].Kind < hs[j].Kind
	})
}

// palette holds the entity colours: distinct hues that stay readable under
// text in light and dark themes (they are drawn translucent).
var palette = []color.NRGBA{
	{0x3b, 0x82, 0xf6, 0xff}, // blue
	{0xf5, 0x9e, 0x0b, 0xff}, // amber
	{0x10, 0xb9, 0x81, 0xff}, // green
	{0xec, 0x48, 0x99, 0xff}, // pink
	{0x8b, 0x5c, 0xf6, 0xff}, // violet
	{0x06, 0xb6, 0xd4, 0xff}, // cyan
	{0xef, 0x44, 0x44, 0xff}, // red
	{0x84, 0xcc, 0x16, 0xff}, // lime
	{0xa1, 0x62, 0x07, 0xff}, // brown
	{0x64, 0x74, 0x8b, 0xff}, // slate
}

// PaletteSize is the number of distinct entity colours.
const PaletteSize = 10

// PaletteColor returns the solid colour of entity colour index i, for
// legends and swatches beside the text.
func PaletteColor(i int) color.Color {
	if i < 0 {
		i = -i
	}
	return palette[i%len(palette)]
}

func withAlpha(c color.Color, a uint8) color.NRGBA {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// background returns the fill drawn behind a highlight.
func background(h Highlight, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	switch h.Kind {
	case Entity:
		if dark {
			return withAlpha(PaletteColor(h.ColorIndex), 0x66)
		}
		return withAlpha(PaletteColor(h.ColorIndex), 0x40)
	case Passage:
		if dark {
			return color.NRGBA{0x2d, 0xd4, 0xbf, 0x30}
		}
		return color.NRGBA{0x14, 0xb8, 0xa6, 0x22}
	case Annotation:
		if dark {
			return color.NRGBA{0xfb, 0xbf, 0x24, 0x38}
		}
		return color.NRGBA{0xfb, 0xbf, 0x24, 0x40}
	case Selection:
		return theme.Current().Color(theme.ColorNameSelection, v)
	case FindHit:
		if dark {
			return color.NRGBA{0xfa, 0xcc, 0x15, 0x50}
		}
		return color.NRGBA{0xfd, 0xe0, 0x47, 0x90}
	case FindCurrent:
		return color.NRGBA{0xf9, 0x73, 0x16, 0xc0}
	case Flash:
		return color.NRGBA{0xf9, 0x73, 0x16, 0xa0}
	}
	return color.Transparent
}

// underline returns the colour of the line drawn under a passage.
func underline(v fyne.ThemeVariant) color.Color {
	if v == theme.VariantDark {
		return color.NRGBA{0x2d, 0xd4, 0xbf, 0xff}
	}
	return color.NRGBA{0x0d, 0x94, 0x88, 0xff}
}

// annotationLine returns the colour of the line drawn under an annotation.
func annotationLine(v fyne.ThemeVariant) color.Color {
	if v == theme.VariantDark {
		return color.NRGBA{0xfb, 0xbf, 0x24, 0xff}
	}
	return color.NRGBA{0xb4, 0x53, 0x09, 0xff}
}
