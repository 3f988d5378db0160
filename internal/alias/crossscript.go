package alias

import (
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// Reasons for merges across scripts.
const (
	// ReasonNativeGazetteer: "Дамаске" and "دمشق" are both forms the
	// multilingual gazetteer gives for Damascus.
	ReasonNativeGazetteer = "multilingual gazetteer"
	// ReasonCrossScript: "Сулеймани" or "سليماني" read like "Soleimani"
	// (Cyrillic romanised, Arabic script aligned by consonants and the long
	// vowels it writes). Confident ones are merged, the rest suggested.
	ReasonCrossScript = "cross-script transliteration"
)

// maxCrossPairs bounds the comparisons within one consonant block: a block
// that large is a skeleton too common to tell names apart.
const maxCrossPairs = 4000

// crossScript links forms written in different scripts: forms the
// multilingual gazetteer gives one Latin name (the mention's Gazetteer
// field, when that name is no entry of the English lists, which the
// gazetteer block already links), then forms whose sound classes match.
func (g *grouper) crossScript() {
	// 1. the multilingual gazetteer's Latin name
	byCanon := map[string][]int{}
	for i, nd := range g.nodes {
		if nd.canon != "" && nd.gaz < 0 {
			byCanon[nd.canon] = append(byCanon[nd.canon], i)
		}
	}
	for c, ids := range byCanon {
		for _, b := range ids[1:] {
			g.add(ids[0], b, ReasonNativeGazetteer, 0.95)
		}
		if j, ok := g.idx[c]; ok && compatible(g.nodes[j].kind, g.nodes[ids[0]].kind) {
			g.add(j, ids[0], ReasonNativeGazetteer, 0.95)
		}
	}
	// 2. transliteration, in blocks of equal consonant classes
	type form struct {
		node   int
		text   string
		script translit.Script
	}
	blocks := map[string][]form{}
	native := map[string]bool{} // blocks holding a non-Latin form
	for i, nd := range g.nodes {
		if nd.acronym || nd.words > 4 {
			continue
		}
		seen := map[string]bool{}
		for _, s := range nd.surfaces {
			sc := translit.ScriptOf(s.text)
			if sc == translit.Other {
				continue
			}
			text := s.text
			if sc == translit.Latin {
				text = nd.key // one Latin reading per node: its key
			}
			for _, sk := range translit.BlockingKeys(text) {
				if translit.CountConsonants(sk) < 2 || seen[sk+"\x00"+text] {
					continue
				}
				seen[sk+"\x00"+text] = true
				blocks[sk] = append(blocks[sk], form{i, text, sc})
				if sc != translit.Latin {
					native[sk] = true
				}
			}
		}
	}
	for sk, fs := range blocks {
		if !native[sk] || len(fs) < 2 {
			continue
		}
		best := map[[2]int]float64{}
		pairs := 0
		for x := 0; x < len(fs) && pairs < maxCrossPairs; x++ {
			for y := x + 1; y < len(fs) && pairs < maxCrossPairs; y++ {
				a, b := fs[x], fs[y]
				if a.script == b.script || a.node == b.node {
					continue
				}
				na, nb := g.nodes[a.node], g.nodes[b.node]
				if !compatible(na.kind, nb.kind) {
					continue
				}
				pairs++
				if c := translit.Compare(a.text, b.text); c > 0 {
					k := [2]int{min(a.node, b.node), max(a.node, b.node)}
					best[k] = max(best[k], c)
				}
			}
		}
		for k, c := range best {
			if c >= SuggestFrom {
				g.add(k[0], k[1], ReasonCrossScript, crossConfidence(g.nodes[k[0]], g.nodes[k[1]], c))
			}
		}
	}
}

// crossConfidence lowers a transliteration match between two forms of
// unknown kind to a suggestion: a name's reading alone is weaker evidence
// than a name the text also types as the same kind.
func crossConfidence(a, b *node, c float64) float64 {
	if a.kind == entity.Other && b.kind == entity.Other {
		return min(c, Threshold-0.05)
	}
	return c
}

// ReasonCrossScriptMatch: an Arabic-script form found in the text because
// it reads like a name the project's Latin or Cyrillic documents use
// ("المارفانية" for Marvania); the mention carries the confidence.
const ReasonCrossScriptMatch = "cross-script match"

// crossMatches links each mention entity.CrossScriptMentions found to the
// name it was matched to, at the confidence of the match: below Threshold
// the link is a suggestion for the analyst.
func (g *grouper) crossMatches(mentions []entity.Mention) {
	best := map[[2]int]float64{}
	for i := range mentions {
		m := &mentions[i]
		if m.Match == "" || m.Key == "" {
			continue
		}
		a, okA := g.idx[m.Key]
		b, okB := g.idx[m.Match]
		if !okA || !okB || a == b {
			continue
		}
		if !compatible(g.nodes[a].kind, g.nodes[b].kind) {
			continue
		}
		k := [2]int{min(a, b), max(a, b)}
		best[k] = max(best[k], m.MatchConfidence)
	}
	for k, c := range best {
		if c >= SuggestFrom {
			g.add(k[0], k[1], ReasonCrossScriptMatch, c)
		}
	}
}
