package distinctive

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
)

// doc makes a document of group g (held in the outlet field) in language en.
func doc(path, group, text string) *document.Document {
	d := &document.Document{Path: path, Text: text}
	d.Meta.Outlet.Value = group
	d.Meta.Language.Value = "en"
	return d
}

func byOutlet(d *document.Document) string { return d.Meta.Outlet.Value }

func stopwords(t *testing.T) *Stopwords {
	t.Helper()
	langs, err := profiles.Default()
	if err != nil {
		t.Fatal(err)
	}
	return StopwordsFrom(langs)
}

func analyse(t *testing.T, docs []*document.Document, opts Options) *Result {
	t.Helper()
	res, err := Analyse(context.Background(), Input{Docs: docs, Group: byOutlet, Stopwords: stopwords(t)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func group(t *testing.T, res *Result, name string) Group {
	t.Helper()
	for _, g := range res.Groups {
		if g.Group == name {
			return g
		}
	}
	t.Fatalf("no group %q in %+v", name, res.Groups)
	return Group{}
}

func find(g Group, term string) (Term, bool) {
	for _, t := range g.Terms {
		if t.Term == term {
			return t, true
		}
	}
	return Term{}, false
}

// repeat writes n sentences, each built by f(i).
func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
		b.WriteString(". ")
	}
	return b.String()
}

// filler are content words both sides use alike, so neither side's text
// is made only of its distinctive words.
var filler = []string{"city", "river", "bridge", "market", "school", "street", "village", "harbour", "station", "valley"}

func sides() []*document.Document {
	var docs []*document.Document
	for k := range 4 {
		// both sides: "ceasefire" in every sentence, the same filler
		left := repeat(30, func(i int) string {
			s := "ceasefire " + filler[(i+k)%len(filler)] + " " + filler[(i+k+3)%len(filler)]
			if i%2 == 0 {
				s += " occupation forces"
			}
			if i%10 == 0 {
				s += " settlers" // rare, left only
			}
			return s
		})
		right := repeat(30, func(i int) string {
			s := "ceasefire " + filler[(i+k)%len(filler)] + " " + filler[(i+k+3)%len(filler)]
			if i%2 == 0 {
				s += " terrorist attack"
			}
			return s
		})
		docs = append(docs, doc(fmt.Sprintf("l%d.txt", k), "left", left), doc(fmt.Sprintf("r%d.txt", k), "right", right))
	}
	return docs
}

func TestFrequentEverywhereDoesNotRank(t *testing.T) {
	res := analyse(t, sides(), Options{Top: -1})
	for _, g := range res.Groups {
		if term, ok := find(g, "ceasefire"); ok && term.Z > 1 {
			t.Errorf("%s: ceasefire, used alike by both, ranks with z %.2f", g.Group, term.Z)
		}
		if len(g.Terms) > 0 && g.Terms[0].Term == "ceasefire" {
			t.Errorf("%s: ceasefire ranks first", g.Group)
		}
	}
}

func TestOneSidedWordRanksHigh(t *testing.T) {
	res := analyse(t, sides(), Options{})
	left, right := group(t, res, "left"), group(t, res, "right")
	if len(left.Terms) == 0 || len(right.Terms) == 0 {
		t.Fatalf("no terms: %+v", res.Groups)
	}
	top := map[string]bool{}
	for _, term := range left.Terms[:3] {
		top[term.Term] = true
	}
	for _, w := range []string{"occupation", "occupation forces", "forces"} {
		if !top[w] {
			t.Errorf("left's top 3 %v lack %q", left.Terms[:3], w)
		}
	}
	occ, _ := find(left, "occupation")
	if occ.Z < 5 || occ.Count != 60 || occ.Rest != 0 || occ.Documents != 4 {
		t.Errorf("occupation: %+v, want z ≥ 5, 60 uses, none elsewhere, 4 documents", occ)
	}
	if _, ok := find(right, "occupation"); ok {
		t.Error("occupation listed for the right, which never uses it")
	}
	terr, ok := find(right, "terrorist attack")
	if !ok || terr.Z < 5 || terr.Words != 2 {
		t.Errorf("terrorist attack for the right: %+v", terr)
	}
	for i := 1; i < len(left.Terms); i++ {
		if left.Terms[i].Z > left.Terms[i-1].Z {
			t.Fatalf("terms not sorted by z: %v", left.Terms)
		}
	}
}

func TestSymmetricGroupsOppositeSigns(t *testing.T) {
	for _, c := range []struct{ yi, yj, ni, nj int64 }{{8, 2, 100, 100}, {30, 1, 500, 800}, {5, 5, 100, 300}} {
		d1, z1 := Score(c.yi, c.yj, c.ni, c.nj, 1)
		d2, z2 := Score(c.yj, c.yi, c.nj, c.ni, 1)
		if math.Abs(d1+d2) > 1e-12 || math.Abs(z1+z2) > 1e-12 {
			t.Errorf("%+v: δ %v/%v z %v/%v, want opposite", c, d1, d2, z1, z2)
		}
	}
	// Mirrored corpora: what one side says 8 times the other says twice.
	var docs []*document.Document
	for k := range 3 {
		a := repeat(20, func(i int) string {
			return "alpha river " + filler[i%len(filler)] + map[bool]string{true: " beta", false: ""}[i%4 == 0]
		})
		b := repeat(20, func(i int) string {
			return "beta river " + filler[i%len(filler)] + map[bool]string{true: " alpha", false: ""}[i%4 == 0]
		})
		docs = append(docs, doc(fmt.Sprintf("a%d.txt", k), "A", a), doc(fmt.Sprintf("b%d.txt", k), "B", b))
	}
	res := analyse(t, docs, Options{Top: -1})
	alpha, ok1 := find(group(t, res, "A"), "alpha")
	beta, ok2 := find(group(t, res, "B"), "beta")
	if !ok1 || !ok2 || alpha.Z <= 0 || math.Abs(alpha.Z-beta.Z) > 1e-9 {
		t.Errorf("alpha for A %+v, beta for B %+v: want the same positive z", alpha, beta)
	}
	if _, ok := find(group(t, res, "B"), "alpha"); ok {
		t.Error("alpha listed for B, which uses it less (negative z)")
	}
}

func TestPriorSmoothsRareWords(t *testing.T) {
	res := analyse(t, sides(), Options{Top: -1})
	left := group(t, res, "left")
	rare, ok := find(left, "settlers")
	if !ok {
		t.Fatalf("settlers (12 uses, left only) not listed: %v", left.Terms)
	}
	common, _ := find(left, "occupation")
	if math.IsInf(rare.LogOdds, 0) || math.IsInf(rare.Z, 0) {
		t.Fatalf("a word absent from the rest gets an infinite score: %+v", rare)
	}
	if rare.Z >= common.Z {
		t.Errorf("settlers (%d uses) z %.2f ≥ occupation (%d uses) z %.2f: the prior should smooth the rarer", rare.Count, rare.Z, common.Count, common.Z)
	}
	// With counts 2 against 0, z is small: no confident claim from two uses.
	_, z := Score(2, 0, 1000, 1000, 0.1)
	if z > 1.96 {
		t.Errorf("two uses, none elsewhere: z %.2f, want < 1.96", z)
	}
	_, z = Score(40, 0, 1000, 1000, 0.1)
	if z < 1.96 {
		t.Errorf("forty uses, none elsewhere: z %.2f, want > 1.96", z)
	}
}

func TestBoilerplateExcludedAndOccurrences(t *testing.T) {
	docs := sides()
	// a footer that only the left carries, marked as boilerplate
	for _, d := range docs {
		if d.Meta.Outlet.Value == "left" {
			footer := "\n\nSubscribe newsletter subscribe newsletter subscribe newsletter"
			d.Boilerplate = []document.Span{{Start: len(d.Text), End: len(d.Text) + len(footer)}}
			d.Text += footer
		}
	}
	res := analyse(t, docs, Options{Top: -1})
	left := group(t, res, "left")
	if term, ok := find(left, "subscribe"); ok {
		t.Errorf("boilerplate word counted: %+v", term)
	}
	occ, _ := find(left, "occupation forces")
	if len(occ.Occurrences) == 0 {
		t.Fatal("no occurrences")
	}
	byPath := map[string]*document.Document{}
	for _, d := range docs {
		byPath[d.Path] = d
	}
	for _, o := range occ.Occurrences {
		if got := strings.ToLower(byPath[o.Path].Text[o.Start:o.End]); got != "occupation forces" {
			t.Errorf("occurrence %+v spans %q", o, got)
		}
	}
}

func TestLexiconAnnotates(t *testing.T) {
	lex, err := framing.NewLexicon([]framing.Entry{{Term: "occupation", Category: "delegitimising"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Analyse(context.Background(), Input{Docs: sides(), Group: byOutlet, Stopwords: stopwords(t), Lexicon: lex}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	left := group(t, res, "left")
	for _, w := range []string{"occupation", "occupation forces"} {
		if term, _ := find(left, w); len(term.Categories) != 1 || term.Categories[0] != "delegitimising" {
			t.Errorf("%s: categories %v", w, term.Categories)
		}
	}
	if term, _ := find(left, "forces"); len(term.Categories) != 0 {
		t.Errorf("forces: categories %v", term.Categories)
	}
}

func TestExclusive(t *testing.T) {
	res := analyse(t, sides(), Options{Top: -1, Exclusive: true})
	left := group(t, res, "left")
	if len(left.Terms) == 0 {
		t.Fatal("no exclusive terms")
	}
	for _, term := range left.Terms {
		if term.Rest != 0 {
			t.Errorf("%+v is used elsewhere", term)
		}
	}
	if _, ok := find(left, "occupation"); !ok {
		t.Error("occupation (left only) missing")
	}
}

func TestOneGroupAndUngrouped(t *testing.T) {
	docs := sides()[:1]
	docs = append(docs, doc("x.txt", "", "no outlet here at all"))
	res := analyse(t, docs, Options{})
	if res.Ungrouped != 1 || len(res.Groups) != 1 || res.Groups[0].Note == "" || len(res.Groups[0].Terms) != 0 {
		t.Errorf("one group: %+v", res)
	}
}

func TestTokenize(t *testing.T) {
	sw := stopwords(t)
	cases := []struct {
		lang, text string
		want       []string
	}{
		{"en", "The Iran-backed militia's attack; the militia retreated.", []string{"iran-backed", "militia", "attack", "militia", "retreated",
			"iran-backed militia", "militia's attack", "militia retreated"}},
		{"fr", "L'armée d'occupation a frappé Gaza.", []string{"armée", "occupation", "frappé", "gaza", "armée d'occupation", "occupation a frappé", "frappé gaza"}},
		{"ru", "Российская армия, 12 сёл освобождены.", []string{"российская", "армия", "российская армия", "сёл", "освобождены", "сёл освобождены"}},
		{"en", "Wаter (Cyrillic а) and water", []string{"water", "cyrillic", "water"}},
		{"ar", "قوات الاحتلال في غزة", []string{"قوات", "الاحتلال", "غزة", "قوات الاحتلال", "الاحتلال في غزة"}},
	}
	for _, c := range cases {
		d := &document.Document{Text: c.text}
		toks := tokenize(d, sw.For(c.lang), nil)
		var got []string
		grams(toks, 3, func(_ uint64, i, j int) { got = append(got, termText(d.Text, toks, i, j)) })
		if !sameSet(got, c.want) {
			t.Errorf("%s %q: terms %q, want %q", c.lang, c.text, got, c.want)
		}
	}
}

func sameSet(a, b []string) bool {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
