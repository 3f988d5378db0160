package alias

import (
	"slices"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// surnameOf returns the surname a full name ends with (titles, suffixes
// and articles left out) and the first half of a double surname, or ""s
// when the node is no full name.
func surnameOf(nd *node) (last, first string) {
	if nd.core.surname != "" && nd.core.given != "" {
		return nd.core.surname, nd.core.first
	}
	if nd.titled {
		return "", "" // "Secretary Pennock" is a short form
	}
	words := strings.Fields(stripArticles(nd.key))
	if len(words) < 2 {
		return "", ""
	}
	return words[len(words)-1], ""
}

// shortKey returns the surname a short form stands for: the key itself
// ("pompeo", "al rashidi" → "rashidi") or the name behind a title
// ("secretary pompeo").
func shortKey(nd *node) string {
	if nd.titled && nd.core.given == "" && nd.core.surname != "" {
		return nd.core.surname
	}
	return stripArticles(nd.key)
}

// identities numbers the people among the nodes: nodes joined by a
// confident edge proposed so far (a spelling, a title, an initial, a
// nickname) are one person to a short form.
func (g *grouper) identities() []int {
	parent := make([]int, len(g.nodes))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, e := range g.edges {
		if e.conf >= Threshold {
			if a, b := find(e.a), find(e.b); a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	for i := range parent {
		parent[i] = find(i)
	}
	return parent
}

// shortCandidate is one person (all the full names of one identity) a
// short form may stand for.
type shortCandidate struct {
	nodes    []int
	dist     int
	mentions int
	docs     []int32
	person   bool
}

// shortForms links a one-word surname (or a title and a surname) to the
// unique person whose full name ends with it (or with a spelling one edit
// away). A surname two people of the project share, neither named four
// times as often as the other, is linked to neither: it stays a node of
// its own, marked ambiguous, and result attaches its mentions per document
// where only one of them is named.
func (g *grouper) shortForms(gaz *entity.Gazetteer) {
	ident := g.identities()
	bySurname := g.surnameIndex()
	for i, nd := range g.nodes {
		if nd.kind != entity.Person && nd.kind != entity.Other || nd.acronym {
			continue
		}
		short := shortKey(nd)
		if strings.Contains(short, " ") || len(short) < 4 || gaz != nil && gaz.IsGivenName(short) || nd.gaz >= 0 {
			continue
		}
		cands := peopleFirst(g.shortCandidates(nd, short, bySurname, ident))
		if len(cands) == 0 {
			continue
		}
		dominant := dominantCandidate(cands)
		// two people with this very surname and neither dominant: the
		// short form names either, so it is merged into neither
		if exactPeople(cands) >= 2 && dominant < 0 {
			for _, c := range cands {
				if c.dist == 0 && c.person {
					nd.ambiguous = append(nd.ambiguous, c.nodes[0])
				}
			}
		}
		g.linkShort(i, cands, dominant)
	}
}

// surnameIndex indexes the full names by the one-deletion neighbourhood
// of their surname (and of the first half of a double surname).
func (g *grouper) surnameIndex() map[uint64][]int {
	bySurname := map[uint64][]int{}
	for i, nd := range g.nodes {
		// a full name: a person's, or two or three words of unknown kind
		// ("Mitt Romney") that only a short form told as a person joins
		if nd.words < 2 || nd.kind != entity.Person && (nd.kind != entity.Other || nd.words > 3 || nd.gaz >= 0 || nd.acronym) {
			continue
		}
		last, first := surnameOf(nd)
		for _, s := range []string{last, first} {
			if s == "" {
				continue
			}
			for _, d := range deletions(s) {
				bySurname[d] = append(bySurname[d], i)
			}
		}
	}
	return bySurname
}

// peopleFirst keeps only the people's full names when there is one: full
// names of unknown kind count only when no person's does.
func peopleFirst(cands []shortCandidate) []shortCandidate {
	hasPerson := false
	for _, c := range cands {
		hasPerson = hasPerson || c.person
	}
	if !hasPerson {
		return cands
	}
	kept := cands[:0]
	for _, c := range cands {
		if c.person {
			kept = append(kept, c)
		}
	}
	return kept
}

// dominantCandidate returns the person written four times as often as all
// the others together, the one meant ("Nancy Pelosi" beside a garbled
// "GrassleySpeaker Pelosi"), or -1.
func dominantCandidate(cands []shortCandidate) int {
	dominant, total := -1, 0
	for k, c := range cands {
		total += c.mentions
		if dominant < 0 || c.mentions > cands[dominant].mentions {
			dominant = k
		}
	}
	if dominant >= 0 && cands[dominant].mentions < 4*(total-cands[dominant].mentions) {
		return -1
	}
	return dominant
}

// exactPeople counts the people whose surname is the short form exactly.
func exactPeople(cands []shortCandidate) int {
	n := 0
	for _, c := range cands {
		if c.dist == 0 && c.person {
			n++
		}
	}
	return n
}

// linkShort proposes the short form at i for its candidates: confidently
// for the only one that stands in at least half its documents, weakly
// (a suggestion) for the others it shares a document with.
func (g *grouper) linkShort(i int, cands []shortCandidate, dominant int) {
	nd := g.nodes[i]
	together := 0
	for _, c := range cands {
		if sharedDocsWith(nd, c.docs)*2 >= len(nd.docs) {
			together++
		}
	}
	for k, c := range cands {
		conf := 0.9 - 0.15*float64(c.dist)
		shared := sharedDocsWith(nd, c.docs)
		if together != 1 || shared*2 < len(nd.docs) || len(nd.ambiguous) > 0 {
			conf = 0.5
			switch {
			case len(nd.ambiguous) == 0 && (len(cands) == 1 || k == dominant) && c.dist == 0 && c.person &&
				(nd.hyphArt || nd.kind == entity.Person && shared > 0):
				// the only person with this surname in the corpus,
				// named beside it or the surname written with its
				// article ("al-Rashidi"): no other reading
				conf = 0.75
			case shared == 0:
				continue
			}
		}
		// to the person's most written full name: the rules that made
		// its full names one (a nickname, an initial) keep their reasons
		g.add(c.main(g), i, ReasonShortForm, conf)
	}
}

// shortCandidates gathers the full names ending in short (one edit away
// for a long surname), grouped by person.
func (g *grouper) shortCandidates(nd *node, short string, bySurname map[uint64][]int, ident []int) []shortCandidate {
	lim := 0
	if len(short) >= 7 {
		lim = 1
	}
	byIdent := map[int]*shortCandidate{}
	var order []int
	seen := map[int]bool{}
	for _, d := range deletions(short) {
		for _, c := range bySurname[d] {
			if seen[c] {
				continue
			}
			seen[c] = true
			cn := g.nodes[c]
			if cn.kind == entity.Other && nd.kind != entity.Person {
				continue
			}
			last, first := surnameOf(cn)
			dist := distance(short, last, lim)
			if first != "" && first == short {
				dist = 0
			}
			if dist > lim {
				continue
			}
			id := ident[c]
			sc := byIdent[id]
			if sc == nil {
				sc = &shortCandidate{dist: dist}
				byIdent[id] = sc
				order = append(order, id)
			}
			sc.nodes = append(sc.nodes, c)
			sc.dist = min(sc.dist, dist)
			sc.mentions += len(cn.mentions)
			sc.docs = unionDocs(sc.docs, cn.docs)
			sc.person = sc.person || cn.kind == entity.Person
		}
	}
	sort.Ints(order)
	out := make([]shortCandidate, 0, len(order))
	for _, id := range order {
		sc := byIdent[id]
		sort.Ints(sc.nodes)
		out = append(out, *sc)
	}
	return out
}

// unionDocs merges two sorted document lists.
func unionDocs(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// sharedDocsWith counts the documents of nd also in docs (sorted).
func sharedDocsWith(nd *node, docs []int32) int {
	return sharedDocs(nd, &node{docs: docs})
}

// attachPlan moves the mentions of an ambiguous surname to the one person
// their document names: "Clinton" in a document naming Hillary Clinton and
// no other Clinton is hers. Mentions in documents naming several of the
// people, or none, stay with the ambiguous surname.
type attachPlan struct {
	to     map[int32]int   // mention index → root of the person it joins
	extra  map[int][]int32 // person root → mentions it gains, in order
	people map[int][]int   // ambiguous root → roots of its people
	// moves says, in node order, what moved: read before the mentions
	// are placed (in place, their order changes).
	moves []move
}

type move struct {
	from, to  int // roots
	doc, form string
}

// AttachConfidence is the confidence of a surname joining the one person
// its document names: the document itself says who is meant, but a
// reporter may still mean a relative named only elsewhere.
const AttachConfidence = 0.8

// planAttachments finds, for each ambiguous surname still on its own, its
// people and the mentions each gains. It reads each person's mentions once
// (documents cached per root): linear in the mentions involved.
func (g *grouper) planAttachments(mentions []entity.Mention, groups map[int][]int) attachPlan {
	plan := attachPlan{to: map[int32]int{}, extra: map[int][]int32{}, people: map[int][]int{}}
	docsOf := map[int]map[string]bool{}
	personDocs := func(r int) map[string]bool {
		if d, ok := docsOf[r]; ok {
			return d
		}
		d := map[string]bool{}
		for _, n := range groups[r] {
			for _, mi := range g.nodes[n].mentions {
				d[mentions[mi].Doc] = true
			}
		}
		docsOf[r] = d
		return d
	}
	for i, nd := range g.nodes {
		if len(nd.ambiguous) < 2 {
			continue
		}
		r := g.find(i)
		var people []int
		for _, c := range nd.ambiguous {
			if pr := g.find(c); pr != r && !slices.Contains(people, pr) {
				people = append(people, pr)
			}
		}
		if len(people) < 2 {
			continue // merged after all (an analyst's decision)
		}
		for _, pr := range people {
			if !slices.Contains(plan.people[r], pr) {
				plan.people[r] = append(plan.people[r], pr)
			}
		}
		for _, mi := range nd.mentions {
			only := -1
			for _, pr := range people {
				if personDocs(pr)[mentions[mi].Doc] {
					if only >= 0 {
						only = -1
						break
					}
					only = pr
				}
			}
			if only >= 0 {
				plan.to[mi] = only
				plan.extra[only] = append(plan.extra[only], mi)
				plan.moves = append(plan.moves, move{from: r, to: only, doc: mentions[mi].Doc, form: oneLine(mentions[mi].Text)})
			}
		}
	}
	return plan
}

// markAmbiguous writes, on the entity of each ambiguous surname, the people
// it may stand for and, per document naming only one of them, that one
// (whose entity its mentions there joined); on each person, why.
func markAmbiguous(plan attachPlan, entOf map[int]*Entity) {
	for r, people := range plan.people {
		if e := entOf[r]; e != nil {
			for _, pr := range people {
				e.Ambiguous = append(e.Ambiguous, entOf[pr].ID)
			}
		}
	}
	type formInto struct {
		form string
		pe   *Entity
	}
	merged := map[formInto]bool{}
	attached := map[[2]string]bool{}
	touched := map[*Entity]bool{}
	for _, mv := range plan.moves {
		pe := entOf[mv.to]
		if f := (formInto{mv.form, pe}); !merged[f] {
			merged[f] = true
			pe.Merges = append(pe.Merges, Merge{Form: f.form, Into: pe.Name, Reason: ReasonSurnameInDoc, Confidence: AttachConfidence})
			touched[pe] = true
		}
		// the record stays on the ambiguous surname while it has
		// mentions left; dropped, the person's merge says it
		if e := entOf[mv.from]; e != nil && !attached[[2]string{e.ID, mv.doc}] {
			attached[[2]string{e.ID, mv.doc}] = true
			e.Attached = append(e.Attached, Attachment{Doc: mv.doc, Entity: pe.ID})
			touched[e] = true
		}
	}
	for e := range touched {
		sort.SliceStable(e.Merges, func(i, j int) bool { return e.Merges[i].Confidence > e.Merges[j].Confidence })
		if len(e.Attached) > 1 {
			sort.Slice(e.Attached, func(a, b int) bool { return e.Attached[a].Doc < e.Attached[b].Doc })
		}
		if len(e.Ambiguous) > 1 {
			sort.Strings(e.Ambiguous)
		}
	}
}

// main returns the candidate's full name with the most mentions.
func (c shortCandidate) main(g *grouper) int {
	best := c.nodes[0]
	for _, n := range c.nodes[1:] {
		if len(g.nodes[n].mentions) > len(g.nodes[best].mentions) {
			best = n
		}
	}
	return best
}
