package framing

import (
	"sort"
	"strings"
)

// invertedVerbs may stand before their speaker ("…, said Philip Smyth").
var invertedVerbs = set(`said says added adds wrote writes noted notes explained asked
	argued argues insisted insists stated warned warns continued claimed`)

// innerPrepositions may stand inside a speaker phrase ("a fighter at one
// outpost", "sources affiliated to the PMU").
var innerPrepositions = set(`of at for to from in with on near by within`)

// audiences are lower-case objects of "told".
var audiences = set(`reporters journalists media press correspondents parliament lawmakers
	supporters followers crowd crowds audience`)

// quoteRole tells opening from closing double quotes by the spaces around
// them.
func (c *docCtx) quoteRole(k int) (opening, closing bool) {
	if !c.isPunct(k, "\"") {
		return false, false
	}
	s := c.f.Text
	st, en := c.toks[k].start, c.toks[k].end
	before := st == 0 || s[st-1] == ' ' || s[st-1] == '\n' || s[st-1] == '(' || s[st-1] == '\t'
	after := en >= len(s) || s[en] == ' ' || s[en] == '\n' || s[en] == '\r' || s[en] == '\t'
	if before && !after {
		return true, false
	}
	return false, true
}

// closingQuoteBefore reports whether a quotation ends right before token k
// (`…,” he said`, `…” Muslih said`).
func (c *docCtx) closingQuoteBefore(k int) bool {
	j := k - 1
	if _, cl := c.quoteRole(j); cl {
		return true
	}
	if c.isPunct(j, ",") {
		_, cl := c.quoteRole(j - 1)
		return cl
	}
	return false
}

// openingQuoteAfter reports whether a quotation starts at token k, after at
// most a colon or comma and a line break.
func (c *docCtx) openingQuoteAfter(k int) bool {
	for j := k; j < len(c.toks) && j <= k+3; j++ {
		if op, _ := c.quoteRole(j); op {
			return true
		}
		t := c.toks[j]
		if !(t.kind == tokBreak || t.kind == tokPunct && (t.text == ":" || t.text == ",")) {
			return false
		}
	}
	return false
}

// maxQuoteTokens bounds the search for the other end of a quotation.
const maxQuoteTokens = 1200

// adjacentQuote finds the quotation that ends right before token first or
// starts at token after (past a colon, comma or line break) and returns its
// inner tokens [a,b).
func (c *docCtx) adjacentQuote(first, after int) (int, int, bool) {
	closing := -1
	if _, cl := c.quoteRole(first - 1); cl {
		closing = first - 1
	} else if _, cl := c.quoteRole(first - 2); cl && c.isPunct(first-1, ",") {
		closing = first - 2
	}
	if closing >= 0 {
		for j := closing - 1; j >= 0 && closing-j < maxQuoteTokens; j-- {
			op, cl := c.quoteRole(j)
			if cl {
				return 0, 0, false
			}
			if op {
				if j+1 < closing {
					return j + 1, closing, true
				}
				return 0, 0, false
			}
		}
		return 0, 0, false
	}
	for j := after; j < len(c.toks) && j <= after+3; j++ {
		if op, _ := c.quoteRole(j); op {
			for k := j + 1; k < len(c.toks) && k-j < maxQuoteTokens; k++ {
				op2, cl := c.quoteRole(k)
				if op2 {
					return 0, 0, false
				}
				if cl {
					if j+1 < k {
						return j + 1, k, true
					}
					return 0, 0, false
				}
			}
			return 0, 0, false
		}
		t := c.toks[j]
		if !(t.kind == tokBreak || t.kind == tokPunct && (t.text == ":" || t.text == ",")) {
			break
		}
	}
	return 0, 0, false
}

// speakerBefore finds the speaker phrase ending at token i (inclusive).
func (c *docCtx) speakerBefore(i int) (int, bool) {
	if !c.isWord(i) {
		return 0, false
	}
	k := i
	for ; k >= 0 && i-k < 14; k-- {
		if c.isPunct(k, ")") && k < i {
			j := k - 1
			for j >= 0 && k-j <= 8 && !c.isPunct(j, "(") && !c.toks[j].isSentenceEnd() {
				j--
			}
			if !c.isPunct(j, "(") {
				break
			}
			k = j
			continue
		}
		if !c.isWord(k) {
			break
		}
		t := c.toks[k]
		w := t.text
		switch {
		case t.possessive:
			continue
		case determiners[w]:
			if c.isWord(k-1) && innerPrepositions[c.toks[k-1].text] {
				continue
			}
			if c.isWord(k-1) && c.toks[k-1].text == "and" && c.isWord(k-2) && c.toks[k-2].proper() {
				continue // "the PMU and other armed forces"
			}
			k--
		case innerPrepositions[w] && k < i:
			continue
		case w == "and" && k < i && c.isWord(k-1) && c.toks[k-1].proper():
			continue
		case w == "not" && k < i && strings.HasSuffix(c.toks[k+1].text, "ed"):
			continue
		case isClosed(w) || isAdverb(w) && !knownAdjectives[w]:
		case len(w) > 4 && strings.HasSuffix(w, "ing") && !adjectival(w):
		default:
			continue
		}
		break
	}
	from := k + 1
	// A phrase cannot start with a preposition or a participle.
	for from <= i && c.isWord(from) {
		w := c.toks[from].text
		if innerPrepositions[w] || w == "and" || w == "not" ||
			len(w) > 4 && strings.HasSuffix(w, "ed") && !adjectival(w) && !c.toks[from].proper() {
			from++
			continue
		}
		break
	}
	if from > i || !c.hasContent(from, i+1) || temporalHeads[c.toks[i].base()] {
		return 0, false
	}
	return from, true
}

// hasContent reports whether [a,b) holds a word other than determiners,
// prepositions and conjunctions.
func (c *docCtx) hasContent(a, b int) bool {
	for k := a; k < b; k++ {
		t := c.toks[k]
		if t.kind == tokWord && !determiners[t.text] && !prepositions[t.text] && !conjunctions[t.text] && !discourseWords[t.text] {
			return true
		}
	}
	return false
}

// hasProper reports whether [a,b) holds a capitalised word.
func (c *docCtx) hasProper(a, b int) bool {
	for k := a; k < b; k++ {
		if c.toks[k].proper() {
			return true
		}
	}
	return false
}

// allProper reports whether [a,b) is a name: capitalised words only.
func (c *docCtx) allProper(a, b int) bool {
	if a >= b {
		return false
	}
	for k := a; k < b; k++ {
		t := c.toks[k]
		if t.kind != tokWord || !(t.capital || t.acronym) || determiners[t.text] {
			return false
		}
	}
	return true
}

// speakerAfter finds a speaker phrase starting at token j and returns its
// end (exclusive).
// After "according to" (loose) any noun phrase will do; after a verb the
// phrase must start like a name or with a determiner or title.
func (c *docCtx) speakerAfter(j int, loose bool) (int, bool) {
	k := j
	for ; k < len(c.toks) && k-j < 12; k++ {
		if !c.isWord(k) {
			break
		}
		t := c.toks[k]
		w := t.text
		if k == j && (w == "then" || w == "former") {
			continue
		}
		if t.possessive {
			continue
		}
		if prepositions[w] && !(w == "of" || w == "at" || w == "for" || w == "from" || loose && w == "by") ||
			isClosed(w) && !prepositions[w] || isAdverb(w) && !knownAdjectives[w] ||
			!loose && !t.proper() && verbish(w) {
			break
		}
	}
	end := k
	for end > j && c.isWord(end-1) && (prepositions[c.toks[end-1].text] || determiners[c.toks[end-1].text]) {
		end--
	}
	if end <= j || !c.hasContent(j, end) {
		return 0, false
	}
	// The phrase must end the clause or run into a preposition ("in an
	// interview"), not into a verb.
	if k < len(c.toks) && c.isWord(k) && !prepositions[c.toks[k].text] {
		return 0, false
	}
	first := c.toks[j]
	if !loose && !(determiners[first.text] || first.proper() || titles[first.text] || first.text == "then" || first.text == "former") {
		return 0, false
	}
	return end, true
}

// appositionAfter reads ", a Y" after token end (exclusive) up to the next
// comma or full stop and returns its token range.
func (c *docCtx) appositionAfter(end int) (int, int, bool) {
	if !c.isPunct(end, ",") || !c.isWord(end+1) {
		return 0, 0, false
	}
	a := end + 1
	t := c.toks[a]
	if !(determiners[t.text] || !t.proper() && !isClosed(t.text)) {
		return 0, 0, false
	}
	b := a
	for b < len(c.toks) && b-a < 16 && (c.isWord(b) || c.isPunct(b, "-")) {
		if verbs[c.toks[b].text] || attributionVerbs[c.toks[b].text] || relativeWords[c.toks[b].text] {
			break
		}
		b++
	}
	if b == a || b-a >= 16 || c.isWord(b) && !relativeWords[c.toks[b].text] {
		return 0, 0, false
	}
	return a, b, true
}

// clauseFollows reports whether reported speech starts at token k: "that",
// a pronoun, a quotation, a colon or a comma.
func (c *docCtx) clauseFollows(k int) bool {
	if k >= len(c.toks) {
		return false
	}
	t := c.toks[k]
	if t.kind == tokPunct {
		return t.text == ":" || t.text == "," || t.text == "\""
	}
	return t.kind == tokWord && (t.text == "that" || subjectPronouns[t.text])
}

// nounlikeAttributes decides for a verb that is also a plural noun
// ("states", "tweets") at token k: it attributes after a name or pronoun and
// before "that", a pronoun, a quotation or a colon.
func (c *docCtx) nounlikeAttributes(k int) bool {
	if !c.isWord(k - 1) {
		return false
	}
	p := c.toks[k-1]
	if !(p.proper() || subjectPronouns[p.text]) {
		return false
	}
	n := k + 1
	if n >= len(c.toks) {
		return false
	}
	t := c.toks[n]
	return t.kind == tokWord && (t.text == "that" || subjectPronouns[t.text]) ||
		t.kind == tokPunct && (t.text == ":" || t.text == "\"")
}

// nameCandidate is a person a pronoun may refer to.
type nameCandidate struct {
	pos  int // folded offset
	name string
}

// personCandidates lists the people the entity mentions name, in text
// order: what a pronoun may refer to.
func (c *docCtx) personCandidates(ms []mentionRef, entities []EntityInput) []nameCandidate {
	var cands []nameCandidate
	for _, m := range ms {
		if c.stopped() {
			return nil
		}
		if isPersonKind(entities[m.entity].Kind) {
			name := entities[m.entity].Name
			if name == "" {
				name = clean(c.doc.Text[m.start:m.end])
			}
			cands = append(cands, nameCandidate{pos: c.f.FoldedStart(m.start), name: name})
		}
	}
	return cands
}

// titledCandidates appends the titled names of the text ("commander Qasim
// Muslih") to cands and sorts them by position.
func (c *docCtx) titledCandidates(cands []nameCandidate) []nameCandidate {
	for k := 0; k+1 < len(c.toks); k++ {
		if c.stopped() {
			return nil
		}
		if !c.isWord(k) || !titles[c.toks[k].text] {
			continue
		}
		j := k + 1
		for j < len(c.toks) && j-k <= 4 && c.isWord(j) && c.toks[j].capital && !c.toks[j].acronym &&
			!titles[c.toks[j].text] && !determiners[c.toks[j].text] &&
			!adjectival(c.toks[j].text) && !nationalityLike(c.toks[j].text) {
			j++
		}
		if j-k >= 2 && c.isWord(k+1) && !titles[c.toks[k+1].text] {
			cands = append(cands, nameCandidate{pos: c.toks[k+1].start, name: c.text(k+1, j)})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].pos < cands[b].pos })
	return cands
}

// attributions finds who is quoted or cited in an English text.
func (c *docCtx) attributions(ms []mentionRef, entities []EntityInput) []Attribution {
	if c.err != nil {
		return nil
	}
	cands := c.titledCandidates(c.personCandidates(ms, entities))
	if c.err != nil {
		return nil
	}
	w := &attrWriter{c: c, cands: cands, out: []Attribution{}}
	for k := 0; k < len(c.toks); k++ {
		if c.stopped() {
			return nil
		}
		t := c.toks[k]
		if t.kind != tokWord {
			continue
		}
		if t.text == "according" && c.isWord(k+1) && c.toks[k+1].text == "to" {
			if end, ok := w.accordingTo(k); ok {
				k = end - 1
			}
			continue
		}
		if !c.attributes(k) {
			continue
		}
		k = w.verb(k)
	}
	return w.out
}

// attrWriter collects the attributions of one English text and the
// speakers a later pronoun may refer to.
type attrWriter struct {
	c     *docCtx
	cands []nameCandidate // people named in the text
	said  []nameCandidate // earlier non-pronoun speakers
	out   []Attribution
}

// add records a: its speaker tokens [spFrom,spTo), verb tokens
// [vFrom,vTo), and the token after the verb (and its object).
func (w *attrWriter) add(a Attribution, spFrom, spTo, vFrom, vTo, after int) {
	c := w.c
	if c.doc.InBoilerplate(c.spanStart(vFrom)) {
		return
	}
	if a.Direct {
		if qa, qb, ok := c.adjacentQuote(min(spFrom, vFrom), after); ok {
			a.QuoteStart, a.QuoteEnd = c.spanOf(qa, qb)
			a.Quote = clean(c.doc.Text[a.QuoteStart:a.QuoteEnd])
		}
	}
	a.SpeakerStart, a.SpeakerEnd = c.spanOf(spFrom, spTo)
	a.Speaker = clean(c.doc.Text[a.SpeakerStart:a.SpeakerEnd])
	vs, ve := c.spanOf(vFrom, vTo)
	a.Start, a.End = min(a.SpeakerStart, vs), max(a.SpeakerEnd, ve)
	pos := c.toks[spFrom].start
	if pr := c.toks[spFrom].text; spTo-spFrom == 1 && subjectPronouns[pr] {
		if pr == "it" || pr == "they" {
			a.Resolved = c.resolve(pos, nil, w.said) // not a person's name
		} else {
			a.Resolved = c.resolve(pos, w.cands, w.said)
		}
	} else {
		w.said = insertSpeaker(w.said, nameCandidate{pos: pos, name: a.Who()})
	}
	w.out = append(w.out, a)
}

// accordingTo reads "according to X" at token k and returns the token
// after the speaker.
func (w *attrWriter) accordingTo(k int) (int, bool) {
	c := w.c
	from := k + 2
	end, ok := c.speakerAfter(from, true)
	if !ok {
		return 0, false
	}
	a := Attribution{Verb: "according to"}
	spFrom, spTo := from, end
	// "according to then Prime Minister, Adel Abdul Mehdi, …"
	if c.isPunct(end, ",") {
		j := end + 1
		for j < len(c.toks) && c.isWord(j) && j-end <= 5 {
			j++
		}
		if c.isPunct(j, ",") && c.allProper(end+1, j) && !c.allProper(from, end) {
			a.Description = c.text(from, end)
			spFrom, spTo = end+1, j
			end = j
		}
	}
	a.Direct = c.openingQuoteAfter(end) || c.closingQuoteBefore(k)
	w.add(a, spFrom, spTo, k, k+2, end)
	return end, true
}

// attributes reports whether the word at token k is used as a verb of
// speech: not a proper name ("the United States"), followed by reported
// speech where the verb needs it, not a noun after "to", "the", "so".
func (c *docCtx) attributes(k int) bool {
	t := c.toks[k]
	if !attributionVerbs[t.text] || t.proper() {
		return false
	}
	if strictAttributionVerbs[t.text] && !c.clauseFollows(k+1) {
		return false
	}
	if nounlikeVerbs[t.text] && !c.nounlikeAttributes(k) {
		return false
	}
	// "to say", "the said", "so-called" is one token anyway
	return !(c.isWord(k-1) && (c.toks[k-1].text == "to" || c.toks[k-1].text == "the" || c.toks[k-1].text == "so"))
}

// toldObject reads who was told after "told" ("told Reuters", "told
// reporters") into a.To and returns the token after it.
func (c *docCtx) toldObject(a *Attribution, after int) int {
	j := after
	for j < len(c.toks) && j-after < 3 && c.isWord(j) && (c.toks[j].proper() || audiences[c.toks[j].text]) {
		j++
		if audiences[c.toks[j-1].text] {
			break
		}
	}
	if j > after {
		a.To = c.text(after, j)
		return j
	}
	return after
}

// verb reads the speaker of the verb of speech at token k and returns the
// token the scan goes on from (k, or the speaker's last token when it
// follows the verb).
func (w *attrWriter) verb(k int) int {
	c := w.c
	t := c.toks[k]
	a := Attribution{Verb: t.text}
	after := k + 1
	if t.text == "told" || t.text == "tells" || t.text == "tell" {
		after = c.toldObject(&a, after)
	}
	i := k - 1
	for i >= 0 && c.isWord(i) && (auxiliaries[c.toks[i].text] || isAdverb(c.toks[i].text) && !knownAdjectives[c.toks[i].text]) {
		i--
	}
	if c.isWord(i) && (determiners[c.toks[i].text] && !c.toks[i].possessive || c.toks[i].possessive) && i == k-1 {
		return k // "this claim", "their tweets": a noun
	}
	if w.subjectBefore(a, i, k, after) {
		return k
	}
	// Inverted: `…,” said Philip Smyth, an analyst at …`
	if invertedVerbs[t.text] && (c.isPunct(k-1, ",") || c.closingQuoteBefore(k)) {
		if end, ok := c.speakerAfter(k+1, false); ok {
			if x, y, ok := c.appositionAfter(end); ok {
				a.Description = c.text(x, y)
			}
			a.Direct = c.closingQuoteBefore(k) || c.openingQuoteAfter(end)
			w.add(a, k+1, end, k, k+1, end)
			return end - 1
		}
	}
	return k
}

// subjectBefore finds the speaker of the verb at token k before it, i being
// the token before the verb's auxiliaries and adverbs, and records it. It
// reports whether the verb is settled (recorded, or a relative clause
// without a speaker).
func (w *attrWriter) subjectBefore(a Attribution, i, k, after int) bool {
	c := w.c
	switch {
	case c.isWord(i) && subjectPronouns[c.toks[i].text]:
		a.Direct = c.closingQuoteBefore(i) || c.openingQuoteAfter(after)
		w.add(a, i, i+1, k, k+1, after)
		return true
	case c.isWord(i) && (c.toks[i].text == "who" || c.toks[i].text == "which"):
		// "Nouri al-Maliki, who has stated"
		j := i - 1
		if c.isPunct(j, ",") {
			j--
		}
		if from, ok := c.speakerBefore(j); ok {
			a.Direct = c.openingQuoteAfter(after)
			w.add(a, from, j+1, k, k+1, after)
		}
		return true
	case c.isWord(i):
		if from, ok := c.speakerBefore(i); ok {
			a.Direct = c.closingQuoteBefore(from) || c.openingQuoteAfter(after)
			w.add(a, from, i+1, k, k+1, after)
			return true
		}
	case c.isPunct(i, ","):
		if from, to, ok := c.appositionBefore(&a, i, after); ok {
			w.add(a, from, to, k, k+1, after)
			return true
		}
	}
	return false
}

// appositionBefore handles "X, a Y, said" and "One commander, X, said" with
// the comma before the verb at token i; after is the token after the verb
// (and its object). It returns the speaker's tokens and sets the
// description and directness in a.
func (c *docCtx) appositionBefore(a *Attribution, i, after int) (int, int, bool) {
	p := i - 1
	for p >= 0 && i-p < 25 && !c.isPunct(p, ",") {
		if !c.isWord(p) && !c.isPunct(p, "-") && !c.isPunct(p, "'") {
			return 0, 0, false
		}
		p--
	}
	if !c.isPunct(p, ",") || p+1 >= i {
		return 0, 0, false
	}
	segA, segB := p+1, i
	for k := segA; k < segB; k++ {
		if w := c.toks[k].text; c.isWord(k) && (verbs[w] || attributionVerbs[w]) {
			return 0, 0, false // "…, Tillis suggested he could …, said": a clause
		}
	}
	var from, to int
	before, ok := c.speakerBefore(p - 1)
	if !ok {
		return 0, 0, false
	}
	switch {
	case c.allProper(segA, segB) && !c.allProper(before, p):
		// "One commander, Abu Seif al-Tamimi, said"
		a.Description = c.text(before, p)
		from, to = segA, segB
	case (determiners[c.toks[segA].text] || !c.toks[segA].proper()) && c.hasProper(before, p) || determiners[c.toks[before].text]:
		// "Qais al-Khazali, a powerful militia leader …, told"
		if c.allProper(segA, segB) {
			return 0, 0, false
		}
		a.Description = c.text(segA, segB)
		from, to = before, p
	default:
		return 0, 0, false
	}
	a.Direct = c.closingQuoteBefore(before) || c.openingQuoteAfter(after)
	return from, to, true
}

// resolve finds what a pronoun at folded offset pos most likely refers to:
// the nearest earlier speaker or titled name.
func (c *docCtx) resolve(pos int, cands, said []nameCandidate) string {
	// cands and said are sorted by position: the nearest before pos is
	// found by binary search, not by a scan per pronoun (a text of many
	// "he said" would make that quadratic). A candidate wins over another
	// at the same position when it comes first; a speaker, over a
	// candidate, when it came later.
	best, bestPos := "", -1
	if k := sort.Search(len(cands), func(k int) bool { return cands[k].pos >= pos }) - 1; k >= 0 {
		for k > 0 && cands[k-1].pos == cands[k].pos {
			k--
		}
		best, bestPos = cands[k].name, cands[k].pos
	}
	if k := sort.Search(len(said), func(k int) bool { return said[k].pos >= pos }) - 1; k >= 0 && said[k].pos >= bestPos {
		best = said[k].name
	}
	return best
}

// insertSpeaker adds n to said, kept sorted by position; among speakers at
// one position the latest comes last.
func insertSpeaker(said []nameCandidate, n nameCandidate) []nameCandidate {
	k := sort.Search(len(said), func(k int) bool { return said[k].pos > n.pos })
	said = append(said, nameCandidate{})
	copy(said[k+1:], said[k:])
	said[k] = n
	return said
}

func isPersonKind(k string) bool {
	switch strings.ToLower(k) {
	case "person", "per", "people":
		return true
	}
	return false
}
