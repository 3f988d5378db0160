package pdftext

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestStripPrintChrome(t *testing.T) {
	tests := []struct {
		name, text, body, title, url string
		ok                           bool
	}{
		{"chromium us", "12/7/26, 6:29 PM Troops leave the border town\nThe ministry said.\nhttps://news.example.org/world/troops 1/3",
			"The ministry said.", "Troops leave the border town", "https://news.example.org/world/troops", true},
		{"chromium de, footer first", "07.12.26, 18:29 Grenzgespräche\nhttps://example.de/a 2/2\nDas Ministerium sagte.",
			"Das Ministerium sagte.", "Grenzgespräche", "https://example.de/a", true},
		{"title cut short", "12/7/26, 6:29 PM A very long title that the browser cut…\nBody.\nhttps://example.org/x 1/1",
			"Body.", "", "https://example.org/x", true},
		// A date line without the browser's footer is the article's own.
		{"no footer", "12/7/2026, 6:29 PM\nThe ministry said.", "12/7/2026, 6:29 PM\nThe ministry said.", "", "", false},
		{"not a page number", "Body.\nhttps://example.org/x 3/2", "Body.\nhttps://example.org/x 3/2", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, c, ok := stripPrintChrome(tc.text)
			if ok != tc.ok || body != tc.body || c.title != tc.title || c.url != tc.url {
				t.Errorf("got %q %+v %v, want %q title %q url %q %v", body, c, ok, tc.body, tc.title, tc.url, tc.ok)
			}
		})
	}
}

// printedPDF is a one-page PDF with the given lines (top to bottom) and
// Info dictionary.
func printedPDF(info string, lines ...string) []byte {
	var c strings.Builder
	c.WriteString("BT /F1 10 Tf 40 800 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&c, "(%s) Tj T*\n", l)
	}
	c.WriteString("ET")
	data := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		stream("", []byte(c.String())),
		info,
	)
	return []byte(strings.Replace(string(data), "/Root 1 0 R", "/Root 1 0 R /Info 6 0 R", 1))
}

// TestPrintedPageMetadata: a browser print gives its URL and title; its
// date (the print's, in the header and in the Info dictionary) is never
// the article's. An original with a creation date keeps it as a weak
// fallback, with a rule saying what it is.
func TestPrintedPageMetadata(t *testing.T) {
	printed := printedPDF("<< /Producer (Skia/PDF m156) /CreationDate (D:20261207182900+00'00') /Title (Troops leave) >>",
		"12/7/26, 6:29 PM Troops leave the border town - Example News",
		"Troops leave the border town", "The ministry said on Tuesday that the talks would continue.",
		"https://news.example.org/world/troops-leave 1/1")
	res, err := Extract(context.Background(), printed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Text, "6:29 PM") || strings.Contains(res.Text, "https://") {
		t.Errorf("print chrome left in the text: %q", res.Text)
	}
	m := res.Meta
	if m.Date.Value != "" {
		t.Errorf("print date taken as the article's: %+v", m.Date)
	}
	if m.URL.Value != "https://news.example.org/world/troops-leave" || m.Title.Value != "Troops leave the border town - Example News" {
		t.Errorf("url %+v, title %+v", m.URL, m.Title)
	}
	for _, producer := range []string{"LibreOffice 7.4", "Skia/PDF m156", "Microsoft: Print To PDF"} {
		res, err := Extract(context.Background(), printedPDF("<< /Producer ("+producer+") /CreationDate (D:20261207182900) >>", "Saved article text, long enough."), Options{})
		if err != nil || res.Meta.Date.Value != "" {
			t.Errorf("%s: err %v, date %+v (the day it was saved)", producer, err, res.Meta.Date)
		}
	}
	orig, err := Extract(context.Background(), printedPDF("<< /Producer (Adobe InDesign CS6) /CreationDate (D:20190914101500) /Author (Desk) >>", "Published report text."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := orig.Meta.Date; d.Value != "2019-09-14T10:15" || d.Confidence > 0.3 || !strings.Contains(d.Rule, "when the file was made") {
		t.Errorf("original's date %+v, want a weak fallback saying what it is", d)
	}
	if a := orig.Meta.Author; a.Value != "Desk" || a.Confidence > 0.3 {
		t.Errorf("author %+v", a)
	}
}
