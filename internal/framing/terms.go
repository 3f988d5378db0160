package framing

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// contextBytes is about how much text an occurrence shows on either side.
const contextBytes = 60

// docCtx is one document being analysed.
type docCtx struct {
	doc     *document.Document
	lang    string // the document's language
	f       textnorm.Folded
	toks    []token
	lex     *Lexicon
	matches []lexMatch
	lexTok  []bool // tokens inside a lexicon match, built on first use
	ctx     context.Context
	err     error // ctx's error once seen: every step stops
	steps   int
	scratch *scratch // the worker's reused arrays; nil: allocate
}

// scratch holds a worker's per-document arrays between documents: at tens
// of thousands of documents, one fresh array per document and step added
// hundreds of megabytes of garbage to the peak heap. Nothing in a
// document's result may point into it.
type scratch struct {
	toks  []token
	words []lexWord
}

// checkEvery is how many steps of a loop run between two looks at the
// context: a few microseconds of work.
const checkEvery = 1024

// stopped counts a step and reports, looking at the context every
// checkEvery steps, whether the analysis must stop.
func (c *docCtx) stopped() bool {
	if c.steps++; c.steps%checkEvery == 0 && c.err == nil && c.ctx != nil {
		c.err = c.ctx.Err()
	}
	return c.err != nil
}

// orig maps a folded span to the original text's span.
func (c *docCtx) orig(fs, fe int) (int, int) { return c.f.Original(fs, fe) }

// text returns the cleaned original text of tokens [a,b).
func (c *docCtx) text(a, b int) string {
	s, e := c.spanOf(a, b)
	return clean(c.doc.Text[s:e])
}

// spanOf returns the original span of tokens [a,b).
func (c *docCtx) spanOf(a, b int) (int, int) {
	return c.orig(c.toks[a].start, c.toks[b-1].end)
}

// key returns the grouping key of tokens [a,b): folded words joined by
// single spaces, without a leading determiner.
func (c *docCtx) key(a, b int) string {
	for a < b && c.toks[a].kind == tokWord && determiners[c.toks[a].text] {
		a++
	}
	var words []string
	for k := a; k < b; k++ {
		if c.toks[k].kind == tokWord {
			words = append(words, c.toks[k].text)
		}
	}
	return strings.Join(words, " ")
}

// tokenRange maps an original span to the tokens [a,b) it covers.
func (c *docCtx) tokenRange(start, end int) (int, int) {
	fs, fe := c.f.FoldedStart(start), c.f.FoldedStart(end)
	a := tokenAt(c.toks, fs)
	b := a
	for b < len(c.toks) && c.toks[b].start < fe {
		b++
	}
	return a, b
}

// lexicon returns the lexicon matches of the body.
func (c *docCtx) lexicon(lex *Lexicon) []lexMatch {
	if c.err != nil {
		return nil
	}
	var all []lexMatch
	if c.scratch != nil {
		all, c.scratch.words = lex.matchInto(c.scratch.words, c.lang, c.f.Text)
	} else {
		all = lex.matchIn(c.lang, c.f.Text)
	}
	out := all[:0]
	for _, m := range all {
		if c.stopped() {
			return nil
		}
		s, _ := c.orig(m.start, m.end)
		if !c.doc.InBoilerplate(s) {
			out = append(out, m)
		}
	}
	return out
}

// termReport counts matches by category and lists every occurrence.
func (c *docCtx) termReport(lex *Lexicon, ms []lexMatch, words int) ([]CategoryCount, []Occurrence) {
	occ := make([]Occurrence, 0, len(ms))
	type catAcc struct {
		count int
		terms map[string]int
	}
	cats := map[string]*catAcc{}
	for _, m := range ms {
		e := lex.entries[m.entry]
		s, en := c.orig(m.start, m.end)
		occ = append(occ, Occurrence{
			Term: e.Term, Category: e.Category, Text: clean(c.doc.Text[s:en]),
			Start: s, End: en,
			Left: leftContext(c.doc.Text, s), Right: rightContext(c.doc.Text, en),
		})
		ca := cats[e.Category]
		if ca == nil {
			ca = &catAcc{terms: map[string]int{}}
			cats[e.Category] = ca
		}
		ca.count++
		ca.terms[e.Term]++
	}
	out := make([]CategoryCount, 0, len(cats))
	for name, ca := range cats {
		cc := CategoryCount{Category: name, Count: ca.count, Rate: rate(ca.count, words)}
		for t, n := range ca.terms {
			cc.Terms = append(cc.Terms, TermCount{Term: t, Count: n})
		}
		sortTermCounts(cc.Terms)
		out = append(out, cc)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Category < out[b].Category })
	return out, occ
}

func sortTermCounts(ts []TermCount) {
	sort.Slice(ts, func(a, b int) bool {
		if ts[a].Count != ts[b].Count {
			return ts[a].Count > ts[b].Count
		}
		return ts[a].Term < ts[b].Term
	})
}

// rate is n per 1,000 words, rounded to 0.01.
func rate(n, words int) float64 {
	if words == 0 {
		return 0
	}
	return math.Round(float64(n)*1000/float64(words)*100) / 100
}

// leftContext returns up to contextBytes of text before i, starting at a
// word boundary, on one line.
func leftContext(s string, i int) string {
	start := max(i-contextBytes, 0)
	for start > 0 && start < i && !utf8.RuneStart(s[start]) {
		start++
	}
	if start > 0 {
		if sp := strings.IndexAny(s[start:i], " \n\t"); sp >= 0 {
			start += sp + 1
		}
	}
	return clean(s[start:i])
}

// rightContext returns up to contextBytes of text after i, ending at a word
// boundary.
func rightContext(s string, i int) string {
	end := min(i+contextBytes, len(s))
	for end < len(s) && end > i && !utf8.RuneStart(s[end]) {
		end--
	}
	if end < len(s) {
		if sp := strings.LastIndexAny(s[i:end], " \n\t"); sp > 0 {
			end = i + sp
		}
	}
	return clean(s[i:end])
}

// categoriesIn lists the lexicon categories matched inside folded [fs,fe).
func (c *docCtx) categoriesIn(fs, fe int) []string {
	if c.lex == nil {
		return nil
	}
	i := sort.Search(len(c.matches), func(k int) bool { return c.matches[k].end > fs })
	var out []string
	for ; i < len(c.matches) && c.matches[i].start < fe; i++ {
		cat := c.lex.entries[c.matches[i].entry].Category
		if !contains(out, cat) {
			out = append(out, cat)
		}
	}
	sort.Strings(out)
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
