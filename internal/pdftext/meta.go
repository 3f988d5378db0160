package pdftext

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"github.com/parallaxworkbench/parallax/internal/document"
)

// metadata reads Title, Author and the date from the Info dictionary. A
// value the file lacks, or that is only white space or a placeholder, stays
// empty.
func (x *extractor) metadata() (m document.Metadata) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stopped); ok {
				panic(p)
			}
			x.warnf("Info dictionary: %v", p)
		}
	}()
	info := x.r.Trailer().Key("Info")
	if info.Kind() != pdf.Dict {
		return m
	}
	if t := cleanInfo(info.Key("Title").Text()); t != "" {
		conf := 0.7
		if looksLikeFileName(t) {
			conf = 0.3
		}
		m.Title = document.Field{Value: t, Source: document.FromPDFMeta, Rule: "pdf:Info/Title", Confidence: conf}
	}
	if a := cleanInfo(info.Key("Author").Text()); a != "" {
		m.Author = document.Field{Value: a, Source: document.FromPDFMeta, Rule: "pdf:Info/Author", Confidence: 0.6}
	}
	for _, key := range []string{"CreationDate", "ModDate"} {
		if d := pdfDate(info.Key(key).Text()); d != "" {
			m.Date = document.Field{Value: d, Source: document.FromPDFMeta, Rule: "pdf:Info/" + key, Confidence: 0.5}
			break
		}
	}
	return m
}

// cleanInfo trims an Info string and drops placeholders and control
// characters.
func cleanInfo(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == 0xfffd || unicode.IsControl(r) && r != '\t' && r != '\n' {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	switch strings.ToLower(s) {
	case "", "untitled", "unknown", "title", "author", "-", "none", "(anonymous)", "anonymous":
		return ""
	}
	return s
}

func looksLikeFileName(s string) bool {
	l := strings.ToLower(s)
	for _, ext := range []string{".doc", ".docx", ".pdf", ".odt", ".tex", ".dvi", ".rtf", ".indd", ".ps"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return strings.HasPrefix(l, "microsoft word - ")
}

// pdfDate turns a PDF date "D:YYYYMMDDHHmmSSOHH'mm'" into "YYYY-MM-DD" or
// "YYYY-MM-DDThh:mm" (local time of the document, as written). Invalid
// dates give "".
func pdfDate(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "D:")
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 8 {
		return ""
	}
	var y, mo, d, h, mi int
	fmt.Sscanf(s[:4], "%d", &y)
	fmt.Sscanf(s[4:6], "%d", &mo)
	fmt.Sscanf(s[6:8], "%d", &d)
	if y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	date := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	if digits >= 12 {
		fmt.Sscanf(s[8:10], "%d", &h)
		fmt.Sscanf(s[10:12], "%d", &mi)
		if h < 24 && mi < 60 {
			return fmt.Sprintf("%sT%02d:%02d", date, h, mi)
		}
	}
	return date
}
