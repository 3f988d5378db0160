package entity

import (
	"context"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
)

// Extractor finds mentions in documents. It holds no mutable state and is
// safe for concurrent use.
type Extractor struct {
	gaz *Gazetteer
}

// NewExtractor returns an extractor using the gazetteer g.
func NewExtractor(g *Gazetteer) *Extractor { return &Extractor{gaz: g} }

// Gazetteer returns the extractor's gazetteer.
func (x *Extractor) Gazetteer() *Gazetteer { return x.gaz }

// Name connectors that may stand inside a name in lower case.
var (
	articles = map[string]bool{
		"al": true, "el": true, "ad": true, "ar": true, "as": true, "az": true, "ez": true, "es": true,
		"an": true, "at": true, "ash": true, "ath": true, "adh": true, "ul": true,
	}
	particles = map[string]bool{
		"bin": true, "ibn": true, "bint": true, "abu": true, "abd": true, "bou": true, "ben": true,
		"de": true, "da": true, "di": true, "du": true, "del": true, "della": true, "dos": true, "das": true,
		"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "y": true, "zu": true,
	}
	// initialSkip are words an acronym's letters may skip ("Islamic State
	// of Iraq and Syria (ISIS)" also reads ISIS with them).
	initialSkip = map[string]bool{
		"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "to": true, "a": true,
		"al": true, "el": true, "de": true, "du": true, "des": true, "la": true, "le": true, "&": true,
	}
)

// IsArticle reports whether w (folded) is an Arabic article in
// transliteration: al, el, ad, ar, as, az, ez, es, an, at, ash, ...
func IsArticle(w string) bool { return articles[w] }

type chainState int

const (
	confirmed chainState = iota
	needsConfirm
)

type draft struct {
	first, last int // token indexes, inclusive
	m           Mention
	state       chainState
	dropped     bool
}

// Extract returns the mentions in doc's body (boilerplate excluded), in text
// order. folded must be textnorm.Fold(doc.Text).
func (x *Extractor) Extract(doc *document.Document, folded textnorm.Folded) []Mention {
	ms, _ := x.ExtractContext(context.Background(), doc, folded)
	return ms
}

// ExtractContext is Extract that stops soon after ctx is cancelled and
// then returns ctx's error.
func (x *Extractor) ExtractContext(ctx context.Context, doc *document.Document, folded textnorm.Folded) ([]Mention, error) {
	ms, _, err := x.ExtractHeldContext(ctx, doc, folded)
	return ms, err
}

// ExtractHeldContext is ExtractContext that also returns what the project
// pass (ProjectEvidence) needs: the single words dropped for want of
// evidence in this document alone, and the words it uses as names.
func (x *Extractor) ExtractHeldContext(ctx context.Context, doc *document.Document, folded textnorm.Folded) ([]Mention, Held, error) {
	if ms, ok := x.extractNative(doc); ok {
		return ms, Held{}, ctx.Err() // Cyrillic or Arabic script: extract_native.go
	}
	if !folded.Mapped() {
		folded = textnorm.Fold(doc.Text)
	}
	toks, err := tokenize(ctx, doc.Text, doc.BodySpans(), folded)
	if err != nil || len(toks) == 0 {
		return nil, Held{}, err
	}
	e := &extraction{x: x, g: x.gaz, doc: doc, toks: toks, ctx: ctx}
	passes := []func(){
		e.markChrome, e.markHeadings, e.indexKeys, e.gazetteerPass, e.markDemonyms, e.markTitles,
		e.datelinePass, e.acronymPass, e.chainPass, e.definitionPass, e.evidencePass,
	}
	for _, pass := range passes {
		if pass(); e.err != nil {
			return nil, Held{}, e.err
		}
	}
	return e.finish(), e.held, nil
}

// checkEvery is how many steps of a pass run between two looks at the
// context: a few microseconds of work.
const checkEvery = 1024

type extraction struct {
	x       *Extractor
	g       *Gazetteer
	doc     *document.Document
	toks    []token
	heading map[int]bool // lines in title case
	lower   map[string]bool
	// Indexes by key, built once per document so that each question about
	// "the same word elsewhere" costs a lookup, not a scan of every
	// occurrence (a text repeating a name would make that quadratic).
	alone    map[string]twoPos // capitalised tokens standing as a name of their own
	personAt map[string]twoPos // of those, with a speech verb after or a title before
	capsN    map[string]int    // tokens written in capitals
	// outletKey is the Key of the document's outlet, once needed.
	outletKey string
	drafts    []draft
	// held is what the project pass may take back or count (project.go)
	held     Held
	nameSeen map[string]bool // keys already in held.NameKeys
	ctx      context.Context
	err      error // ctx's error once seen: every pass stops
	steps    int
}

// stopped counts a step of a pass and reports, looking at the context
// every checkEvery steps, whether extraction must stop.
func (e *extraction) stopped() bool {
	if e.steps++; e.steps%checkEvery == 0 && e.err == nil {
		e.err = e.ctx.Err()
	}
	return e.err != nil
}

func (e *extraction) connected(i int) bool { return i < len(e.toks) && e.toks[i].sep != sepBreak }

// markChrome marks the words of page-furniture phrases ("Hide Caption",
// "Privacy Policy"): they never join a name.
func (e *extraction) markChrome() {
	for i := range e.toks {
		if e.stopped() {
			return
		}
		for _, ph := range e.g.chrome[e.toks[i].key] {
			if i+len(ph) > len(e.toks) {
				continue
			}
			ok := true
			for k := 1; k < len(ph) && ok; k++ {
				ok = e.toks[i+k].key == ph[k]
			}
			if ok {
				for k := range ph {
					e.toks[i+k].used = usedChrome
				}
			}
		}
	}
}

// markTitles marks the words of every title of two words or more: alone
// ("answer to the commander in Chief, …") a title names nobody, and its
// capitalised words would otherwise make entities of their own ("Chief"
// after "in" taken for a place, "Chief Arno Pelt" for a name); before a
// name it tells a person (classify).
func (e *extraction) markTitles() {
	for i := 0; i < len(e.toks); i++ {
		if e.stopped() {
			return
		}
		n, _ := e.title(i, len(e.toks)-1)
		if n < 2 {
			continue
		}
		free := true
		for k := i; k < i+n && free; k++ {
			free = e.toks[k].used == 0 && (k == i || e.connected(k))
		}
		if !free {
			continue // part of a known name
		}
		first, last := i, i+n-1
		for first > 0 && e.connected(first) && e.toks[first-1].used == 0 && titleModifiers[e.toks[first-1].key] {
			first-- // "Acting Deputy Attorney General"
		}
		for k := last + 1; e.connected(k) && e.toks[k].cap && e.toks[k].used == 0; k++ {
			if _, role := e.g.roles[e.toks[k].key]; !role {
				break
			}
			last = k // "Chief Executive Officer"
		}
		for k := first; k <= last; k++ {
			e.toks[k].used = usedTitle
		}
		i = last
	}
}

// titleModifiers are the words that qualify a title before it.
var titleModifiers = map[string]bool{
	"acting": true, "deputy": true, "assistant": true, "associate": true, "vice": true,
	"senior": true, "interim": true, "principal": true, "under": true, "former": true,
}

// demonymSuffixes turn a place name into its adjective or demonym:
// Marvania → Marvanian, Japan → Japanese, Iraq → Iraqi, Sweden → Swedish.
var demonymSuffixes = []string{"n", "an", "ian", "ese", "i", "ish", "ean"}

// markDemonyms marks capitalised words that are the adjective of another
// name in the document ("Marvanian" beside "Marvania"): like the
// gazetteer's demonyms they describe, they do not name.
func (e *extraction) markDemonyms() {
	for i := range e.toks {
		if e.stopped() {
			return
		}
		t := &e.toks[i]
		if t.used != 0 || !t.cap || t.allCaps || len(t.key) < 5 {
			continue
		}
		if e.connected(i+1) && e.toks[i+1].cap && e.toks[i+1].sep == sepSpace && !e.g.stop[e.toks[i+1].key] {
			continue // inside a longer name: "Marvanian Airlines"
		}
		for _, suf := range demonymSuffixes {
			stem, ok := strings.CutSuffix(t.key, suf)
			if !ok || len(stem) < 4 {
				continue
			}
			if e.standalone(stem, i) || suf == "an" && e.standalone(stem+"a", i) {
				t.used = usedDemonym
				break
			}
		}
	}
}

// twoPos holds the first two token positions of a key with some property,
// -1 when there is none: enough to tell whether one exists elsewhere than
// at a given token.
type twoPos [2]int

func (p *twoPos) add(i int) {
	switch {
	case p[0] < 0:
		p[0] = i
	case p[1] < 0:
		p[1] = i
	}
}

// except reports whether a position other than skip is held.
func (p twoPos) except(skip int) bool {
	return p[0] >= 0 && p[0] != skip || p[1] >= 0 && p[1] != skip
}

// indexKeys builds the per-key indexes the passes consult. Only a token's
// used mark changes during extraction, and none of these depend on it.
func (e *extraction) indexKeys() {
	e.lower = map[string]bool{}
	e.alone = map[string]twoPos{}
	e.personAt = map[string]twoPos{}
	e.capsN = map[string]int{}
	for i := range e.toks {
		if e.stopped() {
			return
		}
		t := &e.toks[i]
		if t.allCaps {
			e.capsN[t.key]++
		}
		if !t.cap {
			if !t.digit {
				e.lower[t.key] = true
			}
			continue
		}
		if !e.isolated(i) {
			continue
		}
		p, ok := e.alone[t.key]
		if !ok {
			p = twoPos{-1, -1}
		}
		p.add(i)
		e.alone[t.key] = p
		if e.asPerson(i) {
			q, ok := e.personAt[t.key]
			if !ok {
				q = twoPos{-1, -1}
			}
			q.add(i)
			e.personAt[t.key] = q
		}
	}
}

// standalone reports whether the key is written capitalised in the
// document as a name of its own (not inside a longer capitalised name),
// elsewhere than at token skip.
func (e *extraction) standalone(key string, skip int) bool {
	p, ok := e.alone[key]
	return ok && p.except(skip)
}

// isolated reports whether the capitalised token at p stands as a name of
// its own, not inside a longer one.
func (e *extraction) isolated(p int) bool {
	if e.connected(p) && p > 0 {
		prev := e.toks[p-1]
		if e.toks[p].sep == sepHyphen || prev.cap && !e.g.stop[prev.key] || articles[prev.key] || particles[prev.key] {
			return false // inside a longer name: "Seren Valley", "al-Zawr", "Dayr-Zawr"
		}
	}
	if e.connected(p + 1) {
		next := e.toks[p+1]
		if next.sep == sepHyphen || next.cap || articles[next.key] || particles[next.key] {
			return false
		}
	}
	return true
}

// asPerson reports whether the isolated token at p stands as a person
// does: with a speech verb after it ("Kovač said") or a title before it
// ("Ms Kovač", "Dr. Kovač").
func (e *extraction) asPerson(p int) bool {
	if n := p + 1; n < len(e.toks) && e.connected(n) && e.toks[n].sep == sepSpace {
		if k, ok := e.g.verbs[e.toks[n].key]; ok && k == Person {
			return true
		}
	}
	if q := p - 1; q >= 0 && e.toks[q].cap {
		// "Ms Kovač", "Mr. Kovač": the dot breaks the connection
		if _, ok := e.g.titles[e.toks[q].key]; ok && e.connected(p) || wordscan.IsAbbreviation(e.toks[q].key) {
			return true
		}
	}
	return false
}

// surnameAlone reports whether the key stands alone elsewhere in the
// document as a person does (asPerson).
func (e *extraction) surnameAlone(key string, skip int) bool {
	p, ok := e.personAt[key]
	return ok && p.except(skip)
}

// datelinePass marks a dateline in capitals at the start of a line ("TELL
// AL-HAMRA, Marvania, March 14 -", "DORNA -"): the words before the comma
// or dash name a place.
func (e *extraction) datelinePass() {
	for i := 0; i < len(e.toks); i++ {
		if e.stopped() {
			return
		}
		t := e.toks[i]
		if !t.lineStart || !t.allCaps || t.used != 0 {
			continue
		}
		j := i
		for j+1 < len(e.toks) && j-i < 4 && e.connected(j+1) && e.toks[j+1].allCaps && e.toks[j+1].used == 0 {
			j++
		}
		if j == i && e.g.stop[t.key] || !e.datelineEnd(j) {
			continue
		}
		e.add(i, j, Place, "dateline", confirmed)
		i = j
	}
}

// datelineEnd reports whether a dateline's place may end at token j: a
// dash follows, or a comma and a capitalised word (a country or a date)
// and then a comma, a dash or a parenthesis.
func (e *extraction) datelineEnd(j int) bool {
	rest := e.doc.Text[e.toks[j].end:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	trimmed := strings.TrimLeft(rest, " \t\u00a0")
	for _, dash := range []string{"-", "\u2013", "\u2014"} {
		if strings.HasPrefix(trimmed, dash) && len(trimmed) > len(dash) && (trimmed[len(dash)] == ' ' || trimmed[len(dash)] == '-') {
			return len(trimmed) < len(rest) || dash != "-"
		}
	}
	if !strings.HasPrefix(rest, ", ") || j+1 >= len(e.toks) || !e.toks[j+1].cap {
		return false
	}
	// the capitalised word after the comma, then its own comma, dash or
	// parenthesis
	k := j + 1
	for k+1 < len(e.toks) && e.connected(k+1) && e.toks[k+1].cap {
		k++
	}
	after := strings.TrimLeft(e.doc.Text[e.toks[k].end:], " ")
	return strings.HasPrefix(after, ",") || strings.HasPrefix(after, "(") || strings.HasPrefix(after, "-") ||
		strings.HasPrefix(after, "\u2013") || strings.HasPrefix(after, "\u2014")
}

// markHeadings finds lines written in title case: their capitals say
// nothing about names.
func (e *extraction) markHeadings() {
	e.heading = map[int]bool{}
	type count struct{ words, caps, tokens int }
	lines := map[int]*count{}
	for _, t := range e.toks {
		if e.stopped() {
			return
		}
		c := lines[t.line]
		if c == nil {
			c = &count{}
			lines[t.line] = c
		}
		c.tokens++
		if t.digit || e.g.stop[t.key] && !t.cap {
			continue
		}
		if e.g.stop[t.key] && t.cap && !t.sentStart {
			// "Of", "The" capitalised inside a line: a title-case sign
			c.words++
			c.caps++
			continue
		}
		c.words++
		if t.cap {
			c.caps++
		}
	}
	lastEnd := map[int]int{}
	for _, t := range e.toks {
		if e.stopped() {
			return
		}
		lastEnd[t.line] = t.end
	}
	for ln, c := range lines {
		if c.words >= 2 && c.tokens <= 25 && c.caps*10 >= c.words*7 && !endsSentence(e.doc.Text, lastEnd[ln]) {
			e.heading[ln] = true
		}
	}
}

// endsSentence reports whether a full stop follows offset i on its line.
func endsSentence(text string, i int) bool {
	for ; i < len(text) && text[i] != '\n'; i++ {
		switch text[i] {
		case '.':
			return true
		case ' ', '"', '\'', ')', '\t', '\r':
		default:
			if text[i] < 0x80 {
				return false
			}
		}
	}
	return false
}

func (e *extraction) add(first, last int, kind Kind, evidence string, state chainState) *draft {
	t0, t1 := e.toks[first], e.toks[last]
	keys := make([]string, 0, last-first+1)
	for i := first; i <= last; i++ {
		keys = append(keys, e.toks[i].key)
	}
	d := draft{first: first, last: last, state: state, m: Mention{
		Doc: e.doc.Path, Span: document.Span{Start: t0.start, End: t1.end},
		Text: e.doc.Text[t0.start:t1.end], Key: strings.Join(keys, " "),
		Kind: kind, Evidence: evidence,
	}}
	e.drafts = append(e.drafts, d)
	for i := first; i <= last; i++ {
		e.toks[i].used = len(e.drafts)
	}
	return &e.drafts[len(e.drafts)-1]
}

// gazetteerPass marks the longest gazetteer names and the demonyms.
func (e *extraction) gazetteerPass() {
	g := e.g
	var b strings.Builder
	for i := 0; i < len(e.toks); i++ {
		if e.stopped() {
			return
		}
		t := e.toks[i]
		if t.used != 0 || t.digit {
			continue
		}
		if !g.firsts[t.key] {
			continue
		}
		b.Reset()
		best, bestEntry, allCaps := -1, Entry{}, true
		for n := 0; n < g.maxWords && i+n < len(e.toks); n++ {
			tn := e.toks[i+n]
			if n > 0 && (!e.connected(i+n) || tn.used != 0) {
				break
			}
			if n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tn.key)
			allCaps = allCaps && (tn.allCaps || tn.digit)
			ent, _, ok := g.LookupKey(b.String(), allCaps)
			if !ok {
				continue
			}
			if n == 0 && !t.cap {
				continue // a single lower-case word is not a name ("turkey")
			}
			if n > 0 && !t.cap && !e.allCapitalised(i, i+n) && e.contentWords(i, i+n) < 2 {
				continue
			}
			best, bestEntry = n, ent
		}
		if best < 0 {
			continue
		}
		if best == 0 && e.longerName(i) {
			continue
		}
		if bestEntry.Kind == Person && e.otherPerson(i, i+best, bestEntry) {
			continue // "Melania Trump", "Donald Trump Jr.": another person of the name
		}
		if (articles[t.key] || particles[t.key]) && i > 0 && e.connected(i) && e.toks[i-1].cap && e.toks[i-1].used == 0 {
			continue // "Ain al Assad": the article belongs to the name before
		}
		if i > 1 && e.connected(i) && e.connected(i-1) && (articles[e.toks[i-1].key] || particles[e.toks[i-1].key]) &&
			!e.toks[i-1].cap && e.toks[i-2].cap && e.toks[i-2].used == 0 {
			continue // "Ain al Assad" again, at "Assad"
		}
		state := confirmed
		d := e.add(i, i+best, bestEntry.Kind, gazetteerEvidence[bestEntry.Kind], state)
		d.m.Gazetteer = bestEntry.Name
		d.m.IsAcronym = best == 0 && (t.allCaps || t.dotted)
		i += best
	}
	for i := range e.toks {
		if e.stopped() {
			return
		}
		t := &e.toks[i]
		if t.used != 0 || !t.cap {
			continue
		}
		if _, ok := g.demonyms[t.key]; ok {
			t.used = usedDemonym
			continue
		}
		// a demonym of two or three words: "South Korean", "North Koreans"
		key := t.key
		for n := i + 1; n < len(e.toks) && n-i < 3 && e.connected(n) && e.toks[n].cap && e.toks[n].used == 0; n++ {
			key += " " + e.toks[n].key
			if _, ok := g.demonyms[key]; ok {
				for k := i; k <= n; k++ {
					e.toks[k].used = usedDemonym
				}
				break
			}
		}
	}
}

func (e *extraction) allCapitalised(i, j int) bool {
	for k := i; k <= j; k++ {
		if !e.toks[k].cap && !articles[e.toks[k].key] && !particles[e.toks[k].key] && !initialSkip[e.toks[k].key] {
			return false
		}
	}
	return true
}

func (e *extraction) contentWords(i, j int) int {
	n := 0
	for k := i; k <= j; k++ {
		if !e.g.stop[e.toks[k].key] {
			n++
		}
	}
	return n
}

// longerName reports whether the single gazetteer word at i opens a longer
// capitalised name ending in a head word ("Baghdad International Airport").
func (e *extraction) longerName(i int) bool {
	j := i
	for j+1 < len(e.toks) && e.toks[j+1].sep == sepSpace && e.toks[j+1].cap && !e.toks[j+1].allCaps &&
		e.toks[j+1].used == 0 && !e.g.stop[e.toks[j+1].key] {
		j++
	}
	if j == i {
		return false
	}
	if j == i+1 && !e.toks[i].allCaps && e.plainWord(j) {
		return true // "West Wing", "China Daily": one more word of a name
	}
	k, ok := e.g.heads[e.toks[j].key]
	// "Baghdad International Airport"; in capitals only with one head word
	// after it: "NBC News", not "UN Security Council"
	return ok && k != Other && (!e.toks[i].allCaps || j == i+1 && k == Organisation)
}

// plainWord reports whether the capitalised word at j may only continue a
// name: no gazetteer name starts with it, it is no title, role, given
// name, demonym or common word, and no further capitalised word follows.
func (e *extraction) plainWord(j int) bool {
	t := e.toks[j]
	k := t.key
	if t.allCaps || len(k) < 2 || e.g.firsts[k] || e.g.stop[k] || e.g.given[k] || e.lower[k] || e.standalone(k, j) {
		return false // a name of its own elsewhere: "Arkansas Schumer"
	}
	if n := j + 1; e.connected(n) && (e.toks[n].key == "and" || e.toks[n].key == "of") && e.connected(n+1) && e.toks[n+1].cap {
		return false // "House Ways and Means Committee"
	}
	if _, ok := e.g.titles[k]; ok {
		return false
	}
	if _, ok := e.g.roles[k]; ok {
		return false
	}
	if _, ok := e.g.demonyms[k]; ok {
		return false
	}
	return !(e.connected(j+1) && e.toks[j+1].cap)
}

// acronymPass marks stand-alone acronyms: "PMU", "U.S.", "ISIS".
func (e *extraction) acronymPass() {
	for i := range e.toks {
		if e.stopped() {
			return
		}
		t := e.toks[i]
		if t.used != 0 || !(t.allCaps || t.dotted) || len(t.key) > 8 {
			continue
		}
		// joined by a hyphen to a word: part of a name ("Al-QAIM")
		if t.sep == sepHyphen && i > 0 && !e.toks[i-1].dotted || e.connected(i+1) && e.toks[i+1].sep == sepHyphen && !t.dotted {
			continue
		}
		if e.shouting(i) {
			continue
		}
		if e.g.stop[t.key] {
			continue
		}
		if n := i + 1; e.connected(n) && e.toks[n].sep == sepSpace && e.toks[n].cap && !e.toks[n].allCaps && e.toks[n].used == 0 &&
			!(e.connected(n+1) && e.toks[n+1].cap) {
			if k, ok := e.g.heads[e.toks[n].key]; ok && k == Organisation {
				continue // "XYZ News": the acronym opens a longer name
			}
		}
		state := confirmed
		if len(t.key) >= 5 && e.capsCount(t.key) < 2 {
			state = needsConfirm // "China SLAMS Japan": emphasis, unless repeated
		}
		e.add(i, i, Organisation, "acronym", state).m.IsAcronym = true
	}
}

func (e *extraction) capsCount(key string) int { return e.capsN[key] }

// shouting reports whether the capitals at i stand among other words in
// capitals: emphasis or a headline in capitals, not an acronym.
func (e *extraction) shouting(i int) bool {
	n := 0
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(e.toks) {
			continue
		}
		if (j < i && e.connected(i) || j > i && e.connected(j)) && e.toks[j].allCaps && len(e.toks[j].key) >= 3 {
			n++
		}
	}
	return n > 0
}

// chainPass marks sequences of capitalised words with their connectors.
func (e *extraction) chainPass() {
	for i := 0; i < len(e.toks); i++ {
		if e.stopped() {
			return
		}
		t := e.toks[i]
		if t.used != 0 || t.digit {
			continue
		}
		startsName := t.cap || e.articleStart(i)
		if !startsName {
			continue
		}
		j := i
		for {
			k := j + 1
			if k >= len(e.toks) || !e.connected(k) || e.toks[j].possessive || e.toks[k].used != 0 {
				break
			}
			nk := e.toks[k]
			isArt := articles[nk.key]
			if nk.sep == sepHyphen && isArt && !articles[e.toks[j].key] {
				break // "al-Bukamal-al-Qaim": two names
			}
			if k > j+0 && nk.key == "of" && e.connected(k+1) && e.toks[k+1].cap && e.toks[k+1].used > 0 && e.ofJoins(i, j) {
				// "Bank of England": the chain takes the gazetteer name after "of"
				d := &e.drafts[e.toks[k+1].used-1]
				if d.first == k+1 && d.m.Gazetteer != "" && !d.dropped {
					d.dropped = true
					for x := d.first; x <= d.last; x++ {
						e.toks[x].used = 0
					}
					j = d.last
					continue
				}
			}
			if nk.cap && !nk.digit {
				if nk.allCaps && len(nk.key) <= 3 && nk.sep != sepHyphen {
					break // an acronym after a name is a name of its own
				}
				j = k
				continue
			}
			if nk.key == "of" && e.connected(k+1) && e.toks[k+1].key == "the" && !e.toks[k+1].cap && e.connected(k+2) &&
				e.toks[k+2].cap && e.toks[k+2].used == 0 && !e.g.stop[e.toks[k+2].key] && e.ofJoins(i, j) {
				j = k + 2 // "Department of the Treasury", "State of the Union"
				continue
			}
			spaced := e.connected(k+1) && e.toks[k+1].sep == sepSpace
			if isArt && spaced && nk.key != "al" && nk.key != "el" {
				break // "Saletan at Slate": an English word, not an article
			}
			if (isArt || particles[nk.key] || nk.key == "of" || nk.key == "for" || nk.key == "on") && e.connected(k+1) && e.toks[k+1].cap && e.toks[k+1].used == 0 {
				if nk.key == "of" && !e.ofJoins(i, j) {
					break
				}
				if (nk.key == "for" || nk.key == "on") && !e.forJoins(j, k+1) {
					break
				}
				j = k + 1
				continue
			}
			break
		}
		i = e.chain(i, j)
	}
}

// ofJoins reports whether "of" may continue the name i..j: after a head
// word of an organisation, place or event ("Bank of", "University of",
// "Department of") or a title ("Secretary of State").
func (e *extraction) ofJoins(i, j int) bool {
	last := e.toks[j].key
	if k, ok := e.g.heads[last]; ok && e.toks[j].cap {
		_ = k
		return true
	}
	if _, ok := e.g.titles[last]; ok {
		return true
	}
	switch last {
	case "republic", "kingdom", "state", "states", "emirate", "islands", "sultanate", "duchy", "isle",
		"gulf", "strait", "bay", "cape", "lake", "mount", "sea", "province", "city", "county":
		return true
	}
	return false
}

// forJoins reports whether "for" or "on" joins the name ending at j to the
// capitalised word at next: after an organisation's head word ("Institute
// for Conflict Studies", "Council on Foreign Relations"), not before a day
// or a month ("the Commission on Monday").
func (e *extraction) forJoins(j, next int) bool {
	k, ok := e.g.heads[e.toks[j].key]
	return ok && k == Organisation && e.toks[j].cap && !e.g.stop[e.toks[next].key] && !e.toks[next].allCaps
}

// articleStart reports whether the lower-case word at i is an article
// opening a name: "al-Qaim", "al Bukamal".
func (e *extraction) articleStart(i int) bool {
	t := e.toks[i]
	if !articles[t.key] || !e.connected(i+1) || !e.toks[i+1].cap || e.toks[i+1].used != 0 || e.toks[i+1].allCaps && len(e.toks[i+1].key) <= 3 {
		return false
	}
	return e.toks[i+1].sep == sepHyphen || t.key == "al" || t.key == "el"
}

// sentenceWord reports whether the capitalised word at i, first of a
// sentence, is a common word rather than a name: used in lower case
// elsewhere in the document, or shaped like a verb or adverb.
func (e *extraction) sentenceWord(i int) bool {
	t := e.toks[i]
	if e.lower[t.key] {
		return true
	}
	if e.g.given[t.key] {
		return false
	}
	return verbShaped(t.key)
}

// contraction reports whether a word is a pronoun or verb contracted with
// an apostrophe: "I'd", "We're", "Don't".
func contraction(key string) bool {
	for _, suf := range []string{"'d", "'ll", "'ve", "'re", "'m", "n't"} {
		if strings.HasSuffix(key, suf) {
			return true
		}
	}
	return false
}

// verbShaped reports whether a word is shaped like a verb form or an
// adverb: "Calling", "Liberated", "Suddenly".
func verbShaped(key string) bool {
	for _, suf := range []string{"ing", "ed", "ly"} {
		if len(key) > len(suf)+3 && strings.HasSuffix(key, suf) {
			return true
		}
	}
	return false
}

// title returns the number of tokens of the longest title at i ("Prime
// Minister") and the title as written in the cues.
func (e *extraction) title(i, j int) (int, string) {
	var b strings.Builder
	best, title := 0, ""
	for n := 0; n < e.g.titleMax && i+n <= j; n++ {
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.toks[i+n].key)
		if t, ok := e.g.titles[b.String()]; ok {
			best, title = n+1, t
		}
	}
	return best, title
}

// isOutlet reports whether the words i..j are the document's outlet
// ("The Harbor Wire" or "Harbor Wire" for an outlet "Harbor Wire").
func (e *extraction) isOutlet(i, j int) bool {
	outlet := e.doc.Meta.Outlet.Value
	if outlet == "" {
		return false
	}
	if e.outletKey == "" {
		e.outletKey = Key(outlet)
	}
	var b strings.Builder
	for k := i; k <= j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(e.toks[k].key)
	}
	return b.String() == e.outletKey
}

// stateWords follow a possessive country name: "Marvania's defence
// ministry", "Tolos's foreign ministry", "Iraq's government". Words that
// organisations have too ("president", "spokesman") are not among them.
var stateWords = map[string]bool{
	"government": true, "ministry": true, "army": true, "military": true, "prime": true,
	"foreign": true, "defence": true, "defense": true, "interior": true, "capital": true, "border": true,
	"borders": true, "embassy": true, "parliament": true, "ambassador": true, "troops": true, "economy": true,
	"citizens": true, "authorities": true, "territory": true, "airspace": true, "constitution": true,
	"navy": true, "air": true, "cabinet": true, "population": true,
}

// apposition finds a role or lower-case head word in the phrase after a
// comma behind the name ending at j: ", a teacher", ", a researcher at",
// ", the group's spokesman", ", a farming town". It looks at most four
// words and stops at a preposition, a verb-like word or punctuation.
func (e *extraction) apposition(j int) (Kind, string, bool) {
	n := j + 1
	if n >= len(e.toks) || e.toks[j].possessive || strings.TrimSpace(e.doc.Text[e.toks[j].end:e.toks[n].start]) != "," {
		return Other, "", false
	}
	if k := e.toks[n].key; k == "a" || k == "an" || k == "the" || k == "its" || k == "his" || k == "her" || k == "their" {
		n++
	}
	for w := 0; w < 4 && n < len(e.toks); w, n = w+1, n+1 {
		t := e.toks[n]
		if t.cap || t.digit || w > 0 && !e.connected(n) {
			return Other, "", false
		}
		if k, ok := e.g.roles[t.key]; ok {
			return k, t.key, true
		}
		if k, ok := e.g.lowerHeads[t.key]; ok && k == Place {
			return k, t.key, true
		}
		if e.g.stop[t.key] || t.possessive {
			return Other, "", false
		}
	}
	return Other, "", false
}

func (e *extraction) text(i, j int) string { return e.doc.Text[e.toks[i].start:e.toks[j].end] }

// definitionPass links "Popular Mobilization Units (PMU)": the acronym in
// parentheses and the words before it whose initials spell it.
func (e *extraction) definitionPass() {
	for a := range e.toks {
		if e.stopped() {
			return
		}
		t := e.toks[a]
		if !t.parenOpen || !t.parenClose || !(t.allCaps || t.dotted) || a == 0 {
			continue
		}
		letters := strings.ReplaceAll(t.key, "-", "")
		first := e.expansionStart(a, letters)
		if first < 0 {
			continue
		}
		last := a - 1
		exp := e.text(first, last)
		// the expansion's mention: reuse one that covers exactly these
		// words, else replace what overlaps them with a new one
		var ed *draft
		for k := first; k <= last; k++ {
			if u := e.toks[k].used; u > 0 {
				d := &e.drafts[u-1]
				if d.first == first && d.last == last {
					ed = d
					continue
				}
				if d.m.Gazetteer == "" {
					d.dropped = true
					for x := d.first; x <= d.last; x++ {
						e.toks[x].used = 0
					}
				}
			}
		}
		if ed == nil {
			kind, ev := Organisation, "acronym-definition:"+t.key
			if j := last; j > first {
				if k, ok := e.g.heads[e.toks[j].key]; ok {
					kind = k
				}
			}
			free := true
			for k := first; k <= last; k++ {
				free = free && e.toks[k].used == 0
			}
			if !free {
				continue
			}
			ed = e.add(first, last, kind, ev, confirmed)
		}
		ed.state = confirmed
		ed.m.Acronym = e.text(a, a)
		acr := e.acronymDraft(a)
		if acr == nil {
			continue
		}
		acr.m.Expansion = exp
		acr.state = confirmed
		if acr.m.Strength() < 4 && ed.m.Kind != Other {
			acr.m.Kind, acr.m.Evidence = ed.m.Kind, "acronym-definition:"+exp
		}
	}
}

func (e *extraction) acronymDraft(a int) *draft {
	if u := e.toks[a].used; u > 0 {
		return &e.drafts[u-1]
	}
	if e.toks[a].used == 0 {
		d := e.add(a, a, Organisation, "acronym", confirmed)
		d.m.IsAcronym = true
		return d
	}
	return nil
}

// expansionStart finds the first word of the expansion of the acronym at a
// (letters folded), the words right before the parenthesis whose initials
// spell it, or -1.
func (e *extraction) expansionStart(a int, letters string) int {
	if len(letters) < 2 {
		return -1
	}
	need := len(letters)
	pos := need // letters still to match, from the end
	for k := a - 1; k >= 0 && a-k <= need*2+2; k-- {
		if k < a-1 && !e.connected(k+1) {
			return -1
		}
		w := e.toks[k].key
		if w == "" {
			return -1
		}
		if initialSkip[w] && pos < need {
			continue
		}
		if w[0] != letters[pos-1] {
			// "al-Hashd al-Shaabi": an article does not count
			if articles[w] {
				continue
			}
			return -1
		}
		pos--
		if pos == 0 {
			return k
		}
	}
	return -1
}

// gazetteerEvidence is the evidence of a gazetteer match by kind, built
// once rather than for every mention.
var gazetteerEvidence = [...]string{
	Other: "gazetteer:other", Person: "gazetteer:person", Organisation: "gazetteer:organisation", Place: "gazetteer:place",
}

// finish drops unconfirmed drafts and returns the mentions in text order.
// Keys and evidence written alike share one string, which holds on to
// nothing else (a single word's key would otherwise be a window of the
// whole folded text).
func (e *extraction) finish() []Mention {
	shared := map[string]string{}
	share := func(s string) string {
		if v, ok := shared[s]; ok {
			return v
		}
		v := strings.Clone(s)
		shared[v] = v
		return v
	}
	confirmedKeys := map[string]bool{}
	for _, d := range e.drafts {
		if !d.dropped && d.state == confirmed {
			confirmedKeys[d.m.Key] = true
		}
	}
	out := make([]Mention, 0, len(e.drafts))
	for _, d := range e.drafts {
		if d.dropped || d.state == needsConfirm && !confirmedKeys[d.m.Key] {
			continue
		}
		d.m.Key, d.m.Evidence = share(d.m.Key), share(d.m.Evidence)
		out = append(out, d.m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}
