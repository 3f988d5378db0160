package textdecode

import (
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/genlangmodel -out langmodel_table.go

// letterModel is what a language's letters look like in running text: how
// often each letter comes (per cent of letters; a letter missing is foreign
// to the language) and the log-probability of the frequent letter pairs
// inside words (a pair missing has the floor, half a pair seen once in the
// text counted).
type letterModel struct {
	lang    string
	letters map[rune]float64
	pairs   map[string]float64
	floor   float64
}

// modelProfiles are the letter profiles of the modelled languages that the
// hand-written profiles lack (Arabic and Persian), for plausibility.
var modelProfiles = func() []profile {
	var out []profile
	for _, m := range letterModels {
		if m.lang == "ar" || m.lang == "fa" {
			out = append(out, profile{lang: m.lang, freq: m.letters})
		}
	}
	return out
}()

// evidenceWeight scales languageEvidence against plausibility: a decoding
// whose letter pairs read as a modelled language gains up to about one
// point, which outweighs the letter-frequency score of a decoding that
// turns Arabic into Cyrillic letters of plausible frequency but impossible
// sequence.
const evidenceWeight = 3

// unseenPair is the log-probability of a letter pair a model lacks, the
// same for every model so that a model counted over less text (its own
// floor nearer zero) is not favoured: about the floor of the largest.
const unseenPair = -10

// pairTables are letterModels' pairs keyed by the two letters packed in one
// number, which looks up without building a string per pair.
var pairTables = func() []map[uint64]float64 {
	out := make([]map[uint64]float64, len(letterModels))
	for i, m := range letterModels {
		out[i] = make(map[uint64]float64, len(m.pairs))
		for p, lp := range m.pairs {
			rs := []rune(p)
			if len(rs) == 2 {
				out[i][pairKey(rs[0], rs[1])] = lp
			}
		}
	}
	return out
}()

func pairKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// lostPair stands for a pair with a letter the decoding lost; no model has
// it.
const lostPair = ^uint64(0)

// languageEvidence scores how much decoded text reads as one of the
// modelled languages: the mean log-probability of its letter pairs inside
// words (those with a non-ASCII letter, the only ones a code page changes)
// under the best-fitting model, scaled to 0 (every pair unseen) … 1. Text
// without such pairs scores 0.
func languageEvidence(s string) float64 {
	const maxPairs = 1500 // plenty to decide
	const lost = -1       // prev after a lost letter
	var buf [maxPairs]uint64
	pairs := buf[:0]
	var prev rune
	for _, r := range s {
		if len(pairs) == maxPairs {
			break
		}
		if !unicode.IsLetter(r) {
			if prev != 0 && r >= utf8.RuneSelf && !unicode.IsSpace(r) && !unicode.IsPunct(r) {
				// A symbol right after a letter (Ukrainian "і" read as
				// KOI8-R's "╕", French "œ" read as windows-1252's "½") is
				// a letter the decoding lost: a pair no language has, and
				// another with the letter after it.
				pairs = append(pairs, lostPair)
				prev = lost
				continue
			}
			prev = 0
			continue
		}
		r = unicode.ToLower(r)
		if prev == lost {
			pairs = append(pairs, lostPair)
		} else if prev != 0 && (prev >= utf8.RuneSelf || r >= utf8.RuneSelf) {
			pairs = append(pairs, pairKey(prev, r))
		}
		prev = r
	}
	if len(pairs) == 0 {
		return 0
	}
	best := 0.0
	for _, table := range pairTables {
		sum := 0.0
		for _, p := range pairs {
			if lp, ok := table[p]; ok {
				sum += lp
			} else {
				sum += unseenPair
			}
		}
		if e := 1 - sum/float64(len(pairs))/unseenPair; e > best {
			best = e
		}
	}
	return best
}

// westernTable chooses between windows-1252 and ISO-8859-15, which agree on
// every byte but 0x80–0x9F (printable only in windows-1252: ’ “ ” œ €) and
// eight (0xA4 € ¤, 0xA6 Š ¦, 0xA8 š ¨, 0xB4 Ž ´, 0xB8 ž ¸, 0xBC Œ ¼, 0xBD
// œ ½, 0xBE Ÿ ¾). Text with bytes of the first range is windows-1252; text
// without them whose bytes of the eight stand inside words ("c½ur") or
// where a € goes is ISO-8859-15; text with neither decodes the same in both
// and keeps the name chosen.
func westernTable(s []byte, chosen string) string {
	if chosen != "windows-1252" && chosen != "iso-8859-15" {
		return chosen
	}
	isoOnly := 0
	for i, c := range s {
		if c >= 0x80 && c < 0xA0 {
			return "windows-1252"
		}
		switch c {
		case 0xA4: // € (¤ is all but unused)
			isoOnly++
		case 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE:
			if i > 0 && isLetterByte(s[i-1]) || i+1 < len(s) && isLetterByte(s[i+1]) {
				isoOnly++
			}
		}
	}
	if isoOnly > 0 {
		return "iso-8859-15"
	}
	return chosen
}

// isLetterByte reports whether c is a letter in both Western tables.
func isLetterByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0xC0 && c != 0xD7 && c != 0xF7
}
