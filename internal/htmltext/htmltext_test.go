package htmltext

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textdecode"
)

// The article pages below are written for these tests.
var articleParas = []string{
	"The old stone bridge over the Ember river reopened to traffic on Wednesday morning, three weeks after floodwater tore away part of its eastern railing and left the road covered in silt.",
	"Engineers from the county council spent the weekend checking the piers for cracks. Their report, published on Tuesday evening, found no damage to the foundations and cleared the bridge for cars and buses.",
	"Shopkeepers on both banks said the closure had cost them a large share of their summer trade. One baker said she had thrown away bread every evening because customers could not reach her shop.",
	"The council has promised a review of the flood defences upstream. A spokesman said the work would begin before the autumn rains and would be paid for from the regional emergency fund.",
}

const articleHeading = "Traffic returns to the old town"

func newsPage() string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Bridge reopens after floods | Riverside Gazette</title>
<meta property="og:title" content="Bridge reopens after three weeks of floods">
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2021-06-30T18:47:00+02:00">
<meta name="author" content="Mara Lind">
<link rel="canonical" href="/news/bridge-reopens">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Bridge reopens after three weeks of floods",
 "author":[{"@type":"Person","name":"Mara Lind"},{"@type":"Person","name":"Tom Okafor"}],
 "datePublished":"2021-06-30T18:47:00+02:00",
 "publisher":{"@type":"Organization","name":"Riverside Gazette"}}</script>
<style>.hidden{display:none}</style></head>
<body>
<nav><a href="/">Home</a> <a href="/news">Newsroom</a> <a href="/sport">Sport</a></nav>
<header class="site-header"><a href="/subscribe">Subscribe today and save</a></header>
<main><article>
<h1>Bridge reopens after three weeks of floods</h1>
<p class="byline">By <a rel="author" href="/authors/mara-lind">Mara Lind</a></p>
`)
	for i, p := range articleParas {
		if i == 2 {
			fmt.Fprintf(&b, "<h2>%s</h2>\n", articleHeading)
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`</article></main>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">Market moves to the square</a></li></ul></aside>
<div id="comments"><h3>Leave a comment</h3><form><textarea></textarea><button>Post</button></form></div>
<footer><p>Copyright 2021 Riverside Gazette. All rights reserved.</p></footer>
<script>var tracking = "SCRIPT_TEXT_MUST_NOT_APPEAR";</script>
</body></html>`)
	return b.String()
}

func TestExtractNewsPage(t *testing.T) {
	res, err := Extract([]byte(newsPage()), "https://gazette.example/news/bridge-reopens?utm=x")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range articleParas {
		if !strings.Contains(res.Text, p) {
			t.Errorf("text lacks paragraph %q\ntext:\n%s", p[:40], res.Text)
		}
	}
	// paragraphs are separated by blank lines, the heading is on its own line
	if !strings.Contains(res.Text, articleParas[0]+"\n\n"+articleParas[1]) {
		t.Errorf("paragraphs not separated by a blank line:\n%s", res.Text)
	}
	if !strings.Contains(res.Text, "\n"+articleHeading+"\n") {
		t.Errorf("heading not on its own line:\n%s", res.Text)
	}
	for _, junk := range []string{"Newsroom", "Subscribe today", "Ferry timetable", "Leave a comment", "All rights reserved", "SCRIPT_TEXT", "display:none"} {
		if strings.Contains(res.Text, junk) {
			t.Errorf("text holds page chrome %q:\n%s", junk, res.Text)
		}
	}
	if res.Encoding != "utf-8" {
		t.Errorf("encoding = %q", res.Encoding)
	}
	want := map[string][2]string{ // field → value, rule
		"title":    {"Bridge reopens after three weeks of floods", "meta:og:title"},
		"outlet":   {"Riverside Gazette", "meta:og:site_name"},
		"author":   {"Mara Lind, Tom Okafor", "json-ld:NewsArticle.author"},
		"date":     {"2021-06-30T18:47", "meta:article:published_time"},
		"url":      {"https://gazette.example/news/bridge-reopens", "link:canonical"},
		"language": {"en-GB", "html:lang"},
	}
	checkMeta(t, res.Meta, want)
}

func checkMeta(t *testing.T, md document.Metadata, want map[string][2]string) {
	t.Helper()
	fields := md.Fields()
	for name, w := range want {
		f := fields[name]
		if f.Value != w[0] || f.Rule != w[1] {
			t.Errorf("%s = %q (rule %q), want %q (rule %q)", name, f.Value, f.Rule, w[0], w[1])
		}
		if w[0] != "" && f.Source != document.FromHTMLMeta {
			t.Errorf("%s source = %q", name, f.Source)
		}
	}
}

func TestExtractMetadataRules(t *testing.T) {
	body := "<body><article><p>" + strings.Join(articleParas, "</p><p>") + "</p></article></body></html>"
	cases := []struct {
		name    string
		head    string
		pageURL string
		want    map[string][2]string
	}{
		{
			name: "title element with outlet suffix and meta author",
			head: `<html lang="fr"><head><title>Le pont rouvre – La Gazette</title>
				<meta name="application-name" content="La Gazette"><meta name="author" content="Par Claire Dubois">`,
			want: map[string][2]string{
				"title":    {"Le pont rouvre", "title"},
				"outlet":   {"La Gazette", "meta:application-name"},
				"author":   {"Claire Dubois", "meta:author"},
				"date":     {"", ""},
				"language": {"fr", "html:lang"},
			},
		},
		{
			name: "json-ld graph with publisher and single author string",
			head: `<html><head><title>Bridge closed</title><script type="application/ld+json">{"@graph":[
				{"@type":"WebSite","name":"Site"},
				{"@type":["NewsArticle"],"headline":"Floods close bridge","author":"Ann Bell",
				 "datePublished":"2020-02-29","publisher":{"name":"Valley Post"},"inLanguage":"de_AT"}]}</script>`,
			want: map[string][2]string{
				"title":    {"Floods close bridge", "json-ld:NewsArticle.headline"},
				"outlet":   {"Valley Post", "json-ld:NewsArticle.publisher.name"},
				"author":   {"Ann Bell", "json-ld:NewsArticle.author"},
				"date":     {"2020-02-29", "json-ld:NewsArticle.datePublished"},
				"language": {"de-AT", "json-ld:NewsArticle.inLanguage"},
			},
		},
		{
			name: "time element, og:locale, relative og:url resolved",
			head: `<html><head><meta property="og:locale" content="pt_BR"><meta property="og:url" content="/relative">
				</head><body><time datetime="2019-04-28 06:01:07">April 28</time>`,
			pageURL: "https://valley.example/a/1",
			want: map[string][2]string{
				"date":     {"2019-04-28T06:01", "time[datetime]"},
				"language": {"pt-BR", "meta:og:locale"},
				"url":      {"https://valley.example/relative", "meta:og:url"},
			},
		},
		{
			name: "invalid date and handle-only author are not used",
			head: `<html><head><meta name="date" content="2020-13-45"><meta name="twitter:creator" content="@gazette">
				<meta property="article:published_time" content="yesterday">`,
			want: map[string][2]string{
				"date":   {"", ""},
				"author": {"", ""},
			},
		},
		{
			name: "byline markup with a date after the name",
			head: `<html><head></head><body><div class="article-byline">By Jon Meyer | June 30, 2021</div>`,
			want: map[string][2]string{
				"author": {"Jon Meyer", "class:byline"},
			},
		},
		{
			name: "meta date variants",
			head: `<html><head><meta name="pubdate" content="20150724">`,
			want: map[string][2]string{
				"date": {"2015-07-24", "meta:pubdate"},
			},
		},
		{
			name:    "page URL when the page names none; a bad canonical is dropped",
			head:    `<html><head><link rel="canonical" href="javascript:void(0)">`,
			pageURL: "file:///home/analyst/project/a.html",
			want: map[string][2]string{
				"url": {"file:///home/analyst/project/a.html", "page-url"},
			},
		},
		{
			name: "no URL at all",
			head: `<html><head><link rel="canonical" href="/only/relative">`,
			want: map[string][2]string{
				"url": {"", ""},
			},
		},
		{
			name: "headline that shares no word with the title is a description",
			head: `<html><head><title>Hermitian matrix - Encyclopedia</title><script type="application/ld+json">
				{"@type":"Article","headline":"self-adjoint operator on a complex space"}</script>`,
			want: map[string][2]string{
				"title": {"Hermitian matrix - Encyclopedia", "title"},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := c.head
			if !strings.Contains(page, "<body") {
				page += "</head>" + body
			} else {
				page += strings.TrimPrefix(body, "<body>")
			}
			res, err := Extract([]byte(page), c.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			checkMeta(t, res.Meta, c.want)
		})
	}
}

func TestNormaliseDate(t *testing.T) {
	cases := map[string]string{
		"2015-07-24T05:36:09+01:00":     "2015-07-24T05:36",
		"2017-11-03 03:01:00.000000":    "2017-11-03T03:01",
		"2019-01-03T07:00:02.000Z":      "2019-01-03T07:00",
		"2021-11-01T10:52:50+0100":      "2021-11-01T10:52",
		"2024-06-25":                    "2024-06-25",
		"2024-06-25T00:00:00Z":          "2024-06-25",
		"20150724":                      "2015-07-24",
		"Fri, 24 Jul 2015 05:36:09 GMT": "2015-07-24T05:36",
		"June 30, 2021":                 "2021-06-30",
		"30 June 2021 18:47":            "2021-06-30T18:47",
		"2021-02-29":                    "",
		"2021-13-01":                    "",
		"2021-06-30T25:00":              "",
		"yesterday":                     "",
		"":                              "",
		"12/06/2021":                    "", // day and month order unknown: not guessed
	}
	for in, want := range cases {
		if got := NormaliseDate(in); got != want {
			t.Errorf("NormaliseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtractLegacyCharsets(t *testing.T) {
	russian := "Пограничный переход на севере области снова открыт для грузовиков. Водители ждали в очереди почти двое суток."
	enc1251, _ := charmap.Windows1251.NewEncoder().String(russian)
	encKOI, _ := charmap.KOI8R.NewEncoder().String(russian)
	cases := []struct {
		name, page, wantEnc string
	}{
		{"meta charset", `<html><head><meta charset="windows-1251"><title>t</title></head><body><p>` + enc1251 + `</p></body></html>`, "windows-1251"},
		{"http-equiv", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body><p>` + encKOI + `</p></body></html>`, "koi8-r"},
		{"undeclared koi8-r", `<html><body><p>` + encKOI + `</p></body></html>`, "koi8-r"},
		{"undeclared windows-1251", `<html><body><p>` + enc1251 + `</p></body></html>`, "windows-1251"},
		{"declared latin1 but utf-8", `<html><head><meta charset="iso-8859-1"></head><body><p>` + russian + `</p></body></html>`, "utf-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Extract([]byte(c.page), "")
			if err != nil {
				t.Fatal(err)
			}
			if res.Encoding != c.wantEnc || !strings.Contains(res.Text, russian) {
				t.Errorf("got %q, %q; want %q and the Russian text", res.Encoding, res.Text, c.wantEnc)
			}
		})
	}
}

func TestExtractFallbackAndErrors(t *testing.T) {
	// Too little for readability: the visible text, without scripts.
	res, err := Extract([]byte(`<html><body><nav><a href="/">Home</a></nav><div>Short notice: the ferry is cancelled today.</div><script>x()</script></body></html>`), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "Short notice: the ferry is cancelled today." {
		t.Errorf("fallback text = %q", res.Text)
	}
	// No visible text at all.
	if _, err := Extract([]byte(`<html><head><title>Only a title</title></head><body><script>x()</script></body></html>`), ""); !errors.Is(err, ErrNoText) {
		t.Errorf("empty page: err = %v, want ErrNoText", err)
	}
	if _, err := Extract(nil, ""); !errors.Is(err, ErrNoText) {
		t.Errorf("nil input: err = %v, want ErrNoText", err)
	}
	// Binary input.
	if _, err := Extract(make([]byte, 2048), ""); !errors.Is(err, textdecode.ErrBinary) {
		t.Errorf("binary: err = %v, want textdecode.ErrBinary", err)
	}
}

func TestRenderBoilerplate(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div><p>First paragraph of the story.</p>
		<div class="share-bar"><a>Share on Facebook</a> <a>Share on X</a></div>
		<p>Second paragraph.<br>Same paragraph, new line.</p>
		<p>Advertisement</p>
		<ul><li>one</li><li>two</li></ul>
		<pre>  keep   spacing
  here</pre></div>`))
	if err != nil {
		t.Fatal(err)
	}
	text, spans := renderNode(pageRoot(doc), false)
	want := "First paragraph of the story.\n\nShare on Facebook Share on X\n\nSecond paragraph.\nSame paragraph, new line.\n\nAdvertisement\n\none\ntwo\n\n  keep   spacing\n  here"
	if text != want {
		t.Errorf("text =\n%q\nwant\n%q", text, want)
	}
	var marked []string
	for _, s := range spans {
		marked = append(marked, text[s.Start:s.End])
	}
	wantMarked := []string{"Share on Facebook Share on X", "Advertisement"}
	if strings.Join(marked, "|") != strings.Join(wantMarked, "|") {
		t.Errorf("boilerplate = %q, want %q", marked, wantMarked)
	}
	// The DOM walk drops the share bar instead.
	text, _ = renderNode(pageRoot(doc), true)
	if strings.Contains(text, "Share on") {
		t.Errorf("walk kept the share bar: %q", text)
	}
}

func TestExtractBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a page larger than MaxInput")
	}
	// A page larger than MaxInput with many elements: readability is
	// skipped, the input is cut, and the text still comes out.
	var b strings.Builder
	b.WriteString("<html><body>")
	para := "<p>" + articleParas[0] + "</p>\n"
	for b.Len() < MaxInput+1<<20 {
		b.WriteString(para)
	}
	res, err := Extract([]byte(b.String()), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Text, articleParas[0]) || len(res.Text) > MaxInput {
		t.Errorf("huge page: %d bytes of text", len(res.Text))
	}
	// Deep nesting does not overflow anything.
	deep := strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000)
	res, err = Extract([]byte(deep), "")
	if err != nil || !strings.Contains(res.Text, "deep text") {
		t.Errorf("deep page: %v, %q", err, res.Text)
	}
}

var dateShape = regexp.MustCompile(`^$|^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$`)

// checkResult asserts what must hold for every page.
func checkResult(t *testing.T, res Result, err error) {
	t.Helper()
	if err != nil {
		if strings.Contains(err.Error(), "internal error") {
			t.Fatalf("recovered panic: %v", err)
		}
		return
	}
	if !utf8.ValidString(res.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	prev := 0
	for _, s := range res.Boilerplate {
		if s.Start < prev || s.End <= s.Start || s.End > len(res.Text) {
			t.Fatalf("bad boilerplate span %v (text %d bytes)", s, len(res.Text))
		}
		prev = s.End
	}
	for name, f := range res.Meta.Fields() {
		if !utf8.ValidString(f.Value) {
			t.Fatalf("%s not valid UTF-8", name)
		}
		if f.Value != "" && (f.Source != document.FromHTMLMeta || f.Rule == "") {
			t.Fatalf("%s without provenance: %+v", name, f)
		}
	}
	if !dateShape.MatchString(res.Meta.Date.Value) {
		t.Fatalf("date %q not normalised", res.Meta.Date.Value)
	}
}

func TestLineBoilerplate(t *testing.T) {
	cases := map[string]bool{
		"Advertisement":                  true,
		"ADVERTISEMENT":                  true,
		"Share this article":             true,
		"Photo: Jane Roe/Reuters":        true,
		"Photo by Jane Roe":              true,
		"Image":                          true,
		"Read more":                      true,
		"Sign up for our newsletter!":    true,
		"Images":                         false,
		"Imagine a bridge without cars.": false,
		"Photographers gathered at the border crossing.": false,
		"Share prices fell sharply on Monday.":           false,
	}
	for line, want := range cases {
		text := "Some paragraph.\n\n" + line + "\n\nAnother paragraph."
		spans := lineBoilerplate(text)
		got := len(spans) == 1 && text[spans[0].Start:spans[0].End] == line
		if got != want || !want && len(spans) > 0 {
			t.Errorf("%q: marked = %v (%v), want %v", line, got, spans, want)
		}
	}
}

func TestExtractAllChromePage(t *testing.T) {
	// A page whose only text sits in a header: kept rather than lost.
	res, err := Extract([]byte(`<html><body><header><h1>Border crossing reopened</h1></header></body></html>`), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "Border crossing reopened" {
		t.Errorf("text = %q", res.Text)
	}
}
