package document

import (
	"fmt"
	"strings"
)

// ProblemGarbled is the Problem kind of a document that was read but whose
// text looks garbled: the document is in the project all the same.
const ProblemGarbled = "garbled"

// garbledMark is what every garbled-text warning holds, so that readers of
// Warnings can tell them from other notes.
const garbledMark = " looks garbled: "

// GarbledWarning is the warning for text that reads as garbage (a font
// whose characters are mapped wrongly or not at all): page is 1-based, 0
// for the whole document.
func GarbledWarning(page int, reason string) string {
	if page <= 0 {
		return "text" + garbledMark + reason
	}
	return fmt.Sprintf("text of page %d%s%s", page, garbledMark, reason)
}

// IsGarbledWarning reports whether w was made by GarbledWarning.
func IsGarbledWarning(w string) bool {
	return strings.HasPrefix(w, "text") && strings.Contains(w, garbledMark)
}

// GarbledWarnings returns the document's garbled-text warnings.
func (d *Document) GarbledWarnings() []string {
	var out []string
	for _, w := range d.Warnings {
		if IsGarbledWarning(w) {
			out = append(out, w)
		}
	}
	return out
}
