package entity

import "sort"

// EvidenceElsewhere is the evidence of a single word a document gave too
// little evidence for (written capitalised once, or only where any word
// is), kept because other documents of the project use it as a name.
const EvidenceElsewhere = "capitalised in other documents"

// MinOtherDocuments is how many other documents must use a word as a name
// (capitalised, away from a sentence's or a line's start and headings,
// never in lower case) for a document's weak use of it to count: one
// other could be that document's own headline habit.
const MinOtherDocuments = 2

// Held is one document's part of the project pass: the single words
// dropped there for want of evidence (only those the document never
// writes in lower case and that are no common word), and the keys of the
// words it uses as names away from a sentence's start.
type Held struct {
	Mentions []Mention
	NameKeys []string
}

// hold keeps a single word about to be dropped for the project pass,
// unless the document itself shows it is a common word.
func (e *extraction) hold(d *draft) {
	t := e.toks[d.first]
	if e.lower[t.key] || e.g.common[t.key] {
		return
	}
	m := d.m
	m.Evidence = EvidenceElsewhere
	e.held.Mentions = append(e.held.Mentions, m)
}

// usedAsName records that the single word kept at i stands as a name
// away from where any word is capitalised.
func (e *extraction) usedAsName(i int) {
	t := e.toks[i]
	if t.sentStart || e.heading[t.line] || e.lower[t.key] || e.g.common[t.key] {
		return
	}
	// a map, not a scan of the list: a document may hold thousands
	if e.nameSeen == nil {
		e.nameSeen = map[string]bool{}
	}
	if !e.nameSeen[t.key] {
		e.nameSeen[t.key] = true
		e.held.NameKeys = append(e.held.NameKeys, t.key)
	}
}

// overlaps reports whether m's span overlaps a mention of ms (sorted by
// start, as extraction returns them): a word a longer name took since.
func overlaps(ms []Mention, m Mention) bool {
	j := sort.Search(len(ms), func(k int) bool { return ms[k].Span.Start >= m.Span.End })
	for k := j - 1; k >= 0; k-- {
		if ms[k].Span.End > m.Span.Start {
			return true
		}
		if ms[k].Span.End <= m.Span.Start && ms[k].Span.Start < m.Span.Start-256 {
			break // names are short: no earlier one reaches this far
		}
	}
	return false
}
