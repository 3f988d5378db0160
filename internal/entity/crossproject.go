package entity

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/translit"
)

// A project's English and Russian documents often name what its Arabic and
// Persian ones name too, and there the name is easier to find (capitals,
// titles in a familiar order). CrossScriptMentions looks for those names
// in the Arabic-script documents by their reading: every run of one to
// three words, clitics cut ("وتولوس"), a relative adjective cut to its
// place ("المارفانية" ~ Marvania), is read as sound classes and looked up
// by consonant skeleton among the project's Latin and Cyrillic names, then
// aligned letter by letter (translit.Compare). The index makes it one
// look-up per run of words, not a comparison with every name.

// Confidences of cross-script matches.
const (
	// crossFloorOne and crossFloorMany are the least confidence at which a
	// run of one word, or of more, becomes a mention; package alias merges
	// it with its name from 0.7 and suggests the merge below.
	crossFloorOne  = 0.6
	crossFloorMany = 0.55
	// crossNisba scales a match through a relative adjective: it names the
	// place through the people or things of it.
	crossNisba = 0.9
	// crossMaxWords is the longest run of words compared.
	crossMaxWords = 3
	// crossAccept is the confidence from which a match replaces a weaker
	// reading of the extractor's (package alias merges from it too).
	crossAccept = 0.7
)

// crossTarget is a name the project's Latin or Cyrillic documents use.
type crossTarget struct {
	key   string // its mention key, the node package alias links to
	name  string // its most frequent form
	read  string // the text read into sound classes
	kind  Kind
	words int // words of its sound-class reading
}

// crossIndex holds the targets by consonant skeleton.
type crossIndex struct {
	targets []crossTarget
	bySkel  map[string][]int32
}

// newCrossIndex gathers the names of mentions in Latin or Cyrillic script
// worth finding elsewhere: typed, or named twice or more, no acronyms.
// Names the multilingual gazetteer gives native forms of (known) are left
// to its forms: a reading would only add words that sound like them
// ("طيران", flight, for Tehran).
func newCrossIndex(perDoc [][]Mention, known map[string]bool) *crossIndex {
	type agg struct {
		forms map[string]int
		kinds [4]int
		n     int
		acr   bool
	}
	byKey := map[string]*agg{}
	for _, ms := range perDoc {
		for _, m := range ms {
			if m.Key == "" || m.Match != "" {
				continue
			}
			sc := translit.ScriptOf(m.Text)
			if sc != translit.Latin && sc != translit.Cyrillic {
				continue
			}
			a := byKey[m.Key]
			if a == nil {
				a = &agg{forms: map[string]int{}}
				byKey[m.Key] = a
			}
			a.forms[m.Text]++
			a.n++
			if m.Kind != Other {
				a.kinds[m.Kind] += max(1, m.Strength())
			}
			a.acr = a.acr || m.IsAcronym
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ix := &crossIndex{bySkel: map[string][]int32{}}
	for _, k := range keys {
		a := byKey[k]
		kind := Other
		for c := Person; c <= Place; c++ {
			if a.kinds[c] > a.kinds[kind] {
				kind = c
			}
		}
		if a.acr || kind == Other && a.n < 2 || known[k] {
			continue
		}
		name, best := "", 0
		for f, c := range a.forms {
			if c > best || c == best && f < name {
				name, best = f, c
			}
		}
		read := name
		if translit.ScriptOf(name) == translit.Latin {
			read = k // one Latin reading per key, as package alias reads it
		}
		words := len(strings.Fields(translit.Phonetic(read)))
		if words == 0 || words > crossMaxWords {
			continue
		}
		t := int32(len(ix.targets))
		added := false
		for _, sk := range translit.BlockingKeys(read) {
			if translit.CountConsonants(sk) < 3 && (words == 1 || translit.CountConsonants(sk) < 2) {
				continue // too short to tell a name from a word
			}
			ix.bySkel[sk] = append(ix.bySkel[sk], t)
			added = true
		}
		if added {
			ix.targets = append(ix.targets, crossTarget{key: k, name: name, read: read, kind: kind, words: words})
		}
	}
	return ix
}

// CrossScriptMentions adds to perDoc (the mentions of docs, document by
// document) the mentions of the project's Latin and Cyrillic names found
// in its Arabic-script documents, outside the mentions they have. Each
// carries the name's key in Match, the confidence in MatchConfidence and
// "cross-script match to <name>" as evidence; each document's mentions
// stay in text order.
func (x *Extractor) CrossScriptMentions(ctx context.Context, docs []*document.Document, perDoc [][]Mention) error {
	if len(docs) != len(perDoc) {
		return fmt.Errorf("cross-script mentions: %d documents, %d mention lists", len(docs), len(perDoc))
	}
	if x.gaz == nil || x.gaz.langs == nil {
		return nil
	}
	var arabic []int
	for i, d := range docs {
		if CrossScriptTarget(d) {
			arabic = append(arabic, i)
		}
	}
	return x.CrossScriptMentionsIn(ctx, docs, perDoc, arabic)
}

// CrossScriptTarget reports whether CrossScriptMentions looks for names
// in doc (it is written in Arabic script); it reads only doc, so a
// caller may keep the answer while doc is unchanged.
func CrossScriptTarget(doc *document.Document) bool {
	return nativeScriptOf(doc) == lang.ScriptArabic
}

// CrossScriptMentionsIn is CrossScriptMentions with the documents it
// looks in given: arabic must list, in order, the indexes of docs for
// which CrossScriptTarget is true.
func (x *Extractor) CrossScriptMentionsIn(ctx context.Context, docs []*document.Document, perDoc [][]Mention, arabic []int) error {
	if len(docs) != len(perDoc) {
		return fmt.Errorf("cross-script mentions: %d documents, %d mention lists", len(docs), len(perDoc))
	}
	if x.gaz == nil || x.gaz.langs == nil || len(arabic) == 0 {
		return nil
	}
	return x.CrossScriptWith(ctx, docs, perDoc, arabic, x.NewCrossIndex(perDoc))
}

// CrossIndex is the index of the project's Latin and Cyrillic names that
// CrossScriptMentions looks for in the Arabic-script documents. It
// depends only on the mentions it was built from (and the gazetteer):
// two equal indexes find the same names in an unchanged document.
// Immutable.
type CrossIndex struct{ ix *crossIndex }

// NewCrossIndex builds the index of perDoc's names (the mentions before
// the cross-script pass); nil when the extractor reads no other script.
func (x *Extractor) NewCrossIndex(perDoc [][]Mention) *CrossIndex {
	if x.gaz == nil || x.gaz.langs == nil {
		return nil
	}
	return &CrossIndex{ix: newCrossIndex(perDoc, x.gaz.native.built().knownLatin())}
}

// Equal reports whether c and o hold the same names under the same
// skeletons.
func (c *CrossIndex) Equal(o *CrossIndex) bool {
	if c == nil || o == nil {
		return c == o
	}
	return reflect.DeepEqual(c.ix.targets, o.ix.targets) && reflect.DeepEqual(c.ix.bySkel, o.ix.bySkel)
}

// CrossScriptWith is CrossScriptMentionsIn with the index given (ix from
// NewCrossIndex of the same perDoc, or one equal to it): only the
// documents of arabic are looked in.
func (x *Extractor) CrossScriptWith(ctx context.Context, docs []*document.Document, perDoc [][]Mention, arabic []int, ci *CrossIndex) error {
	if len(docs) != len(perDoc) {
		return fmt.Errorf("cross-script mentions: %d documents, %d mention lists", len(docs), len(perDoc))
	}
	if ci == nil || len(ci.ix.targets) == 0 {
		return nil
	}
	ix := ci.ix
	for _, i := range arabic {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("cross-script mentions: %w", err)
		}
		kept, found := x.crossScan(docs[i], perDoc[i], ix)
		if len(found) == 0 {
			continue
		}
		ms := append(kept, found...)
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].Span.Start < ms[b].Span.Start })
		perDoc[i] = ms
	}
	return nil
}

// crossScan finds the index's names in one Arabic-script document. It
// returns the extractor's mentions it keeps (have, less the organisations
// it reads as a place's adjective) and the mentions it found.
func (x *Extractor) crossScan(doc *document.Document, have []Mention, ix *crossIndex) (kept, found []Mention) {
	n := &nativeExtraction{g: x.gaz, doc: doc, nn: x.gaz.native.built()}
	n.profile = n.chooseProfile(lang.ScriptArabic)
	n.prepareLists()
	n.tokenize()
	have = n.placeAdjectives(have, ix)
	// the tokens the extractor's own mentions cover stay theirs
	k := 0
	for _, m := range have {
		for k < len(n.toks) && n.toks[k].end <= m.Span.Start {
			k++
		}
		for j := k; j < len(n.toks) && n.toks[j].start < m.Span.End; j++ {
			n.toks[j].used = true
		}
	}
	for i := 0; i < len(n.toks); i++ {
		if n.toks[i].used {
			continue
		}
		for w := min(crossMaxWords, len(n.toks)-i); w >= 1; w-- {
			if m, ok := n.crossMatchAt(i, w, ix, false); ok {
				n.emit(i, i+w-1, m.trim, 0, n.trimmedKey(i, i+w-1, m.trim, 0), m.kind, "cross-script match to "+m.name, "")
				last := &n.out[len(n.out)-1]
				last.Match, last.MatchConfidence = m.key, m.conf
				i += w - 1
				break
			}
		}
	}
	return have, n.out
}

// genericHeads are the head words of organisations (folded, without the
// article) that, with a country's adjective, describe rather than name:
// "القوات المارفانية" is the Marvanian forces, "الجيش اللبناني" the
// Lebanese Army, an organisation.
var genericHeads = map[string]bool{"قوات": true}

// placeAdjectives returns have without the organisations found by a
// generic head word and one relative adjective that reads as a place of
// the project ("القوات المارفانية", the Marvanian forces): the adjective is
// mentioned as that place instead, which is how the Latin documents count
// it ("Marvanian forces" names no organisation, Marvania is the place).
func (n *nativeExtraction) placeAdjectives(have []Mention, ix *crossIndex) []Mention {
	out := have[:0:0]
	for _, m := range have {
		if m.Kind != Organisation || !genericHeads[strings.TrimPrefix(m.Evidence, "head:")] {
			out = append(out, m)
			continue
		}
		first, last := -1, -1
		for k := range n.toks {
			if n.toks[k].start < m.Span.End && n.toks[k].end > m.Span.Start {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		if first < 0 || last != first+1 || !nisba(n.toks[last].fold) {
			out = append(out, m)
			continue
		}
		hit, ok := n.crossMatchAt(last, 1, ix, true)
		if !ok || hit.kind != Place || hit.conf < crossAccept {
			out = append(out, m)
			continue
		}
		n.emit(last, last, 0, 0, n.trimmedKey(last, last, 0, 0), Place, "cross-script match to "+hit.name, "")
		p := &n.out[len(n.out)-1]
		p.Match, p.MatchConfidence = hit.key, hit.conf
	}
	return out
}

type crossHit struct {
	key, name string
	kind      Kind
	conf      float64
	trim      int
	nisba     bool
}

// crossMatchAt returns the best target that tokens [i, i+w) read as.
// adjective allows a word that agrees with the one before it as an
// adjective (placeAdjectives asks for one).
func (n *nativeExtraction) crossMatchAt(i, w int, ix *crossIndex, adjective bool) (crossHit, bool) {
	for k := i; k < i+w; k++ {
		if n.toks[k].used || k > i && !n.joined(k) || n.isStop(k) {
			return crossHit{}, false
		}
		if r, _ := utf8.DecodeRuneInString(n.toks[k].fold); r < 0x600 {
			return crossHit{}, false // digits, Latin words
		}
	}
	if n.isCue(i) || w == 1 && (n.isCommonWord(n.toks[i].fold) || preposedVerbalNoun(n.toks[i].fold) || !adjective && n.definiteAdjective(i)) {
		return crossHit{}, false
	}
	var inner []string // the words between the first and the last
	for k := i + 1; k < i+w-1; k++ {
		inner = append(inner, n.toks[k].fold)
	}
	var best crossHit
	for _, first := range n.cliticVariants(i) {
		if utf8.RuneCountInString(withoutArticle(first.key)) < 2 {
			continue
		}
		lastWord := first.key
		if w > 1 {
			lastWord = n.toks[i+w-1].fold
		}
		for _, last := range nisbaVariants(lastWord) {
			if w == 1 && n.common[withoutArticle(last.word)] {
				continue
			}
			words := make([]string, 0, w)
			if w > 1 {
				words = append(words, first.key)
			}
			words = append(words, inner...)
			words = append(words, last.word)
			// the skeleton from each word's sound classes (Arabic script
			// writes no v: one blocking key)
			phs := make([]string, 0, w)
			for _, wd := range words {
				if p := n.phonetic(wd); p != "" {
					phs = append(phs, p)
				}
			}
			sk := translit.Consonants(strings.Join(phs, " "))
			if w == 1 && translit.CountConsonants(sk) < 3 {
				continue
			}
			cand := strings.Join(words, " ")
			for _, t := range ix.bySkel[sk] {
				tg := &ix.targets[t]
				c := translit.Compare(cand, tg.read)
				if c > 0 && (!sameStrongH(cand, tg.read) || !initialAynAgrees(cand, tg.read)) {
					continue
				}
				if last.nisba {
					c *= crossNisba
				}
				if c > best.conf {
					best = crossHit{key: tg.key, name: tg.name, kind: tg.kind, conf: c, trim: first.trim, nisba: last.nisba}
				}
			}
		}
	}
	floor := crossFloorMany
	switch {
	case best.nisba:
		// an adjective ("اللبناني") is a mention of its place only when
		// surely read as it: left alone, it is no name of its own
		floor = crossAccept
	case w == 1:
		floor = crossFloorOne
	}
	return best, best.conf >= floor
}

type nisbaForm struct {
	word  string
	nisba bool
}

// phonetic is translit.Phonetic of a folded word, read once per document.
func (n *nativeExtraction) phonetic(word string) string {
	if p, ok := n.phon[word]; ok {
		return p
	}
	if n.phon == nil {
		n.phon = map[string]string{}
	}
	p := translit.Phonetic(word)
	n.phon[word] = p
	return p
}

// nisbaVariants returns a folded word and, when it ends like a relative
// adjective (-ي, -ية, -يون, -يين; Persian -ی), the stem it is formed from:
// "المارفانيه" → "المارفان" (Marvania, Marvanian).
func nisbaVariants(f string) []nisbaForm {
	out := []nisbaForm{{f, false}}
	for _, suf := range []string{"يين", "يون", "يه", "ي"} {
		if rest, ok := strings.CutSuffix(f, suf); ok && utf8.RuneCountInString(withoutArticle(rest)) >= 4 {
			out = append(out, nisbaForm{rest, true})
			break
		}
	}
	return out
}

// sameStrongH reports whether two readings of one name write the same
// number of h sounds (ح خ ه; h, kh) in each word, a final one aside (the
// feminine ة, "Masirah"). translit.Compare lets either side skip them,
// which links names written by different hands; a project's name found in
// running text needs more, or words of other roots come in ("طيران",
// flight, for Tehran; "محاصره", siege, for Masirah).
func sameStrongH(a, b string) bool {
	wa, wb := strings.Fields(translit.Phonetic(a)), strings.Fields(translit.Phonetic(b))
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if innerH(wa[i]) != innerH(wb[i]) {
			return false
		}
	}
	return true
}

// innerH counts the h classes of a sound-class word before its last letter.
func innerH(w string) int {
	w = strings.TrimSuffix(w, "h")
	return strings.Count(w, "h")
}

// definiteAdjective reports whether token i reads as an adjective agreeing
// with the definite word before it: definite and feminine after a definite
// word ("الطائرات المسيرة", the drones; "السعودية العملاقة"), where a name
// would not take the article of an apposition.
func (n *nativeExtraction) definiteAdjective(i int) bool {
	f := n.toks[i].fold
	return i > 0 && n.connected(i) && strings.HasPrefix(f, "ال") && strings.HasSuffix(f, "ه") &&
		strings.HasPrefix(n.toks[i-1].fold, "ال") && !n.isCue(i-1)
}

// latinArticleWords are the Arabic articles of Latin spellings, no word of
// the name ("al-Maliki").
var latinArticleWords = map[string]bool{"al": true, "el": true, "ad": true, "ar": true, "as": true, "az": true, "ash": true, "at": true, "an": true, "ul": true, "ez": true, "es": true}

// initialAynAgrees reports whether every word of an Arabic-script reading
// that opens with ayn (ع, which the sound classes drop) pairs with a Latin
// word opening with a vowel or an apostrophe, as Latin spellings write it
// ("عباس", Abbas): "العملاقة" (the giant) is no al-Maliki. Readings whose
// words do not pair one to one, or in Cyrillic, are left to Compare.
func initialAynAgrees(ar, other string) bool {
	if translit.ScriptOf(other) != translit.Latin {
		return true
	}
	var aw, lw []string
	for _, w := range strings.Fields(ar) {
		aw = append(aw, withoutArticle(w))
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(other), func(r rune) bool { return r == ' ' || r == '-' }) {
		if !latinArticleWords[w] {
			lw = append(lw, w)
		}
	}
	if len(aw) != len(lw) {
		return true
	}
	for i := range aw {
		if strings.HasPrefix(aw[i], "ع") && !strings.ContainsRune("aeiouy'`ʿ", []rune(lw[i])[0]) {
			return false
		}
	}
	return true
}
