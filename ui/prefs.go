package ui

import (
	"fmt"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/parallaxworkbench/parallax/ui/apptheme"
)

const (
	prefRecent = "recentProjects"
	prefTheme  = "theme" // "system", "light" or "dark"
	maxRecent  = 8
)

// recentProjects returns the recent project folders, newest first.
func recentProjects(a fyne.App) []string {
	return a.Preferences().StringList(prefRecent)
}

// addRecent puts dir first in the recent projects.
func addRecent(a fyne.App, dir string) {
	list := slices.DeleteFunc(recentProjects(a), func(s string) bool { return s == dir })
	list = append([]string{dir}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	a.Preferences().SetStringList(prefRecent, list)
}

// variantTheme is the default theme held to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// applyThemePref applies the theme preference: follow the system (the
// default), or light or dark. Regular and bold text use Parallax Sans
// (apptheme), which has the Arabic letters Fyne's own font lacks.
func applyThemePref(a fyne.App) {
	var base fyne.Theme = theme.DefaultTheme()
	switch a.Preferences().StringWithFallback(prefTheme, "system") {
	case "light":
		base = &variantTheme{base, theme.VariantLight}
	case "dark":
		base = &variantTheme{base, theme.VariantDark}
	}
	th, err := apptheme.New(base)
	if err != nil {
		// Only a broken build lacks the embedded font: keep Fyne's, whose
		// Arabic falls back to system fonts.
		fyne.LogError("theme font", err)
		a.Settings().SetTheme(base)
		return
	}
	a.Settings().SetTheme(th)
}

// setThemePref saves and applies a theme choice.
func setThemePref(a fyne.App, choice string) {
	a.Preferences().SetString(prefTheme, choice)
	applyThemePref(a)
}

// copyDemo copies the demo files to dir, keeping the analyst's state in
// dir/.parallax.
func copyDemo(demo fs.FS, dir string) error {
	return fs.WalkDir(demo, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(demo, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		if old, err := os.ReadFile(dst); err == nil && string(old) == string(b) {
			return nil // unchanged: keep its time stamp for the cache
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
		return nil
	})
}
