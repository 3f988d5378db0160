package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Arabic and Persian have no capitals, so a word after a title or a head
// word is a name only when it has the shape of one: no function word,
// title, frequent common word (the profiles' CommonWords, after the
// clitics are cut: "لأربعة" is ل + أربعة, four) and no verbal noun
// behind a preposition ("لتبرير", to justify).

// withoutArticle cuts the Arabic article from a folded word that keeps two
// letters or more.
func withoutArticle(f string) string {
	if rest, ok := strings.CutPrefix(f, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
		return rest
	}
	return f
}

// commonClitics are the folded prefixes a common word may carry: the
// conjunctions و ف, the prepositions ب ل ك, with or without the article.
var commonClitics = []string{"وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "لل", "و", "ف", "ب", "ل", "ك"}

// isCommonWord reports whether a folded word is a frequent common word of
// the script's languages, as written or with a clitic cut.
func (n *nativeExtraction) isCommonWord(f string) bool {
	if n.common[withoutArticle(f)] {
		return true
	}
	for _, p := range commonClitics {
		rest, ok := strings.CutPrefix(f, p)
		if !ok || utf8.RuneCountInString(rest) < 2 {
			continue
		}
		if n.common[withoutArticle(rest)] || n.stops[rest] || n.cues[rest] {
			return true // "ورئيس": and + a title
		}
	}
	return false
}

// preposedVerbalNoun reports whether a folded word is a preposition (ل ب ك,
// after و or ف) on a verbal noun of the patterns tafʿīl ("تبرير") or
// istifʿāl ("استخدام"): "لتبرير", "باستخدام" are no names.
func preposedVerbalNoun(f string) bool {
	rest := f
	if r, ok := strings.CutPrefix(rest, "و"); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, "ف"); ok {
		rest = r
	}
	var cut bool
	for _, p := range []string{"ل", "ب", "ك"} {
		if r, ok := strings.CutPrefix(rest, p); ok {
			rest, cut = r, true
			break
		}
	}
	if !cut {
		return false
	}
	r := []rune(rest)
	switch {
	case len(r) == 5 && r[0] == 'ت' && r[3] == 'ي':
		return true // تفعيل
	case len(r) >= 6 && strings.HasPrefix(rest, "است") && r[len(r)-2] == 'ا':
		return true // استفعال
	}
	return false
}

// pronounClitics are the folded pronoun endings a function word carries.
var pronounClitics = []string{"هما", "هم", "ها", "ه"}

// functionWord reports whether a folded word is a function word with a
// clitic before or a pronoun after it: "بأنه" is ب + أن + ه, that it.
func (n *nativeExtraction) functionWord(f string) bool {
	cands := []string{f}
	for _, p := range []string{"و", "ف", "ب", "ل", "ك"} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			cands = append(cands, rest)
		}
	}
	for _, c := range cands {
		if n.stops[c] {
			return true
		}
		for _, s := range pronounClitics {
			if rest, ok := strings.CutSuffix(c, s); ok && utf8.RuneCountInString(rest) >= 2 && n.stops[rest] {
				return true
			}
		}
	}
	return false
}

// placeAdjective reports whether a folded word is the relative adjective
// of a place the gazetteer knows: Persian "سعودی" (of Saudi Arabia,
// "السعودية"), which qualifies a title and names no one.
func (n *nativeExtraction) placeAdjective(f string) bool {
	stem, ok := strings.CutSuffix(withoutArticle(f), "ي")
	if !ok || utf8.RuneCountInString(stem) < 3 {
		return false
	}
	for _, k := range []string{stem, stem + "يه", "ال" + stem + "يه", stem + "ان"} {
		if e, found := n.g.lookupNative(k); found && e.Kind == Place {
			return true
		}
	}
	return false
}

// nameShaped reports whether token k may be (the first word of) a name.
func (n *nativeExtraction) nameShaped(k int) bool {
	if k < 0 || k >= len(n.toks) {
		return false
	}
	f := n.toks[k].fold
	if utf8.RuneCountInString(f) < 2 || n.isStop(k) || n.isCue(k) || n.isCommonWord(f) || preposedVerbalNoun(f) || n.functionWord(f) || n.placeAdjective(f) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f)
	return !unicode.IsDigit(r)
}

// definite reports whether a folded word carries the Arabic article.
func definite(f string) bool {
	return strings.HasPrefix(f, "ال") || strings.HasPrefix(f, "لل")
}

// wrapped reports whether token k follows the one before it across one
// line break only: a name a PDF line wrapped ("يوسف\nالراشدي").
func (n *nativeExtraction) wrapped(k int) bool {
	if k <= 0 || k >= len(n.toks) {
		return false
	}
	gap := n.doc.Text[n.toks[k-1].end:n.toks[k].start]
	return strings.TrimSpace(gap) == "" && strings.Count(gap, "\n") == 1
}

// joined reports whether token k continues the words before it: on the
// same line, or on the next after a wrap.
func (n *nativeExtraction) joined(k int) bool { return n.connected(k) || n.wrapped(k) }

// constructComplement returns how many definite words after a title make
// one title with it ("قائد الجماعة", the group's commander; "قائد الحرس
// الثوري"): common words, or definite words an indefinite name follows.
// The name then starts after them.
func (n *nativeExtraction) constructComplement(j int) int {
	k := j
	for k < len(n.toks) && k < j+2 && n.joined(k) && definite(n.toks[k].fold) && !n.toks[k].used {
		k++
	}
	if k == j {
		return 0
	}
	if k < len(n.toks) && n.joined(k) && !definite(n.toks[k].fold) && n.nameShaped(k) {
		return k - j
	}
	if n.isCommonWord(n.toks[j].fold) {
		return 1
	}
	return 0
}
