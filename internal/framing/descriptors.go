package framing

import (
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
	roleFunction      // "of" or a determiner inside an of-phrase
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
	return len(c.categoriesIn(c.toks[k].start, c.toks[k].end)) > 0
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
		if w == "of" && k+1 < a && allowProper {
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
	nominal := k < 0 || !c.isWord(k) || prepositions[c.toks[k].text] || conjunctions[c.toks[k].text] ||
		determiners[c.toks[k].text] || attributionVerbs[c.toks[k].text] || c.toks[k].text == "of"
	return from, nominal
}

// premodifier finds the descriptive words before the mention [a,b).
func (c *docCtx) premodifier(sp tokSpan, mentionTok []int32) (foundDesc, bool) {
	from, nominal := c.chainBefore(sp.a, mentionTok, true)
	to := sp.a
	if !nominal {
		// Keep only the clearly descriptive words next to the name.
		k := to - 1
		for k >= from && c.role(k) == roleStrong {
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
	for from < to && (c.toks[from].text == "of" || determiners[c.toks[from].text]) {
		from++
	}
	if from >= to || to != sp.a && !c.anyDescriptive(from, to) {
		return foundDesc{}, false
	}
	if !c.anyDescriptive(from, to) {
		return foundDesc{}, false
	}
	return c.makeDesc(from, to, RelPremodifier), true
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
	for j := k; j < len(c.toks) && j < k+4; j++ {
		if !c.isWord(j) || mentionTok[j] >= 0 {
			break
		}
		t := c.toks[j]
		if t.proper() && c.role(j) == roleProper || determiners[t.text] || isClosed(t.text) || isAdverb(t.text) {
			break
		}
		if groupFamilies[t.base()] != "" || c.catsOfToken(j) {
			last = j
		}
		if t.possessive {
			break
		}
	}
	if last < 0 {
		return foundDesc{}, false
	}
	return c.makeDesc(k, last+1, RelHead), true
}

// relativeWords end an apposition.
var relativeWords = set(`who whom whose which that where when`)

// temporalHeads are nouns of time that start sentences ("For many years,").
var temporalHeads = set(`year years month months week weeks day days time times decade decades
	hour hours minute minutes moment occasion occasions era period morning evening night today
	yesterday tomorrow weekend`)

// apposition finds "X, a Y," after the mention.
func (c *docCtx) apposition(sp tokSpan) (foundDesc, bool) {
	k := c.skipParen(sp.b)
	if !c.isPunct(k, ",") {
		return foundDesc{}, false
	}
	start := k + 1
	for start < len(c.toks) && c.toks[start].kind == tokBreak {
		start++
	}
	if !c.isWord(start) {
		return foundDesc{}, false
	}
	first := c.toks[start]
	if !(first.text == "a" || first.text == "an" || first.text == "the" || first.text == "one" ||
		!first.proper() && !isClosed(first.text) && !determiners[first.text] ||
		c.role(start) == roleStrong && !isClosed(first.text)) {
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
	if end == start || end-start >= 16 {
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
	return c.makeDesc(start, end, RelApposition), true
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
		if t.kind != tokWord || covered[k] || t.proper() || groupFamilies[t.base()] != designationFamily {
			continue
		}
		if c.doc.InBoilerplate(c.spanStart(k)) {
			continue
		}
		from, _ := c.chainBefore(k, mentionTok, false)
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
		out = append(out, designation{Descriptor: d.Descriptor, family: designationFamily})
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
	note := func(e int, key string) {
		if fams[e] == nil {
			fams[e] = map[string]bool{}
		}
		for _, f := range familiesOf(key) {
			fams[e][f] = true
		}
	}
	for _, r := range results {
		if r == nil {
			continue
		}
		for e, acc := range r.ents {
			for fk := range acc.forms {
				note(e, fk)
			}
			for _, d := range acc.descs {
				note(e, d.Key)
			}
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
				if nonGroupKinds[strings.ToLower(entities[e].Kind)] || !fams[e][d.family] {
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
