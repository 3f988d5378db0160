package entity

import (
	"strings"
	"unicode"
)

// headlineWords are English function words: written with a capital inside
// a run of capitalised words they show a headline in title case ("Goes On
// Rant About …", "… Makes Plea To Rethink …"), not a name.
var headlineWords = map[string]bool{
	"to": true, "on": true, "about": true, "with": true, "in": true, "at": true, "by": true, "from": true,
	"up": true, "over": true, "after": true, "into": true, "as": true, "is": true, "are": true, "was": true,
	"be": true, "has": true, "have": true, "not": true, "but": true, "or": true, "a": true, "an": true,
	"its": true, "his": true, "her": true, "their": true, "says": true, "said": true, "will": true, "can": true,
	"why": true, "how": true, "what": true, "who": true, "this": true, "that": true, "than": true, "off": true,
}

// evidencePass drops the candidates nothing but capital letters speaks
// for and that a name would not look like: a single word the document
// also writes in lower case, or writes capitalised only once or only where
// any word is (a sentence's or a line's start); a piece of a word (a
// letter pair cut from "Ph.D.", a handle after "@", a code mixing letters
// and digits, the end of "Mar-a-Lago"); a headline in title case. Names
// with any other evidence (gazetteer, title, head word, given name, a
// speech verb, a definition) are kept.
func (e *extraction) evidencePass() {
	for n := range e.drafts {
		if e.stopped() {
			return
		}
		d := &e.drafts[n]
		if d.dropped || d.m.IsAcronym || d.m.Gazetteer != "" || d.m.Acronym != "" {
			continue
		}
		weak := d.m.Evidence == "capitalised"
		switch {
		case e.fragment(d.first, d.last) || e.runTogether(d.first, d.last):
			e.drop(d)
		case weak && d.first == d.last && (!e.repeatedName(d.first) || e.g.common[e.toks[d.first].key]):
			e.hold(d)
			e.drop(d)
		case weak && d.last == d.first+1 && e.g.common[e.toks[d.first].key] && e.g.common[e.toks[d.last].key]:
			e.drop(d) // "Border Security", "Civil Rights"
		case evidenceStrength(d.m.Evidence) <= 3 && e.headlineCase(d.first, d.last):
			e.drop(d)
		default:
			if d.first == d.last {
				e.usedAsName(d.first)
			}
			e.splitNames(n)
		}
	}
}

// runTogether reports whether the name i..j is names run together by a
// page that lost its line breaks or markup ("Harry Reid Harry Mason
// ReidThe Memo", "Bernie Sanders Bernie Sanders2020"): a word repeated, a
// word ending in digits, or a word glued to the next one's capital.
func (e *extraction) runTogether(i, j int) bool {
	if j == i {
		return false
	}
	seen := map[string]bool{}
	for k := i; k <= j; k++ {
		t := e.toks[k]
		if seen[t.key] && t.cap {
			return true
		}
		seen[t.key] = true
		w := e.doc.Text[t.start:t.end]
		if oddCase(w) || j-i >= 2 && gluedCapital(w) {
			return true
		}
	}
	return false
}

// gluedCapital reports whether a capital follows three lower-case letters
// inside a word: "ReidThe", not "McDonald", "MacKenzie" or "DeSantis".
func gluedCapital(w string) bool {
	lower := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower++
		case unicode.IsUpper(r):
			if lower >= 3 {
				return true
			}
			lower = 0
		default:
			lower = 0
		}
	}
	return false
}

// splitNames cuts a run of two people's names ("Kamala Harris Cory
// Booker", from a caption that lost its commas) where a given name opens
// a second name after a full first one.
func (e *extraction) splitNames(n int) {
	d := e.drafts[n]
	if d.last-d.first < 3 || !strings.HasPrefix(d.m.Evidence, "given-name:") {
		return
	}
	for p := d.first + 2; p < d.last; p++ {
		prev := e.toks[p-1]
		if !e.g.given[e.toks[p].key] || e.g.given[prev.key] || len(prev.key) < 2 || !e.toks[p+1].cap {
			continue
		}
		keys := make([]string, 0, p-d.first)
		for k := d.first; k < p; k++ {
			keys = append(keys, e.toks[k].key)
		}
		m := &e.drafts[n].m
		m.Span.End = prev.end
		m.Text = e.doc.Text[m.Span.Start:prev.end]
		m.Key = strings.Join(keys, " ")
		e.drafts[n].last = p - 1
		for k := p; k <= d.last; k++ {
			e.toks[k].used = 0
		}
		e.add(p, d.last, Person, "given-name:"+e.text(p, p), d.state)
		return
	}
}

func (e *extraction) drop(d *draft) {
	d.dropped = true
	for k := d.first; k <= d.last; k++ {
		if e.toks[k].used > 0 {
			e.toks[k].used = 0
		}
	}
}

// repeatedName reports whether the capitalised word at i is used as a name
// is: never in lower case in the document, and capitalised at least once
// away from a sentence's or a line's start or a heading, where any word
// is ("Campaign", "Court" opening a line).
func (e *extraction) repeatedName(i int) bool {
	t := e.toks[i]
	if e.lower[t.key] {
		return false // "Budget", "Court": a common word
	}
	if !t.sentStart && !e.heading[t.line] {
		return true
	}
	p, ok := e.alone[t.key]
	if !ok || !p.except(i) {
		return false // once only, where any word is capitalised
	}
	for _, q := range p {
		if q >= 0 && q != i && !e.toks[q].sentStart && !e.heading[e.toks[q].line] {
			return true
		}
	}
	return false
}

// fragment reports whether the name i..j is a piece of a word or code:
// two letters before a dot ("Ph" of "Ph.D."), a handle or address part
// ("@Billbrowder", "/IgFUBDeyK8"), a mix of letters and digits or of
// inner capitals ("IgFUBDeyK8", "DavidAFrench"), or the tail of a
// hyphenated word whose lower-case middle is no article ("Mar-a-Lago").
func (e *extraction) fragment(i, j int) bool {
	t := e.toks[i]
	text := e.doc.Text
	if t.start > 0 {
		switch text[t.start-1] {
		case '@', '/', '#', '_':
			return true
		}
	}
	if i == j && !t.allCaps && len(t.key) <= 2 && t.end < len(text) && text[t.end] == '.' {
		return true
	}
	if i == j && oddCase(text[t.start:t.end]) {
		return true
	}
	if t.sep == sepHyphen && i >= 2 {
		mid := e.toks[i-1]
		if !mid.cap && !articles[mid.key] && !particles[mid.key] && mid.sep == sepHyphen && e.toks[i-2].cap {
			return true
		}
	}
	return false
}

// oddCase reports whether a word mixes lower-case letters with digits: a
// code ("IgFUBDeyK8", "Sanders2020"), not a name ("F-16" and "G7" are
// capitals).
func oddCase(w string) bool {
	lower, digit := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digit++
		case unicode.IsLower(r):
			lower++
		}
	}
	return lower > 0 && digit > 0
}

// headlineCase reports whether the run i..j of three words or more holds a
// capitalised function word after its first word: a headline in title case.
func (e *extraction) headlineCase(i, j int) bool {
	if j-i < 2 {
		return false
	}
	for k := i + 1; k <= j; k++ {
		if t := e.toks[k]; t.cap && headlineWords[t.key] {
			return true
		}
	}
	return false
}
