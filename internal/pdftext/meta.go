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
	// The Info author and dates say who made the file and when: for a
	// saved or printed article, whoever saved it and that day. They are a
	// last resort (the project takes them only when the text has none),
	// weakly held.
	if a := cleanInfo(info.Key("Author").Text()); a != "" {
		m.Author = document.Field{Value: a, Source: document.FromPDFMeta, Rule: "pdf:Info/Author (who made the file; no byline in the text)", Confidence: 0.3}
	}
	for _, key := range []string{"CreationDate", "ModDate"} {
		if d := pdfDate(info.Key(key).Text()); d != "" {
			m.Date = document.Field{Value: d, Source: document.FromPDFMeta, Rule: "pdf:Info/" + key + " (when the file was made; no date in the text)", Confidence: 0.2}
			break
		}
	}
	return m
}

// producer returns the Info dictionary's Producer and Creator, joined.
func (x *extractor) producer() (p string) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopped); ok {
				panic(r)
			}
			p = ""
		}
	}()
	info := x.r.Trailer().Key("Info")
	return info.Key("Producer").Text() + " | " + info.Key("Creator").Text()
}

// savingTools are the producers that turn an article someone has into a
// PDF: office suites, browsers, print-to-PDF drivers, typesetters run on a
// saved text. Their files' dates are the day of saving.
var savingTools = []string{
	"libreoffice", "openoffice", "skia/pdf", "chrome", "chromium", "mozilla", "firefox", "webkit",
	"wkhtmltopdf", "qt ", "print to pdf", "microsoft® word", "microsoft word", "quartz pdfcontext",
	"cairo", "gropdf", "groff", "ghostscript", "pdfcreator", "cutepdf", "bullzip",
}

// savedByTool reports whether producer names a tool that saves articles
// (see savingTools).
func savedByTool(producer string) bool {
	p := strings.ToLower(producer)
	for _, t := range savingTools {
		if strings.Contains(p, t) {
			return true
		}
	}
	return false
}

// printMeta applies what the way the file was made tells: a browser's
// print header and footer give the page's URL and title; a file saved or
// printed by a tool that converts articles (or printed with that header)
// has the day of saving as its date, which is no article date, so the
// Info date is dropped rather than offered as a fallback.
func printMeta(m document.Metadata, po pagesOut, producer string) document.Metadata {
	if po.printed || savedByTool(producer) {
		m.Date = document.Field{}
	}
	if po.chrome.url != "" {
		m.URL.Set(document.Field{Value: po.chrome.url, Source: document.FromPDFMeta, Rule: "pdf:print-footer (the browser's page address)", Confidence: 0.8})
	}
	if po.chrome.title != "" {
		m.Title.Set(document.Field{Value: po.chrome.title, Source: document.FromPDFMeta, Rule: "pdf:print-header (the browser's page title)", Confidence: 0.75})
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
