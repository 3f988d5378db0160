package scriptfont

import (
	"testing"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
)

func TestArabicFirstTheme(t *testing.T) {
	fonts, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	base := fynetheme.DefaultTheme()
	th := ArabicFirstTheme(base, fonts)
	if th.Font(fyne.TextStyle{}) != fonts.Arabic(fyne.TextStyle{}) || th.Font(fyne.TextStyle{Bold: true}) != fonts.Arabic(fyne.TextStyle{Bold: true}) {
		t.Error("regular and bold text do not start with the Arabic faces")
	}
	if mono := (fyne.TextStyle{Monospace: true}); th.Font(mono) != base.Font(mono) {
		t.Error("monospace text does not keep the base theme's font")
	}
	if th.Color(fynetheme.ColorNameForeground, fynetheme.VariantDark) != base.Color(fynetheme.ColorNameForeground, fynetheme.VariantDark) {
		t.Error("colours are not the base theme's")
	}
	if ArabicFirstTheme(base, nil) != base {
		t.Error("without fonts the theme is not the base")
	}
}
