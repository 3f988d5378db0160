package project

import (
	"context"
	"hash/maphash"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/boilerplate"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// This file marks an outlet's page furniture that no line rule knows: a
// paragraph that many documents of the same outlet repeat word for word (a
// sign-up box, a columnist's bio, a standing editor's note) is boilerplate
// of that outlet. It needs the whole document set, so it runs after
// extraction, on every Open and Reload, and is never cached per file.

// RepeatedRule is the boilerplate rule of a paragraph repeated verbatim
// across documents of one outlet.
const RepeatedRule = "repeated-in-outlet"

const (
	// minRepeatDocs is the fewest documents of one outlet that must carry
	// a paragraph for it to be that outlet's furniture.
	minRepeatDocs = 5
	// minRepeatWords: shorter lines (bylines, datelines, labels) are left
	// to the line rules.
	minRepeatWords = 4
	// minRepeatDates: when the documents sharing a paragraph are dated,
	// they must span this many different days; updates of one developing
	// story share their paragraphs within a day or two.
	minRepeatDates = 3
	// maxRepeatShare: a document whose body would lose more than this
	// share to repeated paragraphs is a copy of its siblings, not a page
	// with furniture, and keeps its text.
	maxRepeatShare = 0.5
)

// repeatMark remembers, for one document, its boilerplate before the pass
// and what the pass added, so the pass can run again from scratch.
type repeatMark struct {
	doc   *document.Document
	base  []document.Span
	marks []boilerplate.Match
}

// RepeatedInOutlet returns the spans of the document at rel that were
// marked as boilerplate because many documents of its outlet repeat them
// (rule RepeatedRule), sorted by start.
func (p *Project) RepeatedInOutlet(rel string) []boilerplate.Match {
	if m, ok := p.repeated[rel]; ok {
		return m.marks
	}
	return nil
}

// paraKey identifies a paragraph's text within one outlet: the hash of
// its bytes mixed with the outlet's number.
type paraKey uint64

func keyOf(seed maphash.Seed, line string, outlet int) paraKey {
	return paraKey(maphash.String(seed, line) ^ (uint64(outlet)+1)*0x9e3779b97f4a7c15)
}

// paraSeen counts the documents that carry one paragraph.
type paraSeen struct {
	docs  int
	dated int      // how many of them have a date
	last  int      // index of the last document counted
	dates []string // distinct days of those documents, up to minRepeatDates
}

// paragraph is one candidate paragraph of a document.
type paragraph struct {
	span document.Span
	key  paraKey
	seen int32 // index of its count
}

// markRepeatedInOutlet (re)computes the repeated-in-outlet boilerplate of
// every document. Deterministic for a given document set and metadata.
// When ctx ends it returns ctx's error, the project half marked: Open and
// Reload then drop it.
func (p *Project) markRepeatedInOutlet(ctx context.Context) error {
	prev := p.repeated
	p.repeated = make(map[string]repeatMark, len(p.docs))
	outletOf := make([]int, len(p.docs)) // -1: no outlet, or too few documents
	outlets := map[string]int{}
	var sizes []int
	for i, d := range p.docs {
		base := d.Boilerplate
		if m, ok := prev[d.Path]; ok && m.doc == d {
			base = m.base
			d.Boilerplate = base
		}
		p.repeated[d.Path] = repeatMark{doc: d, base: base}
		outletOf[i] = -1
		if name := strings.ToLower(strings.TrimSpace(d.Meta.Outlet.Value)); name != "" {
			o, ok := outlets[name]
			if !ok {
				o = len(sizes)
				outlets[name] = o
				sizes = append(sizes, 0)
			}
			outletOf[i] = o
			sizes[o]++
		}
	}
	for i, o := range outletOf {
		if o >= 0 && sizes[o] < minRepeatDocs {
			outletOf[i] = -1
		}
	}
	// Split and hash in parallel; count in document order.
	seed := maphash.MakeSeed() // hashes only compare within this pass
	paraList := make([][]paragraph, len(p.docs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(p.docs)/64))
	// job w splits every workers-th document from w
	err := workpool.Run(ctx, workers, workers, func() func(int) {
		return func(w int) {
			for i := w; i < len(p.docs) && ctx.Err() == nil; i += workers {
				if outletOf[i] >= 0 {
					paraList[i] = paragraphs(seed, p.docs[i].Text, outletOf[i])
				}
			}
		}
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	seen := make(map[paraKey]int32, 16*len(p.docs))
	var counts []paraSeen
	for i, d := range p.docs {
		date := d.Meta.Date.Value
		if len(date) > 10 {
			date = date[:10]
		}
		for j := range paraList[i] {
			pa := &paraList[i][j]
			k, ok := seen[pa.key]
			if !ok {
				k = int32(len(counts))
				seen[pa.key] = k
				counts = append(counts, paraSeen{last: -1})
			}
			pa.seen = k
			s := &counts[k]
			if s.last == i {
				continue // repeated within one document: counts once
			}
			s.last = i
			s.docs++
			if date != "" {
				s.dated++
				if len(s.dates) < minRepeatDates && !slices.Contains(s.dates, date) {
					s.dates = append(s.dates, date)
				}
			}
		}
	}
	for i, d := range p.docs {
		var marks []boilerplate.Match
		added := 0
		for _, pa := range paraList[i] {
			s := &counts[pa.seen]
			if s.docs < minRepeatDocs || 2*s.dated >= s.docs && len(s.dates) < minRepeatDates {
				continue
			}
			marks = append(marks, boilerplate.Match{Span: pa.span, Rule: RepeatedRule})
			added += pa.span.Len() - overlap(d.Boilerplate, pa.span)
		}
		body := len(d.Text) - d.BoilerplateChars()
		if len(marks) == 0 || float64(added) > maxRepeatShare*float64(body) {
			continue
		}
		m := p.repeated[d.Path]
		m.marks = marks
		p.repeated[d.Path] = m
		spans := append([]document.Span(nil), d.Boilerplate...)
		for _, x := range marks {
			spans = append(spans, x.Span)
		}
		d.Boilerplate = mergeSorted(spans)
	}
	return nil
}

// paragraphs returns the lines of text worth counting: every line but the
// first non-empty one (the headline), with minRepeatWords words or more
// (counted by their spaces), keyed by a hash of their words.
func paragraphs(seed maphash.Seed, text string, outlet int) []paragraph {
	var out []paragraph
	titleSeen := false
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += pos
			next = end + 1
		}
		start, stop := trimSpan(text, pos, end)
		pos = next
		if start == stop {
			continue
		}
		if !titleSeen {
			titleSeen = true
			continue
		}
		line := text[start:stop]
		if !hasSpaces(line, minRepeatWords-1) {
			continue
		}
		out = append(out, paragraph{span: document.Span{Start: start, End: stop}, key: keyOf(seed, line, outlet)})
	}
	return out
}

// hasSpaces reports whether s holds at least n spaces (n+1 words or more).
func hasSpaces(s string, n int) bool {
	for i := 0; i < len(s) && n > 0; i++ {
		if s[i] == ' ' {
			n--
		}
	}
	return n <= 0
}

// trimSpan narrows [start,end) of text to its content without the white
// space around it.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// overlap is the number of bytes of s inside the sorted spans.
func overlap(spans []document.Span, s document.Span) int {
	n := 0
	for _, b := range spans {
		if b.End <= s.Start {
			continue
		}
		if b.Start >= s.End {
			break
		}
		n += min(b.End, s.End) - max(b.Start, s.Start)
	}
	return n
}

// mergeSorted sorts spans and merges the ones that overlap or touch.
func mergeSorted(spans []document.Span) []document.Span {
	sort.Slice(spans, func(a, b int) bool { return spans[a].Start < spans[b].Start })
	var out []document.Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
