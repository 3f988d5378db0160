package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/parallaxworkbench/parallax/internal/textdir"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of testdata")

func rtlHTML(t *testing.T) string {
	t.Helper()
	a := rtlProject(t)
	ws := rtlWorkspace(t, a)
	r, err := Build(t.Context(), a, ws, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLDirectionGolden keeps the direction and language markup of the
// sources table and the annotations of the Arabic, Persian and Russian
// project as a golden file (go test -run HTMLDirection -update rewrites it).
func TestHTMLDirectionGolden(t *testing.T) {
	page := rtlHTML(t)
	var got strings.Builder
	for _, id := range []string{"sec-sources", "sec-passages", "sec-annotations"} {
		i := strings.Index(page, `<section id="`+id+`">`)
		if i < 0 {
			t.Fatalf("no section %s", id)
		}
		j := strings.Index(page[i:], "</section>")
		got.WriteString(page[i : i+j+len("</section>")])
		got.WriteString("\n")
	}
	golden := filepath.Join("testdata", "rtl-html.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("direction markup differs from %s; got:\n%s", golden, got.String())
	}
}

// TestHTMLEveryDocumentTextHasDirection walks the page: every text node
// with a right-to-left letter or Cyrillic sits inside an element marked
// dir="auto" (or "rtl", decided from the text), and the document's language is on the cells of its rows.
func TestHTMLEveryDocumentTextHasDirection(t *testing.T) {
	page := rtlHTML(t)
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]bool{}
	var walk func(n *html.Node, dir bool)
	walk = func(n *html.Node, dir bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "dir" && (a.Val == "auto" || a.Val == "rtl") {
					dir = true
				}
				if a.Key == "lang" {
					langs[a.Val] = true
				}
			}
			if n.Data == "title" || n.Data == "style" {
				return
			}
		}
		if n.Type == html.TextNode && (textdir.NeedsBidi(n.Data) || strings.ContainsAny(n.Data, "АБВГДЕЖЗИКЛМНОПРСТУФабвгдежзиклмнопрстуф")) && !dir {
			t.Errorf("document text %q has no dir=\"auto\" around it", n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, dir)
		}
	}
	walk(doc, false)
	for _, l := range []string{"ar", "fa", "ru", "en"} {
		if !langs[l] {
			t.Errorf("no element has lang=%q", l)
		}
	}
	if !strings.Contains(page, `"Noto Sans", "Noto Sans Arabic"`) {
		t.Error("the font stack does not name the Noto fonts")
	}
}

func TestValidLang(t *testing.T) {
	for tag, want := range map[string]bool{
		"fa": true, "ar-EG": true, "zh-Hant": true, "": false, "e": false, `fa" onclick="x`: false, "fa-": false, "1a": false, "toolongtag": false,
	} {
		if got := validLang(tag); got != want {
			t.Errorf("validLang(%q) = %v", tag, got)
		}
	}
}
