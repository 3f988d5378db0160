package entity

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/translit"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
)

// Documents in Cyrillic or Arabic script are read by their own passes
// (extract_cyrillic.go, extract_arabic.go): Arabic script has no capitals,
// and Russian declines names, so the English capitalisation rules would
// find nothing or split one name by case. Both passes share the tokens
// below and the multilingual gazetteer (native.go); mentions keep their
// exact span in the original text, and their keys are the native keys
// (stems, folded letters), which package alias links across scripts.

// nativeTok is a word of a Cyrillic or Arabic-script text.
type nativeTok struct {
	start, end int
	fold       string // translit.Key of the word
	key        string // nativeKey: fold, stemmed for Russian
	cap        bool   // first letter upper case
	allCaps    bool
	sep        byte // separator before it: sepSpace, sepHyphen or sepBreak
	sentStart  bool
	used       bool
	quoted     bool // an opening quotation mark right before
}

// nativeScriptOf returns the script a document's body is mostly written in,
// read from its first few thousand bytes.
func nativeScriptOf(doc *document.Document) lang.Script {
	var b strings.Builder
	for _, sp := range doc.BodySpans() {
		end := min(sp.End, sp.Start+4000-b.Len())
		for end > sp.Start && end < len(doc.Text) && !utf8.RuneStart(doc.Text[end]) {
			end--
		}
		if end > sp.Start {
			b.WriteString(doc.Text[sp.Start:end])
		}
		if b.Len() >= 4000 {
			break
		}
	}
	return lang.DominantScript(b.String())
}

// extractNative runs the Cyrillic or Arabic-script passes on a document
// written mostly in those scripts; ok is false for other documents.
func (x *Extractor) extractNative(doc *document.Document) (ms []Mention, ok bool) {
	if x.gaz == nil || x.gaz.langs == nil {
		return nil, false
	}
	script := nativeScriptOf(doc)
	if script != lang.ScriptCyrillic && script != lang.ScriptArabic {
		return nil, false
	}
	n := &nativeExtraction{g: x.gaz, doc: doc, nn: x.gaz.native.built()}
	n.profile = n.chooseProfile(script)
	n.prepareLists()
	n.tokenize()
	if script == lang.ScriptCyrillic {
		n.cyrillic()
	} else {
		n.arabic()
	}
	sort.SliceStable(n.out, func(i, j int) bool { return n.out[i].Span.Start < n.out[j].Span.Start })
	return n.out, true
}

type nativeExtraction struct {
	g       *Gazetteer
	nn      *nativeNames
	doc     *document.Document
	profile *lang.Profile
	toks    []nativeTok
	out     []Mention
	// the profile's clitics and cue words, folded once per document
	prefixKeys, suffixKeys []string
	cues                   map[string]bool
	stops                  map[string]bool
	common                 map[string]bool   // CommonWords of the script's languages, folded, without the article
	phon                   map[string]string // sound classes of words, for the cross-script pass
}

// prepareLists takes the profile's folded clitics and cue words, and the
// stop and common words of every language of the script (Arabic and
// Persian share many function words), folded once per gazetteer and
// profile: they are read, never written, by the passes.
func (n *nativeExtraction) prepareLists() {
	if n.profile == nil || n.nn == nil {
		n.cues, n.stops, n.common = map[string]bool{}, map[string]bool{}, map[string]bool{}
		return
	}
	l := n.nn.listsFor(n.profile, n.g.langs)
	n.prefixKeys, n.suffixKeys, n.cues, n.stops, n.common = l.prefixKeys, l.suffixKeys, l.cues, l.stops, l.common
}

// nativeLists are a profile's word lists folded for the native passes.
type nativeLists struct {
	prefixKeys, suffixKeys []string
	cues, stops, common    map[string]bool
}

func foldLists(profile *lang.Profile, langs *lang.Set) *nativeLists {
	l := &nativeLists{cues: map[string]bool{}, stops: map[string]bool{}, common: map[string]bool{}}
	for _, p := range profile.Prefixes {
		l.prefixKeys = append(l.prefixKeys, translit.Key(p))
	}
	for _, s := range profile.Suffixes {
		l.suffixKeys = append(l.suffixKeys, translit.Key(s))
	}
	for _, list := range [][]string{profile.PersonTitles, profile.OrgTriggers, profile.PlaceTriggers, profile.AttributionVerbs} {
		for _, w := range list {
			l.cues[translit.Key(w)] = true
		}
	}
	for _, p := range langs.Profiles() {
		if p.Script == profile.Script {
			for w := range p.Stopwords {
				l.stops[w] = true
				l.stops[translit.Key(w)] = true
			}
			// weekdays too: "الرئيس عون\nالأربعاء" is no name of two words
			for _, list := range [][]string{p.CommonWords, p.Weekdays} {
				for _, w := range list {
					l.common[withoutArticle(translit.Key(w))] = true
				}
			}
		}
	}
	return l
}

// chooseProfile picks the language profile: the document's language field
// when it names one of the script, else the detected language, else the
// first profile of the script (Russian, Arabic).
func (n *nativeExtraction) chooseProfile(script lang.Script) *lang.Profile {
	langs := n.g.langs
	if p := langs.Get(lang.Code(strings.ToLower(n.doc.Meta.Language.Value))); p != nil && p.Script == script {
		return p
	}
	var sample strings.Builder
	for _, sp := range n.doc.BodySpans() {
		sample.WriteString(n.doc.Text[sp.Start:sp.End])
		sample.WriteByte('\n')
		if sample.Len() > 8000 {
			break
		}
	}
	if d := langs.Detect(sample.String()); d.Code != lang.Unknown {
		if p := langs.Get(d.Code); p != nil && p.Script == script {
			return p
		}
	}
	if script == lang.ScriptCyrillic {
		return langs.Get(lang.Russian)
	}
	return langs.Get(lang.Arabic)
}

// tokenize splits the body into words with wordscan's tokenizer; a
// zero-width non-joiner inside a word (Persian "رئیس‌جمهور") keeps it one
// word.
func (n *nativeExtraction) tokenize() {
	text := n.doc.Text
	for _, sp := range n.doc.BodySpans() {
		first := len(n.toks)
		sc := wordscan.NewScanner(text, sp.Start, sp.End, wordscan.Options{})
		for {
			w, ok := sc.Next()
			if !ok {
				break
			}
			if w.Kind == wordscan.Punct || w.Kind == wordscan.Break {
				continue
			}
			start, end := w.Start, w.End
			t := nativeTok{start: start, end: end, sep: sepBreak}
			word := text[start:end]
			t.fold = translit.Key(word)
			t.key = keyOfFold(t.fold)
			r0, _ := utf8.DecodeRuneInString(word)
			t.cap = unicode.IsUpper(r0)
			t.allCaps = t.cap && strings.ToUpper(word) == word && utf8.RuneCountInString(word) >= 2
			gapStart := sp.Start
			if len(n.toks) > first {
				prev := n.toks[len(n.toks)-1]
				gapStart = prev.end
				t.sep = separator(text[prev.end:start], false)
			}
			t.sentStart = len(n.toks) == first || w.SentStart || nativeSentenceStart(text[gapStart:start])
			t.quoted = strings.ContainsAny(text[gapStart:start], "«\"“„")
			n.toks = append(n.toks, t)
		}
	}
}

// nativeSentenceStart reports whether a word after the gap starts where
// capitals say nothing beyond the tokenizer's sentence ends: after an
// ellipsis or a colon.
func nativeSentenceStart(gap string) bool {
	return strings.ContainsAny(gap, "…:")
}

func (n *nativeExtraction) connected(i int) bool {
	return i < len(n.toks) && (n.toks[i].sep == sepSpace || n.toks[i].sep == sepHyphen)
}

// emit adds a mention over tokens [first,last] with trims (bytes of
// clitics) at both ends, and marks the tokens used.
func (n *nativeExtraction) emit(first, last, trimStart, trimEnd int, key string, kind Kind, evidence, gaz string) {
	s, e := n.toks[first].start+trimStart, n.toks[last].end-trimEnd
	if s >= e {
		return
	}
	for k := first; k <= last; k++ {
		n.toks[k].used = true
	}
	n.out = append(n.out, Mention{Doc: n.doc.Path, Span: document.Span{Start: s, End: e}, Text: n.doc.Text[s:e],
		Key: key, Kind: kind, Evidence: evidence, Gazetteer: gaz})
}

func (n *nativeExtraction) isStop(i int) bool {
	if i >= len(n.toks) {
		return true
	}
	return n.stops[n.toks[i].fold] || n.stops[strings.ToLower(n.doc.Text[n.toks[i].start:n.toks[i].end])]
}

// phraseSet is a list of cue phrases as sequences of word keys, by first
// word, longest first.
type phraseSet map[string][][]string

func newPhraseSet(list []string, key func(string) string) phraseSet {
	ps := phraseSet{}
	for _, p := range list {
		var words []string
		for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '-' || r == '\u00a0' }) {
			if k := key(w); k != "" {
				words = append(words, k)
			}
		}
		if len(words) > 0 {
			ps[words[0]] = append(ps[words[0]], words)
		}
	}
	for k := range ps {
		sort.SliceStable(ps[k], func(i, j int) bool { return len(ps[k][i]) > len(ps[k][j]) })
	}
	return ps
}

// match returns the number of words of the longest phrase at token i whose
// first word's key is first (a clitic-stripped variant of token i), and the
// phrase as written in the list.
func (ps phraseSet) match(toks []nativeTok, i int, first string, key func(nativeTok) string) int {
	for _, ph := range ps[first] {
		if i+len(ph) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(ph) && ok; k++ {
			ok = toks[i+k].sep != sepBreak && key(toks[i+k]) == ph[k]
		}
		if ok {
			return len(ph)
		}
	}
	return 0
}
