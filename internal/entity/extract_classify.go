package entity

import "strings"

// kindRule tells the kind of the name i..j from one kind of evidence, with
// the evidence, or reports that it has none.
type kindRule func(e *extraction, i, j int) (Kind, string, bool)

// kindRules are tried in order: the first with evidence wins. Head words
// come first (they name the thing itself), then titles and roles around
// the name, given names, speech verbs, a country's organs, prepositions
// and last a surname standing alone elsewhere.
var kindRules = []kindRule{
	(*extraction).headAtEnd,
	(*extraction).headBeforeOf,
	(*extraction).lowerHeadAfter,
	(*extraction).placeHeadOf,
	(*extraction).titleBefore,
	(*extraction).roleBefore,
	(*extraction).appositionRule,
	(*extraction).roleCommaBefore,
	(*extraction).givenName,
	(*extraction).verbBefore,
	(*extraction).verbAfter,
	(*extraction).stateOrgans,
	(*extraction).backedOrBased,
	(*extraction).prepBefore,
	(*extraction).surnameElsewhere,
}

// classify tells the kind of the name i..j from its words and context.
func (e *extraction) classify(i, j int) (Kind, string) {
	for _, rule := range kindRules {
		if k, ev, ok := rule(e, i, j); ok {
			return k, ev
		}
	}
	return Other, ""
}

// headAtEnd: a head word ending the name: "Air Base", "Units".
func (e *extraction) headAtEnd(i, j int) (Kind, string, bool) {
	if j <= i {
		return Other, "", false
	}
	if j-1 > i {
		if k, ok := e.g.heads[e.toks[j-1].key+" "+e.toks[j].key]; ok {
			return k, "head:" + e.text(j-1, j), true
		}
	}
	if k, ok := e.g.heads[e.toks[j].key]; ok {
		return k, "head:" + e.text(j, j), true
	}
	return Other, "", false
}

// headBeforeOf: a head word before "of": "Bank of England", "University of
// Baghdad".
func (e *extraction) headBeforeOf(i, j int) (Kind, string, bool) {
	for p := i + 1; p < j; p++ {
		if k := e.toks[p].key; k == "of" || k == "for" || k == "on" {
			if k, ok := e.g.heads[e.toks[p-1].key]; ok && e.toks[p-1].cap {
				return k, "head:" + e.text(p-1, p-1), true
			}
			break
		}
	}
	return Other, "", false
}

// lowerHeadAfter: a lower-case head word just after: "Dayr al-Zawr
// province".
func (e *extraction) lowerHeadAfter(_, j int) (Kind, string, bool) {
	if n := j + 1; n < len(e.toks) && e.toks[n].sep == sepSpace && !e.toks[n].cap && !e.toks[j].possessive {
		if k, ok := e.g.lowerHeads[e.toks[n].key]; ok {
			return k, "head:" + e.toks[n].key, true
		}
	}
	return Other, "", false
}

// placeHeadOf: a place head word and "of" before: "the village of Dorna",
// "the province of Hamra".
func (e *extraction) placeHeadOf(i, _ int) (Kind, string, bool) {
	if p := i - 1; p >= 1 && e.connected(i) && e.toks[p].key == "of" && e.connected(p) && !e.toks[p-1].cap {
		if k, ok := e.g.lowerHeads[e.toks[p-1].key]; ok && k == Place {
			return k, "head:" + e.toks[p-1].key + " of", true
		}
	}
	return Other, "", false
}

// titleBefore: a title of several words just before: "Commander in Chief
// Arno Pelt".
func (e *extraction) titleBefore(i, _ int) (Kind, string, bool) {
	p := i - 1
	if p < 0 || !e.connected(i) || e.toks[p].used != usedTitle {
		return Other, "", false
	}
	q := p
	for q > 0 && e.toks[q-1].used == usedTitle && e.connected(q) {
		q--
	}
	return Person, "title:" + e.text(q, p), true
}

// roleBefore: a role just before: "commander Qasim Muslih".
func (e *extraction) roleBefore(i, _ int) (Kind, string, bool) {
	if p := i - 1; p >= 0 && e.connected(i) && !e.toks[p].cap {
		if k, ok := e.g.roles[e.toks[p].key]; ok {
			return k, "context:" + e.toks[p].key, true
		}
	}
	return Other, "", false
}

// appositionRule: a role or head word in apposition: "Samira Aziz, a
// teacher", "Dorna, a farming village".
func (e *extraction) appositionRule(_, j int) (Kind, string, bool) {
	if k, word, ok := e.apposition(j); ok {
		return k, "apposition:" + word, true
	}
	return Other, "", false
}

// roleCommaBefore: a role, a comma, the name: "Its commander, Yusuf
// al-Rashidi".
func (e *extraction) roleCommaBefore(i, j int) (Kind, string, bool) {
	if p := i - 1; p >= 0 && e.toks[i].sep == sepBreak && !e.toks[p].cap && strings.TrimSpace(e.doc.Text[e.toks[p].end:e.toks[i].start]) == "," {
		if k, ok := e.g.roles[e.toks[p].key]; ok && k == Person && j > i {
			return k, "context:" + e.toks[p].key, true
		}
	}
	return Other, "", false
}

// givenName: a full name opening with a known given name.
func (e *extraction) givenName(i, j int) (Kind, string, bool) {
	if j > i && e.g.given[e.toks[i].key] {
		return Person, "given-name:" + e.text(i, i), true
	}
	return Other, "", false
}

// verbBefore: a speech verb before a full name: "said Mara Lindqvist".
func (e *extraction) verbBefore(i, j int) (Kind, string, bool) {
	if p := i - 1; j > i && p >= 0 && e.connected(i) && e.toks[i].sep == sepSpace && !e.toks[p].cap {
		if k, ok := e.g.verbs[e.toks[p].key]; ok && k == Person && e.toks[p].key != "told" {
			return k, "verb:" + e.toks[p].key, true
		}
	}
	return Other, "", false
}

// verbAfter: a verb just after the name: "Muslih said".
func (e *extraction) verbAfter(_, j int) (Kind, string, bool) {
	if n := j + 1; n < len(e.toks) && e.toks[n].sep == sepSpace {
		if k, ok := e.g.verbs[e.toks[n].key]; ok {
			return k, "verb:" + e.toks[n].key, true
		}
	}
	return Other, "", false
}

// stateOrgans: a country's organs: "Marvania's defence ministry".
func (e *extraction) stateOrgans(_, j int) (Kind, string, bool) {
	if n := j + 1; n < len(e.toks) && e.toks[j].possessive && !e.toks[n].cap && stateWords[e.toks[n].key] {
		return Place, "context:'s " + e.toks[n].key, true
	}
	return Other, "", false
}

// backedOrBased: "Tolos-backed", "Dorna-based".
func (e *extraction) backedOrBased(_, j int) (Kind, string, bool) {
	if n := j + 1; n < len(e.toks) && e.toks[n].sep == sepHyphen && (e.toks[n].key == "backed" || e.toks[n].key == "based") {
		return Place, "context:-" + e.toks[n].key, true
	}
	return Other, "", false
}

// prepBefore: a preposition that hints at a place: "in Dorna".
func (e *extraction) prepBefore(i, j int) (Kind, string, bool) {
	if p := i - 1; p >= 0 && e.connected(i) && e.toks[i].sep == sepSpace && !e.toks[j].possessive {
		if k, ok := e.g.preps[e.toks[p].key]; ok {
			return k, "prep:" + e.toks[p].key, true
		}
	}
	return Other, "", false
}

// surnameElsewhere: a first and a last name, the last name alone elsewhere:
// "Mara Lindqvist ... Lindqvist said".
func (e *extraction) surnameElsewhere(i, j int) (Kind, string, bool) {
	if j != i+1 || e.lower[e.toks[i].key] || e.lower[e.toks[j].key] || e.g.stop[e.toks[i].key] || e.g.stop[e.toks[j].key] ||
		verbShaped(e.toks[i].key) || e.toks[j].sep != sepSpace {
		return Other, "", false
	}
	if _, head := e.g.heads[e.toks[j].key]; !head && e.surnameAlone(e.toks[j].key, j) && !e.standalone(e.toks[i].key, i) {
		return Person, "surname:" + e.text(j, j), true
	}
	return Other, "", false
}
