package pdftext

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

const qualityText = `The harbour authority said on Tuesday that the night ferry had been held at the quay for six hours while inspectors checked the cargo manifest. Passengers were offered hotel rooms, and the company promised a full refund to anyone who chose to travel by train instead. A spokesman declined to say when the service would resume.`

// subsetPDF writes text the way LibreOffice writes a TrueType subset: a
// symbolic font without /Encoding whose codes are 1, 2, 3... in the order
// characters first appear, one line per 60 characters, and the given
// ToUnicode entries (code → text); toUni nil leaves the map out.
func subsetPDF(text string, toUni func(code int, r rune) string) []byte {
	codes := map[rune]int{}
	var order []rune
	for _, r := range text {
		if _, ok := codes[r]; !ok {
			order = append(order, r)
			codes[r] = len(order)
		}
	}
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 72 720 Td 14 TL\n")
	line := []rune{}
	flush := func() {
		content.WriteString("<")
		for _, r := range line {
			fmt.Fprintf(&content, "%02X", codes[r])
		}
		content.WriteString("> Tj T*\n")
		line = line[:0]
	}
	for _, r := range text {
		line = append(line, r)
		if r == ' ' && len(line) > 60 {
			flush()
		}
	}
	flush()
	content.WriteString("ET")
	widths := make([]string, len(order)+1)
	widths[0] = "0"
	for i := range order {
		widths[i+1] = "500"
	}
	font := fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /BAAAAA+TestSerif /FirstChar 0 /LastChar %d /Widths [%s] /FontDescriptor 7 0 R%s >>",
		len(order), strings.Join(widths, " "), map[bool]string{true: " /ToUnicode 5 0 R", false: ""}[toUni != nil])
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n")
	if toUni != nil {
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(order))
		for i, r := range order {
			t := toUni(i+1, r)
			fmt.Fprintf(&cmap, "<%02X> <", i+1)
			for _, u := range t {
				fmt.Fprintf(&cmap, "%04X", u)
			}
			cmap.WriteString(">\n")
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
		font,
		stream("", []byte(cmap.String())),
		stream("", []byte(content.String())),
		"<< /Type /FontDescriptor /FontName /BAAAAA+TestSerif /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
	}
	return buildPDF(objs...)
}

// TestGarbledOnPurpose makes PDFs whose font maps characters wrongly or
// not at all, as broken producers and extractors do: each must come with
// a garbled-text warning for page 1; the correct one must not.
func TestGarbledOnPurpose(t *testing.T) {
	tests := []struct {
		name    string
		toUni   func(int, rune) string
		garbled bool
		reason  string
	}{
		{"correct map", func(_ int, r rune) string { return string(r) }, false, ""},
		// The LibreOffice failure of issue 12: the map applied to the
		// first codes only, later codes read as the code's own byte.
		{"map cut after 20 codes", func(c int, r rune) string {
			if c <= 20 {
				return string(r)
			}
			return string(rune(c))
		}, true, "Unicode map"},
		// A map that shifts letters onto punctuation and digits.
		{"map onto punctuation", func(c int, r rune) string {
			if r >= 'a' && r <= 'z' && c%3 == 0 {
				return string(rune('!' + c%15))
			}
			return string(r)
		}, true, "words look like words"},
		{"map to private use", func(c int, r rune) string {
			if r == ' ' {
				return " "
			}
			return string(rune(0xe000 + c))
		}, true, "private-use"},
		{"no map", nil, true, "no usable Unicode map"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract(context.Background(), subsetPDF(qualityText, tc.toUni), Options{})
			if err != nil && !(tc.toUni == nil && err != nil) {
				t.Fatalf("err %v", err)
			}
			if got := res.Quality.Garbled(); got != tc.garbled {
				t.Fatalf("garbled %v, want %v; quality %+v, text %q", got, tc.garbled, res.Quality, res.Text)
			}
			var warned []string
			for _, w := range res.Warnings {
				if document.IsGarbledWarning(w) {
					warned = append(warned, w)
				}
			}
			if !tc.garbled {
				if len(warned) > 0 || res.Quality.Score < 0.95 {
					t.Errorf("clean text: score %.2f, warnings %v", res.Quality.Score, warned)
				}
				if !strings.Contains(res.Text, "the night ferry had") {
					t.Errorf("text %q", res.Text)
				}
				return
			}
			if len(warned) != 1 || !strings.HasPrefix(warned[0], "text of page 1 looks garbled: ") || !strings.Contains(warned[0], tc.reason) {
				t.Errorf("warnings %q, want one for page 1 saying %q", warned, tc.reason)
			}
		})
	}
}

func TestPlausibleWord(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"harbour", true}, {"don't", true}, {"e-mail", true}, {"U.S.", true}, {"McDonald", true},
		{"2019", true}, {"10:30", true}, {"G7", true}, {"ب10", true}, {"Москва", true},
		{"سليماني", true}, {"https://example.org/a?b=c", true}, {"Gauß-Krümmung", true},
		{"Speci&l", true}, // & is allowed (AT&T): one word does not decide
		{"WASHI!\"#O", false}, {"Ro(ert", false}, {"ueller*s", false}, {"Ro2ert", false},
		{"Hello\u0416world", false}, {"rEuTeRs", false}, {"bcdfghk", false}, {"!\"тна#цать", false},
	}
	for _, tc := range tests {
		w := strings.TrimFunc(tc.w, edgePunct)
		if got := plausibleWord(w); got != tc.want {
			t.Errorf("plausibleWord(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}
