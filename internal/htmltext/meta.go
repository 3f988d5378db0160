package htmltext

import (
	"encoding/json"
	nurl "net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// field is a metadata value found in the page's markup. Confidence orders
// the rules: Field.Set keeps the most confident of them.
func field(v, rule string, conf float64) document.Field {
	return document.Field{Value: v, Source: document.FromHTMLMeta, Rule: rule, Confidence: conf}
}

// metaTags maps the lower-cased name, property or itemprop of every <meta>
// to its first non-empty content, and keeps the spelling of the key.
type metaTags map[string]metaTag

type metaTag struct{ key, value string }

func collectMeta(doc *html.Node) metaTags {
	m := metaTags{}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Meta }) {
		content := strings.TrimSpace(attr(n, "content"))
		if content == "" {
			continue
		}
		for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
			// property="og:title article:author" lists several keys.
			for _, key := range strings.Fields(attr(n, k)) {
				lk := strings.ToLower(key)
				if _, ok := m[lk]; !ok {
					m[lk] = metaTag{key, content}
				}
			}
		}
	}
	return m
}

func (m metaTags) get(keys ...string) (value, rule string) {
	for _, k := range keys {
		if t, ok := m[k]; ok {
			return t.value, "meta:" + strings.ToLower(t.key)
		}
	}
	return "", ""
}

// extractMeta reads the page's metadata. Rules and their confidence (the
// strongest wins): OpenGraph and JSON-LD 0.9, article:* and meta author 0.85,
// Twitter and Dublin Core 0.7–0.8, <title> and application-name 0.6, byline
// markup 0.5, the page URL 0.3.
func extractMeta(doc *html.Node, pageURL string, base *nurl.URL) document.Metadata {
	var md document.Metadata
	m := collectMeta(doc)
	ld := collectJSONLD(doc)

	set := func(f *document.Field, v, rule string, conf float64) {
		v = cleanValue(v)
		if v != "" {
			f.Set(field(v, rule, conf))
		}
	}
	tagged := func(f *document.Field, conf float64, keys ...string) {
		if v, rule := m.get(keys...); v != "" {
			set(f, v, rule, conf)
		}
	}

	// Outlet first: the title rules strip it from the end of <title>.
	tagged(&md.Outlet, 0.9, "og:site_name")
	if ld.publisher != "" {
		set(&md.Outlet, ld.publisher, "json-ld:"+ld.typ+".publisher.name", 0.85)
	}
	tagged(&md.Outlet, 0.6, "application-name")
	tagged(&md.Outlet, 0.55, "dc.publisher", "dc:publisher", "dcterms.publisher", "dcterms:publisher")

	// Title candidates are checked against the page's <title> and <h1>:
	// a "headline" sharing none of their words is a description (as in
	// some JSON-LD) and loses to the <title> element.
	pageTitle := ""
	if t := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Title }); t != nil {
		pageTitle = textOf(t)
	}
	var h1 string
	if h := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h != nil {
		h1 = textOf(h)
	}
	host := hostLabel(md, m, base)
	setTitle := func(v, rule string, conf float64) {
		v = trimSiteName(v, md.Outlet.Value, host)
		if pageTitle != "" && rule != "title" && !sharesWord(v, pageTitle+" "+h1) {
			conf = 0.5
		}
		set(&md.Title, v, rule, conf)
	}
	if v, rule := m.get("og:title"); v != "" {
		setTitle(v, rule, 0.9)
	}
	if ld.headline != "" {
		setTitle(ld.headline, "json-ld:"+ld.typ+".headline", 0.88)
	}
	if v, rule := m.get("twitter:title"); v != "" {
		setTitle(v, rule, 0.8)
	}
	if v, rule := m.get("dc.title", "dc:title", "dcterms.title", "dcterms:title", "parsely-title", "sailthru.title", "headline"); v != "" {
		setTitle(v, rule, 0.75)
	}
	if pageTitle != "" {
		setTitle(pageTitle, "title", 0.6)
	}

	if len(ld.authors) > 0 {
		set(&md.Author, strings.Join(ld.authors, ", "), "json-ld:"+ld.typ+".author", 0.9)
	}
	if v, rule := m.get("author", "article:author", "byl", "dc.creator", "dc:creator", "dcterms.creator", "dcterms:creator", "parsely-author", "sailthru.author"); validAuthor(v) && !strings.HasPrefix(v, "@") {
		set(&md.Author, cleanByline(v), rule, 0.85)
	}
	if by, rule := bylineMarkup(doc); by != "" {
		set(&md.Author, by, rule, 0.5)
	}

	dateRules := []struct {
		keys []string
		conf float64
	}{
		{[]string{"article:published_time", "og:published_time", "og:article:published_time"}, 0.9},
		{[]string{"datepublished", "publishdate", "publish-date", "pubdate", "publication_date", "date", "dc.date.issued", "dcterms.issued", "dcterms:issued", "dc.date", "dc:date", "dcterms.date", "dcterms:date", "parsely-pub-date", "sailthru.date", "article.published", "published_time", "article_date_original", "displaydate", "cxenseparse:recs:publishtime"}, 0.8},
	}
	for _, r := range dateRules {
		if v, rule := m.get(r.keys...); v != "" {
			if d := NormaliseDate(v); d != "" {
				set(&md.Date, d, rule, r.conf)
			}
		}
	}
	if d := NormaliseDate(ld.datePublished); d != "" {
		set(&md.Date, d, "json-ld:"+ld.typ+".datePublished", 0.88)
	}
	if t := findFirst(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Time && (hasAttr(n, "pubdate") || attr(n, "itemprop") == "datePublished")
	}); t != nil {
		set(&md.Date, NormaliseDate(attr(t, "datetime")), "time[pubdate]", 0.7)
	}
	if t := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Time && attr(n, "datetime") != "" }); t != nil {
		set(&md.Date, NormaliseDate(attr(t, "datetime")), "time[datetime]", 0.5)
	}

	if l := findFirst(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Link && hasToken(attr(n, "rel"), "canonical") && attr(n, "href") != ""
	}); l != nil {
		set(&md.URL, resolve(base, attr(l, "href")), "link:canonical", 0.9)
	}
	if v, rule := m.get("og:url"); v != "" {
		set(&md.URL, resolve(base, v), rule, 0.85)
	}
	if ld.url != "" {
		set(&md.URL, resolve(base, ld.url), "json-ld:"+ld.typ+".url", 0.8)
	}
	if !isURL(md.URL.Value) {
		md.URL = document.Field{}
	}
	if u, err := nurl.Parse(pageURL); err == nil && u.IsAbs() {
		set(&md.URL, pageURL, "page-url", 0.3)
	}

	if h := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Html }); h != nil {
		set(&md.Language, normaliseLang(attr(h, "lang")), "html:lang", 0.9)
		set(&md.Language, normaliseLang(attr(h, "xml:lang")), "html:xml:lang", 0.88)
	}
	set(&md.Language, normaliseLang(ld.language), "json-ld:"+ld.typ+".inLanguage", 0.8)
	if v, rule := m.get("og:locale"); v != "" {
		set(&md.Language, normaliseLang(v), rule, 0.7)
	}
	if v, rule := m.get("content-language", "language", "dc.language", "dc:language"); v != "" {
		set(&md.Language, normaliseLang(v), rule, 0.6)
	}
	return md
}

var spaceRun = regexp.MustCompile(`\s+`)

// cleanValue collapses whitespace and unescapes entities left in meta
// content by double-escaping publishers.
func cleanValue(v string) string {
	v = strings.TrimSpace(spaceRun.ReplaceAllString(v, " "))
	if strings.Contains(v, "&") && strings.Contains(v, ";") {
		v = html.UnescapeString(v)
	}
	return v
}

var bylinePrefix = regexp.MustCompile(`(?i)^(by|par|por|von|di|door|av|af|przez|автор:?)\s+`)

// cleanByline removes a leading "By" and trailing separators from a byline.
func cleanByline(v string) string {
	v = cleanValue(v)
	v = bylinePrefix.ReplaceAllString(v, "")
	return strings.Trim(v, " ,;|-–—")
}

// trimSiteName removes " | Outlet" or " - Outlet" from the end of a title
// when the suffix is the known outlet or names the site's host ("BBC News"
// on bbc.co.uk); nothing is guessed.
func trimSiteName(title, outlet, host string) string {
	title = cleanValue(title)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		suffix := title[i+len(sep):]
		if strings.EqualFold(suffix, outlet) || host != "" && len(strings.Fields(suffix)) <= 4 && namesHost(suffix, host) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// namesHost reports whether a site name written out ("BBC News",
// "Aktuálně.cz", "The Verge") names the host label ("bbc", "aktualne",
// "theverge").
func namesHost(name, host string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(foldASCII(name)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	c := b.String()
	if len(c) < 2 || len(host) < 2 {
		return false
	}
	return strings.HasPrefix(c, host) || strings.HasPrefix(host, c)
}

// foldASCII removes the accents of common Latin letters.
func foldASCII(s string) string {
	return strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "ě", "e",
		"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ú", "u", "ù", "u", "û", "u", "ü", "u", "ů", "u",
		"ç", "c", "č", "c", "ñ", "n", "ň", "n", "ř", "r", "š", "s", "ž", "z", "ý", "y", "ł", "l", "ß", "ss").Replace(s)
}

// hostLabel is the distinctive label of the page's host ("bbc" for
// www.bbc.co.uk), from the canonical URL, og:url or the page URL.
func hostLabel(md document.Metadata, m metaTags, base *nurl.URL) string {
	var u *nurl.URL
	if v, _ := m.get("og:url"); isURL(v) {
		u, _ = nurl.Parse(v)
	} else if base != nil && base.Host != "localhost" {
		u = base
	}
	if u == nil {
		return ""
	}
	labels := strings.Split(strings.ToLower(u.Hostname()), ".")
	// drop the public suffix roughly: the last label, and a second-level
	// one of two or three letters (co.uk, com.br)
	if len(labels) >= 2 {
		labels = labels[:len(labels)-1]
	}
	if len(labels) >= 2 && len(labels[len(labels)-1]) <= 3 {
		labels = labels[:len(labels)-1]
	}
	if len(labels) == 0 {
		return ""
	}
	return labels[len(labels)-1]
}

// sharesWord reports whether a and b have a word of four or more letters
// (or any word of a short title) in common, ignoring case.
func sharesWord(a, b string) bool {
	bw := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(b), notWordRune) {
		bw[w] = true
	}
	aw := strings.FieldsFunc(strings.ToLower(a), notWordRune)
	for _, w := range aw {
		if (len([]rune(w)) >= 4 || len(aw) <= 3) && bw[w] {
			return true
		}
	}
	// Scripts without spaces: compare characters.
	for _, r := range a {
		if r > 0x2E80 && strings.ContainsRune(b, r) {
			return true
		}
	}
	return false
}

func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7F && r != '’' && r != '“' && r != '”' && r != '«' && r != '»')
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

func isURL(s string) bool {
	u, err := nurl.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func resolve(base *nurl.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := nurl.Parse(ref)
	if err != nil {
		return ""
	}
	if u.IsAbs() {
		return u.String()
	}
	if base == nil || base.Host == "localhost" {
		return ""
	}
	return base.ResolveReference(u).String()
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$`)

// normaliseLang turns "en_US" into "en-US" and rejects what is not a
// language tag.
func normaliseLang(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, ",; "); i >= 0 {
		v = v[:i]
	}
	if !langTag.MatchString(v) {
		return ""
	}
	parts := strings.Split(strings.ReplaceAll(v, "_", "-"), "-")
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) == 2 {
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-")
}

// bylineMarkup finds an author in the page's byline markup: a rel=author
// link, an itemprop=author element, or an element whose class or id is
// byline/author.
func bylineMarkup(doc *html.Node) (string, string) {
	body := pageRoot(doc)
	rules := []struct {
		rule string
		f    func(*html.Node) bool
	}{
		{"a[rel=author]", func(n *html.Node) bool {
			return n.Type == html.ElementNode && n.DataAtom != atom.Link && hasToken(attr(n, "rel"), "author")
		}},
		{"[itemprop=author]", func(n *html.Node) bool {
			return n.Type == html.ElementNode && n.DataAtom != atom.Meta && n.DataAtom != atom.Link && hasToken(attr(n, "itemprop"), "author")
		}},
		{"class:byline", func(n *html.Node) bool {
			return n.Type == html.ElementNode && (namesAny(attr(n, "class"), bylineWords) || namesAny(attr(n, "id"), bylineWords))
		}},
	}
	for _, r := range rules {
		for _, n := range findAll(body, r.f) {
			if isChromeAncestor(n) {
				continue
			}
			t := n
			if name := findFirst(n, func(x *html.Node) bool {
				return hasToken(attr(x, "itemprop"), "name") || x.DataAtom == atom.A && authorLink.MatchString(attr(x, "href"))
			}); name != nil && name != n {
				t = name
			}
			v := cleanByline(trailingDate.ReplaceAllString(textOf(t), ""))
			if validAuthor(v) {
				return v, r.rule
			}
		}
	}
	return "", ""
}

var (
	authorLink   = regexp.MustCompile(`(?i)/(author|authors|autor|auteur|people|staff|profile|by|journalist|reporter)s?/`)
	trailingDate = regexp.MustCompile(`(?i)\s*(\||•|·|,|-|–|—)?\s*(updated:?\s*|published:?\s*|on\s+)?((\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d+\s*[hm]\b|\d{4}-\d{2}-\d{2}).*$`)
)

var bylineWords = wordSet("byline author")

// validAuthor rejects byline texts that are not names: empty, long, URLs,
// or dates and times ("21.dez.2018 às 10h55").
func validAuthor(v string) bool {
	if v == "" || len(v) > 100 || isURL(v) || letters(v) < 2 {
		return false
	}
	digits := 0
	for _, r := range v {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits < 4
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if r > 0x40 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7F) {
			n++
		}
	}
	return n
}

// isChromeAncestor reports a node inside comments or related-story lists,
// whose authors are not the article's.
func isChromeAncestor(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.DataAtom == atom.Nav || p.DataAtom == atom.Aside || p.DataAtom == atom.Footer {
			return true
		}
		c := strings.ToLower(attr(p, "class") + " " + attr(p, "id"))
		if strings.Contains(c, "comment") || strings.Contains(c, "related") || strings.Contains(c, "recirc") {
			return true
		}
	}
	return false
}

// jsonLD is what the page's JSON-LD says of its article.
type jsonLD struct {
	typ           string // the @type the values came from, e.g. NewsArticle
	headline      string
	authors       []string
	datePublished string
	publisher     string
	language      string
	url           string
}

// articleTypes are the schema.org types whose properties describe the page's
// article, best first.
var articleTypes = []string{
	"NewsArticle", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
	"Article", "BlogPosting", "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "LiveBlogPosting", "WebPage",
}

func typeRank(t string) int {
	for i, a := range articleTypes {
		if strings.EqualFold(t, a) {
			return i
		}
	}
	return -1
}

// collectJSONLD reads every application/ld+json script and keeps the object
// of the best article type.
func collectJSONLD(doc *html.Node) jsonLD {
	var best map[string]any
	bestType, bestRank := "", len(articleTypes)
	for _, s := range findAll(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Script && strings.Contains(strings.ToLower(attr(n, "type")), "ld+json")
	}) {
		raw := strings.TrimSpace(textOfScript(s))
		raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<![CDATA["), "]]>")
		if len(raw) > 1<<20 {
			continue
		}
		var v any
		if json.Unmarshal([]byte(raw), &v) != nil {
			continue
		}
		walkJSONLD(v, 0, func(obj map[string]any) {
			for _, t := range types(obj["@type"]) {
				if r := typeRank(t); r >= 0 && r < bestRank {
					best, bestType, bestRank = obj, t, r
				}
			}
		})
	}
	if best == nil {
		return jsonLD{}
	}
	ld := jsonLD{typ: bestType}
	ld.headline = str(best["headline"])
	if ld.headline == "" && bestType != "WebPage" {
		ld.headline = str(best["name"])
	}
	ld.authors = names(best["author"])
	ld.datePublished = str(best["datePublished"])
	if ps := names(best["publisher"]); len(ps) > 0 {
		ld.publisher = ps[0]
	}
	ld.language = str(best["inLanguage"])
	ld.url = str(best["url"])
	if ld.url == "" {
		if m, ok := best["mainEntityOfPage"].(map[string]any); ok {
			ld.url = str(m["@id"])
		} else {
			ld.url = str(best["mainEntityOfPage"])
		}
	}
	return ld
}

func textOfScript(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// walkJSONLD calls f on every object of v: top-level arrays, @graph
// members and nested values, to a bounded depth.
func walkJSONLD(v any, depth int, f func(map[string]any)) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkJSONLD(e, depth+1, f)
		}
	case map[string]any:
		f(x)
		for k, e := range x {
			if k == "@graph" || k == "mainEntity" || k == "itemListElement" {
				walkJSONLD(e, depth+1, f)
			}
		}
	}
}

func types(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
	}
	return ""
}

// names reads a schema.org Person/Organization value: a string, an object
// with a name, or a list of either.
func names(v any) []string {
	var out []string
	add := func(s string) {
		s = cleanByline(s)
		if s == "" || isURL(s) {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	switch x := v.(type) {
	case string:
		add(x)
	case map[string]any:
		add(str(x["name"]))
	case []any:
		for _, e := range x {
			for _, n := range names(e) {
				add(n)
			}
		}
	}
	return out
}
