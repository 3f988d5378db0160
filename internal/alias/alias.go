// Package alias groups entity mentions into entities: one per person,
// organisation or place, whatever the spelling. Every merge carries a reason
// and a confidence; confident merges are applied, weaker ones become
// suggestions for the analyst, whose decisions (kept in
// <project>/.parallax/aliases.json) win over the automatic grouping on every
// run. Candidate pairs are found through blocking keys (folded key,
// skeleton, spelling, initials, surname, one-deletion neighbourhoods), never
// by comparing all forms with each other.
package alias

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// Reasons for merges.
const (
	ReasonSameKey   = "same folded key"
	ReasonGazetteer = "gazetteer alias"
	ReasonSpelling  = "spelling variant"
	ReasonSkeleton  = "romanisation skeleton"
	ReasonDefined   = "acronym defined in text"
	ReasonInitials  = "acronym initials"
	ReasonShortForm = "short form of full name"
	ReasonEdit      = "edit distance"
	ReasonAnalyst   = "analyst merge"
	// ReasonHeadNoun: "the Guards" for the one longer name ending in
	// "Guards" in the same documents. Only ever a suggestion.
	ReasonHeadNoun = "head noun of a longer name"
	// ReasonDemonym: "Marvanian" beside "Marvania". Only ever a
	// suggestion: an adjective describes, it does not name.
	ReasonDemonym = "adjective of a place"
	// ReasonCapital: "Washington" beside "United States" in the same
	// documents, news' way of naming a government. Only ever a suggestion:
	// the capital is also a city.
	ReasonCapital = "capital named for its country"
	// ReasonSurnameInDoc: a surname two people of the project share,
	// in a document naming only one of them.
	ReasonSurnameInDoc = "surname in a document naming only this person"
)

// Threshold is the confidence from which a merge is applied; weaker
// candidates down to SuggestFrom become suggestions.
const (
	Threshold   = 0.7
	SuggestFrom = 0.4
)

// Form is one surface form of an entity with its number of mentions.
type Form struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Merge says why a form joined an entity.
type Merge struct {
	Form       string  `json:"form"`
	Into       string  `json:"into"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
}

// Entity is one person, organisation, place or other named thing.
type Entity struct {
	// ID is stable across runs: derived from the canonical name's key.
	ID        string           `json:"id"`
	Name      string           `json:"name"`
	Kind      entity.Kind      `json:"kind"`
	Mentions  []entity.Mention `json:"-"`
	Documents []string         `json:"documents"`
	Forms     []Form           `json:"forms"`
	Merges    []Merge          `json:"merges"`
	// Keys are the folded keys of the entity's forms.
	Keys []string `json:"-"`
	// Ambiguous lists the IDs of the people a bare surname may stand for
	// when two or more of the project share it ("Rahimi" beside "Karim
	// Rahimi" and "Omid Rahimi"); Attached says, per document naming only
	// one of them, which one its mentions of the surname joined (the
	// ambiguous entity keeps only the mentions in documents naming several
	// of them or none, and is dropped when none are left).
	Ambiguous []string `json:"ambiguous,omitempty"`
	// Titles are the titles, honorifics and roles written before the
	// entity's name ("Secretary of State", "Sheikh"): descriptors, not
	// parts of the name.
	Titles   []string     `json:"titles,omitempty"`
	Attached []Attachment `json:"attached,omitempty"`
}

// Attachment ties an ambiguous surname's mentions in one document to the
// one person the document names.
type Attachment struct {
	Doc    string `json:"doc"`
	Entity string `json:"entity"`
}

// MarshalJSON writes the entity with its number of mentions.
func (e *Entity) MarshalJSON() ([]byte, error) {
	type plain Entity
	return json.Marshal(struct {
		*plain
		Mentions int `json:"mentions"`
	}{(*plain)(e), len(e.Mentions)})
}

// Suggestion is a possible merge of two entities the analyst may accept or
// reject.
type Suggestion struct {
	ID         string  `json:"id"`
	A          string  `json:"a"` // entity IDs
	B          string  `json:"b"`
	AName      string  `json:"a_name"`
	BName      string  `json:"b_name"`
	FormA      string  `json:"form_a"` // the forms that matched
	FormB      string  `json:"form_b"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
}

// Result is the grouping of a project's mentions.
type Result struct {
	Entities    []*Entity    `json:"entities"`
	Suggestions []Suggestion `json:"suggestions"`
	byID        map[string]*Entity
	byKey       map[string]*Entity
}

// Entity returns the entity with the ID, or nil.
func (r *Result) Entity(id string) *Entity { return r.byID[id] }

// EntityOf returns the entity a form (any spelling Key folds alike)
// belongs to, or nil.
func (r *Result) EntityOf(form string) *Entity { return r.byKey[entity.Key(form)] }

// node is one folded key with its mentions.
type node struct {
	key      string
	mentions []int32 // indexes into the mentions being grouped
	surfaces []surface
	gaz      int // gazetteer entry, -1 for none
	kindVote [4]int
	kind     entity.Kind
	acronym  bool
	// acronyms counts the mentions written as an acronym: a node is an
	// acronym when most are, not when a headline once wrote "COHEN".
	acronyms int
	expands  []string // keys of expansions defined in the text
	words    int
	split    bool
	docs     []int32 // sorted document numbers
	hyphArt  bool    // a surface form has an article: "al-Qaim", "al Bukamal", "Deir ez-Zor"
	// canon is the key of the Latin name a mention's gazetteer match gave
	// (a Cyrillic or Arabic-script form of a multilingual entry).
	canon string
	// titled: a title or honorific stands before the name ("Secretary
	// Pompeo"); core is the key read as a person's name (names.go).
	titled bool
	core   nameParts
	// ambiguous lists one full name of each person a bare surname may
	// stand for when two or more share it (shortForms).
	ambiguous []int
	// gazMixed: mentions of the key name different gazetteer entries, so
	// canon and gaz depend on the order of the mentions (never reused).
	gazRaw   string
	gazMixed bool
	// coreK caches coreKey(key, gaz), read by several rules (coreOf).
	coreK    string
	coreKSet bool
}

// coreOf returns coreKey(nd.key, gaz), computed once per node: the
// grouper's gazetteer never changes during a grouping.
func coreOf(nd *node, gaz *entity.Gazetteer) string {
	if !nd.coreKSet {
		nd.coreK, nd.coreKSet = coreKey(nd.key, gaz), true
	}
	return nd.coreK
}

// surface is one way a key is written, with its number of mentions. A key
// has few, so a slice beats a map in time and memory.
type surface struct {
	text  string
	count int
}

// addSurface counts one mention written text and reports whether the
// node had no mention written so before.
func (n *node) addSurface(text string) bool {
	text = oneLine(text)
	for i := range n.surfaces {
		if n.surfaces[i].text == text {
			n.surfaces[i].count++
			return false
		}
	}
	n.surfaces = append(n.surfaces, surface{text, 1})
	return true
}

// oneLine writes a form broken over lines ("Seren Valley\nWater
// Commission", from a wrapped PDF line) on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func (n *node) addDoc(d int32) {
	if k := len(n.docs); k == 0 || n.docs[k-1] != d {
		n.docs = append(n.docs, d)
	}
}

// sharedDocs counts the documents holding both nodes.
func sharedDocs(a, b *node) int {
	n, i, j := 0, 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		switch {
		case a.docs[i] < b.docs[j]:
			i++
		case a.docs[i] > b.docs[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// cooccur reports whether two nodes share a document.
func cooccur(a, b *node) bool {
	i, j := 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		switch {
		case a.docs[i] < b.docs[j]:
			i++
		case a.docs[i] > b.docs[j]:
			j++
		default:
			return true
		}
	}
	return false
}

type edge struct {
	a, b   int
	reason string
	conf   float64
}

type grouper struct {
	nodes  []*node
	idx    map[string]int
	parent []int
	gazOf  []int // per root: gazetteer entry or -1
	reject [][2]int
	edges  []edge
	merges []edge
	// givens are the full given names opening people's names in the
	// project (learnedGivenNames).
	givens map[string]bool
	// ru, when not nil, holds what an update may reuse (grouping.go).
	ru *reuse
	// docPaths are the documents' paths by number (canonicalOrder).
	docPaths []string
}

func (g *grouper) find(x int) int {
	for g.parent[x] != x {
		g.parent[x] = g.parent[g.parent[x]]
		x = g.parent[x]
	}
	return x
}

// union joins a and b unless a rejected pair or two gazetteer entries
// would end up together (force skips the gazetteer check).
func (g *grouper) union(a, b int, force bool) bool {
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return false
	}
	if !force && g.gazOf[ra] >= 0 && g.gazOf[rb] >= 0 && g.gazOf[ra] != g.gazOf[rb] {
		return false
	}
	for _, p := range g.reject {
		x, y := g.find(p[0]), g.find(p[1])
		if x == ra && y == rb || x == rb && y == ra {
			return false
		}
	}
	g.parent[rb] = ra
	if g.gazOf[ra] < 0 {
		g.gazOf[ra] = g.gazOf[rb]
	}
	return true
}

// Group groups mentions into entities with the gazetteer's aliases and the
// analyst's decisions (dec may be nil). mentions is left as it is: the
// entities' Mentions are windows of one new slice holding every grouped
// mention once. GroupInPlace saves that copy.
func Group(mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions) *Result {
	return group(mentions, gaz, dec, false)
}

// GroupInPlace is Group without a copy of the mentions: it reorders
// mentions in place, entity by entity (each in document and text order),
// and every Entity.Mentions is a window of it (capacity capped, so an
// append to one never writes into the next). Mentions with an empty Key
// end up after all entities. The grouping does not depend on the order of
// mentions, so the reordered slice may be grouped again (after new
// decisions) with the same result. Keys and evidence strings are shared
// between mentions that spell them alike.
func GroupInPlace(mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions) *Result {
	res, _ := GroupInPlaceContext(context.Background(), mentions, gaz, dec)
	return res
}

// GroupInPlaceContext is GroupInPlace that returns ctx's error, with
// mentions as they were, when ctx is cancelled before the mentions are
// placed (the last step, which is not interrupted: it reorders them).
func GroupInPlaceContext(ctx context.Context, mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions) (*Result, error) {
	return groupContext(ctx, mentions, gaz, dec, true)
}

func group(mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions, inPlace bool) *Result {
	res, _ := groupContext(context.Background(), mentions, gaz, dec, inPlace)
	return res
}

func groupContext(ctx context.Context, mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions, inPlace bool) (*Result, error) {
	return groupWith(ctx, mentions, gaz, dec, inPlace, nil)
}

// groupWith is groupContext that, given ru, reuses the entities ru says
// are unchanged and records every entity for the next update (grouping.go).
func groupWith(ctx context.Context, mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions, inPlace bool, ru *reuse) (*Result, error) {
	g := &grouper{idx: map[string]int{}, ru: ru}
	docIDs := map[string]int32{}
	lastDoc, lastID := "", int32(-1)
	for i, m := range mentions {
		if i%4096 == 4095 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if m.Key == "" {
			continue
		}
		if m.Doc != lastDoc || lastID < 0 {
			id, ok := docIDs[m.Doc]
			if !ok {
				id = int32(len(docIDs))
				docIDs[m.Doc] = id
			}
			lastDoc, lastID = m.Doc, id
		}
		n, ok := g.idx[m.Key]
		if !ok {
			n = len(g.nodes)
			g.idx[m.Key] = n
			// a key of its own: the mention's may be a window of a larger text
			g.nodes = append(g.nodes, &node{key: strings.Clone(m.Key), gaz: -1, words: len(strings.Fields(m.Key))})
		}
		nd := g.nodes[n]
		nd.mentions = append(nd.mentions, int32(i))
		// surfaceArticle reads the words, as oneLine keeps them: a
		// spelling already counted tells nothing new
		fresh := nd.addSurface(m.Text)
		nd.addDoc(lastID)
		if fresh && !nd.hyphArt && surfaceArticle(m.Text) {
			nd.hyphArt = true
		}
		if m.Kind != entity.Other {
			nd.kindVote[m.Kind] += max(1, m.Strength())
		}
		if m.IsAcronym {
			nd.acronyms++
		}
		if m.Gazetteer != "" {
			if nd.gazRaw == "" {
				nd.gazRaw = m.Gazetteer
			} else if nd.gazRaw != m.Gazetteer {
				nd.gazMixed = true
			}
		}
		if m.Gazetteer != "" && nd.canon == "" {
			nd.canon = entity.Key(m.Gazetteer)
		}
		if m.Gazetteer != "" && nd.gaz < 0 && gaz != nil {
			nd.gaz = gaz.EntryIndex(entity.Key(m.Gazetteer), false)
			if nd.gaz < 0 {
				nd.gaz = gaz.EntryIndex(entity.Key(m.Gazetteer), true) // "TASS" for "ТАСС"
			}
		}
		if m.Expansion != "" {
			if k := entity.Key(m.Expansion); !slices.Contains(nd.expands, k) {
				nd.expands = append(nd.expands, k)
			}
		}
	}
	for _, nd := range g.nodes {
		nd.acronym = nd.acronyms*2 > len(nd.mentions)
	}
	g.canonicalOrder(docIDs)
	g.parent = make([]int, len(g.nodes))
	g.gazOf = make([]int, len(g.nodes))
	for i, nd := range g.nodes {
		g.parent[i] = i
		if nd.gaz < 0 && gaz != nil {
			nd.gaz = gaz.EntryIndex(nd.key, nd.acronym)
			if nd.gaz < 0 {
				nd.gaz = gaz.EntryIndex(spelling(nd.key), nd.acronym)
			}
		}
		g.gazOf[i] = nd.gaz
		nd.kind = vote(nd.kindVote)
		if nd.gaz >= 0 {
			nd.kind = gaz.Entries()[nd.gaz].Kind
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g.learnedGivenNames(gaz)
	dec.prepare(g)
	g.candidates(gaz)
	g.crossMatches(mentions)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// the analyst's merges first, then the automatic ones by confidence
	if dec != nil {
		for _, m := range dec.Merges {
			a, okA := g.idx[entity.Key(m.A)]
			b, okB := g.idx[entity.Key(m.B)]
			if okA && okB && g.union(a, b, true) {
				g.merges = append(g.merges, edge{a, b, ReasonAnalyst, 1})
			}
		}
	}
	// by confidence, ties in node order: the same groups on every run
	sort.Slice(g.edges, func(i, j int) bool {
		a, b := g.edges[i], g.edges[j]
		if a.conf != b.conf {
			return a.conf > b.conf
		}
		if a.a != b.a {
			return a.a < b.a
		}
		if a.b != b.b {
			return a.b < b.b
		}
		return a.reason < b.reason
	})
	var weak []edge
	for _, e := range g.edges {
		if g.nodes[e.a].split || g.nodes[e.b].split {
			continue
		}
		if e.conf >= Threshold {
			if g.union(e.a, e.b, false) {
				g.merges = append(g.merges, e)
			}
		} else if e.conf >= SuggestFrom {
			weak = append(weak, e)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return g.result(mentions, gaz, dec, weak, inPlace), nil
}

// learnedGivenNames leans two- and three-word names of unknown kind
// towards person when their first word opens the names of at least two
// other people in the corpus ("Mara Lindqvist" beside "Mara Olsen, a
// researcher" and "Mara Voss said"): given names are learnt from the text,
// not from a list. A first word that is itself a known name ("Virginia
// Beach") or a last word that is a head word ("Mara Institute") tells
// nothing.
func (g *grouper) learnedGivenNames(gaz *entity.Gazetteer) {
	firsts := map[string]int{}
	for _, nd := range g.nodes {
		if nd.kind == entity.Person && nd.words >= 2 && nd.words <= 3 && !nd.acronym && nd.kindVote[entity.Person] > 0 {
			firsts[firstWord(nd.key)]++
		}
	}
	g.givens = map[string]bool{}
	if gaz != nil {
		for f := range firsts {
			for _, gv := range gaz.GivenNames(f) {
				g.givens[gv] = true
			}
		}
	}
	for _, nd := range g.nodes {
		if nd.kind != entity.Other || nd.words < 2 || nd.words > 3 || nd.acronym || nd.gaz >= 0 {
			continue
		}
		first := firstWord(nd.key)
		if firsts[first] < 2 || entity.IsArticle(first) || strings.Contains(nd.key, " of ") || strings.Contains(nd.key, " the ") {
			continue // "Bill of Rights"
		}
		if gaz != nil {
			if gaz.EntryIndex(first, false) >= 0 || gaz.IsStopword(first) {
				continue
			}
			if _, head := gaz.HeadKind(nd.key[strings.LastIndexByte(nd.key, ' ')+1:]); head {
				continue
			}
		}
		nd.kind = entity.Person
		nd.kindVote[entity.Person]++
	}
}

func firstWord(key string) string {
	if i := strings.IndexByte(key, ' '); i >= 0 {
		return key[:i]
	}
	return key
}

// canonicalOrder numbers the nodes by key and the documents by path, so
// that the grouping does not depend on the order of the mentions.
func (g *grouper) canonicalOrder(docIDs map[string]int32) {
	paths := make([]string, len(docIDs))
	for p, id := range docIDs {
		paths[id] = p
	}
	order := make([]int32, len(paths))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(paths[a], paths[b]) })
	g.docPaths = make([]string, len(order))
	for r, id := range order {
		g.docPaths[r] = paths[id]
	}
	rank := make([]int32, len(paths))
	for r, id := range order {
		rank[id] = int32(r)
	}
	slices.SortFunc(g.nodes, func(a, b *node) int { return strings.Compare(a.key, b.key) })
	for i, nd := range g.nodes {
		g.idx[nd.key] = i
		for k, d := range nd.docs {
			nd.docs[k] = rank[d]
		}
		slices.Sort(nd.docs)
		nd.docs = slices.Compact(nd.docs)
		slices.Sort(nd.expands)
	}
}

// vote returns the kind with the most evidence, Other when none.
func vote(v [4]int) entity.Kind {
	best := entity.Other
	for k := 1; k < len(v); k++ {
		if v[k] > 0 && v[k] > v[best] {
			best = entity.Kind(k)
		}
	}
	return best
}

func compatible(a, b entity.Kind) bool { return a == b || a == entity.Other || b == entity.Other }

func (g *grouper) add(a, b int, reason string, conf float64) {
	if a == b {
		return
	}
	g.edges = append(g.edges, edge{a, b, reason, conf})
}

// candidates proposes merges through blocking keys.
func (g *grouper) candidates(gaz *entity.Gazetteer) {
	blocks := func(keyOf func(*node) string) map[string][]int {
		m := map[string][]int{}
		for i, nd := range g.nodes {
			if k := keyOf(nd); k != "" {
				m[k] = append(m[k], i)
			}
		}
		return m
	}
	// gazetteer aliases
	for _, ids := range blocks(func(n *node) string {
		if n.gaz < 0 {
			return ""
		}
		return fmt.Sprint(n.gaz)
	}) {
		for _, b := range ids[1:] {
			g.add(ids[0], b, ReasonGazetteer, 0.98)
		}
	}
	// spelling variants
	for _, ids := range blocks(func(n *node) string { return spelling(n.key) }) {
		for _, b := range ids[1:] {
			if compatible(g.nodes[ids[0]].kind, g.nodes[b].kind) {
				g.add(ids[0], b, ReasonSpelling, 0.95)
			}
		}
	}
	// romanisation skeleton, on the key without place head words
	for _, ids := range blocks(func(n *node) string {
		if n.acronym {
			return ""
		}
		sk := Skeleton(coreOf(n, gaz))
		if consonants(sk) < 2 {
			return ""
		}
		return sk
	}) {
		if len(ids) > 50 {
			continue // a skeleton shared by that many forms tells nothing
		}
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				a, b := g.nodes[ids[x]], g.nodes[ids[y]]
				if !compatible(a.kind, b.kind) {
					continue
				}
				if conf := skeletonConfidence(a, b, gaz); conf > 0 {
					g.add(ids[x], ids[y], ReasonSkeleton, conf)
				}
			}
		}
	}
	g.frenchSpellings(gaz)
	// acronyms defined in the text
	for i, nd := range g.nodes {
		for _, k := range nd.expands {
			if j, ok := g.idx[k]; ok {
				g.add(j, i, ReasonDefined, 0.95)
			}
		}
	}
	// acronym initials
	byInit := blocks(func(n *node) string {
		if n.acronym {
			return ""
		}
		return initials(n.key)
	})
	for i, nd := range g.nodes {
		if !nd.acronym || nd.gaz >= 0 {
			continue // a known acronym's expansions are its aliases: "U.S." is no "Untold Story"
		}
		cands := byInit[strings.ReplaceAll(nd.key, " ", "")]
		if len(cands) == 0 || len(cands) > 20 {
			continue // none, or too many expansions to tell
		}
		for _, c := range cands {
			cn := g.nodes[c]
			if cn.kind == entity.Person || cn.gaz >= 0 {
				// a known name's acronyms are its aliases: "Etats-Unis" is
				// no expansion of "EU"
				continue
			}
			if !cooccur(nd, cn) || len(nd.key) < 3 && len(cands) > 1 {
				// initials met in different articles, or two letters that
				// open several names: chance ("FB" ~ "Foggy Bottom")
				continue
			}
			conf := 0.75
			if len(nd.key) < 3 || len(cands) > 1 {
				conf = 0.45
			}
			g.add(c, i, ReasonInitials, conf)
		}
	}
	g.nameVariants(gaz)
	g.editDistance()
	g.shortForms(gaz) // after the rules that tell which full names are one person
	g.headNouns(gaz)
	g.capitals(gaz)
	g.crossScript()
}

// capitals suggests joining a capital to its country when documents name
// both: "Washington struck", "Tehran condemned" stand for governments, and
// which name an outlet uses for a state is part of how it frames it. The
// analyst accepts the suggestion when the city is hardly meant as a city.
func (g *grouper) capitals(gaz *entity.Gazetteer) {
	if gaz == nil {
		return
	}
	byEntry := map[int]int{} // gazetteer entry → its first node
	for i, nd := range g.nodes {
		if _, seen := byEntry[nd.gaz]; nd.gaz >= 0 && !seen {
			byEntry[nd.gaz] = i
		}
	}
	for i, nd := range g.nodes { // in node order: the same edges every run
		if nd.gaz < 0 || byEntry[nd.gaz] != i {
			continue
		}
		country, ok := gaz.CapitalOf(nd.gaz)
		if !ok {
			continue
		}
		if c, ok := byEntry[country]; ok && cooccur(g.nodes[i], g.nodes[c]) {
			g.add(c, i, ReasonCapital, SuggestFrom+0.05)
		}
	}
}

// headNouns suggests joining a lone head word ("Guards", "Commission") to
// the longer organisation name ending in it ("Northern Valley Guards")
// when, in the documents holding the head word, exactly one such name
// stands.
func (g *grouper) headNouns(gaz *entity.Gazetteer) {
	if gaz == nil {
		return
	}
	byLast := map[string][]int{}
	for i, nd := range g.nodes {
		if nd.words < 2 || nd.acronym || nd.kind != entity.Organisation {
			continue
		}
		last := nd.key[strings.LastIndexByte(nd.key, ' ')+1:]
		if k, ok := gaz.HeadKind(last); ok && k == entity.Organisation {
			byLast[last] = append(byLast[last], i)
		}
	}
	for i, nd := range g.nodes {
		if nd.words != 1 || nd.acronym || nd.gaz >= 0 || nd.kind != entity.Other && nd.kind != entity.Organisation {
			continue
		}
		cands := byLast[nd.key]
		if len(cands) == 0 {
			continue
		}
		only := -1
		for _, c := range cands {
			if !cooccur(nd, g.nodes[c]) {
				continue
			}
			if only >= 0 {
				only = -2 // two names end in the word: no telling which
				break
			}
			only = c
		}
		if only >= 0 {
			g.add(only, i, ReasonHeadNoun, 0.5)
		}
	}
}

// demonymPair reports whether one key is the other with a demonym ending:
// "marvania"/"marvanian", "japan"/"japanese", "iraq"/"iraqi".
func demonymPair(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	rest, ok := strings.CutPrefix(b, a)
	if !ok {
		if strings.HasSuffix(a, "a") {
			rest, ok = strings.CutPrefix(b, a[:len(a)-1])
		}
		if !ok {
			return false
		}
	}
	switch rest {
	case "n", "an", "ian", "ese", "i", "ish", "ean":
		return true
	}
	return false
}

// skeletonConfidence rates two forms with the same romanisation skeleton:
// their words must pair up with the same first letter (q and k alike) and
// differ in at most half their letters, and at least one of them must look
// transliterated from Arabic or Persian. 0 means no candidate.
func skeletonConfidence(a, b *node, gaz *entity.Gazetteer) float64 {
	wa := strings.Fields(stripArticles(coreOf(a, gaz)))
	wb := strings.Fields(stripArticles(coreOf(b, gaz)))
	if len(wa) != len(wb) {
		return 0
	}
	maxD := 0
	for i := range wa {
		x, y := strings.ReplaceAll(wa[i], "'", ""), strings.ReplaceAll(wb[i], "'", "")
		if firstFold(x) != firstFold(y) {
			return 0
		}
		d := distance(x, y, len(x))
		if d*2 > max(len(x), len(y))+1 {
			return 0
		}
		maxD = max(maxD, d)
	}
	strong := a.hyphArt || b.hyphArt || strings.ContainsRune(a.key+b.key, '\'') || romanisedLetters(a.key) || romanisedLetters(b.key) ||
		arabicParticle(a.key) || arabicParticle(b.key)
	cons := consonants(Skeleton(coreOf(a, gaz)))
	// two people's or places' names of two words or more with the same
	// skeleton and no mark of transliteration ("Hasan Rohani", "Tal
	// Abyad"): a suggestion, never a merge
	weak := a.kind == b.kind && (a.kind == entity.Person || a.kind == entity.Place) && len(wa) >= 2 && cons >= 3 &&
		vowelVariants(wa, wb)
	switch {
	case !strong && !weak:
		return 0
	case len(wa) == 1 && maxD >= 2:
		return 0.55 // one word two edits apart: "al-Turki" / "Turkey"
	case !strong:
		return 0.6
	case cons >= 3:
		return 0.9
	}
	return 0.8
}

func firstFold(w string) byte {
	if w == "" {
		return 0
	}
	switch c := w[0]; c {
	case 'q', 'g':
		return 'k'
	case 'd':
		if len(w) > 1 && w[1] == 'h' {
			return 'z'
		}
		return c
	default:
		return c
	}
}

// romanisedLetters: q not followed by u, or kh/dh inside a word.
func romanisedLetters(key string) bool {
	for i := 0; i+1 < len(key); i++ {
		if key[i] == 'q' && key[i+1] != 'u' && key[i+1] != ' ' {
			return true
		}
		if i > 0 && key[i+1] == 'h' && (key[i] == 'k' || key[i] == 'd') && key[i-1] != ' ' {
			return true
		}
	}
	return false
}

// surfaceArticle reports whether a surface form holds a transliterated
// article: joined to a word with a hyphen ("al-Qaim", "Deir ez-Zor") or a
// lower-case "al"/"el" standing alone ("al Bukamal"). A capitalised "Al"
// alone may be a given name ("Al Gore").
func surfaceArticle(s string) bool {
	for _, w := range strings.Fields(s) {
		if w == "al" || w == "el" {
			return true
		}
	}
	f := strings.ToLower(s)
	for i := 0; i < len(f); i++ {
		if f[i] != '-' || i < 2 {
			continue
		}
		j := i
		for j > 0 && f[j-1] >= 'a' && f[j-1] <= 'z' {
			j--
		}
		if entity.IsArticle(f[j:i]) {
			return true
		}
	}
	return false
}

// coreKey drops place head words at the end of a key ("ain assad air
// base" → "ain assad"), titles before it ("sheikh naim qabalan" → "naim
// qabalan") and writes the compounds of Arabic names one way ("albu
// hardan", "abu hardan", "al buhardan" → "buhardan"; "abdul rahman",
// "abdel rahman" → "abdrahman").
func coreKey(key string, gaz *entity.Gazetteer) string {
	if gaz == nil {
		return key
	}
	key = arabicCompounds(key)
	if w := strings.Fields(key); len(w) > 1 {
		if n := gaz.TitleAt(w); n > 0 && n < len(w) {
			key = strings.Join(w[n:], " ")
		}
	}
	words := strings.Fields(key)
	for len(words) > 1 {
		if len(words) > 2 {
			if k, ok := gaz.HeadKind(words[len(words)-2] + " " + words[len(words)-1]); ok && k == entity.Place {
				words = words[:len(words)-2]
				continue
			}
		}
		if k, ok := gaz.HeadKind(words[len(words)-1]); ok && k == entity.Place {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return strings.Join(words, " ")
}

// editDistance links forms of the same kind one or two edits apart, found
// through one-deletion neighbourhoods of their keys without articles.
func (g *grouper) editDistance() {
	// The buckets are runs of one hash in a sorted list of (hash, node):
	// a map of a million small slices cost more than the comparisons. A
	// node whose key gives one hash twice stands twice in its bucket, as
	// it did in the map's.
	type hashNode struct {
		h uint64
		n int
	}
	var hs []hashNode
	stripped := make([]string, len(g.nodes))
	for i, nd := range g.nodes {
		s := stripArticles(nd.key)
		stripped[i] = s
		if len(s) < 5 || len(s) > 40 || nd.acronym {
			continue
		}
		for _, d := range deletions(s) {
			hs = append(hs, hashNode{d, i})
		}
	}
	slices.SortFunc(hs, func(a, b hashNode) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.n, b.n)
	})
	done := map[[2]int]bool{}
	var ids []int
	for lo := 0; lo < len(hs); {
		hi := lo + 1
		for hi < len(hs) && hs[hi].h == hs[lo].h {
			hi++
		}
		if hi-lo < 2 || hi-lo > 30 {
			lo = hi
			continue
		}
		ids = ids[:0]
		for _, x := range hs[lo:hi] {
			ids = append(ids, x.n)
		}
		lo = hi
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				a, b := ids[x], ids[y]
				if a > b {
					a, b = b, a
				}
				if a == b || done[[2]int{a, b}] {
					continue
				}
				done[[2]int{a, b}] = true
				na, nb := g.nodes[a], g.nodes[b]
				if !compatible(na.kind, nb.kind) {
					continue
				}
				if hasDigitDiff(stripped[a], stripped[b]) {
					continue
				}
				d := distance(stripped[a], stripped[b], 2)
				if d == 0 {
					if na.hyphArt || nb.hyphArt {
						g.add(a, b, ReasonSkeleton, 0.9) // only articles differ
					}
					continue
				}
				if d > 2 {
					continue
				}
				if (na.kind == entity.Place || nb.kind == entity.Place) && demonymPair(stripped[a], stripped[b]) {
					g.add(a, b, ReasonDemonym, SuggestFrom)
					continue
				}
				conf := editConfidence(stripped[a], stripped[b], d)
				if na.kind == entity.Other && nb.kind == entity.Other && na.words == 1 && nb.words == 1 {
					conf = min(conf, Threshold-0.1) // two unknown words: "Resolution"/"Revolution"
				}
				if conf >= Threshold && na.words == 1 && nb.words == 1 && d == 1 && na.kind == entity.Person &&
					min(len(na.mentions), len(nb.mentions))*4 > max(len(na.mentions), len(nb.mentions)) {
					// two surnames one letter apart, both common: two people
					// ("Brandon"/"Branson"), not a typo, which is rare beside
					// the right spelling ("Petreaus"/"Petraeus")
					conf = Threshold - 0.1
				}
				if conf < Threshold && max(len(stripped[a]), len(stripped[b])) < 7 && !cooccur(na, nb) {
					continue // a short pair from different articles: noise
				}
				g.add(a, b, ReasonEdit, conf)
			}
		}
	}
}

// editConfidence rates two keys d edits apart: it drops with the distance
// and rises with the length of the words that differ. Inflections
// ("Republican"/"Republicans", "Alaska"/"Alaskan") and changes in short
// words ("George H"/"George W", "Carey"/"Casey") stay suggestions at most.
func editConfidence(a, b string, d int) float64 {
	l := min(len(a), len(b))
	conf := 1 - 1.6*float64(d)/float64(l)
	if a[0] != b[0] {
		conf = min(conf, Threshold-0.05)
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if strings.HasPrefix(long, short) {
		switch long[len(short):] {
		case "s", "es", "n", "an", "ns", "ans", "i", "is", "ese", "ian", "ians", "ish", "ic":
			return min(conf, 0.5)
		}
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == len(wb) {
		for i := range wa {
			if wa[i] == wb[i] {
				continue
			}
			n := min(len(wa[i]), len(wb[i]))
			if n <= 3 {
				return 0 // "George H"/"George W", "D-Texas"/"R-Texas"
			}
			if d == 1 && n < 7 || d == 2 && n < 10 {
				conf = min(conf, Threshold-0.1)
			}
		}
	}
	return conf
}

func hasDigitDiff(a, b string) bool {
	digits := func(s string) string {
		var out []byte
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				out = append(out, s[i])
			}
		}
		return string(out)
	}
	return digits(a) != digits(b)
}

// result builds the entities and suggestions.
func (g *grouper) result(mentions []entity.Mention, gaz *entity.Gazetteer, dec *Decisions, weak []edge, inPlace bool) *Result {
	groups := map[int][]int{}
	var roots []int
	for i := range g.nodes {
		r := g.find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	res := &Result{Entities: []*Entity{}, Suggestions: []Suggestion{}, byID: map[string]*Entity{}, byKey: map[string]*Entity{}}
	entOf := map[int]*Entity{}
	// Every grouped mention goes once into one slice, entity by entity; the
	// entities' Mentions are windows of it. dest[i] is where mentions[i]
	// goes.
	grouped := 0
	for _, nd := range g.nodes {
		grouped += len(nd.mentions)
	}
	dest := make([]int32, len(mentions))
	for i := range dest {
		dest[i] = -1
	}
	var all []entity.Mention
	if inPlace {
		all = mentions
	} else {
		all = make([]entity.Mention, grouped)
	}
	evidence := map[string]string{}
	next := int32(0)
	plan := g.planAttachments(mentions, groups)
	size := make(map[int]int, len(roots)) // mentions per entity
	for _, r := range roots {
		members := groups[r]
		e := &Entity{Merges: []Merge{}}
		var kindVote [4]int
		canon, canonScore := -1, -1.0
		forms := map[string]int{}
		docs := map[string]bool{}
		gazEntry := -1
		// an entity no ambiguous surname's attachments touch has the
		// documents of its nodes; the others, those of the mentions taken
		planned := inPlan(plan, r)
		take := func(mi int32) {
			dest[mi] = next
			next++
			size[r]++
			if planned {
				docs[mentions[mi].Doc] = true
			}
			if t, ok := strings.CutPrefix(mentions[mi].Evidence, "title:"); ok && !slices.Contains(e.Titles, t) {
				e.Titles = append(e.Titles, t)
			}
		}
		var kept *keptEntity
		if g.ru != nil {
			kept = g.ru.lookup(g, members, plan, r)
		}
		for _, n := range members {
			nd := g.nodes[n]
			if kept != nil {
				// an unchanged entity: only its mentions' places
				for _, mi := range nd.mentions {
					dest[mi] = next
					next++
				}
				size[r] += len(nd.mentions)
				continue
			}
			e.Keys = append(e.Keys, nd.key)
			for k, v := range nd.kindVote {
				kindVote[k] += v
			}
			if nd.gaz >= 0 && gazEntry < 0 {
				gazEntry = nd.gaz
			}
			for _, sf := range nd.surfaces {
				forms[sf.text] += sf.count
			}
			for _, mi := range nd.mentions {
				if _, moved := plan.to[mi]; moved {
					forms[oneLine(mentions[mi].Text)]--
					continue
				}
				take(mi)
			}
			if nd.titled {
				if t := titleOf(nd); t != "" && !slices.Contains(e.Titles, t) {
					e.Titles = append(e.Titles, t)
				}
			}
			score := float64(len(nd.mentions)) * (1 + 0.5*float64(nd.words-1))
			if nd.acronym {
				score *= 0.5
			}
			if score > canonScore || score == canonScore && nd.key < g.nodes[canon].key {
				canon, canonScore = n, score
			}
		}
		for _, mi := range plan.extra[r] {
			forms[oneLine(mentions[mi].Text)]++
			take(mi)
		}
		if size[r] == 0 {
			// an ambiguous surname whose every mention joined the one
			// person its document names
			continue
		}
		if kept != nil {
			kept.fill(e)
		} else {
			g.describe(e, members, kindVote, canon, gazEntry, forms, docs, planned, gaz, dec)
		}
		// same-key merges of surface forms (in the order the list first
		// writes them: not reused from an earlier list)
		for _, n := range members {
			nd := g.nodes[n]
			main := bestSurface(nd.surfaces)
			for _, sf := range nd.surfaces {
				if sf.text != main {
					e.Merges = append(e.Merges, Merge{Form: sf.text, Into: main, Reason: ReasonSameKey, Confidence: 1})
				}
			}
		}
		e.ID = "e-" + slug(entity.Key(e.Name))
		res.Entities = append(res.Entities, e)
		entOf[r] = e
		for _, k := range e.Keys {
			res.byKey[k] = e
		}
		if kept != nil {
			for _, k := range kept.native {
				if res.byKey[k] == nil {
					res.byKey[k] = e
				}
			}
		} else {
			// native forms have stems or clitic-free keys: find them as written too
			for f := range forms {
				if k := entity.Key(f); res.byKey[k] == nil && translit.ScriptOf(f) > translit.Latin {
					res.byKey[k] = e
				}
			}
		}
		if g.ru != nil {
			g.ru.record(g, members, plan, r, e, kept, forms)
		}
	}
	g.place(mentions, all, dest, inPlace, evidence)
	return g.finish(res, roots, entOf, size, all, plan, weak, dec)
}

// describe names an entity from its nodes, forms and documents: its
// kind, name (the gazetteer's, the analyst's or the best full name),
// forms, documents and titles.
func (g *grouper) describe(e *Entity, members []int, kindVote [4]int, canon int, gazEntry int, forms map[string]int, docs map[string]bool, planned bool, gaz *entity.Gazetteer, dec *Decisions) {
	e.Kind = vote(kindVote)
	if e.Kind == entity.Person {
		// a person is named by the full name, not the surname
		canon = -1
		canonScore := -1.0
		for _, n := range members {
			nd := g.nodes[n]
			score := float64(len(nd.mentions))
			if nd.words > 1 && !nd.acronym && (nd.core.given != "" || nd.core.surname == "") {
				score += 1e9
			}
			if !nd.titled {
				score += 1e8 // "Mike Pompeo", not "Secretary of State Mike Pompeo"
			}
			if score > canonScore || score == canonScore && nd.key < g.nodes[canon].key {
				canon, canonScore = n, score
			}
		}
	}
	// The name shown is undisguised: forms keep how documents wrote it.
	e.Name = textnorm.Undisguise(bestSurface(g.nodes[canon].surfaces))
	if gazEntry >= 0 {
		ent := gaz.Entries()[gazEntry]
		e.Name, e.Kind = ent.Name, ent.Kind
	}
	if dec != nil {
		for _, rn := range dec.Renames {
			for _, k := range e.Keys {
				if k == entity.Key(rn.Form) {
					e.Name = rn.Name
				}
			}
		}
	}
	for s, c := range forms {
		if c > 0 {
			e.Forms = append(e.Forms, Form{Text: s, Count: c})
		}
	}
	sort.Slice(e.Forms, func(i, j int) bool {
		if e.Forms[i].Count != e.Forms[j].Count {
			return e.Forms[i].Count > e.Forms[j].Count
		}
		return e.Forms[i].Text < e.Forms[j].Text
	})
	if planned {
		for d := range docs {
			e.Documents = append(e.Documents, d)
		}
		sort.Strings(e.Documents)
	} else {
		// documents are numbered in path order: sorted numbers, sorted paths
		var nums []int32
		for _, n := range members {
			nums = append(nums, g.nodes[n].docs...)
		}
		slices.Sort(nums)
		for _, d := range slices.Compact(nums) {
			e.Documents = append(e.Documents, g.docPaths[d])
		}
	}
	sort.Strings(e.Titles)
}

// finish gives the entities their mentions (windows of all), merges,
// unique IDs, order and ambiguities, and builds the suggestions.
func (g *grouper) finish(res *Result, roots []int, entOf map[int]*Entity, size map[int]int, all []entity.Mention, plan attachPlan, weak []edge, dec *Decisions) *Result {
	start := 0
	var ws windowSorter
	for _, r := range roots {
		e := entOf[r]
		if e == nil {
			continue
		}
		n := size[r]
		e.Mentions = all[start : start+n : start+n]
		ws.sort(e.Mentions)
		start += n
	}
	for _, m := range g.merges {
		e := entOf[g.find(m.a)]
		if e == nil {
			continue // an ambiguous surname dropped, its mentions attached
		}
		e.Merges = append(e.Merges, Merge{Form: bestSurface(g.nodes[m.b].surfaces), Into: bestSurface(g.nodes[m.a].surfaces), Reason: m.reason, Confidence: round(m.conf)})
	}
	sort.Slice(res.Entities, func(i, j int) bool {
		a, b := res.Entities[i], res.Entities[j]
		if len(a.Mentions) != len(b.Mentions) {
			return len(a.Mentions) > len(b.Mentions)
		}
		return a.ID < b.ID
	})
	// unique IDs
	seen := map[string]int{}
	for _, e := range res.Entities {
		seen[e.ID]++
		if c := seen[e.ID]; c > 1 {
			e.ID = fmt.Sprintf("%s-%d", e.ID, c)
		}
		res.byID[e.ID] = e
		sort.SliceStable(e.Merges, func(i, j int) bool { return e.Merges[i].Confidence > e.Merges[j].Confidence })
	}
	markAmbiguous(plan, entOf)
	// suggestions
	best := map[[2]string]Suggestion{}
	for _, w := range weak {
		ra, rb := g.find(w.a), g.find(w.b)
		if ra == rb || dec.rejected(g.nodes[w.a].key, g.nodes[w.b].key) {
			continue
		}
		// Two known entities are never the same one, but a capital may
		// stand for its country.
		if g.gazOf[ra] >= 0 && g.gazOf[rb] >= 0 && g.gazOf[ra] != g.gazOf[rb] && w.reason != ReasonCapital {
			continue
		}
		ea, eb := entOf[ra], entOf[rb]
		if ea == nil || eb == nil {
			continue // an ambiguous surname dropped, its mentions attached
		}
		k := [2]string{min(ea.ID, eb.ID), max(ea.ID, eb.ID)}
		// The country first ("United States ⟷ Washington"); otherwise in
		// the order of the entities' IDs.
		if w.reason != ReasonCapital && ea.ID > eb.ID {
			ea, eb = eb, ea
			w.a, w.b = w.b, w.a
		}
		if s, ok := best[k]; ok && s.Confidence >= w.conf {
			continue
		}
		fa, fb := bestSurface(g.nodes[w.a].surfaces), bestSurface(g.nodes[w.b].surfaces)
		best[k] = Suggestion{ID: suggestionID(g.nodes[w.a].key, g.nodes[w.b].key), A: ea.ID, B: eb.ID,
			AName: ea.Name, BName: eb.Name, FormA: fa, FormB: fb, Reason: w.reason, Confidence: round(w.conf)}
	}
	for _, s := range best {
		res.Suggestions = append(res.Suggestions, s)
	}
	sort.Slice(res.Suggestions, func(i, j int) bool {
		a, b := res.Suggestions[i], res.Suggestions[j]
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		return a.ID < b.ID
	})
	return res
}

// place moves every grouped mention to its place in all (dest[i] for
// mentions[i], -1 for an ungrouped one), with its key shared with its node
// and its evidence shared with mentions of the same evidence. In place,
// all is mentions and the permutation follows its cycles; ungrouped
// mentions fill the places after the grouped ones.
func (g *grouper) place(mentions, all []entity.Mention, dest []int32, inPlace bool, evidence map[string]string) {
	// every grouped mention takes its node's key, found through the
	// node's mention list rather than a lookup by key per mention
	share := func(set func(i int32, key string)) {
		for _, nd := range g.nodes {
			for _, mi := range nd.mentions {
				set(mi, nd.key)
			}
		}
	}
	keyOf := func(m *entity.Mention) {
		if ev, ok := evidence[m.Evidence]; ok {
			m.Evidence = ev
		} else {
			evidence[m.Evidence] = m.Evidence
		}
	}
	if !inPlace {
		for i := range mentions {
			if d := dest[i]; d >= 0 {
				all[d] = mentions[i]
				keyOf(&all[d])
			}
		}
		share(func(i int32, key string) { all[dest[i]].Key = key })
		return
	}
	share(func(i int32, key string) { mentions[i].Key = key })
	free := int32(0)
	for _, d := range dest {
		if d >= 0 {
			free++
		}
	}
	for i := range dest {
		if dest[i] < 0 {
			dest[i] = free
			free++
		}
	}
	for i := range mentions {
		for int(dest[i]) != i {
			j := dest[i]
			mentions[i], mentions[j] = mentions[j], mentions[i]
			dest[i], dest[j] = dest[j], dest[i]
		}
	}
	for i := range mentions {
		keyOf(&mentions[i])
	}
}

// windowSorter puts an entity's mentions in document and text order.
// Without two mentions at the same place the order is unique, so a sort
// of indexes (cheaper than moving mentions at every step) gives it; with
// such ties the order is the one sort.Slice leaves, which depends on its
// moves, so sort.Slice does it.
type windowSorter struct {
	idx []int32
	buf []entity.Mention
}

func (w *windowSorter) sort(ms []entity.Mention) {
	if strictlyOrdered(ms) {
		return
	}
	w.idx = w.idx[:0]
	for i := range ms {
		w.idx = append(w.idx, int32(i))
	}
	slices.SortFunc(w.idx, func(x, y int32) int {
		a, b := &ms[x], &ms[y]
		if c := strings.Compare(a.Doc, b.Doc); c != 0 {
			return c
		}
		return cmp.Compare(a.Span.Start, b.Span.Start)
	})
	for k := 1; k < len(w.idx); k++ {
		if a, b := &ms[w.idx[k-1]], &ms[w.idx[k]]; a.Doc == b.Doc && a.Span.Start == b.Span.Start {
			sort.Slice(ms, func(i, j int) bool {
				a, b := &ms[i], &ms[j]
				if a.Doc != b.Doc {
					return a.Doc < b.Doc
				}
				return a.Span.Start < b.Span.Start
			})
			return
		}
	}
	w.buf = append(w.buf[:0], ms...)
	for k, x := range w.idx {
		ms[k] = w.buf[x]
	}
}

// strictlyOrdered reports whether ms is in document and text order with no
// two mentions at the same place.
func strictlyOrdered(ms []entity.Mention) bool {
	for i := 1; i < len(ms); i++ {
		a, b := &ms[i-1], &ms[i]
		if a.Doc > b.Doc || a.Doc == b.Doc && a.Span.Start >= b.Span.Start {
			return false
		}
	}
	return true
}

func round(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// bestSurface picks the form to show among a key's surface forms: the most
// frequent, preferring mixed case over all-lower or all-upper.
func bestSurface(s []surface) string {
	best, bestScore := "", -1
	for _, sf := range s {
		t, c := sf.text, sf.count
		score := c * 4
		if t != strings.ToLower(t) && t != strings.ToUpper(t) {
			score += 2
		}
		if score > bestScore || score == bestScore && t < best {
			best, bestScore = t, score
		}
	}
	return best
}

func slug(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '\'':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func suggestionID(a, b string) string {
	if a > b {
		a, b = b, a
	}
	h := fnv.New64a()
	h.Write([]byte(a + "\x00" + b))
	return fmt.Sprintf("s-%012x", h.Sum64()&0xffffffffffff)
}
