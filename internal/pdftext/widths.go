package pdftext

//go:generate go run ./internal/genwidths -out widths_table.go

import "strings"

// standardWidths gives widths for the standard fonts (and their common
// TrueType namesakes: Arial, Times New Roman, Courier New) when a file
// omits /Widths: Courier is fixed-pitch, Helvetica and Times come from the
// generated table.
func standardWidths(baseFont string) (w [256]float64, ok bool) {
	if i := strings.IndexByte(baseFont, '+'); i >= 0 {
		baseFont = baseFont[i+1:]
	}
	name := strings.ToLower(strings.NewReplacer(" ", "", ",", "-").Replace(baseFont))
	bold := strings.Contains(name, "bold")
	italic := strings.Contains(name, "italic") || strings.Contains(name, "oblique")
	var key string
	switch {
	case strings.HasPrefix(name, "courier"):
		for i := range w {
			w[i] = 600
		}
		return w, true
	case strings.HasPrefix(name, "helvetica") || strings.HasPrefix(name, "arial"):
		key = "Helvetica"
		switch {
		case bold && italic:
			key += "-BoldOblique"
		case bold:
			key += "-Bold"
		case italic:
			key += "-Oblique"
		}
	case strings.HasPrefix(name, "times"):
		key = "Times-Roman"
		switch {
		case bold && italic:
			key = "Times-BoldItalic"
		case bold:
			key = "Times-Bold"
		case italic:
			key = "Times-Italic"
		}
	default:
		return w, false
	}
	t := standardWidthTable[key]
	if t == nil {
		return w, false
	}
	for i, v := range t {
		w[i] = float64(v)
	}
	return w, true
}
