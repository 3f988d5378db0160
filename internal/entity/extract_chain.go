package entity

import "strings"

// chain trims and classifies the capitalised sequence i..j and returns the
// last token index it consumed.
func (e *extraction) chain(i, j int) int {
	end := j
	first := e.skipLeading(i, j)
	if first > j {
		return end
	}
	first, kind, evidence, ok := e.skipTitles(first, j)
	if !ok {
		return end
	}
	// trailing connectors
	for j > first && !e.toks[j].cap {
		j--
	}
	if first > j || !e.toks[first].cap && !articles[e.toks[first].key] || e.noName(first, j) {
		return end
	}
	if kind == Other {
		first, kind, evidence = e.titleInside(first, j)
	}
	if kind == Other && e.hyphenPair(first, j) {
		return end
	}
	if kind == Other {
		kind, evidence = e.classify(first, j)
	}
	if evidenceStrength(evidence) < 4 && e.isOutlet(first, j) {
		kind, evidence = Organisation, "outlet" // "told Harbor Wire", "(Harbor Wire)"
	}
	state := e.chainState(first, j, evidence)
	if evidence == "" {
		evidence = "capitalised"
	}
	e.add(first, j, kind, evidence, state)
	return end
}

// skipLeading returns the first token of i..j that may open a name: common
// words, sentence-initial common words and demonyms before it are skipped
// with the connectors after them.
func (e *extraction) skipLeading(i, j int) int {
	first := i
	for first <= j {
		t := e.toks[first]
		k := t.key
		if (k == "al" || k == "el") && first < j {
			break
		}
		common := e.g.stop[k] || (t.used == -1) || (t.sentStart || e.heading[t.line]) && t.cap && e.sentenceWord(first)
		if _, dem := e.g.demonyms[k]; dem && first < j {
			common = true
		}
		if !common {
			break
		}
		first++
		for first <= j && !e.toks[first].cap && (articles[e.toks[first].key] || particles[e.toks[first].key] || e.toks[first].key == "of") && first < j && e.toks[first+1].sep != sepHyphen {
			first++
		}
	}
	return first
}

// skipTitles skips the titles before the name ("Prime Minister Mustafa X")
// and returns where the name starts with the kind and evidence the titles
// give; ok is false when nothing but a title is left ("Prime Minister"
// before a known name, "Presidents").
func (e *extraction) skipTitles(first, j int) (int, Kind, string, bool) {
	kind, evidence := Other, ""
	for {
		n, title := e.title(first, j)
		if n == 0 {
			break
		}
		kind, evidence = Person, "title:"+title
		first += n
		// "Director of National Intelligence": what follows a title and
		// a connector is no person
		for first <= j && !e.toks[first].cap && !articles[e.toks[first].key] {
			first++
			kind, evidence = Other, ""
		}
		if first > j {
			return first, kind, evidence, false
		}
	}
	if first == j {
		if _, ok := e.g.titles[strings.TrimSuffix(e.toks[first].key, "s")]; ok {
			return first, kind, evidence, false // "Presidents", "Commander"
		}
	}
	return first, kind, evidence, true
}

// noName reports whether first..j is no name at all: a common word, an
// adjective, a lone letter, "I'd", or a party and state ("D-Calif").
func (e *extraction) noName(first, j int) bool {
	t := e.toks[first]
	if first == j && (e.g.stop[t.key] || t.used == usedDemonym || len(t.key) == 1 || contraction(t.key)) {
		return true
	}
	return len(t.key) == 1 && first < j && e.toks[first+1].sep == sepHyphen
}

// titleInside finds a title inside the name: "House Majority Leader Eric
// Cantor" is Eric Cantor, a person.
func (e *extraction) titleInside(first, j int) (int, Kind, string) {
	if j-first < 2 {
		return first, Other, ""
	}
	for p := j - 2; p > first; p-- {
		k := e.toks[p].key
		_, isTitle := e.g.titles[k]
		_, isRole := e.g.roles[k]
		if isTitle || isRole && e.toks[p].cap || k == "leader" || k == "chief" || k == "spokesman" || k == "spokeswoman" {
			return p + 1, Person, "title:" + e.text(first, p)
		}
	}
	return first, Other, ""
}

// hyphenPair adds two names joined by a hyphen, each standing alone
// elsewhere, as two mentions ("the Marvania-Tolos border" names two
// countries) and reports whether it did.
func (e *extraction) hyphenPair(first, j int) bool {
	if j != first+1 || e.toks[j].sep != sepHyphen || !e.toks[j].cap ||
		!e.standalone(e.toks[first].key, first) || !e.standalone(e.toks[j].key, j) {
		return false
	}
	for _, k := range []int{first, j} {
		kd, ev := e.classify(k, k)
		if ev == "" {
			ev = "capitalised"
		}
		e.add(k, k, kd, ev, confirmed)
	}
	return true
}

// chainState says whether the name needs confirming by another mention:
// written all in capitals, or with weak evidence in a heading or alone at
// a sentence's start.
func (e *extraction) chainState(first, j int, evidence string) chainState {
	allCaps := true
	for k := first; k <= j; k++ {
		allCaps = allCaps && (e.toks[k].allCaps || !e.toks[k].cap)
	}
	if allCaps && j > first {
		return needsConfirm
	}
	t0 := e.toks[first]
	if evidence == "" || evidenceStrength(evidence) < 3 {
		if e.heading[t0.line] || t0.sentStart && first == j {
			return needsConfirm
		}
	}
	return confirmed
}
