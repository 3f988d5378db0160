package pdftext

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"golang.org/x/text/unicode/norm"
)

// truthWords splits text into words as the multilingual-dev manifest
// counts them: runs of letters and digits after NFKC and case folding,
// with tatweel and format characters (bidi controls, ZWNJ) removed.
func truthWords(s string) []string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if r == 'ـ' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// wordRecall is the share of ref's words (as a multiset) found in got,
// and the share of ref's adjacent word pairs found in got, which only
// text in reading order keeps.
func wordRecall(ref, got string) (words, pairs float64, total int) {
	rw, gw := truthWords(ref), truthWords(got)
	have := map[string]int{}
	for _, w := range gw {
		have[w]++
	}
	found := 0
	for _, w := range rw {
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	havePairs := map[string]int{}
	for i := 1; i < len(gw); i++ {
		havePairs[gw[i-1]+" "+gw[i]]++
	}
	pf := 0
	for i := 1; i < len(rw); i++ {
		if k := rw[i-1] + " " + rw[i]; havePairs[k] > 0 {
			havePairs[k]--
			pf++
		}
	}
	if len(rw) == 0 {
		return 1, 1, 0
	}
	pairs = 1
	if len(rw) > 1 {
		pairs = float64(pf) / float64(len(rw)-1)
	}
	return float64(found) / float64(len(rw)), pairs, len(rw)
}

// multilingualPDF is one PDF of the multilingual-dev corpus with the text
// it was made from.
type multilingualPDF struct {
	path, truth, producer, lang string
	popplerRecall               string
}

// multilingualPDFs lists the corpus's PDFs from the manifests of its
// _truth folders, or skips when the corpus is absent.
func multilingualPDFs(tb testing.TB) []multilingualPDF {
	dir := testcorpus.Corpus(tb, "multilingual-dev")
	manifests, _ := filepath.Glob(filepath.Join(dir, "*", "_truth", "manifest.tsv"))
	if len(manifests) == 0 {
		tb.Skipf("multilingual-dev: no _truth/manifest.tsv under %s", dir)
	}
	var out []multilingualPDF
	for _, m := range manifests {
		rows, err := testcorpus.ReadTSV(m)
		if err != nil {
			tb.Fatal(err)
		}
		event := filepath.Dir(filepath.Dir(m))
		for _, c := range rows {
			if len(c) < 8 {
				continue
			}
			lang, _, _ := strings.Cut(c[0], "-")
			out = append(out, multilingualPDF{
				path: filepath.Join(event, c[0]), truth: filepath.Join(event, c[6]),
				producer: c[1], lang: lang, popplerRecall: c[5],
			})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// langScript names the script of a corpus language.
func langScript(lang string) string {
	switch lang {
	case "ar", "fa":
		return "Arabic"
	case "ru", "uk":
		return "Cyrillic"
	}
	return "Latin"
}

// TestMultilingualRecall reads every PDF of the multilingual-dev corpus
// (LibreOffice, Chromium and groff; English, French, Russian, Arabic,
// Persian) and compares the text with the source it was made from: every
// file must reach a word recall of 0.95, and its word pairs must be in
// reading order (pair recall 0.9: visual-order Arabic scores near 0).
func TestMultilingualRecall(t *testing.T) {
	pdfs := multilingualPDFs(t)
	if len(pdfs) < 16 {
		t.Fatalf("multilingual-dev has %d PDFs in its manifests, want 16", len(pdfs))
	}
	type agg struct {
		words, pairs float64
		n            int
	}
	groups := map[string]*agg{}
	for _, p := range pdfs {
		data, err := os.ReadFile(p.path)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := os.ReadFile(p.truth)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Extract(context.Background(), data, Options{})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p.path), err)
			continue
		}
		w, pr, n := wordRecall(string(ref), res.Text)
		t.Logf("%-40s %-11s %-3s words %.3f pairs %.3f quality %.3f (%d words; pdftotext %s)", filepath.Base(p.path), p.producer, p.lang, w, pr, res.Quality.Score, n, p.popplerRecall)
		if w < 0.95 {
			t.Errorf("%s (%s, %s): word recall %.3f < 0.95", filepath.Base(p.path), p.producer, p.lang, w)
		}
		if pr < 0.9 {
			t.Errorf("%s (%s, %s): word pairs in reading order %.3f < 0.9", filepath.Base(p.path), p.producer, p.lang, pr)
		}
		if q := res.Quality; q.Garbled() || q.Score < 0.9 {
			t.Errorf("%s: readable text scored %.3f: %v", filepath.Base(p.path), q.Score, res.Warnings)
		}
		key := fmt.Sprintf("%s/%s", p.producer, langScript(p.lang))
		if groups[key] == nil {
			groups[key] = &agg{}
		}
		groups[key].words += w
		groups[key].pairs += pr
		groups[key].n++
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := groups[k]
		t.Logf("%-22s %d file(s): mean word recall %.3f, pairs %.3f", k, g.n, g.words/float64(g.n), g.pairs/float64(g.n))
	}
}
