package htmltext

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Limits on the markup a DOM is built for. A DOM costs tens of times the
// markup it holds (a 16 MB page of small elements took 1 GB), so larger
// pages are read by the streaming tokenizer instead, with a warning.
const (
	maxDOMBytes    = 8 << 20
	maxDOMElements = 150000
	// maxLDJSON is the largest JSON-LD script kept; larger ones are not
	// read for metadata anyway.
	maxLDJSON = 1 << 20
)

// slimPage is a page's markup without scripts, styles and comments.
type slimPage struct {
	src      string
	elements int // start tags kept
	// headEnd is the offset in src of the first <body> tag, or len(src):
	// what precedes it holds the page's metadata.
	headEnd int
}

// stripPage copies the markup of src without what never holds article
// text: the contents of scripts (except small JSON-LD, read for
// metadata), styles, noscript and comments. It streams, so a page made
// mostly of scripts costs no DOM for them, and the text after a huge
// script is still read.
func stripPage(src string) slimPage {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(min(len(src), maxDOMBytes))
	out := slimPage{headEnd: -1}
	skipping := false // inside a dropped raw-text element
	inLD := false     // inside a kept JSON-LD script
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			out.src = b.String()
			if out.headEnd < 0 {
				out.headEnd = len(out.src)
			}
			return out
		case html.CommentToken:
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript":
				if tt == html.StartTagToken && string(name) == "script" && isLDJSON(z.Raw()) {
					inLD = true
					break
				}
				skipping = tt == html.StartTagToken
				continue
			case "body":
				if out.headEnd < 0 {
					out.headEnd = b.Len()
				}
			}
			out.elements++
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript":
				if inLD {
					inLD = false
					break
				}
				skipping = false
				continue
			}
		case html.TextToken:
			if skipping || inLD && len(z.Raw()) > maxLDJSON {
				continue
			}
		}
		b.Write(z.Raw())
	}
}

// isLDJSON reports whether a <script> start tag declares JSON-LD.
func isLDJSON(tag []byte) bool {
	return bytes.Contains(bytes.ToLower(tag), []byte("ld+json"))
}
