package framing

import (
	"strings"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// capitalEntities is a stand-in for the entity extractor in benchmarks and
// exploration: every run of two or more capitalised words not at a sentence
// start is a mention, grouped by folded text.
func capitalEntities(docs []*document.Document) []EntityInput {
	byKey := map[string]int{}
	var out []EntityInput
	for _, d := range docs {
		f := textnorm.Fold(d.Text)
		toks := tokenize(f, d.Text, func() bool { return false })
		for k := 0; k < len(toks); {
			if !toks[k].proper() || toks[k].acronym && len(toks[k].text) < 2 {
				k++
				continue
			}
			j := k
			for j < len(toks) && toks[j].kind == tokWord && (toks[j].proper() || toks[j].capital && j > k) && !toks[j].possessive {
				j++
			}
			if j-k >= 2 || j-k == 1 && toks[k].acronym {
				s, e := f.Original(toks[k].start, toks[j-1].end)
				key := textnorm.String(d.Text[s:e])
				i, ok := byKey[key]
				if !ok {
					i = len(out)
					byKey[key] = i
					kind := "org"
					if j-k == 2 && !toks[k].acronym {
						kind = "person"
					}
					out = append(out, EntityInput{ID: key, Name: strings.TrimSpace(d.Text[s:e]), Kind: kind})
				}
				out[i].Mentions = append(out[i].Mentions, MentionInput{Path: d.Path, Start: s, End: e})
			}
			k = max(j, k+1)
		}
	}
	return out
}
