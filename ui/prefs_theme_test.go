package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/parallaxworkbench/parallax/resources"
)

// Every theme choice draws regular and bold text with Parallax Sans (so
// entries show Arabic without system fonts) and keeps its colours.
func TestThemePrefUsesParallaxSans(t *testing.T) {
	a := test.NewTempApp(t)
	for _, c := range []struct {
		choice  string
		variant fyne.ThemeVariant // for "system": whatever the app reports
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}, {"system", 99}} {
		setThemePref(a, c.choice)
		th := a.Settings().Theme()
		if got := th.Font(fyne.TextStyle{}).Name(); got != resources.FontTheme {
			t.Errorf("%s: regular font %s, want %s", c.choice, got, resources.FontTheme)
		}
		if got := th.Font(fyne.TextStyle{Bold: true}).Name(); got != resources.FontThemeBold {
			t.Errorf("%s: bold font %s, want %s", c.choice, got, resources.FontThemeBold)
		}
		if got, want := th.Font(fyne.TextStyle{Monospace: true}), theme.DefaultTheme().Font(fyne.TextStyle{Monospace: true}); got.Name() != want.Name() {
			t.Errorf("%s: monospace font %s, want Fyne's %s", c.choice, got.Name(), want.Name())
		}
		if c.variant == 99 {
			continue
		}
		other := theme.VariantDark
		if c.variant == theme.VariantDark {
			other = theme.VariantLight
		}
		// Held to its variant whatever the system asks for.
		want := theme.DefaultTheme().Color(theme.ColorNameBackground, c.variant)
		if got := th.Color(theme.ColorNameBackground, other); got != want {
			t.Errorf("%s: background %v, want %v", c.choice, got, want)
		}
	}
}
