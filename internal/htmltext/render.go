package htmltext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// breakKind is the separation a block boundary asks for.
type breakKind int

const (
	noBreak   breakKind = iota
	space               // inline whitespace
	lineBreak           // one newline: <br>, list items, table rows
	paraBreak           // a blank line: paragraphs, headings
)

// renderer writes the text of a DOM subtree with block structure.
type renderer struct {
	b       strings.Builder
	pending breakKind
	pre     int
	// skipChrome drops navigation, headers, footers, forms, hidden
	// elements and elements whose class or id names page furniture.
	skipChrome bool
	// boilerplate marking: depth > 0 inside an element whose class or id
	// names furniture that stays in the text.
	bpDepth int
	bpStart int
	spans   []document.Span
	// depth guards against pathological nesting.
	depth int
}

// maxDepth bounds recursion; deeper content is written flat.
const maxDepth = 2000

// renderNode renders n. With skipChrome the DOM walk drops page chrome
// itself (used when readability is not); without, chrome that readability
// kept is only marked as boilerplate.
func renderNode(n *html.Node, skipChrome bool) (string, []document.Span) {
	if n == nil {
		return "", nil
	}
	r := &renderer{skipChrome: skipChrome}
	r.node(n)
	text := r.b.String()
	spans := append(r.spans, lineBoilerplate(text)...)
	return text, normaliseSpans(spans, len(text))
}

// pageRoot is the <body> of doc, or doc itself.
func pageRoot(doc *html.Node) *html.Node {
	if b := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body }); b != nil {
		return b
	}
	return doc
}

func (r *renderer) request(k breakKind) {
	if k > r.pending {
		r.pending = k
	}
}

func (r *renderer) writeText(s string) {
	if r.pre > 0 {
		if s == "" {
			return
		}
		r.flush()
		r.b.WriteString(s)
		return
	}
	for len(s) > 0 {
		// split off leading whitespace
		i := 0
		for i < len(s) {
			c, size := utf8.DecodeRuneInString(s[i:])
			if !isCollapsible(c) {
				break
			}
			i += size
		}
		if i > 0 {
			r.request(space)
			s = s[i:]
			continue
		}
		j := 0
		for j < len(s) {
			c, size := utf8.DecodeRuneInString(s[j:])
			if isCollapsible(c) {
				break
			}
			j += size
		}
		r.flush()
		r.b.WriteString(s[:j])
		s = s[j:]
	}
}

// isCollapsible is HTML's inter-word whitespace (not the no-break space).
func isCollapsible(c rune) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// flush writes the pending separation before new text.
func (r *renderer) flush() {
	if r.b.Len() > 0 {
		switch r.pending {
		case space:
			r.b.WriteByte(' ')
		case lineBreak:
			r.b.WriteByte('\n')
		case paraBreak:
			r.b.WriteString("\n\n")
		}
	}
	r.pending = noBreak
	if r.bpDepth > 0 && r.bpStart < 0 {
		r.bpStart = r.b.Len()
	}
}

// chromeWords name page furniture in class and id values; the DOM walk
// drops such elements.
var chromeWords = wordSet("nav navbar menu masthead header footer sidebar aside breadcrumb breadcrumbs " +
	"comment comments disqus share sharing social related recirc newsletter subscribe subscription signup " +
	"promo advert ad ads sponsor sponsored cookie consent banner popup modal skip toolbar pagination tags")

// boilerplateWords name furniture that readability may keep and that is
// marked rather than dropped.
var boilerplateWords = wordSet("share sharing social related recirc newsletter subscribe signup promo advert " +
	"ad ads sponsor sponsored readmore more-stories recommended recommendations comment comments tags")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// namesAny reports whether a class or id value holds one of words as a
// token: values split at anything but ASCII letters and digits
// ("article-share__bar" holds "share", "e1ad" holds no "ad"); "read-more"
// and "more-stories" are also tried joined.
func namesAny(v string, words map[string]bool) bool {
	if v == "" {
		return false
	}
	lower := strings.ToLower(v)
	prev := ""
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return (r < 'a' || r > 'z') && (r < '0' || r > '9') }) {
		if words[w] || prev != "" && (words[prev+w] || words[prev+"-"+w]) {
			return true
		}
		prev = w
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// isHidden reports elements a browser would not show.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// isChrome reports elements of page chrome, for the DOM walk.
func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Button, atom.Select,
		atom.Input, atom.Textarea, atom.Label, atom.Dialog, atom.Menu:
		return true
	}
	switch attr(n, "role") {
	case "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar":
		return true
	}
	if isHidden(n) {
		return true
	}
	// The page's main containers are never chrome, whatever their class.
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Main || n.DataAtom == atom.Article {
		return false
	}
	return namesAny(attr(n, "class"), chromeWords) || namesAny(attr(n, "id"), chromeWords)
}

// isBoilerplateElem reports furniture inside readability's article: a nav,
// aside, form or button, or an element named for sharing, related links,
// promotion or comments that is short or mostly links (a long run of prose
// in a container with such a name is the article itself).
func isBoilerplateElem(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Form, atom.Button:
		return true
	case atom.Code, atom.Pre:
		return false
	}
	if !namesAny(attr(n, "class"), boilerplateWords) && !namesAny(attr(n, "id"), boilerplateWords) {
		return false
	}
	text, links := textAndLinkLen(n)
	return text <= 300 || links*2 >= text
}

// textAndLinkLen counts the non-space bytes of n's text and of the part
// inside links.
func textAndLinkLen(n *html.Node) (text, links int) {
	var walk func(x *html.Node, inLink bool)
	walk = func(x *html.Node, inLink bool) {
		if x.Type == html.TextNode {
			c := len(x.Data) - strings.Count(x.Data, " ") - strings.Count(x.Data, "\n") - strings.Count(x.Data, "\t")
			text += c
			if inLink {
				links += c
			}
			return
		}
		inLink = inLink || x.DataAtom == atom.A
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return text, links
}

// skipped elements never hold article text.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Iframe,
		atom.Object, atom.Embed, atom.Canvas, atom.Audio, atom.Video, atom.Head, atom.Title, atom.Link, atom.Meta:
		return true
	}
	return false
}

// blockBreak is the separation an element puts around its content.
func blockBreak(n *html.Node) breakKind {
	switch n.DataAtom {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre,
		atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Figure, atom.Hr, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Main, atom.Aside, atom.Nav, atom.Address, atom.Details, atom.Fieldset:
		return paraBreak
	case atom.Div, atom.Li, atom.Dt, atom.Dd, atom.Tr, atom.Figcaption, atom.Caption, atom.Summary,
		atom.Legend, atom.Option, atom.Center:
		return lineBreak
	case atom.Td, atom.Th:
		return space
	}
	return noBreak
}

func (r *renderer) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.writeText(n.Data)
		return
	case html.DocumentNode:
		r.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipped(n) {
		return
	}
	if r.skipChrome && isChrome(n) {
		return
	}
	if n.DataAtom == atom.Br {
		if r.pending == lineBreak {
			r.pending = paraBreak // <br><br> separates paragraphs
		} else {
			r.request(lineBreak)
		}
		return
	}
	brk := blockBreak(n)
	r.request(brk)
	markBP := r.bpDepth == 0 && r.pre == 0 && isBoilerplateElem(n)
	if markBP {
		r.bpDepth, r.bpStart = 1, -1
	}
	if n.DataAtom == atom.Pre {
		r.pre++
	}
	r.children(n)
	if n.DataAtom == atom.Pre {
		r.pre--
	}
	if markBP {
		if r.bpStart >= 0 && r.b.Len() > r.bpStart {
			r.spans = append(r.spans, document.Span{Start: r.bpStart, End: r.b.Len()})
		}
		r.bpDepth = 0
	}
	r.request(brk)
}

func (r *renderer) children(n *html.Node) {
	r.depth++
	defer func() { r.depth-- }()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r.depth > maxDepth {
			if c.Type == html.TextNode {
				r.writeText(c.Data)
			}
			continue
		}
		r.node(c)
	}
}

// boilerplateLines are whole lines of furniture that articles carry.
var boilerplateLines = regexp.MustCompile(`(?i)^(advertisement|advertising|sponsored( content)?|share( this( article| story)?)?( on \w+)?|(click to )?share on \w+|read more|continue reading|related( articles| stories| content)?|recommended( for you)?|more from [^.]{1,40}|follow us on [^.]{1,40}|sign up for our newsletter[^.]*|subscribe( now| to our newsletter)?|(leave|post) a comment|comments?|print|email|tweet|(image|photo|picture)( source| credit| copyright)?(:\s*[^.]{1,60})?|photo(graph)? by [^.]{1,60}|getty images)\.?$`)

// lineBoilerplate marks whole lines of text that are furniture.
func lineBoilerplate(text string) []document.Span {
	var out []document.Span
	pos := 0
	for pos <= len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := strings.TrimFunc(text[pos:end], unicode.IsSpace)
		if line != "" && len(line) < 100 && boilerplateLines.MatchString(line) {
			out = append(out, document.Span{Start: pos, End: end})
		}
		pos = end + 1
	}
	return out
}

// normaliseSpans sorts spans, clips them to [0,n) and merges overlaps.
func normaliseSpans(spans []document.Span, n int) []document.Span {
	if len(spans) == 0 {
		return nil
	}
	clean := spans[:0:0]
	for _, s := range spans {
		if s.Start < 0 {
			s.Start = 0
		}
		if s.End > n {
			s.End = n
		}
		if s.End > s.Start {
			clean = append(clean, s)
		}
	}
	sortSpans(clean)
	var out []document.Span
	for _, s := range clean {
		if len(out) > 0 && s.Start <= out[len(out)-1].End {
			if s.End > out[len(out)-1].End {
				out[len(out)-1].End = s.End
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

func sortSpans(s []document.Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (s[j].Start < s[j-1].Start || s[j].Start == s[j-1].Start && s[j].End < s[j-1].End); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// findFirst returns the first node in document order matching f.
func findFirst(n *html.Node, f func(*html.Node) bool) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f(x) {
			return x
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return nil
}

// findAll returns the nodes in document order matching f.
func findAll(n *html.Node, f func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f(x) {
			out = append(out, x)
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

// textOf is the collapsed text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	for _, t := range findAll(n, func(x *html.Node) bool { return x.Type == html.TextNode }) {
		if p := t.Parent; p != nil && (p.DataAtom == atom.Script || p.DataAtom == atom.Style) {
			continue
		}
		b.WriteString(t.Data)
		b.WriteByte(' ')
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
