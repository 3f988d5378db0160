package alias

import (
	"strings"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// stripArticles drops transliterated Arabic articles from a key's words
// ("al qa'im" → "qa'im").
func stripArticles(key string) string {
	words := strings.Fields(key)
	out := words[:0]
	for _, w := range words {
		if !entity.IsArticle(w) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return key
	}
	return strings.Join(out, " ")
}

// Skeleton is the romanisation skeleton of a key: articles dropped,
// apostrophes (ayn, hamza) dropped, vowels and the y/w/h variants dropped
// (a word's first vowel kept as "V"), q/c folded to k, doubled letters
// collapsed. "Dayr al-Zawr", "Deir ez-Zor" and "Dayr-Zawr" all give
// "dr zr"; "al-Qa'im" and "Al Qaim" give "km".
func Skeleton(key string) string {
	var b strings.Builder
	for _, w := range strings.Fields(key) {
		if entity.IsArticle(w) {
			continue
		}
		start := b.Len()
		if start > 0 {
			b.WriteByte(' ')
			start++
		}
		var last byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h':
				if i == 0 {
					c = 'V'
				} else {
					if c != 'h' {
						last = 0 // "Hudaydah": two d apart are two letters
					}
					continue
				}
			case '\'':
				continue
			case 'q', 'c', 'g':
				c = 'k' // qaf as q, k, g or gh ("Qassem", "Ghassem")
			case 'd':
				if i+1 < len(w) && w[i+1] == 'h' {
					c = 'z' // dhal as dh or z ("Dhahiriya", "Zahiriya")
				}
			}
			if c == last {
				continue
			}
			b.WriteByte(c)
			last = c
		}
		if b.Len() == start {
			s := b.String()[:max(0, start-1)]
			b.Reset()
			b.WriteString(s)
		}
	}
	return b.String()
}

// consonants counts the letters of a skeleton other than "V" and spaces.
func consonants(sk string) int {
	n := 0
	for i := 0; i < len(sk); i++ {
		if sk[i] != ' ' && sk[i] != 'V' {
			n++
		}
	}
	return n
}

// spelling folds British and American spellings of a key's words
// ("mobilisation" → "mobilization", "defence" → "defense", "labour" → "labor").
func spelling(key string) string {
	words := strings.Fields(key)
	changed := false
	for i, w := range words {
		v := spellWord(w)
		if v != w {
			words[i] = v
			changed = true
		}
	}
	if !changed {
		return key
	}
	return strings.Join(words, " ")
}

func spellWord(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, r := range [][2]string{
		{"isation", "ization"}, {"isations", "izations"}, {"ise", "ize"}, {"ised", "ized"}, {"ising", "izing"},
		{"yse", "yze"}, {"ence", "ense"}, {"our", "or"}, {"ours", "ors"}, {"tre", "ter"}, {"tres", "ters"},
		{"ogue", "og"}, {"lled", "led"}, {"lling", "ling"},
	} {
		if strings.HasSuffix(w, r[0]) && len(w)-len(r[0]) >= 3 {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	return w
}

// initials are the first letters of a multiword key's words, skipping
// connectors ("popular mobilization units" → "pmu").
func initials(key string) string {
	words := strings.Fields(key)
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		switch w {
		case "of", "the", "and", "for", "in", "on", "to", "a", "de", "du", "la", "le":
			continue
		}
		if entity.IsArticle(w) {
			continue
		}
		b.WriteByte(w[0])
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// distance is the optimal string alignment distance (Levenshtein with
// transpositions) between a and b, giving up above limit.
func distance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	n, m := len(a), len(b)
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// Distance is the optimal string alignment distance between a and b (edits,
// with a swap of neighbours counting one), or limit+1 when it exceeds limit.
func Distance(a, b string, limit int) int { return distance(a, b, limit) }

// deletions returns hashes of s and of every string made by deleting one
// byte of s, without building those strings.
func deletions(s string) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	out := make([]uint64, 0, len(s)+1)
	for skip := -1; skip < len(s); skip++ {
		h := uint64(offset)
		for i := 0; i < len(s); i++ {
			if i != skip {
				h = (h ^ uint64(s[i])) * prime
			}
		}
		out = append(out, h)
	}
	return out
}

// compoundHeads open Arabic name compounds written as one word or two:
// "Abu"/"Abou"/"Albu"/"Bou" (father of, tribe of), "Abd"/"Abdul"/"Abdel"
// (servant of).
var compoundHeads = map[string]string{
	"abu": "bu", "abou": "bu", "albu": "bu", "bou": "bu", "bu": "bu",
	"abd": "abd", "abdul": "abd", "abdel": "abd", "abdal": "abd", "abdol": "abd", "abdoul": "abd",
}

// arabicCompounds joins a compound head to the word after it, articles
// between them dropped ("abu al fadl" → "bufadl"), and cuts an article
// glued to "bu" ("al buhardan" → "buhardan").
func arabicCompounds(key string) string {
	words := strings.Fields(key)
	changed := false
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		head, ok := compoundHeads[words[i]]
		if !ok {
			out = append(out, words[i])
			continue
		}
		j := i + 1
		for j < len(words)-1 && entity.IsArticle(words[j]) {
			j++
		}
		if j >= len(words) {
			out = append(out, words[i])
			continue
		}
		out = append(out, head+words[j])
		changed = true
		i = j
	}
	if !changed {
		return key
	}
	return strings.Join(out, " ")
}

// arabicParticle reports whether a key holds a word only Arabic names
// have: "bin", "ibn", "bint", "abu", "abdul" ("Mohammed bin Rashad").
func arabicParticle(key string) bool {
	for _, w := range strings.Fields(key) {
		switch w {
		case "bin", "ibn", "bint", "abu", "abou", "albu", "abd", "abdul", "abdel", "abdol":
			return true
		}
	}
	return false
}

// vowelVariants reports whether two names' words differ, where they do,
// only in vowels, y, h, apostrophes and doubled letters, at most two
// edits a word, and differ somewhere: "Hasan Rohani" and "Hassan
// Rouhani", "Tal Abyad" and "Tell Abyad", not "Jim Brown" and "Jim Burn"
// or "Brian Fallon" and "Brian Flynn".
func vowelVariants(wa, wb []string) bool {
	if len(wa) != len(wb) {
		return false
	}
	differ := false
	for i := range wa {
		if wa[i] == wb[i] {
			continue
		}
		differ = true
		if consonantsOnly(wa[i]) != consonantsOnly(wb[i]) || distance(wa[i], wb[i], 2) > 2 {
			return false
		}
	}
	return differ
}

// consonantsOnly keeps a word's first letter and its consonants other than
// y and h, doubled letters once.
func consonantsOnly(w string) string {
	var b strings.Builder
	var last byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i > 0 && strings.IndexByte("aeiouyh'", c) >= 0 {
			continue
		}
		if c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return b.String()
}
