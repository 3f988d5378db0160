// Package advtext writes adversarial article texts for tests and
// benchmarks: a few names repeated many times in the shapes that make a
// per-occurrence rescan quadratic (a full name whose surname never stands
// alone, a demonym whose place only appears inside longer names, emphasis
// in capitals, acronym definitions, quotations with pronoun speakers, a
// chrome line after every paragraph). The text is deterministic for a
// given size and seed.
package advtext

import (
	"math/rand/v2"
	"strings"
)

// sentences are templates; %G %S are a given name and surname, %P a
// place, %A an acronym in capitals.
var sentences = []string{
	"%G %S met %G %S in the %P Valley.",
	"%G %S met officials of the %P Water Commission on Monday.",
	"Marvanian officials and %P Air staff denied the report.",
	"NORTHWIND SLAMS the %P plan, %G %S wrote in the Harbor Wire.",
	"The Popular Mobilization Units (PMU) moved towards %P Valley.",
	"\"We will not leave,\" said %G %S, a spokesman for the %P Relief Fund.",
	"Troops crossed the %P-Tolos border near the %A depot.",
	"%G %S told Harbor Wire that the %P Council had not met.",
	"\"The %P talks failed,\" he said. \"We will try again,\" she added.",
}

var (
	// invented names no gazetteer knows, so every rule is tried
	givens   = []string{"Velko", "Orsin", "Tamsk", "Brennic"}
	surnames = []string{"Lindqvist", "Ostrander", "Vaszary", "Quellan"}
	places   = []string{"Seren", "Dorna", "Hamra", "Marvania"}
	acronyms = []string{"KDRX", "ZEPHYRA", "OMNIBUS"}
)

// Text returns an adversarial text of about size bytes (never less), in
// paragraphs of a few sentences.
func Text(size int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b strings.Builder
	b.Grow(size + 256)
	n := 0
	for b.Len() < size {
		s := sentences[r.IntN(len(sentences))]
		s = strings.ReplaceAll(s, "%G", givens[r.IntN(len(givens))])
		s = strings.ReplaceAll(s, "%S", surnames[r.IntN(len(surnames))])
		s = strings.ReplaceAll(s, "%P", places[r.IntN(len(places))])
		s = strings.ReplaceAll(s, "%A", acronyms[r.IntN(len(acronyms))])
		b.WriteString(s)
		if n++; n%5 == 0 {
			// page chrome between paragraphs: many boilerplate spans
			b.WriteString("\nShare this article\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
