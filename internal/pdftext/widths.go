package pdftext

import "strings"

// standardWidths gives widths for the standard 14 fonts when a file omits
// /Widths. Only the fixed-pitch Courier family is known exactly; for the
// others the caller falls back to an average width and a wider word gap.
func standardWidths(baseFont string) (w [256]float64, ok bool) {
	if i := strings.IndexByte(baseFont, '+'); i >= 0 {
		baseFont = baseFont[i+1:]
	}
	if strings.HasPrefix(baseFont, "Courier") {
		for i := range w {
			w[i] = 600
		}
		return w, true
	}
	return w, false
}
