package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/translit"
)

// arabic finds names in an Arabic or Persian text, which has no capitals:
// the multilingual gazetteer (with the clitics و ب ل ف ك and the article
// cut where the whole word is no name: "وبغداد", "بالعراق"); titles
// ("الرئيس", "اللواء", "سردار", "رئیس‌جمهور") before one to three name
// words; the compound names of Arabic ("أبو مهدي", "عبد الله"); head words
// of organisations ("وزارة الدفاع", "وزارت امور خارجه") and places
// ("مدينة حلب").
func (n *nativeExtraction) arabic() {
	foldKey := func(w string) string { return translit.Key(w) }
	var titles, orgs, places phraseSet
	if n.profile != nil {
		titles = newPhraseSet(n.profile.PersonTitles, foldKey)
		orgs = newPhraseSet(n.profile.OrgTriggers, foldKey)
		places = newPhraseSet(n.profile.PlaceTriggers, foldKey)
	}
	tokKey := func(t nativeTok) string { return t.fold }
	// 1. gazetteer
	for i := 0; i < len(n.toks); i++ {
		if n.functionWord(n.toks[i].fold) {
			continue // "بأنه", that it, is no town
		}
		if w, ent, trim, trimEnd := n.arabicGazetteerAt(i); w > 0 {
			n.emit(i, i+w-1, trim, trimEnd, n.trimmedKey(i, i+w-1, trim, trimEnd), ent.Kind, gazetteerEvidence[ent.Kind], ent.Name)
			i += w - 1
		}
	}
	// 2. cue words before a name
	for i := 0; i < len(n.toks); i++ {
		if n.toks[i].used {
			continue
		}
		for _, v := range n.cliticVariants(i) {
			if w := titles.match(n.toks, i, v.key, tokKey); w > 0 {
				j := i + w
				// "الرئيس الروسي فلاديمير بوتين": skip adjectives and places
				for j < len(n.toks) && n.connected(j) && j < i+w+2 && (n.toks[j].used || nisba(n.toks[j].fold)) && !n.isPersonAt(j) {
					j++
				}
				// "قائد الجماعة يوسف الراشدي": the group's commander, then the name
				if c := n.constructComplement(j); c > 0 && n.connected(j) {
					j += c
				}
				if end := n.arabicName(j, 2); end >= j && (n.joined(j) || n.apposition(j)) && !n.toks[j].used {
					ev := "title:" + n.doc.Text[n.toks[i].start+v.trim:n.toks[i+w-1].end]
					n.emit(j, end, 0, 0, n.trimmedKey(j, end, 0, 0), Person, ev, "")
					i = end
				} else {
					i = j - 1
				}
				break
			}
			if w := orgs.match(n.toks, i, v.key, tokKey); w > 0 {
				end := i + w - 1
				for k := end + 1; k < len(n.toks) && k <= i+w+n.orgWords() && n.connected(k) && !n.toks[k].used && !n.isStop(k) && !n.isCue(k) && n.continuesName(k); k++ {
					end = k
				}
				if end > i+w-1 {
					trim := n.articleTrim(i, v)
					n.emit(i, end, trim, 0, n.trimmedKey(i, end, trim, 0), Organisation, "head:"+v.key, "")
					i = end
				}
				break
			}
			if w := places.match(n.toks, i, v.key, tokKey); w > 0 {
				j := i + w
				// a head with the article is no construct: "المنطقة لتبرير"
				// starts a new phrase; only a definite adjective may follow
				// ("المنطقة الشرقية")
				defHead := w == 1 && !definite(v.key) && strings.HasSuffix(strings.TrimSuffix(n.toks[i].fold, v.key), "ال")
				if j < len(n.toks) && n.connected(j) && !n.toks[j].used && n.nameShaped(j) && utf8.RuneCountInString(n.toks[j].fold) >= 3 &&
					!agreeingAdjective(n.toks[i+w-1].fold, n.toks[j].fold) && (!defHead || definite(n.toks[j].fold)) {
					end := j
					if j+1 < len(n.toks) && n.connected(j+1) && !n.toks[j+1].used && strings.HasPrefix(n.toks[j+1].fold, "ال") && !nisba(n.toks[j+1].fold) && n.nameShaped(j+1) {
						end = j + 1
					}
					n.emit(j, end, 0, 0, n.trimmedKey(j, end, 0, 0), Place, "head:"+v.key, "")
					i = end
				}
				break
			}
		}
	}
	n.repeatPersons()
	// 3. compound names: أبو / ابن / عبد + name
	for i := 0; i+1 < len(n.toks); i++ {
		if n.toks[i].used || !n.connected(i+1) || n.toks[i+1].used || !n.nameShaped(i+1) {
			continue
		}
		for _, v := range n.cliticVariants(i) {
			if !compoundParticles[v.key] {
				continue
			}
			end := i + 1
			if end+1 < len(n.toks) && n.joined(end+1) && !n.toks[end+1].used && strings.HasPrefix(n.toks[end+1].fold, "ال") && n.nameShaped(end+1) {
				end++ // "أبو بكر البغدادي"
			}
			n.emit(i, end, v.trim, 0, n.trimmedKey(i, end, v.trim, 0), Person, "pattern:"+v.key, "")
			i = end
			break
		}
	}
}

// apposition reports whether token j follows the one before it after a
// comma only ("رئيس الحكومة، حسان دياب"): a title in apposition.
func (n *nativeExtraction) apposition(j int) bool {
	if j == 0 || j >= len(n.toks) {
		return false
	}
	gap := strings.TrimSpace(n.doc.Text[n.toks[j-1].end:n.toks[j].start])
	return gap == "،" || gap == ","
}

// repeatPersons finds again, elsewhere in the document, the people that a
// title named: the whole name, and a surname of two words or more
// standing alone ("دياب" after "حسان دياب").
func (n *nativeExtraction) repeatPersons() {
	type name struct {
		words []string
		ev    string
	}
	var names []name
	for _, m := range n.out {
		if m.Kind != Person {
			continue
		}
		w := strings.Fields(m.Key)
		names = append(names, name{w, "repeat"})
		if len(w) > 1 && utf8.RuneCountInString(w[len(w)-1]) >= 3 {
			names = append(names, name{w[len(w)-1:], "surname"})
		}
	}
	if len(names) == 0 {
		return
	}
	for i := 0; i < len(n.toks); i++ {
		if n.toks[i].used {
			continue
		}
		for _, nm := range names {
			w := len(nm.words)
			if i+w > len(n.toks) {
				continue
			}
			ok := true
			for k := 0; k < w && ok; k++ {
				ok = !n.toks[i+k].used && n.toks[i+k].key == nm.words[k] && (k == 0 || n.connected(i+k))
			}
			if !ok || w == 1 && n.isStop(i) {
				continue
			}
			n.emit(i, i+w-1, 0, 0, strings.Join(nm.words, " "), Person, nm.ev, "")
			i += w - 1
			break
		}
	}
}

// agreeingAdjective reports whether word, after a feminine head word
// ("مدينة"), is an adjective agreeing with it ("مدينة منكوبة", a stricken
// city) rather than a name: indefinite and feminine itself.
func agreeingAdjective(head, word string) bool {
	return strings.HasSuffix(head, "ه") && strings.HasSuffix(word, "ه") && !strings.HasPrefix(word, "ال")
}

// compoundParticles open Arabic compound names (folded).
var compoundParticles = map[string]bool{"ابو": true, "ابي": true, "ابن": true, "عبد": true, "بن": false, "ام": true}

// nisba reports whether a folded word looks like an Arabic relative
// adjective with the article ("الروسي", "الإيرانية") or a Persian one
// ("آمریکایی"): it qualifies a title rather than names someone.
func nisba(w string) bool {
	r := []rune(w)
	if len(r) < 4 {
		return false
	}
	if strings.HasPrefix(w, "ال") && (strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "يه")) {
		return true
	}
	return strings.HasSuffix(w, "ايي") // Persian -ایی
}

// orgWords is how many words after its head an organisation name may run:
// Arabic marks them with the article, Persian does not mark them at all, so
// a Persian name is cut short rather than run into the sentence.
func (n *nativeExtraction) orgWords() int {
	if n.profile != nil && n.profile.Code == "fa" {
		return 1
	}
	return 2
}

// continuesName reports whether token k may continue an Arabic or Persian
// organisation name after its head word: a definite noun ("الدفاع") in
// Arabic, any content word in Persian (ezafe chains are unwritten).
func (n *nativeExtraction) continuesName(k int) bool {
	if n.profile != nil && n.profile.Code == "fa" {
		return true
	}
	return strings.HasPrefix(n.toks[k].fold, "ال") || strings.HasPrefix(n.toks[k].fold, "لل") // "للدفاع"
}

// articleTrim is the bytes to cut before a cue word found as variant v of
// token i, keeping its article in the span: "والمجلس" → "المجلس".
func (n *nativeExtraction) articleTrim(i int, v variant) int {
	t := n.toks[i]
	if v.trim == 0 {
		return 0
	}
	head, ok := strings.CutSuffix(t.fold, v.key)
	if !ok || !strings.HasSuffix(head, "ال") {
		return v.trim
	}
	word := n.doc.Text[t.start:t.end]
	return letterOffset(word, utf8.RuneCountInString(head)-2)
}

// arabicName returns the last token of a name of up to max words (one
// more after a compound particle) starting at j, or j-1: words that are no
// function words, titles or cue words.
func (n *nativeExtraction) arabicName(j, maxWords int) int {
	end := j - 1
	for k := j; k < len(n.toks) && k < j+maxWords; k++ {
		if k > j && !n.connected(k) && !(n.wrapped(k) && definite(n.toks[k].fold)) || n.toks[k].used || !n.nameShaped(k) {
			break
		}
		if k == j && nisba(n.toks[k].fold) {
			break // "رئيس الجمهورية اللبناني": an adjective, no name
		}
		if unicode.IsDigit([]rune(n.toks[k].fold)[0]) {
			break
		}
		if compoundParticles[n.toks[k].fold] && k == j+maxWords-1 {
			maxWords++
		}
		end = k
	}
	return end
}

// isCue reports whether token k is a title or head word itself: a name
// ends before it ("سردار قاسم سلیمانی فرمانده ...").
func (n *nativeExtraction) isCue(k int) bool { return n.cues[n.toks[k].fold] }

// isPersonAt reports whether token j belongs to a person mention.
func (n *nativeExtraction) isPersonAt(j int) bool {
	for k := len(n.out) - 1; k >= 0; k-- {
		m := n.out[k]
		if m.Span.Start <= n.toks[j].start && n.toks[j].end <= m.Span.End {
			return m.Kind == Person
		}
	}
	return false
}

// variant is a word with a leading clitic cut: its key and the bytes cut.
type variant struct {
	key  string
	trim int
}

// cliticVariants returns token i's key, then its keys with each leading
// clitic of the profile cut ("وبغداد" → "بغداد", "بالعراق" → "العراق",
// "عراق"). The article stays in the span when it stays in the key.
func (n *nativeExtraction) cliticVariants(i int) []variant {
	t := n.toks[i]
	out := []variant{{t.fold, 0}}
	if n.profile == nil {
		return out
	}
	word := n.doc.Text[t.start:t.end]
	for _, pk := range n.prefixKeys {
		rest, ok := strings.CutPrefix(t.fold, pk)
		if !ok || utf8.RuneCountInString(rest) < 2 {
			continue
		}
		letters := utf8.RuneCountInString(pk)
		if strings.HasSuffix(pk, "ال") && len(pk) > len("ال") {
			// keep the article: "بالعراق" → "العراق"
			out = append(out, variant{"ال" + rest, letterOffset(word, letters-2)})
		}
		if pk == "لل" {
			out = append(out, variant{"ال" + rest, letterOffset(word, 1)})
		}
		out = append(out, variant{rest, letterOffset(word, letters)})
	}
	return out
}

// letterOffset returns the byte offset in word after its first k letters
// and the marks (harakat, tatweel) that follow them.
func letterOffset(word string, k int) int {
	i := 0
	for k > 0 && i < len(word) {
		r, size := utf8.DecodeRuneInString(word[i:])
		i += size
		if unicode.IsLetter(r) && r != '\u0640' {
			k--
		}
	}
	for i < len(word) {
		r, size := utf8.DecodeRuneInString(word[i:])
		if !unicode.Is(unicode.Mn, r) && r != '\u0640' {
			break
		}
		i += size
	}
	return i
}

// suffixVariants returns key (token i's key, or a prefix-cut variant of
// it) and key with each suffix clitic of the profile cut, with the bytes
// cut from the end of the token.
func (n *nativeExtraction) suffixVariants(i int, key string) []variant {
	out := []variant{{key, 0}}
	if n.profile == nil {
		return out
	}
	t := n.toks[i]
	word := n.doc.Text[t.start:t.end]
	letters := 0
	for _, r := range word {
		if unicode.IsLetter(r) && r != '\u0640' {
			letters++
		}
	}
	for _, sk := range n.suffixKeys {
		rest, ok := strings.CutSuffix(key, sk)
		if !ok || utf8.RuneCountInString(rest) < 3 {
			continue
		}
		out = append(out, variant{rest, len(word) - letterOffset(word, letters-utf8.RuneCountInString(sk))})
	}
	return out
}

// arabicGazetteerAt returns the longest gazetteer name at token i, with the
// bytes of clitics cut from its first and last words.
func (n *nativeExtraction) arabicGazetteerAt(i int) (w int, ent NativeEntry, trim, trimEnd int) {
	nn := n.nn
	if nn == nil {
		return 0, NativeEntry{}, 0, 0
	}
	firsts := n.cliticVariants(i)
	for w = min(nn.maxWords, len(n.toks)-i); w >= 1; w-- {
		ok := true
		for k := i + 1; k < i+w && ok; k++ {
			ok = n.connected(k) && !n.toks[k].used
		}
		if !ok {
			continue
		}
		var lasts []variant
		if w > 1 {
			lasts = n.suffixVariants(i+w-1, n.toks[i+w-1].fold)
		}
		for _, f := range firsts {
			if w > 1 && !nn.firsts[f.key] {
				continue
			}
			var mid strings.Builder
			for k := i + 1; k < i+w-1; k++ {
				mid.WriteByte(' ')
				mid.WriteString(n.toks[k].fold)
			}
			if w == 1 {
				// a short word is no clitic plus a name when the clitic is
				// rare before names: "كريم" is no ك + ريم
				if f.trim > 0 && utf8.RuneCountInString(f.key) <= 3 && (strings.HasPrefix(n.toks[i].fold, "ك") || strings.HasPrefix(n.toks[i].fold, "ف")) {
					continue
				}
				// one word: its prefixes and suffixes both, but no pronoun
				// after the article ("والمالية" is no و + ال + Mali + ه)
				sufs := n.suffixVariants(i, f.key)
				if cut := strings.TrimSuffix(n.toks[i].fold, strings.TrimPrefix(f.key, "ال")); strings.HasSuffix(cut, "ال") {
					sufs = sufs[:1]
				}
				for _, s := range sufs {
					if n.common[withoutArticle(s.key)] {
						continue // "الوادي", the valley, names towns too
					}
					if e, found := n.g.lookupNative(s.key, f.trim > 0 || s.trim > 0); found {
						return 1, e, f.trim, s.trim
					}
				}
				continue
			}
			for _, l := range lasts {
				k := f.key + mid.String() + " " + l.key
				if e, found := n.g.lookupNative(k, f.trim > 0 || l.trim > 0); found {
					return w, e, f.trim, l.trim
				}
			}
		}
	}
	return 0, NativeEntry{}, 0, 0
}

// trimmedKey is the key of tokens [first,last] with the clitics cut.
func (n *nativeExtraction) trimmedKey(first, last, trim, trimEnd int) string {
	s, e := n.toks[first].start+trim, n.toks[last].end-trimEnd
	if s >= e {
		return ""
	}
	return strings.Join(nativeWords(n.doc.Text[s:e]), " ")
}
