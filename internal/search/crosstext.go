package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// Words of the documents in Cyrillic and Arabic script, by consonant
// classes: a name typed in another script is looked for in the text
// itself, not only among the entities, because Arabic and Persian names
// without a title or a gazetteer entry are not extracted at all, and a
// Russian name is declined. Every word is compared with the query by
// translit.Compare (after cutting clitics: و ب ل ف ك, plural and ezafe
// endings); only confident readings are listed.

type wordAt struct {
	doc        int32 // index into ix.order
	start, end int32 // the word without its clitics, in the original text
}

type crossText struct {
	once  sync.Once
	words map[string][]wordAt // Consonants(Phonetic(word)) → occurrences
}

// arabicPrefixes are the one-letter clitics cut from a word: and, so, with,
// to, like.
const arabicPrefixes = "وفبلك"

// arabicSuffixes are endings cut from a word: plurals (ون ين ها های) and
// the Persian ezafe or adjective ی.
var arabicSuffixes = []string{"های", "ها", "ون", "ين", "ی", "ي"}

// wordVariants returns a word of a document and its readings without
// clitics, each with the bytes cut at its start.
func wordVariants(w string) []struct {
	text string
	cut  int
} {
	out := []struct {
		text string
		cut  int
	}{{w, 0}}
	if translit.ScriptOf(w) != translit.Arabic {
		return out
	}
	r, size := utf8.DecodeRuneInString(w)
	if strings.ContainsRune(arabicPrefixes, r) && utf8.RuneCountInString(w) >= 5 {
		out = append(out, struct {
			text string
			cut  int
		}{w[size:], size})
	}
	for _, v := range out[:len(out):len(out)] {
		for _, s := range arabicSuffixes {
			if rest, ok := strings.CutSuffix(v.text, s); ok && utf8.RuneCountInString(rest) >= 3 {
				out = append(out, struct {
					text string
					cut  int
				}{rest, v.cut})
			}
		}
	}
	return out
}

func (ix *Index) crossWords() map[string][]wordAt {
	ix.ctext.once.Do(func() {
		m := map[string][]wordAt{}
		for di, path := range ix.order {
			d := ix.docs[path] // an index read back has its words kept
			text := d.Text
			for i := 0; i < len(text); {
				r, size := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsLetter(r) {
					i += size
					continue
				}
				start := i
				for i < len(text) {
					r, size := utf8.DecodeRuneInString(text[i:])
					if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
						break
					}
					i += size
				}
				w := text[start:i]
				sc := translit.ScriptOf(w)
				if sc != translit.Cyrillic && sc != translit.Arabic || d.InBoilerplate(start) {
					continue
				}
				seen := map[string]bool{}
				for _, v := range wordVariants(w) {
					for _, sk := range translit.BlockingKeys(v.text) {
						if translit.CountConsonants(sk) < 2 || seen[sk] {
							continue
						}
						seen[sk] = true
						m[sk] = append(m[sk], wordAt{int32(di), int32(start + v.cut), int32(i)})
					}
				}
			}
		}
		ix.ctext.words = m
	})
	return ix.ctext.words
}

// crossRows returns the places in Cyrillic and Arabic-script documents
// where the name q (written in another script) stands, at most limit. Its
// last word is looked up; a name of more words must have its word before
// read alike too ("حسان دياب" for "Hassan Diab").
// The last word alone stands for a name of more words ("دياب" for "Hassan
// Diab", "آرامکو" for "Saudi Aramco") unless it names another entity than
// ref ("لبنان" in "امنیه لبنان").
func (ix *Index) crossRows(q string, limit int, ref int32) []Row {
	qs := translit.ScriptOf(q)
	if qs == translit.Other {
		return nil
	}
	if qs == translit.Latin {
		q = MatchKey(q)
	}
	qw := strings.Fields(q)
	if len(qw) == 0 {
		return nil
	}
	last := qw[len(qw)-1]
	lastNamesOther := len(qw) > 1 && ix.namesOther(last, ref) && !ix.placeHeads(qw[:len(qw)-1])
	lasts := []string{last}
	if s, ok := strings.CutSuffix(last, "s"); ok && qs == translit.Latin && len(s) >= 4 {
		lasts = append(lasts, s) // "Houthis": the Arabic singular
	}
	var rows []Row
	seen := map[[2]int32]bool{}
	var keys [][2]string // last word, blocking key
	for _, lw := range lasts {
		for _, sk := range translit.BlockingKeys(lw) {
			if translit.CountConsonants(sk) >= 2 {
				keys = append(keys, [2]string{lw, sk})
			}
		}
	}
	for _, k := range keys {
		lw := k[0]
		for _, w := range ix.crossWords()[k[1]] {
			if seen[[2]int32{w.doc, w.end}] {
				continue
			}
			d := ix.doc(ix.order[w.doc])
			if d == nil || !ix.fits(d, int(w.end)) {
				continue
			}
			word := d.Text[w.start:w.end]
			var c float64
			if translit.ScriptOf(word) == qs {
				// same script: phrase search finds the word as typed, but
				// not behind a clitic ("الرشیدی", "وبغداد" for "رشیدی")
				if qs != translit.Arabic || !sameBare(lw, word) {
					continue
				}
				c = 1
			} else {
				c = translit.Compare(lw, word)
			}
			start := int(w.start)
			whole := false
			if len(qw) > 1 && qs != translit.ScriptOf(word) {
				// the word before read with the query's: "یحیی سریع" for
				// "Yahya Saree", surer together than each word alone
				if ps, pe := previousWord(d.Text, start); pe > ps {
					for _, v := range wordVariants(d.Text[ps:pe]) {
						if translit.Compare(qw[len(qw)-2]+" "+lw, v.text+" "+word) >= alias.Threshold {
							start, whole = ps, true
							break
						}
					}
				}
			}
			if !whole && (c < alias.Threshold || len(qw) > 1 && lastNamesOther) {
				continue
			}
			seen[[2]int32{w.doc, w.end}] = true
			rows = append(rows, row(d, start, int(w.end)))
			if len(rows) >= limit {
				return rows
			}
		}
	}
	return rows
}

// previousWord returns the span of the word before position i on the same
// line, or an empty span.
func previousWord(text string, i int) (int, int) {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if r != ' ' && r != '\u00a0' && r != '\u200c' {
			break
		}
		j -= size
	}
	end := j
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		j -= size
	}
	return j, end
}

// withCrossRows adds to rows the places where the names stand written in
// another script, skipping spans rows already cover.
func (ix *Index) withCrossRows(rows []Row, names []string, ref int32) []Row {
	covered := map[string][][2]int{}
	for _, r := range rows {
		covered[r.Path] = append(covered[r.Path], [2]int{r.Start, r.End})
	}
	done := map[string]bool{}
	for _, name := range names {
		if done[name] || strings.TrimSpace(name) == "" {
			continue
		}
		done[name] = true
		for _, r := range ix.crossRows(name, 500, ref) {
			overlap := false
			for _, c := range covered[r.Path] {
				overlap = overlap || r.Start < c[1] && c[0] < r.End
			}
			if !overlap {
				covered[r.Path] = append(covered[r.Path], [2]int{r.Start, r.End})
				rows = append(rows, r)
			}
		}
	}
	return rows
}

// sameBare reports whether an Arabic-script query word and a document
// word are one word once letter variants are folded and clitics cut.
func sameBare(q, word string) bool {
	qb := bare(translit.Key(q))
	for _, v := range wordVariants(word) {
		if bare(translit.Key(v.text)) == qb {
			return true
		}
	}
	return false
}

// bare cuts the article from a folded Arabic-script word long enough to
// keep a name.
func bare(k string) string {
	if rest, ok := strings.CutPrefix(k, "ال"); ok && utf8.RuneCountInString(rest) >= 3 {
		return rest
	}
	return k
}
