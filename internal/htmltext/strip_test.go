package htmltext

import (
	"errors"
	"strings"
	"testing"
)

func TestStripPage(t *testing.T) {
	src := `<html><head><title>T</title><style>p{color:red}</style>` +
		`<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>` +
		`<script>var s = "<p>not text</p>";</script></head>` +
		`<body><!-- a comment --><p>one &amp; two</p><noscript>enable JS</noscript><script src="x.js"/><p>three</p></body></html>`
	s := stripPage(src)
	for _, gone := range []string{"color:red", "not text", "a comment", "enable JS", "x.js"} {
		if strings.Contains(s.src, gone) {
			t.Errorf("%q left in %s", gone, s.src)
		}
	}
	for _, kept := range []string{"<title>T</title>", `"headline":"H"`, "<p>one &amp; two</p>", "<p>three</p>"} {
		if !strings.Contains(s.src, kept) {
			t.Errorf("%q dropped from %s", kept, s.src)
		}
	}
	if !strings.HasPrefix(s.src[s.headEnd:], "<body>") {
		t.Errorf("headEnd %d points at %q, want <body>", s.headEnd, s.src[s.headEnd:])
	}
}

// Attack 9: a page whose article follows a script larger than the old
// 16 MB read limit lost its text ("no visible text"). Its text is read
// now, and its JSON-LD metadata too.
func TestTextAfterHugeScript(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Valley vote</title>` +
		`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Valley vote","author":{"@type":"Person","name":"Mara Lindqvist"}}</script></head><body><script>var x = "`)
	b.WriteString(strings.Repeat("a", 17<<20))
	b.WriteString(`";</script><article>`)
	for range 12 {
		b.WriteString("<p>The council voted on Monday to reopen the water plant, officials of the valley said.</p>")
	}
	b.WriteString("<p>Last line after the script.</p></article></body></html>")
	res, err := Extract([]byte(b.String()), "")
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if !strings.Contains(res.Text, "Last line after the script.") {
		t.Errorf("the text after the script is lost: %q", res.Text)
	}
	if res.Meta.Author.Value != "Mara Lindqvist" {
		t.Errorf("author %q, want the JSON-LD's", res.Meta.Author.Value)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v for a page read whole", res.Warnings)
	}
}

// A page with more elements than a DOM is built for is read as a token
// stream: its text is kept whole and a warning says how it was read.
func TestHugeMarkupStreamed(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Many cells</title></head><body><p>Opening words of the page.</p>`)
	for range maxDOMElements + 10 {
		b.WriteString("<i>x</i>")
	}
	b.WriteString("<p>Closing words.</p></body></html>")
	res, err := Extract([]byte(b.String()), "")
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if !strings.Contains(res.Text, "Opening words of the page.") || !strings.Contains(res.Text, "Closing words.") {
		t.Errorf("text lost: %.200q … %.200q", res.Text, res.Text[max(0, len(res.Text)-200):])
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "too large for article detection") {
		t.Errorf("warnings = %v, want one saying the page was streamed", res.Warnings)
	}
	if res.Meta.Title.Value != "Many cells" {
		t.Errorf("title %q, want the <title>'s", res.Meta.Title.Value)
	}
}

// A page longer than MaxInput is cut with a warning, never silently.
func TestPageOverMaxInputWarns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a page of more than 64 MB")
	}
	page := []byte("<html><body><p>Words at the start of the page.</p>" + strings.Repeat(" ", MaxInput) + "<p>cut</p></body></html>")
	res, err := Extract(page, "")
	if err != nil && !errors.Is(err, ErrNoText) {
		t.Fatalf("Extract: %v", err)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "only the first 64 MB") {
		t.Errorf("warnings = %v, want one saying the page was cut", res.Warnings)
	}
}
