package scriptfont

import (
	"image/color"

	"fyne.io/fyne/v2"
)

// arabicFirst is a theme whose text fonts start with the embedded Arabic
// face (see the package comment for why this is not the app's theme: every
// text drawn with it is as tall as Noto Sans Arabic's 2.1 em line).
type arabicFirst struct {
	base  fyne.Theme
	fonts *Fonts
}

// ArabicFirstTheme returns base with the embedded Arabic faces first in the
// chain of text fonts, for widgets that cannot be given a FontSource (an
// editable field holding Arabic, in a container.ThemeOverride): their Arabic
// is drawn with real glyphs on any machine, at the cost of a taller line.
// Monospace and symbol text keep base's fonts. On a nil Fonts it is base.
func ArabicFirstTheme(base fyne.Theme, f *Fonts) fyne.Theme {
	if f == nil {
		return base
	}
	return &arabicFirst{base: base, fonts: f}
}

func (t *arabicFirst) Font(st fyne.TextStyle) fyne.Resource {
	if st.Monospace || st.Symbol {
		return t.base.Font(st)
	}
	// Italic too: Arabic has no italic, and the Latin letters come from
	// the Noto Sans of the style drawn after it.
	return t.fonts.Arabic(st)
}

func (t *arabicFirst) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

func (t *arabicFirst) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *arabicFirst) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
