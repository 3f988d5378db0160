// Package apptheme gives Fyne's own widgets (entries, labels, buttons) a text
// font that covers Arabic and Persian as well as Latin, Greek and Cyrillic.
//
// Fyne 2.7 draws a widget's text with the theme's font first and falls back
// per character to its bundled Noto Sans and then to system fonts: on a
// machine without an Arabic system font, Arabic in an entry shows as boxes.
// Putting Noto Sans Arabic first would make every line half as tall again
// (the first face sets the line height), so the theme returns Parallax Sans
// instead: Noto Sans and Noto Sans Arabic merged into one face with Noto
// Sans's line height (resources/fonts/merge.sh).
package apptheme

import (
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/parallaxworkbench/parallax/resources"
)

// Theme is a theme whose regular and bold text font is Parallax Sans. Its
// italic, monospace and symbol fonts, colours, sizes and icons are the
// base theme's.
type Theme struct {
	fyne.Theme
	regular, bold fyne.Resource
}

// New wraps base so that it draws regular and bold text with Parallax
// Sans.
func New(base fyne.Theme) (*Theme, error) {
	reg, err := load(resources.FontTheme)
	if err != nil {
		return nil, err
	}
	bold, err := load(resources.FontThemeBold)
	if err != nil {
		return nil, err
	}
	return &Theme{Theme: base, regular: reg, bold: bold}, nil
}

func load(name string) (fyne.Resource, error) {
	b, err := resources.ThemeFonts.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read theme font %s: %w", name, err)
	}
	return fyne.NewStaticResource(name, b), nil
}

// Font returns Parallax Sans for regular and bold text. Italic text keeps
// the base theme's Noto Sans Italic (Arabic has no italic; in italic text
// it falls back to system fonts as before); monospace and symbols keep
// the base theme's fonts.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol || s.Italic {
		return t.Theme.Font(s)
	}
	if s.Bold {
		return t.bold
	}
	return t.regular
}
