package reuse

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// This file builds disguised copies for the tests and benchmarks: a stretch
// of a real article, with look-alike letters from other scripts swapped in,
// quotes changed, case changed, re-punctuated, a word inserted, dropped or
// changed every ~15 words, and embedded in other text.

// lookalikes maps Latin letters to Cyrillic and Greek letters drawn alike.
var lookalikes = map[rune][]rune{
	'a': {'а', 'α'}, 'c': {'с'}, 'e': {'е'}, 'i': {'і'}, 'j': {'ј'},
	'o': {'о', 'ο'}, 'p': {'р'}, 's': {'ѕ'}, 'x': {'х'}, 'y': {'у'},
	'A': {'А', 'Α'}, 'B': {'В', 'Β'}, 'C': {'С'}, 'E': {'Е', 'Ε'},
	'H': {'Н', 'Η'}, 'K': {'К', 'Κ'}, 'M': {'М', 'Μ'}, 'O': {'О', 'Ο'},
	'P': {'Р', 'Ρ'}, 'T': {'Т', 'Τ'}, 'X': {'Х', 'Χ'},
}

// fillers are the words the disguise inserts or puts in place of others.
var fillers = []string{"reportedly", "indeed", "also", "now", "still", "however", "allegedly", "meanwhile", "further", "clearly"}

// piece is a word or the run of other characters between two words.
type piece struct {
	text string
	word bool
}

// splitPieces cuts s into alternating words (letters and digits) and gaps.
func splitPieces(s string) []piece {
	var out []piece
	for i := 0; i < len(s); {
		r, _ := utf8.DecodeRuneInString(s[i:])
		w := isWordRune(r)
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) != w {
				break
			}
			j += size
		}
		out = append(out, piece{s[i:j], w})
		i = j
	}
	return out
}

// disguise rewrites s so that a plain comparison no longer sees it as the
// same text. The first and last keep words are never inserted, dropped or
// changed, so the copy starts and ends with the words of s.
func disguise(rng *rand.Rand, s string, keep int) string {
	ps := splitPieces(s)
	nw := 0
	for _, p := range ps {
		if p.word {
			nw++
		}
	}
	var b strings.Builder
	wi := 0
	next := 10 + rng.IntN(9)
	dq := false
	for k, p := range ps {
		if !p.word {
			// Digit groups ("92,000") keep their separator.
			if k > 0 && k+1 < len(ps) && len(p.text) == 1 && endsDigit(ps[k-1].text) && startsDigit(ps[k+1].text) {
				b.WriteString(p.text)
				continue
			}
			b.WriteString(repunctuate(rng, p.text, &dq))
			continue
		}
		w := p.text
		if wi == next && wi >= keep && wi < nw-keep {
			next = wi + 10 + rng.IntN(9)
			switch rng.IntN(3) {
			case 0: // drop
				w = ""
			case 1: // insert
				b.WriteString(disguiseWord(rng, fillers[rng.IntN(len(fillers))]) + " ")
			default: // change
				w = fillers[rng.IntN(len(fillers))]
			}
		}
		b.WriteString(disguiseWord(rng, w))
		wi++
	}
	return b.String()
}

func startsDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }
func endsDigit(s string) bool   { return s != "" && '0' <= s[len(s)-1] && s[len(s)-1] <= '9' }

// disguiseWord changes the case of some words and swaps look-alikes in.
func disguiseWord(rng *rand.Rand, w string) string {
	if w == "" {
		return ""
	}
	switch rng.IntN(12) {
	case 0:
		w = strings.ToUpper(w)
	case 1:
		w = strings.ToLower(w)
	case 2:
		r, size := utf8.DecodeRuneInString(w)
		w = string(unicode.ToUpper(r)) + w[size:]
	}
	var b strings.Builder
	for _, r := range w {
		if alts, ok := lookalikes[r]; ok && rng.IntN(4) == 0 {
			r = alts[rng.IntN(len(alts))]
		}
		b.WriteRune(r)
	}
	return b.String()
}

// repunctuate changes the quotes and punctuation of a gap between words.
func repunctuate(rng *rand.Rand, g string, dq *bool) string {
	var b strings.Builder
	for _, r := range g {
		switch r {
		case '"', '“', '”':
			*dq = !*dq
			switch {
			case r != '"':
				b.WriteRune('"')
			case *dq:
				b.WriteRune('“')
			default:
				b.WriteRune('”')
			}
			continue
		case '\'':
			b.WriteRune('’')
			continue
		case '’':
			b.WriteRune('\'')
			continue
		case ',':
			switch rng.IntN(4) {
			case 0:
				b.WriteString(" -")
			case 1:
				b.WriteString(";")
			case 2: // dropped
			default:
				b.WriteRune(r)
			}
			continue
		case '\n':
			if rng.IntN(2) == 0 {
				b.WriteRune(' ')
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// plant is a disguised copy: the words at [SrcStart,SrcEnd) of document Src
// were copied, disguised, into document Dst at [DstStart,DstEnd).
type plant struct {
	Src, Dst         int
	SrcStart, SrcEnd int
	DstStart, DstEnd int
	Words            int
}

// wordBounds lists the byte spans of the words of s.
func wordBounds(s string) [][2]int {
	var out [][2]int
	pos := 0
	for _, p := range splitPieces(s) {
		if p.word {
			out = append(out, [2]int{pos, pos + len(p.text)})
		}
		pos += len(p.text)
	}
	return out
}

// plantCopies appends n documents to docs, each holding a disguised copy of
// 60 to 250 words of a different document of docs whose index is in sources
// (fewer when sources run out), embedded
// between stretches of filler texts (documents not in docs). Sources and
// fillers should share no passage with any document, so that the planted
// copies are the only passages they take part in. It returns the documents
// and where the copies are.
func plantCopies(rng *rand.Rand, docs []*document.Document, sources []int, filler []*document.Document, n int) ([]*document.Document, []plant) {
	var plants []plant
	sources = slices.Clone(sources)
	rng.Shuffle(len(sources), func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
	for len(plants) < n && len(sources) > 0 {
		src := sources[0]
		sources = sources[1:]
		wb := wordBounds(docs[src].Text)
		if len(wb) < 120 {
			continue
		}
		length := 60 + rng.IntN(191)
		length = min(length, len(wb)-10)
		first := rng.IntN(len(wb) - length)
		ss, se := wb[first][0], wb[first+length-1][1]
		copied := disguise(rng, docs[src].Text[ss:se], 5)
		pre := excerpt(filler[rng.IntN(len(filler))].Text, 40+rng.IntN(80))
		post := excerpt(filler[rng.IntN(len(filler))].Text, 40+rng.IntN(80))
		text := pre + "\n\n" + copied + " " + post
		ds := len(pre) + 2
		d := &document.Document{
			Path:   fmt.Sprintf("planted/%04d.txt", len(plants)),
			Format: document.FormatText,
			Text:   text,
		}
		plants = append(plants, plant{
			Src: src, Dst: len(docs), SrcStart: ss, SrcEnd: se,
			DstStart: ds, DstEnd: ds + len(copied), Words: length,
		})
		docs = append(docs, d)
	}
	return docs, plants
}

// cleanDocs returns the indexes of docs that share no passage (with the
// default options) with any other document of docs.
func cleanDocs(tb testing.TB, docs []*document.Document) []int {
	tb.Helper()
	ps, err := Find(context.Background(), docs, nil, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	dirty := map[string]bool{}
	for _, p := range ps {
		for _, s := range p.Spans {
			dirty[s.Path] = true
		}
	}
	var out []int
	for i, d := range docs {
		if !dirty[d.Path] {
			out = append(out, i)
		}
	}
	return out
}

// excerpt returns the first n words of s, cut after a word.
func excerpt(s string, n int) string {
	wb := wordBounds(s)
	if len(wb) == 0 {
		return ""
	}
	return s[:wb[min(n, len(wb))-1][1]]
}

// plantResult is how well a planted copy was found.
type plantResult struct {
	found      bool
	srcDelta   int // largest distance in bytes between a found and a planted boundary
	dstDelta   int
	passageIdx int
	src, dst   Span
}

// checkPlants looks for each planted copy among ps: a passage with a span in
// the source and one in the copy that overlap the planted spans.
func checkPlants(docs []*document.Document, ps []Passage, plants []plant) []plantResult {
	byPath := map[string][]int{}
	for i, p := range ps {
		for _, s := range p.Spans {
			byPath[s.Path] = append(byPath[s.Path], i)
		}
	}
	out := make([]plantResult, len(plants))
	for k, pl := range plants {
		srcPath, dstPath := docs[pl.Src].Path, docs[pl.Dst].Path
		best := plantResult{srcDelta: 1 << 30, dstDelta: 1 << 30}
		for _, i := range byPath[dstPath] {
			var src, dst *Span
			for s := range ps[i].Spans {
				sp := &ps[i].Spans[s]
				if sp.Path == srcPath && sp.Start < pl.SrcEnd && sp.End > pl.SrcStart {
					src = sp
				}
				if sp.Path == dstPath && sp.Start < pl.DstEnd && sp.End > pl.DstStart {
					dst = sp
				}
			}
			if src == nil || dst == nil {
				continue
			}
			r := plantResult{
				found:      true,
				srcDelta:   max(abs(src.Start-pl.SrcStart), abs(src.End-pl.SrcEnd)),
				dstDelta:   max(abs(dst.Start-pl.DstStart), abs(dst.End-pl.DstEnd)),
				passageIdx: i,
				src:        *src,
				dst:        *dst,
			}
			if r.srcDelta+r.dstDelta < best.srcDelta+best.dstDelta {
				best = r
			}
		}
		out[k] = best
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
