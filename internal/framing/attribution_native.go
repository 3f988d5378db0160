package framing

import (
	"strings"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// The attribution rules of languages other than English come from their
// profile (resources/lang/<code>/attribution.txt and quotes.txt) rather than
// from English-shaped code. attribution.txt lists one word or phrase a line,
// with an optional kind after a tab:
//
//	заявил              a verb of speech (the default kind)
//	по словам<TAB>according   introduces its source: "по словам X"
//	он<TAB>pronoun      a pronoun speaker, resolved to an earlier speaker
//	по его словам<TAB>self  holds its own pronoun speaker ("a-t-il ajouté")
//	le<TAB>article      may open a speaker phrase ("le ministre")
//	что<TAB>that        begins reported speech: ends a speaker phrase
//	журналистам<TAB>stop  ends a speaker phrase ("told journalists")
//	телеканал<TAB>medium  a kind of outlet, whose name may follow in
//	                    quotation marks ("телеканал «Звезда»"); the
//	                    profile's outlet cues count too
//	subject-first<TAB>rule  the subject opens its clause (Persian: SOV), so
//	                    the speaker before a verb is read from the clause's
//	                    start rather than back from the verb
//
// A verb that opens its clause (Arabic "وقال X", Russian "», — заявил X")
// takes the speaker after it; otherwise the speaker comes before it. A verb
// with no speaker that opens its clause ("وأضاف أن …": "he added that")
// speaks for the previous speaker.

// nativeRules are a language's compiled attribution rules.
type nativeRules struct {
	verbs    map[string][]nativeVerb // by folded first word
	pronouns map[string]bool
	articles map[string]bool // may open a speaker phrase: "le ministre"
	that     map[string]bool
	stop     map[string]bool // words that end a speaker phrase
	// media are the head words that a quoted name may follow ("قناة
	// «الميادين»"): the profile's outlet cues and attribution.txt's
	// "medium" words.
	media    map[string]bool
	quotes   map[rune]quoteSide
	prefixes []string // clitics a verb may carry ("وقال")
	// cased scripts continue a name through a small word before a capital
	// ("ministre des Affaires étrangères").
	cased        bool
	subjectFirst bool
}

type nativeVerb struct {
	words     []string
	according bool
	// self marks a phrase that holds its own pronoun speaker ("a-t-il
	// ajouté", "по его словам"): it speaks for the previous speaker.
	self bool
}

type quoteSide uint8

const (
	quoteOpen quoteSide = 1 << iota
	quoteClose
)

// maxSpeakerWords bounds a speaker phrase.
const maxSpeakerWords = 8

// compileNative reads a profile's attribution rules; nil when it has no
// verbs.
func compileNative(p *lang.Profile) *nativeRules {
	if p == nil || len(p.AttributionVerbs) == 0 {
		return nil
	}
	r := &nativeRules{verbs: map[string][]nativeVerb{}, pronouns: map[string]bool{}, articles: map[string]bool{}, that: map[string]bool{},
		stop: map[string]bool{}, media: map[string]bool{}, quotes: map[rune]quoteSide{},
		cased: p.Script == lang.ScriptLatin || p.Script == lang.ScriptCyrillic}
	for w := range p.Stopwords {
		r.stop[textnorm.String(w)] = true
	}
	for _, w := range p.Weekdays {
		r.stop[textnorm.String(w)] = true
	}
	for _, cue := range p.OutletCues {
		if f := strings.Fields(textnorm.String(cue)); len(f) > 0 {
			r.media[f[0]] = true
		}
	}
	for _, line := range p.AttributionVerbs {
		text, kind, _ := strings.Cut(line, "\t")
		words := strings.Fields(textnorm.String(strings.TrimSpace(text)))
		if len(words) == 0 {
			continue
		}
		switch strings.TrimSpace(kind) {
		case "pronoun":
			r.pronouns[words[0]] = true
		case "that":
			r.that[words[0]] = true
		case "article":
			r.articles[words[0]] = true
		case "stop":
			r.stop[words[0]] = true
		case "medium":
			r.media[words[0]] = true
		case "rule":
			if words[0] == "subject-first" {
				r.subjectFirst = true
			}
		default:
			v := nativeVerb{words: words, according: strings.TrimSpace(kind) == "according", self: strings.TrimSpace(kind) == "self"}
			r.verbs[words[0]] = append(r.verbs[words[0]], v)
			if len(words) > 1 && p.Script == lang.ScriptArabic {
				// Persian compound verbs are often written as one word
				// ("اعلامکرد") when the zero-width non-joiner is lost.
				joined := strings.Join(words, "")
				r.verbs[joined] = append(r.verbs[joined], nativeVerb{words: []string{joined}, according: v.according, self: v.self})
			}
		}
	}
	for _, pr := range p.Prefixes {
		if f := textnorm.String(strings.TrimSpace(pr)); f != "" && utf8.RuneCountInString(f) == 1 {
			r.prefixes = append(r.prefixes, f) // conjunctions only: "و", "ف"
		}
	}
	for _, q := range p.QuoteMarks {
		o, _ := utf8.DecodeRuneInString(q[0])
		c, _ := utf8.DecodeRuneInString(q[1])
		r.quotes[o] |= quoteOpen
		r.quotes[c] |= quoteClose
	}
	return r
}

// verbAt returns the verb starting at token k and how many tokens it spans.
func (c *docCtx) verbAt(r *nativeRules, k int) (nativeVerb, int) {
	w := c.toks[k].text
	best, bestN := nativeVerb{}, 0
	try := func(first string) {
		for _, v := range r.verbs[first] {
			n := len(v.words)
			if n <= bestN || k+n > len(c.toks) {
				continue
			}
			ok := true
			for i := 1; i < n; i++ {
				if !c.isWord(k+i) || c.toks[k+i].text != v.words[i] {
					ok = false
					break
				}
			}
			if ok {
				best, bestN = v, n
			}
		}
	}
	try(w)
	for _, p := range r.prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			try(rest)
		}
	}
	return best, bestN
}

// nativeQuoteRole tells opening from closing quotation marks by the mark
// as written (« is opening, » closing) and, for marks that are both (the
// straight quote, and “ which opens in English and closes in Russian), by
// the spaces around them.
func (c *docCtx) nativeQuoteRole(r *nativeRules, k int) (opening, closing bool) {
	if k < 0 || k >= len(c.toks) || c.toks[k].kind != tokPunct {
		return false, false
	}
	os, _ := c.orig(c.toks[k].start, c.toks[k].end)
	ch, _ := utf8.DecodeRuneInString(c.doc.Text[os:])
	side := r.quotes[ch]
	if side == 0 && c.toks[k].text != "\"" {
		return false, false
	}
	switch side {
	case quoteOpen:
		return true, false
	case quoteClose:
		return false, true
	}
	s := c.f.Text
	st, en := c.toks[k].start, c.toks[k].end
	before := st == 0 || strings.ContainsRune(" \n\t(", rune(s[st-1]))
	after := en >= len(s) || strings.ContainsRune(" \n\r\t", rune(s[en]))
	if before && !after {
		return true, false
	}
	return false, true
}

// isBoundary reports whether token k ends a clause: a line break or a
// punctuation mark other than an apostrophe.
func (c *docCtx) isBoundary(k int) bool {
	if k < 0 || k >= len(c.toks) {
		return true
	}
	t := c.toks[k]
	return t.kind == tokBreak || t.kind == tokPunct && t.text != "'"
}

// clauseStart returns the first token of the clause holding token k.
func (c *docCtx) clauseStart(k int) int {
	j := k - 1
	for j >= 0 && k-j <= 40 && !c.isBoundary(j) {
		j--
	}
	return j + 1
}

// smallWord reports whether word token k ends a speaker phrase: a stop or
// function word, unless a cased language continues a name through it
// ("ministre des Affaires").
func (c *docCtx) smallWord(r *nativeRules, k int) bool {
	w := c.toks[k].text
	if r.that[w] || r.pronouns[w] {
		return true
	}
	if !r.stop[w] {
		return false
	}
	return !(r.cased && !c.toks[k].capital && c.isWord(k+1) && c.toks[k+1].capital && !r.stop[c.toks[k+1].text])
}

// nativeSpeakerAfter reads a speaker phrase starting at token j, past one
// leading article ("le ministre"), and returns its tokens.
func (c *docCtx) nativeSpeakerAfter(r *nativeRules, j int) (int, int, bool) {
	if c.isWord(j) && r.articles[c.toks[j].text] && c.isWord(j+1) {
		j++
	}
	k := j
	for k < len(c.toks) && k-j < maxSpeakerWords && c.isWord(k) && !c.smallWord(r, k) {
		if v, n := c.verbAt(r, k); n > 0 && !v.according {
			break
		}
		k++
	}
	if k > j && c.isMedium(r, k-1) {
		k = c.quotedNameAfter(r, k)
	}
	return j, k, k > j
}

// maxQuotedName bounds a name in quotation marks after a speaker's head
// word: "قناة «الميادين»", "телеканал «Аль-Арабия»".
const maxQuotedName = 5

// isMedium reports whether word token k names a kind of outlet, with or
// without a one-letter conjunction or preposition before it.
func (c *docCtx) isMedium(r *nativeRules, k int) bool {
	w := c.toks[k].text
	if r.media[w] {
		return true
	}
	for _, p := range r.prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && r.media[rest] {
			return true
		}
	}
	return false
}

// quotedNameAfter returns the end of a short quoted name opening at token
// k, or k when there is none.
func (c *docCtx) quotedNameAfter(r *nativeRules, k int) int {
	if op, _ := c.nativeQuoteRole(r, k); !op {
		return k
	}
	for i := k + 1; i < len(c.toks) && i-k <= maxQuotedName+1; i++ {
		if _, cl := c.nativeQuoteRole(r, i); cl {
			if i > k+1 {
				return i + 1
			}
			return k
		}
		if !c.isWord(i) {
			return k
		}
	}
	return k
}

// nativeSpeakerBefore reads the speaker phrase of a verb at token v whose
// clause starts at token cs: back from the verb, or from the clause's start
// in a subject-first language.
func (c *docCtx) nativeSpeakerBefore(r *nativeRules, cs, v int) (int, int, bool) {
	if r.subjectFirst {
		a := cs
		for a < v && c.isWord(a) && r.stop[c.toks[a].text] && !r.pronouns[c.toks[a].text] {
			a++
		}
		b := a
		for b < v && b-a < maxSpeakerWords && !c.smallWord(r, b) {
			b++
		}
		return a, b, b > a
	}
	b := v
	a := b
	for a > cs && b-a < maxSpeakerWords && c.isWord(a-1) && !c.smallWord(r, a-1) {
		a--
	}
	// a small word inside a cased name: "ministre des Affaires"
	for a > cs && c.isWord(a-1) && c.isWord(a-2) && r.stop[c.toks[a-1].text] && !c.smallWord(r, a-1) &&
		!c.smallWord(r, a-2) && b-a < maxSpeakerWords {
		a -= 2
		for a > cs && b-a < maxSpeakerWords && c.isWord(a-1) && !c.smallWord(r, a-1) {
			a--
		}
	}
	return a, b, b > a
}

// closingQuoteAt finds a quotation that ends just before token k (past a
// comma and a dash) and returns its inner tokens.
func (c *docCtx) nativeQuoteBefore(r *nativeRules, k int) (int, int, bool) {
	j := k - 1
	for j >= 0 && k-j <= 3 && c.toks[j].kind == tokPunct && (c.toks[j].text == "," || c.toks[j].text == "-") {
		j--
	}
	sep := j < k-1
	if _, cl := c.nativeQuoteRole(r, j); !cl {
		return 0, 0, false
	}
	for i := j - 1; i >= 0 && j-i < maxQuoteTokens; i-- {
		op, cl := c.nativeQuoteRole(r, i)
		if op {
			// A quotation that ends its own sentence ("….»") with nothing
			// after it but the next sentence is not this verb's.
			if !sep && c.toks[j-1].isSentenceEnd() {
				return 0, 0, false
			}
			return i + 1, j, i+1 < j
		}
		if cl {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// quoteEndsBefore reports whether a quotation closes just before token k
// ("«…», a-t-il ajouté").
func (c *docCtx) quoteEndsBefore(r *nativeRules, k int) bool {
	_, _, ok := c.nativeQuoteBefore(r, k)
	return ok
}

// nativeQuoteAfter finds a quotation that opens at token k, past a colon,
// comma, dash or line break, and returns its inner tokens.
func (c *docCtx) nativeQuoteAfter(r *nativeRules, k int) (int, int, bool) {
	for j := k; j < len(c.toks) && j <= k+3; j++ {
		if op, _ := c.nativeQuoteRole(r, j); op {
			for i := j + 1; i < len(c.toks) && i-j < maxQuoteTokens; i++ {
				op2, cl := c.nativeQuoteRole(r, i)
				if cl {
					return j + 1, i, j+1 < i
				}
				if op2 {
					return 0, 0, false
				}
			}
			return 0, 0, false
		}
		t := c.toks[j]
		if !(t.kind == tokBreak || t.kind == tokPunct && (t.text == ":" || t.text == "," || t.text == "-")) {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// nativeAttributions finds who is quoted or cited with a profile's rules.
func (c *docCtx) nativeAttributions(r *nativeRules, ms []mentionRef, entities []EntityInput) []Attribution {
	out := []Attribution{}
	if c.err != nil || r == nil {
		return out
	}
	cands := c.personCandidates(ms, entities)
	var said []nameCandidate
	for k := 0; k < len(c.toks); k++ {
		if c.stopped() {
			return nil
		}
		if !c.isWord(k) {
			continue
		}
		v, n := c.verbAt(r, k)
		if n == 0 || c.doc.InBoilerplate(c.spanStart(k)) {
			continue
		}
		a := Attribution{Verb: c.text(k, k+n)}
		vEnd := k + n
		var from, to int
		ok, pronoun, implicit := false, false, false
		cs := c.clauseStart(k)
		opens := true // only function words between the clause's start and the verb
		for i := cs; i < k; i++ {
			if !r.stop[c.toks[i].text] || r.pronouns[c.toks[i].text] {
				opens = false
			}
		}
		switch {
		case v.self:
			from, to, ok, implicit = k, vEnd, true, true
		case v.according && c.isWord(vEnd) && r.pronouns[c.toks[vEnd].text]:
			from, to, ok, pronoun = vEnd, vEnd+1, true, true // "selon lui"
		case v.according:
			from, to, ok = c.nativeSpeakerAfter(r, vEnd)
		case c.isWord(k-1) && r.pronouns[c.toks[k-1].text]:
			from, to, ok, pronoun = k-1, k, true, true
		case c.isWord(vEnd) && r.pronouns[c.toks[vEnd].text]:
			from, to, ok, pronoun = vEnd, vEnd+1, true, true
		case opens:
			from, to, ok = c.nativeSpeakerAfter(r, vEnd)
			if !ok && (c.isWord(vEnd) && r.that[c.toks[vEnd].text] || c.isPunct(vEnd, ":") || c.quoteEndsBefore(r, cs)) {
				from, to, ok, implicit = k, vEnd, true, true
			}
		default:
			from, to, ok = c.nativeSpeakerBefore(r, cs, k)
		}
		if !ok || !implicit && !pronoun && (!c.hasNativeContent(r, from, to) || startsWithDigit(c.toks[from].text)) {
			continue
		}
		a.SpeakerStart, a.SpeakerEnd = c.spanOf(from, to)
		a.Speaker = clean(c.doc.Text[a.SpeakerStart:a.SpeakerEnd])
		vs, ve := c.spanOf(k, vEnd)
		a.Start, a.End = min(a.SpeakerStart, vs), max(a.SpeakerEnd, ve)
		pos := c.toks[from].start
		if pronoun || implicit {
			a.Resolved = c.resolve(pos, cands, said)
			if implicit {
				if a.Resolved == "" {
					continue // "he added", and nobody spoke before
				}
				a.Speaker = a.Resolved
			}
		} else {
			said = insertSpeaker(said, nameCandidate{pos: pos, name: a.Speaker})
		}
		qa, qb, q := c.nativeQuoteBefore(r, min(cs, from))
		if !q {
			after := max(vEnd, to)
			if c.isWord(after) && r.that[c.toks[after].text] {
				after++ // "وأضاف أن «…»"
			}
			qa, qb, q = c.nativeQuoteAfter(r, after)
		}
		if q {
			a.Direct = true
			a.QuoteStart, a.QuoteEnd = c.spanOf(qa, qb)
			a.Quote = clean(c.doc.Text[a.QuoteStart:a.QuoteEnd])
		}
		out = append(out, a)
		if to > vEnd {
			k = to - 1
		} else {
			k = vEnd - 1
		}
	}
	return out
}

// hasNativeContent reports whether tokens [a,b) hold a word that is not a
// function word.
func (c *docCtx) hasNativeContent(r *nativeRules, a, b int) bool {
	for k := a; k < b; k++ {
		if c.isWord(k) && !r.stop[c.toks[k].text] {
			return true
		}
	}
	return false
}

// startsWithDigit reports whether a word is a number or a date ("17"),
// which no speaker phrase starts with.
func startsWithDigit(w string) bool { return w != "" && '0' <= w[0] && w[0] <= '9' }
