// Package htmltext turns a saved web page into its article text and source
// metadata: the main text (found with go-readability, falling back to a
// DOM walk that drops page chrome), boilerplate spans inside it, and the
// title, outlet, author, date, URL and language from the page's <title>,
// meta tags, OpenGraph, JSON-LD and byline markup, each with its rule.
package htmltext

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textdecode"
)

// Result is the article of one HTML page.
type Result struct {
	// Text is the main article text: blocks separated by blank lines,
	// headings and list items on their own lines. Valid UTF-8.
	Text string
	// Encoding is the page's source encoding ("utf-8", "windows-1251", …).
	Encoding string
	// Meta holds what the page's markup says of its source; every set
	// field has Source document.FromHTMLMeta and the Rule it came from.
	Meta document.Metadata
	// Boilerplate are byte spans of Text that are page furniture kept
	// inside the article (share prompts, "Advertisement", related links).
	Boilerplate []document.Span
	// Warnings say what was not done as usual: a page cut at MaxInput, a
	// page too large for article detection read as a token stream.
	Warnings []string
}

// Limits that keep extraction bounded on huge or hostile pages.
const (
	// MaxInput is the number of bytes of a page that are read; the rest
	// of a larger page is ignored, with a warning. Scripts, styles and
	// comments are dropped before a DOM is built, so the bytes read cost
	// little more than their copies.
	MaxInput = 64 << 20
	// maxReadabilityElems is the element count above which readability
	// is skipped for the DOM walk, which is linear.
	maxReadabilityElems = 60000
	// readabilityTimeout bounds one readability run; on timeout the DOM
	// walk's text is used (the abandoned run finishes in the background).
	readabilityTimeout = 20 * time.Second
)

// ErrNoText is returned for a page without any visible text.
var ErrNoText = errors.New("page has no visible text")

// Extract reads the article of the page raw. pageURL is the page's address
// when known (else ""): it resolves relative links and is the URL of last
// resort. At most MaxInput bytes are read (Warnings says so when a page
// is longer); scripts, styles and comments are dropped while streaming; a
// page whose remaining markup is too large for a DOM is read as a token
// stream (Warnings says so), and one readability run is abandoned after
// 20 s for the DOM walk's text. Extract never panics; the
// error is ErrNoText (no visible text: Encoding and Meta are still set) or a
// decoding error wrapping textdecode.ErrBinary.
func Extract(raw []byte, pageURL string) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("extract html: internal error: %v", p)
		}
	}()
	if len(raw) > MaxInput {
		res.Warnings = append(res.Warnings, fmt.Sprintf("only the first %d MB of the %.1f MB page were read",
			MaxInput>>20, float64(len(raw))/(1<<20)))
	}
	dec, err := decodePage(raw)
	if err != nil {
		return Result{}, err
	}
	res.Encoding = dec.Encoding
	slim := stripPage(dec.Text)
	dec.Text = "" // the stripped copy is the one kept
	if len(slim.src) > maxDOMBytes || slim.elements > maxDOMElements {
		return streamPage(res, slim, pageURL)
	}

	doc, err := html.Parse(strings.NewReader(slim.src))
	if err != nil {
		// The parser refuses pathological pages (nesting deeper than 512
		// open elements): fall back to the tokens' text, without metadata.
		res.Text = tokenText(slim.src)
		if strings.TrimSpace(res.Text) == "" {
			return res, ErrNoText
		}
		return res, nil
	}
	base := baseURL(pageURL)
	res.Meta = extractMeta(doc, pageURL, base)

	text, spans, byline := extractMain(doc, base)
	if strings.TrimSpace(text) == "" {
		return res, ErrNoText
	}
	res.Text, res.Boilerplate = text, spans
	// The byline readability found is weaker than the markup rules.
	if by := cleanByline(trailingDate.ReplaceAllString(byline, "")); validAuthor(by) {
		res.Meta.Author.Set(field(by, "readability:byline", 0.4))
	}
	return res, nil
}

// streamPage reads a page too large for a DOM: its text from the token
// stream (page chrome included: telling it from the article needs the
// DOM) and its metadata from the markup before <body> when that is small.
func streamPage(res Result, slim slimPage, pageURL string) (Result, error) {
	res.Warnings = append(res.Warnings, fmt.Sprintf(
		"page too large for article detection (%d elements, %.1f MB of markup without scripts and styles): "+
			"its whole visible text is kept, page chrome included", slim.elements, float64(len(slim.src))/(1<<20)))
	if head := slim.src[:slim.headEnd]; len(head) <= maxDOMBytes/8 {
		if doc, err := html.Parse(strings.NewReader(head)); err == nil {
			res.Meta = extractMeta(doc, pageURL, baseURL(pageURL))
		}
	}
	res.Text = tokenText(slim.src)
	if strings.TrimSpace(res.Text) == "" {
		return res, ErrNoText
	}
	return res, nil
}

// decodePage decodes at most MaxInput bytes of raw, honouring the charset
// the page declares.
func decodePage(raw []byte) (textdecode.Result, error) {
	if len(raw) > MaxInput {
		raw = raw[:MaxInput]
	}
	dec, err := textdecode.DecodeWithHint(raw, declaredCharset(raw))
	if err != nil {
		return dec, fmt.Errorf("decode html: %w", err)
	}
	return dec, nil
}

// extractMain returns the article text: readability's content when it finds
// a plausible article, else the DOM walk of the whole page.
func extractMain(doc *html.Node, base *nurl.URL) (text string, spans []document.Span, byline string) {
	walkText, walkSpans := walkPage(doc)
	if strings.TrimSpace(walkText) == "" {
		// Everything visible looked like chrome: keep it all rather
		// than nothing.
		walkText, walkSpans = renderNode(pageRoot(doc), false)
	}
	if countElements(doc, maxReadabilityElems+1) > maxReadabilityElems {
		return walkText, walkSpans, ""
	}
	node, byline, ok := runReadability(doc, base)
	if !ok || node == nil {
		return walkText, walkSpans, byline
	}
	text, spans = renderNode(node, false)
	// Under 50 words readability has found no article (or a caption or
	// teaser of a page whose article it missed): the DOM walk, which
	// drops chrome by markup, is the better text then.
	rw, ww := document.CountWords(text), document.CountWords(walkText)
	if rw < 50 && ww > 0 {
		return walkText, walkSpans, byline
	}
	return text, spans, byline
}

// walkPage is the package's own extraction: the text of the page's article
// element (itemprop=articleBody, a single <article>, <main>, role=main) when
// it holds most of the page's words, else of the whole body, without chrome.
func walkPage(doc *html.Node) (string, []document.Span) {
	bodyText, bodySpans := renderNode(pageRoot(doc), true)
	bw := document.CountWords(bodyText)
	candidates := []func(*html.Node) bool{
		func(n *html.Node) bool { return hasToken(attr(n, "itemprop"), "articlebody") },
		func(n *html.Node) bool { return n.DataAtom == atom.Article },
		func(n *html.Node) bool { return n.DataAtom == atom.Main || attr(n, "role") == "main" },
	}
	for i, f := range candidates {
		found := findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && f(n) })
		if len(found) != 1 && !(i == 1 && len(found) > 1 && nested(found)) {
			continue
		}
		text, spans := renderNode(found[0], true)
		if w := document.CountWords(text); w >= 50 && w*10 >= bw*3 {
			return text, spans
		}
	}
	return bodyText, bodySpans
}

// nested reports whether every node after the first lies inside the first
// (an <article> holding quoted or embedded ones).
func nested(ns []*html.Node) bool {
	for _, n := range ns[1:] {
		inside := false
		for p := n.Parent; p != nil; p = p.Parent {
			if p == ns[0] {
				inside = true
				break
			}
		}
		if !inside {
			return false
		}
	}
	return true
}

// tokenText is the text of the page's tokens outside scripts and styles,
// for pages the parser refuses; block tags end lines.
func tokenText(source string) string {
	z := html.NewTokenizer(strings.NewReader(source))
	r := &renderer{}
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return r.b.String()
		case html.TextToken:
			if skip == 0 {
				r.writeText(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Title:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			r.request(blockBreak(&html.Node{Type: html.ElementNode, DataAtom: a}))
		}
	}
}

// runReadability runs go-readability on a copy of doc (which it only
// reads), with a recover and a time limit.
func runReadability(doc *html.Node, base *nurl.URL) (*html.Node, string, bool) {
	type outcome struct {
		node   *html.Node
		byline string
		ok     bool
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{}
			}
		}()
		p := readability.NewParser()
		p.KeepClasses = true
		p.DisableJSONLD = true
		art, err := p.ParseDocument(doc, base)
		done <- outcome{art.Node, art.Byline(), err == nil}
	}()
	timer := time.NewTimer(readabilityTimeout)
	defer timer.Stop()
	select {
	case o := <-done:
		return o.node, o.byline, o.ok
	case <-timer.C:
		return nil, "", false
	}
}

// baseURL parses pageURL for resolving links; readability needs a non-nil
// URL, so an unusable one becomes http://localhost/.
func baseURL(pageURL string) *nurl.URL {
	if u, err := nurl.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		return u
	}
	u, _ := nurl.Parse("http://localhost/")
	return u
}

// countElements counts element nodes up to limit.
func countElements(n *html.Node, limit int) int {
	count := 0
	stack := []*html.Node{n}
	for len(stack) > 0 && count < limit {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == html.ElementNode {
			count++
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return count
}

// declaredCharset returns the charset a page declares in its first 4 KiB:
// <meta charset> or <meta http-equiv="Content-Type" content="…charset=…">.
func declaredCharset(raw []byte) string {
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charset, httpEquiv, content string
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					charset = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if charset != "" {
				return strings.TrimSpace(charset)
			}
			if httpEquiv == "content-type" {
				if c := charsetParam(content); c != "" {
					return c
				}
			}
		}
	}
}

// charsetParam extracts the charset parameter of a Content-Type value.
func charsetParam(contentType string) string {
	// Search bytewise: strings.ToLower may change the length of a value
	// holding invalid UTF-8.
	i := -1
	for j := 0; j+len("charset") <= len(contentType); j++ {
		if strings.EqualFold(contentType[j:j+len("charset")], "charset") {
			i = j
			break
		}
	}
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(contentType[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimLeft(rest[1:], " \t"), `"'`)
	if j := strings.IndexAny(rest, `;"' `); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
