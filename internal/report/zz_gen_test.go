package report

import (
	"os"
	"testing"
)

func TestZZGen(t *testing.T) {
	out := os.Getenv("REPORT_OUT")
	if out == "" {
		t.Skip()
	}
	a := sampleAnalysis(t)
	ws := sampleWorkspace(t, a)
	ws.Notes = testNotes + "\n\nThe Reuters story reappears on Altayinform.ru with Greek omicrons in place of the Latin o; Mehr's commentary (D1) recycles two paragraphs of D2."
	_, pdf := buildPDF(t, a, ws, Options{Paper: os.Getenv("REPORT_PAPER")})
	os.WriteFile(out, pdf, 0o644)
}
