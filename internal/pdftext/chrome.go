package pdftext

import (
	"regexp"
	"strings"
)

// Print chrome. A web page printed from a browser (Chromium's "Save as
// PDF" with headers and footers) carries on every page a header with the
// print date and time and the page title, and a footer with the page's
// URL and "n/m". The date is the day the page was saved, not the
// article's: these lines are taken out of the text, and their URL and
// title kept as metadata.

var (
	// "https://example.org/news/1234 1/3", "file:///tmp/a.html 2/2".
	reFooter = regexp.MustCompile(`^((?:https?|file)://\S+)\s+(\d{1,4})/(\d{1,4})$`)
	// "12/7/26, 6:29 PM Title", "07.12.26, 18:29 Titel", "2026-12-07 18:29".
	reHeader = regexp.MustCompile(`^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[APap]\.?[Mm]\.?)?(?:\s+(.*))?$`)
)

// printChrome is what a page's browser header and footer said.
type printChrome struct {
	title, url string
}

// stripPrintChrome removes a browser's print header and footer from a
// page's text. The footer (URL and page number) must be there for the
// header (date, time and title) to be taken as chrome. Both are looked for
// among the first and last lines, as the browser may draw them before or
// after the page.
func stripPrintChrome(text string) (string, printChrome, bool) {
	if !strings.Contains(text, "://") {
		return text, printChrome{}, false // no footer without an address
	}
	lines := strings.Split(text, "\n")
	edge := func(i int) bool { return i < 3 || i >= len(lines)-3 }
	footer, header := -1, -1
	var c printChrome
	for i, l := range lines {
		if !edge(i) {
			continue
		}
		l = strings.TrimSpace(l)
		if m := reFooter.FindStringSubmatch(l); m != nil && footer < 0 && pageNumbers(m[2], m[3]) {
			footer = i
			c.url = m[1]
			if strings.HasSuffix(c.url, "…") || strings.HasSuffix(c.url, "...") {
				c.url = "" // cut short by the browser: not the whole address
			}
		}
	}
	if footer < 0 {
		return text, printChrome{}, false
	}
	for i, l := range lines {
		if !edge(i) || i == footer {
			continue
		}
		if h := reHeader.FindStringSubmatch(strings.TrimSpace(l)); h != nil {
			header = i
			c.title = strings.TrimSpace(h[1])
			if strings.HasSuffix(c.title, "…") || strings.HasSuffix(c.title, "...") {
				c.title = "" // cut short
			}
			break
		}
	}
	kept := lines[:0:0]
	for i, l := range lines {
		if i != footer && i != header {
			kept = append(kept, l)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n")), c, true
}

// pageNumbers reports whether n/m reads as page n of m.
func pageNumbers(n, m string) bool {
	if n == "0" || len(n) > len(m) {
		return false
	}
	return len(n) < len(m) || n <= m
}
