package alias

import (
	"slices"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// Reasons for merges of a person's name variants.
const (
	// ReasonTitle: "Secretary of State Mike Pompeo" and "Mike Pompeo":
	// the title is a descriptor, not part of the name.
	ReasonTitle = "title or honorific split off"
	// ReasonInitial: "Michael R. Pompeo" and "Michael Pompeo".
	ReasonInitial = "middle name or initial"
	// ReasonNickname: "Bill Taylor" and "William Taylor".
	ReasonNickname = "familiar form of the given name"
	// ReasonDoubleSurname: "Ana García-Lozano" and "Ana García".
	ReasonDoubleSurname = "first half of a double surname"
)

// nameParts is a name read as a person's: titles before it, given name,
// middle names or initials, surname and a generational suffix.
type nameParts struct {
	titles  int    // words of titles and honorifics before the name
	given   string // "" when only a surname is left
	middle  string // middle initials, in order ("r", "hw")
	mids    string // middle names as written ("richard", "h w")
	surname string // the last word, without articles
	// first is the first half of a hyphenated surname ("garcia" of
	// "garcia lozano" written "García-Lozano"), else "".
	first  string
	suffix string // "jr", "sr", "ii", "iii", "iv"
}

var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// nameParticles stand inside a name in lower case before its surname
// ("bin", "von", "de"); they are not given or middle names.
var nameParticles = map[string]bool{
	"bin": true, "ibn": true, "bint": true, "ben": true, "bou": true, "von": true, "van": true, "de": true,
	"da": true, "di": true, "du": true, "del": true, "della": true, "dos": true, "das": true, "der": true,
	"den": true, "la": true, "le": true, "zu": true, "y": true,
}

// parseName reads key (a folded mention key) as a person's name. hyphenated
// says whether a surface form joins its last two words with a hyphen.
func parseName(key string, hyphenated bool, gaz *entity.Gazetteer) nameParts {
	var p nameParts
	words := strings.Fields(key)
	if gaz != nil {
		for len(words) > 1 {
			n := gaz.TitleAt(words)
			if n == 0 || n >= len(words) {
				break
			}
			p.titles += n
			words = words[n:]
		}
	}
	if len(words) > 1 && nameSuffixes[words[len(words)-1]] {
		p.suffix = words[len(words)-1]
		words = words[:len(words)-1]
	}
	// articles and particles are not name words of their own
	var core []string
	for _, w := range words {
		if !entity.IsArticle(w) && !nameParticles[w] {
			core = append(core, w)
		}
	}
	if len(core) == 0 {
		return p
	}
	p.surname = core[len(core)-1]
	if len(core) == 1 {
		return p
	}
	if hyphenated && len(core) >= 3 {
		p.first = core[len(core)-2]
		core = slices.Delete(core, len(core)-2, len(core)-1)
	}
	p.given = core[0]
	var mid strings.Builder
	for _, w := range core[1 : len(core)-1] {
		mid.WriteByte(w[0])
	}
	p.middle = mid.String()
	p.mids = strings.Join(core[1:len(core)-1], " ")
	return p
}

// hyphenatedSurname reports whether a surface form joins its last two words
// with a hyphen that is not an article's ("García-Lozano", not "al-Assad").
func hyphenatedSurname(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 {
		return false
	}
	last := f[len(f)-1]
	h := strings.IndexByte(last, '-')
	if h <= 0 || h == len(last)-1 {
		return false
	}
	head := entity.Key(last[:h])
	return !entity.IsArticle(head) && !nameParticles[head] && head != "abu" && head != "abd"
}

// personLike reports whether a node may be a person's full name: told a
// person, or two to four words of unknown kind without a gazetteer entry.
func personLike(nd *node) bool {
	if nd.acronym {
		return false
	}
	if nd.kind == entity.Person {
		return true
	}
	return nd.kind == entity.Other && nd.words >= 2 && nd.words <= 5 && nd.gaz < 0
}

// nameVariants links the forms of one person's name that differ by a
// title, a middle name or initial, a familiar given name or half of a
// double surname. Two forms whose middle initials or suffixes differ
// ("George H. W. Bush", "George W. Bush"; "Jr.") are two people; a form
// without the middle name between two such people is only suggested.
func (g *grouper) nameVariants(gaz *entity.Gazetteer) {
	if gaz == nil {
		return
	}
	blocks := g.nameBlocks(gaz)
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same edges on every run
	done := map[[2]int]bool{}
	for _, k := range keys {
		if ids := blocks[k]; len(ids) >= 2 && len(ids) <= 40 {
			g.nameBlockEdges(ids, done)
		}
	}
}

// nameBlocks reads every node that may be a person's name as one (setting
// its core and titled) and blocks the full names by full given name and
// surname: "bill taylor" and "william taylor" both under
// "william|taylor".
func (g *grouper) nameBlocks(gaz *entity.Gazetteer) map[string][]int {
	blocks := map[string][]int{}
	for i, nd := range g.nodes {
		if !personLike(nd) {
			continue
		}
		hyph := false
		for _, s := range nd.surfaces {
			hyph = hyph || hyphenatedSurname(s.text)
		}
		p := parseName(nd.key, hyph, gaz)
		nd.titled = p.titles > 0
		nd.core = p
		if nd.titled && nd.kind == entity.Other {
			nd.kind = entity.Person // a title tells a person
		}
		if p.given == "" || len(p.surname) < 2 || len(p.given) < 2 {
			continue
		}
		if nd.kind == entity.Other && !gaz.IsGivenName(p.given) && !g.knownGiven(p.given, gaz) {
			continue // "Credible Sondland": no given name, no person
		}
		for _, gv := range gaz.GivenNames(p.given) {
			blocks[gv+"|"+p.surname] = append(blocks[gv+"|"+p.surname], i)
			if p.first != "" {
				blocks[gv+"|"+p.first] = append(blocks[gv+"|"+p.first], i)
			}
		}
	}
	return blocks
}

// nameBlockEdges proposes the merges among the names of one block, once a
// pair (done).
func (g *grouper) nameBlockEdges(ids []int, done map[[2]int]bool) {
	// distinct middles or suffixes in the block: more than one person
	sigs := map[string]bool{}
	for _, i := range ids {
		if p := g.nodes[i].core; p.middle != "" || p.suffix != "" {
			sigs[p.middle+"|"+p.suffix] = true
		}
	}
	for x := 0; x < len(ids); x++ {
		for y := x + 1; y < len(ids); y++ {
			a, b := min(ids[x], ids[y]), max(ids[x], ids[y])
			if a == b || done[[2]int{a, b}] {
				continue
			}
			done[[2]int{a, b}] = true
			if reason, conf := nameVariantConfidence(g.nodes[a].core, g.nodes[b].core, len(sigs)); conf > 0 {
				g.add(a, b, reason, conf)
			}
		}
	}
}

// knownGiven reports whether a word opens the full name of a person told
// as such elsewhere in the project (learnt given names).
func (g *grouper) knownGiven(w string, gaz *entity.Gazetteer) bool {
	for _, gv := range gaz.GivenNames(w) {
		if g.givens[gv] {
			return true
		}
	}
	return false
}

// nameVariantConfidence rates two parsed names of one block (a shared full
// given name and surname). sigs is the number of distinct middle/suffix
// signatures in the block.
func nameVariantConfidence(a, b nameParts, sigs int) (string, float64) {
	if a.suffix != b.suffix {
		return "", 0 // "Donald Trump" and "Donald Trump Jr."
	}
	if a.middle != "" && b.middle != "" && a.middle != b.middle {
		return "", 0 // "George H. W. Bush" and "George W. Bush"
	}
	reason, conf := ReasonTitle, 0.9
	switch {
	case a.first != b.first:
		switch {
		case a.first != "" && b.first != "":
			return "", 0 // "García-Lozano" and "Pérez-Lozano"
		case a.first == "" && a.surname == b.first || b.first == "" && b.surname == a.first:
			reason, conf = ReasonDoubleSurname, 0.75
		case a.surname == b.surname:
			reason, conf = ReasonDoubleSurname, SuggestFrom+0.1 // the second half
		default:
			return "", 0
		}
	case a.given != b.given:
		reason, conf = ReasonNickname, 0.8
	case a.middle != b.middle || a.mids != b.mids:
		reason, conf = ReasonInitial, 0.9
	case a.titles == b.titles:
		return "", 0 // the same name: other rules (same key, spelling) tell
	}
	if a.middle != b.middle && sigs > 1 {
		// "George Bush" beside two George Bushes with middle initials
		conf = SuggestFrom + 0.1
	}
	return reason, conf
}

// titleOf returns the title words of a titled node as written in its most
// frequent surface form ("Secretary of State" of "Secretary of State Mike
// Pompeo").
func titleOf(nd *node) string {
	words := strings.Fields(bestSurface(nd.surfaces))
	if nd.core.titles <= 0 || nd.core.titles > len(words) || len(words) != nd.words {
		// "Vice-President Pence" writes two key words as one
		return ""
	}
	return strings.Join(words[:nd.core.titles], " ")
}
