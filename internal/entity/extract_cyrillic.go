package entity

import (
	"strings"
)

// cyrillic finds names in a Russian text. Names are capitalised as in
// English, but declined: every key is the words' stems, so "Дамаск",
// "Дамаске" and "Дамаска" are one name. In order: the multilingual
// gazetteer; titles ("президент", "генерал") before a capitalised name;
// head words of organisations ("Министерство обороны", "агентство Рейтер")
// and places ("город Алеппо"); then the remaining capitalised sequences,
// typed by a Russian surname ending or a locative preposition.
func (n *nativeExtraction) cyrillic() {
	stemKey := func(w string) string { return nativeKey(w) }
	tokKey := func(t nativeTok) string { return t.key }
	var titles, orgs, places phraseSet
	if n.profile != nil {
		titles = newPhraseSet(n.profile.PersonTitles, stemKey)
		orgs = newPhraseSet(n.profile.OrgTriggers, stemKey)
		places = newPhraseSet(n.profile.PlaceTriggers, stemKey)
	}
	// capsMid: words written capitalised inside a sentence somewhere in the
	// document, so a name that also opens a sentence is known for one.
	capsMid := map[string]bool{}
	for _, t := range n.toks {
		if t.cap && !t.sentStart {
			capsMid[t.key] = true
		}
	}

	// 1. gazetteer
	for i := 0; i < len(n.toks); i++ {
		lower := !n.toks[i].cap && !n.cyrParticle(i)
		if w, ent := n.gazetteerAt(i); w > 0 && (!lower || n.nn.lower[n.joinKeys(i, i+w-1)]) {
			n.emit(i, i+w-1, 0, 0, n.joinKeys(i, i+w-1), ent.Kind, gazetteerEvidence[ent.Kind], ent.Name)
			i += w - 1
		}
	}
	// 2. titles, organisation and place head words before a name
	for i := 0; i < len(n.toks); i++ {
		t := n.toks[i]
		if t.used {
			continue
		}
		if w := titles.match(n.toks, i, t.key, tokKey); w > 0 {
			j := i + w
			// "президент России Владимир Путин": skip a place named between
			for j < len(n.toks) && n.toks[j].used && n.connected(j) && n.isPlaceAt(j) {
				j++
			}
			if end := n.capSequence(j); end >= j && (n.connected(j) || n.apposition(j)) && orgs.match(n.toks, j, n.toks[j].key, tokKey) == 0 {
				n.emitOrUpgrade(j, end, Person, "title:"+n.doc.Text[t.start:n.toks[i+w-1].end])
			}
			i = j - 1
			continue
		}
		if w := orgs.match(n.toks, i, t.key, tokKey); w > 0 {
			if t.cap {
				// "Министерство обороны России": the head and its genitive words
				end := i + w - 1
				for k := end + 1; k < len(n.toks) && k <= i+w+2 && n.connected(k) && !n.toks[k].cap && !n.toks[k].used && genitiveLike(n.toks[k].fold); k++ {
					end = k
				}
				if end > i {
					n.emit(i, end, 0, 0, n.joinKeys(i, end), Organisation, "head:"+t.fold, "")
					i = end
					continue
				}
			}
			j := i + w
			if end := n.capSequence(j); end >= j && n.connected(j) {
				n.emitOrUpgrade(j, end, Organisation, "head:"+t.fold)
				i = end
			}
			continue
		}
		if w := places.match(n.toks, i, t.key, tokKey); w > 0 && !t.cap {
			j := i + w
			if end := n.capSequence(j); end >= j && n.connected(j) {
				n.emitOrUpgrade(j, end, Place, "head:"+t.fold)
				i = end
			}
		}
	}
	n.repeatPersons()
	// 3. remaining capitalised sequences
	for i := 0; i < len(n.toks); i++ {
		if n.toks[i].used || !n.toks[i].cap || n.isStop(i) {
			continue
		}
		end := n.capSequence(i)
		if end < i {
			continue
		}
		if n.toks[i].sentStart && end == i && !capsMid[n.toks[i].key] && !n.toks[i].allCaps {
			continue // a capitalised word opening a sentence, never capitalised elsewhere
		}
		kind, ev := Other, "capitalised"
		switch {
		case n.toks[i].allCaps && end == i:
			ev = "acronym"
		case i > 0 && n.toks[i].sep == sepSpace && locativePreps[n.toks[i-1].fold]:
			kind, ev = Place, "prep:"+n.toks[i-1].fold
		case russianSurname(n.toks[end].fold) && (end > i || !n.toks[i].sentStart):
			kind, ev = Person, "surname"
		}
		if kind == Other && end > i && n.hasArabicParticle(i, end) {
			kind, ev = Person, "pattern:particle" // "Юсуф ар-Рашиди", "Абу Бакр"
		}
		n.emit(i, end, 0, 0, n.joinKeys(i, end), kind, ev, "")
		n.out[len(n.out)-1].IsAcronym = ev == "acronym"
		i = end
	}
	// a surname alone, after the full name of a person in the document
	last := map[string]bool{}
	for _, m := range n.out {
		if w := strings.Fields(m.Key); m.Kind == Person && len(w) > 1 {
			last[w[len(w)-1]] = true
		}
	}
	for k := range n.out {
		m := &n.out[k]
		if m.Kind == Other && !m.IsAcronym && !strings.Contains(m.Key, " ") && last[m.Key] {
			m.Kind, m.Evidence = Person, "surname"
		}
	}
}

// hasArabicParticle reports whether a capitalised name holds a particle of
// Arabic names ("ар-", "ибн", "Абу").
func (n *nativeExtraction) hasArabicParticle(first, last int) bool {
	for k := first; k < last; k++ {
		switch n.toks[k].fold {
		case "абу", "ибн", "бин", "бен":
			return true
		}
		// "Юсуф ар-Рашиди", not the place "Телль-эль-Хамра"
		if n.cyrParticle(k) && k > first && n.toks[k].sep == sepSpace {
			return true
		}
	}
	return false
}

// cyrParticle: a lower-case particle hyphenated to a name ("аль-Мухандис").
func (n *nativeExtraction) cyrParticle(i int) bool {
	switch n.toks[i].fold {
	case "аль", "ас", "ад", "ат", "ар", "эль", "бен", "бин", "ибн", "абу", "ан", "аз", "эш", "аш":
		return i+1 < len(n.toks) && n.toks[i+1].sep == sepHyphen
	}
	return false
}

// capSequence returns the last token of the capitalised name starting at
// i (capitalised words and hyphenated particles, joined by spaces or
// hyphens), or i-1 when none starts there.
func (n *nativeExtraction) capSequence(i int) int {
	end := i - 1
	for k := i; k < len(n.toks) && k < i+5; k++ {
		if k > i && !n.connected(k) {
			break
		}
		t := n.toks[k]
		if t.used || !(t.cap || n.cyrParticle(k)) || k > i && t.quoted {
			break
		}
		if k == i && n.isStop(k) && !t.cap {
			break
		}
		end = k
	}
	for end >= i && n.cyrParticle(end) {
		end-- // a particle ends nothing
	}
	return end
}

// emitOrUpgrade emits a name, or when the gazetteer already took its
// first word, leaves the gazetteer's mention as it is.
func (n *nativeExtraction) emitOrUpgrade(first, last int, kind Kind, ev string) {
	if n.toks[first].used {
		return
	}
	n.emit(first, last, 0, 0, n.joinKeys(first, last), kind, ev, "")
}

func (n *nativeExtraction) joinFolds(first, last int) string {
	var b strings.Builder
	for k := first; k <= last; k++ {
		if k > first {
			b.WriteByte(' ')
		}
		b.WriteString(n.toks[k].fold)
	}
	return b.String()
}

func (n *nativeExtraction) joinKeys(first, last int) string {
	var b strings.Builder
	for k := first; k <= last; k++ {
		if k > first {
			b.WriteByte(' ')
		}
		b.WriteString(n.toks[k].key)
	}
	return b.String()
}

// isPlaceAt reports whether token j belongs to a gazetteer place mention.
func (n *nativeExtraction) isPlaceAt(j int) bool {
	for k := len(n.out) - 1; k >= 0; k-- {
		m := n.out[k]
		if m.Span.Start <= n.toks[j].start && n.toks[j].end <= m.Span.End {
			return m.Kind == Place
		}
	}
	return false
}

// gazetteerAt returns the longest gazetteer name starting at token i
// (its number of words) in a Russian text.
func (n *nativeExtraction) gazetteerAt(i int) (int, NativeEntry) {
	nn := n.nn
	if nn == nil {
		return 0, NativeEntry{}
	}
	for w := min(nn.maxWords, len(n.toks)-i); w >= 1; w-- {
		if w > 1 && !nn.firsts[n.toks[i].key] {
			continue
		}
		ok := true
		for k := i + 1; k < i+w && ok; k++ {
			ok = n.connected(k) && !n.toks[k].used
		}
		if !ok || n.toks[i].used {
			continue
		}
		if ent, found := n.g.lookupNative(n.joinKeys(i, i+w-1)); found {
			return w, ent
		}
		if ent, found := n.g.lookupNative(n.joinFolds(i, i+w-1)); found {
			return w, ent // a small town, as written
		}
	}
	return 0, NativeEntry{}
}

// russianSurname reports whether a folded word ends as Russian surnames do
// in any case: -ов/-ев/-ин, -ский/-цкий and their forms.
func russianSurname(w string) bool {
	r := []rune(w)
	if len(r) < 5 {
		return false
	}
	for _, suf := range []string{"ов", "ова", "ову", "овым", "ове", "ев", "ева", "еву", "евым", "ин", "ина", "ину", "иным", "ский", "ского", "скому", "ским", "ской", "ская", "цкий", "цкого", "цкому"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// genitiveLike reports whether a lower-case word could be a genitive or
// adjective continuing an organisation's name ("обороны", "иностранных
// дел", "национальной безопасности").
func genitiveLike(w string) bool {
	for _, suf := range []string{"ы", "и", "а", "я", "ого", "его", "ой", "ей", "ых", "их", "ов", "ев", "ий", "ый", "ая", "ое", "ел"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// locativePreps precede place names: "в Дамаске", "из Москвы".
var locativePreps = map[string]bool{"в": true, "во": true, "из": true, "под": true}
