package benchcorpus

import (
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// varier rewrites one document's text for one copy: some capitalised words
// (names, places, organisations) are replaced by other capitalised words of
// the source corpus, the same way in every document of the same copy
// number (copy 2 renames Newsom to Harris everywhere), and some neighbouring
// lower-case words swap places. The copy reads like another article about
// other people, not like a duplicate: word runs long enough for the reuse
// finder to align survive only now and then, and no paragraph is repeated
// verbatim.
type varier struct {
	pool     *names     // capitalised words to draw replacements from
	nameRate float64    // share of distinct capitalised words replaced
	swapRate float64    // chance that a pair of lower-case words swaps
	nameKey  uint64     // the copy number's key: same key, same renaming
	rng      *rand.Rand // the document's own draws (the swaps)
	names    map[string]string
}

// newVarier rewrites with the renaming of nameKey and the swaps drawn from
// docKey.
func newVarier(pool *names, nameRate, swapRate float64, nameKey, docKey uint64) *varier {
	return &varier{
		pool: pool, nameRate: nameRate, swapRate: swapRate, nameKey: nameKey,
		rng:   rand.New(rand.NewPCG(docKey, 0x9e3779b97f4a7c15)),
		names: map[string]string{},
	}
}

// name returns the replacement of the capitalised word w in this copy
// (w itself when it is kept). The choice depends on the copy number's key
// and the word only, so it is the same wherever w appears in the copies of
// that number: the people of a copy recur across its documents as real
// people do, and the entities grow with the copies rather than with every
// document (renaming per document minted some ten new people per copy,
// 6× the entities at 40k documents).
func (v *varier) name(w string) string {
	if r, ok := v.names[w]; ok {
		return r
	}
	r := w
	role, known := v.pool.role[w]
	if known && v.nameRate > 0 {
		// FNV rather than maphash: the same seed must give the same corpus
		// in every process.
		h := fnv.New64a()
		var k [8]byte
		for i := range k {
			k[i] = byte(v.nameKey >> (8 * i))
		}
		h.Write(k[:])
		h.Write([]byte(w))
		x := mix(h.Sum64())
		if float64(x>>11)/(1<<53) < v.nameRate {
			same := v.pool.byRole[role]
			r = same[(x*0x2545f4914f6cdd1d>>1)%uint64(len(same))]
		}
	}
	v.names[w] = r
	return r
}

// text rewrites s. Words are runs of letters, digits, apostrophes and
// hyphens; everything else is kept as it is.
func (v *varier) text(s string) string {
	toks := tokens(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.word {
			b.WriteString(t.s)
			continue
		}
		// word, single space, word: both lower-case may swap.
		if i+2 < len(toks) && toks[i+1].s == " " && toks[i+2].word &&
			isLowerWord(t.s) && isLowerWord(toks[i+2].s) && v.rng.Float64() < v.swapRate {
			b.WriteString(toks[i+2].s)
			b.WriteByte(' ')
			b.WriteString(t.s)
			i += 2
			continue
		}
		if isNameWord(t.s) {
			b.WriteString(v.name(t.s))
			continue
		}
		b.WriteString(t.s)
	}
	return b.String()
}

type token struct {
	s    string
	word bool
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
}

// tokens splits s into alternating word and non-word runs.
func tokens(s string) []token {
	var out []token
	start := 0
	inWord := false
	for i, r := range s {
		w := isWordRune(r)
		if i == 0 {
			inWord = w
			continue
		}
		if w != inWord {
			out = append(out, token{s[start:i], inWord})
			start, inWord = i, w
		}
	}
	if start < len(s) {
		out = append(out, token{s[start:], inWord})
	}
	return out
}

// isLowerWord: only lower-case letters (a word that can move without
// touching a name, a number or a sentence's capital).
func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// isNameWord: a capital followed by at least two lower-case letters and
// nothing else, the shape of most names ("Newsom", "California"); acronyms,
// numbers and hyphenated words are left alone.
func isNameWord(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := w[n:]
	if utf8.RuneCountInString(rest) < 2 {
		return false
	}
	for _, r := range rest {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// mix spreads the bits of x (splitmix64's finaliser).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// Name roles: a capitalised word is mostly seen alone ("California"),
// before another one (a given name, "Gavin") or after one (a surname,
// "Newsom"). A replacement keeps the role, so a copy has "Gavin Harris",
// not "Gavin Sunday".
const (
	roleAlone = iota
	roleFirst
	roleLast
	roles
)

// countNames counts, for each capitalised word of s that does not start a
// sentence, how often it has each role.
func countNames(s string, counts map[string]*[roles]int) {
	toks := tokens(s)
	sentenceStart := true
	for i, t := range toks {
		if !t.word {
			if strings.ContainsAny(t.s, ".!?\n:“\"") {
				sentenceStart = true
			}
			continue
		}
		start := sentenceStart
		sentenceStart = false
		if start || !isNameWord(t.s) {
			continue
		}
		role := roleAlone
		switch {
		case i >= 2 && toks[i-1].s == " " && isNameWord(toks[i-2].s):
			role = roleLast
		case i+2 < len(toks) && toks[i+1].s == " " && isNameWord(toks[i+2].s):
			role = roleFirst
		}
		c := counts[t.s]
		if c == nil {
			c = new([roles]int)
			counts[t.s] = c
		}
		c[role]++
	}
}

// names is the replacement pool: the capitalised words seen at least
// minCount times, each under its most frequent role.
type names struct {
	byRole [roles][]string
	role   map[string]int
}

func buildNames(counts map[string]*[roles]int, minCount int) *names {
	n := &names{role: map[string]int{}}
	for w, c := range counts {
		total, role := 0, roleAlone
		for r, k := range c {
			total += k
			if k > c[role] {
				role = r
			}
		}
		if total >= minCount {
			n.role[w] = role
			n.byRole[role] = append(n.byRole[role], w)
		}
	}
	for r := range n.byRole {
		sort.Strings(n.byRole[r]) // map order must not reach the output
	}
	return n
}

func (n *names) size() int { return len(n.role) }
