package alias

import (
	"strings"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// ReasonFrench: "Hachd al-Chaabi" beside "Hashd al-Shaabi", an Arabic name
// written the French way (ch for sh, ou for u, final e).
const ReasonFrench = "French transliteration"

// frenchKey rewrites a key written the French way in the English way:
// "ch" as "sh", "ou" as "u", "dj" as "j", a final mute "e" dropped after a
// consonant ("salmane" → "salman"). The skeleton takes the rest (vowels,
// doubled letters).
func frenchKey(key string) string {
	words := strings.Fields(key)
	for i, w := range words {
		w = strings.ReplaceAll(w, "ch", "sh")
		w = strings.ReplaceAll(w, "ou", "u")
		w = strings.ReplaceAll(w, "dj", "j")
		if n := len(w); n > 4 && w[n-1] == 'e' && !strings.ContainsRune("aeiouy", rune(w[n-2])) {
			w = w[:n-1]
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}

// frenchSpellings proposes merges of names that meet only once the French
// spelling is read the English way. Only forms that look transliterated
// from Arabic or Persian (skeletonConfidence) qualify; the confidence is
// capped below a skeleton's, so a weak pair stays a suggestion.
func (g *grouper) frenchSpellings(gaz *entity.Gazetteer) {
	blocks := map[string][]int{}
	var order []string
	for i, nd := range g.nodes {
		if nd.acronym {
			continue
		}
		core := coreOf(nd, gaz)
		fk := frenchKey(core)
		if fk == core && !strings.Contains(core, "sh") && !strings.Contains(core, "u") {
			continue // neither a French spelling nor one it could meet
		}
		sk := Skeleton(fk)
		if consonants(sk) < 3 {
			continue
		}
		if _, ok := blocks[sk]; !ok {
			order = append(order, sk)
		}
		blocks[sk] = append(blocks[sk], i)
	}
	for _, sk := range order {
		ids := blocks[sk]
		if len(ids) < 2 || len(ids) > 30 {
			continue
		}
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				a, b := g.nodes[ids[x]], g.nodes[ids[y]]
				ca, cb := coreOf(a, gaz), coreOf(b, gaz)
				if !compatible(a.kind, b.kind) || frenchKey(ca) == ca && frenchKey(cb) == cb {
					continue // no French spelling in the pair: the skeleton rule tells
				}
				fa := &node{key: frenchKey(ca), hyphArt: a.hyphArt}
				fb := &node{key: frenchKey(cb), hyphArt: b.hyphArt}
				if conf := skeletonConfidence(fa, fb, nil); conf > 0 {
					g.add(ids[x], ids[y], ReasonFrench, min(conf, 0.8))
				}
			}
		}
	}
}
