package htmltext

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// fuzzSeeds are small hand-written pages covering the code paths: metadata
// rules, JSON-LD shapes, charsets, boilerplate, broken markup.
var fuzzSeeds = []string{
	"",
	"plain text, no markup",
	`<html lang="en"><head><title>T | Site</title><meta property="og:site_name" content="Site"></head><body><p>Hello <b>world</b>.</p></body></html>`,
	"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>",
	`<meta http-equiv="content-type" content="text/html; charset=koi8-r"><h1>x</h1><p>y<br><br>z</p>`,
	`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"author":[{"name":"A"},"B",{"name":["C"]}],"datePublished":"2020-01-02T03:04:05Z","publisher":{"name":"P"}}]}</script>`,
	`<script type="application/ld+json">[[[[{"@type":"Article","headline":1}]]]]</script><time datetime="2019-04-28 06:01">x</time>`,
	`<div class="byline">By <a href="/author/x">X Y</a> June 30, 2021</div><article><p>text</p></article><div class="share">Share</div>`,
	`<table><tr><td>a<td>b</table><pre>  p  </pre><ul><li>1<li>2</ul><p>Advertisement</p>`,
	`<link rel="canonical" href="::bad"><meta property="og:url" content="http://[::1">`,
	`<html><body><div><div><span><p>unclosed <a href=x>link<p>next`,
}

// FuzzExtract checks that Extract never panics (a recovered panic is
// reported as an "internal error") and that every result is well formed.
// Pages of the html-dev corpus under 64 KiB are added as seeds when the
// corpus is present.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	if dir, err := testcorpus.Unpack("html-dev"); err == nil {
		srcs, _ := filepath.Glob(filepath.Join(dir, "*", "source.html"))
		sort.Strings(srcs)
		for _, src := range srcs {
			if st, err := os.Stat(src); err == nil && st.Size() < 64<<10 {
				if b, err := os.ReadFile(src); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Extract(b, "https://example.com/news/a")
		checkResult(t, res, err)
	})
}
