package framing

import (
	"slices"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// tokSpan is a mention as tokens [a,b) of an entity.
type tokSpan struct {
	a, b, entity int
}

// foundDesc is a descriptor with the tokens [from,to) it covers.
type foundDesc struct {
	Descriptor
	from, to int
}

// maxPremodifiers bounds the words searched before a name.
const maxPremodifiers = 7

// The word roles of a descriptor chain.
const (
	roleWeak   = iota // a lower-case word: a noun or an adjective the rules cannot tell
	roleStrong        // clearly descriptive: adjective, title, possessive, -backed compound
	roleProper        // a capitalised word that is not an adjective: part of a name
)

func (c *docCtx) isWord(k int) bool { return k >= 0 && k < len(c.toks) && c.toks[k].kind == tokWord }

func (c *docCtx) isPunct(k int, s string) bool {
	return k >= 0 && k < len(c.toks) && c.toks[k].kind == tokPunct && c.toks[k].text == s
}

// role classifies token k for descriptor chains.
func (c *docCtx) role(k int) int {
	t := c.toks[k]
	w := t.base()
	switch {
	case t.possessive:
		return roleStrong
	case adjectival(w) && !t.acronym:
		return roleStrong
	case titles[w]:
		return roleStrong
	case t.proper() && nationalityLike(w) && !t.acronym:
		return roleStrong
	case t.proper():
		return roleProper
	case c.catsOfToken(k):
		return roleStrong
	}
	return roleWeak
}

// catsOfToken reports whether a lexicon term lies inside token k.
func (c *docCtx) catsOfToken(k int) bool {
	if c.lexTok == nil {
		c.lexTok = make([]bool, len(c.toks))
		for _, m := range c.matches {
			for j := tokenAt(c.toks, m.start); j < len(c.toks) && c.toks[j].start < m.end; j++ {
				c.lexTok[j] = true
			}
		}
	}
	return c.lexTok[k]
}

// stopsChain reports whether the folded word w cannot be part of a noun
// phrase before a head: function words, verbs, adverbs, participles.
func stopsChain(w string) bool {
	if isClosed(w) || determiners[w] {
		return true
	}
	if knownAdjectives[w] || adjectival(w) {
		return false
	}
	if isAdverb(w) {
		return true
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed"))
}

// chainBefore collects the noun-phrase words before token a (exclusive):
// descriptive words, names inside "of"-phrases and names of other entities.
// It returns the chain start and whether the phrase stands where a noun
// phrase starts (after a determiner, preposition, punctuation or at the start
// of a sentence), so its plain nouns can be trusted.
func (c *docCtx) chainBefore(a int, mentionTok []int32, allowProper bool) (int, bool) {
	k := a - 1
	for ; k >= 0 && a-k <= maxPremodifiers; k-- {
		if !c.isWord(k) {
			break
		}
		t := c.toks[k]
		w := t.base()
		if w == "of" && k+1 < a && allowProper && c.role(a-1) == roleProper {
			// "the deputy chief of the PMU Abu Mehdi": an of-phrase ending in
			// a name right before the mention.
			continue
		}
		if determiners[w] && !t.possessive {
			if c.isWord(k-1) && c.toks[k-1].text == "of" && k+1 < a && allowProper {
				continue
			}
			break
		}
		if mentionTok[k] >= 0 && !allowProper && !t.possessive {
			break
		}
		if t.proper() && c.role(k) == roleProper && !allowProper {
			break
		}
		if !t.possessive && stopsChain(w) {
			break
		}
	}
	from := k + 1
	// Leading "of" and determiners belong to the words before.
	for from < a && c.isWord(from) && (c.toks[from].text == "of" || determiners[c.toks[from].text]) {
		from++
	}
	nominal := k < 0 || !c.isWord(k) || prepositions[c.toks[k].text] && c.toks[k].text != "to" || conjunctions[c.toks[k].text] ||
		determiners[c.toks[k].text] || c.toks[k].text == "of"
	return from, nominal
}

// premodifier finds the descriptive words before the mention [a,b).
func (c *docCtx) premodifier(sp tokSpan, mentionTok []int32) (foundDesc, bool) {
	if c.modifierPosition(sp, mentionTok) && !c.groupHeadAfter(sp, mentionTok) {
		// "the biggest U.S. military bases": the words before describe the
		// noun the name modifies, not the name.
		return foundDesc{}, false
	}
	from, nominal := c.chainBefore(sp.a, mentionTok, true)
	to := sp.a
	if c.isWord(from-1) && c.toks[from-1].text == "to" {
		// "to occupy Iraq": after "to" only clear adjectives and titles
		// describe; a loaded word there is a verb.
		for from < to && !(adjectival(c.toks[from].text) || titles[c.toks[from].text] || c.toks[from].possessive ||
			c.toks[from].proper() && nationalityLike(c.toks[from].text)) {
			from++
		}
	}
	if !nominal {
		// Keep only the clearly descriptive words next to the name, with
		// names between them ("senior Hamas official").
		k := to - 1
		for k >= from && (c.role(k) == roleStrong || k > from && k < to-1 && c.role(k) == roleProper && c.role(k-1) == roleStrong) {
			k--
		}
		from = k + 1
	}
	// Parts of the same name (a first name before a surname mention) and a
	// dangling "of the" do not describe.
	for to > from {
		k := to - 1
		t := c.toks[k]
		if t.text == "of" || determiners[t.text] || (c.role(k) == roleProper && mentionTok[k] < 0) {
			to--
			continue
		}
		break
	}
	for from < to && (c.toks[from].text == "of" || determiners[c.toks[from].text] || isAdverb(c.toks[from].text)) {
		from++ // "it's been mostly PMU forces": an adverb describes nothing
	}
	if from >= to || !c.anyDescriptive(from, to) {
		return foundDesc{}, false
	}
	// The word next to the name must describe it (a title, an adjective, a
	// possessive), or end an of-phrase ("deputy chief of the PMU").
	if c.role(to-1) != roleStrong {
		hasOf := false
		for k := from; k < to; k++ {
			hasOf = hasOf || c.toks[k].text == "of"
		}
		if !hasOf || !c.toks[to-1].proper() {
			return foundDesc{}, false
		}
	}
	return c.makeDesc(from, to, RelPremodifier), true
}

// groupHeadAfter reports whether the mention is followed by a group noun it
// names ("the Iran-backed Kataib Hezbollah group"), so the words before
// describe the entity itself.
func (c *docCtx) groupHeadAfter(sp tokSpan, mentionTok []int32) bool {
	d, ok := c.head(sp, mentionTok)
	return ok && groupFamilies[c.toks[d.to-1].base()] != ""
}

// modifierPosition reports whether the mention stands before a lower-case
// noun it modifies ("PMU commanders", "U.S. military bases").
func (c *docCtx) modifierPosition(sp tokSpan, mentionTok []int32) bool {
	k := c.skipParen(sp.b)
	if !c.isWord(k) || mentionTok[k] >= 0 {
		return false
	}
	t := c.toks[k]
	if t.proper() {
		return false
	}
	w := t.text
	return !isClosed(w) && !determiners[w] && !isAdverb(w) &&
		!(len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")))
}

// anyDescriptive reports whether tokens [a,b) hold a word that describes
// (not only names, determiners and "of").
func (c *docCtx) anyDescriptive(a, b int) bool {
	for k := a; k < b; k++ {
		if !c.isWord(k) || c.toks[k].text == "of" || determiners[c.toks[k].text] {
			continue
		}
		if r := c.role(k); r == roleStrong || r == roleWeak {
			return true
		}
	}
	return false
}

// skipParen returns the token after a parenthesis opening at k (an alias
// such as "(PMU)"), or k when there is none.
func (c *docCtx) skipParen(k int) int {
	if !c.isPunct(k, "(") {
		return k
	}
	for j := k + 1; j < len(c.toks) && j <= k+8; j++ {
		if c.isPunct(j, ")") {
			return j + 1
		}
		if c.toks[j].isSentenceEnd() {
			break
		}
	}
	return k
}

// head finds a group noun the mention modifies ("PMU volunteer militias",
// "Hezbollah resistance movement").
func (c *docCtx) head(sp tokSpan, mentionTok []int32) (foundDesc, bool) {
	k := c.skipParen(sp.b)
	last := -1
	for j := k; j < len(c.toks) && j < k+3; j++ {
		if !c.isWord(j) || mentionTok[j] >= 0 {
			break
		}
		t := c.toks[j]
		w := t.base()
		if t.capital || t.acronym || determiners[w] || isClosed(w) || isAdverb(w) {
			break
		}
		verbal := len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
		if !verbal && groupFamilies[w] != "" {
			last = j
			break
		}
		if !verbal && c.catsOfToken(j) && !titles[w] {
			last = j // a loaded noun ("U.S. occupation"); a group noun may follow
		}
		// Words before the head must describe it ("volunteer militias").
		if t.possessive || c.role(j) != roleStrong {
			break
		}
	}
	if last < 0 {
		return foundDesc{}, false
	}
	if n := last + 1; groupFamilies[c.toks[last].base()] == "" && c.isWord(n) && !c.toks[n].proper() &&
		!isClosed(c.toks[n].text) && !determiners[c.toks[n].text] && !isAdverb(c.toks[n].text) {
		return foundDesc{}, false // "AR-15 assault rifle": the loaded word is no head
	}
	return c.makeDesc(k, last+1, RelHead), true
}

// relativeWords end an apposition.
var relativeWords = set(`who whom whose which that where when`)

// temporalHeads are nouns of time that start sentences ("For many years,").
var temporalHeads = set(`year years month months week weeks day days time times decade decades
	hour hours minute minutes moment occasion occasions era period morning evening night today
	yesterday tomorrow weekend spring summer autumn fall winter january february march april
	may june july august september october november december monday tuesday wednesday
	thursday friday saturday sunday`)

// apposition finds "X, a Y," after the mention.
func (c *docCtx) apposition(sp tokSpan) (foundDesc, bool) {
	k := c.skipParen(sp.b)
	if !c.isPunct(k, ",") || c.introPhrase(sp.a) {
		return foundDesc{}, false
	}
	start := k + 1
	for start < len(c.toks) && c.toks[start].kind == tokBreak {
		start++
	}
	if !c.isWord(start) {
		return foundDesc{}, false
	}
	if !c.appositionStart(start) || c.figure(start) {
		return foundDesc{}, false
	}
	end := start
	for ; end < len(c.toks) && end-start < 16; end++ {
		t := c.toks[end]
		if t.kind != tokWord {
			if t.text == "-" || t.text == "'" {
				continue
			}
			break
		}
		if relativeWords[t.text] {
			break
		}
		if verbs[t.text] || attributionVerbs[t.text] || pronouns[t.text] && !t.possessive {
			return foundDesc{}, false
		}
	}
	if end == start || end-start >= 16 || end-start == 1 && c.role(start) != roleStrong {
		return foundDesc{}, false
	}
	// An apposition ends the clause or the sentence, or a relative clause follows.
	if end < len(c.toks) {
		t := c.toks[end]
		if t.kind == tokWord && !relativeWords[t.text] {
			return foundDesc{}, false
		}
		if t.kind == tokPunct && !(t.text == "," || t.text == "." || t.text == ";" || t.text == ")" ||
			t.text == "-" || t.text == ":" || t.text == "\"") {
			return foundDesc{}, false
		}
	}
	if !c.hasLowerContent(start, end) || temporalHeads[c.toks[end-1].base()] {
		return foundDesc{}, false
	}
	// "Thanks to X, the party grew.": a clause, not an apposition.
	if lw := c.toks[end-1]; !lw.proper() && len(lw.text) > 4 && strings.HasSuffix(lw.text, "ed") && !adjectival(lw.text) {
		return foundDesc{}, false
	}
	return c.makeDesc(start, end, RelApposition), true
}

// appositionStart reports whether token k can open an apposition: a
// determiner, a possessive, a descriptive word or a plain noun, not an
// adverb, a participle or a discourse word ("however").
func (c *docCtx) appositionStart(k int) bool {
	t := c.toks[k]
	w := t.text
	switch {
	case discourseWords[w] || isAdverb(w) && !knownAdjectives[w]:
		return false
	case w == "a" || w == "an" || w == "the" || w == "one" || t.possessive:
		return true
	case determiners[w] || isClosed(w):
		return false
	case c.role(k) == roleStrong:
		return true
	case t.proper() || verbish(w):
		return false
	}
	return true
}

// figure reports whether token k starts a share of a poll or a vote
// ("Rubio, 14.6 percent, Bush, 10.9 percent"): a figure, no description.
func (c *docCtx) figure(k int) bool {
	if w := c.toks[k].text; w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	if k+1 >= len(c.toks) {
		return false
	}
	switch c.toks[k+1].text {
	case "percent", "per", "pct", "%", "points":
		return true
	}
	return false
}

// verbish reports whether w ends like a participle and is no known adjective.
func verbish(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && !adjectival(w) && !knownAdjectives[w]
}

// introPhrase reports whether the mention starting at token a ends an
// introductory phrase ("In Syria, the coalition …"), where the comma after
// it opens the main clause, not an apposition.
func (c *docCtx) introPhrase(a int) bool {
	k := a - 1
	for k >= 0 && c.isWord(k) && (determiners[c.toks[k].text] || c.toks[k].possessive || c.role(k) == roleStrong) && a-k <= 3 {
		k--
	}
	if !c.isWord(k) || !prepositions[c.toks[k].text] {
		return false
	}
	return k == 0 || c.toks[k-1].isSentenceEnd() || c.toks[k].sentStart
}

// hasLowerContent reports whether [a,b) holds a lower-case content word.
func (c *docCtx) hasLowerContent(a, b int) bool {
	for k := a; k < b; k++ {
		t := c.toks[k]
		if t.kind == tokWord && !t.proper() && !isClosed(t.text) && !determiners[t.text] {
			return true
		}
	}
	return false
}

// preApposition finds "the Y, X," before the mention (titles between the
// comma and the name are allowed: "Iran's late war hero, Martyr General X").
func (c *docCtx) preApposition(sp tokSpan, mentionTok []int32) (foundDesc, bool) {
	after := c.skipParen(sp.b)
	if after < len(c.toks) {
		t := c.toks[after]
		if !(t.kind == tokBreak || t.kind == tokPunct && (t.text == "," || t.text == "." || t.text == ";" || t.text == ")")) {
			return foundDesc{}, false
		}
	}
	j := sp.a - 1
	for j >= 0 && sp.a-j <= 4 && c.isWord(j) && (titles[c.toks[j].text] || c.toks[j].proper() && mentionTok[j] < 0) {
		j--
	}
	if !c.isPunct(j, ",") {
		return foundDesc{}, false
	}
	end := j // exclusive
	k := end - 1
	if c.isPunct(k, ")") {
		for k >= 0 && end-k <= 8 && !c.isPunct(k, "(") {
			k--
		}
		if !c.isPunct(k, "(") {
			return foundDesc{}, false
		}
		k--
	}
	headTok := k
	if !c.isWord(headTok) || temporalHeads[c.toks[headTok].base()] {
		return foundDesc{}, false
	}
	for ; k >= 0 && end-k <= 14; k-- {
		if !c.isWord(k) {
			break
		}
		t := c.toks[k]
		w := t.text
		if w == "of" {
			continue
		}
		if determiners[w] {
			if c.isWord(k-1) && c.toks[k-1].text == "of" {
				continue
			}
			k--
			break
		}
		if verbs[w] || attributionVerbs[w] || pronouns[w] && !t.possessive || conjunctions[w] || prepositions[w] {
			break
		}
	}
	from := k + 1
	for from < end && c.isWord(from) && (prepositions[c.toks[from].text]) {
		from++
	}
	if from >= end || !c.isWord(from) {
		return foundDesc{}, false
	}
	// It must read as a description: start with a determiner, a possessive or
	// a descriptive word, and hold a lower-case word or a title.
	ft := c.toks[from]
	if !(determiners[ft.text] || ft.possessive || c.role(from) == roleStrong) {
		return foundDesc{}, false
	}
	if !c.hasLowerContent(from, end) {
		return foundDesc{}, false
	}
	for k := from; k < end; k++ {
		if c.isWord(k) && !c.toks[k].proper() && (verbish(c.toks[k].text) || verbs[c.toks[k].text]) {
			return foundDesc{}, false // "more protests awaited, X": a clause
		}
	}
	return c.makeDesc(from, end, RelPreApposition), true
}

// makeDesc builds a descriptor of tokens [from,to).
func (c *docCtx) makeDesc(from, to int, rel string) foundDesc {
	s, e := c.spanOf(from, to)
	return foundDesc{
		Descriptor: Descriptor{
			Text:       clean(c.doc.Text[s:e]),
			Key:        c.key(from, to),
			Relation:   rel,
			Categories: c.categoriesIn(c.toks[from].start, c.toks[to-1].end),
			Spans:      []document.Span{{Start: s, End: e}},
		},
		from: from, to: to,
	}
}

// descriptors finds the descriptors of one mention.
func (c *docCtx) descriptors(sp tokSpan, mentionTok []int32) []foundDesc {
	var out []foundDesc
	if d, ok := c.premodifier(sp, mentionTok); ok {
		out = append(out, d)
	}
	if d, ok := c.head(sp, mentionTok); ok {
		out = append(out, d)
	}
	if d, ok := c.apposition(sp); ok {
		out = append(out, d)
	}
	if d, ok := c.preApposition(sp, mentionTok); ok {
		out = append(out, d)
	}
	return out
}

// designation is a descriptive phrase with a group noun as its head that
// names no one ("Iran-backed militia"), waiting to be tied to an entity.
type designation struct {
	Descriptor
	family string
	// coordinated are the entities listed beside the phrase ("Iraqi Kurdish
	// fighters and the PMF"): other groups, never its referent.
	coordinated []int
}

// designationFamily is the only family of group nouns designations are made
// of: irregular armed groups. Other families ("groups", "terrorists") refer
// as often to an entity's enemies as to the entity itself.
const designationFamily = "irregular"

// designations finds the descriptive phrases headed by a group noun that
// are not next to any mention.
func (c *docCtx) designations(covered []bool, mentionTok []int32) []designation {
	var out []designation
	for k, t := range c.toks {
		if c.stopped() {
			return nil
		}
		if t.kind != tokWord || covered[k] || t.proper() || groupFamilies[t.base()] != designationFamily {
			continue
		}
		if c.doc.InBoilerplate(c.spanStart(k)) {
			continue
		}
		from, _ := c.chainBefore(k, mentionTok, false)
		p := from - 1
		if c.isPunct(p, "-") {
			p -= 2 // "a U.S.-Israeli proxy": look past the compound
		}
		if c.isWord(p) && (c.toks[p].text == "a" || c.toks[p].text == "an") {
			// "accuse Daesh of being a U.S.-Israeli proxy": a singular
			// indefinite is mostly said of something named nearby.
			continue
		}
		strong := false
		for j := from; j < k; j++ {
			if covered[j] {
				from = j + 1
				strong = false
				continue
			}
			if c.role(j) == roleStrong {
				strong = true
			}
		}
		if !strong {
			continue
		}
		d := c.makeDesc(from, k+1, RelDesignation)
		out = append(out, designation{Descriptor: d.Descriptor, family: designationFamily,
			coordinated: c.coordinated(from, k+1, mentionTok)})
	}
	return out
}

// coordinated lists the entities whose mentions are joined to tokens
// [a,b) by "and", "or" or a comma, with at most a determiner between.
func (c *docCtx) coordinated(a, b int, mentionTok []int32) []int {
	var out []int
	joiner := func(k int) bool {
		return c.isPunct(k, ",") || c.isWord(k) && (c.toks[k].text == "and" || c.toks[k].text == "or")
	}
	// After: "fighters and the PMF", "fighters, the PMF".
	for k := b; k < len(c.toks) && k < b+2 && joiner(k); k++ {
		j := k + 1
		if c.isWord(j) && determiners[c.toks[j].text] {
			j++
		}
		if j < len(mentionTok) && mentionTok[j] >= 0 {
			out = append(out, int(mentionTok[j]))
		}
	}
	// Before: "the PMF and Iraqi Kurdish fighters".
	for k := a - 1; k >= 0 && k > a-3 && joiner(k); k-- {
		if j := k - 1; j >= 0 && mentionTok[j] >= 0 {
			out = append(out, int(mentionTok[j]))
		}
	}
	return out
}

func (c *docCtx) spanStart(k int) int {
	s, _ := c.orig(c.toks[k].start, c.toks[k].end)
	return s
}

// familiesOf lists the group-noun families of a phrase's words.
func familiesOf(key string) []string {
	var out []string
	for _, w := range strings.Fields(key) {
		w = strings.TrimSuffix(w, "'s")
		if f := groupFamilies[w]; f != "" && !contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// nonGroupKinds are entity kinds designations are never tied to.
var nonGroupKinds = set(`person per people place location loc gpe country city region`)

// resolveDesignations ties each document's designations to the entity the
// document mentions most among those described, anywhere in the corpus, by
// a noun of the same family (in a name form or a descriptor). Ties leave the
// designation unattached.
func resolveDesignations(results []*docResult, entities []EntityInput) {
	fams := make([]map[string]bool, len(entities))
	for _, r := range results {
		if r == nil {
			continue
		}
		notes := r.famNotes
		if !r.settled {
			notes = r.families()
		}
		for _, n := range notes {
			if fams[n.e] == nil {
				fams[n.e] = map[string]bool{}
			}
			fams[n.e][n.f] = true
		}
	}
	for _, r := range results {
		if r == nil || len(r.designations) == 0 {
			continue
		}
		idx := make([]int, 0, len(r.ents))
		for e := range r.ents {
			idx = append(idx, e)
		}
		sort.Ints(idx)
		for _, d := range r.designations {
			best, bestN, tie := -1, 0, false
			for _, e := range idx {
				if nonGroupKinds[strings.ToLower(entities[e].Kind)] || !fams[e][d.family] || slices.Contains(d.coordinated, e) {
					continue
				}
				n := r.ents[e].mentions
				switch {
				case n > bestN:
					best, bestN, tie = e, n, false
				case n == bestN:
					tie = true
				}
			}
			if best >= 0 && !tie {
				r.entity(best).addDescriptor(d.Descriptor)
			}
		}
	}
}
